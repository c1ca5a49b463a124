//! A new referral (`/klien/<id>/rujukan-baru[/<partner kind>]`: a flag of her assessment opens
//! it filled in), and a referral's page (`/rujukan/<id>`) with its status moves. Marking it sent
//! gives it the next letter number of the year from the shelter's pattern.

use super::{date, partner_name, partners};
use crate::domain::id::RecordId;
use crate::domain::permissions::Section;
use crate::domain::record::RecordMeta;
use crate::domain::referral::{
    self, Consent, Partner, PartnerKind, Referral, ReferralDraft, ReferralOf,
};
use crate::domain::resident::Resident;
use crate::domain::staff::StaffMember;
use crate::domain::validation::FieldError;
use crate::store::clock;
use crate::store::Change;
use crate::ui::components::bound::{self, Control, Input};
use crate::ui::components::field::show_errors;
use crate::ui::components::submit::Submit;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::{may, use_app, use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

pub fn new_referral_page(id: Option<RecordId>, kind: Option<PartnerKind>) -> AnyView {
    let found = id.and_then(|id| {
        vault()
            .read(|ix| {
                ix.get::<Resident>(&id)
                    .map(|l| (id.clone(), l.body.clone()))
            })
            .ok()
            .flatten()
    });
    let Some((id, resident)) = found else {
        return super::super::not_found();
    };
    if !may(Section::CaseNotes, true) {
        return super::super::restricted_page();
    }
    view! { <NewReferral id=id resident=resident kind=kind /> }.into_any()
}

#[component]
fn NewReferral(id: RecordId, resident: Resident, kind: Option<PartnerKind>) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let x = t.partners;
    let navigate = use_navigate();
    let all = partners();
    if all.is_empty() {
        return view! {
            <h1>{fill(x.referral_title, &[("name", &resident.full_name)])}</h1>
            <p class="banner" id="referral-no-partners">{x.no_partners}</p>
            <p><A href="/mitra">{x.title}</A></p>
        }
        .into_any();
    }
    let today = clock::today();
    let first_of_kind = kind.and_then(|k| {
        all.iter()
            .find(|(_, p)| p.kind == k)
            .map(|(i, _)| i.to_string())
    });
    let (reason0, services0, flag) = match kind {
        Some(PartnerKind::Dukcapil) => (
            x.reason_papers,
            x.services_papers,
            Some(t.case.flag_documents),
        ),
        Some(PartnerKind::PolicePpa) => (
            x.reason_trafficking,
            x.services_trafficking,
            Some(t.case.flag_trafficking),
        ),
        _ => ("", "", None),
    };
    let partner = RwSignal::new(first_of_kind.unwrap_or_default());
    let day = RwSignal::new(today.iso());
    let reason = RwSignal::new(reason0.to_string());
    let services = RwSignal::new(services0.to_string());
    let expected = RwSignal::new(today.plus_days(14).iso());
    let override_reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let consents = {
        let id = id.clone();
        move || -> Vec<Consent> {
            vault()
                .read(|ix| ix.about::<Consent>(&id).map(|l| l.body.clone()).collect())
                .unwrap_or_default()
        }
    };
    let consents = StoredValue::new(consents);
    // Whether her consent covers the chosen partner on the chosen day, and the partner's MoU.
    let agreements: Vec<(RecordId, Partner)> = all.clone();
    let status = move || {
        let p = RecordId::parse(&partner.get())?;
        let d = crate::domain::date::Date::parse_iso(day.get().trim()).unwrap_or(today);
        let consented = consents
            .with_value(|f| f())
            .iter()
            .any(|c| c.partner == p && c.in_force(d));
        let expired = agreements
            .iter()
            .find(|(i, _)| *i == p)
            .and_then(|(_, x)| x.agreement.filter(|_| x.agreement_expired(d)));
        Some((consented, expired))
    };
    let status = Memo::new(move |_| status());
    let notes = move || {
        status.get().map(|(consented, expired)| {
            view! {
                <p class="banner" class:warn=!consented id="rf-consent" role="status">
                    {if consented { x.has_consent } else { x.lacks_consent }}
                </p>
                {expired.map(|a| view! {
                    <p class="banner warn" id="rf-mou-expired" role="status">{fill(x.warn_mou_expired, &[("date", &date(t, a.end))])}</p>
                })}
            }
        })
    };
    let send = {
        let id = id.clone();
        move || {
            let Ok((me, _)) = vault().current_staff() else {
                submit.fail(t.form_has_errors.into());
                return;
            };
            let Some(p) = RecordId::parse(&partner.get_untracked()) else {
                show_errors(
                    errors,
                    vec![crate::domain::validation::err(
                        "rf_partner",
                        crate::domain::validation::Problem::Required,
                    )],
                );
                submit.fail(t.form_has_errors.into());
                return;
            };
            let all_consents = consents.with_value(|f| f());
            let of = ReferralOf {
                resident: &id,
                partner: &p,
                intake: resident.intake_date,
                by: &me,
                consents: &all_consents,
            };
            let g = |s: RwSignal<String>| s.get_untracked();
            let (d, r, sv, e, o) = (
                g(day),
                g(reason),
                g(services),
                g(expected),
                g(override_reason),
            );
            let draft = ReferralDraft {
                date: &d,
                reason: &r,
                services: &sv,
                expected: &e,
                override_reason: &o,
            };
            let checked = draft.validate(&of, clock::today());
            let navigate = navigate.clone();
            let back = format!("/klien/{id}");
            submit.create(checked, errors, move || {
                app.notify(x.referral_saved, false);
                navigate(&back, Default::default());
            });
        }
    };
    let choices = all
        .iter()
        .map(|(i, p)| (i.to_string(), format!("{} ({})", p.name, (x.kind)(p.kind))))
        .collect();
    let parts = vec![
        bound::fields(
            errors,
            vec![
                Input::new(
                    "rf_partner",
                    x.f_rf_partner,
                    Control::Choice(choices),
                    partner,
                ),
                Input::new("rf_date", x.f_rf_date, Control::Date, day),
            ],
        ),
        notes.into_any(),
        bound::fields(
            errors,
            vec![
                Input::new("rf_reason", x.f_rf_reason, Control::Area(3), reason),
                Input::new("rf_services", x.f_rf_services, Control::Area(2), services),
                Input::new("rf_expected", x.f_rf_expected, Control::Date, expected),
                Input::new(
                    "rf_override",
                    x.f_rf_override,
                    Control::Area(2),
                    override_reason,
                )
                .optional()
                .hint(x.override_hint),
            ],
        ),
    ];
    view! {
        <h1>{fill(x.referral_title, &[("name", &resident.full_name)])}</h1>
        {flag.map(|f| view! { <p class="banner" id="rf-from-flag">{fill(x.from_flag, &[("flag", f)])}</p> })}
        <section class="card narrow">
            {bound::form("referral-form", None, parts, submit, ("referral-save", x.save_referral), None, Box::new(send))}
        </section>
        <p><A href=format!("/klien/{id}")>{x.back_to_profile}</A></p>
    }
    .into_any()
}

