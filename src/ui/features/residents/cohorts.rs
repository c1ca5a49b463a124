//! `/angkatan`: the cohorts, with their dates, capacity, how many of their residents live in the
//! shelter now, and the social worker responsible; the form to add one or fill in one's details
//! (its name is fixed once saved: residents name it). The dashboard's occupancy card.

use crate::domain::cohort::{self, Cohort};
use crate::domain::id::RecordId;
use crate::domain::permissions::Section;
use crate::domain::record::{RecordBody, RecordMeta};
use crate::domain::resident::Resident;
use crate::domain::sorting;
use crate::domain::staff::{StaffMember, StaffRole};
use crate::domain::validation::FieldError;
use crate::store::Change;
use crate::ui::components::bound::{self, Control, Input};
use crate::ui::components::submit::Submit;
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::{may, use_app, use_texts, vault};
use leptos::prelude::*;

struct Row {
    meta: RecordMeta,
    cohort: Cohort,
    filled: u32,
    worker: String,
}

fn rows() -> Vec<Row> {
    vault()
        .read(|ix| {
            let staff: Vec<(RecordId, String)> = ix
                .all::<StaffMember>()
                .map(|l| (l.meta.id.clone(), l.body.name.clone()))
                .collect();
            let mut out: Vec<Row> = ix
                .all::<Cohort>()
                .map(|l| Row {
                    meta: l.meta.clone(),
                    cohort: l.body.clone(),
                    filled: cohort::in_residence(
                        &l.body.name,
                        ix.all::<Resident>().map(|r| r.body),
                    ),
                    worker: l
                        .body
                        .social_worker
                        .as_ref()
                        .and_then(|w| staff.iter().find(|(i, _)| i == w))
                        .map(|(_, n)| n.clone())
                        .unwrap_or_default(),
                })
                .collect();
            // Newest first: "2026-II" before "2026-I" before "2025-II".
            sorting::sort_by(&mut out, |a, b| b.cohort.name.cmp(&a.cohort.name));
            out
        })
        .unwrap_or_default()
}

fn date_or_blank(t: &'static Texts, d: Option<crate::domain::date::Date>) -> String {
    d.map(|d| format::date(d, &t.months)).unwrap_or_default()
}

