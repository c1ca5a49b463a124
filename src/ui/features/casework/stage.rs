//! The stage of a resident's case on her profile: where it stands, its history, and the form
//! that moves it (the table of allowed moves is `domain::stage`).

use crate::domain::date::Date;
use crate::domain::id::RecordId;
use crate::domain::permissions::Section;
use crate::domain::resident::{Resident, ResidentStats};
use crate::domain::stage::{self, Stage, StageChange};
use crate::domain::validation::FieldError;
use crate::store::{clock, Change};
use crate::ui::components::field::{show_errors, Field};
use crate::ui::components::submit::Submit;
use crate::ui::format;
use crate::ui::i18n::fill;
use crate::ui::session::{may, use_app, use_texts, vault};
use leptos::prelude::*;

/// The stage card of a resident's profile. `resident` is her record as the profile read it.
#[component]
pub fn StagePanel(id: RecordId, rev: u32, resident: Resident) -> impl IntoView {
    let t = use_texts();
    let c = t.case;
    let v = vault();
    let changes: Vec<(crate::domain::record::RecordMeta, StageChange)> = v
        .read(|ix| ix.about::<StageChange>(&id).map(|l| l.to_owned()).collect())
        .unwrap_or_default();
    let now = stage::case_now(
        resident.stage,
        resident.episode,
        resident.intake_date,
        changes.iter().map(|(_, s)| s),
    );
    let who = |id: &RecordId| v.staff_name(id).ok().flatten().unwrap_or_default();
    let history = stage::history(changes);
    let rows = history
        .iter()
        .rev()
        .map(|(m, s)| {
            let what = match s.from {
                None if s.episode > 1 => format!("{}: {}", c.readmitted, (c.stage_long)(s.to)),
                None => format!("{}: {}", c.registered, (c.stage_long)(s.to)),
                Some(f) => format!("{} → {}", (c.stage)(f), (c.stage_long)(s.to)),
            };
            view! {
                <li>
                    <span>{format::date(s.date, &t.months)}</span> " · " <strong>{what}</strong>
                    <span class="muted">" · " {fill(c.by, &[("name", &who(&m.created_by))])}</span>
                    {(!s.reason.is_empty()).then(|| view! { <br /><span class="muted">{s.reason.clone()}</span> })}
                </li>
            }
        })
        .collect_view();
    let empty = history.is_empty();
    view! {
        <section class="card" id="stage-card" aria-labelledby="stage-title">
            <h2 id="stage-title">{c.sec_stage}</h2>
            <p>
                <span class=format!("tag s-{}", resident.status().code()) id="stage-now">{(c.stage_long)(resident.stage)}</span>
                " " <span class="muted">{fill(c.since, &[("date", &format::date(now.since, &t.months))])}
                {(resident.episode > 1).then(|| format!(" · {}", fill(c.episode, &[("n", &resident.episode.to_string())])))}</span>
            </p>
            <h3>{c.history}</h3>
            {if empty {
                view! { <p class="muted">{c.no_history}</p> }.into_any()
            } else {
                view! { <ol class="plain history" id="stage-history">{rows}</ol> }.into_any()
            }}
            {may(Section::Identity, true).then(|| view! { <MoveForm id=id.clone() rev=rev resident=resident.clone() now=now /> })}
        </section>
    }
}

#[component]
fn MoveForm(id: RecordId, rev: u32, resident: Resident, now: stage::CaseNow) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let c = t.case;
    let to = RwSignal::new(String::new());
    let date = RwSignal::new(clock::today().iso());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let options = stage::moves_from(now.stage);
    let closed = !now.stage.is_open();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let checked = StageChange::validated(
            id.clone(),
            now,
            Stage::from_code(&to.get_untracked()),
            Date::parse_iso(date.get_untracked().trim()),
            &reason.get_untracked(),
            clock::today(),
        );
        let change = match checked {
            Ok(change) => change,
            Err(e) => {
                show_errors(errors, e);
                submit.fail(t.form_has_errors.into());
                return;
            }
        };
        show_errors(errors, vec![]);
        let new_id = match clock::new_id() {
            Ok(x) => x,
            Err(e) => return submit.fail(crate::ui::session::error_text(t, &e)),
        };
        // The move and the resident's stage, in one transaction.
        let mut moved = resident.clone();
        moved.stage = change.to;
        moved.episode = change.episode;
        let changes = vec![
            Change::create(new_id, change),
            Change::Update {
                id: id.clone(),
                base_rev: rev,
                body: crate::domain::record::RecordBody::Resident(moved),
            },
        ];
        submit.save(changes, move |_| {
            to.set(String::new());
            reason.set(String::new());
            app.notify(c.moved, false);
        });
    };
    view! {
        <form class="stack" id="stage-form" on:submit=on_submit novalidate>
            <h3>{c.move_title}</h3>
            {closed.then(|| view! { <p class="hint">{c.closed_hint}</p> })}
            <div class="row wrap">
                <Field label=c.f_to name="stage_to" errors=errors>
                    <select id="stage_to" name="stage_to" on:change=move |ev| to.set(event_target_value(&ev))>
                        <option value="" prop:selected=move || to.get().is_empty()>{c.choose}</option>
                        {options.into_iter().map(|s| {
                            let code = s.code();
                            let c2 = code.clone();
                            view! { <option value=code prop:selected=move || to.get() == c2>{(c.stage_long)(s)}</option> }
                        }).collect_view()}
                    </select>
                </Field>
                <Field label=c.f_date name="stage_date" errors=errors>
                    <input type="date" id="stage_date" name="stage_date" prop:value=move || date.get()
                        on:input=move |ev| date.set(event_target_value(&ev)) />
                </Field>
            </div>
            <Field label=c.f_reason name="stage_reason" errors=errors hint=c.reason_hint optional=true>
                <textarea id="stage_reason" name="stage_reason" rows="2" prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
            </Field>
            {submit.banner("stage-error")}
            <div class="row">
                <button type="submit" class="primary" id="stage-save" disabled=move || submit.busy.get()>{c.save_move}</button>
            </div>
        </form>
    }
}

/// The dashboard's table of residents per stage (stages with none are left out).
#[component]
pub fn StageCounts(stats: ResidentStats) -> impl IntoView {
    let t = use_texts();
    let c = t.case;
    let rows = Stage::ALL
        .into_iter()
        .filter(|s| stats.by_stage[*s as usize] > 0)
        .map(|s| {
            view! { <tr><td>{(c.stage_long)(s)}</td><td class="num">{stats.by_stage[s as usize]}</td></tr> }
        })
        .collect_view();
    view! {
        <section class="card">
            <table class="list" id="stage-counts">
                <caption><h2>{c.dash_by_stage}</h2><span class="muted small">{c.dash_by_stage_caption}</span></caption>
                <thead><tr><th scope="col">{c.col_stage}</th><th scope="col">{c.col_count}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
