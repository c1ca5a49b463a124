//! The figures of the monthly report (laporan bulanan) for the province, each a pure function
//! defined once here and explained on the report by what it counts. A stay is one residence of
//! one resident: her intake, and her discharge if she has left.
//!
//! Residents at the start of a month are those living in the shelter when it begins (admitted
//! before its first day, not discharged before it); at its end, those still living there after
//! its last day's discharges. So start + admissions − discharges = end, which the tests check.

use super::aftercare::DischargeReason;
use super::date::Date;
use super::id::RecordId;
use super::resident::ReferralSource;

/// One residence of one resident.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stay {
    pub resident: RecordId,
    pub intake: Date,
    pub left: Option<(Date, DischargeReason)>,
    pub source: ReferralSource,
    /// Her origin regency's code ("" when not known).
    pub regency: String,
}

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Month {
    pub year: u16,
    pub month: u8,
}

impl Month {
    pub fn first(self) -> Date {
        Date::new(self.year, self.month, 1).expect("a month's first day")
    }

    pub fn last(self) -> Date {
        let first = self.first();
        first.plus_days(i64::from(first.days_in_month()) - 1)
    }

    pub fn contains(self, d: Date) -> bool {
        d.year() == self.year && d.month() == self.month
    }
}

/// Living in the shelter when the month begins.
pub fn at_start(stays: &[Stay], m: Month) -> u32 {
    let first = m.first();
    count(stays, |s| {
        s.intake < first && s.left.is_none_or(|(d, _)| d >= first)
    })
}

/// Living in the shelter when the month ends.
pub fn at_end(stays: &[Stay], m: Month) -> u32 {
    let last = m.last();
    count(stays, |s| {
        s.intake <= last && s.left.is_none_or(|(d, _)| d > last)
    })
}

