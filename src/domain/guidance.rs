//! Guidance activities on a schedule: daily tahajud prayer around 03:00, daily dzikir, weekly
//! pengajian and kerja bakti, morning exercise. A schedule has an occurrence on each of its days;
//! nothing is stored for a day until its session is taken, so the occurrences are computed here.
//!
//! A session taken for an occurrence has the id the schedule and the day give
//! ([`session_id`]): opening the roll-call of a day already taken opens that record for
//! correction, and two laptops taking the same prayer make one record (or a conflict to choose
//! from), never two sessions.

use super::attendance::Activity;
use super::date::Date;
use super::id::RecordId;
use super::validation::{err, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// How often a schedule comes round.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Repeat {
    Daily,
    /// On one day of the week (0 Monday … 6 Sunday).
    Weekly(u8),
    /// On one day of the month (a day past a month's end falls on its last day).
    Monthly(u8),
}

/// A schedule's days: from `from` (and not before `start`) to `to`, both included, and not after
/// `until` where it has ended.
pub fn occurrences(
    repeat: Repeat,
    start: Date,
    until: Option<Date>,
    from: Date,
    to: Date,
) -> Vec<Date> {
    let first = from.max(start);
    let last = until.map_or(to, |u| u.min(to));
    let mut out = vec![];
    let mut d = first;
    while d <= last {
        let on = match repeat {
            Repeat::Daily => true,
            Repeat::Weekly(w) => d.weekday() == w,
            Repeat::Monthly(m) => d.day() == (m.max(1)).min(d.days_in_month()),
        };
        if on {
            out.push(d);
        }
        d = d.plus_days(1);
    }
    out
}

/// The four kinds of guidance the programme gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GuidanceKind {
    Social,
    Religious,
    Physical,
    Mental,
}

impl GuidanceKind {
    pub const ALL: [GuidanceKind; 4] = [
        GuidanceKind::Social,
        GuidanceKind::Religious,
        GuidanceKind::Physical,
        GuidanceKind::Mental,
    ];
}

/// A recurring guidance activity: what, how often, at what time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidanceSchedule {
    pub name: String,
    pub kind: GuidanceKind,
    /// What its sessions count as in attendance rates.
    pub activity: Activity,
    pub repeat: Repeat,
    /// Local time, "HH:MM".
    pub time: String,
    pub start: Date,
    /// The last day it runs (a schedule that ends keeps its sessions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
}

/// The id of the session taken for `schedule`'s occurrence on `day`.
pub fn session_id(schedule: &RecordId, day: Date) -> RecordId {
    RecordId::derived(&format!("naungan/attendance/{schedule}/{}", day.iso()))
}

impl GuidanceSchedule {
    /// Whether it has an occurrence on `day`.
    pub fn on(&self, day: Date) -> bool {
        !occurrences(self.repeat, self.start, self.until, day, day).is_empty()
    }

    /// The shelter's usual schedules, made when a vault has none of them (their ids come from
    /// their names, so two laptops make the same records): daily tahajud prayer at 03:00 and
    /// dzikir after dawn prayer, morning exercise, pengajian on Thursday evening (malam Jumat),
    /// kerja bakti on Friday morning (Jumat bersih). Staff change them afterwards.
    pub fn seeded(start: Date) -> Vec<(RecordId, GuidanceSchedule)> {
        use Activity as A;
        use GuidanceKind as K;
        [
            (
                "tahajud",
                "Sholat tahajud berjamaah",
                K::Religious,
                A::TahajudBerjamaah,
                Repeat::Daily,
                "03:00",
            ),
            (
                "dzikir",
                "Dzikir bersama",
                K::Religious,
                A::Dzikir,
                Repeat::Daily,
                "05:00",
            ),
            (
                "senam",
                "Senam pagi",
                K::Physical,
                A::Exercise,
                Repeat::Daily,
                "06:00",
            ),
            (
                "pengajian",
                "Pengajian",
                K::Religious,
                A::Pengajian,
                Repeat::Weekly(3),
                "19:30",
            ),
            (
                "kerja-bakti",
                "Kerja bakti",
                K::Social,
                A::KerjaBakti,
                Repeat::Weekly(4),
                "07:00",
            ),
        ]
        .into_iter()
        .map(|(slug, name, kind, activity, repeat, time)| {
            (
                RecordId::derived(&format!("naungan/guidance/{slug}")),
                GuidanceSchedule {
                    name: name.into(),
                    kind,
                    activity,
                    repeat,
                    time: time.into(),
                    start,
                    until: None,
                },
            )
        })
        .collect()
    }

