//! Migrations of record content between schema versions.
//!
//! Each sealed record carries the schema version its content was written in. On unlock, older
//! content is brought up to [`CURRENT_SCHEMA`] here (pure JSON to JSON), then sealed again.
//! Content from a newer app is refused rather than guessed at.
//!
//! History:
//! - schema 1: a resident had one `phone` text field. (The first draft; it never held real data,
//!   and is kept so the migration path is exercised by tests from the start.)
//! - schema 2: `contacts`, a list of labelled numbers (own phone, family phone).
//! - schema 3: restricted content (`domain::restricted`): a case note's `text` becomes
//!   `{"$open": text}`, which the store seals under the restricted-content key as it saves the
//!   migrated record (until a session holding that key unlocks, it stays as it was stored).
//! - schema 4: a resident's case stage. `status` (active, completed, left early, referred)
//!   becomes `stage` (`Stage::from_status`), with `episode` 1, an empty `register_no` and no
//!   `statement`; her status is derived from the stage from now on.
//! - schema 5: case notes shared or confidential. A note's `text` (restricted content since
//!   schema 3) becomes `{"confidential": text}` (every earlier note stays confidential), and its
//!   `kind` one of the new list (intake interview and assessment → interview, counselling →
//!   individual counselling).

use super::record::RecordKind;
use serde_json::{json, Value};

pub const CURRENT_SCHEMA: u32 = 5;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MigrationError {
    /// Written by a newer version of the app.
    FromTheFuture { schema: u32 },
    /// The content does not have the shape its schema version promises.
    Malformed { schema: u32, why: String },
}

pub fn migrate(kind: RecordKind, schema: u32, body: &mut Value) -> Result<(), MigrationError> {
    if schema > CURRENT_SCHEMA {
        return Err(MigrationError::FromTheFuture { schema });
    }
    if schema == 0 {
        return Err(MigrationError::Malformed {
            schema,
            why: "schema 0 does not exist".into(),
        });
    }
    if schema < 2 && kind == RecordKind::Resident {
        one_phone_to_contacts(body).map_err(|why| MigrationError::Malformed { schema: 1, why })?;
    }
    if schema < 4 && kind == RecordKind::Resident {
        status_to_stage(body).map_err(|why| MigrationError::Malformed { schema, why })?;
    }
    if schema < 3 && kind == RecordKind::CaseNote {
        let text = body.get_mut("text").ok_or(MigrationError::Malformed {
            schema,
            why: "case note without text".into(),
        })?;
        let plain = std::mem::take(text);
        *text = json!({ "$open": plain });
    }
    if schema < 5 && kind == RecordKind::CaseNote {
        note_kinds_and_confidential_text(body)
            .map_err(|why| MigrationError::Malformed { schema, why })?;
    }
    Ok(())
}

fn note_kinds_and_confidential_text(body: &mut Value) -> Result<(), String> {
    let obj = body
        .as_object_mut()
        .ok_or("case note content is not an object")?;
    let text = obj.get_mut("text").ok_or("case note without text")?;
    let was = std::mem::take(text);
    *text = json!({ "confidential": was });
    let kind = obj.get_mut("kind").ok_or("case note without kind")?;
    let new = match kind.as_str() {
        Some("intake_interview" | "assessment") => "interview",
        Some("counselling") => "individual_counselling",
        Some("home_visit") => "home_visit",
        Some("other") => "other",
        other => return Err(format!("unknown note kind {other:?}")),
    };
    *kind = json!(new);
    Ok(())
}

fn status_to_stage(body: &mut Value) -> Result<(), String> {
    use super::resident::ResidentStatus;
    use super::stage::Stage;
    let obj = body
        .as_object_mut()
        .ok_or("resident content is not an object")?;
    let mut status = None;
    for (k, v) in std::mem::take(obj) {
        if k == "status" {
            status = Some(v);
        } else {
            obj.insert(k, v);
        }
    }
    let status = match status {
        Some(Value::String(s)) => {
            ResidentStatus::from_code(&s).ok_or(format!("unknown status {s}"))?
        }
        None => ResidentStatus::Active,
        Some(other) => return Err(format!("status is not text: {other}")),
    };
    obj.insert("register_no".into(), json!(""));
    obj.insert("statement".into(), Value::Null);
    obj.insert("stage".into(), json!(Stage::from_status(status).code()));
    obj.insert("episode".into(), json!(1));
    Ok(())
}

