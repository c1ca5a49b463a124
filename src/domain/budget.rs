//! The budget: lines per programme for a fiscal year (January to December) with a planned amount,
//! expenses against them, the realisation per line, and the costs the province asks for: per
//! resident served, per resident of each vocational field, per cohort, and per good aftercare
//! outcome. Each cost is a [`Figure`]: the total and the count it is divided by, so the page can
//! say how it was computed.

use super::aftercare::parse_rupiah;
use super::date::Date;
use super::id::RecordId;
use super::validation::{err, text, FieldError, Problem};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Programme {
    /// One vocational field's training (the line names the field).
    Vocational,
    Guidance,
    Health,
    StarterKits,
    MealsAccommodation,
    StaffTraining,
    Operations,
}

impl Programme {
    pub const ALL: [Programme; 7] = [
        Programme::Vocational,
        Programme::Guidance,
        Programme::Health,
        Programme::StarterKits,
        Programme::MealsAccommodation,
        Programme::StaffTraining,
        Programme::Operations,
    ];
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLine {
    pub year: u16,
    pub programme: Programme,
    /// For a vocational line, the field's code ("jahit").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub field: String,
    pub name: String,
    /// Whole rupiah.
    pub planned: u64,
    /// Takes no new expenses; kept for its history (a line with expenses is never deleted).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
}

impl BudgetLine {
    pub fn validated(
        year: &str,
        programme: Programme,
        field: &str,
        name: &str,
        planned: &str,
    ) -> Result<BudgetLine, Vec<FieldError>> {
        let mut e = vec![];
        let year = match year.trim().parse::<u16>() {
            Ok(y) if (2000..=2100).contains(&y) => y,
            _ => {
                e.push(err(
                    "bl_year",
                    Problem::OutOfRange {
                        min: 2000,
                        max: 2100,
                    },
                ));
                0
            }
        };
        let field = field.trim().to_string();
        if programme == Programme::Vocational && field.is_empty() {
            e.push(err("bl_field", Problem::Required));
        }
        let name = text(&mut e, "bl_name", name, true, 3, 200);
        let planned = parse_rupiah(planned).unwrap_or_else(|| {
            e.push(err("bl_planned", Problem::NotRupiah));
            0
        });
        if e.is_empty() {
            Ok(BudgetLine {
                year,
                programme,
                field: if programme == Programme::Vocational {
                    field
                } else {
                    String::new()
                },
                name,
                planned,
                retired: false,
            })
        } else {
            Err(e)
        }
    }
}

/// A line may be deleted only while no expense is booked on it (retire it otherwise).
pub fn may_delete(line: &RecordId, expenses: &[&Spent]) -> Result<(), FieldError> {
    if expenses.iter().any(|x| x.line.as_ref() == Some(line)) {
        Err(err("bl_delete", Problem::LineHasExpenses))
    } else {
        Ok(())
    }
}

/// Money spent, as the cost figures need it: an expense, or a discharge's starter kit (which
/// counts against the starter-kit line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spent {
    pub date: Date,
    pub amount: u64,
    pub line: Option<RecordId>,
    /// The programme it counts for where it has no line (a starter kit).
    pub programme: Option<Programme>,
    pub resident: Option<RecordId>,
    pub cohort: String,
}

/// A line's planned amount against what was spent on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Realisation {
    pub planned: u64,
    pub spent: u64,
    /// Negative when overspent.
    pub remaining: i64,
    /// Spent of planned, whole percent (`None` when nothing was planned).
    pub percent: Option<u32>,
}

/// The line's realisation over its year. Starter kits without a line count against the year's
/// (first) starter-kit line.
pub fn realisation(
    id: &RecordId,
    line: &BudgetLine,
    kit_line: bool,
    spent: &[Spent],
) -> Realisation {
    let total: u64 = spent
        .iter()
        .filter(|s| s.date.year() == line.year)
        .filter(|s| {
            s.line.as_ref() == Some(id)
                || (kit_line && s.line.is_none() && s.programme == Some(Programme::StarterKits))
        })
        .map(|s| s.amount)
        .sum();
    Realisation {
        planned: line.planned,
        spent: total,
        remaining: line.planned as i64 - total as i64,
        percent: (line.planned > 0)
            .then(|| ((total * 200 + line.planned) / (2 * line.planned)) as u32),
    }
}

