//! `/piket`: the rotas made, and the form that makes one; `/piket/tugas`: the chores.

use crate::domain::attendance::AttendanceSession;
use crate::domain::date::Date;
use crate::domain::id::RecordId;
use crate::domain::permissions::Section;
use crate::domain::record::RecordMeta;
use crate::domain::resident::Resident;
use crate::domain::rota::{Candidate, Chore, ChoreRota};
use crate::domain::sorting;
use crate::domain::validation::FieldError;
use crate::store::{clock, Change};
use crate::ui::components::bound::{self, Control, Input};
use crate::ui::components::field::show_errors;
use crate::ui::components::submit::Submit;
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::{error_text, may, use_app, use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use std::collections::HashSet;

fn period(t: &'static Texts, r: &ChoreRota) -> String {
    format!(
        "{} – {}",
        format::date(r.from, &t.months),
        format::date(r.to, &t.months)
    )
}

#[component]
pub fn RotasPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let p = t.chores;
    let list = move || {
        app.data_version.track();
        let mut rotas: Vec<(RecordMeta, ChoreRota)> = vault()
            .read(|ix| ix.all::<ChoreRota>().map(|l| l.to_owned()).collect())
            .unwrap_or_default();
        if rotas.is_empty() {
            return view! { <p class="muted" id="rotas-none">{p.none}</p> }.into_any();
        }
        sorting::sort_by(&mut rotas, |a, b| {
            (b.1.from, b.0.created_at).cmp(&(a.1.from, a.0.created_at))
        });
        let body = rotas
            .into_iter()
            .map(|(meta, r)| {
                let cohort = if r.cohort.is_empty() { p.all_cohorts.to_string() } else { r.cohort.clone() };
                view! {
                    <tr>
                        <th scope="row">{period(t, &r)}</th>
                        <td>{cohort}</td>
                        <td class="num">{r.swaps.len()}</td>
                        <td><A href=format!("/piket/{}", meta.id) attr:class="button small">{p.open}</A></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="list" id="rotas">
                <caption class="muted small">{p.list_caption}</caption>
                <thead><tr>
                    <th scope="col">{p.col_period}</th><th scope="col">{p.col_cohort}</th><th scope="col">{p.col_swaps}</th>
                    <th scope="col"><span class="visually-hidden">{p.open}</span></th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <h1>{p.title}</h1>
        <p class="lead">{p.intro}</p>
        <p><A href="/kegiatan">{t.guidance.back}</A></p>
        {may(Section::Attendance, true).then(|| make_form(t))}
        <section class="card">
            {list}
            <p><A href="/piket/tugas" attr:id="chores-link">{p.chores_link}</A></p>
        </section>
    }
}

fn make_form(t: &'static Texts) -> AnyView {
    let app = use_app();
    let p = t.chores;
    let navigate = use_navigate();
    let from = RwSignal::new(clock::today().iso());
    let length = RwSignal::new("week".to_string());
    let cohort = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let mut cohorts: Vec<String> = vault()
        .read(|ix| {
            ix.all::<Resident>()
                .filter(|l| l.body.stage.in_residence())
                .map(|l| l.body.cohort.clone())
                .collect()
        })
        .unwrap_or_default();
    sorting::sort_dedup(&mut cohorts);
    let send = move || {
        let chosen = cohort.get_untracked();
        let start = Date::parse_iso(from.get_untracked().trim());
        let (chores, residents, away) = vault()
            .read(|ix| {
                let mut chores: Vec<Chore> = ix.all::<Chore>().map(|l| l.body.clone()).collect();
                sorting::sort_by(&mut chores, |a, b| a.name.cmp(&b.name));
                let mut people: Vec<(String, Candidate)> = ix
                    .all::<Resident>()
                    .filter(|l| l.body.stage.in_residence())
                    .filter(|l| chosen.is_empty() || l.body.cohort == chosen)
                    .map(|l| {
                        (
                            l.body.full_name.clone(),
                            Candidate {
                                id: l.meta.id.clone(),
                                intake: l.body.intake_date,
                            },
                        )
                    })
                    .collect();
                sorting::sort_by(&mut people, |a, b| a.0.cmp(&b.0));
                // Away on a day: marked absent, sick or excused at any activity of that day.
                let away: HashSet<(RecordId, Date)> = ix
                    .all::<AttendanceSession>()
                    .filter(|s| start.is_some_and(|d| s.body.date >= d))
                    .flat_map(|s| {
                        let date = s.body.date;
                        s.body
                            .absent
                            .iter()
                            .chain(&s.body.sick)
                            .chain(&s.body.excused)
                            .map(move |r| (r.clone(), date))
                    })
                    .collect();
                (
                    chores,
                    people.into_iter().map(|(_, c)| c).collect::<Vec<_>>(),
                    away,
                )
            })
            .unwrap_or_default();
        let made = ChoreRota::make(
            &from.get_untracked(),
            &length.get_untracked(),
            &chosen,
            &chores,
            &residents,
            |r, d| away.contains(&(r.clone(), d)),
        );
        let rota = match made {
            Ok(r) => r,
            Err(e) => {
                show_errors(errors, e);
                submit.fail(t.form_has_errors.into());
                return;
            }
        };
        errors.set(vec![]);
        let id = match clock::new_id() {
            Ok(id) => id,
            Err(e) => {
                submit.fail(error_text(t, &e));
                return;
            }
        };
        let line = fill(
            p.made,
            &[
                ("from", &format::date(rota.from, &t.months)),
                ("to", &format::date(rota.to, &t.months)),
            ],
        );
        let to = format!("/piket/{id}");
        let navigate = navigate.clone();
        submit.save(vec![Change::create(id, rota)], move |_| {
            app.notify(line, false);
            navigate(&to, Default::default());
        });
    };
    let periods = vec![
        ("week".to_string(), p.week.to_string()),
        ("month".to_string(), p.month.to_string()),
    ];
    let cohorts = cohorts.into_iter().map(|c| (c.clone(), c)).collect();
    let parts = vec![bound::fields(
        errors,
        vec![
            Input::new("rt_from", p.f_from, Control::Date, from),
            Input::new("rt_period", p.f_period, Control::Choice(periods), length),
            Input::new("rt_cohort", p.f_cohort, Control::Choice(cohorts), cohort)
                .optional()
                .hint(p.all_cohorts),
        ],
    )];
    view! {
        <section class="card" aria-labelledby="make-rota-title">
            <h2 id="make-rota-title">{p.make_title}</h2>
            {bound::form("rota-form", None, parts, submit, ("rota-make", p.make), None, Box::new(send))}
        </section>
    }
    .into_any()
}

#[component]
pub fn ChoresPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let p = t.chores;
    let editing = RwSignal::new(None::<(RecordMeta, Chore)>);
    let list = move || {
        app.data_version.track();
        let writer = may(Section::Attendance, true);
        let mut rows: Vec<(RecordMeta, Chore)> = vault()
            .read(|ix| ix.all::<Chore>().map(|l| l.to_owned()).collect())
            .unwrap_or_default();
        sorting::sort_by(&mut rows, |a, b| {
            (a.1.retired, &a.1.name).cmp(&(b.1.retired, &b.1.name))
        });
        let body = rows
            .into_iter()
            .map(|(meta, c)| {
                let status = if c.retired { p.retired } else { p.in_force };
                let edit = (meta, c.clone());
                view! {
                    <tr>
                        <th scope="row">{c.name.clone()}</th>
                        <td class="num">{c.needs}</td>
                        <td>{status}</td>
                        <td>{writer.then(|| view! {
                            <button type="button" class="small edit-chore" on:click=move |_| editing.set(Some(edit.clone()))>{p.edit}</button>
                        })}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="list" id="chores">
                <caption class="muted small">{p.chores_caption}</caption>
                <thead><tr>
                    <th scope="col">{p.col_chore}</th><th scope="col">{p.col_needs}</th><th scope="col">{p.col_status}</th>
                    <th scope="col"><span class="visually-hidden">{p.edit}</span></th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        }
    };
    view! {
        <h1>{p.chores_title}</h1>
        <p><A href="/piket">{p.back}</A></p>
        <section class="card">{list}</section>
        {move || may(Section::Attendance, true).then(|| chore_form(t, editing.get(), editing))}
    }
}

fn chore_form(
    t: &'static Texts,
    chosen: Option<(RecordMeta, Chore)>,
    editing: RwSignal<Option<(RecordMeta, Chore)>>,
) -> AnyView {
    let app = use_app();
    let p = t.chores;
    let c = chosen.as_ref().map(|(_, c)| c.clone());
    let name = RwSignal::new(c.as_ref().map(|c| c.name.clone()).unwrap_or_default());
    let needs = RwSignal::new(c.as_ref().map(|c| c.needs.to_string()).unwrap_or_default());
    let status = RwSignal::new(
        if c.as_ref().is_some_and(|c| c.retired) {
            "retired"
        } else {
            "in_force"
        }
        .to_string(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let meta = chosen.as_ref().map(|(m, _)| m.clone());
    let send = move || {
        let checked = Chore::validated(
            &name.get_untracked(),
            &needs.get_untracked(),
            status.get_untracked() == "retired",
        );
        let saved = name.get_untracked();
        submit.put(checked, errors, meta.as_ref(), move || {
            editing.set(None);
            app.notify(fill(p.chore_saved, &[("name", saved.trim())]), false)
        });
    };
    let heading = match &chosen {
        Some((_, c)) => fill(p.edit_chore, &[("name", &c.name)]),
        None => p.add_chore.to_string(),
    };
    let statuses = vec![
        ("in_force".to_string(), p.in_force.to_string()),
        ("retired".to_string(), p.retired.to_string()),
    ];
    let parts = vec![bound::fields(
        errors,
        vec![
            Input::new("ch_name", p.f_name, Control::Text, name),
            Input::new("ch_needs", p.f_needs, Control::Text, needs),
            Input::new("ch_status", p.f_status, Control::Choice(statuses), status),
        ],
    )];
    let cancel = chosen.is_some().then(|| {
        let act: bound::Action = Box::new(move || editing.set(None));
        ("chore-cancel", t.cancel, act)
    });
    view! {
        <section class="card narrow" aria-labelledby="chore-form-title">
            <h2 id="chore-form-title">{heading}</h2>
            {bound::form("chore-form", None, parts, submit, ("chore-save", p.save_chore), cancel, Box::new(send))}
        </section>
    }
    .into_any()
}
