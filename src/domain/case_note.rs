//! Case notes: intake interviews, counselling sessions, home visits, about one resident.

use super::date::Date;
use super::id::RecordId;
use super::restricted::Restricted;
use super::validation::{err, text, FieldError, Problem};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    IntakeInterview,
    Counselling,
    HomeVisit,
    Assessment,
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseNote {
    pub resident: RecordId,
    pub date: Date,
    pub kind: NoteKind,
    /// Counselling content: sealed under the restricted-content key at rest.
    pub text: Restricted<String>,
}

impl CaseNote {
    pub fn validated(
        resident: RecordId,
        date: Date,
        kind: NoteKind,
        body: &str,
        today: Date,
    ) -> Result<CaseNote, Vec<FieldError>> {
        let mut e = vec![];
        let body = text(&mut e, "note_text", body, true, 3, 20_000);
        if date > today {
            e.push(err("note_date", Problem::InTheFuture));
        }
        if e.is_empty() {
            Ok(CaseNote {
                resident,
                date,
                kind,
                text: Restricted::Open(body),
            })
        } else {
            Err(e)
        }
    }
}