#[component]
pub fn CohortsPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let r = t.residents;
    let editing = RwSignal::new(None::<(RecordMeta, Cohort)>);
    let list = move || {
        app.data_version.track();
        let rows = rows();
        if rows.is_empty() {
            return view! { <p class="muted" id="cohorts-none">{r.co_none}</p> }.into_any();
        }
        let writer = may(Section::Identity, true);
        let body = rows
            .into_iter()
            .map(|row| {
                let capacity = row.cohort.capacity.map(|c| c.to_string()).unwrap_or_default();
                let edit = (row.meta.clone(), row.cohort.clone());
                view! {
                    <tr data-cohort=row.cohort.name.clone()>
                        <td>{row.cohort.name.clone()}</td>
                        <td>{date_or_blank(t, row.cohort.start)}</td>
                        <td>{date_or_blank(t, row.cohort.end)}</td>
                        <td class="num">{capacity}</td>
                        <td class="num">{row.filled}</td>
                        <td>{row.worker}</td>
                        <td>{writer.then(|| view! {
                            <button type="button" class="small edit-cohort" on:click=move |_| editing.set(Some(edit.clone()))>{r.co_edit_button}</button>
                        })}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="list" id="cohorts">
                <thead><tr>
                    <th scope="col">{r.co_name}</th><th scope="col">{r.co_start}</th><th scope="col">{r.co_end}</th>
                    <th scope="col">{r.co_capacity}</th><th scope="col">{r.co_filled}</th><th scope="col">{r.co_worker}</th>
                    <th scope="col"><span class="visually-hidden">{r.co_edit_button}</span></th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <h1>{r.cohorts_title}</h1>
        <section class="card">{list}</section>
        {move || may(Section::Identity, true).then(|| {
            // A new form for each cohort chosen, so its fields start from that cohort.
            let chosen = editing.get();
            cohort_form(t, chosen, editing)
        })}
    }
}

fn cohort_form(
    t: &'static Texts,
    chosen: Option<(RecordMeta, Cohort)>,
    editing: RwSignal<Option<(RecordMeta, Cohort)>>,
) -> AnyView {
    let app = use_app();
    let r = t.residents;
    let c = chosen.as_ref().map(|(_, c)| c.clone());
    let text = |v: Option<String>| RwSignal::new(v.unwrap_or_default());
    let name = text(c.as_ref().map(|c| c.name.clone()));
    let start = text(c.as_ref().and_then(|c| c.start).map(|d| d.iso()));
    let end = text(c.as_ref().and_then(|c| c.end).map(|d| d.iso()));
    let capacity = text(c.as_ref().and_then(|c| c.capacity).map(|n| n.to_string()));
    let worker = text(
        c.as_ref()
            .and_then(|c| c.social_worker.as_ref())
            .map(|w| w.to_string()),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let workers: Vec<(String, String)> = vault()
        .read(|ix| {
            ix.all::<StaffMember>()
                .filter(|l| l.body.active && l.body.role == StaffRole::SocialWorker)
                .map(|l| (l.meta.id.to_string(), l.body.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let meta = chosen.as_ref().map(|(m, _)| m.clone());
    let send = move || {
        let taken: Vec<String> = vault()
            .read(|ix| {
                ix.all::<Cohort>()
                    .filter(|l| meta.as_ref().is_none_or(|m| m.id != l.meta.id))
                    .map(|l| l.body.name.clone())
                    .collect()
            })
            .unwrap_or_default();
        let typed_name = match &c {
            // Residents name it: its name stays.
            Some(c) => c.name.clone(),
            None => name.get_untracked(),
        };
        let checked = Cohort::validated(
            &typed_name,
            &start.get_untracked(),
            &end.get_untracked(),
            &capacity.get_untracked(),
            RecordId::parse(&worker.get_untracked()),
            &taken,
        );
        let body = match checked {
            Ok(b) => b,
            Err(e) => {
                crate::ui::components::field::show_errors(errors, e);
                submit.fail(t.form_has_errors.into());
                return;
            }
        };
        errors.set(vec![]);
        let saved_name = body.name.clone();
        let change = match &meta {
            Some(m) => Change::Update {
                id: m.id.clone(),
                base_rev: m.rev,
                body: RecordBody::Cohort(body),
            },
            // A new cohort takes the id its name gives, as one made for residents would.
            None => Change::Create {
                id: Cohort::id_for(&body.name),
                body: RecordBody::Cohort(body),
            },
        };
        submit.save(vec![change], move |_| {
            editing.set(None);
            app.notify(fill(r.co_saved, &[("name", &saved_name)]), false)
        });
    };
    let title = match &chosen {
        Some((_, c)) => fill(r.co_edit, &[("name", &c.name)]),
        None => r.co_add.to_string(),
    };
    let mut first = vec![];
    if chosen.is_none() {
        first.push(Input::new("co_name", r.co_name, Control::Text, name).hint(r.co_name_hint));
    }
    first.push(Input::new("co_start", r.co_start, Control::Date, start).optional());
    first.push(Input::new("co_end", r.co_end, Control::Date, end).optional());
    let parts = vec![
        bound::fields(errors, first),
        bound::fields(
            errors,
            vec![
                Input::new("co_capacity", r.co_capacity, Control::Text, capacity).optional(),
                Input::new("co_worker", r.co_worker, Control::Choice(workers), worker).optional(),
            ],
        ),
    ];
    let cancel = chosen.is_some().then(|| {
        let act: bound::Action = Box::new(move || editing.set(None));
        ("co-cancel", t.cancel, act)
    });
    view! {
        <section class="card narrow" aria-labelledby="cohort-form-title">
            <h2 id="cohort-form-title">{title}</h2>
            {bound::form("cohort-form", None, parts, submit, ("cohort-save", r.co_save), cancel, Box::new(send))}
        </section>
    }
    .into_any()
}

/// The dashboard's occupancy of the cohorts with residents in the shelter or a capacity set.
#[component]
pub fn CohortOccupancy() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let r = t.residents;
    move || {
        app.data_version.track();
        let rows: Vec<Vec<String>> = rows()
            .into_iter()
            .filter(|x| x.filled > 0)
            .map(|x| {
                let cap = x
                    .cohort
                    .capacity
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| r.co_unknown.to_string());
                vec![x.cohort.name, x.filled.to_string(), cap]
            })
            .collect();
        if rows.is_empty() {
            return ().into_any();
        }
        view! {
            <section class="card" id="cohort-occupancy">
                <h2>{r.dash_occupancy}</h2>
                {bound::table("occupancy", r.dash_occupancy_caption, vec![r.co_name, r.co_filled, r.co_capacity], rows)}
                <p><leptos_router::components::A href="/angkatan">{r.cohorts_link}</leptos_router::components::A></p>
            </section>
        }
        .into_any()
    }
}
