//! The assessment on a resident's profile: the latest one's answers (the restricted ones only
//! where the role holds the key), the flags they raise with one action each, and the form.

use crate::domain::assessment::{self, Assessment, AssessmentDraft, Flag, Indicator, Reason};
use crate::domain::case_note::{CaseNote, FollowUp, NoteKind, NoteText};
use crate::domain::id::RecordId;
use crate::domain::permissions::Section;
use crate::domain::record::RecordMeta;
use crate::domain::resident::Resident;
use crate::domain::validation::FieldError;
use crate::store::{clock, Change};
use crate::ui::components::field::Field;
use crate::ui::components::submit::Submit;
use crate::ui::format;
use crate::ui::session::{error_text, may, use_app, use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;

/// The vocational fields offered for her interests (the daily-life issue makes them data).
const FIELDS: [&str; 4] = ["salon", "tataboga", "jahit", "rias"];

#[component]
pub fn AssessmentPanel(id: RecordId, resident: Resident) -> impl IntoView {
    let t = use_texts();
    let c = t.case;
    if !may(Section::Trafficking, false) {
        return ().into_any();
    }
    let v = vault();
    let latest: Option<(RecordMeta, Assessment)> = v
        .read(|ix| {
            ix.about::<Assessment>(&id)
                .max_by_key(|l| (l.body.date, l.meta.created_at))
                .map(|l| l.to_owned())
        })
        .ok()
        .flatten();
    let papers = resident.papers.any_confiscated();
    let shown = latest.as_ref().map(|(m, a)| {
        let entry = v.reveal(m, &a.entry);
        let health = v.reveal(m, &a.health);
        if entry.is_ok() || health.is_ok() {
            super::note_opened(&id, "assessment");
        }
        let flags = entry
            .as_ref()
            .map(|e| assessment::flags(e, papers))
            .unwrap_or_default();
        let restricted = |e: &crate::store::StoreError| error_text(t, e);
        let answers = match &entry {
            Ok(e) => {
                let mut reasons: Vec<String> = e.reasons.iter().map(|r| (c.reason)(*r).to_string()).collect();
                if !e.other_reason.is_empty() {
                    reasons.push(e.other_reason.clone());
                }
                let indicators: Vec<&str> = e.indicators.iter().map(|i| (c.indicator)(*i)).collect();
                (reasons.join(", "), if indicators.is_empty() { c.none.to_string() } else { indicators.join(", ") })
            }
            Err(err) => (restricted(err), restricted(err)),
        };
        let health = health.unwrap_or_else(|e| restricted(&e));
        let interests = a.interests.join(" → ");
        view! {
            <dl id="assessment-answers">
                <dt>{c.f_as_date}</dt><dd>{format::date(a.date, &t.months)} <span class="muted small">{format!(" · {} {}", c.form_version, a.form_version)}</span></dd>
                <dt>{c.f_reasons}</dt><dd>{answers.0}</dd>
                <dt>{c.f_indicators}</dt><dd id="assessment-indicators">{answers.1}</dd>
                <dt>{c.f_health}</dt><dd>{health}</dd>
                <dt>{c.f_family}</dt><dd>{a.family.clone()}</dd>
                <dt>{c.f_education}</dt><dd>{a.education_skills.clone()}</dd>
                <dt>{c.f_interests}</dt><dd>{interests}</dd>
                <dt>{c.f_needs}</dt><dd>{a.needs.clone()}</dd>
                <dt>{c.f_strengths}</dt><dd>{a.strengths.clone()}</dd>
            </dl>
            <FlagList id=id.clone() flags=flags />
        }
    });
    view! {
        <section class="card" id="assessment-card" aria-labelledby="assessment-title">
            <h2 id="assessment-title">{c.sec_assessment}</h2>
            {match shown {
                Some(v) => v.into_any(),
                None => view! { <p class="muted" id="no-assessment">{c.no_assessment}</p> }.into_any(),
            }}
            {may(Section::Trafficking, true).then(|| view! { <AssessmentForm id=id.clone() intake=resident.intake_date /> })}
        </section>
    }
    .into_any()
}

/// Each flag with its action: a referral draft to Dukcapil or the PPA unit, or a follow-up on
/// the signed-in member's task list.
#[component]
fn FlagList(id: RecordId, flags: Vec<Flag>) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let c = t.case;
    let submit = Submit::new();
    let items = flags
        .into_iter()
        .map(|f| {
            let (text, action, key) = match f {
                Flag::DocumentsConfiscated => (c.flag_documents, c.action_dukcapil, "flag-documents"),
                Flag::Trafficking => (c.flag_trafficking, c.action_ppa, "flag-trafficking"),
                Flag::Minor => (c.flag_minor, c.action_guardian, "flag-minor"),
            };
            let id = id.clone();
            let note_for = id.clone();
            let act = move |_| {
                let today = clock::today();
                let note = CaseNote {
                    resident: note_for.clone(),
                    date: today,
                    kind: NoteKind::Other,
                    text: NoteText::Shared(text.to_string()),
                    follow_up: Some(FollowUp {
                        action: action.to_string(),
                        due: today.plus_days(7),
                    }),
                };
                match clock::new_id() {
                    Ok(nid) => {
                        submit.save(vec![Change::create(nid, note)], move |_| app.notify(c.flag_task_added, false));
                    }
                    Err(e) => submit.fail(error_text(t, &e)),
                }
            };
            // Papers taken and trafficking open a referral draft to the partner of that kind,
            // filled in from the flag; a minor's flag is a task (her guardian's consent).
            let referral = match f {
                Flag::DocumentsConfiscated => Some("dukcapil"),
                Flag::Trafficking => Some("police_ppa"),
                Flag::Minor => None,
            };
            let control = match referral {
                Some(kind) => view! {
                    <A href=format!("/klien/{id}/rujukan-baru/{kind}") attr:class="button">{action}</A>
                }
                .into_any(),
                None => view! {
                    <button type="button" on:click=act disabled=move || submit.busy.get()>{action}</button>
                }
                .into_any(),
            };
            view! {
                <li class="banner warn row spread" id=key>
                    <span>{text}</span>
                    {control}
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="plain" id="assessment-flags">{items}</ul>
        {submit.banner("flag-error")}
    }
}

#[component]
fn AssessmentForm(id: RecordId, intake: crate::domain::date::Date) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let c = t.case;
    let open = RwSignal::new(false);
    let draft = RwSignal::new(AssessmentDraft {
        date: clock::today().iso(),
        interests: vec![String::new(); 4],
        ..Default::default()
    });
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let checked = draft
            .get_untracked()
            .validate(id.clone(), intake, clock::today());
        submit.create(checked, errors, move || {
            open.set(false);
            app.notify(c.assessment_saved, false);
        });
    };
    macro_rules! area {
        ($field:ident, $id:expr) => {
            view! {
                <textarea id=$id name=$id rows="2" prop:value=move || draft.with(|d| d.$field.clone())
                    on:input=move |ev| draft.update(|d| d.$field = event_target_value(&ev))></textarea>
            }
        };
    }
    let reason_boxes = move || {
        Reason::ALL
        .into_iter()
        .map(|r| {
            let bid = format!("as_reason_{}", r.code());
            view! {
                <label class="check">
                    <input type="checkbox" id=bid prop:checked=move || draft.with(|d| d.reasons.contains(&r))
                        on:change=move |ev| { let on = event_target_checked(&ev); draft.update(|d| { d.reasons.retain(|x| *x != r); if on { d.reasons.push(r) } }) } />
                    {(c.reason)(r)}
                </label>
            }
        })
        .collect_view()
    };
    let indicator_boxes = move || {
        Indicator::ALL
        .into_iter()
        .map(|i| {
            let bid = format!("as_indicator_{}", i.code());
            view! {
                <label class="check">
                    <input type="checkbox" id=bid prop:checked=move || draft.with(|d| d.indicators.contains(&i))
                        on:change=move |ev| { let on = event_target_checked(&ev); draft.update(|d| { d.indicators.retain(|x| *x != i); if on { d.indicators.push(i) } }) } />
                    {(c.indicator)(i)}
                </label>
            }
        })
        .collect_view()
    };
    let interest_selects = move || {
        (0..4)
        .map(|n| {
            let sid = format!("as_interest_{}", n + 1);
            let label = format!("{} {}", c.choice_n, n + 1);
            view! {
                <div class="field">
                    <label for=sid.clone()>{label}</label>
                    <select id=sid on:change=move |ev| draft.update(|d| d.interests[n] = event_target_value(&ev))>
                        <option value="">{c.choose}</option>
                        {FIELDS.into_iter().map(|f| view! { <option value=f>{f}</option> }).collect_view()}
                    </select>
                </div>
            }
        })
        .collect_view()
    };
    view! {
        <Show when=move || !open.get()>
            <button type="button" id="assessment-new" on:click=move |_| open.set(true)>{c.new_assessment}</button>
        </Show>
        <Show when=move || open.get()>
            <form class="stack" id="assessment-form" on:submit=on_submit.clone() novalidate>
                <h3>{c.new_assessment}</h3>
                <Field label=c.f_as_date name="as_date" errors=errors>
                    <input type="date" id="as_date" name="as_date" prop:value=move || draft.with(|d| d.date.clone())
                        on:input=move |ev| draft.update(|d| d.date = event_target_value(&ev)) />
                </Field>
                <fieldset id="as_reasons" class="checks">
                    <legend>{c.f_reasons}</legend>
                    {reason_boxes()}
                    <p class="error" id="as_reasons-error" aria-live="polite">{move || errors.with(|e| e.iter().find(|x| x.field == "as_reasons").map(|x| t.problem(x.problem)))}</p>
                </fieldset>
                <Field label=c.f_other_reason name="as_other_reason" errors=errors optional=true>
                    <input type="text" id="as_other_reason" name="as_other_reason" prop:value=move || draft.with(|d| d.other_reason.clone())
                        on:input=move |ev| draft.update(|d| d.other_reason = event_target_value(&ev)) />
                </Field>
                <fieldset class="checks">
                    <legend>{c.f_indicators}</legend>
                    <p class="hint">{c.indicators_hint}</p>
                    {indicator_boxes()}
                </fieldset>
                <Field label=c.f_health name="as_health" errors=errors optional=true>{area!(health, "as_health")}</Field>
                <Field label=c.f_family name="as_family" errors=errors optional=true>{area!(family, "as_family")}</Field>
                <Field label=c.f_education name="as_education" errors=errors optional=true>{area!(education_skills, "as_education")}</Field>
                <fieldset class="checks">
                    <legend>{c.f_interests}</legend>
                    <div class="row wrap">{interest_selects()}</div>
                </fieldset>
                <Field label=c.f_needs name="as_needs" errors=errors>{area!(needs, "as_needs")}</Field>
                <Field label=c.f_strengths name="as_strengths" errors=errors optional=true>{area!(strengths, "as_strengths")}</Field>
                {submit.banner("assessment-error")}
                <div class="row">
                    <button type="button" on:click=move |_| open.set(false)>{t.cancel}</button>
                    <button type="submit" class="primary" id="assessment-save" disabled=move || submit.busy.get()>{c.save_assessment}</button>
                </div>
            </form>
        </Show>
    }
}
