//! The envelope every record shares, so that two laptops' data can be merged later:
//! a stable id, a revision, created/updated times, the author, and tombstone deletes.

use super::date::Timestamp;
use super::id::RecordId;
pub use super::kinds::{BodyData, Kind, RecordBody, RecordKind};
use super::resident::Resident;
use super::version_vector::VersionVector;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordMeta {
    pub id: RecordId,
    pub kind: RecordKind,
    /// 1 for a new record, +1 on every change (a delete too).
    pub rev: u32,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Staff record id of who created it and who changed it last.
    pub created_by: RecordId,
    pub updated_by: RecordId,
    pub deleted: bool,
    /// Which devices' changes this version contains (see `version_vector.rs`).
    pub versions: VersionVector,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub meta: RecordMeta,
    /// `None` exactly when `meta.deleted`: deleting erases the content and keeps a tombstone.
    pub body: Option<RecordBody>,
}

/// Who does a change, when, and on which device (browser vault).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub by: RecordId,
    pub at: Timestamp,
    pub device: String,
}

impl Record {
    pub fn create(id: RecordId, body: RecordBody, stamp: &Stamp) -> Record {
        Record {
            meta: RecordMeta {
                id,
                kind: body.kind(),
                rev: 1,
                created_at: stamp.at,
                updated_at: stamp.at,
                created_by: stamp.by.clone(),
                updated_by: stamp.by.clone(),
                deleted: false,
                versions: VersionVector::of(&stamp.device),
            },
            body: Some(body),
        }
    }

    /// The next revision with new content. The kind of a record never changes.
    pub fn revise(&self, body: RecordBody, stamp: &Stamp) -> Result<Record, RecordError> {
        if self.meta.deleted {
            return Err(RecordError::Deleted);
        }
        if body.kind() != self.meta.kind {
            return Err(RecordError::KindChanged);
        }
        Ok(Record {
            meta: self.next_meta(stamp, false),
            body: Some(body),
        })
    }

    /// The next revision as a tombstone: the content is dropped, the id and history remain.
    pub fn tombstone(&self, stamp: &Stamp) -> Result<Record, RecordError> {
        if self.meta.deleted {
            return Err(RecordError::Deleted);
        }
        Ok(Record {
            meta: self.next_meta(stamp, true),
            body: None,
        })
    }

    fn next_meta(&self, stamp: &Stamp, deleted: bool) -> RecordMeta {
        let mut versions = self.meta.versions.clone();
        versions.bump(&stamp.device);
        RecordMeta {
            versions,
            rev: self.meta.rev + 1,
            // Clocks on two laptops disagree; never let an update look older than what it replaces.
            updated_at: stamp.at.max(self.meta.updated_at),
            updated_by: stamp.by.clone(),
            deleted,
            ..self.meta.clone()
        }
    }

