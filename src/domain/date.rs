//! Calendar dates (stored as ISO `YYYY-MM-DD`) and instants (milliseconds since the Unix epoch).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Milliseconds since 1970-01-01T00:00:00Z. Stored in the clear beside each record.
pub type Timestamp = u64;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

pub const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_leap(y: u16) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

fn days_in_month(y: u16, m: u8) -> u8 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let ok = (1900..=2200).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        ok.then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`, the form `<input type=date>` gives and storage keeps.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u16>().ok();
        if !s
            .bytes()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        {
            return None;
        }
        Date::new(num(0..4)?, num(5..7)? as u8, num(8..10)? as u8)
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    pub fn year(&self) -> u16 {
        self.year
    }
    pub fn month(&self) -> u8 {
        self.month
    }
    pub fn day(&self) -> u8 {
        self.day
    }

    /// "5 Januari 2026" (Indonesian) or "5 January 2026" (English).
    pub fn long(&self, month_names: &[&str; 12]) -> String {
        format!(
            "{} {} {}",
            self.day,
            month_names[self.month as usize - 1],
            self.year
        )
    }

    /// The civil date (UTC) of an instant.
    pub fn from_timestamp(ms: Timestamp) -> Date {
        // Howard Hinnant's days-from-civil inverse.
        let z = (ms / 86_400_000) as i64 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as u16;
        Date {
            year: y,
            month: m,
            day: d,
        }
    }

    /// The same day `n` months later, or the month's last day where it has no such day
    /// (31 January + 1 month = 28 or 29 February).
    pub fn plus_months(self, n: u32) -> Date {
        let total = u32::from(self.month) - 1 + n;
        let year = self.year + (total / 12) as u16;
        let month = (total % 12) as u8 + 1;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// `n` days later (earlier for a negative `n`), on or after 1970-01-01.
    pub fn plus_days(self, n: i64) -> Date {
        let days = (self.days_since_epoch() + n).max(0);
        Date::from_timestamp(days as u64 * 86_400_000)
    }

    /// The day of the week: 0 Monday … 6 Sunday.
    pub fn weekday(&self) -> u8 {
        // 1970-01-01 was a Thursday.
        ((self.days_since_epoch() + 3).rem_euclid(7)) as u8
    }

    /// How many days its month has.
    pub fn days_in_month(&self) -> u8 {
        days_in_month(self.year, self.month)
    }

    /// Days from 1970-01-01 (the inverse of `from_timestamp` at day precision).
    pub fn days_since_epoch(&self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Milliseconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ` (UTC), what `parse_iso_instant`
    /// reads.
    pub fn iso_instant(ms: Timestamp) -> String {
        let d = Date::from_timestamp(ms);
        let secs = (ms / 1000) % 86_400;
        format!(
            "{}T{:02}:{:02}:{:02}Z",
            d.iso(),
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` (UTC) to milliseconds since the epoch.
    pub fn parse_iso_instant(s: &str) -> Option<Timestamp> {
        let date = Date::parse_iso(s.get(..10)?)?;
        if s.len() != 20 || &s[10..11] != "T" || !s.ends_with('Z') {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u64>().ok();
        let (h, m, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if h > 23 || m > 59 || sec > 59 || date.year < 1970 {
            return None;
        }
        Some(date.days_since_epoch() as u64 * 86_400_000 + ((h * 60 + m) * 60 + sec) * 1000)
    }

    /// Whole years from `self` to `on` (an age).
    pub fn years_until(&self, on: Date) -> i32 {
        let mut y = i32::from(on.year) - i32::from(self.year);
        if (on.month, on.day) < (self.month, self.day) {
            y -= 1;
        }
        y
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("not an ISO date: {s}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_round_trip_and_calendar_rules() {
        assert_eq!(Date::parse_iso("2024-02-29").unwrap().iso(), "2024-02-29");
        assert_eq!(Date::parse_iso("2023-02-29"), None);
        assert_eq!(Date::parse_iso("2023-13-01"), None);
        assert_eq!(Date::parse_iso("2023-1-01"), None);
        assert_eq!(Date::parse_iso("2023-01-0a"), None);
        assert_eq!(Date::parse_iso("+023-01-01"), None);
    }

    #[test]
    fn indonesian_long_form() {
        let d = Date::new(2026, 1, 5).unwrap();
        assert_eq!(d.long(&MONTHS_ID), "5 Januari 2026");
        assert_eq!(d.long(&MONTHS_EN), "5 January 2026");
    }

    #[test]
    fn from_timestamp_matches_known_dates() {
        assert_eq!(Date::from_timestamp(0).iso(), "1970-01-01");
        // 2026-11-28T13:00:00Z
        assert_eq!(Date::from_timestamp(1_795_870_800_000).iso(), "2026-11-28");
        assert_eq!(Date::from_timestamp(951_782_400_000).iso(), "2000-02-29");
    }

    #[test]
    fn days_since_epoch_inverts_from_timestamp() {
        for ms in [0u64, 951_782_400_000, 1_795_870_800_000, 4_102_444_800_000] {
            let d = Date::from_timestamp(ms);
            assert_eq!(
                Date::from_timestamp(d.days_since_epoch() as u64 * 86_400_000),
                d
            );
        }
        assert_eq!(
            Date::parse_iso_instant("2026-11-28T13:00:00Z"),
            Some(1_795_870_800_000)
        );
        assert_eq!(Date::parse_iso_instant("2026-11-28 13:00:00"), None);
        assert_eq!(Date::parse_iso_instant("2026-11-28T25:00:00Z"), None);
    }

    #[test]
    fn instants_round_trip() {
        for ms in [0u64, 1_764_547_200_000, 1_764_633_599_000] {
            assert_eq!(Date::parse_iso_instant(&Date::iso_instant(ms)), Some(ms));
        }
        assert_eq!(Date::iso_instant(1_764_547_200_000), "2025-12-01T00:00:00Z");
    }

    #[test]
    fn age_counts_whole_years() {
        let born = Date::new(2000, 6, 15).unwrap();
        assert_eq!(born.years_until(Date::new(2026, 6, 14).unwrap()), 25);
        assert_eq!(born.years_until(Date::new(2026, 6, 15).unwrap()), 26);
    }

    #[test]
    fn weekdays_and_month_lengths() {
        let d = |s| Date::parse_iso(s).unwrap();
        assert_eq!(d("1970-01-01").weekday(), 3);
        assert_eq!(d("2026-12-01").weekday(), 1, "a Tuesday");
        assert_eq!(d("2026-12-06").weekday(), 6, "a Sunday");
        assert_eq!(d("2028-02-10").days_in_month(), 29);
        assert_eq!(d("2026-02-10").days_in_month(), 28);
    }
}
