//! The assessment (asesmen): a structured form whose answers say which version of the form they
//! answer, so its questions can change later without breaking old assessments; and the flags
//! derived from the answers, each with the action it suggests.
//!
//! Why she entered sex work and the trafficking indicators (`Section::Trafficking`) and her
//! health as reported (`Section::Health`) are restricted content: sealed under the
//! restricted-content key inside the record.

use super::date::Date;
use super::id::RecordId;
use super::restricted::Restricted;
use super::validation::{err, past_date, text, FieldError, Problem};
use serde::{Deserialize, Serialize};

/// The version of the form this app asks. Version 1: the questions below.
pub const FORM_VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    EconomicNeed,
    Debt,
    DeceivedOrTrafficked,
    FamilyPressure,
    Violence,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    DeceptiveRecruitment,
    DocumentsTaken,
    DebtBondage,
    RestrictedMovement,
    ViolenceOrThreats,
    UnderEighteenAtEntry,
}

impl Reason {
    pub const ALL: [Reason; 6] = [
        Reason::EconomicNeed,
        Reason::Debt,
        Reason::DeceivedOrTrafficked,
        Reason::FamilyPressure,
        Reason::Violence,
        Reason::Other,
    ];
    pub fn code(self) -> String {
        super::code_of(self)
    }
}

impl Indicator {
    pub const ALL: [Indicator; 6] = [
        Indicator::DeceptiveRecruitment,
        Indicator::DocumentsTaken,
        Indicator::DebtBondage,
        Indicator::RestrictedMovement,
        Indicator::ViolenceOrThreats,
        Indicator::UnderEighteenAtEntry,
    ];
    pub fn code(self) -> String {
        super::code_of(self)
    }
}

/// The answers about how she came into sex work: restricted content, sealed as one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub reasons: Vec<Reason>,
    /// Said in her words, when a reason is "other".
    pub other_reason: String,
    pub indicators: Vec<Indicator>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub resident: RecordId,
    pub date: Date,
    /// Which version of the form these answers answer.
    pub form_version: u32,
    pub entry: Restricted<Entry>,
    /// Health as she reports it.
    pub health: Restricted<String>,
    pub family: String,
    pub education_skills: String,
    /// The vocational fields she is interested in, most wanted first (names, as the fields are
    /// data).
    pub interests: Vec<String>,
    pub needs: String,
    pub strengths: String,
}

/// The form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AssessmentDraft {
    pub date: String,
    pub reasons: Vec<Reason>,
    pub other_reason: String,
    pub indicators: Vec<Indicator>,
    pub health: String,
    pub family: String,
    pub education_skills: String,
    pub interests: Vec<String>,
    pub needs: String,
    pub strengths: String,
}

impl AssessmentDraft {
    pub fn validate(
        &self,
        resident: RecordId,
        intake: Date,
        today: Date,
    ) -> Result<Assessment, Vec<FieldError>> {
        let mut e = vec![];
        let date = past_date(
            &mut e,
            "as_date",
            &self.date,
            (intake, Problem::BeforeIntake),
            today,
        );
        if self.reasons.is_empty() {
            e.push(err("as_reasons", Problem::Required));
        }
        let other_reason = text(&mut e, "as_other_reason", &self.other_reason, false, 2, 300);
        if self.reasons.contains(&Reason::Other) && other_reason.is_empty() {
            e.push(err("as_other_reason", Problem::Required));
        }
        let health = text(&mut e, "as_health", &self.health, false, 0, 2_000);
        let family = text(&mut e, "as_family", &self.family, false, 0, 2_000);
        let education_skills = text(
            &mut e,
            "as_education",
            &self.education_skills,
            false,
            0,
            1_000,
        );
        let needs = text(&mut e, "as_needs", &self.needs, true, 3, 2_000);
        let strengths = text(&mut e, "as_strengths", &self.strengths, false, 0, 2_000);
        let mut interests: Vec<String> = vec![];
        for i in &self.interests {
            let i = i.trim().to_string();
            if !i.is_empty() && !interests.contains(&i) {
                interests.push(i);
            }
        }
        match (e.is_empty(), date) {
            (true, Some(date)) => Ok(Assessment {
                resident,
                date,
                form_version: FORM_VERSION,
                entry: Restricted::Open(Entry {
                    reasons: self.reasons.clone(),
                    other_reason,
                    indicators: self.indicators.clone(),
                }),
                health: Restricted::Open(health),
                family,
                education_skills,
                interests,
                needs,
                strengths,
            }),
            _ => Err(e),
        }
    }
}

