//! The shelter (UPT) this vault belongs to.

use super::validation::{text, FieldError};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shelter {
    pub name: String,
}

impl Shelter {
    pub fn validated(name: &str) -> Result<Shelter, Vec<FieldError>> {
        let mut e = vec![];
        let name = text(&mut e, "shelter_name", name, true, 3, 120);
        if e.is_empty() {
            Ok(Shelter { name })
        } else {
            Err(e)
        }
    }
}
