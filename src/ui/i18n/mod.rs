//! Translations: one file per language, each a `Texts` value. A key missing in either language
//! is a compile error (every field must be given); tests check that none is empty and that the
//! `{placeholders}` agree.

mod en;
mod id;

use crate::domain::identity_paper::PaperStatus;
use crate::domain::record::RecordKind;
use crate::domain::resident::{Education, MaritalStatus, ReferralSource, Religion, ResidentStatus};
use crate::domain::staff::StaffRole;
use crate::domain::validation::Problem;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Lang {
    Id,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
    /// The language the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Id => Lang::En,
            Lang::En => Lang::Id,
        }
    }
    pub fn from_code(s: &str) -> Lang {
        if s == "en" {
            Lang::En
        } else {
            Lang::Id
        }
    }
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Id => &id::ID,
        Lang::En => &en::EN,
    }
}

#[derive(Debug, Serialize)]
pub struct Texts {
    pub lang_name: &'static str,
    pub other_lang_name: &'static str,
    pub months: [&'static str; 12],
    pub app_tagline: &'static str,
    pub lock: &'static str,
    pub loading: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub cancel: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub back: &'static str,
    pub optional: &'static str,
    pub form_has_errors: &'static str,
    pub skip_to_content: &'static str,

    pub setup_title: &'static str,
    pub setup_intro: &'static str,
    pub shelter_name: &'static str,
    pub admin_name: &'static str,
    pub admin_role: &'static str,
    pub passphrase: &'static str,
    pub passphrase_again: &'static str,
    pub passphrase_hint: &'static str,
    pub setup_submit: &'static str,
    pub setup_working: &'static str,

    pub recovery_title: &'static str,
    pub recovery_intro: &'static str,
    pub recovery_print: &'static str,
    pub recovery_confirm: &'static str,
    pub recovery_continue: &'static str,

    pub unlock_title: &'static str,
    pub unlock_intro: &'static str,
    pub unlock_who: &'static str,
    pub err_wait: &'static str,
    pub must_change_title: &'static str,
    pub must_change_intro: &'static str,
    pub must_change_submit: &'static str,
    pub passphrase_changed: &'static str,
    pub unlock_submit: &'static str,
    pub unlock_working: &'static str,
    pub forgot: &'static str,
    pub recover_title: &'static str,
    pub recover_intro: &'static str,
    pub recovery_code: &'static str,
    pub new_passphrase: &'static str,
    pub new_passphrase_again: &'static str,
    pub recover_submit: &'static str,
    pub back_to_unlock: &'static str,
    pub unreadable_records: &'static str,
    pub locked_idle: &'static str,
    pub locked_key_changed: &'static str,

    pub err_wrong_passphrase: &'static str,
    pub err_wrong_recovery: &'static str,
    pub err_locked: &'static str,
    /// What a field or section the signed-in role may not read shows instead.
    pub restricted: &'static str,
    pub restricted_page: &'static str,
    pub err_deactivated: &'static str,
    pub err_not_allowed: &'static str,
    pub err_no_restricted_key: &'static str,
    pub err_sealed_elsewhere: &'static str,
    pub err_key_changed: &'static str,
    pub err_bad_header: &'static str,
    pub err_stale: &'static str,
    pub err_exists: &'static str,
    pub err_write: &'static str,
    pub err_unavailable: &'static str,
    pub err_storage_full: &'static str,
    pub err_not_found: &'static str,
    pub page_not_loaded_title: &'static str,
    pub err_page_not_loaded: &'static str,
    pub try_again: &'static str,
    pub err_no_such_page: &'static str,
    pub err_generic: &'static str,
    pub err_not_set_up: &'static str,
    pub err_already_set_up: &'static str,
    pub err_no_randomness: &'static str,
    pub err_invalid: &'static str,
    pub close: &'static str,

    pub p_required: &'static str,
    pub p_too_short: &'static str,
    pub p_too_long: &'static str,
    pub p_not_a_date: &'static str,
    pub p_in_future: &'static str,
    pub p_too_old: &'static str,
    pub p_out_of_range: &'static str,
    pub p_bad_phone: &'static str,
    pub p_bad_cohort: &'static str,
    pub p_unknown_region: &'static str,
    pub p_regency_not_in_province: &'static str,
    pub p_birth_or_age: &'static str,
    pub p_before_birth: &'static str,
    pub p_move_not_allowed: &'static str,
    pub p_before_last_move: &'static str,
    pub p_before_intake: &'static str,
    pub p_before_session: &'static str,
    pub p_before_discharge: &'static str,
    pub p_before_plan: &'static str,
    pub p_outcome_months: &'static str,
    pub p_reason_for_change: &'static str,
    pub p_cohort_exists: &'static str,
    pub p_end_before_start: &'static str,
    pub p_not_rupiah: &'static str,
    pub p_not_a_time: &'static str,
    pub p_nobody_on_roll: &'static str,
    pub p_rule_retired: &'static str,
    pub p_no_chores: &'static str,
    pub p_no_residents: &'static str,
    pub p_no_chore_that_day: &'static str,
    pub p_same_person: &'static str,
    pub p_field_retired: &'static str,
    pub p_before_enrolment: &'static str,
    pub p_bad_code: &'static str,
    pub p_code_taken: &'static str,
    pub p_before_referral: &'static str,
    pub p_no_consent: &'static str,
    pub p_pattern_needs_number: &'static str,
    pub p_line_has_expenses: &'static str,
    pub p_outside_fiscal_year: &'static str,
    pub p_line_retired: &'static str,
    pub p_weak: &'static str,
    pub p_differ: &'static str,

    pub new_resident: &'static str,
    pub no_residents: &'static str,

    pub f_province: &'static str,
    pub f_regency: &'static str,
    pub f_status: &'static str,
    pub region_placeholder: &'static str,

    pub unknown: &'static str,

    pub about_storage: &'static str,

    pub backup_title: &'static str,
    pub backup_intro: &'static str,
    pub backup_pass: &'static str,
    pub backup_file: &'static str,
    pub open_file: &'static str,
    pub opening: &'static str,
    pub e_backup_empty: &'static str,
    pub e_backup_too_large: &'static str,
    pub e_backup_not_age: &'static str,
    pub e_backup_not_passphrase: &'static str,
    pub e_backup_wrong_pass: &'static str,
    pub e_backup_too_costly: &'static str,
    pub e_backup_damaged: &'static str,
    pub e_backup_not_ours: &'static str,
    pub e_backup_future: &'static str,
    pub e_backup_invalid_record: &'static str,
    pub e_backup_inconsistent: &'static str,
    pub e_backup_cannot_encrypt: &'static str,
    pub restore_link: &'static str,
    pub restore_title: &'static str,
    pub restore_intro: &'static str,
    pub restore_who: &'static str,
    pub restore_pass_hint: &'static str,
    pub restore_submit: &'static str,
    pub restore_working: &'static str,
    pub back_to_setup: &'static str,
    pub f_date: &'static str,
    pub f_note: &'static str,
    pub f_amount: &'static str,
    pub f_present: &'static str,
    pub make_backup: &'static str,

    // Each feature's own texts (`ui/features/<feature>/texts.rs`).
    pub dashboard: &'static crate::ui::features::dashboard::texts::DashboardTexts,
    pub residents: &'static crate::ui::features::residents::texts::ResidentTexts,
    pub settings: &'static crate::ui::features::settings::texts::SettingsTexts,
    pub staff: &'static crate::ui::features::staff::texts::StaffTexts,
    pub access_log: &'static crate::ui::features::access_log::texts::AccessLogTexts,
    pub case: &'static crate::ui::features::casework::texts::CaseTexts,
    pub guidance: &'static crate::ui::features::guidance::texts::GuidanceTexts,
    pub conduct: &'static crate::ui::features::conduct::texts::ConductTexts,
    pub partners: &'static crate::ui::features::partners::texts::PartnerTexts,
    pub budget: &'static crate::ui::features::budget::texts::BudgetTexts,
    pub chores: &'static crate::ui::features::chores::texts::ChoresTexts,
    pub vocational: &'static crate::ui::features::vocational::texts::VocationalTexts,
    pub offline: &'static crate::ui::offline::texts::OfflineTexts,
    pub backup: &'static crate::ui::features::backup::texts::BackupTexts,
    // Labels of choices, by a match on the variant (a new variant is a compile error in each
    // language until it has its label; nothing is looked up by position).
    #[serde(skip)]
    pub kind: fn(RecordKind) -> &'static str,
    #[serde(skip)]
    pub religion: fn(Religion) -> &'static str,
    #[serde(skip)]
    pub education: fn(Education) -> &'static str,
    #[serde(skip)]
    pub marital: fn(MaritalStatus) -> &'static str,
    #[serde(skip)]
    pub referral: fn(ReferralSource) -> &'static str,
    #[serde(skip)]
    pub status: fn(ResidentStatus) -> &'static str,
    #[serde(skip)]
    pub paper_status: fn(PaperStatus) -> &'static str,
    #[serde(skip)]
    pub role: fn(StaffRole) -> &'static str,
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut s = template.to_string();
    for (k, v) in args {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

impl Texts {
    pub fn problem(&self, p: Problem) -> String {
        match p {
            Problem::Required => self.p_required.into(),
            Problem::TooShort { min } => fill(self.p_too_short, &[("n", &min.to_string())]),
            Problem::TooLong { max } => fill(self.p_too_long, &[("n", &max.to_string())]),
            Problem::NotADate => self.p_not_a_date.into(),
            Problem::InTheFuture => self.p_in_future.into(),
            Problem::TooOld => self.p_too_old.into(),
            Problem::OutOfRange { min, max } => fill(
                self.p_out_of_range,
                &[("min", &min.to_string()), ("max", &max.to_string())],
            ),
            Problem::BadPhone => self.p_bad_phone.into(),
            Problem::BadCohort => self.p_bad_cohort.into(),
            Problem::UnknownRegion => self.p_unknown_region.into(),
            Problem::RegencyNotInProvince => self.p_regency_not_in_province.into(),
            Problem::BirthOrAgeRequired => self.p_birth_or_age.into(),
            Problem::BeforeBirth => self.p_before_birth.into(),
            Problem::MoveNotAllowed => self.p_move_not_allowed.into(),
            Problem::BeforeLastMove => self.p_before_last_move.into(),
            Problem::BeforeIntake => self.p_before_intake.into(),
            Problem::BeforeTheSession => self.p_before_session.into(),
            Problem::BeforeDischarge => self.p_before_discharge.into(),
            Problem::BeforeThePlan => self.p_before_plan.into(),
            Problem::OutcomeMonthsMissing => self.p_outcome_months.into(),
            Problem::ReasonForChange => self.p_reason_for_change.into(),
            Problem::CohortExists => self.p_cohort_exists.into(),
            Problem::EndBeforeStart => self.p_end_before_start.into(),
            Problem::NotRupiah => self.p_not_rupiah.into(),
            Problem::NotATime => self.p_not_a_time.into(),
            Problem::NobodyOnTheRoll => self.p_nobody_on_roll.into(),
            Problem::RuleRetired => self.p_rule_retired.into(),
            Problem::NoChores => self.p_no_chores.into(),
            Problem::NoResidents => self.p_no_residents.into(),
            Problem::NoChoreThatDay => self.p_no_chore_that_day.into(),
            Problem::SamePerson => self.p_same_person.into(),
            Problem::FieldRetired => self.p_field_retired.into(),
            Problem::BeforeEnrolment => self.p_before_enrolment.into(),
            Problem::BadCode => self.p_bad_code.into(),
            Problem::CodeTaken => self.p_code_taken.into(),
            Problem::BeforeReferral => self.p_before_referral.into(),
            Problem::NoConsent => self.p_no_consent.into(),
            Problem::PatternNeedsNumber => self.p_pattern_needs_number.into(),
            Problem::LineHasExpenses => self.p_line_has_expenses.into(),
            Problem::OutsideFiscalYear => self.p_outside_fiscal_year.into(),
            Problem::LineRetired => self.p_line_retired.into(),
            Problem::PassphraseTooWeak => self.p_weak.into(),
            Problem::PassphrasesDiffer => self.p_differ.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn flat(t: &Texts) -> Vec<(String, String)> {
        let Value::Object(m) = serde_json::to_value(t).unwrap() else {
            panic!()
        };
        let mut out = vec![];
        for (k, v) in m {
            match v {
                Value::String(s) => out.push((k, s)),
                Value::Object(o) => {
                    for (k2, v2) in o {
                        out.push((format!("{k}.{k2}"), v2.as_str().unwrap().to_string()));
                    }
                }
                Value::Array(a) => {
                    for (i, s) in a.into_iter().enumerate() {
                        out.push((format!("{k}[{i}]"), s.as_str().unwrap().to_string()));
                    }
                }
                _ => panic!("{k}: unexpected type"),
            }
        }
        out
    }

    fn placeholders(s: &str) -> Vec<String> {
        let mut p: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|x| x.split_once('}').map(|(a, _)| a.to_string()))
            .collect();
        crate::domain::sorting::sort_by(&mut p, Ord::cmp);
        p
    }

    /// Every choice's label in a language (the compiler checks each variant has one; this
    /// lists them for the checks below).
    fn choices(t: &Texts) -> Vec<(String, String)> {
        use crate::domain::code_of;
        let mut out = vec![];
        let mut push = |k: String, v: &str| out.push((k, v.to_string()));
        RecordKind::ALL
            .iter()
            .for_each(|x| push(format!("kind.{}", x.as_str()), (t.kind)(*x)));
        Religion::ALL
            .iter()
            .for_each(|x| push(format!("religion.{}", x.code()), (t.religion)(*x)));
        Education::ALL
            .iter()
            .for_each(|x| push(format!("education.{}", x.code()), (t.education)(*x)));
        MaritalStatus::ALL
            .iter()
            .for_each(|x| push(format!("marital.{}", x.code()), (t.marital)(*x)));
        ReferralSource::ALL
            .iter()
            .for_each(|x| push(format!("referral.{}", x.code()), (t.referral)(*x)));
        ResidentStatus::ALL
            .iter()
            .for_each(|x| push(format!("status.{}", x.code()), (t.status)(*x)));
        PaperStatus::ALL
            .iter()
            .for_each(|x| push(format!("paper.{}", code_of(*x)), (t.paper_status)(*x)));
        StaffRole::ALL
            .iter()
            .for_each(|x| push(format!("role.{}", code_of(*x)), (t.role)(*x)));
        for x in crate::domain::assessment::Reason::ALL {
            push(format!("reason.{}", x.code()), (t.case.reason)(x));
        }
        for x in crate::domain::assessment::Indicator::ALL {
            push(format!("indicator.{}", x.code()), (t.case.indicator)(x));
        }
        for x in crate::domain::aftercare::DischargeReason::ALL {
            push(
                format!("discharge_reason.{}", x.code()),
                (t.case.discharge_reason)(x),
            );
        }
        for x in crate::domain::aftercare::AtensiComponent::ALL {
            push(format!("atensi.{}", x.code()), (t.case.atensi)(x));
        }
        for x in crate::domain::aftercare::ContactMethod::ALL {
            push(format!("method.{}", x.code()), (t.case.method)(x));
        }
        for x in crate::domain::aftercare::Outcome::ALL {
            push(format!("outcome.{}", x.code()), (t.case.outcome)(x));
        }
        for x in crate::domain::case_note::NoteKind::ALL {
            push(format!("note_kind.{}", x.code()), (t.case.note_kind)(x));
        }
        for x in crate::domain::stage::Stage::ALL {
            push(format!("stage.{}", x.code()), (t.case.stage)(x));
            push(format!("stage_long.{}", x.code()), (t.case.stage_long)(x));
        }
        out
    }

    fn all_texts(t: &Texts) -> Vec<(String, String)> {
        let mut v = flat(t);
        v.extend(choices(t));
        v
    }

    #[test]
    fn every_text_is_given_in_both_languages_with_the_same_placeholders() {
        // Both languages give every field (the compiler checks that); these are the checks it
        // cannot make.
        let id = all_texts(texts(Lang::Id));
        let en = all_texts(texts(Lang::En));
        for ((k1, v1), (_, v2)) in id.iter().zip(en.iter()) {
            assert!(!v1.trim().is_empty(), "id.{k1} is empty");
            assert!(!v2.trim().is_empty(), "en.{k1} is empty");
            assert_eq!(
                placeholders(v1),
                placeholders(v2),
                "placeholders of {k1} differ"
            );
        }
    }

    #[test]
    fn two_choices_never_share_a_label() {
        for lang in [Lang::Id, Lang::En] {
            let c = choices(texts(lang));
            for (i, (k1, v1)) in c.iter().enumerate() {
                for (k2, v2) in &c[i + 1..] {
                    let group = |k: &str| k.split('.').next().unwrap().to_string();
                    assert!(
                        group(k1) != group(k2) || v1 != v2,
                        "{lang:?}: {k1} and {k2} are both labelled {v1:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn indonesian_is_not_english() {
        let id = all_texts(texts(Lang::Id));
        let en = all_texts(texts(Lang::En));
        // Words that really are the same in both languages.
        let shared = [
            "Islam",
            "Hindu",
            "April",
            "September",
            "November",
            "Status",
            "Diploma",
        ];
        let untranslated: Vec<_> = id
            .iter()
            .zip(en.iter())
            .filter(|(a, b)| a.1 == b.1 && !shared.contains(&a.1.as_str()))
            .map(|(a, _)| a.0.clone())
            .collect();
        assert!(
            untranslated.is_empty(),
            "same text in both languages: {untranslated:?}"
        );
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(
            fill("{n} dari {total}", &[("n", "3"), ("total", "10")]),
            "3 dari 10"
        );
        assert_eq!(
            texts(Lang::Id).problem(Problem::TooShort { min: 2 }),
            "Terlalu pendek (minimal 2 karakter)."
        );
    }
}
