//! Attendance of one session: vocational training or social and religious guidance. Each
//! resident on its roll is present, absent, excused (izin) or sick; a resident's attendance rate
//! over a period is the share of the sessions she was on the roll of where she was present, with
//! her excused and sick sessions counted beside it (they are reasons, not attendance).

use super::date::Date;
use super::id::RecordId;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    Vocational,
    Pengajian,
    TahajudBerjamaah,
    Dzikir,
    KerjaBakti,
    /// Senam pagi and other physical activity.
    Exercise,
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceSession {
    pub date: Date,
    pub activity: Activity,
    /// For vocational sessions: the field's code (salon, tataboga, jahit, rias: data, not code).
    pub field: String,
    pub present: Vec<RecordId>,
    pub absent: Vec<RecordId>,
    /// Izin: away with leave.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excused: Vec<RecordId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sick: Vec<RecordId>,
    /// The guidance schedule whose occurrence this is (`None`: a one-off session, or training).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<RecordId>,
    /// What a one-off session was ("Penyuluhan kesehatan").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
}

/// How a resident on a session's roll was marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    Present,
    Absent,
    Excused,
    Sick,
}

impl AttendanceSession {
    /// How `resident` was marked, if she was on the roll.
    pub fn mark_of(&self, resident: &RecordId) -> Option<Mark> {
        [
            (&self.present, Mark::Present),
            (&self.absent, Mark::Absent),
            (&self.excused, Mark::Excused),
            (&self.sick, Mark::Sick),
        ]
        .into_iter()
        .find(|(list, _)| list.contains(resident))
        .map(|(_, m)| m)
    }

    /// Everyone on the roll with her mark, as the roll-call shows them for correction.
    pub fn marks(&self) -> Vec<(RecordId, Mark)> {
        [
            (&self.present, Mark::Present),
            (&self.absent, Mark::Absent),
            (&self.excused, Mark::Excused),
            (&self.sick, Mark::Sick),
        ]
        .into_iter()
        .flat_map(|(list, m)| list.iter().map(move |r| (r.clone(), m)))
        .collect()
    }

    /// A roll-call as taken: on `date` (written by the form), not after `today`, with someone
    /// on the roll. The session's other details come from `what`.
    pub fn taken(
        what: AttendanceSession,
        date: &str,
        today: Date,
        marks: &[(RecordId, Mark)],
    ) -> Result<AttendanceSession, Vec<super::validation::FieldError>> {
        use super::validation::{err, Problem};
        let mut errors = vec![];
        let date = match Date::parse_iso(date.trim()) {
            None => {
                errors.push(err("rc_date", Problem::NotADate));
                None
            }
            Some(d) if d > today => {
                errors.push(err("rc_date", Problem::InTheFuture));
                None
            }
            Some(d) => Some(d),
        };
        if marks.is_empty() {
            errors.push(err("rc_roll", Problem::NobodyOnTheRoll));
        }
        let Some(date) = date.filter(|_| errors.is_empty()) else {
            return Err(errors);
        };
        let of = |m: Mark| {
            marks
                .iter()
                .filter(|(_, x)| *x == m)
                .map(|(r, _)| r.clone())
                .collect()
        };
        Ok(AttendanceSession {
            date,
            present: of(Mark::Present),
            absent: of(Mark::Absent),
            excused: of(Mark::Excused),
            sick: of(Mark::Sick),
            ..what
        })
    }
}

/// Sessions counted by how one resident (or everyone) was marked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub present: u32,
    pub absent: u32,
    pub excused: u32,
    pub sick: u32,
}

impl Tally {
    fn add(&mut self, m: Mark) {
        match m {
            Mark::Present => self.present += 1,
            Mark::Absent => self.absent += 1,
            Mark::Excused => self.excused += 1,
            Mark::Sick => self.sick += 1,
        }
    }

    pub fn marked(&self) -> u32 {
        self.present + self.absent + self.excused + self.sick
    }

    /// Present in this share of the sessions, in whole percent (`None` without any).
    pub fn rate_percent(&self) -> Option<u32> {
        let all = self.marked();
        (all > 0).then(|| (self.present * 200 + all) / (2 * all))
    }
}

