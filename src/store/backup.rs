//! Backup files: an age-encrypted (passphrase, scrypt) JSON document of every record.
//! docs/backup-format.md describes it field by field; the `age` or `rage` tools open it.

use crate::domain::id::RecordId;
use crate::domain::migration::CURRENT_SCHEMA;
use crate::domain::record::{BodyData, Record, RecordBody, RecordKind, RecordMeta};
use crate::domain::version_vector::VersionVector;
use age::secrecy::SecretString;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};

pub const FORMAT_NAME: &str = "naungan-backup";
pub const FORMAT_VERSION: u32 = 1;
/// scrypt work factor written: fixed (not calibrated to this machine), so a slower laptop can
/// still open the file in reasonable time.
pub const WORK_FACTOR: u8 = 17;
/// The most a file may ask for when read (2^20 takes a few seconds).
pub const MAX_WORK_FACTOR: u8 = 20;
/// Larger files are refused before reading: a shelter's backup is a few megabytes; a province's,
/// tens.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BackupRecord {
    pub id: String,
    pub kind: String,
    pub rev: u32,
    pub created_at: u64,
    pub updated_at: u64,
    pub created_by: String,
    pub updated_by: String,
    pub deleted: bool,
    #[serde(default)]
    pub versions: VersionVector,
    pub schema: u32,
    /// The record's content; `null` for a deleted record. Kept as its JSON text: written from
    /// the record in one pass, read into the record's type in one pass.
    pub data: Option<Box<RawValue>>,
}

