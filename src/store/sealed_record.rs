//! How one record is laid out at rest: a few fields in the clear (what a merge or a sync needs
//! without the key) and everything else sealed with the data key.
//!
//! In the clear: id, kind, revision, updated time, deleted flag. All five are bound into the
//! AEAD's associated data, so a ciphertext moved to another record, another revision or another
//! kind, or a flag flipped in the clear, fails to open.

use super::crypto::{self, CryptoError, Key};
use super::segment::Entry;
use crate::domain::id::RecordId;
use crate::domain::migration::{MigrationError, CURRENT_SCHEMA};
use crate::domain::record::{BodyData, Record, RecordBody, RecordKind, RecordMeta};
use crate::domain::version_vector::VersionVector;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use zeroize::Zeroizing;

/// One record as stored in IndexedDB (and, later, as sent by a sync engine).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SealedRecord {
    pub id: String,
    pub kind: String,
    pub rev: u32,
    /// Milliseconds since the epoch (a JS number: exact up to 2^53).
    pub updated: f64,
    pub deleted: bool,
    /// nonce ‖ XChaCha20-Poly1305 ciphertext ‖ tag. A Uint8Array in IndexedDB.
    #[serde(with = "serde_bytes")]
    pub sealed: Vec<u8>,
}

/// What is inside `sealed`, as written.
#[derive(Serialize)]
struct ContentOut<'a, B> {
    schema: u32,
    created_at: u64,
    created_by: &'a RecordId,
    updated_by: &'a RecordId,
    versions: &'a VersionVector,
    body: Option<B>,
}

/// What is inside `sealed`, as read: the body stays JSON text until its schema is known.
#[derive(Deserialize)]
struct ContentIn<'a> {
    schema: u32,
    created_at: u64,
    created_by: RecordId,
    updated_by: RecordId,
    #[serde(default)]
    versions: VersionVector,
    #[serde(borrow)]
    body: Option<&'a RawValue>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// Wrong key, or the bytes were changed, truncated or moved.
    Tampered,
    /// A record kind this version does not know.
    UnknownKind(String),
    /// Content written by a newer version of the app.
    FromTheFuture { schema: u32 },
    /// Decrypted, but not the shape it should be.
    Malformed(String),
}

fn aad(id: &str, kind: &str, rev: u32, updated: f64, deleted: bool) -> Vec<u8> {
    format!("naungan/record/v1\n{id}\n{kind}\n{rev}\n{updated}\n{deleted}").into_bytes()
}

/// The plaintext of a record's content: everything but its clear fields.
pub fn encode(r: &Record) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::new());
    encode_into(r, &mut out);
    out
}

/// [`encode`], appended to `out` (a segment's plaintext, say) in one pass.
pub fn encode_into(r: &Record, out: &mut Vec<u8>) {
    let content = ContentOut {
        schema: CURRENT_SCHEMA,
        created_at: r.meta.created_at,
        created_by: &r.meta.created_by,
        updated_by: &r.meta.updated_by,
        versions: &r.meta.versions,
        body: r.body.as_ref().map(BodyData),
    };
    serde_json::to_writer(out, &content).expect("content serializes");
}

pub fn seal(key: &Key, r: &Record) -> Result<SealedRecord, CryptoError> {
    let plain = encode(r);
    let m = &r.meta;
    let updated = m.updated_at as f64;
    Ok(SealedRecord {
        id: m.id.to_string(),
        kind: m.kind.as_str().to_string(),
        rev: m.rev,
        updated,
        deleted: m.deleted,
        sealed: crypto::seal(
            key,
            &aad(m.id.as_str(), m.kind.as_str(), m.rev, updated, m.deleted),
            &plain,
        )?,
    })
}

/// Opens a stored record. `migrated` is true when its content was in an older schema (the
/// caller should seal it again so the migration happens once).
pub fn open(key: &Key, s: &SealedRecord) -> Result<(Record, bool), OpenError> {
    let plain = open_plain(key, s)?;
    decode(&Entry {
        content: &plain,
        ..s.head()
    })
}