/// One resident's sessions from `from` to `to` (both included), optionally of one activity.
pub fn tally<'a>(
    sessions: impl Iterator<Item = &'a AttendanceSession>,
    resident: &RecordId,
    activity: Option<Activity>,
    from: Date,
    to: Date,
) -> Tally {
    let mut t = Tally::default();
    for s in sessions {
        if s.date < from || s.date > to || activity.is_some_and(|a| a != s.activity) {
            continue;
        }
        if let Some(m) = s.mark_of(resident) {
            t.add(m);
        }
    }
    t
}

/// Every resident's marks from `from` to `to`, per activity, in the order activities are listed.
pub fn tally_by_activity<'a>(
    sessions: impl Iterator<Item = &'a AttendanceSession>,
    from: Date,
    to: Date,
) -> Vec<(Activity, Tally)> {
    let mut out: Vec<(Activity, Tally)> = vec![];
    for s in sessions.filter(|s| s.date >= from && s.date <= to) {
        let i = match out.iter().position(|(a, _)| *a == s.activity) {
            Some(i) => i,
            None => {
                out.push((s.activity, Tally::default()));
                out.len() - 1
            }
        };
        let t = &mut out[i].1;
        for (list, m) in [
            (&s.present, Mark::Present),
            (&s.absent, Mark::Absent),
            (&s.excused, Mark::Excused),
            (&s.sick, Mark::Sick),
        ] {
            for _ in list {
                t.add(m);
            }
        }
    }
    let order = |a: &Activity| ALL_ACTIVITIES.iter().position(|x| x == a);
    super::sorting::sort_by(&mut out, |a, b| order(&a.0).cmp(&order(&b.0)));
    out
}

/// A month (its first day), a resident's marks in all its sessions, and per activity.
pub type Month = (Date, Tally, Vec<(Activity, Tally)>);

/// One resident's marks a month at a time, oldest first: the month (its first day), all her
/// sessions in it, and per activity (in the order activities are listed).
pub fn by_month<'a>(
    sessions: impl Iterator<Item = &'a AttendanceSession>,
    resident: &RecordId,
) -> Vec<Month> {
    let mut out: Vec<Month> = vec![];
    for s in sessions {
        let Some(m) = s.mark_of(resident) else {
            continue;
        };
        let first = Date::new(s.date.year(), s.date.month(), 1).unwrap_or(s.date);
        let i = match out.iter().position(|(d, _, _)| *d == first) {
            Some(i) => i,
            None => {
                out.push((first, Tally::default(), vec![]));
                out.len() - 1
            }
        };
        let (_, total, per) = &mut out[i];
        total.add(m);
        match per.iter_mut().find(|(a, _)| *a == s.activity) {
            Some((_, t)) => t.add(m),
            None => {
                let mut t = Tally::default();
                t.add(m);
                per.push((s.activity, t));
            }
        }
    }
    let order = |a: &Activity| ALL_ACTIVITIES.iter().position(|x| x == a);
    for (_, _, per) in &mut out {
        super::sorting::sort_by(per, |a, b| order(&a.0).cmp(&order(&b.0)));
    }
    super::sorting::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    out
}