/// Admissions in the month by who referred her, in the list's order; sources with none left out.
pub fn admissions_by_source(stays: &[Stay], m: Month) -> Vec<(ReferralSource, u32)> {
    ReferralSource::ALL
        .iter()
        .copied()
        .map(|r| (r, count(stays, |s| m.contains(s.intake) && s.source == r)))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Admissions in the month by her origin regency, most first (then by code); unknown as "".
pub fn admissions_by_regency(stays: &[Stay], m: Month) -> Vec<(String, u32)> {
    let mut codes: Vec<String> = stays
        .iter()
        .filter(|s| m.contains(s.intake))
        .map(|s| s.regency.clone())
        .collect();
    super::sorting::sort_dedup(&mut codes);
    let mut out: Vec<(String, u32)> = codes
        .into_iter()
        .map(|c| {
            let n = count(stays, |s| m.contains(s.intake) && s.regency == c);
            (c, n)
        })
        .collect();
    super::sorting::sort_by(&mut out, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// Discharges in the month by reason, in the list's order; reasons with none left out.
pub fn discharges_by_reason(stays: &[Stay], m: Month) -> Vec<(DischargeReason, u32)> {
    DischargeReason::ALL
        .into_iter()
        .map(|r| {
            let n = count(stays, |s| {
                s.left.is_some_and(|(d, why)| m.contains(d) && why == r)
            });
            (r, n)
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

fn count(stays: &[Stay], f: impl Fn(&Stay) -> bool) -> u32 {
    stays.iter().filter(|s| f(s)).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    /// A small shelter over September to November 2026, counted by hand:
    ///
    /// | stay | intake     | left                      | source       | regency |
    /// |------|------------|---------------------------|--------------|---------|
    /// | A    | 2026-08-03 | 2026-09-30 completed      | Satpol PP    | 35.07   |
    /// | B    | 2026-08-03 | —                         | Satpol PP    | 35.07   |
    /// | C    | 2026-09-01 | 2026-10-15 family         | Dinas Sosial | 35.73   |
    /// | D    | 2026-10-31 | —                         | self         | 35.07   |
    /// | E    | 2026-10-05 | 2026-10-20 left, no word  | Satpol PP    | ""      |
    ///
    /// September: at start A, B (C came on the 1st: an admission) = 2; admissions C = 1;
    /// discharges A (on the 30th) = 1; at end B, C = 2.
    /// October: at start B, C = 2; admissions D, E = 2 (Satpol PP 1, self 1; regencies 35.07
    /// and unknown, 1 each); discharges C family, E left = 2; at end B, D = 2.
    /// November: at start B, D = 2; nothing happens; at end 2.
    fn shelter() -> Vec<Stay> {
        let stay =
            |n: u8, intake: &str, left: Option<(&str, DischargeReason)>, source, regency: &str| {
                Stay {
                    resident: RecordId::from_random_bytes([n; 16]),
                    intake: d(intake),
                    left: left.map(|(x, r)| (d(x), r)),
                    source,
                    regency: regency.into(),
                }
            };
        use DischargeReason::*;
        use ReferralSource::*;
        vec![
            stay(
                1,
                "2026-08-03",
                Some(("2026-09-30", Completed)),
                SatpolPpRaid,
                "35.07",
            ),
            stay(2, "2026-08-03", None, SatpolPpRaid, "35.07"),
            stay(
                3,
                "2026-09-01",
                Some(("2026-10-15", PickedUpByFamily)),
                DinasSosial,
                "35.73",
            ),
            stay(4, "2026-10-31", None, SelfReferred, "35.07"),
            stay(
                5,
                "2026-10-05",
                Some(("2026-10-20", LeftWithoutNotice)),
                SatpolPpRaid,
                "",
            ),
        ]
    }

    #[test]
    fn the_months_figures_are_those_counted_by_hand() {
        let s = shelter();
        let (sep, oct, nov) = (
            Month {
                year: 2026,
                month: 9,
            },
            Month {
                year: 2026,
                month: 10,
            },
            Month {
                year: 2026,
                month: 11,
            },
        );
        assert_eq!((at_start(&s, sep), at_end(&s, sep)), (2, 2));
        assert_eq!(
            admissions_by_source(&s, sep),
            [(ReferralSource::DinasSosial, 1)]
        );
        assert_eq!(
            discharges_by_reason(&s, sep),
            [(DischargeReason::Completed, 1)]
        );
        assert_eq!((at_start(&s, oct), at_end(&s, oct)), (2, 2));
        assert_eq!(
            admissions_by_source(&s, oct),
            [
                (ReferralSource::SatpolPpRaid, 1),
                (ReferralSource::SelfReferred, 1)
            ]
        );
        assert_eq!(
            admissions_by_regency(&s, oct),
            [(String::new(), 1), ("35.07".to_string(), 1)]
        );
        assert_eq!(
            discharges_by_reason(&s, oct),
            [
                (DischargeReason::PickedUpByFamily, 1),
                (DischargeReason::LeftWithoutNotice, 1)
            ]
        );
        assert_eq!((at_start(&s, nov), at_end(&s, nov)), (2, 2));
        assert!(
            admissions_by_source(&s, nov).is_empty() && discharges_by_reason(&s, nov).is_empty()
        );
        assert_eq!(oct.last(), d("2026-10-31"));
        assert_eq!(
            Month {
                year: 2028,
                month: 2
            }
            .last(),
            d("2028-02-29")
        );
    }

    #[test]
    fn start_plus_admissions_less_discharges_is_the_end() {
        let s = shelter();
        for month in 7..=12 {
            let m = Month { year: 2026, month };
            let admitted: u32 = admissions_by_source(&s, m).iter().map(|(_, n)| n).sum();
            let left: u32 = discharges_by_reason(&s, m).iter().map(|(_, n)| n).sum();
            assert_eq!(
                at_start(&s, m) + admitted - left,
                at_end(&s, m),
                "month {month}"
            );
        }
    }
}
