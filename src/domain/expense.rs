//! Expenses in whole rupiah, optionally for one resident (for cost per resident and per outcome).

use super::date::Date;
use super::id::RecordId;
use super::validation::{err, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// The largest single expense accepted: Rp 10.000.000.000 (a typo guard, not a budget rule).
pub const MAX_AMOUNT: i64 = 10_000_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpenseCategory {
    Food,
    Training,
    Health,
    StarterKit,
    Transport,
    Documents,
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expense {
    pub date: Date,
    pub category: ExpenseCategory,
    /// Whole rupiah.
    pub amount: i64,
    pub resident: Option<RecordId>,
    pub note: String,
    /// The budget line it is booked on (`domain/budget.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<RecordId>,
    /// The cohort it was spent on, when on a cohort rather than one resident.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cohort: String,
    /// The receipt's number (nomor kuitansi).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub receipt: String,
}

impl Expense {
    pub fn validated(
        date: Date,
        category: ExpenseCategory,
        amount: i64,
        resident: Option<RecordId>,
        note: &str,
    ) -> Result<Expense, Vec<FieldError>> {
        if !(1..=MAX_AMOUNT).contains(&amount) {
            return Err(vec![err(
                "amount",
                Problem::OutOfRange {
                    min: 1,
                    max: MAX_AMOUNT,
                },
            )]);
        }
        Ok(Expense {
            date,
            category,
            amount,
            resident,
            note: note.trim().to_string(),
            line: None,
            cohort: String::new(),
            receipt: String::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_amount_is_checked_against_the_limit_the_message_gives() {
        let d = Date::new(2026, 1, 2).unwrap();
        let ok = |a| Expense::validated(d, ExpenseCategory::Food, a, None, "").is_ok();
        assert!(ok(1) && ok(MAX_AMOUNT) && ok(4_294_967_296));
        assert!(!ok(0) && !ok(MAX_AMOUNT + 1));
        let e = Expense::validated(d, ExpenseCategory::Food, MAX_AMOUNT + 1, None, "").unwrap_err();
        assert_eq!(
            e[0].problem,
            Problem::OutOfRange {
                min: 1,
                max: 10_000_000_000
            }
        );
    }
}