pub const ALL_ACTIVITIES: [Activity; 7] = [
    Activity::Vocational,
    Activity::Pengajian,
    Activity::TahajudBerjamaah,
    Activity::Dzikir,
    Activity::KerjaBakti,
    Activity::Exercise,
    Activity::Other,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }
    fn r(b: u8) -> RecordId {
        RecordId::from_random_bytes([b; 16])
    }
    fn session(date: &str, activity: Activity, marks: &[(u8, Mark)]) -> AttendanceSession {
        let of = |m: Mark| {
            marks
                .iter()
                .filter(|(_, x)| *x == m)
                .map(|(b, _)| r(*b))
                .collect()
        };
        AttendanceSession {
            date: d(date),
            activity,
            field: String::new(),
            present: of(Mark::Present),
            absent: of(Mark::Absent),
            excused: of(Mark::Excused),
            sick: of(Mark::Sick),
            schedule: None,
            title: String::new(),
        }
    }

    #[test]
    fn leave_and_sickness_are_stored_by_name_and_older_sessions_read_without_them() {
        let s = session(
            "2026-11-03",
            Activity::Dzikir,
            &[(1, Mark::Excused), (2, Mark::Sick)],
        );
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["excused"].as_array().map(Vec::len), Some(1));
        assert_eq!(json["sick"].as_array().map(Vec::len), Some(1));
        let older: AttendanceSession = serde_json::from_str(
            r#"{"date": "2026-08-07", "activity": "dzikir", "field": "", "present": [], "absent": []}"#,
        )
        .unwrap();
        assert!(older.excused.is_empty() && older.sick.is_empty());
        assert!(!serde_json::to_string(&older).unwrap().contains("sick"));
    }

    #[test]
    fn a_residents_rate_is_her_share_present_with_leave_and_sickness_beside_it() {
        use Activity::*;
        use Mark::*;
        let s = [
            session("2026-11-01", TahajudBerjamaah, &[(1, Present), (2, Absent)]),
            session(
                "2026-11-02",
                TahajudBerjamaah,
                &[(1, Present), (2, Present)],
            ),
            session("2026-11-03", TahajudBerjamaah, &[(1, Sick), (2, Present)]),
            session("2026-11-06", Pengajian, &[(1, Excused), (2, Present)]),
            session("2026-12-01", Pengajian, &[(1, Absent)]),
        ];
        let nov = |res, act| tally(s.iter(), &r(res), act, d("2026-11-01"), d("2026-11-30"));
        let one = nov(1, None);
        assert_eq!(
            (one.present, one.sick, one.excused, one.absent),
            (2, 1, 1, 0)
        );
        assert_eq!(one.rate_percent(), Some(50));
        assert_eq!(nov(1, Some(TahajudBerjamaah)).rate_percent(), Some(67));
        assert_eq!(nov(2, None).rate_percent(), Some(75));
        assert_eq!(nov(3, None).rate_percent(), None, "not on any roll");
        assert_eq!(s[3].mark_of(&r(1)), Some(Excused));
        let by = tally_by_activity(s.iter(), d("2026-11-01"), d("2026-11-30"));
        let rates: Vec<(Activity, Option<u32>)> =
            by.iter().map(|(a, t)| (*a, t.rate_percent())).collect();
        assert_eq!(rates, [(Pengajian, Some(50)), (TahajudBerjamaah, Some(67))]);
    }

    #[test]
    fn a_roll_call_is_taken_on_a_past_day_with_someone_on_it_and_reopens_as_marked() {
        let what = session("2026-01-01", Activity::TahajudBerjamaah, &[]);
        let today = d("2026-12-01");
        let marks = [
            (r(1), Mark::Present),
            (r(2), Mark::Absent),
            (r(3), Mark::Sick),
        ];
        let s = AttendanceSession::taken(what.clone(), "2026-12-01", today, &marks).unwrap();
        assert_eq!(s.date, today);
        assert_eq!((s.present.len(), s.absent.len(), s.sick.len()), (1, 1, 1));
        let mut again = s.marks();
        crate::domain::sorting::sort_by(&mut again, |a, b| a.0.cmp(&b.0));
        assert_eq!(again, marks);
        let problems = |date: &str, marks: &[(RecordId, Mark)]| {
            AttendanceSession::taken(what.clone(), date, today, marks)
                .unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.problem))
                .collect::<Vec<_>>()
        };
        use crate::domain::validation::Problem;
        assert_eq!(
            problems("2026-12-02", &marks),
            [("rc_date", Problem::InTheFuture)]
        );
        assert_eq!(
            problems("2026-12-01", &[]),
            [("rc_roll", Problem::NobodyOnTheRoll)]
        );
    }

    #[test]
    fn a_residents_marks_month_by_month() {
        use Activity::*;
        let sessions = [
            session(
                "2026-11-03",
                Dzikir,
                &[(1, Mark::Present), (2, Mark::Absent)],
            ),
            session("2026-10-30", Pengajian, &[(1, Mark::Sick)]),
            session("2026-11-04", Pengajian, &[(1, Mark::Absent)]),
            session("2026-11-05", Dzikir, &[(1, Mark::Present)]),
            session("2026-11-06", Dzikir, &[(2, Mark::Present)]),
        ];
        let got = by_month(sessions.iter(), &r(1));
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, d("2026-10-01"));
        assert_eq!(got[0].1.sick, 1);
        let (_, nov, per) = &got[1];
        assert_eq!((nov.present, nov.absent, nov.marked()), (2, 1, 3));
        assert_eq!(
            per.iter()
                .map(|(a, t)| (*a, t.marked()))
                .collect::<Vec<_>>(),
            [(Pengajian, 1), (Dzikir, 2)]
        );
    }
}
