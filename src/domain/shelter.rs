//! The shelter (UPT) this vault belongs to.

use super::validation::{text, FieldError};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shelter {
    pub name: String,
    /// Months after discharge when aftercare follow-ups are due; empty: the default schedule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aftercare_months: Vec<u32>,
    /// Its address, for the letterhead of its letters.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    /// How its letters are numbered (`domain::referral::letter_number`); empty: the default.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub letter_pattern: String,
}

/// Letter numbers unless the shelter sets its own: "045/RSBKW/XI/2026".
pub const DEFAULT_LETTER_PATTERN: &str = "{n}/RSBKW/{month}/{year}";

impl Shelter {
    pub fn named(name: impl Into<String>) -> Shelter {
        Shelter {
            name: name.into(),
            aftercare_months: vec![],
            address: String::new(),
            letter_pattern: String::new(),
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

    /// The letter-number pattern in force.
    pub fn letter_pattern(&self) -> &str {
        if self.letter_pattern.is_empty() {
            DEFAULT_LETTER_PATTERN
        } else {
            &self.letter_pattern
        }
    }

    /// The shelter's settings as the form gives them: its name, address, the aftercare schedule
    /// and the letter-number pattern (a default is stored as nothing, so it follows the app's).
    /// A pattern must hold `{n}`, so two letters never share a number.
    pub fn settings(
        name: &str,
        months: &str,
        address: &str,
        pattern: &str,
    ) -> Result<Shelter, Vec<FieldError>> {
        let mut e = vec![];
        let name = text(&mut e, "shelter_name", name, true, 3, 120);
        let address = text(&mut e, "shelter_address", address, false, 5, 300);
        let pattern = text(&mut e, "letter_pattern", pattern, false, 3, 60);
        if !pattern.is_empty() && !pattern.contains("{n}") {
            e.push(super::validation::err(
                "letter_pattern",
                super::validation::Problem::PatternNeedsNumber,
            ));
        }
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
            address,
            letter_pattern: if pattern == DEFAULT_LETTER_PATTERN {
                String::new()
            } else {
                pattern
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
        let s = Shelter::settings(
            " UPT Bina Karya ",
            "1, 3, 6, 12",
            "",
            DEFAULT_LETTER_PATTERN,
        )
        .unwrap();
        assert_eq!(s, Shelter::named("UPT Bina Karya"));
        assert_eq!(s.aftercare_months(), [1, 3, 6, 12]);
        assert_eq!(s.letter_pattern(), DEFAULT_LETTER_PATTERN);
        let s = Shelter::settings(
            "UPT Bina Karya",
            "2 3 6 9 12 24",
            "Jl. Raya 1",
            "{n}/UPT/{year}",
        )
        .unwrap();
        assert_eq!(s.aftercare_months(), [2, 3, 6, 9, 12, 24]);
        assert_eq!(s.letter_pattern(), "{n}/UPT/{year}");
        let e = Shelter::settings("", "1 3", "", "RSBKW/{year}").unwrap_err();
        let fields: Vec<&str> = e.iter().map(|x| x.field).collect();
        assert_eq!(
            fields,
            ["shelter_name", "letter_pattern", "aftercare_months"]
        );
    }
}