/// Decrypts a stored record's content without reading it (to move it into a segment as is,
/// even if it came from a newer version of the app).
pub fn open_plain(key: &Key, s: &SealedRecord) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    crypto::open(
        key,
        &aad(&s.id, &s.kind, s.rev, s.updated, s.deleted),
        &s.sealed,
    )
    .map_err(|_| OpenError::Tampered)
}

/// A stored record's clear fields with `plain` (its content, perhaps changed) sealed under
/// `key`.
pub fn seal_plain(key: &Key, s: &SealedRecord, plain: &[u8]) -> Result<SealedRecord, CryptoError> {
    let sealed = crypto::seal(
        key,
        &aad(&s.id, &s.kind, s.rev, s.updated, s.deleted),
        plain,
    )?;
    Ok(SealedRecord {
        sealed,
        ..s.clone()
    })
}

/// The same stored record sealed under another key, its content untouched (read or not: a
/// record from a newer app moves to the new key as it is).
pub fn reseal(old: &Key, new: &Key, s: &SealedRecord) -> Result<SealedRecord, OpenError> {
    let plain = open_plain(old, s)?;
    let sealed = crypto::seal(
        new,
        &aad(&s.id, &s.kind, s.rev, s.updated, s.deleted),
        &plain,
    )
    .map_err(|_| OpenError::Tampered)?;
    Ok(SealedRecord {
        sealed,
        ..s.clone()
    })
}

impl SealedRecord {
    /// Its clear fields as a segment entry (with no content yet).
    pub fn head(&self) -> Entry<'_> {
        Entry {
            id: &self.id,
            kind: &self.kind,
            rev: self.rev,
            updated: self.updated,
            deleted: self.deleted,
            content: &[],
        }
    }
}

/// Whether a content's plaintext is in the current schema, from its first bytes alone
/// (`encode_into` writes the schema first). Anything else is opened at unlock, and migrated.
pub fn is_current(content: &[u8]) -> bool {
    const PREFIX: &str = "{\"schema\":";
    let rest = content.strip_prefix(PREFIX.as_bytes()).unwrap_or_default();
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    rest.get(digits) == Some(&b',')
        && std::str::from_utf8(&rest[..digits])
            .ok()
            .and_then(|d| d.parse().ok())
            == Some(CURRENT_SCHEMA)
}

/// Reads a record from its clear fields and its content's plaintext (from a log row or a
/// segment entry). `migrated` as in [`open`].
pub fn decode(e: &Entry) -> Result<(Record, bool), OpenError> {
    let kind = RecordKind::parse(e.kind).ok_or_else(|| OpenError::UnknownKind(e.kind.into()))?;
    let id =
        RecordId::parse(e.id).ok_or_else(|| OpenError::Malformed(format!("bad id {}", e.id)))?;
    let text = std::str::from_utf8(e.content)
        .map_err(|_| OpenError::Malformed("content is not UTF-8".into()))?;
    let c: ContentIn =
        serde_json::from_str(text).map_err(|err| OpenError::Malformed(err.to_string()))?;
    if c.schema > CURRENT_SCHEMA {
        return Err(OpenError::FromTheFuture { schema: c.schema });
    }
    let migrated = c.schema < CURRENT_SCHEMA;
    let body = match (c.body, e.deleted) {
        (None, true) => None,
        (Some(raw), false) => {
            let read = RecordBody::from_data_json(kind, c.schema, raw.get());
            Some(read.map_err(|err| match err {
                MigrationError::FromTheFuture { schema } => OpenError::FromTheFuture { schema },
                MigrationError::Malformed { why, .. } => OpenError::Malformed(why),
            })?)
        }
        _ => {
            return Err(OpenError::Malformed(
                "tombstone flag and content disagree".into(),
            ))
        }
    };
    let meta = RecordMeta {
        id,
        kind,
        rev: e.rev,
        created_at: c.created_at,
        updated_at: e.updated as u64,
        created_by: c.created_by,
        updated_by: c.updated_by,
        deleted: e.deleted,
        versions: c.versions,
    };
    Ok((Record { meta, body }, migrated))
}

