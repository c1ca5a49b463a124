//! `/rujukan/<id>/surat`: the referral letter (surat rujukan) on A4, under the shelter's
//! letterhead, with her details limited to what her consent to that partner lets the shelter
//! share (her name only, when the referral was made without it). The print stylesheet drops
//! the app around it; the end-to-end test prints it to PDF and reads it back.

use super::date;
use crate::domain::id::RecordId;
use crate::domain::identity_paper::IdentityPaper;
use crate::domain::permissions::Section;
use crate::domain::referral::{Consent, Partner, Referral, Shared};
use crate::domain::region;
use crate::domain::resident::Resident;
use crate::domain::staff::{StaffMember, StaffRole};
use crate::ui::i18n::fill;
use crate::ui::session::{may, use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;

pub fn letter_page(id: Option<RecordId>) -> AnyView {
    let t = use_texts();
    let x = t.partners;
    if !may(Section::CaseNotes, false) {
        return super::super::restricted_page();
    }
    type Found = (
        Referral,
        Resident,
        Partner,
        Vec<Shared>,
        String,
        (String, String),
    );
    let found: Option<Found> = id.as_ref().and_then(|id| {
        vault()
            .read(|ix| {
                let r = ix.get::<Referral>(id)?.body.clone();
                let resident = ix.get::<Resident>(&r.resident)?.body.clone();
                let partner = ix.get::<Partner>(&r.partner)?.body.clone();
                let shares = ix
                    .about::<Consent>(&r.resident)
                    .filter(|c| c.body.partner == r.partner && c.body.in_force(r.date))
                    .flat_map(|c| c.body.shares.clone())
                    .collect();
                let head = ix
                    .all::<StaffMember>()
                    .find(|s| s.body.role == StaffRole::Head && s.body.active)
                    .map(|s| s.body.name.clone())
                    .unwrap_or_default();
                let shelter = ix
                    .first::<crate::domain::shelter::Shelter>()
                    .map(|s| (s.body.name.clone(), s.body.address.clone()))
                    .unwrap_or_default();
                Some((r, resident, partner, shares, head, shelter))
            })
            .ok()
            .flatten()
    });
    let Some((r, resident, partner, shares, head, (shelter, address))) = found else {
        return super::super::not_found();
    };
    let sent = r
        .history
        .iter()
        .find(|h| h.status == crate::domain::referral::Status::Sent)
        .map_or(r.date, |h| h.date);
    let today = crate::store::clock::today();
    let mut details = vec![(x.l_name, resident.full_name.clone())];
    if shares.contains(&Shared::Identity) {
        if let Some(age) = resident.age_on(today) {
            details.push((x.l_age, fill(x.l_age_years, &[("n", &age.to_string())])));
        }
        let origin = [
            region::regency(&resident.origin_regency).map(|r| r.name),
            region::province(&resident.origin_province).map(|r| r.name),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        if !origin.is_empty() {
            details.push((x.l_origin, origin));
        }
    }
    if shares.contains(&Shared::Contacts) && !resident.contacts.is_empty() {
        let phones = resident
            .contacts
            .iter()
            .map(|c| format!("{} {}", c.label, c.number))
            .collect::<Vec<_>>()
            .join("; ");
        details.push((x.l_phone, phones));
    }
    if shares.contains(&Shared::IdentityPapers) {
        let papers = IdentityPaper::ALL
            .iter()
            .map(|p| {
                let label = match p {
                    IdentityPaper::Ktp => t.residents.f_ktp,
                    IdentityPaper::Kk => t.residents.f_kk,
                    IdentityPaper::BirthCertificate => t.residents.f_birth_cert,
                };
                format!("{label}: {}", (t.paper_status)(resident.papers.get(*p)))
            })
            .collect::<Vec<_>>()
            .join("; ");
        details.push((x.l_papers, papers));
    }
    let details = details
        .into_iter()
        .map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> })
        .collect_view();
    let partner_address =
        (!partner.address.is_empty()).then(|| view! { <p>{partner.address.clone()}</p> });
    view! {
        <div class="row spread no-print">
            <A href=format!("/rujukan/{}", id.map(|i| i.to_string()).unwrap_or_default()) attr:class="button">{t.back}</A>
            <button type="button" class="primary" id="print-letter" on:click=move |_| { let _ = window().print(); }>{x.print}</button>
        </div>
        <article class="print-page letter" id="referral-letter">
            <header class="letterhead">
                <p class="shelter-name">{shelter}</p>
                <p class="small">{address}</p>
            </header>
            <h1 class="visually-hidden">{x.letter_link}</h1>
            <dl class="letter-head">
                <dt>{x.l_number}</dt><dd id="letter-number">{r.number.clone()}</dd>
                <dt>{x.l_subject}</dt><dd>{x.l_subject_text}</dd>
            </dl>
            <p class="letter-date">{date(t, sent)}</p>
            <div class="letter-to">
                <p>{x.l_to}</p>
                <p id="letter-partner"><strong>{partner.name.clone()}</strong></p>
                {partner_address}
            </div>
            <p>{x.l_opening}</p>
            <dl id="letter-resident">{details}</dl>
            <dl>
                <dt>{x.l_reason}</dt><dd>{r.reason.clone()}</dd>
                <dt>{x.l_services}</dt><dd>{r.services.clone()}</dd>
            </dl>
            <p class="small muted">{x.l_limited}</p>
            <p>{x.l_closing}</p>
            <div class="signature">
                <p>{x.l_head}</p>
                <p class="signature-line"></p>
                <p id="letter-head-name">{head}</p>
            </div>
        </article>
    }
    .into_any()
}