pub fn referral_page(id: Option<RecordId>) -> AnyView {
    if !may(Section::CaseNotes, false) {
        return super::super::restricted_page();
    }
    let found = id.and_then(|id| {
        vault()
            .read(|ix| ix.get::<Referral>(&id).map(|l| l.to_owned()))
            .ok()
            .flatten()
    });
    match found {
        Some((meta, _)) => view! { <ReferralPage meta=meta /> }.into_any(),
        None => super::super::not_found(),
    }
}

fn staff_name(id: &RecordId) -> String {
    vault()
        .read(|ix| ix.get::<StaffMember>(id).map(|l| l.body.name.clone()))
        .ok()
        .flatten()
        .unwrap_or_default()
}

#[component]
fn ReferralPage(meta: RecordMeta) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let x = t.partners;
    let id = meta.id.clone();
    move || {
        app.data_version.track();
        let Some((meta, r)) = vault()
            .read(|ix| ix.get::<Referral>(&id).map(|l| l.to_owned()))
            .ok()
            .flatten()
        else {
            return super::super::not_found();
        };
        let name = vault()
            .read(|ix| {
                ix.get::<Resident>(&r.resident)
                    .map(|l| l.body.full_name.clone())
            })
            .ok()
            .flatten()
            .unwrap_or_default();
        let partner = partner_name(&r.partner);
        let mut facts = vec![
            (x.f_rf_date, date(t, r.date)),
            (x.f_rf_partner, partner.clone()),
            (x.col_status, (x.status)(r.status()).to_string()),
            (
                x.col_number,
                if r.number.is_empty() {
                    x.letter_needs_number.to_string()
                } else {
                    r.number.clone()
                },
            ),
            (x.f_rf_reason, r.reason.clone()),
            (x.f_rf_services, r.services.clone()),
            (x.f_rf_expected, date(t, r.expected_response)),
            (x.col_by, staff_name(&r.by)),
        ];
        if !r.override_reason.is_empty() {
            facts.push((
                x.f_rf_override,
                fill(x.override_shown, &[("reason", &r.override_reason)]),
            ));
        }
        let history = r
            .history
            .iter()
            .map(|h| {
                vec![
                    date(t, h.date),
                    (x.status)(h.status).to_string(),
                    staff_name(&h.by),
                    h.note.clone(),
                ]
            })
            .collect();
        let letter = (!r.number.is_empty()).then(|| {
            view! { <p><A href=format!("/rujukan/{}/surat", meta.id) attr:id="letter-link" attr:class="button">{x.letter_link}</A></p> }
        });
        let moves = may(Section::CaseNotes, true).then(|| move_form(t, meta.clone(), r.clone()));
        view! {
            <h1>{fill(x.referral_of, &[("name", &name), ("partner", &partner)])}</h1>
            <section class="card">
                {bound::facts("referral-facts", facts)}
                {letter}
            </section>
            <section class="card">
                {bound::table("referral-history", x.history_caption, vec![x.col_date, x.col_status, x.col_by, x.col_note], history)}
            </section>
            {moves}
            <p><A href=format!("/klien/{}", r.resident) attr:id="back-to-profile">{x.back_to_profile}</A></p>
        }
        .into_any()
    }
}

