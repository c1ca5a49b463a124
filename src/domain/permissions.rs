//! What each staff role may read and write: one table (`allowed`), by section of the records.
//! A section is a whole record kind (case notes, attendance, expenses) or a group of a
//! resident's fields (identity, family contacts, papers). The UI shows a section a role may not
//! read as "dibatasi"; restricted sections (`Section::restricted`) are also to be sealed under
//! a key that only the slots of roles allowed to read them hold, so hiding is not the only guard.
//! docs/security.md shows this table as a matrix, kept equal to it by a test below.

use super::record::{RecordBody, RecordKind};
use super::staff::StaffRole;
use serde::Serialize;

/// A part of the records that one rule covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// The shelter's own name and settings.
    Shelter,
    /// Who the staff are and their roles.
    Staff,
    /// A resident's name, alias, birth date, origin, cohort, intake and status.
    Identity,
    /// Phone numbers and the family's address.
    FamilyContacts,
    /// Religion, education, marital status, children.
    SocialBackground,
    /// KTP, KK, birth certificate: who holds them, and whether a third party took them.
    IdentityPapers,
    /// The resident's photo.
    Photo,
    /// Notes shared with the casework team: interviews, visits, sessions not marked confidential
    /// (their date, type and follow-up, for every note).
    CaseNotes,
    /// Confidential counselling notes and assessments: what was said.
    Counselling,
    /// Health as reported and as treated.
    Health,
    /// Trafficking indicators and why she entered sex work.
    Trafficking,
    /// Attendance at guidance and training sessions.
    Attendance,
    /// Vocational training: enrolment, competencies, exams, certificates.
    Vocational,
    /// Budget lines and expenses.
    Budget,
    /// The record of who did what (catatan akses): the head reads it; the vault writes it.
    AccessLog,
}

impl Section {
    pub const ALL: [Section; 15] = [
        Section::Shelter,
        Section::Staff,
        Section::Identity,
        Section::FamilyContacts,
        Section::SocialBackground,
        Section::IdentityPapers,
        Section::Photo,
        Section::CaseNotes,
        Section::Counselling,
        Section::Health,
        Section::Trafficking,
        Section::Attendance,
        Section::Vocational,
        Section::Budget,
        Section::AccessLog,
    ];

    /// Content so sensitive that it is to be sealed under its own key, which only the roles
    /// allowed to read it hold (not only hidden from the others).
    pub fn restricted(self) -> bool {
        matches!(
            self,
            Section::Counselling | Section::Health | Section::Trafficking
        )
    }

    /// The section a whole record of this kind belongs to (a resident record spans several:
    /// its identity is the part every reader of it sees).
    pub fn of_kind(kind: RecordKind) -> Section {
        match kind {
            RecordKind::Shelter => Section::Shelter,
            RecordKind::Staff => Section::Staff,
            RecordKind::Resident => Section::Identity,
            // Which cohort, when, how many: registration's, like her identity.
            RecordKind::Cohort => Section::Identity,
            RecordKind::CaseNote => Section::CaseNotes,
            // Daily life: who was at each activity, the activities, the chores and their rotas.
            RecordKind::Attendance
            | RecordKind::GuidanceSchedule
            | RecordKind::Chore
            | RecordKind::ChoreRota => Section::Attendance,
            // The house rules are the shelter's; a resident's conduct is the casework team's.
            RecordKind::HouseRule => Section::Shelter,
            // The fields the shelter teaches are the head's and admin's to set; the training in
            // them, the instructors'.
            RecordKind::VocationalField => Section::Shelter,
            RecordKind::Enrolment | RecordKind::Training => Section::Vocational,
            RecordKind::Conduct => Section::CaseNotes,
            RecordKind::Expense | RecordKind::BudgetLine => Section::Budget,
            RecordKind::Photo => Section::Photo,
            // Where a case stands is part of who she is to every reader: in the programme, or not.
            RecordKind::StageChange => Section::Identity,
            // Its restricted answers are trafficking and health; the record is casework on them.
            RecordKind::Assessment => Section::Trafficking,
            // Where she went and who received her.
            RecordKind::Discharge => Section::FamilyContacts,
            RecordKind::FollowUpVisit
            | RecordKind::AtensiService
            | RecordKind::CaseConference
            | RecordKind::InterventionPlan
            | RecordKind::PlanReview => Section::CaseNotes,
            // The directory and its agreements are the shelter's; her consents and referrals
            // are casework.
            RecordKind::Partner => Section::Shelter,
            RecordKind::Consent | RecordKind::Referral => Section::CaseNotes,
            RecordKind::AccessEntry => Section::AccessLog,
        }
    }
}

