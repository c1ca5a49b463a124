//! Discharge and aftercare on a resident's profile: the discharge form with its starter kit (at
//! the terminasi stage), the follow-up schedule it makes with where each follow-up stands, the
//! form to record one; and the dashboard's list of follow-ups due.

use crate::domain::aftercare::{
    self, ContactMethod, Discharge, DischargeDraft, DischargeReason, Due, FollowUpVisit, KitDraft,
    Outcome, OutcomeStatus, KIT_ROWS,
};
use crate::domain::date::Date;
use crate::domain::id::RecordId;
use crate::domain::permissions::Section;
use crate::domain::record::RecordMeta;
use crate::domain::resident::Resident;
use crate::domain::shelter::Shelter;
use crate::domain::stage::Stage;
use crate::domain::validation::FieldError;
use crate::store::clock;
use crate::ui::components::field::Field;
use crate::ui::components::submit::Submit;
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::{may, use_app, use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;

pub(super) fn latest_discharge(id: &RecordId) -> Option<(RecordMeta, Discharge)> {
    vault()
        .read(|ix| {
            ix.about::<Discharge>(id)
                .max_by_key(|l| (l.body.date, l.meta.created_at))
                .map(|l| l.to_owned())
        })
        .ok()
        .flatten()
}

/// The follow-up schedule the shelter's settings give.
pub(super) fn aftercare_months(shelter: Option<&Shelter>) -> Vec<u32> {
    shelter
        .map(|s| s.aftercare_months().to_vec())
        .unwrap_or_else(|| aftercare::DEFAULT_INTERVALS.to_vec())
}

fn shelter_months() -> Vec<u32> {
    aftercare_months(vault().shelter().ok().flatten().as_ref())
}

fn standing_text(t: &'static Texts, d: Due) -> (String, &'static str) {
    let c = t.case;
    match d {
        Due::Done(o) => ((c.outcome)(o).to_string(), "s-completed"),
        Due::Upcoming => (c.upcoming.to_string(), ""),
        Due::Overdue => (c.overdue.to_string(), "s-referred"),
        Due::Lost => (c.lost.to_string(), "s-left_early"),
    }
}

#[component]
pub fn AftercarePanel(id: RecordId, resident: Resident) -> impl IntoView {
    let t = use_texts();
    let c = t.case;
    if !may(Section::CaseNotes, false) {
        return ().into_any();
    }
    let discharge = latest_discharge(&id);
    let at_termination = resident.stage == Stage::Termination;
    if discharge.is_none() && !at_termination {
        return ().into_any();
    }
    let body = match discharge {
        None if may(Section::FamilyContacts, true) => {
            view! { <DischargeForm id=id.clone() intake=resident.intake_date /> }.into_any()
        }
        None => ().into_any(),
        Some((_, dc)) => {
            let visits: Vec<FollowUpVisit> = vault()
                .read(|ix| {
                    ix.about::<FollowUpVisit>(&id)
                        .map(|l| l.body.clone())
                        .collect()
                })
                .unwrap_or_default();
            let refs: Vec<&FollowUpVisit> = visits.iter().collect();
            let rows = aftercare::standing(&dc, &shelter_months(), &refs, clock::today());
            let open: Vec<u32> = rows
                .iter()
                .filter(|(_, _, s)| !matches!(s, Due::Done(_)))
                .map(|(m, _, _)| *m)
                .collect();
            let summary = fill(
                c.discharged_on,
                &[
                    ("date", &format::date(dc.date, &t.months)),
                    ("reason", (c.discharge_reason)(dc.reason)),
                    ("total", &format::rupiah(dc.kit_total() as i64)),
                ],
            );
            let today = clock::today();
            let outcomes = aftercare::OUTCOME_MONTHS
                .into_iter()
                .map(|m| {
                    let status = aftercare::outcome_at(&dc, &refs, m, today);
                    let text = match status {
                        OutcomeStatus::Pending => c.outcome_pending.to_string(),
                        OutcomeStatus::Lost => c.outcome_lost.to_string(),
                        OutcomeStatus::Reached(o) if status.is_mandiri() => {
                            format!("{} ({})", (c.outcome)(o), c.mandiri)
                        }
                        OutcomeStatus::Reached(o) => (c.outcome)(o).to_string(),
                    };
                    view! {
                        <dt>{fill(c.outcome_month, &[("n", &m.to_string())])}</dt>
                        <dd data-month=m.to_string()>{text}</dd>
                    }
                })
                .collect_view();
            let table = rows
                .into_iter()
                .map(|(m, due, s)| {
                    let (text, class) = standing_text(t, s);
                    view! {
                        <tr>
                            <td>{fill(c.month_n, &[("n", &m.to_string())])}</td>
                            <td>{format::date(due, &t.months)}</td>
                            <td><span class=format!("tag {class}")>{text}</span></td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <p id="discharge-summary">{summary} " "
                    <A href=format!("/klien/{id}/ringkasan-terminasi") attr:id="summary-link">{c.summary_link}</A></p>
                <table class="list" id="aftercare-schedule">
                    <caption class="muted small">{c.schedule_title}</caption>
                    <thead><tr><th scope="col">{c.col_month}</th><th scope="col">{c.col_due}</th><th scope="col">{c.col_standing}</th></tr></thead>
                    <tbody>{table}</tbody>
                </table>
                <h3>{c.sec_outcomes}</h3>
                <dl id="aftercare-outcomes">{outcomes}</dl>
                {(may(Section::CaseNotes, true) && !open.is_empty()).then(|| view! { <FollowUpForm id=id.clone() discharge=dc.clone() months=open.clone() /> })}
            }
            .into_any()
        }
    };
    view! {
        <section class="card" id="aftercare-card" aria-labelledby="aftercare-title">
            <h2 id="aftercare-title">{c.sec_aftercare}</h2>
            {body}
        </section>
    }
    .into_any()
}

#[component]
fn DischargeForm(id: RecordId, intake: Date) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let c = t.case;
    let draft = RwSignal::new(DischargeDraft {
        date: clock::today().iso(),
        reason: DischargeReason::Completed.code(),
        kit: vec![KitDraft::default(); KIT_ROWS],
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
            app.notify(c.discharge_saved, false)
        });
    };
    macro_rules! input {
        ($field:ident, $type:expr, $id:expr) => {
            view! {
                <input type=$type id=$id name=$id prop:value=move || draft.with(|d| d.$field.clone())
                    on:input=move |ev| draft.update(|d| d.$field = event_target_value(&ev)) />
            }
        };
    }
    let kit_rows = (0..KIT_ROWS)
        .map(|i| {
            let n = i + 1;
            let err_of = move |name: &'static str| {
                move || errors.with(|e| e.iter().find(|x| x.field == name).map(|x| t.problem(x.problem)))
            };
            let names = aftercare::KIT_FIELDS[i];
            view! {
                <tr>
                    <td><input type="text" id=names[0] aria-label=format!("{} {n}", c.f_kit_item) prop:value=move || draft.with(|d| d.kit[i].item.clone())
                        on:input=move |ev| draft.update(|d| d.kit[i].item = event_target_value(&ev)) />
                        <p class="error" aria-live="polite">{err_of(names[0])}</p></td>
                    <td><input type="text" inputmode="numeric" id=names[1] aria-label=format!("{} {n}", c.f_kit_qty) prop:value=move || draft.with(|d| d.kit[i].quantity.clone())
                        on:input=move |ev| draft.update(|d| d.kit[i].quantity = event_target_value(&ev)) />
                        <p class="error" aria-live="polite">{err_of(names[1])}</p></td>
                    <td><input type="text" inputmode="numeric" id=names[2] aria-label=format!("{} {n}", c.f_kit_value) prop:value=move || draft.with(|d| d.kit[i].value.clone())
                        on:input=move |ev| draft.update(|d| d.kit[i].value = event_target_value(&ev)) />
                        <p class="error" id=format!("{}-error", names[2]) aria-live="polite">{err_of(names[2])}</p></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <form class="stack" id="discharge-form" on:submit=on_submit novalidate>
            <h3>{c.discharge_title}</h3>
            <p class="hint">{c.discharge_hint}</p>
            <div class="row wrap">
                <Field label=c.f_dc_date name="dc_date" errors=errors>{input!(date, "date", "dc_date")}</Field>
                <Field label=c.f_dc_reason name="dc_reason" errors=errors>
                    <select id="dc_reason" name="dc_reason" on:change=move |ev| draft.update(|d| d.reason = event_target_value(&ev))>
                        {DischargeReason::ALL.into_iter().map(|r| view! { <option value=r.code()>{(c.discharge_reason)(r)}</option> }).collect_view()}
                    </select>
                </Field>
                <Field label=c.f_dc_received_by name="dc_received_by" errors=errors optional=true>{input!(received_by, "text", "dc_received_by")}</Field>
            </div>
            <div class="row wrap">
                <Field label=c.f_dc_regency name="dc_regency" errors=errors optional=true>{input!(regency, "text", "dc_regency")}</Field>
                <Field label=c.f_dc_address name="dc_address" errors=errors optional=true>{input!(address, "text", "dc_address")}</Field>
            </div>
            <table class="list" id="kit">
                <caption class="muted small">{c.kit_title}</caption>
                <thead><tr><th scope="col">{c.f_kit_item}</th><th scope="col">{c.f_kit_qty}</th><th scope="col">{c.f_kit_value}</th></tr></thead>
                <tbody>{kit_rows}</tbody>
            </table>
            {submit.banner("discharge-error")}
            <div class="row"><button type="submit" class="primary" id="discharge-save" disabled=move || submit.busy.get()>{c.save_discharge}</button></div>
        </form>
    }
}

#[component]
fn FollowUpForm(id: RecordId, discharge: Discharge, months: Vec<u32>) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let c = t.case;
    let month = RwSignal::new(months.first().copied().unwrap_or(1));
    let date = RwSignal::new(clock::today().iso());
    let method = RwSignal::new(ContactMethod::Phone.code());
    let outcome = RwSignal::new(String::new());
    let income = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let checked = FollowUpVisit::validated(
            id.clone(),
            &discharge,
            month.get_untracked(),
            &date.get_untracked(),
            &method.get_untracked(),
            &outcome.get_untracked(),
            &income.get_untracked(),
            &notes.get_untracked(),
            clock::today(),
        );
        submit.create(checked, errors, move || {
            app.notify(c.follow_up_saved, false)
        });
    };
    macro_rules! text {
        ($sig:ident, $type:expr, $id:expr) => {
            view! { <input type=$type id=$id name=$id prop:value=move || $sig.get() on:input=move |ev| $sig.set(event_target_value(&ev)) /> }
        };
    }
    view! {
        <form class="stack" id="follow-up-form" on:submit=on_submit novalidate>
            <h3>{c.record_follow_up}</h3>
            <div class="row wrap">
                <Field label=c.f_fu_month name="fu_month" errors=errors>
                    <select id="fu_month" name="fu_month" on:change=move |ev| month.set(event_target_value(&ev).parse().unwrap_or(1))>
                        {months.into_iter().map(|m| view! { <option value=m.to_string()>{fill(c.month_n, &[("n", &m.to_string())])}</option> }).collect_view()}
                    </select>
                </Field>
                <Field label=c.f_fu_date name="fu_date" errors=errors>{text!(date, "date", "fu_date")}</Field>
                <Field label=c.f_fu_method name="fu_method" errors=errors>
                    <select id="fu_method" name="fu_method" on:change=move |ev| method.set(event_target_value(&ev))>
                        {ContactMethod::ALL.into_iter().map(|m| { let code = m.code(); let c2 = code.clone(); view! { <option value=code prop:selected=move || method.get() == c2>{(c.method)(m)}</option> } }).collect_view()}
                    </select>
                </Field>
                <Field label=c.f_fu_outcome name="fu_outcome" errors=errors>
                    <select id="fu_outcome" name="fu_outcome" on:change=move |ev| outcome.set(event_target_value(&ev))>
                        <option value="">{c.choose}</option>
                        {Outcome::ALL.into_iter().map(|o| view! { <option value=o.code()>{(c.outcome)(o)}</option> }).collect_view()}
                    </select>
                </Field>
            </div>
            <Field label=c.f_fu_income name="fu_income" errors=errors optional=true>{text!(income, "text", "fu_income")}</Field>
            <Field label=c.f_fu_notes name="fu_notes" errors=errors optional=true>
                <textarea id="fu_notes" name="fu_notes" rows="2" prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
            </Field>
            {submit.banner("follow-up-error")}
            <div class="row"><button type="submit" class="primary" id="follow-up-save" disabled=move || submit.busy.get()>{c.save_follow_up}</button></div>
        </form>
    }
}