/// A cost: `total` rupiah over `count` (residents, or outcomes), and the quotient rounded to
/// whole rupiah (`None` when the count is 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figure {
    pub total: u64,
    pub count: u32,
    pub per: Option<u64>,
}

impl Figure {
    pub fn of(total: u64, count: u32) -> Figure {
        let per = (count > 0).then(|| (total * 2 + u64::from(count)) / (2 * u64::from(count)));
        Figure { total, count, per }
    }
}

/// A resident served in the year: on the programme at some time in it.
pub struct Served {
    pub resident: RecordId,
    pub cohort: String,
    /// The vocational fields (codes) she was enrolled in.
    pub fields: Vec<String>,
    /// Her outcome at 6 months was self-reliant (mandiri).
    pub mandiri_at_6: bool,
}

pub struct Costs {
    /// All spending in the year over the residents served.
    pub per_resident: Figure,
    /// Each field: spending on its lines over the residents enrolled in it.
    pub per_field: Vec<(String, Figure)>,
    /// Each cohort: spending on it and its residents, plus its share (by residents) of spending
    /// on no one in particular, over its residents served.
    pub per_cohort: Vec<(String, Figure)>,
    /// All spending in the year over the residents served who were mandiri at 6 months.
    pub per_good_outcome: Figure,
}

pub fn costs(
    year: u16,
    lines: &[(RecordId, BudgetLine)],
    spent: &[Spent],
    served: &[Served],
) -> Costs {
    let this_year: Vec<&Spent> = spent.iter().filter(|s| s.date.year() == year).collect();
    let total: u64 = this_year.iter().map(|s| s.amount).sum();
    let n = served.len() as u32;
    let mut fields: Vec<String> = lines
        .iter()
        .filter(|(_, l)| l.year == year && l.programme == Programme::Vocational)
        .map(|(_, l)| l.field.clone())
        .collect();
    super::sorting::sort_dedup(&mut fields);
    let per_field = fields
        .into_iter()
        .map(|f| {
            let ids: Vec<&RecordId> = lines
                .iter()
                .filter(|(_, l)| l.year == year && l.field == f)
                .map(|(id, _)| id)
                .collect();
            let on: u64 = this_year
                .iter()
                .filter(|s| s.line.as_ref().is_some_and(|l| ids.contains(&l)))
                .map(|s| s.amount)
                .sum();
            let enrolled = served.iter().filter(|s| s.fields.contains(&f)).count() as u32;
            (f, Figure::of(on, enrolled))
        })
        .collect();
    let cohort_of = |r: &RecordId| {
        served
            .iter()
            .find(|s| &s.resident == r)
            .map(|s| s.cohort.as_str())
    };
    let attributed = |s: &Spent| -> Option<String> {
        if !s.cohort.is_empty() {
            return Some(s.cohort.clone());
        }
        s.resident.as_ref().and_then(cohort_of).map(String::from)
    };
    let shared: u64 = this_year
        .iter()
        .filter(|s| attributed(s).is_none())
        .map(|s| s.amount)
        .sum();
    let mut cohorts: Vec<String> = served.iter().map(|s| s.cohort.clone()).collect();
    super::sorting::sort_dedup(&mut cohorts);
    let per_cohort = cohorts
        .into_iter()
        .map(|c| {
            let members = served.iter().filter(|s| s.cohort == c).count() as u32;
            let own: u64 = this_year
                .iter()
                .filter(|s| attributed(s).as_deref() == Some(c.as_str()))
                .map(|s| s.amount)
                .sum();
            // Its share of the shared spending, by its residents among all served, rounded.
            let share = if n == 0 {
                0
            } else {
                (shared * u64::from(members) * 2 + u64::from(n)) / (2 * u64::from(n))
            };
            (c, Figure::of(own + share, members))
        })
        .collect();
    let good = served.iter().filter(|s| s.mandiri_at_6).count() as u32;
    Costs {
        per_resident: Figure::of(total, n),
        per_field,
        per_cohort,
        per_good_outcome: Figure::of(total, good),
    }
}