/// The section a record belongs to, by its content where that decides (a confidential note is
/// counselling; a shared one, the team's notes): what the vault checks a write against.
pub fn section_of(kind: RecordKind, body: Option<&RecordBody>) -> Section {
    match body {
        Some(RecordBody::CaseNote(n)) if n.is_confidential() => Section::Counselling,
        _ => Section::of_kind(kind),
    }
}

/// What a role may do with a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Access {
    None,
    Read,
    /// Read, create, change and delete.
    Write,
}

/// The table. Each role's row, then `None` for anything not named.
pub fn access(role: StaffRole, section: Section) -> Access {
    use Access::{None as No, Read as R, Write as W};
    use Section as S;
    match role {
        // The head answers for everything, and holds the recovery code.
        StaffRole::Head => W,
        StaffRole::SocialWorker => match section {
            S::Budget | S::AccessLog => No,
            S::Shelter | S::Staff | S::Health | S::Vocational => R,
            _ => W,
        },
        StaffRole::Psychologist => match section {
            S::Counselling | S::CaseNotes => W,
            S::IdentityPapers | S::Budget | S::AccessLog => No,
            _ => R,
        },
        StaffRole::HealthWorker => match section {
            S::Health => W,
            S::Shelter
            | S::Staff
            | S::Identity
            | S::FamilyContacts
            | S::Photo
            | S::Attendance
            | S::CaseNotes => R,
            _ => No,
        },
        // Instructors are often part-time outsiders: names, faces and their own training work.
        StaffRole::Instructor => match section {
            S::Attendance | S::Vocational => W,
            S::Shelter | S::Staff | S::Identity | S::Photo => R,
            _ => No,
        },
        // Religious guidance is part of the casework: they read the team's notes and add their own.
        StaffRole::ReligiousGuide => match section {
            S::Attendance | S::CaseNotes => W,
            S::Shelter | S::Staff | S::Identity | S::Photo => R,
            _ => No,
        },
        // Registration (buku induk), papers, staff list and budget; not casework.
        StaffRole::Admin => match section {
            S::Counselling | S::Health | S::Trafficking | S::AccessLog | S::CaseNotes => No,
            S::Attendance | S::Vocational => R,
            _ => W,
        },
    }
}

pub fn can_read(role: StaffRole, section: Section) -> bool {
    access(role, section) >= Access::Read
}

pub fn can_write(role: StaffRole, section: Section) -> bool {
    access(role, section) == Access::Write
}

/// The roles whose key slots must hold the key of the restricted sections: those that may read
/// any of them.
pub fn holds_restricted_key(role: StaffRole) -> bool {
    Section::ALL
        .into_iter()
        .any(|s| s.restricted() && can_read(role, s))
}

