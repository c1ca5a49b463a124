//! The one list of record kinds. Everything per kind (the `RecordKind` enum and its stored
//! names, `RecordBody`, reading and writing content, which kinds are deferred, which resident a
//! record is about, the typed `Kind` access) is generated from this list, so a new kind is one
//! line here and nothing else in `domain/record.rs` or `store/`.
//!
//! The stored name is explicit: it is written beside every sealed record and in backups, so
//! renaming a Rust type or variant must never change it. `tests/fixtures/` pins each kind's
//! stored content (see `fixtures_tests` below).
//!
//! `deferred`: kinds that lists and search never need and that make up most of a vault (notes,
//! attendance, expenses). Unlock checks their integrity but parses them only when that kind is
//! first read. `restricted`: the kind has `domain::restricted::Restricted` fields, which the
//! store seals under the restricted-content key (a test below checks the flag against each
//! kind's fixture). `about`: the resident a record concerns, for the per-resident index.
//! `timeline`: the date a record has on that resident's timeline (`None`: not on it); the
//! timeline page lists whatever kinds say so, and names none.

use super::access_log::AccessEntry;
use super::aftercare::{AtensiService, Discharge, FollowUpVisit};
use super::assessment::Assessment;
use super::attendance::AttendanceSession;
use super::budget::BudgetLine;
use super::case_note::CaseNote;
use super::cohort::Cohort;
use super::conduct::{ConductEntry, HouseRule};
use super::expense::Expense;
use super::guidance::GuidanceSchedule;
use super::id::RecordId;
use super::migration::{self, MigrationError};
use super::photo::Photo;
use super::plan::{CaseConference, InterventionPlan, PlanReview};
use super::referral::{Consent, Partner, Referral};
use super::resident::Resident;
use super::rota::{Chore, ChoreRota};
use super::shelter::Shelter;
use super::staff::StaffMember;
use super::stage::StageChange;
use super::vocational::{Enrolment, TrainingRecord, VocationalField};
use serde::Serialize;

/// A record kind's content type, with typed access to a [`RecordBody`].
pub trait Kind: Clone + 'static {
    const KIND: RecordKind;
    fn of(body: &RecordBody) -> Option<&Self>;
    fn into_body(self) -> RecordBody;
}

macro_rules! record_kinds {
    ($(
        $(#[$doc:meta])*
        $variant:ident($ty:ty) = $name:literal, deferred: $deferred:literal, restricted: $restricted:literal, about: $about:expr, timeline: $timeline:expr;
    )+) => {
        /// What a record is. Its stored name is written in the clear beside the ciphertext.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
        pub enum RecordKind {
            $( $(#[$doc])* #[serde(rename = $name)] $variant, )+
        }

        impl RecordKind {
            pub const ALL: &'static [RecordKind] = &[$(RecordKind::$variant),+];

            /// The stored name.
            pub fn as_str(self) -> &'static str {
                match self { $(RecordKind::$variant => $name,)+ }
            }

            pub fn parse(s: &str) -> Option<RecordKind> {
                match s { $($name => Some(RecordKind::$variant),)+ _ => None }
            }

            /// Its place in [`RecordKind::ALL`], for tables kept per kind (never for labels).
            pub fn ordinal(self) -> usize {
                self as usize
            }

            /// Parsed only when first read (see the module comment).
            pub fn is_deferred(self) -> bool {
                match self { $(RecordKind::$variant => $deferred,)+ }
            }

            /// Holds `Restricted` fields, which the store seals under the restricted-content key.
            pub fn is_restricted(self) -> bool {
                match self { $(RecordKind::$variant => $restricted,)+ }
            }
        }

        /// The content of a live record. A tombstone has none.
        #[derive(Clone, Debug, PartialEq)]
        pub enum RecordBody {
            $($variant($ty),)+
        }

        impl RecordBody {
            pub fn kind(&self) -> RecordKind {
                match self { $(RecordBody::$variant(_) => RecordKind::$variant,)+ }
            }

            /// The resident this record is about, if any.
            pub fn about(&self) -> Option<&RecordId> {
                match self {
                    $(RecordBody::$variant(x) => {
                        let about: fn(&$ty) -> Option<&RecordId> = $about;
                        about(x)
                    })+
                }
            }

            /// The date this record has on its resident's timeline, if it appears there.
            pub fn timeline_date(&self) -> Option<super::date::Date> {
                match self {
                    $(RecordBody::$variant(x) => {
                        let on: fn(&$ty) -> Option<super::date::Date> = $timeline;
                        on(x)
                    })+
                }
            }

            /// Content of a `kind` record in the current schema, read straight from its JSON
            /// text (no JSON tree, no migration).
            pub fn from_current_json(kind: RecordKind, json: &str) -> Result<RecordBody, MigrationError> {
                let body = match kind {
                    $(RecordKind::$variant => serde_json::from_str(json).map(RecordBody::$variant),)+
                };
                body.map_err(|e| MigrationError::Malformed {
                    schema: migration::CURRENT_SCHEMA,
                    why: e.to_string(),
                })
            }
        }

        impl Serialize for BodyData<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self.0 { $(RecordBody::$variant(x) => x.serialize(s),)+ }
            }
        }

        $(
            impl Kind for $ty {
                const KIND: RecordKind = RecordKind::$variant;
                fn of(body: &RecordBody) -> Option<&Self> {
                    match body {
                        RecordBody::$variant(x) => Some(x),
                        #[allow(unreachable_patterns)]
                        _ => None,
                    }
                }
                fn into_body(self) -> RecordBody {
                    RecordBody::$variant(self)
                }
            }
        )+
    };
}

