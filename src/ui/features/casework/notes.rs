//! Counselling and interview notes on a resident's profile: the list (a confidential note's
//! text only where the role holds the key to open it), the form, and the author's task list.

use crate::domain::case_note::{self, CaseNote, NoteDraft, NoteKind, NoteText};
use crate::domain::date::Date;
use crate::domain::id::RecordId;
use crate::domain::permissions::Section;
use crate::domain::record::RecordMeta;
use crate::domain::resident::Resident;
use crate::domain::sorting;
use crate::domain::validation::FieldError;
use crate::store::clock;
use crate::ui::components::field::Field;
use crate::ui::components::submit::Submit;
use crate::ui::format;
use crate::ui::i18n::fill;
use crate::ui::session::{error_text, may, use_app, use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;

/// The notes card of a resident's profile.
#[component]
pub fn NotesPanel(id: RecordId, resident: Resident) -> impl IntoView {
    let t = use_texts();
    let c = t.case;
    if !may(Section::CaseNotes, false) {
        return view! {
            <section class="card"><h2>{c.sec_notes}</h2><p class="restricted" id="notes-restricted">{t.restricted}</p></section>
        }
        .into_any();
    }
    let v = vault();
    let mut notes: Vec<(RecordMeta, CaseNote)> = v
        .read(|ix| ix.about::<CaseNote>(&id).map(|l| l.to_owned()).collect())
        .unwrap_or_default();
    sorting::sort_by(&mut notes, |a, b| b.1.date.cmp(&a.1.date));
    let reads_counselling = may(Section::Counselling, false);
    let mut revealed = 0;
    let who = |id: &RecordId| v.staff_name(id).ok().flatten().unwrap_or_default();
    let rows = notes
        .iter()
        .map(|(m, n)| {
            let text = match &n.text {
                NoteText::Shared(s) => s.clone(),
                NoteText::Confidential(r) if reads_counselling => match v.reveal(m, r) {
                    Ok(s) => {
                        revealed += 1;
                        s
                    }
                    Err(e) => error_text(t, &e),
                },
                NoteText::Confidential(_) => t.restricted.to_string(),
            };
            let confidential = n.is_confidential();
            view! {
                <li class="note">
                    <p class="muted small">
                        {format::date(n.date, &t.months)} " · " {(c.note_kind)(n.kind)} " · " {fill(c.by, &[("name", &who(&m.created_by))])}
                        {confidential.then(|| view! { " " <span class="tag s-referred">{c.confidential_tag}</span> })}
                    </p>
                    <p class="note-text">{text}</p>
                    {n.follow_up.as_ref().map(|f| view! {
                        <p class="small">{fill(c.follow_up_line, &[("action", &f.action), ("date", &format::date(f.due, &t.months))])}</p>
                    })}
                </li>
            }
        })
        .collect_view();
    if revealed > 0 {
        super::note_opened(&id, "case_note");
    }
    let empty = notes.is_empty();
    view! {
        <section class="card" id="notes-card" aria-labelledby="notes-title">
            <h2 id="notes-title">{c.sec_notes}</h2>
            {if empty {
                view! { <p class="muted" id="no-notes">{c.no_notes}</p> }.into_any()
            } else {
                view! { <ol class="plain notes" id="notes">{rows}</ol> }.into_any()
            }}
            {may(Section::CaseNotes, true).then(|| view! { <NoteForm id=id.clone() intake=resident.intake_date /> })}
        </section>
    }
    .into_any()
}

#[component]
fn NoteForm(id: RecordId, intake: Date) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let c = t.case;
    let draft = RwSignal::new(NoteDraft {
        date: clock::today().iso(),
        kind: NoteKind::IndividualCounselling.code(),
        confidential: may(Section::Counselling, true),
        ..Default::default()
    });
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let may_confide = may(Section::Counselling, true);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let checked =
            CaseNote::validated(id.clone(), &draft.get_untracked(), intake, clock::today());
        submit.create(checked, errors, move || {
            draft.update(|d| {
                d.text.clear();
                d.follow_up.clear();
                d.due.clear();
            });
            app.notify(c.note_saved, false);
        });
    };
    macro_rules! text_input {
        ($field:ident, $type:expr, $id:expr) => {
            view! {
                <input type=$type id=$id name=$id prop:value=move || draft.with(|d| d.$field.clone())
                    on:input=move |ev| draft.update(|d| d.$field = event_target_value(&ev)) />
            }
        };
    }
    view! {
        <form class="stack" id="note-form" on:submit=on_submit novalidate>
            <h3>{c.add_note}</h3>
            <div class="row wrap">
                <Field label=c.f_note_date name="note_date" errors=errors>{text_input!(date, "date", "note_date")}</Field>
                <Field label=c.f_note_kind name="note_kind" errors=errors>
                    <select id="note_kind" name="note_kind" on:change=move |ev| draft.update(|d| d.kind = event_target_value(&ev))>
                        {NoteKind::ALL.into_iter().map(|k| {
                            let code = k.code();
                            let c2 = code.clone();
                            view! { <option value=code prop:selected=move || draft.with(|d| d.kind == c2)>{(c.note_kind)(k)}</option> }
                        }).collect_view()}
                    </select>
                </Field>
            </div>
            {may_confide.then(|| view! {
                <div>
                    <label class="check">
                        <input type="checkbox" id="note_confidential" prop:checked=move || draft.with(|d| d.confidential)
                            on:change=move |ev| draft.update(|d| d.confidential = event_target_checked(&ev)) />
                        {c.f_confidential}
                    </label>
                    <p class="hint">{c.confidential_hint}</p>
                </div>
            })}
            <Field label=c.f_note_text name="note_text" errors=errors>
                <textarea id="note_text" name="note_text" rows="4" prop:value=move || draft.with(|d| d.text.clone())
                    on:input=move |ev| draft.update(|d| d.text = event_target_value(&ev))></textarea>
            </Field>
            <div class="row wrap">
                <Field label=c.f_follow_up name="note_follow_up" errors=errors optional=true>{text_input!(follow_up, "text", "note_follow_up")}</Field>
                <Field label=c.f_due name="note_due" errors=errors optional=true>{text_input!(due, "date", "note_due")}</Field>
            </div>
            {submit.banner("note-error")}
            <div class="row">
                <button type="submit" class="primary" id="note-save" disabled=move || submit.busy.get()>{c.save_note}</button>
            </div>
        </form>
    }
}

