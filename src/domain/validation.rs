//! Validation results: which field, what is wrong. The UI turns each into a translated sentence.

use super::date::Date;
use serde::Serialize;

/// A problem with one field of a form. `field` is the stable field name the form uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub problem: Problem,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Problem {
    Required,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    NotADate,
    /// Not a time of day written "HH:MM".
    NotATime,
    /// A roll-call with nobody on it.
    NobodyOnTheRoll,
    /// A house rule retired: it takes no new violations.
    RuleRetired,
    /// No chore in force to give out.
    NoChores,
    /// No resident living in the shelter to give chores to.
    NoResidents,
    /// A swap from someone who has no chore that day.
    NoChoreThatDay,
    /// A swap of someone with herself.
    SamePerson,
    /// A vocational field retired: it takes no new enrolments.
    FieldRetired,
    /// Dated before her enrolment in the field.
    BeforeEnrolment,
    /// A short code: lower-case letters and hyphens.
    BadCode,
    /// Another field has that code.
    CodeTaken,
    /// Dated before the referral it belongs to.
    BeforeReferral,
    /// A referral without her consent in force, and no reason for overriding it.
    NoConsent,
    /// A budget line with expenses booked on it cannot be deleted (retire it).
    LineHasExpenses,
    /// An expense dated outside its budget line's fiscal year.
    OutsideFiscalYear,
    /// A retired budget line takes no new expenses.
    LineRetired,
    InTheFuture,
    TooOld,
    OutOfRange {
        min: i64,
        max: i64,
    },
    BadPhone,
    BadCohort,
    UnknownRegion,
    RegencyNotInProvince,
    BirthOrAgeRequired,
    BeforeBirth,
    PassphraseTooWeak,
    PassphrasesDiffer,
    /// A stage move the table (`stage::check_move`) does not allow.
    MoveNotAllowed,
    /// Dated before the case's last move.
    BeforeLastMove,
    /// Dated before the resident's intake.
    BeforeIntake,
    /// A follow-up due before the session it follows.
    BeforeTheSession,
    /// Dated before her discharge.
    BeforeDischarge,
    /// Dated before the plan it belongs to.
    BeforeThePlan,
    /// An aftercare schedule without the months the outcomes are counted at (3, 6, 12).
    OutcomeMonthsMissing,
    /// A choice other than the one suggested, without the reason for it.
    ReasonForChange,
    /// A cohort of that name exists.
    CohortExists,
    /// An end before its start.
    EndBeforeStart,
    /// Not whole rupiah (digits, dots between thousands; no minus, no cents).
    NotRupiah,
    /// A letter-number pattern without `{n}`.
    PatternNeedsNumber,
}

pub fn err(field: &'static str, problem: Problem) -> FieldError {
    FieldError { field, problem }
}

/// A required date of something that has happened: on or before `today`, and not before
/// `earliest` (the problem named with it says what it is: her intake, her discharge).
pub fn past_date(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    value: &str,
    earliest: (Date, Problem),
    today: Date,
) -> Option<Date> {
    let problem = match Date::parse_iso(value.trim()) {
        None => Problem::NotADate,
        Some(d) if d > today => Problem::InTheFuture,
        Some(d) if d < earliest.0 => earliest.1,
        Some(d) => return Some(d),
    };
    errors.push(err(field, problem));
    None
}

/// Trims and checks the length (in characters) of a text field.
pub fn text(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    value: &str,
    required: bool,
    min: usize,
    max: usize,
) -> String {
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = v.chars().count();
    if n == 0 {
        if required {
            errors.push(err(field, Problem::Required));
        }
    } else if n < min {
        errors.push(err(field, Problem::TooShort { min }));
    } else if n > max {
        errors.push(err(field, Problem::TooLong { max }));
    }
    v
}

/// A phone number as staff write it: digits with spaces, dashes, brackets or a leading +.
pub fn phone(errors: &mut Vec<FieldError>, field: &'static str, v: &str) -> String {
    let v = v.trim();
    if v.is_empty() {
        return String::new();
    }
    let allowed = v
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    let digits = v.chars().filter(char::is_ascii_digit).count();
    if !allowed || !(8..=15).contains(&digits) || v[1..].contains('+') {
        errors.push(err(field, Problem::BadPhone));
    }
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_past_date_is_a_date_not_ahead_and_not_too_early() {
        let d = |s| Date::parse_iso(s).unwrap();
        let (intake, today) = (d("2026-03-02"), d("2026-11-30"));
        let mut e = vec![];
        let mut check = |v| past_date(&mut e, "f", v, (intake, Problem::BeforeIntake), today);
        assert_eq!(check(" 2026-03-02 "), Some(intake));
        assert_eq!(check("2026-11-30"), Some(today));
        assert_eq!(check("2026-12-01"), None);
        assert_eq!(check("2026-03-01"), None);
        assert_eq!(check("30/11/2026"), None);
        let problems: Vec<Problem> = e.into_iter().map(|x| x.problem).collect();
        assert_eq!(
            problems,
            [
                Problem::InTheFuture,
                Problem::BeforeIntake,
                Problem::NotADate
            ]
        );
    }

    #[test]
    fn text_collapses_spaces_and_checks_length() {
        let mut e = vec![];
        assert_eq!(
            text(&mut e, "f", "  Siti   Aminah ", true, 2, 80),
            "Siti Aminah"
        );
        assert!(e.is_empty());
        text(&mut e, "f", "   ", true, 2, 80);
        text(&mut e, "g", "x", true, 2, 80);
        text(&mut e, "h", &"x".repeat(81), false, 0, 80);
        text(&mut e, "i", "", false, 2, 80);
        assert_eq!(
            e,
            vec![
                err("f", Problem::Required),
                err("g", Problem::TooShort { min: 2 }),
                err("h", Problem::TooLong { max: 80 })
            ]
        );
    }
}
