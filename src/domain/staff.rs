//! Staff (petugas): who does the work and signs the records.

use super::validation::{text, FieldError};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    Head,
    SocialWorker,
    Psychologist,
    Instructor,
    ReligiousGuide,
    HealthWorker,
    Admin,
}

impl StaffRole {
    pub const ALL: [StaffRole; 7] = [
        StaffRole::Head,
        StaffRole::SocialWorker,
        StaffRole::Psychologist,
        StaffRole::Instructor,
        StaffRole::ReligiousGuide,
        StaffRole::HealthWorker,
        StaffRole::Admin,
    ];
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub name: String,
    pub role: StaffRole,
}

impl StaffMember {
    pub fn validated(name: &str, role: StaffRole) -> Result<StaffMember, Vec<FieldError>> {
        let mut e = vec![];
        let name = text(&mut e, "staff_name", name, true, 2, 80);
        if e.is_empty() {
            Ok(StaffMember { name, role })
        } else {
            Err(e)
        }
    }
}