/// The signed-in member's follow-ups (from the notes they wrote), on the dashboard.
#[component]
pub fn MyTasks() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let c = t.case;
    move || {
        app.data_version.track();
        let v = vault();
        let Ok((me, _)) = v.current_staff() else {
            return ().into_any();
        };
        let today = clock::today();
        let rows: Vec<(RecordId, String, String, bool)> = v
            .read(|ix| {
                let mine: Vec<(&RecordMeta, &CaseNote)> = ix
                    .all::<CaseNote>()
                    .filter(|l| l.meta.created_by == me)
                    .map(|l| (l.meta, l.body))
                    .collect();
                case_note::tasks(mine.into_iter(), today, 30)
                    .into_iter()
                    .map(|task| {
                        let name = ix
                            .get::<Resident>(task.resident)
                            .map(|r| r.body.full_name.clone())
                            .unwrap_or_default();
                        (
                            task.resident.clone(),
                            name,
                            fill(
                                c.task_line,
                                &[
                                    ("action", &task.follow_up.action),
                                    ("date", &format::date(task.follow_up.due, &t.months)),
                                ],
                            ),
                            task.overdue,
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        // The aftercare of the residents she discharged is hers to chase too.
        let mut rows = rows;
        if may(Section::CaseNotes, true) {
            rows.extend(super::aftercare::chase_lines(t, Some(&me)));
            rows.extend(crate::ui::features::partners::task_lines(t, &me));
        }
        if rows.is_empty() {
            return ().into_any();
        }
        view! {
            <section class="card" id="my-tasks">
                <h2>{c.my_tasks}</h2>
                <ul class="plain">
                    {rows.into_iter().map(|(rid, name, line, overdue)| view! {
                        <li class:alert=overdue>
                            <A href=format!("/klien/{rid}")>{name}</A> " · " {line}
                            {overdue.then(|| view! { " " <span class="tag s-left_early">{c.overdue}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any()
    }
}