/// An expense's amount and date as the form gives them: whole rupiah, within its line's year.
pub fn expense_checked(
    amount: &str,
    date: &str,
    line: &BudgetLine,
    today: Date,
) -> Result<(u64, Date), Vec<FieldError>> {
    let mut e = vec![];
    let amount = match parse_rupiah(amount) {
        Some(a) if a > 0 => a,
        _ => {
            e.push(err("ex_amount", Problem::NotRupiah));
            0
        }
    };
    let date = match Date::parse_iso(date.trim()) {
        None => {
            e.push(err("ex_date", Problem::NotADate));
            None
        }
        Some(d) if d > today => {
            e.push(err("ex_date", Problem::InTheFuture));
            None
        }
        Some(d) if d.year() != line.year => {
            e.push(err("ex_date", Problem::OutsideFiscalYear));
            None
        }
        Some(d) => Some(d),
    };
    if line.retired {
        e.push(err("ex_line", Problem::LineRetired));
    }
    match date {
        Some(d) if e.is_empty() => Ok((amount, d)),
        _ => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }
    fn r(n: u8) -> RecordId {
        RecordId::from_random_bytes([n; 16])
    }
    fn spent(
        date: &str,
        amount: u64,
        line: Option<u8>,
        resident: Option<u8>,
        cohort: &str,
    ) -> Spent {
        Spent {
            date: d(date),
            amount,
            line: line.map(r),
            programme: None,
            resident: resident.map(r),
            cohort: cohort.into(),
        }
    }

    /// A small shelter counted by hand: three residents (Ani and Budi in 2026-I, Citra in
    /// 2026-II), two fields (jahit: Ani and Citra; tataboga: Budi), and these expenses in 2026:
    ///   jahit line 3.000.000 (2.000.000 + 1.000.000), tataboga line 900.000,
    ///   meals 6.000.000 on no one, health 500.000 for Citra, Ani's starter kit 750.000,
    ///   a 2025 expense of 400.000 that must not count.
    /// Total 2026: 3.000.000 + 900.000 + 6.000.000 + 500.000 + 750.000 = 11.150.000.
    ///   per resident: 11.150.000 / 3 = 3.716.666,67 → 3.716.667.
    ///   jahit: 3.000.000 / 2 = 1.500.000; tataboga: 900.000 / 1.
    ///   Shared (on no one): jahit 3.000.000 + tataboga 900.000 + meals 6.000.000 = 9.900.000;
    ///   2026-I: own 750.000 (Ani's kit) + share 9.900.000 × 2/3 = 6.600.000 → 7.350.000 / 2
    ///   = 3.675.000; 2026-II: own 500.000 + 3.300.000 = 3.800.000 / 1.
    ///   One mandiri at 6 months (Ani): 11.150.000 per good outcome.
    #[test]
    fn costs_of_a_small_shelter_counted_by_hand() {
        let line = |id: u8, programme, field: &str, planned| {
            (
                r(id),
                BudgetLine {
                    year: 2026,
                    programme,
                    field: field.into(),
                    name: format!("baris {id}"),
                    planned,
                    retired: false,
                },
            )
        };
        let lines = vec![
            line(10, Programme::Vocational, "jahit", 4_000_000),
            line(11, Programme::Vocational, "tataboga", 1_000_000),
            line(12, Programme::MealsAccommodation, "", 8_000_000),
            line(13, Programme::Health, "", 1_000_000),
            line(14, Programme::StarterKits, "", 2_000_000),
        ];
        let mut kit = spent("2026-06-30", 750_000, None, Some(1), "");
        kit.programme = Some(Programme::StarterKits);
        let all = vec![
            spent("2026-02-10", 2_000_000, Some(10), None, ""),
            spent("2026-03-10", 1_000_000, Some(10), None, ""),
            spent("2026-02-15", 900_000, Some(11), None, ""),
            spent("2026-01-31", 6_000_000, Some(12), None, ""),
            spent("2026-04-02", 500_000, Some(13), Some(3), ""),
            kit,
            spent("2025-12-20", 400_000, Some(12), None, ""),
        ];
        let served = vec![
            Served {
                resident: r(1),
                cohort: "2026-I".into(),
                fields: vec!["jahit".into()],
                mandiri_at_6: true,
            },
            Served {
                resident: r(2),
                cohort: "2026-I".into(),
                fields: vec!["tataboga".into()],
                mandiri_at_6: false,
            },
            Served {
                resident: r(3),
                cohort: "2026-II".into(),
                fields: vec!["jahit".into()],
                mandiri_at_6: false,
            },
        ];
        let c = costs(2026, &lines, &all, &served);
        assert_eq!(
            c.per_resident,
            Figure {
                total: 11_150_000,
                count: 3,
                per: Some(3_716_667)
            }
        );
        assert_eq!(
            c.per_field,
            [
                ("jahit".to_string(), Figure::of(3_000_000, 2)),
                ("tataboga".to_string(), Figure::of(900_000, 1))
            ]
        );
        assert_eq!(c.per_field[0].1.per, Some(1_500_000));
        assert_eq!(
            c.per_cohort[0],
            (
                "2026-I".to_string(),
                Figure {
                    total: 7_350_000,
                    count: 2,
                    per: Some(3_675_000)
                }
            )
        );
        assert_eq!(
            c.per_cohort[1],
            (
                "2026-II".to_string(),
                Figure {
                    total: 3_800_000,
                    count: 1,
                    per: Some(3_800_000)
                }
            )
        );
        assert_eq!(c.per_good_outcome.per, Some(11_150_000));
        let kits = realisation(&r(14), &lines[4].1, true, &all);
        assert_eq!(
            kits,
            Realisation {
                planned: 2_000_000,
                spent: 750_000,
                remaining: 1_250_000,
                percent: Some(38)
            }
        );
        let meals = realisation(&r(12), &lines[2].1, false, &all);
        assert_eq!(
            (meals.spent, meals.percent),
            (6_000_000, Some(75)),
            "the 2025 expense is another year's"
        );
        assert_eq!(Figure::of(5, 0).per, None);
    }

    #[test]
    fn bad_amounts_dates_and_lines_are_refused() {
        let today = d("2026-12-01");
        let (_, line) = (
            r(1),
            BudgetLine::validated("2026", Programme::Health, "", "Obat-obatan", "1.000.000")
                .unwrap(),
        );
        assert_eq!(line.planned, 1_000_000);
        let problems = |amount: &str, date: &str, line: &BudgetLine| {
            expense_checked(amount, date, line, today)
                .unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.problem))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            problems("-5000", "2026-05-01", &line),
            [("ex_amount", Problem::NotRupiah)]
        );
        assert_eq!(
            problems("12,5", "2026-05-01", &line),
            [("ex_amount", Problem::NotRupiah)]
        );
        assert_eq!(
            problems("0", "2026-05-01", &line),
            [("ex_amount", Problem::NotRupiah)]
        );
        assert_eq!(
            problems("50.000", "2025-12-31", &line),
            [("ex_date", Problem::OutsideFiscalYear)]
        );
        let retired = BudgetLine {
            retired: true,
            ..line.clone()
        };
        assert_eq!(
            problems("50.000", "2026-05-01", &retired),
            [("ex_line", Problem::LineRetired)]
        );
        assert_eq!(
            expense_checked("Rp 50.000", "2026-05-01", &line, today),
            Ok((50_000, d("2026-05-01")))
        );
        let booked = [spent("2026-05-01", 50_000, Some(1), None, "")];
        let refs: Vec<&Spent> = booked.iter().collect();
        assert_eq!(
            may_delete(&r(1), &refs).unwrap_err().problem,
            Problem::LineHasExpenses
        );
        assert!(may_delete(&r(2), &refs).is_ok());
        let bad =
            BudgetLine::validated("26", Programme::Vocational, "", "", "satu juta").unwrap_err();
        assert_eq!(
            bad.iter().map(|e| e.field).collect::<Vec<_>>(),
            ["bl_year", "bl_field", "bl_name", "bl_planned"]
        );
    }
}
