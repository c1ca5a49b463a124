//! Expenses in whole rupiah, optionally for one resident (for cost per resident and per outcome).

use super::date::Date;
use super::id::RecordId;
use super::validation::{err, FieldError, Problem};
use serde::{Deserialize, Serialize};

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
}

impl Expense {
    pub fn validated(
        date: Date,
        category: ExpenseCategory,
        amount: i64,
        resident: Option<RecordId>,
        note: &str,
    ) -> Result<Expense, Vec<FieldError>> {
        if !(1..=10_000_000_000).contains(&amount) {
            return Err(vec![err(
                "amount",
                Problem::OutOfRange {
                    min: 1,
                    max: u32::MAX,
                },
            )]);
        }
        Ok(Expense {
            date,
            category,
            amount,
            resident,
            note: note.trim().to_string(),
        })
    }
}
