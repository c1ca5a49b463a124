//! Guidance activities on a schedule: daily tahajud prayer around 03:00, daily dzikir, weekly
//! pengajian and kerja bakti, morning exercise. A schedule has an occurrence on each of its days;
//! nothing is stored for a day until its session is taken, so the occurrences are computed here.

use super::date::Date;

/// How often a schedule comes round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
}