/// The table as docs/security.md shows it: a Markdown matrix, sections down, roles across,
/// `W` write, `R` read, `–` neither; restricted sections marked.
pub fn matrix_markdown(role_label: impl Fn(StaffRole) -> String) -> String {
    let mut out = String::from("| section |");
    for r in StaffRole::ALL {
        out.push_str(&format!(" {} |", role_label(r)));
    }
    out.push_str("\n|---|");
    for _ in StaffRole::ALL {
        out.push_str("---|");
    }
    for s in Section::ALL {
        let name = super::code_of(s);
        let mark = if s.restricted() { " (restricted)" } else { "" };
        out.push_str(&format!("\n| `{name}`{mark} |"));
        for r in StaffRole::ALL {
            out.push_str(match access(r, s) {
                Access::Write => " W |",
                Access::Read => " R |",
                Access::None => " – |",
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_may_do_everything() {
        for s in Section::ALL {
            assert!(can_write(StaffRole::Head, s), "{s:?}");
        }
    }

    #[test]
    fn instructors_see_names_and_training_not_casework() {
        let r = StaffRole::Instructor;
        for s in [
            Section::Identity,
            Section::Photo,
            Section::Vocational,
            Section::Attendance,
        ] {
            assert!(can_read(r, s), "{s:?}");
        }
        for s in [
            Section::Counselling,
            Section::Health,
            Section::Trafficking,
            Section::FamilyContacts,
            Section::IdentityPapers,
            Section::Budget,
        ] {
            assert!(!can_read(r, s), "{s:?}");
        }
        assert!(can_write(r, Section::Vocational));
        assert!(!can_write(r, Section::Identity));
    }

    #[test]
    fn admin_sees_budget_not_counselling() {
        assert!(can_write(StaffRole::Admin, Section::Budget));
        assert!(can_write(StaffRole::Admin, Section::Staff));
        for s in Section::ALL.into_iter().filter(|s| s.restricted()) {
            assert!(!can_read(StaffRole::Admin, s), "{s:?}");
        }
    }

    #[test]
    fn restricted_sections_are_read_only_by_casework_roles() {
        let holders: Vec<StaffRole> = StaffRole::ALL
            .into_iter()
            .filter(|r| holds_restricted_key(*r))
            .collect();
        assert_eq!(
            holders,
            [
                StaffRole::Head,
                StaffRole::SocialWorker,
                StaffRole::Psychologist,
                StaffRole::HealthWorker
            ]
        );
        // Counselling and trafficking are casework; health also the health worker's.
        assert!(!can_read(StaffRole::HealthWorker, Section::Counselling));
        assert!(!can_read(StaffRole::HealthWorker, Section::Trafficking));
        assert!(can_write(StaffRole::Psychologist, Section::Counselling));
    }

    #[test]
    fn every_role_sees_the_shelter_staff_and_who_a_resident_is() {
        for r in StaffRole::ALL {
            for s in [Section::Shelter, Section::Staff, Section::Identity] {
                assert!(can_read(r, s), "{r:?} {s:?}");
            }
        }
    }

    #[test]
    fn only_assessments_are_restricted_whole_and_a_confidential_note_is_counselling() {
        for &k in RecordKind::ALL.iter() {
            assert_eq!(
                Section::of_kind(k).restricted(),
                k == RecordKind::Assessment,
                "{k:?}"
            );
        }
        let note = |confidential| {
            let d = crate::domain::case_note::NoteDraft {
                date: "2026-11-02".into(),
                kind: "interview".into(),
                confidential,
                text: "cerita klien".into(),
                ..Default::default()
            };
            let r = crate::domain::id::RecordId::from_random_bytes([1; 16]);
            let today = crate::domain::date::Date::new(2026, 11, 30).unwrap();
            RecordBody::CaseNote(
                crate::domain::case_note::CaseNote::validated(r, &d, today.plus_days(-300), today)
                    .unwrap(),
            )
        };
        let k = RecordKind::CaseNote;
        assert_eq!(section_of(k, Some(&note(true))), Section::Counselling);
        assert_eq!(section_of(k, Some(&note(false))), Section::CaseNotes);
        assert_eq!(section_of(k, None), Section::CaseNotes);
        // Instructors and admin read neither; the religious guide, the team's notes only.
        for r in [StaffRole::Instructor, StaffRole::Admin] {
            assert!(!can_read(r, Section::CaseNotes), "{r:?}");
        }
        assert!(can_write(StaffRole::ReligiousGuide, Section::CaseNotes));
        assert!(!can_read(StaffRole::ReligiousGuide, Section::Counselling));
    }

    #[test]
    fn the_matrix_in_docs_security_md_is_this_table() {
        let doc = include_str!("../../docs/security.md");
        let m = matrix_markdown(super::super::code_of::<StaffRole>);
        assert!(
            doc.contains(&m),
            "docs/security.md must hold this matrix (paste it in):\n\n{m}\n"
        );
    }
}