/// Seals content in an explicit older schema. Only tests use it, to make data as an older
/// version of the app wrote it.
#[cfg(any(test, feature = "test-hooks"))]
pub fn seal_raw(
    key: &Key,
    meta: &RecordMeta,
    schema: u32,
    body: serde_json::Value,
) -> SealedRecord {
    let content = ContentOut {
        schema,
        created_at: meta.created_at,
        created_by: &meta.created_by,
        updated_by: &meta.updated_by,
        versions: &meta.versions,
        body: Some(&body),
    };
    let plain = serde_json::to_vec(&content).unwrap();
    let updated = meta.updated_at as f64;
    SealedRecord {
        id: meta.id.to_string(),
        kind: meta.kind.as_str().into(),
        rev: meta.rev,
        updated,
        deleted: meta.deleted,
        sealed: crypto::seal(
            key,
            &aad(
                meta.id.as_str(),
                meta.kind.as_str(),
                meta.rev,
                updated,
                meta.deleted,
            ),
            &plain,
        )
        .unwrap(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::Stamp;
    use crate::domain::resident::tests::{good_draft, today};
    use crate::domain::shelter::Shelter;

    fn id(n: u8) -> RecordId {
        RecordId::from_random_bytes([n; 16])
    }

    fn resident_record(n: u8) -> Record {
        let r = good_draft().validate(today()).unwrap();
        Record::create(
            id(n),
            RecordBody::Resident(r),
            &Stamp {
                by: id(1),
                at: 1_795_870_800_000,
                device: "a".into(),
            },
        )
    }

    /// The envelope around a record's content, byte for byte: what every stored record and
    /// every segment entry holds. (Each kind's content is pinned by `tests/fixtures/`.)
    #[test]
    fn content_is_written_in_its_pinned_layout() {
        let r = Record::create(
            id(3),
            RecordBody::Shelter(Shelter::named("UPT")),
            &Stamp {
                by: id(1),
                at: 1_795_870_800_000,
                device: "a".into(),
            },
        );
        let expected = format!(
            r#"{{"schema":{CURRENT_SCHEMA},"created_at":1795870800000,"created_by":"{0}","updated_by":"{0}","versions":{{"a":1}},"body":{{"name":"UPT"}}}}"#,
            id(1)
        );
        assert_eq!(std::str::from_utf8(&encode(&r)).unwrap(), expected);
        let mut appended = b"xyz".to_vec();
        encode_into(&r, &mut appended);
        assert_eq!(appended[3..], *expected.as_bytes());
        let gone = r
            .tombstone(&Stamp {
                by: id(1),
                at: 1_795_870_800_001,
                device: "a".into(),
            })
            .unwrap();
        assert!(std::str::from_utf8(&encode(&gone))
            .unwrap()
            .ends_with(r#""versions":{"a":2},"body":null}"#));
    }

    #[test]
    fn round_trip_keeps_every_field() {
        let k = Key::random().unwrap();
        let r = resident_record(7);
        let s = seal(&k, &r).unwrap();
        assert_eq!((s.kind.as_str(), s.rev, s.deleted), ("resident", 1, false));
        let (back, migrated) = open(&k, &s).unwrap();
        assert_eq!(back, r);
        assert!(!migrated);
        let t = r
            .tombstone(&Stamp {
                by: id(2),
                at: 1_795_870_900_000,
                device: "a".into(),
            })
            .unwrap();
        assert_eq!(open(&k, &seal(&k, &t).unwrap()).unwrap().0, t);
    }

    #[test]
    fn no_plaintext_at_rest() {
        let k = Key::random().unwrap();
        let s = seal(&k, &resident_record(7)).unwrap();
        let json = serde_json::to_string(&s).unwrap();
        for secret in ["Siti", "Aminah", "Mawar", "Sumberejo", "0812"] {
            assert!(!json.contains(secret), "{secret} in the clear");
            assert!(!s
                .sealed
                .windows(secret.len())
                .any(|w| w == secret.as_bytes()));
        }
    }

    #[test]
    fn a_flipped_byte_is_rejected() {
        let k = Key::random().unwrap();
        let s = seal(&k, &resident_record(7)).unwrap();
        for i in [0, 24, s.sealed.len() / 2, s.sealed.len() - 1] {
            let mut t = s.clone();
            t.sealed[i] ^= 0x80;
            assert_eq!(open(&k, &t).unwrap_err(), OpenError::Tampered, "byte {i}");
        }
    }

    #[test]
    fn swapped_ciphertexts_and_edited_clear_fields_are_rejected() {
        let k = Key::random().unwrap();
        let a = seal(&k, &resident_record(7)).unwrap();
        let b = seal(&k, &resident_record(8)).unwrap();
        let mut a2 = a.clone();
        a2.sealed = b.sealed.clone();
        assert_eq!(
            open(&k, &a2).unwrap_err(),
            OpenError::Tampered,
            "swapped between records"
        );
        for edit in [
            SealedRecord {
                rev: 2,
                ..a.clone()
            },
            SealedRecord {
                updated: a.updated + 1.0,
                ..a.clone()
            },
            SealedRecord {
                deleted: true,
                ..a.clone()
            },
            SealedRecord {
                kind: "staff".into(),
                ..a.clone()
            },
            SealedRecord {
                id: b.id.clone(),
                ..a.clone()
            },
        ] {
            assert_eq!(open(&k, &edit).unwrap_err(), OpenError::Tampered);
        }
        assert_eq!(
            open(&Key::random().unwrap(), &a).unwrap_err(),
            OpenError::Tampered,
            "other vault's key"
        );
    }

    #[test]
    fn older_content_is_migrated_and_newer_refused() {
        let k = Key::random().unwrap();
        let r = resident_record(7);
        let mut v1 = serde_json::to_value(r.resident().unwrap()).unwrap();
        v1.as_object_mut().unwrap().remove("contacts");
        v1["phone"] = "0812-3456-7890".into();
        let (back, migrated) = open(&k, &seal_raw(&k, &r.meta, 1, v1)).unwrap();
        assert!(migrated);
        // A resident of schema 1 kept no stage: she is taken to be in the programme.
        let mut expected = r.clone();
        if let Some(RecordBody::Resident(x)) = expected.body.as_mut() {
            x.stage = crate::domain::stage::Stage::Intervention;
        }
        assert_eq!(back, expected);
        let future = seal_raw(&k, &r.meta, CURRENT_SCHEMA + 1, serde_json::json!({}));
        assert_eq!(
            open(&k, &future).unwrap_err(),
            OpenError::FromTheFuture {
                schema: CURRENT_SCHEMA + 1
            }
        );
    }

    #[test]
    fn other_kinds_round_trip() {
        let k = Key::random().unwrap();
        let r = Record::create(
            id(3),
            RecordBody::Shelter(Shelter::named("UPT")),
            &Stamp {
                by: id(1),
                at: 5,
                device: "a".into(),
            },
        );
        assert_eq!(open(&k, &seal(&k, &r).unwrap()).unwrap().0, r);
    }

    #[test]
    fn the_current_schema_is_told_from_the_first_bytes() {
        let r = resident_record(4);
        assert!(is_current(&encode(&r)));
        let k = Key::random().unwrap();
        let old = seal_raw(&k, &r.meta, 1, serde_json::json!({}));
        assert!(!is_current(&open_plain(&k, &old).unwrap()));
        assert!(!is_current(b"{\"schema\":22,"));
        assert!(!is_current(b"{\"schema\":"));
        assert!(!is_current(b""));
    }
}