impl PartialEq for BackupRecord {
    fn eq(&self, o: &BackupRecord) -> bool {
        (
            &self.id,
            &self.kind,
            self.rev,
            self.created_at,
            self.updated_at,
        ) == (&o.id, &o.kind, o.rev, o.created_at, o.updated_at)
            && (
                &self.created_by,
                &self.updated_by,
                self.deleted,
                &self.versions,
                self.schema,
            ) == (
                &o.created_by,
                &o.updated_by,
                o.deleted,
                &o.versions,
                o.schema,
            )
            && self.data.as_ref().map(|d| d.get()) == o.data.as_ref().map(|d| d.get())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BackupDocument {
    pub format: String,
    pub format_version: u32,
    /// ISO 8601, UTC.
    pub created_at: String,
    pub shelter: String,
    pub app_version: String,
    pub record_count: usize,
    /// SHA-256 (hex) of the `records` array as written (compact JSON).
    pub records_sha256: String,
    pub records: Vec<BackupRecord>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BackupError {
    Empty,
    TooLarge {
        bytes: u64,
    },
    /// Not an age file at all.
    NotAge,
    /// An age file, but encrypted to a key, not a passphrase.
    NotPassphrase,
    /// The passphrase does not open it (or the part of the file that holds the key is damaged).
    WrongPassphrase,
    /// The file asks for more work than this app allows.
    TooCostly {
        work_factor: u8,
    },
    /// Cut short, or changed after it was written.
    Damaged,
    /// Decrypts, but is not a Naungan backup.
    NotABackup,
    /// A Naungan backup from a newer version of the app.
    FromTheFuture {
        version: u32,
    },
    /// A record inside is invalid (`id`, why).
    InvalidRecord(String, String),
    /// The record count or digest does not match the records.
    Inconsistent,
    /// Encryption failed (no randomness).
    CannotEncrypt,
}

fn iso_utc(ms: u64) -> String {
    let d = crate::domain::date::Date::from_timestamp(ms);
    let s = (ms / 1000) % 86_400;
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        d.iso(),
        s / 3600,
        (s / 60) % 60,
        s % 60
    )
}

fn to_backup_record(r: &Record) -> BackupRecord {
    let m = &r.meta;
    BackupRecord {
        id: m.id.to_string(),
        kind: m.kind.as_str().into(),
        rev: m.rev,
        created_at: m.created_at,
        updated_at: m.updated_at,
        created_by: m.created_by.to_string(),
        updated_by: m.updated_by.to_string(),
        deleted: m.deleted,
        versions: m.versions.clone(),
        schema: CURRENT_SCHEMA,
        data: r.body.as_ref().map(|b| {
            serde_json::value::to_raw_value(&BodyData(b)).expect("record bodies serialize")
        }),
    }
}

fn records_sha256(records: &[BackupRecord]) -> String {
    let json = serde_json::to_vec(records).expect("records serialize");
    crate::store::crypto::hex::encode(&Sha256::digest(&json))
}

/// The document for these records (sorted by id, so equal vaults give equal documents).
pub fn document(shelter: &str, records: &[Record], now_ms: u64) -> BackupDocument {
    let mut rs: Vec<BackupRecord> = records.iter().map(to_backup_record).collect();
    crate::domain::sorting::sort_by(&mut rs, |a, b| a.id.cmp(&b.id));
    BackupDocument {
        format: FORMAT_NAME.into(),
        format_version: FORMAT_VERSION,
        created_at: iso_utc(now_ms),
        shelter: shelter.into(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        record_count: rs.len(),
        records_sha256: records_sha256(&rs),
        records: rs,
    }
}

pub fn encrypt(doc: &BackupDocument, passphrase: &str) -> Result<Vec<u8>, BackupError> {
    seal_bytes(&serialize(doc), passphrase)
}

/// The document as the JSON text inside the file.
pub fn serialize(doc: &BackupDocument) -> zeroize::Zeroizing<Vec<u8>> {
    zeroize::Zeroizing::new(serde_json::to_vec(doc).expect("document serializes"))
}

/// age-encrypts bytes with a passphrase (scrypt, work factor `WORK_FACTOR`). In the app this
/// runs in the backup worker (`src/bin/backup_worker.rs`), off the page's thread.
pub fn seal_bytes(plain: &[u8], passphrase: &str) -> Result<Vec<u8>, BackupError> {
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_string()));
    recipient.set_work_factor(WORK_FACTOR);
    let enc = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .map_err(|_| BackupError::CannotEncrypt)?;
    let mut out = Vec::with_capacity(plain.len() + 1024);
    let mut w = enc
        .wrap_output(&mut out)
        .map_err(|_| BackupError::CannotEncrypt)?;
    w.write_all(plain).map_err(|_| BackupError::CannotEncrypt)?;
    w.finish().map_err(|_| BackupError::CannotEncrypt)?;
    Ok(out)
}

/// Opens a backup file: age (binary or ASCII-armored), then our JSON, then every check.
pub fn decrypt(bytes: &[u8], passphrase: &str) -> Result<BackupDocument, BackupError> {
    parse(&open_bytes(bytes, passphrase)?)
}

/// Decrypts an age file with a passphrase: the plaintext, or why not. In the app this runs in
/// the backup worker.
pub fn open_bytes(
    bytes: &[u8],
    passphrase: &str,
) -> Result<zeroize::Zeroizing<Vec<u8>>, BackupError> {
    check_size(bytes.len() as u64)?;
    let looks_like_age = bytes.starts_with(b"age-encryption.org/")
        || bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----");
    let reader = age::armor::ArmoredReader::new(bytes);
    let dec = match age::Decryptor::new(reader) {
        Ok(d) => d,
        Err(_) if !looks_like_age => return Err(BackupError::NotAge),
        Err(_) => return Err(BackupError::Damaged),
    };
    if !dec.is_scrypt() {
        return Err(BackupError::NotPassphrase);
    }
    let mut identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_string()));
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut plain = zeroize::Zeroizing::new(Vec::new());
    match dec.decrypt(std::iter::once(&identity as &dyn age::Identity)) {
        Ok(mut r) => r
            .read_to_end(&mut plain)
            .map_err(|_| BackupError::Damaged)?,
        Err(age::DecryptError::ExcessiveWork { required, .. }) => {
            return Err(BackupError::TooCostly {
                work_factor: required,
            })
        }
        Err(
            age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed
            | age::DecryptError::NoMatchingKeys,
        ) => return Err(BackupError::WrongPassphrase),
        Err(_) => return Err(BackupError::Damaged),
    };
    Ok(plain)
}

pub fn check_size(bytes: u64) -> Result<(), BackupError> {
    match bytes {
        0 => Err(BackupError::Empty),
        n if n > MAX_FILE_BYTES => Err(BackupError::TooLarge { bytes: n }),
        _ => Ok(()),
    }
}