fn move_form(t: &'static Texts, meta: RecordMeta, r: Referral) -> AnyView {
    let app = use_app();
    let x = t.partners;
    let next = r.status().next();
    if next.is_empty() {
        return view! { <p class="muted" id="referral-closed">{x.no_moves}</p> }.into_any();
    }
    let to = RwSignal::new(crate::domain::code_of(next[0]));
    let day = RwSignal::new(clock::today().iso());
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let send = move || {
        let Ok((me, _)) = vault().current_staff() else {
            submit.fail(t.form_has_errors.into());
            return;
        };
        let target = next
            .iter()
            .copied()
            .find(|s| crate::domain::code_of(*s) == to.get_untracked());
        let Some(target) = target else {
            submit.fail(t.form_has_errors.into());
            return;
        };
        let moved = r.moved(
            target,
            &day.get_untracked(),
            me,
            &note.get_untracked(),
            clock::today(),
        );
        let moved = moved.map(|mut m| {
            // Sent: the next number of the year, from the shelter's pattern.
            if target == referral::Status::Sent && m.number.is_empty() {
                let on = m.history.last().map_or(m.date, |c| c.date);
                let pattern = vault()
                    .shelter()
                    .ok()
                    .flatten()
                    .map(|s| s.letter_pattern().to_string())
                    .unwrap_or(crate::domain::shelter::DEFAULT_LETTER_PATTERN.to_string());
                let n = vault()
                    .read(|ix| referral::next_in_year(ix.all::<Referral>().map(|l| l.body), on))
                    .unwrap_or(1);
                m.number = referral::letter_number(&pattern, n, on);
            }
            m
        });
        match moved {
            Err(e) => {
                show_errors(errors, e);
                submit.fail(t.form_has_errors.into());
            }
            Ok(body) => {
                show_errors(errors, vec![]);
                let change = Change::Update {
                    id: meta.id.clone(),
                    base_rev: meta.rev,
                    body: crate::domain::kinds::Kind::into_body(body),
                };
                let word = (x.status)(target);
                submit.save(vec![change], move |_| {
                    app.notify(fill(x.move_saved, &[("status", word)]), false)
                });
            }
        }
    };
    let choices = next
        .iter()
        .map(|s| (crate::domain::code_of(*s), (x.status)(*s).to_string()))
        .collect();
    let parts = vec![bound::fields(
        errors,
        vec![
            Input::new("rf_move_to", x.f_move_to, Control::Choice(choices), to),
            Input::new("rf_move_date", x.f_move_date, Control::Date, day),
            Input::new("rf_move_note", x.f_move_note, Control::Area(2), note).optional(),
        ],
    )];
    view! {
        <section class="card narrow" aria-labelledby="move-title">
            <h2 id="move-title">{x.move_title}</h2>
            {bound::form("referral-move", None, parts, submit, ("move-save", x.save_move), None, Box::new(send))}
        </section>
    }
    .into_any()
}