    pub fn resident(&self) -> Option<&Resident> {
        match &self.body {
            Some(RecordBody::Resident(r)) => Some(r),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordError {
    Deleted,
    KindChanged,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::shelter::Shelter;
    use crate::domain::staff::{StaffMember, StaffRole};

    fn id(n: u8) -> RecordId {
        RecordId::from_random_bytes([n; 16])
    }

    #[test]
    fn revisions_count_up_and_tombstones_drop_content() {
        let s1 = Stamp {
            by: id(1),
            at: 1000,
            device: "a".into(),
        };
        let r = Record::create(id(9), RecordBody::Shelter(Shelter::named("UPT")), &s1);
        assert_eq!((r.meta.rev, r.meta.deleted), (1, false));
        let s2 = Stamp {
            by: id(2),
            at: 500,
            device: "b".into(),
        }; // a laptop whose clock is behind
        let r2 = r
            .revise(RecordBody::Shelter(Shelter::named("UPT BKW")), &s2)
            .unwrap();
        assert_eq!(r2.meta.rev, 2);
        assert_eq!(r2.meta.updated_at, 1000);
        assert_eq!(r2.meta.created_by, id(1));
        assert_eq!(r2.meta.updated_by, id(2));
        assert_eq!(
            (r2.meta.versions.get("a"), r2.meta.versions.get("b")),
            (1, 1)
        );
        let t = r2.tombstone(&s1).unwrap();
        assert_eq!(
            (t.meta.rev, t.meta.deleted, t.body.clone()),
            (3, true, None)
        );
        assert_eq!(t.tombstone(&s1), Err(RecordError::Deleted));
        assert_eq!(
            t.revise(RecordBody::Shelter(Shelter::named("x")), &s1),
            Err(RecordError::Deleted)
        );
    }

    #[test]
    fn the_kind_of_a_record_cannot_change() {
        let s = Stamp {
            by: id(1),
            at: 1,
            device: "a".into(),
        };
        let r = Record::create(id(3), RecordBody::Shelter(Shelter::named("UPT")), &s);
        let staff = StaffMember::new("Ani", StaffRole::Head);
        assert_eq!(
            r.revise(RecordBody::Staff(staff), &s),
            Err(RecordError::KindChanged)
        );
    }

    /// Every kind's content, read straight from its text (how unlock reads) and through a JSON
    /// tree (how migrations and older backups read), gives the same record. Walks every kind:
    /// a kind without a sample here fails.
    #[test]
    fn the_fast_json_path_agrees_with_the_json_tree_path() {
        let g = crate::synthetic::generate(crate::synthetic::SEED, 30, true);
        let photo = crate::domain::photo::Photo::new(id(5), "/9j/4AAQSkZJRg==".into()).unwrap();
        let samples = g.records.iter().filter_map(|r| r.body.clone()).chain([
            RecordBody::Photo(photo),
            RecordBody::from_current_json(
                RecordKind::Discharge,
                include_str!("../../tests/fixtures/schema-5/discharge.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::AtensiService,
                include_str!("../../tests/fixtures/schema-5/atensi.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::Cohort,
                include_str!("../../tests/fixtures/schema-5/cohort.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::GuidanceSchedule,
                include_str!("../../tests/fixtures/schema-5/guidance_schedule.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::VocationalField,
                include_str!("../../tests/fixtures/schema-5/vocational_field.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::Enrolment,
                include_str!("../../tests/fixtures/schema-5/enrolment.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::Training,
                include_str!("../../tests/fixtures/schema-5/training.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::Chore,
                include_str!("../../tests/fixtures/schema-5/chore.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::ChoreRota,
                include_str!("../../tests/fixtures/schema-5/chore_rota.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::HouseRule,
                include_str!("../../tests/fixtures/schema-5/house_rule.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::Conduct,
                include_str!("../../tests/fixtures/schema-5/conduct.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::CaseConference,
                include_str!("../../tests/fixtures/schema-5/case_conference.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::InterventionPlan,
                include_str!("../../tests/fixtures/schema-5/intervention_plan.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::PlanReview,
                include_str!("../../tests/fixtures/schema-5/plan_review.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::BudgetLine,
                include_str!("../../tests/fixtures/schema-5/budget_line.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::Expense,
                r#"{"date": "2026-04-07", "category": "training", "amount": 1250000, "resident": null, "note": "Kain dan benang", "line": "5a1c3e5f-7b9d-4c1e-8f3a-5b7d9f1c3e5a", "cohort": "2026-I", "receipt": "KW-0412"}"#,
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::Partner,
                include_str!("../../tests/fixtures/schema-5/partner.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::Consent,
                include_str!("../../tests/fixtures/schema-5/consent.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::Referral,
                include_str!("../../tests/fixtures/schema-5/referral.json"),
            )
            .unwrap(),
            RecordBody::from_current_json(
                RecordKind::FollowUpVisit,
                include_str!("../../tests/fixtures/schema-5/follow_up.json"),
            )
            .unwrap(),
            RecordBody::Assessment(
                crate::domain::assessment::AssessmentDraft {
                    date: "2026-03-10".into(),
                    reasons: vec![crate::domain::assessment::Reason::Debt],
                    needs: "KTP baru".into(),
                    interests: vec!["jahit".into()],
                    ..Default::default()
                }
                .validate(
                    id(9),
                    crate::domain::date::Date::new(2026, 3, 2).unwrap(),
                    crate::domain::date::Date::new(2026, 11, 30).unwrap(),
                )
                .unwrap(),
            ),
            RecordBody::AccessEntry(crate::domain::access_log::append(
                "laptop-a",
                None,
                crate::domain::access_log::AccessDraft {
                    at: "2026-11-30T02:15:00Z".into(),
                    staff: id(1).to_string(),
                    action: crate::domain::access_log::AccessAction::Change,
                    record: Some(id(2).to_string()),
                    fields: vec!["alias".into()],
                },
            )),
        ]);
        let mut kinds = vec![];
        for body in samples {
            let kind = body.kind();
            let text = body.to_data_json();
            let fast = RecordBody::from_current_json(kind, &text).unwrap();
            let tree: serde_json::Value = serde_json::from_str(&text).unwrap();
            let through_tree =
                RecordBody::from_data(kind, crate::domain::migration::CURRENT_SCHEMA, tree)
                    .unwrap();
            assert_eq!(fast, body);
            assert_eq!(through_tree, body);
            kinds.push(kind);
        }
        crate::domain::sorting::sort_dedup(&mut kinds);
        let missing: Vec<_> = RecordKind::ALL
            .iter()
            .filter(|k| !kinds.contains(k))
            .collect();
        assert!(missing.is_empty(), "kinds without a sample: {missing:?}");
        assert!(RecordBody::from_current_json(RecordKind::Resident, "{}").is_err());
    }
}