/// Reads the JSON inside a decrypted file, with the format, version, count and digest checks.
pub fn parse(plain: &[u8]) -> Result<BackupDocument, BackupError> {
    // The format and its version first (skipping the rest), so that a newer backup is named as
    // such rather than as "not a backup"; then the whole document, straight into its types.
    // (Text, not bytes, and no JSON tree: one deserializer per type in the app.)
    #[derive(Deserialize)]
    struct Head {
        format: Option<String>,
        format_version: Option<u64>,
    }
    let text = std::str::from_utf8(plain).map_err(|_| BackupError::NotABackup)?;
    let head: Head = serde_json::from_str(text).map_err(|_| BackupError::NotABackup)?;
    if head.format.as_deref() != Some(FORMAT_NAME) {
        return Err(BackupError::NotABackup);
    }
    match head.format_version {
        Some(n) if n > u64::from(FORMAT_VERSION) => {
            return Err(BackupError::FromTheFuture { version: n as u32 })
        }
        Some(_) => {}
        None => return Err(BackupError::NotABackup),
    }
    let doc: BackupDocument = serde_json::from_str(text).map_err(|_| BackupError::NotABackup)?;
    if doc.record_count != doc.records.len() || doc.records_sha256 != records_sha256(&doc.records) {
        return Err(BackupError::Inconsistent);
    }
    Ok(doc)
}

/// The records of a document, checked and migrated to the current schema.
pub fn records(doc: &BackupDocument) -> Result<Vec<Record>, BackupError> {
    let out = doc
        .records
        .iter()
        .map(|b| {
            let bad = |why: &str| BackupError::InvalidRecord(b.id.clone(), why.to_string());
            let id = RecordId::parse(&b.id).ok_or_else(|| bad("id"))?;
            let kind = RecordKind::parse(&b.kind).ok_or_else(|| bad("kind"))?;
            let body = match (&b.data, b.deleted) {
                (None, true) => None,
                (Some(data), false) => Some(
                    RecordBody::from_data_json(kind, b.schema, data.get())
                        .map_err(|e| bad(&format!("{e:?}")))?,
                ),
                _ => return Err(bad("deleted flag and data disagree")),
            };
            Ok(Record {
                meta: RecordMeta {
                    id,
                    kind,
                    rev: b.rev,
                    created_at: b.created_at,
                    updated_at: b.updated_at,
                    created_by: RecordId::parse(&b.created_by).ok_or_else(|| bad("created_by"))?,
                    updated_by: RecordId::parse(&b.updated_by).ok_or_else(|| bad("updated_by"))?,
                    deleted: b.deleted,
                    versions: b.versions.clone(),
                },
                body,
            })
        })
        .collect::<Result<Vec<Record>, BackupError>>()?;
    // The same id twice (a file edited by hand): once sorted, repeats are neighbours. (A set
    // type of its own would cost first-load bytes.)
    let mut ids: Vec<&RecordId> = out.iter().map(|r| &r.meta.id).collect();
    crate::domain::sorting::sort_by(&mut ids, |a, b| a.cmp(b));
    if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(BackupError::InvalidRecord(
            w[0].to_string(),
            "the same id twice".into(),
        ));
    }
    Ok(out)
}

/// How many live records of each kind (every kind, in the order of `RecordKind::ALL`), and
/// how many tombstones, for a preview.
pub fn counts(records: &[Record]) -> (Vec<(RecordKind, usize)>, usize) {
    let mut per_kind: Vec<(RecordKind, usize)> = RecordKind::ALL.iter().map(|k| (*k, 0)).collect();
    let mut deleted = 0;
    for r in records {
        if r.meta.deleted {
            deleted += 1;
        } else {
            per_kind[r.meta.kind.ordinal()].1 += 1;
        }
    }
    (per_kind, deleted)
}

