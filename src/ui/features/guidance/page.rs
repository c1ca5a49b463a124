//! `/kegiatan`: a day's activities (scheduled and one-off) with their roll-calls, and the
//! attendance rates over a period; `/kegiatan/jadwal`: the schedules and their form; the
//! resident's own rates on her profile.

use crate::domain::attendance::{self, Activity, AttendanceSession};
use crate::domain::date::Date;
use crate::domain::guidance::{self, GuidanceKind, GuidanceSchedule, Repeat};
use crate::domain::id::RecordId;
use crate::domain::permissions::Section;
use crate::domain::record::RecordMeta;
use crate::domain::sorting;
use crate::domain::validation::FieldError;
use crate::store::clock;
use crate::ui::components::bound::{self, Control, Input};
use crate::ui::components::submit::Submit;
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::{may, use_app, use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

pub fn repeat_label(t: &'static Texts, r: Repeat) -> String {
    let g = t.guidance;
    match r {
        Repeat::Daily => g.daily.into(),
        Repeat::Weekly(w) => fill(g.every_day, &[("day", g.weekdays[usize::from(w.min(6))])]),
        Repeat::Monthly(m) => fill(g.every_month, &[("day", &m.to_string())]),
    }
}

/// What a session was: its schedule's name, a one-off's title, or its activity.
pub fn session_name(t: &'static Texts, s: &AttendanceSession) -> String {
    let scheduled = s.schedule.as_ref().and_then(|id| {
        vault()
            .read(|ix| ix.get::<GuidanceSchedule>(id).map(|l| l.body.name.clone()))
            .ok()
            .flatten()
    });
    scheduled
        .or_else(|| (!s.title.is_empty()).then(|| s.title.clone()))
        .unwrap_or_else(|| (t.guidance.activity)(s.activity).to_string())
}

pub fn summary(t: &'static Texts, s: &AttendanceSession) -> String {
    fill(
        t.guidance.summary,
        &[
            ("present", &s.present.len().to_string()),
            ("absent", &s.absent.len().to_string()),
            ("excused", &s.excused.len().to_string()),
            ("sick", &s.sick.len().to_string()),
        ],
    )
}

/// The rates table: each activity's marks over the period, and the share present.
fn rates_table(
    t: &'static Texts,
    id: &'static str,
    caption: &'static str,
    tallies: Vec<(Activity, attendance::Tally)>,
) -> AnyView {
    let g = t.guidance;
    if tallies.is_empty() {
        return view! { <p class="muted" id=format!("{id}-none")>{g.no_sessions}</p> }.into_any();
    }
    let rows = tallies
        .into_iter()
        .map(|(a, x)| {
            vec![
                (g.activity)(a).to_string(),
                x.present.to_string(),
                x.absent.to_string(),
                x.excused.to_string(),
                x.sick.to_string(),
                x.rate_percent()
                    .map(|p| format!("{p}%"))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    bound::table(
        id,
        caption,
        vec![
            g.col_activity,
            g.col_present,
            g.col_absent,
            g.col_excused,
            g.col_sick,
            g.col_rate,
        ],
        rows,
    )
}

struct DayRow {
    time: String,
    name: String,
    kind: String,
    taken: Option<String>,
    href: String,
}

fn day_rows(t: &'static Texts, day: Date) -> Vec<DayRow> {
    let g = t.guidance;
    vault()
        .read(|ix| {
            let mut out: Vec<DayRow> = ix
                .all::<GuidanceSchedule>()
                .filter(|l| l.body.on(day))
                .map(|l| {
                    let session = guidance::session_id(&l.meta.id, day);
                    DayRow {
                        time: l.body.time.clone(),
                        name: l.body.name.clone(),
                        kind: (g.kind)(l.body.kind).to_string(),
                        taken: ix
                            .get::<AttendanceSession>(&session)
                            .map(|s| summary(t, s.body)),
                        href: format!("/kegiatan/{}/{}", l.meta.id, day.iso()),
                    }
                })
                .collect();
            out.extend(
                ix.all::<AttendanceSession>()
                    .filter(|s| s.body.date == day && s.body.schedule.is_none())
                    .filter(|s| s.body.activity != Activity::Vocational)
                    .map(|s| DayRow {
                        time: String::new(),
                        name: session_name(t, s.body),
                        kind: g.one_off.to_string(),
                        taken: Some(summary(t, s.body)),
                        href: format!("/kegiatan/sesi/{}", s.meta.id),
                    }),
            );
            sorting::sort_by(&mut out, |a, b| a.time.cmp(&b.time));
            out
        })
        .unwrap_or_default()
}

#[component]
pub fn GuidancePage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let g = t.guidance;
    let today = clock::today();
    let asked = use_query_map()
        .with_untracked(|q| q.get("tanggal"))
        .and_then(|d| Date::parse_iso(&d))
        .unwrap_or(today);
    let day = RwSignal::new(asked.iso());
    let from = RwSignal::new(
        Date::new(today.year(), today.month(), 1)
            .unwrap_or(today)
            .iso(),
    );
    let to = RwSignal::new(today.iso());
    let list = move || {
        app.data_version.track();
        let Some(d) = Date::parse_iso(&day.get()) else {
            return ().into_any();
        };
        let writer = may(Section::Attendance, true) && d <= today;
        let rows = day_rows(t, d);
        let future =
            (d > today).then(|| view! { <p class="banner" id="future-day">{g.future_day}</p> });
        if rows.is_empty() {
            return view! { {future}<p class="muted" id="day-none">{g.none_on_day}</p> }.into_any();
        }
        let body = rows
            .into_iter()
            .map(|r| {
                let (status, label) = match r.taken {
                    Some(s) => (s, g.correct),
                    None => (g.not_taken.to_string(), g.take),
                };
                let name = r.name.clone();
                view! {
                    <tr data-activity=name>
                        <td>{r.time}</td>
                        <th scope="row">{r.name}</th>
                        <td>{r.kind}</td>
                        <td class="roll-status">{status}</td>
                        <td>{writer.then(|| view! { <A href=r.href attr:class="button small">{label}</A> })}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            {future}
            <table class="list" id="day-activities">
                <caption class="muted small">{g.day_caption}</caption>
                <thead><tr>
                    <th scope="col">{g.col_time}</th><th scope="col">{g.col_activity}</th><th scope="col">{g.col_kind}</th>
                    <th scope="col">{g.col_roll}</th><th scope="col"><span class="visually-hidden">{g.take}</span></th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        }
        .into_any()
    };
    let rates = move || {
        app.data_version.track();
        let (Some(f), Some(to)) = (Date::parse_iso(&from.get()), Date::parse_iso(&to.get())) else {
            return ().into_any();
        };
        let tallies: Vec<(Activity, attendance::Tally)> = vault()
            .read(|ix| {
                attendance::tally_by_activity(ix.all::<AttendanceSession>().map(|l| l.body), f, to)
                    .into_iter()
                    .filter(|(a, _)| *a != Activity::Vocational)
                    .collect()
            })
            .unwrap_or_default();
        rates_table(t, "rates", g.rates_caption, tallies)
    };
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let one_off = move || {
        let d = day.get();
        (may(Section::Attendance, true) && Date::parse_iso(&d).is_some_and(|d| d <= today)).then(|| {
            view! { <p><A href=format!("/kegiatan/tambahan/{d}") attr:id="one-off-link">{g.one_off}</A></p> }
        })
    };
    view! {
        <h1>{g.title}</h1>
        <p class="lead">{g.intro}</p>
        <section class="card">
            {bound::fields(errors, vec![Input::new("gd_day", g.f_day, Control::Date, day)])}
            {list}
            {one_off}
            <p><A href="/kegiatan/jadwal" attr:id="schedules-link">{g.schedules_link}</A>
                " · " <A href="/piket" attr:id="rota-link">{t.chores.rota_link}</A>
                " · " <A href="/pelatihan" attr:id="training-link">{t.vocational.link}</A></p>
        </section>
        <section class="card" aria-labelledby="rates-title">
            <h2 id="rates-title">{g.rates_title}</h2>
            {bound::fields(errors, vec![
                Input::new("rates_from", g.f_from, Control::Date, from),
                Input::new("rates_to", g.f_to, Control::Date, to),
            ])}
            {rates}
        </section>
    }
}

/// A resident's attendance per activity over the last 30 days (nothing if she has none).
#[component]
pub fn ResidentAttendance(id: RecordId) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    move || {
        app.data_version.track();
        if !may(Section::Attendance, false) {
            return ().into_any();
        }
        let today = clock::today();
        let from = today.plus_days(-29);
        let tallies: Vec<(Activity, attendance::Tally)> = vault()
            .read(|ix| {
                let sessions: Vec<&AttendanceSession> =
                    ix.all::<AttendanceSession>().map(|l| l.body).collect();
                attendance::ALL_ACTIVITIES
                    .into_iter()
                    .map(|a| {
                        let x =
                            attendance::tally(sessions.iter().copied(), &id, Some(a), from, today);
                        (a, x)
                    })
                    .filter(|(_, x)| x.marked() > 0)
                    .collect()
            })
            .unwrap_or_default();
        if tallies.is_empty() {
            return ().into_any();
        }
        view! {
            <section class="card" id="resident-attendance" aria-labelledby="resident-attendance-title">
                <h2 id="resident-attendance-title">{t.guidance.profile_title}</h2>
                {rates_table(t, "attendance-rates", t.guidance.profile_caption, tallies)}
            </section>
        }
        .into_any()
    }
}

const REPEATS: [&str; 3] = ["daily", "weekly", "monthly"];

/// A choice's stored name ("religious", "tahajud_berjamaah"), as the form's options carry it.
pub fn code<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

pub fn from_code<T: serde::de::DeserializeOwned>(s: String) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s)).ok()
}

#[component]
pub fn SchedulesPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let g = t.guidance;
    let editing = RwSignal::new(None::<(RecordMeta, GuidanceSchedule)>);
    let list = move || {
        app.data_version.track();
        let writer = may(Section::Attendance, true);
        let mut rows: Vec<(RecordMeta, GuidanceSchedule)> = vault()
            .read(|ix| ix.all::<GuidanceSchedule>().map(|l| l.to_owned()).collect())
            .unwrap_or_default();
        sorting::sort_by(&mut rows, |a, b| a.1.time.cmp(&b.1.time));
        let body = rows
            .into_iter()
            .map(|(meta, s)| {
                let until = s.until.map(|d| format::date(d, &t.months)).unwrap_or_default();
                let edit = (meta, s.clone());
                view! {
                    <tr>
                        <th scope="row">{s.name.clone()}</th>
                        <td>{(g.kind)(s.kind)}</td>
                        <td>{repeat_label(t, s.repeat)}</td>
                        <td>{s.time.clone()}</td>
                        <td>{until}</td>
                        <td>{writer.then(|| view! {
                            <button type="button" class="small edit-schedule" on:click=move |_| editing.set(Some(edit.clone()))>{g.edit}</button>
                        })}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="list" id="schedules">
                <caption class="muted small">{g.schedules_caption}</caption>
                <thead><tr>
                    <th scope="col">{g.col_activity}</th><th scope="col">{g.col_kind}</th><th scope="col">{g.col_repeat}</th>
                    <th scope="col">{g.col_time}</th><th scope="col">{g.col_until}</th>
                    <th scope="col"><span class="visually-hidden">{g.edit}</span></th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        }
    };
    view! {
        <h1>{g.schedules_title}</h1>
        <p><A href="/kegiatan">{g.back}</A></p>
        <section class="card">{list}</section>
        {move || may(Section::Attendance, true).then(|| schedule_form(t, editing.get(), editing))}
    }
}

fn schedule_form(
    t: &'static Texts,
    chosen: Option<(RecordMeta, GuidanceSchedule)>,
    editing: RwSignal<Option<(RecordMeta, GuidanceSchedule)>>,
) -> AnyView {
    let app = use_app();
    let g = t.guidance;
    let c = chosen.as_ref().map(|(_, s)| s.clone());
    let text = |v: Option<String>| RwSignal::new(v.unwrap_or_default());
    let name = text(c.as_ref().map(|s| s.name.clone()));
    let kind = text(c.as_ref().map(|s| code(&s.kind)));
    let activity = text(c.as_ref().map(|s| code(&s.activity)));
    let (rep, on) = match c.as_ref().map(|s| s.repeat) {
        Some(Repeat::Daily) => ("daily", String::new()),
        Some(Repeat::Weekly(w)) => ("weekly", w.to_string()),
        Some(Repeat::Monthly(m)) => ("monthly", m.to_string()),
        None => ("", String::new()),
    };
    let repeat = RwSignal::new(rep.to_string());
    let weekday = RwSignal::new(if rep == "weekly" {
        on.clone()
    } else {
        String::new()
    });
    let monthday = RwSignal::new(if rep == "monthly" { on } else { String::new() });
    let time = text(c.as_ref().map(|s| s.time.clone()));
    let start = text(Some(c.as_ref().map_or(clock::today(), |s| s.start).iso()));
    let until = text(c.as_ref().and_then(|s| s.until).map(|d| d.iso()));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let meta = chosen.as_ref().map(|(m, _)| m.clone());
    let send = move || {
        let (k, a): (Option<GuidanceKind>, Option<Activity>) = (
            from_code(kind.get_untracked()),
            from_code(activity.get_untracked()),
        );
        let mut missing = vec![];
        if k.is_none() {
            missing.push(crate::domain::validation::err(
                "gs_kind",
                crate::domain::validation::Problem::Required,
            ));
        }
        if a.is_none() {
            missing.push(crate::domain::validation::err(
                "gs_activity",
                crate::domain::validation::Problem::Required,
            ));
        }
        let checked = GuidanceSchedule::validated(
            &name.get_untracked(),
            k.unwrap_or(GuidanceKind::Social),
            a.unwrap_or(Activity::Other),
            &repeat.get_untracked(),
            &if repeat.get_untracked() == "weekly" {
                weekday.get_untracked()
            } else {
                monthday.get_untracked()
            },
            &time.get_untracked(),
            &start.get_untracked(),
            &until.get_untracked(),
        );
        let checked = match (checked, missing.is_empty()) {
            (Ok(b), true) => Ok(b),
            (result, _) => {
                missing.extend(result.err().unwrap_or_default());
                Err(missing)
            }
        };
        let saved = name.get_untracked();
        submit.put(checked, errors, meta.as_ref(), move || {
            editing.set(None);
            app.notify(fill(g.schedule_saved, &[("name", saved.trim())]), false)
        });
    };
    let kinds = GuidanceKind::ALL
        .into_iter()
        .map(|k| (code(&k), (g.kind)(k).to_string()))
        .collect();
    let activities = attendance::ALL_ACTIVITIES
        .into_iter()
        .filter(|a| *a != Activity::Vocational)
        .map(|a| (code(&a), (g.activity)(a).to_string()))
        .collect();
    let weekdays = (0..7)
        .map(|w| (w.to_string(), g.weekdays[w].to_string()))
        .collect();
    let repeats = REPEATS
        .into_iter()
        .zip([g.daily, g.weekly, g.monthly])
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect();
    let title = match &chosen {
        Some((_, s)) => fill(g.edit_schedule, &[("name", &s.name)]),
        None => g.add_schedule.to_string(),
    };
    let parts = vec![
        bound::fields(
            errors,
            vec![
                Input::new("gs_name", g.f_name, Control::Text, name),
                Input::new("gs_kind", g.f_kind, Control::Choice(kinds), kind),
                Input::new(
                    "gs_activity",
                    g.f_activity,
                    Control::Choice(activities),
                    activity,
                ),
            ],
        ),
        bound::fields(
            errors,
            vec![
                Input::new("gs_repeat", g.f_repeat, Control::Choice(repeats), repeat),
                Input::new(
                    "gs_weekday",
                    g.f_weekday,
                    Control::Choice(weekdays),
                    weekday,
                )
                .optional(),
                Input::new("gs_monthday", g.f_monthday, Control::Text, monthday).optional(),
                Input::new("gs_time", g.f_time, Control::Text, time),
                Input::new("gs_start", g.f_start, Control::Date, start),
                Input::new("gs_until", g.f_until, Control::Date, until)
                    .optional()
                    .hint(g.until_hint),
            ],
        ),
    ];
    let cancel = chosen.is_some().then(|| {
        let act: bound::Action = Box::new(move || editing.set(None));
        ("gs-cancel", t.cancel, act)
    });
    view! {
        <section class="card narrow" aria-labelledby="schedule-form-title">
            <h2 id="schedule-form-title">{title}</h2>
            {bound::form("schedule-form", None, parts, submit, ("schedule-save", g.save_schedule), cancel, Box::new(send))}
        </section>
    }
    .into_any()
}