record_kinds! {
    Shelter(Shelter)              = "shelter",    deferred: false, restricted: false, about: |_| None, timeline: |_| None;
    Staff(StaffMember)            = "staff",      deferred: false, restricted: false, about: |_| None, timeline: |_| None;
    Resident(Resident)            = "resident",   deferred: false, restricted: false, about: |_| None, timeline: |_| None;
    CaseNote(CaseNote)            = "case_note",  deferred: true,  restricted: true,  about: |n| Some(&n.resident), timeline: |n| Some(n.date);
    /// One session's roll-call: about several residents, so about none of them alone.
    Attendance(AttendanceSession) = "attendance", deferred: true,  restricted: false, about: |_| None, timeline: |_| None;
    Expense(Expense)              = "expense",    deferred: true,  restricted: false, about: |x| x.resident.as_ref(), timeline: |x| Some(x.date);
    Photo(Photo)                  = "photo",      deferred: false, restricted: false, about: |p| Some(&p.resident), timeline: |_| None;
    /// One move of a resident's case between stages (`domain/stage.rs`).
    StageChange(StageChange)      = "stage_change", deferred: true, restricted: false, about: |c| Some(&c.resident), timeline: |c| Some(c.date);
    /// The assessment (`domain/assessment.rs`): how she came into sex work and her health are
    /// restricted fields.
    Assessment(Assessment)        = "assessment", deferred: true, restricted: true, about: |a| Some(&a.resident), timeline: |a| Some(a.date);
    /// Her discharge (terminasi), with the starter kit (`domain/aftercare.rs`).
    Discharge(Discharge)          = "discharge",  deferred: true, restricted: false, about: |d| Some(&d.resident), timeline: |d| Some(d.date);
    /// What one aftercare follow-up found.
    FollowUpVisit(FollowUpVisit)  = "follow_up",  deferred: true, restricted: false, about: |f| Some(&f.resident), timeline: |f| Some(f.date);
    /// One ATENSI service she received, with its aid value.
    AtensiService(AtensiService)  = "atensi",     deferred: true, restricted: false, about: |a| Some(&a.resident), timeline: |a| Some(a.date);
    /// A cohort (angkatan) with its dates and capacity (`domain/cohort.rs`).
    Cohort(Cohort)                = "cohort",     deferred: false, restricted: false, about: |_| None, timeline: |_| None;
    /// A recurring guidance activity (`domain/guidance.rs`); its sessions are `attendance`.
    GuidanceSchedule(GuidanceSchedule) = "guidance_schedule", deferred: false, restricted: false, about: |_| None, timeline: |_| None;
    /// A house rule with its graduated sanctions (`domain/conduct.rs`).
    HouseRule(HouseRule)          = "house_rule", deferred: false, restricted: false, about: |_| None, timeline: |_| None;
    /// A violation of a house rule with the sanction given, or good conduct noted.
    Conduct(ConductEntry)         = "conduct",    deferred: true, restricted: false, about: |c| Some(&c.resident), timeline: |c| Some(c.date);
    /// A chore of the rota (jadwal piket) and how many it needs (`domain/rota.rs`).
    Chore(Chore)                  = "chore",      deferred: false, restricted: false, about: |_| None, timeline: |_| None;
    /// A rota made for a week or a month, with its swaps.
    ChoreRota(ChoreRota)          = "chore_rota", deferred: true, restricted: false, about: |_| None, timeline: |_| None;
    /// A vocational field with its competency checklist (`domain/vocational.rs`).
    VocationalField(VocationalField) = "vocational_field", deferred: false, restricted: false, about: |_| None, timeline: |_| None;
    /// A resident enrolled in a field.
    Enrolment(Enrolment)          = "enrolment",  deferred: true, restricted: false, about: |e| Some(&e.resident), timeline: |e| Some(e.date);
    /// A competency signed off, an exam, a certificate or an internship.
    Training(TrainingRecord)      = "training",   deferred: true, restricted: false, about: |t| Some(&t.resident), timeline: |t| Some(t.date);
    /// A case conference (temu bahas kasus) on her assessment (`domain/plan.rs`).
    CaseConference(CaseConference) = "case_conference", deferred: true, restricted: false, about: |c| Some(&c.resident), timeline: |c| Some(c.date);
    /// One version of her intervention plan.
    InterventionPlan(InterventionPlan) = "intervention_plan", deferred: true, restricted: false, about: |p| Some(&p.resident), timeline: |p| Some(p.date);
    /// A review of one plan version.
    PlanReview(PlanReview)        = "plan_review", deferred: true, restricted: false, about: |r| Some(&r.resident), timeline: |r| Some(r.date);
    /// A partner agency of the directory, with its MoU (`domain/referral.rs`).
    Partner(Partner)              = "partner",    deferred: false, restricted: false, about: |_| None, timeline: |_| None;
    /// Her consent to share her information with one partner (withdrawn in the same record).
    Consent(Consent)              = "consent",    deferred: true, restricted: false, about: |c| Some(&c.resident), timeline: |c| Some(c.date);
    /// A referral (rujukan) to a partner, with its status moves.
    Referral(Referral)            = "referral",   deferred: true, restricted: false, about: |r| Some(&r.resident), timeline: |r| Some(r.date);
    /// A budget line of a fiscal year (`domain/budget.rs`); expenses are booked on it.
    BudgetLine(BudgetLine)        = "budget_line", deferred: false, restricted: false, about: |_| None, timeline: |_| None;
    /// One entry of the record of who did what (`domain/access_log.rs`): written by the vault
    /// with each change, never by a page.
    AccessEntry(AccessEntry)      = "access_entry", deferred: true, restricted: false, about: |_| None, timeline: |_| None;
}

