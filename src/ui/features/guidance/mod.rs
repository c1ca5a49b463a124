//! Kegiatan: the guidance activities on their schedules, their roll-calls (absensi) and the
//! attendance rates; a resident's own rates on her profile.

mod page;
mod rollcall;
pub mod texts;

use super::NavEntry;
use crate::domain::attendance::AttendanceSession;
use crate::domain::date::Date;
use crate::domain::guidance::GuidanceSchedule;
use crate::domain::id::RecordId;
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::vault;
use leptos::prelude::*;
pub use page::ResidentAttendance;
pub use page::{code, summary as summary_of};
pub use rollcall::training_session_page;

pub const NAV: NavEntry = NavEntry {
    href: "/kegiatan",
    label: |t| t.guidance.nav,
    exact: false,
    id: "nav-guidance",
    section: None,
};

// `/kegiatan` (the day's activities and the rates), `/kegiatan/jadwal` (the schedules),
// `/kegiatan/<schedule>/<YYYY-MM-DD>` (that occurrence's roll-call) and
// `/kegiatan/tambahan/<YYYY-MM-DD>` (a one-off activity's). An address naming no schedule or
// no date of it shows "not found" on the page.
super::lazy::pages!(
    daily,
    guidance_pages,
    ["kegiatan"] | ["kegiatan", "jadwal"] | ["kegiatan", _, _],
    |path| match path {
        ["kegiatan"] => view! { <page::GuidancePage /> }.into_any(),
        ["kegiatan", "jadwal"] => view! { <page::SchedulesPage /> }.into_any(),
        ["kegiatan", "tambahan", day] => rollcall::one_off_page(Date::parse_iso(day)),
        ["kegiatan", "sesi", id] => rollcall::session_page(RecordId::parse(id)),
        ["kegiatan", schedule, day] => {
            rollcall::scheduled_page(RecordId::parse(schedule), Date::parse_iso(day))
        }
        _ => super::not_found(),
    }
);

/// Her attendance, a month to an entry (dated the month's last day, or today for this month):
/// how many sessions she was present at of those she was on the roll of, and per activity.
pub fn timeline_entries(t: &'static Texts, resident: &RecordId) -> Vec<super::TimelineEntry> {
    let g = t.guidance;
    let today = crate::store::clock::today();
    vault()
        .read(|ix| {
            crate::domain::attendance::by_month(
                ix.all::<AttendanceSession>().map(|l| l.body),
                resident,
            )
        })
        .unwrap_or_default()
        .into_iter()
        .map(|(first, total, per_activity)| {
            let last = Date::new(first.year(), first.month(), first.days_in_month())
                .unwrap_or(first)
                .min(today);
            let line = |x: crate::domain::attendance::Tally| {
                fill(
                    g.month_line,
                    &[
                        ("present", &x.present.to_string()),
                        ("all", &x.marked().to_string()),
                        ("rate", &x.rate_percent().unwrap_or(0).to_string()),
                        ("absent", &x.absent.to_string()),
                        ("excused", &x.excused.to_string()),
                        ("sick", &x.sick.to_string()),
                    ],
                )
            };
            let mut lines = vec![line(total)];
            lines.extend(
                per_activity
                    .into_iter()
                    .map(|(a, x)| format!("{}: {}", (g.activity)(a), line(x))),
            );
            super::TimelineEntry {
                date: Some(last),
                kind: "attendance_month",
                label: fill(
                    g.month_title,
                    &[("month", &format::month_year(first, &t.months))],
                ),
                lines,
            }
        })
        .collect()
}

pub fn describe_schedule(t: &'static Texts, s: &GuidanceSchedule) -> Vec<(&'static str, String)> {
    let g = t.guidance;
    vec![
        (g.f_name, s.name.clone()),
        (g.f_kind, (g.kind)(s.kind).to_string()),
        (g.col_repeat, page::repeat_label(t, s.repeat)),
        (g.f_time, s.time.clone()),
        (g.f_start, format::date(s.start, &t.months)),
        (
            g.f_until,
            s.until
                .map(|d| format::date(d, &t.months))
                .unwrap_or_default(),
        ),
    ]
}

pub fn describe_session(t: &'static Texts, s: &AttendanceSession) -> Vec<(&'static str, String)> {
    let g = t.guidance;
    vec![
        (t.f_date, format::date(s.date, &t.months)),
        (g.col_activity, page::session_name(t, s)),
        (g.col_roll, page::summary(t, s)),
    ]
}