/// The follow-ups to chase, as list lines: (resident, her name, the line, overdue), of every
/// discharge or (`by`) of those a staff member recorded.
pub(super) fn chase_lines(
    t: &'static Texts,
    by: Option<&RecordId>,
) -> Vec<(RecordId, String, String, bool)> {
    let months = shelter_months();
    vault()
        .read(|ix| {
            ix.follow_ups_to_chase(&months, clock::today(), 14)
                .into_iter()
                .filter(|c| by.is_none_or(|b| &c.case.1 == b))
                .map(|c| {
                    let name = ix
                        .get::<Resident>(&c.case.0)
                        .map(|r| r.body.full_name.clone())
                        .unwrap_or_default();
                    let month = fill(t.case.month_n, &[("n", &c.month.to_string())]);
                    let line = fill(
                        t.case.due_line,
                        &[("month", &month), ("date", &format::date(c.due, &t.months))],
                    );
                    (c.case.0, name, line, c.overdue)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The dashboard's follow-ups due: overdue ones, and those due in the next two weeks.
#[component]
pub fn DueFollowUps() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let c = t.case;
    move || {
        app.data_version.track();
        if !may(Section::CaseNotes, false) {
            return ().into_any();
        }
        let rows = chase_lines(t, None);
        if rows.is_empty() {
            return ().into_any();
        }
        view! {
            <section class="card" id="due-follow-ups">
                <h2>{c.dash_due}</h2>
                <ul class="plain">
                    {rows.into_iter().map(|(rid, name, line, overdue)| view! {
                        <li class:alert=overdue><A href=format!("/klien/{rid}")>{name}</A> " · " {line}
                            {overdue.then(|| view! { " " <span class="tag s-left_early">{c.overdue}</span> })}</li>
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any()
    }
}