/// Something the answers call for, shown on her page with one action each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flag {
    /// Her papers were taken (an indicator, or the papers' status at intake): a referral to the
    /// civil registry (Dukcapil) for new ones.
    DocumentsConfiscated,
    /// Any trafficking indicator: a referral to the police women's and children's unit (PPA).
    Trafficking,
    /// Under 18 when she entered: child protection, and a guardian's consent is required.
    Minor,
}

/// The flags of an assessment's entry answers, with what intake recorded of her papers.
pub fn flags(entry: &Entry, papers_confiscated: bool) -> Vec<Flag> {
    let mut out = vec![];
    if papers_confiscated || entry.indicators.contains(&Indicator::DocumentsTaken) {
        out.push(Flag::DocumentsConfiscated);
    }
    if !entry.indicators.is_empty() {
        out.push(Flag::Trafficking);
    }
    if entry.indicators.contains(&Indicator::UnderEighteenAtEntry) {
        out.push(Flag::Minor);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    fn draft() -> AssessmentDraft {
        AssessmentDraft {
            date: "2026-03-10".into(),
            reasons: vec![Reason::Debt, Reason::DeceivedOrTrafficked],
            indicators: vec![Indicator::DocumentsTaken, Indicator::DebtBondage],
            health: "Sering pusing; belum pernah periksa.".into(),
            family: "Ibu dan dua adik di Malang.".into(),
            interests: vec!["jahit".into(), " salon ".into(), "jahit".into(), "".into()],
            needs: "KTP baru, pelatihan menjahit".into(),
            ..Default::default()
        }
    }

    fn problems(x: &AssessmentDraft) -> Vec<(&'static str, Problem)> {
        x.validate(
            RecordId::from_random_bytes([1; 16]),
            d("2026-03-02"),
            d("2026-11-30"),
        )
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.problem))
        .collect()
    }

    #[test]
    fn answers_say_their_form_version_and_hold_the_restricted_parts_as_such() {
        let a = draft()
            .validate(
                RecordId::from_random_bytes([1; 16]),
                d("2026-03-02"),
                d("2026-11-30"),
            )
            .unwrap();
        assert_eq!(a.form_version, FORM_VERSION);
        assert_eq!(
            a.interests,
            ["jahit", "salon"],
            "ranked, once each, blanks dropped"
        );
        let entry = a.entry.open().unwrap();
        assert_eq!(
            entry.indicators,
            [Indicator::DocumentsTaken, Indicator::DebtBondage]
        );
        assert!(a.health.open().is_some_and(|h| h.contains("pusing")));
    }

    #[test]
    fn bad_answers_name_their_fields() {
        let x = AssessmentDraft {
            reasons: vec![],
            ..draft()
        };
        assert_eq!(problems(&x), [("as_reasons", Problem::Required)]);
        let x = AssessmentDraft {
            reasons: vec![Reason::Other],
            ..draft()
        };
        assert_eq!(problems(&x), [("as_other_reason", Problem::Required)]);
        let x = AssessmentDraft {
            date: "2026-03-01".into(),
            ..draft()
        };
        assert_eq!(problems(&x), [("as_date", Problem::BeforeIntake)]);
        let x = AssessmentDraft {
            date: "2026-12-01".into(),
            ..draft()
        };
        assert_eq!(problems(&x), [("as_date", Problem::InTheFuture)]);
        let x = AssessmentDraft {
            needs: "".into(),
            ..draft()
        };
        assert_eq!(problems(&x), [("as_needs", Problem::Required)]);
    }

    #[test]
    fn flags_follow_the_answers() {
        let entry = |indicators: Vec<Indicator>| Entry {
            reasons: vec![Reason::EconomicNeed],
            other_reason: String::new(),
            indicators,
        };
        assert_eq!(flags(&entry(vec![]), false), []);
        assert_eq!(
            flags(&entry(vec![]), true),
            [Flag::DocumentsConfiscated],
            "papers held at intake"
        );
        assert_eq!(
            flags(&entry(vec![Indicator::DocumentsTaken]), false),
            [Flag::DocumentsConfiscated, Flag::Trafficking]
        );
        assert_eq!(
            flags(&entry(vec![Indicator::RestrictedMovement]), false),
            [Flag::Trafficking]
        );
        assert_eq!(
            flags(&entry(vec![Indicator::UnderEighteenAtEntry]), false),
            [Flag::Trafficking, Flag::Minor]
        );
    }
}
