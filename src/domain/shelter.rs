//! The shelter (UPT) this vault belongs to.

use super::validation::{text, FieldError};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shelter {
    pub name: String,
    /// Months after discharge when aftercare follow-ups are due; empty: the default schedule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aftercare_months: Vec<u32>,
}

impl Shelter {
    pub fn named(name: impl Into<String>) -> Shelter {
        Shelter {
            name: name.into(),
            aftercare_months: vec![],
        }
    }

    /// The aftercare schedule in force.
    pub fn aftercare_months(&self) -> &[u32] {
        if self.aftercare_months.is_empty() {
            &super::aftercare::DEFAULT_INTERVALS
        } else {
            &self.aftercare_months
        }
    }

    /// The shelter's settings as the form gives them: its name and the aftercare schedule
    /// (the default one is stored as nothing, so it follows the app's).
    pub fn settings(name: &str, months: &str) -> Result<Shelter, Vec<FieldError>> {
        let mut e = vec![];
        let name = text(&mut e, "shelter_name", name, true, 3, 120);
        let months = super::aftercare::intervals_checked(months).unwrap_or_else(|x| {
            e.push(x);
            vec![]
        });
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Shelter {
            name,
            aftercare_months: if months == super::aftercare::DEFAULT_INTERVALS {
                vec![]
            } else {
                months
            },
        })
    }

    pub fn validated(name: &str) -> Result<Shelter, Vec<FieldError>> {
        let mut e = vec![];
        let name = text(&mut e, "shelter_name", name, true, 3, 120);
        if e.is_empty() {
            Ok(Shelter::named(name))
        } else {
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_aftercare_schedule_is_the_default_unless_changed() {
        let s = Shelter::settings(" UPT Bina Karya ", "1, 3, 6, 12").unwrap();
        assert_eq!(s, Shelter::named("UPT Bina Karya"));
        assert_eq!(s.aftercare_months(), [1, 3, 6, 12]);
        let s = Shelter::settings("UPT Bina Karya", "2 3 6 9 12 24").unwrap();
        assert_eq!(s.aftercare_months(), [2, 3, 6, 9, 12, 24]);
        let e = Shelter::settings("", "1 3").unwrap_err();
        let fields: Vec<&str> = e.iter().map(|x| x.field).collect();
        assert_eq!(fields, ["shelter_name", "aftercare_months"]);
    }
}
