//! The envelope every record shares, so that two laptops' data can be merged later:
//! a stable id, a revision, created/updated times, the author, and tombstone deletes.

use super::attendance::AttendanceSession;
use super::case_note::CaseNote;
use super::date::Timestamp;
use super::expense::Expense;
use super::id::RecordId;
use super::migration::{self, MigrationError};
use super::photo::Photo;
use super::resident::Resident;
use super::shelter::Shelter;
use super::staff::StaffMember;
use super::version_vector::VersionVector;
use serde::{Deserialize, Serialize};

/// What a record is. Its text form is stored in the clear beside the ciphertext.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Shelter,
    Staff,
    Resident,
    CaseNote,
    Attendance,
    Expense,
    Photo,
}

impl RecordKind {
    pub const ALL: [RecordKind; 7] = [
        RecordKind::Shelter,
        RecordKind::Staff,
        RecordKind::Resident,
        RecordKind::CaseNote,
        RecordKind::Attendance,
        RecordKind::Expense,
        RecordKind::Photo,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Shelter => "shelter",
            RecordKind::Staff => "staff",
            RecordKind::Resident => "resident",
            RecordKind::CaseNote => "case_note",
            RecordKind::Attendance => "attendance",
            RecordKind::Expense => "expense",
            RecordKind::Photo => "photo",
        }
    }

    pub fn parse(s: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The content of a live record. A tombstone has none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum RecordBody {
    Shelter(Shelter),
    Staff(StaffMember),
    Resident(Resident),
    CaseNote(CaseNote),
    Attendance(AttendanceSession),
    Expense(Expense),
    Photo(Photo),
}

/// A record body written as its data alone, without the kind tag (the kind travels beside it):
/// how content is sealed at rest and written in backups. Serializes in place, into whatever
/// the caller writes (a segment, a backup).
pub struct BodyData<'a>(pub &'a RecordBody);

impl Serialize for BodyData<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            RecordBody::Shelter(x) => x.serialize(s),
            RecordBody::Staff(x) => x.serialize(s),
            RecordBody::Resident(x) => x.serialize(s),
            RecordBody::CaseNote(x) => x.serialize(s),
            RecordBody::Attendance(x) => x.serialize(s),
            RecordBody::Expense(x) => x.serialize(s),
            RecordBody::Photo(x) => x.serialize(s),
        }
    }
}

impl RecordBody {
    /// The content as it is sealed at rest and written in backups, as JSON text: the body
    /// without its kind tag (the kind travels beside it). See [`BodyData`] to write it in place.
    pub fn to_data_json(&self) -> String {
        serde_json::to_string(&BodyData(self)).expect("record bodies serialize")
    }

    /// Content of a `kind` record in the current schema, read straight from its JSON text (the
    /// fast path of [`RecordBody::from_data`]: no JSON tree, no migration).
    pub fn from_current_json(kind: RecordKind, json: &str) -> Result<RecordBody, MigrationError> {
        let body = match kind {
            RecordKind::Shelter => serde_json::from_str(json).map(RecordBody::Shelter),
            RecordKind::Staff => serde_json::from_str(json).map(RecordBody::Staff),
            RecordKind::Resident => serde_json::from_str(json).map(RecordBody::Resident),
            RecordKind::CaseNote => serde_json::from_str(json).map(RecordBody::CaseNote),
            RecordKind::Attendance => serde_json::from_str(json).map(RecordBody::Attendance),
            RecordKind::Expense => serde_json::from_str(json).map(RecordBody::Expense),
            RecordKind::Photo => serde_json::from_str(json).map(RecordBody::Photo),
        };
        body.map_err(|e| MigrationError::Malformed {
            schema: migration::CURRENT_SCHEMA,
            why: e.to_string(),
        })
    }

    /// Content of a `kind` record written in `schema`, from its JSON text: read straight if
    /// the schema is the current one, else through a JSON tree, migrated.
    pub fn from_data_json(
        kind: RecordKind,
        schema: u32,
        json: &str,
    ) -> Result<RecordBody, MigrationError> {
        if schema == migration::CURRENT_SCHEMA {
            return RecordBody::from_current_json(kind, json);
        }
        let data = serde_json::from_str(json).map_err(|e| MigrationError::Malformed {
            schema,
            why: e.to_string(),
        })?;
        RecordBody::from_data(kind, schema, data)
    }

    /// Content of a `kind` record written in `schema`: migrated to the current schema, then read.
    pub fn from_data(
        kind: RecordKind,
        schema: u32,
        mut data: serde_json::Value,
    ) -> Result<RecordBody, MigrationError> {
        migration::migrate(kind, schema, &mut data)?;
        // Through the JSON text: one deserializer per body type in the app, not two.
        let text = serde_json::to_string(&data).expect("a JSON tree serializes");
        RecordBody::from_current_json(kind, &text).map_err(|e| match e {
            MigrationError::Malformed { why, .. } => MigrationError::Malformed { schema, why },
            other => other,
        })
    }

    pub fn kind(&self) -> RecordKind {
        match self {
            RecordBody::Shelter(_) => RecordKind::Shelter,
            RecordBody::Staff(_) => RecordKind::Staff,
            RecordBody::Resident(_) => RecordKind::Resident,
            RecordBody::CaseNote(_) => RecordKind::CaseNote,
            RecordBody::Attendance(_) => RecordKind::Attendance,
            RecordBody::Expense(_) => RecordKind::Expense,
            RecordBody::Photo(_) => RecordKind::Photo,
        }
    }
}

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
        let r = Record::create(
            id(9),
            RecordBody::Shelter(Shelter { name: "UPT".into() }),
            &s1,
        );
        assert_eq!((r.meta.rev, r.meta.deleted), (1, false));
        let s2 = Stamp {
            by: id(2),
            at: 500,
            device: "b".into(),
        }; // a laptop whose clock is behind
        let r2 = r
            .revise(
                RecordBody::Shelter(Shelter {
                    name: "UPT BKW".into(),
                }),
                &s2,
            )
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
            t.revise(RecordBody::Shelter(Shelter { name: "x".into() }), &s1),
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
        let r = Record::create(
            id(3),
            RecordBody::Shelter(Shelter { name: "UPT".into() }),
            &s,
        );
        let staff = StaffMember {
            name: "Ani".into(),
            role: StaffRole::Head,
        };
        assert_eq!(
            r.revise(RecordBody::Staff(staff), &s),
            Err(RecordError::KindChanged)
        );
    }

    #[test]
    fn the_fast_json_path_agrees_with_the_json_tree_path() {
        let g = crate::synthetic::generate(crate::synthetic::SEED, 30, true);
        let mut kinds = std::collections::BTreeSet::new();
        for body in g.records.iter().filter_map(|r| r.body.as_ref()) {
            let text = body.to_data_json();
            // The data part of the tagged form, without the tag.
            let tree: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(tree, serde_json::to_value(body).unwrap()["data"]);
            assert_eq!(
                &RecordBody::from_current_json(body.kind(), &text).unwrap(),
                body
            );
            kinds.insert(body.kind());
        }
        assert!(kinds.len() >= 5, "{kinds:?}");
        assert!(RecordBody::from_current_json(RecordKind::Resident, "{}").is_err());
    }

    #[test]
    fn kinds_round_trip_as_text() {
        for k in RecordKind::ALL {
            assert_eq!(RecordKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(RecordKind::parse("note"), None);
    }
}