/// A record body written as its data alone, without the kind (which travels beside it): how
/// content is sealed at rest and written in backups. Serializes in place, into whatever the
/// caller writes (a segment, a backup).
pub struct BodyData<'a>(pub &'a RecordBody);

impl RecordBody {
    /// The content as it is sealed at rest and written in backups, as JSON text.
    pub fn to_data_json(&self) -> String {
        serde_json::to_string(&BodyData(self)).expect("record bodies serialize")
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_as_their_stored_names() {
        for &k in RecordKind::ALL {
            assert_eq!(RecordKind::parse(k.as_str()), Some(k));
            // The serde form is the stored name too (a kind in a JSON document).
            assert_eq!(crate::domain::code_of(k), k.as_str());
        }
        assert_eq!(RecordKind::parse("note"), None);
        let mut names: Vec<&str> = RecordKind::ALL.iter().map(|k| k.as_str()).collect();
        crate::domain::sorting::sort_dedup(&mut names);
        assert_eq!(
            names.len(),
            RecordKind::ALL.len(),
            "two kinds share a stored name"
        );
    }

    #[test]
    fn what_a_record_is_about() {
        let r = RecordId::from_random_bytes([7; 16]);
        let photo = RecordBody::Photo(Photo::new(r.clone(), "/9j/AA==".into()).unwrap());
        assert_eq!(photo.about(), Some(&r));
        let shelter = RecordBody::Shelter(Shelter::named("UPT"));
        assert_eq!(shelter.about(), None);
        assert_eq!(Photo::of(&photo).map(|p| &p.resident), Some(&r));
        assert!(Photo::of(&shelter).is_none());
        assert_eq!(<Photo as Kind>::KIND, RecordKind::Photo);
    }
}

/// The stored format, pinned: for every kind and schema, content written by hand once
/// (`tests/fixtures/<schema>/<kind>.json`) must decode, and the current schema's must be
/// written back exactly as the fixture says. A renamed field breaks these, not stored data.
#[cfg(test)]
mod fixtures_tests {
    use super::*;
    use std::path::PathBuf;