    /// A schedule as its form gives it. `repeat`: "daily", "weekly" or "monthly", with `day`
    /// the weekday (0 Monday; field `gs_weekday`) or the day of the month (`gs_monthday`).
    #[allow(clippy::too_many_arguments)]
    pub fn validated(
        name: &str,
        kind: GuidanceKind,
        activity: Activity,
        repeat: &str,
        day: &str,
        time: &str,
        start: &str,
        until: &str,
    ) -> Result<GuidanceSchedule, Vec<FieldError>> {
        let mut errors = vec![];
        let name = name.trim();
        if name.is_empty() {
            errors.push(err("gs_name", Problem::Required));
        }
        let n: Option<u8> = day.trim().parse().ok();
        let repeat = match (repeat, n) {
            ("daily", _) => Some(Repeat::Daily),
            ("weekly", Some(w)) if w <= 6 => Some(Repeat::Weekly(w)),
            ("monthly", Some(m)) if (1..=31).contains(&m) => Some(Repeat::Monthly(m)),
            ("monthly", _) => {
                errors.push(err("gs_monthday", Problem::OutOfRange { min: 1, max: 31 }));
                None
            }
            ("weekly", _) => {
                errors.push(err("gs_weekday", Problem::Required));
                None
            }
            _ => {
                errors.push(err("gs_repeat", Problem::Required));
                None
            }
        };
        let time = time.trim();
        let valid_time = time.len() == 5
            && time.as_bytes()[2] == b':'
            && time[..2].parse::<u8>().is_ok_and(|h| h < 24)
            && time[3..].parse::<u8>().is_ok_and(|m| m < 60);
        if !valid_time {
            errors.push(err("gs_time", Problem::NotATime));
        }
        let start = Date::parse_iso(start.trim());
        if start.is_none() {
            errors.push(err("gs_start", Problem::NotADate));
        }
        let until = match until.trim() {
            "" => None,
            u => match Date::parse_iso(u) {
                None => {
                    errors.push(err("gs_until", Problem::NotADate));
                    None
                }
                Some(u) if start.is_some_and(|s| u < s) => {
                    errors.push(err("gs_until", Problem::EndBeforeStart));
                    None
                }
                Some(u) => Some(u),
            },
        };
        match (errors.is_empty(), repeat, start) {
            (true, Some(repeat), Some(start)) => Ok(GuidanceSchedule {
                name: name.into(),
                kind,
                activity,
                repeat,
                time: time.into(),
                start,
                until,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn daily_weekly_and_monthly_across_month_ends() {
        let (start, from, to) = (d("2026-01-01"), d("2026-01-29"), d("2026-03-02"));
        let daily = occurrences(Repeat::Daily, start, None, from, to);
        assert_eq!(daily.len(), 3 + 28 + 2);
        // Fridays: 30 January, then every week into March.
        let fridays = occurrences(Repeat::Weekly(4), start, None, from, to);
        let iso: Vec<String> = fridays.iter().map(|x| x.iso()).collect();
        assert_eq!(
            iso,
            [
                "2026-01-30",
                "2026-02-06",
                "2026-02-13",
                "2026-02-20",
                "2026-02-27"
            ]
        );
        // The 31st: the last day of a shorter month, and 2028 is a leap year.
        let monthly = occurrences(
            Repeat::Monthly(31),
            start,
            None,
            d("2028-01-01"),
            d("2028-04-30"),
        );
        let iso: Vec<String> = monthly.iter().map(|x| x.iso()).collect();
        assert_eq!(
            iso,
            ["2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"]
        );
    }

    #[test]
    fn nothing_before_the_schedule_began_or_after_it_ended() {
        let got = occurrences(
            Repeat::Daily,
            d("2026-02-10"),
            Some(d("2026-02-12")),
            d("2026-02-01"),
            d("2026-02-28"),
        );
        let iso: Vec<String> = got.iter().map(|x| x.iso()).collect();
        assert_eq!(iso, ["2026-02-10", "2026-02-11", "2026-02-12"]);
        assert!(occurrences(
            Repeat::Daily,
            d("2026-02-10"),
            None,
            d("2026-03-01"),
            d("2026-02-01")
        )
        .is_empty());
    }

    #[test]
    fn seeded_schedules_have_fixed_ids_and_run_on_their_days() {
        let start = d("2026-01-01");
        let a = GuidanceSchedule::seeded(start);
        let b = GuidanceSchedule::seeded(d("2026-06-01"));
        assert_eq!(a.len(), 5);
        let ids =
            |v: &[(RecordId, GuidanceSchedule)]| v.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&a), ids(&b), "the id comes from the name, not the day");
        let pengajian = &a
            .iter()
            .find(|x| x.1.activity == Activity::Pengajian)
            .unwrap()
            .1;
        // 3 December 2026 is a Thursday.
        assert!(pengajian.on(d("2026-12-03")) && !pengajian.on(d("2026-12-04")));
        assert!(!pengajian.on(d("2025-12-04")), "not before it began");
    }

    #[test]
    fn one_session_per_schedule_and_day() {
        let s = RecordId::from_random_bytes([7; 16]);
        let t = RecordId::from_random_bytes([8; 16]);
        assert_eq!(
            session_id(&s, d("2026-12-01")),
            session_id(&s, d("2026-12-01"))
        );
        assert_ne!(
            session_id(&s, d("2026-12-01")),
            session_id(&s, d("2026-12-02"))
        );
        assert_ne!(
            session_id(&s, d("2026-12-01")),
            session_id(&t, d("2026-12-01"))
        );
    }

    #[test]
    fn a_schedule_form_refuses_what_cannot_be_a_schedule() {
        let ok = GuidanceSchedule::validated(
            "Konseling kelompok",
            GuidanceKind::Mental,
            Activity::Other,
            "weekly",
            "1",
            "09:00",
            "2026-12-01",
            "",
        )
        .unwrap();
        assert_eq!(ok.repeat, Repeat::Weekly(1));
        let json = serde_json::to_string(&ok).unwrap();
        assert!(
            json.contains(r#""repeat":{"weekly":1}"#) && !json.contains("until"),
            "{json}"
        );
        let fields = |r: Result<GuidanceSchedule, Vec<FieldError>>| {
            r.unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.problem))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(GuidanceSchedule::validated(
                " ",
                GuidanceKind::Social,
                Activity::Other,
                "monthly",
                "32",
                "25:00",
                "2026-12-01",
                "2026-11-30",
            )),
            [
                ("gs_name", Problem::Required),
                ("gs_monthday", Problem::OutOfRange { min: 1, max: 31 }),
                ("gs_time", Problem::NotATime),
                ("gs_until", Problem::EndBeforeStart),
            ]
        );
    }
}
