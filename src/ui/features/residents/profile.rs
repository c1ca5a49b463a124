//! One resident's profile, with edit and delete.

use crate::domain::id::RecordId;
use crate::domain::identity_paper::IdentityPaper;
use crate::domain::permissions::Section;
use crate::domain::photo::Photo;
use crate::domain::resident::{Resident, PHONE_FAMILY, PHONE_OWN};
use crate::store::{clock, Change};
use crate::ui::components::submit::Submit;
use crate::ui::format;
use crate::ui::i18n::fill;
use crate::ui::session::{may, use_app, use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

#[component]
pub fn ResidentProfilePage(id: Option<RecordId>) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let submit = Submit::new();
    let record = move || {
        app.data_version.track();
        let id = id.as_ref()?;
        // Typed: an id of another kind (a photo, a staff member) is "not found", like any other.
        vault()
            .read(|ix| ix.get::<Resident>(id).map(|l| l.to_owned()))
            .ok()
            .flatten()
    };
    move || {
        let Some((m, r)) = record() else {
            return view! { <p class="banner error">{t.err_not_found}</p> <A href="/klien">{t.back}</A> }.into_any();
        };
        let today = clock::today();
        let v = vault();
        let who = |id: &RecordId| v.staff_name(id).ok().flatten().unwrap_or_default();
        let registered = fill(
            t.residents.profile_registered,
            &[
                ("name", &who(&m.created_by)),
                ("date", &format::timestamp_date(m.created_at, &t.months)),
            ],
        );
        let updated = (m.rev > 1).then(|| {
            fill(
                t.residents.profile_updated,
                &[
                    ("name", &who(&m.updated_by)),
                    ("date", &format::timestamp_date(m.updated_at, &t.months)),
                    ("rev", &m.rev.to_string()),
                ],
            )
        });
        let unknown = t.unknown;
        let or_unknown = move |s: String| if s.is_empty() { unknown.to_string() } else { s };
        let birth = match (r.birth_date, r.age_on(today)) {
            (Some(b), Some(a)) => format!(
                "{} ({})",
                format::date(b, &t.months),
                fill(t.residents.years, &[("n", &a.to_string())])
            ),
            (None, Some(a)) => format!("± {}", fill(t.residents.years, &[("n", &a.to_string())])),
            _ => unknown.to_string(),
        };
        let phone = |label: &str| {
            r.contacts
                .iter()
                .find(|c| c.label == label)
                .map(|c| c.number.clone())
                .unwrap_or_default()
        };
        let (phone_own, phone_family) = (phone(PHONE_OWN), phone(PHONE_FAMILY));
        let name = r.full_name.clone();
        let nav = navigate.clone();
        let (id, rev) = (m.id.clone(), m.rev);
        let photo = v
            .read(|ix| ix.about::<Photo>(&m.id).next().map(|l| l.to_owned()))
            .ok()
            .flatten();
        // Everything about her goes with her, in the same transaction: photo, stage moves, notes.
        let with_her: Vec<Change> = v
            .read(|ix| {
                ix.everything_about(&m.id)
                    .into_iter()
                    .map(Change::delete)
                    .collect()
            })
            .unwrap_or_default();
        let delete = move |_| {
            let nav = nav.clone();
            let mut changes = vec![Change::Delete {
                id: id.clone(),
                base_rev: rev,
            }];
            changes.extend(with_her.clone());
            submit.save(changes, move |_| {
                nav("/klien", NavigateOptions::default());
                app.notify(t.residents.deleted_resident, false);
            });
        };
        let restricted = || view! { <span class="restricted">{t.restricted}</span> }.into_any();
        let (contacts, social, papers) = (
            may(Section::FamilyContacts, false),
            may(Section::SocialBackground, false),
            may(Section::IdentityPapers, false),
        );
        let family_address = if contacts {
            or_unknown(r.family_address.clone()).into_any()
        } else {
            restricted()
        };
        let (phone_own, phone_family) = if contacts {
            (
                or_unknown(phone_own).into_any(),
                or_unknown(phone_family).into_any(),
            )
        } else {
            (restricted(), restricted())
        };
        view! {
            <div class="row spread">
                <div class="row">
                {photo.map(|(_, p)| view! { <img class="photo" id="profile-photo" src=p.data_url() alt=fill(t.residents.photo_alt, &[("name", &r.full_name)]) /> })}
                <div>
                    <h1 id="profile-name">{r.full_name.clone()}</h1>
                    <p class="muted">{(!r.alias.is_empty()).then(|| format!("“{}” · ", r.alias))}{r.cohort.clone()} " · "
                        <span class=format!("tag s-{}", r.status().code())>{(t.case.stage)(r.stage)}</span>
                        {(!r.register_no.is_empty()).then(|| view! { " · " <span id="profile-register-no">{r.register_no.clone()}</span> })}</p>
                </div>
                </div>
                <div class="row">
                <A href=format!("/klien/{}/linimasa", m.id) attr:class="button" attr:id="timeline-link">{t.case.timeline_link}</A>
                {may(Section::Identity, true).then(|| view! {
                <div class="row">
                    <A href=format!("/klien/{}/ubah", m.id) attr:class="button" attr:id="edit-resident">{t.edit}</A>
                    <button type="button" class="danger" id="delete-resident" on:click=move |_| confirming.set(true)>{t.delete}</button>
                </div>
                })}
                </div>
            </div>
            {submit.banner("profile-error")}
            {(papers && r.papers.any_confiscated()).then(|| view! { <p class="banner warn">{t.residents.papers_alert}</p> })}
            <Show when=move || confirming.get()>
                <div class="confirm card" role="alertdialog" aria-labelledby="confirm-title">
                    <h2 id="confirm-title">{t.residents.delete_confirm_title}</h2>
                    <p>{fill(t.residents.delete_confirm_text, &[("name", &name)])}</p>
                    <div class="row">
                        <button type="button" on:click=move |_| confirming.set(false)>{t.cancel}</button>
                        <button type="button" class="danger" id="confirm-delete" on:click=delete.clone()>{t.residents.delete_yes}</button>
                    </div>
                </div>
            </Show>
            <div class="profile-grid">
                <section class="card">
                    <h2>{t.residents.sec_identity}</h2>
                    <dl>
                        <dt>{t.residents.f_birth_date}</dt><dd>{birth}</dd>
                        <dt>{t.residents.f_origin}</dt><dd id="profile-origin">{or_unknown(r.origin_label())}</dd>
                        <dt>{t.residents.f_family_address}</dt><dd>{family_address}</dd>
                        <dt>{t.residents.f_phone_own}</dt><dd>{phone_own}</dd>
                        <dt>{t.residents.f_phone_family}</dt><dd>{phone_family}</dd>
                    </dl>
                </section>
                <section class="card">
                    <h2>{t.residents.sec_social}</h2>
                    {if social { view! { <dl>
                        <dt>{t.residents.f_religion}</dt><dd>{(t.religion)(r.religion)}</dd>
                        <dt>{t.residents.f_education}</dt><dd>{(t.education)(r.education)}</dd>
                        <dt>{t.residents.f_marital}</dt><dd>{(t.marital)(r.marital_status)}</dd>
                        <dt>{t.residents.f_children}</dt><dd>{r.children}</dd>
                    </dl> }.into_any() } else {
                        view! { <p class="restricted" id="social-restricted">{t.restricted}</p> }.into_any()
                    }}
                </section>
                <section class="card">
                    <h2>{t.residents.sec_intake}</h2>
                    <dl>
                        <dt>{t.case.f_register_no}</dt><dd>{or_unknown(r.register_no.clone())}</dd>
                        <dt>{t.residents.f_intake_date}</dt><dd>{format::date(r.intake_date, &t.months)}</dd>
                        <dt>{t.case.f_statement_date}</dt><dd id="profile-statement">{match &r.statement {
                            Some(s) => format!("{} · {}", format::date(s.date, &t.months), s.witness),
                            None => t.case.no_statement.to_string(),
                        }}</dd>
                        <dt>{t.residents.f_referral}</dt><dd>{(t.referral)(r.referral_source)}
                            {(!r.referral_note.is_empty()).then(|| format!(" — {}", r.referral_note))}</dd>
                    </dl>
                </section>
                <section class="card">
                    <h2>{t.residents.sec_papers}</h2>
                    {if papers { view! { <dl>
                        {IdentityPaper::ALL.iter().map(|p| {
                            let label = match p { IdentityPaper::Ktp => t.residents.f_ktp, IdentityPaper::Kk => t.residents.f_kk, IdentityPaper::BirthCertificate => t.residents.f_birth_cert };
                            let s = r.papers.get(*p);
                            view! { <dt>{label}</dt><dd class:alert=s.needs_action()>{(t.paper_status)(s)}</dd> }
                        }).collect_view()}
                    </dl> }.into_any() } else {
                        view! { <p class="restricted" id="papers-restricted">{t.restricted}</p> }.into_any()
                    }}
                </section>
            </div>
            <crate::ui::features::casework::StagePanel id=m.id.clone() rev=m.rev resident=r.clone() />
            <crate::ui::features::casework::AssessmentPanel id=m.id.clone() resident=r.clone() />
            <crate::ui::features::casework::ConferencePanel id=m.id.clone() intake=r.intake_date />
            <crate::ui::features::casework::PlanPanel id=m.id.clone() intake=r.intake_date />
            <crate::ui::features::vocational::TrainingPanel id=m.id.clone() resident=r.clone() />
            <crate::ui::features::guidance::ResidentAttendance id=m.id.clone() />
            <crate::ui::features::conduct::ConductPanel id=m.id.clone() resident=r.clone() />
            <crate::ui::features::partners::ReferralsPanel id=m.id.clone() resident=r.clone() />
            <crate::ui::features::casework::AftercarePanel id=m.id.clone() resident=r.clone() />
            <crate::ui::features::casework::AtensiPanel id=m.id.clone() intake=r.intake_date />
            <crate::ui::features::casework::NotesPanel id=m.id.clone() resident=r.clone() />
            <p class="muted small">{registered}{updated.map(|u| format!(" · {u}"))}</p>
        }.into_any()
    }
}
