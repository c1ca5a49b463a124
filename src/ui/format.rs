//! How values are shown: dates the Indonesian way, money in whole rupiah.

use crate::domain::date::{Date, Timestamp};

/// "Rp 1.250.000" (whole rupiah, dots between thousands; a minus sign before "Rp").
pub fn rupiah(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    if amount < 0 {
        format!("-Rp {grouped}")
    } else {
        format!("Rp {grouped}")
    }
}

/// "5 Januari 2026".
pub fn date(d: Date, months: &[&str; 12]) -> String {
    d.long(months)
}

/// The calendar date of an instant, in UTC+7 (WIB, where the first shelters are).
/// "November 2026".
pub fn month_year(d: Date, months: &[&str; 12]) -> String {
    format!(
        "{} {}",
        months[usize::from(d.month().clamp(1, 12)) - 1],
        d.year()
    )
}

pub fn timestamp_date(ms: Timestamp, months: &[&str; 12]) -> String {
    Date::from_timestamp(ms + 7 * 3_600_000).long(months)
}

/// "28 November 2026, 20.00 WIB".
pub fn timestamp_datetime(ms: Timestamp, months: &[&str; 12]) -> String {
    let wib = ms + 7 * 3_600_000;
    let minutes = (wib / 60_000) % (24 * 60);
    format!(
        "{}, {:02}.{:02} WIB",
        Date::from_timestamp(wib).long(months),
        minutes / 60,
        minutes % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::MONTHS_ID;

    #[test]
    fn rupiah_groups_thousands_with_dots() {
        assert_eq!(rupiah(1_250_000), "Rp 1.250.000");
        assert_eq!(rupiah(0), "Rp 0");
        assert_eq!(rupiah(999), "Rp 999");
        assert_eq!(rupiah(1000), "Rp 1.000");
        assert_eq!(rupiah(-45_500), "-Rp 45.500");
        assert_eq!(rupiah(i64::MIN), "-Rp 9.223.372.036.854.775.808");
    }

    #[test]
    fn dates_the_indonesian_way() {
        assert_eq!(
            date(Date::new(2026, 8, 17).unwrap(), &MONTHS_ID),
            "17 Agustus 2026"
        );
        // 2026-11-28T20:00Z is already the 29th in WIB.
        assert_eq!(
            timestamp_date(1_795_896_000_000, &MONTHS_ID),
            "29 November 2026"
        );
    }
}