    fn dir(schema: u32) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(format!("schema-{schema}"))
    }

    fn fixture_in(schema: u32, kind: RecordKind) -> Option<String> {
        std::fs::read_to_string(dir(schema).join(format!("{}.json", kind.as_str()))).ok()
    }

    /// A kind's content as `schema` writes it: the fixture of the latest schema at or before it
    /// that has one (a schema's folder holds only the kinds whose content it changed).
    fn fixture(schema: u32, kind: RecordKind) -> Option<String> {
        (1..=schema).rev().find_map(|s| fixture_in(s, kind))
    }

    #[test]
    fn every_kind_has_a_fixture_in_the_current_schema_and_reads_and_writes_it_exactly() {
        let mut missing = vec![];
        for &kind in RecordKind::ALL {
            let Some(text) = fixture(migration::CURRENT_SCHEMA, kind) else {
                missing.push(kind.as_str());
                continue;
            };
            let body = RecordBody::from_current_json(kind, &text)
                .unwrap_or_else(|e| panic!("{}: {e:?}", kind.as_str()));
            assert_eq!(body.kind(), kind);
            let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
            let written: serde_json::Value = serde_json::from_str(&body.to_data_json()).unwrap();
            assert_eq!(
                written,
                expected,
                "{} is written differently",
                kind.as_str()
            );
        }
        assert!(missing.is_empty(), "kinds without a fixture: {missing:?}");
    }

    #[test]
    fn a_kind_is_declared_restricted_exactly_when_its_fixture_holds_restricted_content() {
        for &kind in RecordKind::ALL {
            let text = fixture(migration::CURRENT_SCHEMA, kind).unwrap_or_default();
            let marked = text
                .replace(' ', "")
                .contains(super::super::restricted::OPEN_MARK);
            assert_eq!(kind.is_restricted(), marked, "{}", kind.as_str());
        }
    }

    #[test]
    fn every_older_schema_fixture_migrates_to_what_the_current_one_says() {
        let mut checked = 0;
        for schema in 1..migration::CURRENT_SCHEMA {
            for &kind in RecordKind::ALL {
                let Some(text) = fixture_in(schema, kind) else {
                    continue;
                };
                let old = RecordBody::from_data_json(kind, schema, &text)
                    .unwrap_or_else(|e| panic!("schema {schema} {}: {e:?}", kind.as_str()));
                let now = fixture(migration::CURRENT_SCHEMA, kind).unwrap();
                assert_eq!(
                    old,
                    RecordBody::from_current_json(kind, &now).unwrap(),
                    "schema {schema} {} does not migrate to the current fixture",
                    kind.as_str()
                );
                checked += 1;
            }
        }
        // Schema 1 changed the resident: its fixture must be there.
        assert!(checked >= 1);
        assert!(fixture(1, RecordKind::Resident).is_some());
    }

    #[test]
    fn no_fixture_names_a_kind_that_does_not_exist() {
        for schema in 1..=migration::CURRENT_SCHEMA {
            for f in std::fs::read_dir(dir(schema)).unwrap() {
                let name = f.unwrap().file_name().into_string().unwrap();
                let kind = name.strip_suffix(".json").unwrap_or(&name);
                assert!(
                    RecordKind::parse(kind).is_some(),
                    "schema-{schema}/{name} names no kind"
                );
            }
        }
    }
}
