//! A resident's consents and referrals on her profile: what she agreed may be shared with which
//! partner (and its withdrawal), the form to record a consent, and her referrals with their
//! status, each opening its page.

use super::{date, partner_name, partners};
use crate::domain::id::RecordId;
use crate::domain::permissions::Section;
use crate::domain::record::RecordMeta;
use crate::domain::referral::{Consent, Referral, Shared};
use crate::domain::resident::Resident;
use crate::domain::sorting;
use crate::domain::validation::FieldError;
use crate::store::clock;
use crate::ui::components::bound::{self, Control, Input};
use crate::ui::components::submit::Submit;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::{may, use_app, use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ReferralsPanel(id: RecordId, resident: Resident) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let x = t.partners;
    if !may(Section::CaseNotes, false) {
        return ().into_any();
    }
    let writer = may(Section::CaseNotes, true);
    let withdraw = Submit::new();
    let consents = {
        let id = id.clone();
        move || {
            app.data_version.track();
            let mut rows: Vec<(RecordMeta, Consent)> = vault()
                .read(|ix| ix.about::<Consent>(&id).map(|l| l.to_owned()).collect())
                .unwrap_or_default();
            if rows.is_empty() {
                return view! { <p class="muted" id="consents-none">{x.no_consents}</p> }
                    .into_any();
            }
            sorting::sort_by(&mut rows, |a, b| b.1.date.cmp(&a.1.date));
            let today = clock::today();
            let body = rows
                .into_iter()
                .map(|(meta, c)| {
                    let shares = c
                        .shares
                        .iter()
                        .map(|s| (x.shared)(*s))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let state = c
                        .withdrawn
                        .map(|w| fill(x.consent_withdrawn, &[("date", &date(t, w))]))
                        .unwrap_or(x.consent_in_force.to_string());
                    let open = c.in_force(today) && writer;
                    let withdrawn = Consent {
                        withdrawn: Some(today),
                        ..c.clone()
                    };
                    view! {
                        <tr>
                            <td>{date(t, c.date)}</td>
                            <th scope="row">{partner_name(&c.partner)}</th>
                            <td>{shares}</td>
                            <td>{c.witness.clone()}</td>
                            <td>{state}</td>
                            <td>{open.then(|| view! {
                                <button type="button" class="small withdraw-consent" on:click=move |_| {
                                    withdraw.put(Ok(withdrawn.clone()), RwSignal::new(vec![]), Some(&meta), move || app.notify(x.withdrawn_saved, false));
                                }>{x.withdraw}</button>
                            })}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="list" id="consents">
                    <caption class="muted small">{x.consents_caption}</caption>
                    <thead><tr>
                        <th scope="col">{x.col_date}</th><th scope="col">{x.col_partner}</th><th scope="col">{x.col_shares}</th>
                        <th scope="col">{x.col_witness}</th><th scope="col">{x.col_state}</th>
                        <th scope="col"><span class="visually-hidden">{x.withdraw}</span></th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            }
            .into_any()
        }
    };
    let referrals = {
        let id = id.clone();
        move || {
            app.data_version.track();
            let mut rows: Vec<(RecordId, Referral, crate::domain::date::Timestamp)> = vault()
                .read(|ix| {
                    ix.about::<Referral>(&id)
                        .map(|l| (l.meta.id.clone(), l.body.clone(), l.meta.created_at))
                        .collect()
                })
                .unwrap_or_default();
            if rows.is_empty() {
                return view! { <p class="muted" id="referrals-none">{x.no_referrals}</p> }
                    .into_any();
            }
            // Newest first; on one day, the later made first.
            sorting::sort_by(&mut rows, |a, b| (b.1.date, b.2).cmp(&(a.1.date, a.2)));
            let today = clock::today();
            let body = rows
                .into_iter()
                .map(|(rid, r, _)| {
                    let late = r.overdue(today);
                    let status = (x.status)(r.status());
                    let partner = partner_name(&r.partner);
                    view! {
                        <tr class:alert=late>
                            <td>{date(t, r.date)}</td>
                            <th scope="row"><A href=format!("/rujukan/{rid}")>{partner}</A></th>
                            <td>{r.number.clone()}</td>
                            <td>{status}{late.then(|| view! { " " <span class="tag s-left_early">{x.overdue}</span> })}</td>
                            <td>{date(t, r.expected_response)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="list" id="referrals">
                    <caption class="muted small">{x.referrals_caption}</caption>
                    <thead><tr>
                        <th scope="col">{x.col_date}</th><th scope="col">{x.col_partner}</th><th scope="col">{x.col_number}</th>
                        <th scope="col">{x.col_status}</th><th scope="col">{x.col_expected}</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            }
            .into_any()
        }
    };
    let form = writer.then(|| consent_form(t, id.clone(), resident));
    let new_referral = writer.then(|| {
        view! { <p><A href=format!("/klien/{id}/rujukan-baru") attr:id="new-referral" attr:class="button">{x.new_referral}</A></p> }
    });
    view! {
        <section class="card" id="referrals-card" aria-labelledby="referrals-title">
            <h2 id="referrals-title">{x.sec_referrals}</h2>
            {consents}
            {withdraw.banner("withdraw-error")}
            {form}
            {referrals}
            {new_referral}
        </section>
    }
    .into_any()
}

fn consent_form(t: &'static Texts, id: RecordId, resident: Resident) -> AnyView {
    let app = use_app();
    let x = t.partners;
    let choices: Vec<(String, String)> = partners()
        .into_iter()
        .map(|(pid, p)| (pid.to_string(), p.name))
        .collect();
    if choices.is_empty() {
        return view! { <p class="muted" id="consent-no-partners">{x.no_partners}</p> }.into_any();
    }
    let partner = RwSignal::new(String::new());
    let day = RwSignal::new(clock::today().iso());
    let witness = RwSignal::new(String::new());
    let guardian = RwSignal::new(String::new());
    let shares = RwSignal::new(Vec::<Shared>::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let send = move || {
        let Some(p) = RecordId::parse(&partner.get_untracked()) else {
            crate::ui::components::field::show_errors(
                errors,
                vec![crate::domain::validation::err(
                    "cs_partner",
                    crate::domain::validation::Problem::Required,
                )],
            );
            submit.fail(t.form_has_errors.into());
            return;
        };
        let today = clock::today();
        let checked = Consent::validated(
            id.clone(),
            p,
            &day.get_untracked(),
            shares.get_untracked(),
            &witness.get_untracked(),
            &guardian.get_untracked(),
            resident.age_on(today),
            resident.intake_date,
            today,
        );
        submit.create(checked, errors, move || {
            partner.set(String::new());
            witness.set(String::new());
            guardian.set(String::new());
            shares.set(vec![]);
            app.notify(x.consent_saved, false);
        });
    };
    let boxes = Shared::ALL
        .into_iter()
        .map(|s| {
            let code = crate::domain::code_of(s);
            let box_id = format!("cs_share_{code}");
            view! {
                <label class="check">
                    <input type="checkbox" id=box_id prop:checked=move || shares.with(|v| v.contains(&s))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            shares.update(|v| {
                                v.retain(|x| *x != s);
                                if on { v.push(s) }
                            });
                        } />
                    {(x.shared)(s)}
                </label>
            }
        })
        .collect_view();
    let parts = vec![
        bound::fields(
            errors,
            vec![
                Input::new("cs_partner", x.f_cs_partner, Control::Choice(choices), partner),
                Input::new("cs_date", x.f_cs_date, Control::Date, day),
            ],
        ),
        view! {
            <fieldset class="checks" id="cs_shares">
                <legend>{x.f_cs_shares}</legend>
                {boxes}
                <p class="error" id="cs_shares-error" aria-live="polite">{move || errors.with(|e| e.iter().find(|x| x.field == "cs_shares").map(|x| t.problem(x.problem)))}</p>
            </fieldset>
        }
        .into_any(),
        bound::fields(
            errors,
            vec![
                Input::new("cs_witness", x.f_cs_witness, Control::Text, witness),
                Input::new("cs_guardian", x.f_cs_guardian, Control::Text, guardian)
                    .optional()
                    .hint(x.guardian_hint),
            ],
        ),
    ];
    bound::form(
        "consent-form",
        Some(x.new_consent.to_string()),
        parts,
        submit,
        ("consent-save", x.save_consent),
        None,
        Box::new(send),
    )
}