fn one_phone_to_contacts(body: &mut Value) -> Result<(), String> {
    let obj = body
        .as_object_mut()
        .ok_or("resident content is not an object")?;
    // Moved out by rebuilding the object rather than `remove`, whose tree rebalancing would be
    // compiled for this one call (first-load bytes).
    let mut removed = None;
    for (k, v) in std::mem::take(obj) {
        if k == "phone" {
            removed = Some(v);
        } else {
            obj.insert(k, v);
        }
    }
    let phone = match removed {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s,
        Some(other) => return Err(format!("phone is not text: {other}")),
    };
    let contacts = if phone.trim().is_empty() {
        json!([])
    } else {
        json!([{ "label": "own", "number": phone.trim() }])
    };
    obj.insert("contacts".into(), contacts);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_1_resident_gets_a_contact_list() {
        let mut v = json!({ "full_name": "Siti", "phone": " 08123456789 " });
        migrate(RecordKind::Resident, 1, &mut v).unwrap();
        assert_eq!(
            v["contacts"],
            json!([{ "label": "own", "number": "08123456789" }])
        );
        assert!(v.get("phone").is_none());
        let mut v = json!({ "full_name": "Siti", "phone": "" });
        migrate(RecordKind::Resident, 1, &mut v).unwrap();
        assert_eq!(v["contacts"], json!([]));
    }

    #[test]
    fn schema_2_case_note_text_becomes_restricted_content() {
        let mut v = json!({ "kind": "counselling", "text": "cerita" });
        migrate(RecordKind::CaseNote, 2, &mut v).unwrap();
        assert_eq!(
            v,
            json!({ "kind": "individual_counselling", "text": { "confidential": { "$open": "cerita" } } })
        );
        let mut v = json!({ "kind": "counselling" });
        assert!(migrate(RecordKind::CaseNote, 2, &mut v).is_err());
    }

    #[test]
    fn schema_4_notes_become_confidential_and_take_the_new_kinds() {
        let mut v = json!({ "kind": "counselling", "text": { "$sealed": "AAAA" } });
        migrate(RecordKind::CaseNote, 4, &mut v).unwrap();
        assert_eq!(
            v,
            json!({ "kind": "individual_counselling", "text": { "confidential": { "$sealed": "AAAA" } } })
        );
        // From schema 2, through both steps.
        let mut v = json!({ "kind": "intake_interview", "text": "cerita" });
        migrate(RecordKind::CaseNote, 2, &mut v).unwrap();
        assert_eq!(
            v,
            json!({ "kind": "interview", "text": { "confidential": { "$open": "cerita" } } })
        );
        let mut v = json!({ "kind": "ramalan", "text": "x" });
        assert!(migrate(RecordKind::CaseNote, 4, &mut v).is_err());
    }

    #[test]
    fn schema_3_resident_status_becomes_her_stage() {
        for (status, stage) in [
            ("active", "intervention"),
            ("completed", "aftercare"),
            ("left_early", "left_without_notice"),
            ("referred", "referred_out"),
        ] {
            let mut v = json!({ "full_name": "Siti", "status": status });
            migrate(RecordKind::Resident, 3, &mut v).unwrap();
            assert_eq!(
                v,
                json!({ "full_name": "Siti", "register_no": "", "statement": null, "stage": stage, "episode": 1 })
            );
        }
        let mut v = json!({ "status": "gone" });
        assert!(migrate(RecordKind::Resident, 3, &mut v).is_err());
    }

    #[test]
    fn current_content_and_other_kinds_are_left_alone() {
        let mut v = json!({ "name": "UPT" });
        migrate(RecordKind::Shelter, 1, &mut v).unwrap();
        migrate(RecordKind::Shelter, CURRENT_SCHEMA, &mut v).unwrap();
        assert_eq!(v, json!({ "name": "UPT" }));
    }

    #[test]
    fn refuses_the_future_and_the_malformed() {
        let mut v = json!({});
        assert_eq!(
            migrate(RecordKind::Resident, CURRENT_SCHEMA + 1, &mut v),
            Err(MigrationError::FromTheFuture {
                schema: CURRENT_SCHEMA + 1
            })
        );
        let mut v = json!({ "phone": 12 });
        assert!(matches!(
            migrate(RecordKind::Resident, 1, &mut v),
            Err(MigrationError::Malformed { .. })
        ));
        let mut v = json!([]);
        assert!(migrate(RecordKind::Resident, 1, &mut v).is_err());
    }
}
