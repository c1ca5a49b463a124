//! The roll-call (absensi) of one session: the residents living in the shelter on its day, each
//! present until marked otherwise. Built for the keyboard: ↑ ↓ move between rows (in the column
//! the focus is in), A, I, S and H mark absent (alpa), excused (izin), sick and present, and
//! Enter saves; each mark is also a button to tap. A session already taken opens with its
//! marks, and saving it again is a correction of that record, never a second session.

use crate::domain::attendance::{self, Activity, AttendanceSession, Mark};
use crate::domain::date::Date;
use crate::domain::guidance::{self, GuidanceSchedule};
use crate::domain::id::RecordId;
use crate::domain::record::{RecordBody, RecordMeta};
use crate::domain::resident::Resident;
use crate::domain::sorting;
use crate::domain::validation::{err, FieldError, Problem};
use crate::store::{clock, Change};
use crate::ui::components::bound::{self, Control, Input};
use crate::ui::components::field::show_errors;
use crate::ui::components::submit::Submit;
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::{use_app, use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

const MARKS: [(Mark, &str); 4] = [
    (Mark::Present, "present"),
    (Mark::Absent, "absent"),
    (Mark::Excused, "excused"),
    (Mark::Sick, "sick"),
];

#[derive(Clone)]
struct OnRoll {
    id: RecordId,
    name: String,
    cohort: String,
}

fn not_found(t: &'static Texts) -> AnyView {
    view! {
        <h1>{t.guidance.title}</h1>
        <p class="banner error" id="not-found">{t.guidance.not_found}</p>
        <p><A href="/kegiatan">{t.guidance.back}</A></p>
    }
    .into_any()
}

/// `/kegiatan/<schedule>/<day>`: the roll-call of that occurrence.
pub fn scheduled_page(schedule: Option<RecordId>, day: Option<Date>) -> AnyView {
    let t = use_texts();
    let found = schedule.zip(day).and_then(|(sid, day)| {
        vault()
            .read(|ix| {
                let s = ix.get::<GuidanceSchedule>(&sid)?.body.clone();
                let id = guidance::session_id(&sid, day);
                let existing = ix.get::<AttendanceSession>(&id).map(|l| l.to_owned());
                Some((sid, s, id, existing))
            })
            .ok()
            .flatten()
            .filter(|(_, s, _, _)| s.on(day))
            .map(|x| (x, day))
    });
    let Some(((sid, s, id, existing), day)) = found else {
        return not_found(t);
    };
    let when = fill(
        t.guidance.when,
        &[("date", &format::date(day, &t.months)), ("time", &s.time)],
    );
    let what = AttendanceSession {
        date: day,
        activity: s.activity,
        field: String::new(),
        present: vec![],
        absent: vec![],
        excused: vec![],
        sick: vec![],
        schedule: Some(sid),
        title: String::new(),
    };
    roll_call(t, s.name, Some(when), id, existing, what, None, None)
}

/// `/kegiatan/sesi/<id>`: a one-off session taken before, for correction.
pub fn session_page(id: Option<RecordId>) -> AnyView {
    let t = use_texts();
    let existing = id.and_then(|id| {
        vault()
            .read(|ix| ix.get::<AttendanceSession>(&id).map(|l| l.to_owned()))
            .ok()
            .flatten()
    });
    match existing {
        Some((meta, s)) => {
            let name = super::page::session_name(t, &s);
            let when = format::date(s.date, &t.months);
            roll_call(
                t,
                name,
                Some(when),
                meta.id.clone(),
                Some((meta, s.clone())),
                s,
                None,
                None,
            )
        }
        None => not_found(t),
    }
}

/// `/kegiatan/tambahan/<day>`: a one-off activity, named and counted as the form says.
pub fn one_off_page(day: Option<Date>) -> AnyView {
    let t = use_texts();
    let (Some(day), Ok(id)) = (day, clock::new_id()) else {
        return not_found(t);
    };
    let what = AttendanceSession {
        date: day,
        activity: Activity::Other,
        field: String::new(),
        present: vec![],
        absent: vec![],
        excused: vec![],
        sick: vec![],
        schedule: None,
        title: String::new(),
    };
    let inputs = OneOff {
        title: RwSignal::new(String::new()),
        title_label: t.guidance.f_title,
        title_hint: t.guidance.title_hint,
        activity: Some(RwSignal::new(String::new())),
        date: RwSignal::new(day.iso()),
        back: None,
    };
    roll_call(
        t,
        t.guidance.one_off.to_string(),
        None,
        id,
        None,
        what,
        Some(inputs),
        None,
    )
}

/// A training session of a field (its name and code): the roll is the residents enrolled in it
/// who live in the shelter; the topic names it; saved, it goes back to the training page.
pub fn training_session_page(name: String, code: String, enrolled: Vec<RecordId>) -> AnyView {
    let t = use_texts();
    let Ok(id) = clock::new_id() else {
        return not_found(t);
    };
    let today = clock::today();
    let what = AttendanceSession {
        date: today,
        activity: Activity::Vocational,
        field: code,
        present: vec![],
        absent: vec![],
        excused: vec![],
        sick: vec![],
        schedule: None,
        title: String::new(),
    };
    let inputs = OneOff {
        title: RwSignal::new(String::new()),
        title_label: t.vocational.f_topic,
        title_hint: t.vocational.topic_hint,
        activity: None,
        date: RwSignal::new(today.iso()),
        back: Some("/pelatihan".into()),
    };
    let heading = fill(t.vocational.session_title, &[("field", &name)]);
    roll_call(
        t,
        heading,
        None,
        id,
        None,
        what,
        Some(inputs),
        Some(enrolled),
    )
}

/// The inputs of a session not on a schedule: its name (a training session's topic), what it
/// counts as (`None`: as the session says, for training), its day; where to go once saved.
#[derive(Clone)]
struct OneOff {
    title: RwSignal<String>,
    title_label: &'static str,
    title_hint: &'static str,
    activity: Option<RwSignal<String>>,
    date: RwSignal<String>,
    back: Option<String>,
}

fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// `only`: the residents who may be on the roll (a field's enrolled), else everyone in the shelter.
#[allow(clippy::too_many_arguments)]
fn roll_call(
    t: &'static Texts,
    name: String,
    when: Option<String>,
    id: RecordId,
    existing: Option<(RecordMeta, AttendanceSession)>,
    what: AttendanceSession,
    one_off: Option<OneOff>,
    only: Option<Vec<RecordId>>,
) -> AnyView {
    let app = use_app();
    let g = t.guidance;
    let navigate = use_navigate();
    let day = what.date;
    // Who is on the roll: as taken, when correcting; else everyone living in the shelter that
    // day, by cohort and name.
    let roll: Vec<OnRoll> = vault()
        .read(|ix| {
            let of = |l: crate::store::index::Live<'_, Resident>| OnRoll {
                id: l.meta.id.clone(),
                name: l.body.full_name.clone(),
                cohort: l.body.cohort.clone(),
            };
            let mut out: Vec<OnRoll> = match &existing {
                Some((_, s)) => s
                    .marks()
                    .into_iter()
                    .filter_map(|(r, _)| ix.get::<Resident>(&r).map(of))
                    .collect(),
                None => ix
                    .all::<Resident>()
                    .filter(|l| l.body.stage.in_residence() && l.body.intake_date <= day)
                    .filter(|l| only.as_ref().is_none_or(|o| o.contains(&l.meta.id)))
                    .map(of)
                    .collect(),
            };
            sorting::sort_by(&mut out, |a, b| {
                a.cohort.cmp(&b.cohort).then_with(|| a.name.cmp(&b.name))
            });
            out
        })
        .unwrap_or_default();
    let start: Vec<Mark> = roll
        .iter()
        .map(|r| {
            existing
                .as_ref()
                .and_then(|(_, s)| s.mark_of(&r.id))
                .unwrap_or(Mark::Present)
        })
        .collect();
    let marks = RwSignal::new(start);
    let cohort = RwSignal::new(String::new());
    let mut cohorts: Vec<String> = roll.iter().map(|r| r.cohort.clone()).collect();
    sorting::sort_dedup(&mut cohorts);
    let nobody = roll.is_empty();
    let roll = StoredValue::new(roll);
    let visible = Memo::new(move |_| {
        let c = cohort.get();
        roll.with_value(|r| {
            r.iter()
                .enumerate()
                .filter(|(_, x)| c.is_empty() || x.cohort == c)
                .map(|(i, _)| i)
                .collect::<Vec<usize>>()
        })
    });
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let meta = existing.as_ref().map(|(m, _)| m.clone());
    let correcting = existing.is_some();
    let what = StoredValue::new(what);
    let summary_now = move || {
        let m = marks.get();
        let v = visible.get();
        let count = |x: Mark| v.iter().filter(|&&i| m[i] == x).count().to_string();
        let summary = fill(
            g.summary,
            &[
                ("present", &count(Mark::Present)),
                ("absent", &count(Mark::Absent)),
                ("excused", &count(Mark::Excused)),
                ("sick", &count(Mark::Sick)),
            ],
        );
        (v.len(), summary)
    };
    let one_off_send = one_off.clone();
    let send = move || {
        let m = marks.get_untracked();
        let taken: Vec<(RecordId, Mark)> = roll.with_value(|r| {
            visible
                .get_untracked()
                .into_iter()
                .map(|i| (r[i].id.clone(), m[i]))
                .collect()
        });
        let mut base = what.get_value();
        let mut problems = vec![];
        let date = match &one_off_send {
            Some(o) => {
                base.title = o.title.get_untracked().trim().to_string();
                if base.title.is_empty() {
                    problems.push(err("rc_title", Problem::Required));
                }
                if let Some(a) = o.activity {
                    match super::page::from_code(a.get_untracked()) {
                        Some(a) => base.activity = a,
                        None => problems.push(err("rc_activity", Problem::Required)),
                    }
                }
                o.date.get_untracked()
            }
            None => base.date.iso(),
        };
        let checked = AttendanceSession::taken(base, &date, clock::today(), &taken);
        let session = match (checked, problems.is_empty()) {
            (Ok(s), true) => s,
            (result, _) => {
                problems.extend(result.err().unwrap_or_default());
                show_errors(errors, problems);
                submit.fail(t.form_has_errors.into());
                return;
            }
        };
        errors.set(vec![]);
        let saved = fill(g.saved, &[("summary", &super::page::summary(t, &session))]);
        let back = one_off_send
            .as_ref()
            .and_then(|o| o.back.clone())
            .unwrap_or_else(|| format!("/kegiatan?tanggal={}", session.date.iso()));
        let change = match &meta {
            Some(m) => Change::Update {
                id: m.id.clone(),
                base_rev: m.rev,
                body: RecordBody::Attendance(session),
            },
            None => Change::create(id.clone(), session),
        };
        let navigate = navigate.clone();
        submit.save(vec![change], move |_| {
            app.notify(saved, false);
            navigate(&back, Default::default());
        });
    };
    let send = StoredValue::new_local(send);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let Some(el) = ev
            .target()
            .and_then(|x| x.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Some(row) = el
            .get_attribute("data-row")
            .and_then(|r| r.parse::<usize>().ok())
        else {
            return;
        };
        let col = el.get_attribute("data-mark").unwrap_or_default();
        let set = |m: Mark| marks.update(|v| v[row] = m);
        match ev.key().as_str() {
            k @ ("ArrowDown" | "ArrowUp") => {
                ev.prevent_default();
                let v = visible.get_untracked();
                let at = v.iter().position(|&i| i == row).unwrap_or(0);
                let next = if k == "ArrowDown" {
                    v.get(at + 1)
                } else {
                    at.checked_sub(1).and_then(|p| v.get(p))
                };
                if let Some(n) = next {
                    focus(&format!("rc-{n}-{col}"));
                }
            }
            "a" | "A" => set(Mark::Absent),
            "i" | "I" => set(Mark::Excused),
            "s" | "S" => set(Mark::Sick),
            "h" | "H" => set(Mark::Present),
            "Enter" => {
                ev.prevent_default();
                send.with_value(|f| f());
            }
            _ => {}
        }
    };
    let rows = move || {
        let v = visible.get();
        roll.with_value(|r| {
            v.into_iter()
                .map(|i| {
                    let person = &r[i];
                    let buttons = MARKS
                        .into_iter()
                        .map(|(m, code)| {
                            view! {
                                <button type="button" class=format!("mark {code}") id=format!("rc-{i}-{code}")
                                    data-row=i.to_string() data-mark=code
                                    aria-pressed=move || marks.with(|x| if x[i] == m { "true" } else { "false" })
                                    on:click=move |_| marks.update(|x| x[i] = m)>{(g.mark)(m)}</button>
                            }
                        })
                        .collect_view();
                    let label = person.name.clone();
                    view! {
                        <tr data-resident=person.id.to_string() class:off=move || marks.with(|x| x[i] != Mark::Present)>
                            <th scope="row">{person.name.clone()}</th>
                            <td>{person.cohort.clone()}</td>
                            <td><div class="marks" role="group" aria-label=label>{buttons}</div></td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let filter = (!correcting && cohorts.len() > 1).then(|| {
        let options = std::iter::once((String::new(), g.all_cohorts.to_string()))
            .chain(cohorts.into_iter().map(|c| (c.clone(), c)))
            .map(|(code, label)| view! { <option value=code>{label}</option> })
            .collect_view();
        view! {
            <div class="field">
                <label for="rc_cohort">{g.f_cohort}</label>
                <select id="rc_cohort" on:change=move |ev| cohort.set(event_target_value(&ev))>{options}</select>
            </div>
        }
    });
    let details = one_off.as_ref().map(|o| {
        let activities = attendance::ALL_ACTIVITIES
            .into_iter()
            .filter(|a| *a != Activity::Vocational)
            .map(|a| (super::page::code(&a), (g.activity)(a).to_string()))
            .collect();
        let mut inputs =
            vec![Input::new("rc_title", o.title_label, Control::Text, o.title).hint(o.title_hint)];
        if let Some(a) = o.activity {
            inputs.push(Input::new(
                "rc_activity",
                g.f_activity,
                Control::Choice(activities),
                a,
            ));
        }
        inputs.push(Input::new("rc_date", t.f_date, Control::Date, o.date));
        bound::fields(errors, inputs)
    });
    let date_error = one_off.is_none().then(|| bound::error(errors, "rc_date"));
    let typed = one_off.is_some();
    // The first row takes the focus, so the keys work at once.
    request_animation_frame(move || {
        if let Some(i) = visible.get_untracked().first() {
            if !typed {
                focus(&format!("rc-{i}-present"));
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send.with_value(|f| f());
    };
    let heading = fill(g.rollcall, &[("name", &name)]);
    view! {
        <h1>{heading}</h1>
        {when.map(|w| view! { <p class="lead" id="rc-when">{w}</p> })}
        <p><A href=format!("/kegiatan?tanggal={}", day.iso())>{g.back}</A></p>
        <form class="card stack" id="rollcall" on:submit=on_submit novalidate>
            {correcting.then(|| view! { <p class="banner" id="rc-correcting">{g.correcting}</p> })}
            {details}
            {date_error}
            <p class="hint" id="rc-help">{g.help}</p>
            {filter}
            <p id="rc-count" aria-live="polite">{move || { let (n, s) = summary_now(); fill(g.count_line, &[("n", &n.to_string()), ("summary", &s)]) }}</p>
            <table class="list roll" id="roll">
                <caption class="muted small">{g.roll_caption}</caption>
                <thead><tr><th scope="col">{g.col_resident}</th><th scope="col">{g.f_cohort}</th><th scope="col">{g.col_mark}</th></tr></thead>
                <tbody on:keydown=on_key>{rows}</tbody>
            </table>
            {nobody.then(|| view! { <p class="muted" id="rc-nobody">{t.p_nobody_on_roll}</p> })}
            {bound::error(errors, "rc_roll")}
            {submit.banner("rollcall-error")}
            <div class="row">
                <button type="submit" class="primary" id="rollcall-save" disabled=move || submit.busy.get()>{g.save}</button>
            </div>
        </form>
    }
    .into_any()
}