/// `naungan-<shelter>-<YYYY-MM-DD>.age`, the shelter's name made safe for file names.
pub fn file_name(shelter: &str, date_iso: &str) -> String {
    let mut slug = String::new();
    for c in shelter.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug: String = slug.chars().take(40).collect();
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("naungan-{date_iso}.age")
    } else {
        format!("naungan-{slug}-{date_iso}.age")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::merge;
    use crate::domain::record::Stamp;
    use crate::domain::resident::tests::{good_draft, today};
    use crate::domain::shelter::Shelter;
    use serde_json::Value;
    use std::collections::BTreeMap;
    use std::sync::OnceLock;

    const PASS: &str = "kuda lari pagi hari";

    fn id(n: u8) -> RecordId {
        RecordId::from_random_bytes([n; 16])
    }

    fn sample() -> Vec<Record> {
        let s = Stamp {
            by: id(1),
            at: 1_795_870_800_000,
            device: "a1".into(),
        };
        let r = good_draft().validate(today()).unwrap();
        let live = Record::create(id(2), RecordBody::Resident(r.clone()), &s);
        let gone = Record::create(id(3), RecordBody::Resident(r), &s)
            .tombstone(&s)
            .unwrap();
        let shelter = Record::create(
            id(4),
            RecordBody::Shelter(Shelter::named("UPT Bina Karya")),
            &s,
        );
        vec![live, gone, shelter]
    }

    fn doc() -> BackupDocument {
        document("UPT Bina Karya", &sample(), 1_795_870_800_000)
    }

    /// One encrypted file shared by the tests (scrypt at 2^17 costs a moment each time).
    fn file() -> &'static [u8] {
        static F: OnceLock<Vec<u8>> = OnceLock::new();
        F.get_or_init(|| encrypt(&doc(), PASS).unwrap())
    }

    fn encrypt_raw(plain: &[u8], passphrase: &str) -> Vec<u8> {
        let mut r = age::scrypt::Recipient::new(SecretString::from(passphrase.to_string()));
        r.set_work_factor(10);
        let enc =
            age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient)).unwrap();
        let mut out = vec![];
        let mut w = enc.wrap_output(&mut out).unwrap();
        w.write_all(plain).unwrap();
        w.finish().unwrap();
        out
    }

    #[test]
    fn round_trip_keeps_every_record_and_field() {
        let back = decrypt(file(), PASS).unwrap();
        assert_eq!(back, doc());
        assert_eq!(back.format, "naungan-backup");
        assert_eq!(back.created_at, "2026-11-28T13:00:00Z");
        let mut expected = sample();
        crate::domain::sorting::sort_by(&mut expected, |a, b| a.meta.id.cmp(&b.meta.id));
        assert_eq!(records(&back).unwrap(), expected);
        assert!(file().starts_with(b"age-encryption.org/v1\n-> scrypt "));
        assert!(
            String::from_utf8_lossy(file()).contains(" 17\n"),
            "work factor 2^17"
        );
    }

    #[test]
    fn the_json_is_plain_and_documented() {
        let v = serde_json::to_value(doc()).unwrap();
        for f in [
            "format",
            "format_version",
            "created_at",
            "shelter",
            "app_version",
            "record_count",
            "records_sha256",
            "records",
        ] {
            assert!(v.get(f).is_some(), "{f}");
        }
        let r = &v["records"][0];
        for f in [
            "id",
            "kind",
            "rev",
            "created_at",
            "updated_at",
            "created_by",
            "updated_by",
            "deleted",
            "versions",
            "schema",
            "data",
        ] {
            assert!(r.get(f).is_some(), "record.{f}");
        }
        assert_eq!(
            v["records"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["deleted"] == true && r["data"].is_null())
                .count(),
            1
        );
    }

    #[test]
    fn armored_files_open_too() {
        let mut out = vec![];
        let mut r = age::scrypt::Recipient::new(SecretString::from(PASS.to_string()));
        r.set_work_factor(10);
        let enc =
            age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient)).unwrap();
        let armor =
            age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)
                .unwrap();
        let mut w = enc.wrap_output(armor).unwrap();
        w.write_all(&serde_json::to_vec(&doc()).unwrap()).unwrap();
        w.finish().unwrap().finish().unwrap();
        assert!(out.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
        assert_eq!(decrypt(&out, PASS).unwrap(), doc());
    }

    fn doc_json_with(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
        let mut v = serde_json::to_value(doc()).unwrap();
        edit(&mut v);
        serde_json::to_vec(&v).unwrap()
    }

    fn rehash(v: &mut Value) {
        let rs: Vec<BackupRecord> = serde_json::from_value(v["records"].clone()).unwrap();
        v["records_sha256"] = records_sha256(&rs).into();
        v["record_count"] = rs.len().into();
    }

    /// Every bad input gets its own error, and nothing reaches the vault: the import pipeline
    /// (decrypt → records → plan) stops before a plan exists, and the local records are as before.
    #[test]
    fn bad_inputs_are_refused_and_change_nothing() {
        let f = file();
        let mut flipped_payload = f.to_vec();
        let n = flipped_payload.len();
        flipped_payload[n - 40] ^= 1;
        let mut flipped_header = f.to_vec();
        // Another valid base64 character inside the scrypt stanza's salt ("-> scrypt " ends at 32):
        // the salt changes, so the derived key does not open the file key.
        flipped_header[36] = if flipped_header[36] == b'A' {
            b'B'
        } else {
            b'A'
        };
        let mut flipped_type = f.to_vec();
        flipped_type[30] ^= 1; // "scrypt" becomes another (unknown) recipient type
        let header_end = f.windows(4).position(|w| w == b"\n---").unwrap();
        let mut flipped_mac = f.to_vec();
        flipped_mac[header_end + 6] ^= 1;
        let costly = String::from_utf8_lossy(&f[..header_end]).replace(" 17\n", " 21\n");
        let mut costly_file = costly.into_bytes();
        costly_file.extend_from_slice(&f[header_end..]);
        let x25519 = {
            let key = age::x25519::Identity::generate().to_public();
            let enc = age::Encryptor::with_recipients(std::iter::once(&key as &dyn age::Recipient))
                .unwrap();
            let mut out = vec![];
            let mut w = enc.wrap_output(&mut out).unwrap();
            w.write_all(b"{}").unwrap();
            w.finish().unwrap();
            out
        };
        let cases: Vec<(&str, Vec<u8>, &str, BackupError)> = vec![
            (
                "wrong passphrase",
                f.to_vec(),
                "kuda lari pagi har",
                BackupError::WrongPassphrase,
            ),
            ("empty file", vec![], PASS, BackupError::Empty),
            (
                "random bytes",
                (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect(),
                PASS,
                BackupError::NotAge,
            ),
            (
                "a text file",
                b"Daftar klien 2026\nSiti Aminah\n".to_vec(),
                PASS,
                BackupError::NotAge,
            ),
            (
                "a JSON file, unencrypted",
                serde_json::to_vec(&doc()).unwrap(),
                PASS,
                BackupError::NotAge,
            ),
            (
                "age, but not JSON",
                encrypt_raw(b"hello, not json", PASS),
                PASS,
                BackupError::NotABackup,
            ),
            (
                "age JSON, not ours",
                encrypt_raw(br#"{"foo": 1}"#, PASS),
                PASS,
                BackupError::NotABackup,
            ),
            (
                "ours, from a future version",
                encrypt_raw(&doc_json_with(|v| v["format_version"] = 2.into()), PASS),
                PASS,
                BackupError::FromTheFuture { version: 2 },
            ),
            (
                "ours, fields missing",
                encrypt_raw(
                    &doc_json_with(|v| {
                        v.as_object_mut().unwrap().remove("records");
                    }),
                    PASS,
                ),
                PASS,
                BackupError::NotABackup,
            ),
            (
                "record count edited",
                encrypt_raw(&doc_json_with(|v| v["record_count"] = 2.into()), PASS),
                PASS,
                BackupError::Inconsistent,
            ),
            (
                "a record edited (digest)",
                encrypt_raw(&doc_json_with(|v| v["records"][0]["rev"] = 9.into()), PASS),
                PASS,
                BackupError::Inconsistent,
            ),
            (
                "truncated in half",
                f[..f.len() / 2].to_vec(),
                PASS,
                BackupError::Damaged,
            ),
            (
                "truncated inside the header",
                f[..40].to_vec(),
                PASS,
                BackupError::Damaged,
            ),
            (
                "last byte cut",
                f[..f.len() - 1].to_vec(),
                PASS,
                BackupError::Damaged,
            ),
            (
                "one payload byte flipped",
                flipped_payload,
                PASS,
                BackupError::Damaged,
            ),
            (
                "one salt byte flipped",
                flipped_header,
                PASS,
                BackupError::WrongPassphrase,
            ),
            (
                "header MAC flipped",
                flipped_mac,
                PASS,
                BackupError::Damaged,
            ),
            (
                "recipient type damaged",
                flipped_type,
                PASS,
                BackupError::NotPassphrase,
            ),
            (
                "work factor 2^21",
                costly_file,
                PASS,
                BackupError::TooCostly { work_factor: 21 },
            ),
            (
                "encrypted to a key, not a passphrase",
                x25519,
                PASS,
                BackupError::NotPassphrase,
            ),
        ];
        assert!(cases.len() >= 15);
        let local: BTreeMap<RecordId, Record> = sample()
            .into_iter()
            .map(|r| (r.meta.id.clone(), r))
            .collect();
        let before = local.clone();
        for (name, bytes, pass, expected) in cases {
            let result = decrypt(&bytes, pass)
                .and_then(|d| records(&d))
                .map(|rs| merge::plan(&local, rs));
            assert_eq!(result.err(), Some(expected), "{name}");
            assert_eq!(local, before, "{name}");
        }
    }

    #[test]
    fn invalid_records_inside_a_valid_file_are_refused() {
        let edit = |f: fn(&mut Value)| {
            let mut v = serde_json::to_value(doc()).unwrap();
            f(&mut v);
            rehash(&mut v);
            let d: BackupDocument = serde_json::from_value(v).unwrap();
            records(&d).unwrap_err()
        };
        assert!(
            matches!(edit(|v| v["records"][0]["kind"] = "spaceship".into()), BackupError::InvalidRecord(_, w) if w == "kind")
        );
        assert!(
            matches!(edit(|v| v["records"][0]["id"] = "1".into()), BackupError::InvalidRecord(_, w) if w == "id")
        );
        assert!(
            matches!(edit(|v| { let r = v["records"][0].clone(); v["records"].as_array_mut().unwrap().push(r); }), BackupError::InvalidRecord(_, w) if w.contains("twice"))
        );
        assert!(matches!(
            edit(|v| v["records"][0]["deleted"] = true.into()),
            BackupError::InvalidRecord(..)
        ));
        assert!(matches!(
            edit(|v| v["records"][0]["schema"] = 99.into()),
            BackupError::InvalidRecord(..)
        ));
    }

    #[test]
    fn too_large_files_are_refused_before_reading() {
        assert_eq!(
            check_size(200 * 1024 * 1024),
            Err(BackupError::TooLarge {
                bytes: 200 * 1024 * 1024
            })
        );
        assert_eq!(check_size(0), Err(BackupError::Empty));
        assert_eq!(check_size(1), Ok(()));
    }

    #[test]
    fn older_schemas_inside_a_backup_are_migrated() {
        let mut v = serde_json::to_value(doc()).unwrap();
        let i = v["records"]
            .as_array()
            .unwrap()
            .iter()
            .position(|r| r["kind"] == "resident" && r["deleted"] == false)
            .unwrap();
        let data = v["records"][i]["data"].as_object_mut().unwrap();
        data.remove("contacts");
        data.insert("phone".into(), "0812 1111 2222".into());
        v["records"][i]["schema"] = 1.into();
        rehash(&mut v);
        let d: BackupDocument = serde_json::from_value(v).unwrap();
        let rs = records(&d).unwrap();
        let r = rs.iter().find_map(|r| r.resident()).unwrap();
        assert_eq!(r.contacts[0].number, "0812 1111 2222");
    }

    #[test]
    fn file_names() {
        assert_eq!(
            file_name("UPT Rehabilitasi Sosial Bina Karya Wanita", "2026-11-28"),
            "naungan-upt-rehabilitasi-sosial-bina-karya-wanit-2026-11-28.age"
        );
        assert_eq!(file_name("  ", "2026-11-28"), "naungan-2026-11-28.age");
        assert_eq!(
            file_name("UPT (Kediri)", "2026-01-02"),
            "naungan-upt-kediri-2026-01-02.age"
        );
    }

    #[test]
    fn counts_per_kind() {
        let (per_kind, deleted) = counts(&sample());
        let of = |k: RecordKind| per_kind.iter().find(|(x, _)| *x == k).unwrap().1;
        assert_eq!(
            (of(RecordKind::Resident), of(RecordKind::Shelter), deleted),
            (1, 1, 1)
        );
        assert_eq!(per_kind.iter().map(|(_, n)| n).sum::<usize>(), 2);
    }
}
