//! Attendance of one session: vocational training or social and religious guidance.

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
}
