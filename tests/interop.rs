//! Interoperability of backup files with an independent age implementation (pyrage, PyPI):
//! a backup the app writes opens there, with the documented JSON; a file pyrage encrypts opens
//! here and imports. `NAUNGAN_PYTHON` names a Python with pyrage (scripts/setup.sh makes one).
#![cfg(not(target_arch = "wasm32"))]

use naungan::domain::id::RecordId;
use naungan::domain::record::{Record, RecordBody, Stamp};
use naungan::domain::shelter::Shelter;
use naungan::domain::staff::{StaffMember, StaffRole};
use naungan::store::backup;
use std::path::PathBuf;
use std::process::Command;

const PASS: &str = "kuda lari pagi hari";

fn python() -> String {
    std::env::var("NAUNGAN_PYTHON")
        .expect("NAUNGAN_PYTHON must name a Python with pyrage (make test sets it)")
}

fn peer(args: &[&str]) -> String {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/interop/age_peer.py");
    let out = Command::new(python())
        .arg(script)
        .args(args)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "age_peer.py {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("naungan-interop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn records() -> Vec<Record> {
    let id = |n: u8| RecordId::from_random_bytes([n; 16]);
    let s = Stamp {
        by: id(1),
        at: 1_795_870_800_000,
        device: "d1".into(),
    };
    let staff = Record::create(
        id(1),
        RecordBody::Staff(StaffMember::new("Bu Ratna", StaffRole::Head)),
        &s,
    );
    let shelter = Record::create(
        id(2),
        RecordBody::Shelter(Shelter::named("UPT Bina Karya")),
        &s,
    );
    let gone = Record::create(id(3), RecordBody::Shelter(Shelter::named("x")), &s)
        .tombstone(&s)
        .unwrap();
    vec![staff, shelter, gone]
}

#[test]
fn a_backup_from_the_app_opens_with_pyrage() {
    let doc = backup::document("UPT Bina Karya", &records(), 1_795_870_800_000);
    let file = tmp("from-app.age");
    std::fs::write(&file, backup::encrypt(&doc, PASS).unwrap()).unwrap();
    assert_eq!(
        peer(&["check-backup", file.to_str().unwrap(), PASS]).trim(),
        "3"
    );
}

#[test]
fn a_file_encrypted_by_pyrage_imports_into_the_app() {
    let doc = backup::document("UPT Bina Karya", &records(), 1_795_870_800_000);
    let plain = tmp("plain.json");
    let file = tmp("from-pyrage.age");
    std::fs::write(&plain, serde_json::to_vec(&doc).unwrap()).unwrap();
    peer(&[
        "encrypt",
        plain.to_str().unwrap(),
        file.to_str().unwrap(),
        PASS,
    ]);
    let back = backup::decrypt(&std::fs::read(&file).unwrap(), PASS).unwrap();
    assert_eq!(back, doc);
    let mut expected = records();
    naungan::domain::sorting::sort_by(&mut expected, |a, b| a.meta.id.cmp(&b.meta.id));
    assert_eq!(backup::records(&back).unwrap(), expected);
    assert_eq!(
        backup::decrypt(&std::fs::read(&file).unwrap(), "salah").unwrap_err(),
        backup::BackupError::WrongPassphrase
    );
}
