//! Browser tests (wasm-bindgen-test in headless Chromium): the vault on real IndexedDB.
//! Run by `make test` with `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use naungan::domain::case_note::{CaseNote, NoteText};
use naungan::domain::id::RecordId;
use naungan::domain::identity_paper::{IdentityPapers, PaperStatus};
use naungan::domain::merge::Choice;
use naungan::domain::record::{RecordBody, RecordKind, RecordMeta};
use naungan::domain::resident::{self, Resident, ResidentDraft};
use naungan::domain::restricted::Restricted;
use naungan::domain::search::ResidentQuery;
use naungan::domain::shelter::Shelter;
use naungan::domain::staff::{StaffMember, StaffRole};
use naungan::domain::version_vector::VersionVector;
use naungan::store::backup::{self, BackupError};
use naungan::store::sealed_record::SealedRecord;
use naungan::store::{clock, Change, StoreError, Vault};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PASS: &str = "kuda lari pagi hari";
/// Low scrypt cost for speed; one test below uses the real default.
const TEST_LOG_N: u8 = 10;

#[wasm_bindgen(inline_js = r#"
export async function dump_db(name) {
  const db = await new Promise((ok, err) => {
    const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error);
  });
  const out = {};
  for (const store of db.objectStoreNames) {
    const tx = db.transaction(store);
    const s = tx.objectStore(store);
    out[store] = await new Promise((ok, err) => {
      const r = s.getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error);
    });
  }
  db.close();
  // Bytes become text, one character per byte, so a plaintext name inside them would show.
  return JSON.stringify(out, (k, v) => (v instanceof Uint8Array ? new TextDecoder('latin1').decode(v) : v));
}
// Copies a vault's header and log into a new database laid out as version 1 of the app made it
// (no segments store), as an older installation would have it.
export async function copy_as_version_1(src, dst) {
  const req = (r) => new Promise((ok, err) => { r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
  const from = await req(indexedDB.open(src));
  const tx = from.transaction(['meta', 'records']);
  const header = await req(tx.objectStore('meta').get('header'));
  const rows = await req(tx.objectStore('records').getAll());
  from.close();
  await req(indexedDB.deleteDatabase(dst));
  const open = indexedDB.open(dst, 1);
  open.onupgradeneeded = () => {
    const records = open.result.createObjectStore('records', { keyPath: 'id' });
    records.createIndex('kind', 'kind');
    open.result.createObjectStore('meta');
  };
  const to = await req(open);
  const w = to.transaction(['meta', 'records'], 'readwrite');
  w.objectStore('meta').put(header, 'header');
  for (const r of rows) w.objectStore('records').put(r);
  await new Promise((ok, err) => { w.oncomplete = ok; w.onerror = () => err(w.error); });
  to.close();
  return rows.length;
}
// Opens the database one version up, as a newer build would; resolves with the new version once
// the upgrade went through (it waits while any older connection stays open).
export function open_as_newer_build(name, version) {
  return new Promise((ok, err) => {
    const r = indexedDB.open(name, version);
    r.onupgradeneeded = () => {};
    r.onsuccess = () => { r.result.close(); ok(r.result.version); };
    r.onerror = () => err(r.error);
  });
}
export function stores_of(name) {
  return new Promise((ok, err) => {
    const r = indexedDB.open(name);
    r.onsuccess = () => { const names = [...r.result.objectStoreNames]; r.result.close(); ok(names.join(',')); };
    r.onerror = () => err(r.error);
  });
}
"#)]
extern "C" {
    async fn dump_db(name: &str) -> JsValue;
    async fn stores_of(name: &str) -> JsValue;
    async fn copy_as_version_1(src: &str, dst: &str) -> JsValue;
    async fn open_as_newer_build(name: &str, version: u32) -> JsValue;
}

/// One saved change to one record, which must succeed.
async fn update(v: &Vault, id: &RecordId, base_rev: u32, body: RecordBody) {
    v.save(vec![Change::Update {
        id: id.clone(),
        base_rev,
        body,
    }])
    .await
    .unwrap();
}

async fn delete(v: &Vault, id: &RecordId, base_rev: u32) {
    v.save(vec![Change::Delete {
        id: id.clone(),
        base_rev,
    }])
    .await
    .unwrap();
}

fn db_name(test: &str) -> String {
    format!("naungan-test-{test}-{}", js_sys::Math::random().to_bits())
}

async fn new_vault(name: &str) -> Vault {
    Vault::erase(name).await.unwrap();
    let v = Vault::open_with_kdf(name, TEST_LOG_N).await.unwrap();
    v.set_up(
        Shelter::named("UPT Bina Karya Wanita"),
        StaffMember::new("Bu Ratna", StaffRole::Head),
        PASS,
    )
    .await
    .unwrap();
    v
}

fn resident(name: &str, alias: &str) -> RecordBody {
    let d = ResidentDraft {
        full_name: name.into(),
        alias: alias.into(),
        birth_date: "1998-07-01".into(),
        origin_province: "35".into(),
        origin_regency: "35.78".into(),
        family_address: "Jalan Kenjeran Gang Tiga".into(),
        phone_own: "081234567890".into(),
        intake_date: "2026-03-02".into(),
        cohort: "2026-I".into(),
        papers: IdentityPapers {
            kk: PaperStatus::ConfiscatedByThirdParty,
            ..Default::default()
        },
        ..Default::default()
    };
    RecordBody::Resident(d.validate(clock::today()).unwrap())
}

#[wasm_bindgen_test]
async fn set_up_lock_wrong_passphrase_and_unlock() {
    let name = db_name("unlock");
    let v = new_vault(&name).await;
    assert!(v.is_unlocked());
    assert_eq!(v.shelter().unwrap().unwrap().name, "UPT Bina Karya Wanita");
    v.lock();
    assert!(!v.is_unlocked());
    assert_eq!(
        v.shelter().unwrap_err(),
        StoreError::Locked,
        "locked means unreadable"
    );
    assert_eq!(v.save(vec![]).await.unwrap_err(), StoreError::Locked);

    let header_before = v.raw_header().await.unwrap();
    let rows_before = v.raw_records().await.unwrap();
    let segments_before = v.raw_segments().await.unwrap();
    assert_eq!(
        v.unlock("kuda lari pagi hari!").await.unwrap_err(),
        StoreError::WrongPassphrase
    );
    assert!(!v.is_unlocked());
    assert_eq!(
        v.raw_header().await.unwrap(),
        header_before,
        "a wrong passphrase changes nothing"
    );
    assert_eq!(v.raw_records().await.unwrap(), rows_before);
    assert_eq!(v.raw_segments().await.unwrap(), segments_before);

    let report = v.unlock(PASS).await.unwrap();
    assert_eq!(
        (report.records, report.migrated, report.unreadable.len()),
        (2, 0, 0)
    );
    assert_eq!(v.current_staff().unwrap().1.unwrap().name, "Bu Ratna");
    assert_eq!(
        v.set_up(
            Shelter::named("x"),
            StaffMember::new("y", StaffRole::Admin),
            PASS
        )
        .await
        .unwrap_err(),
        StoreError::AlreadySetUp
    );
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn put_get_list_update_delete_and_persist() {
    let name = db_name("crud");
    let v = new_vault(&name).await;
    let id = clock::new_id().unwrap();
    let saved = v
        .save(vec![Change::Create {
            id: id.clone(),
            body: resident("Siti Aminah", "Mawar"),
        }])
        .await
        .unwrap();
    assert_eq!(saved[0].meta.rev, 1);
    let got = v.get(&id).unwrap().unwrap();
    assert_eq!(got.resident().unwrap().full_name, "Siti Aminah");
    let q = |t: &str| ResidentQuery {
        text: t.into(),
        ..Default::default()
    };
    assert_eq!(v.read(|ix| ix.residents(&q("mawar"), 10)).unwrap().total, 1);
    assert_eq!(
        v.read(|ix| ix.residents(&q("surabaya"), 10)).unwrap().total,
        1
    );
    assert_eq!(v.read(|ix| ix.residents(&q("dewi"), 10)).unwrap().total, 0);
    let st = v
        .read(|ix| resident::stats(ix.all::<Resident>().map(|l| (l.meta, l.body)), 5))
        .unwrap();
    assert_eq!(
        (st.total, st.active, st.papers_held, st.recent.len()),
        (1, 1, 1, 1),
        "KK held by a third party"
    );

    update(&v, &id, 1, resident("Siti Aminah", "Melati")).await;
    assert_eq!(
        v.save(vec![Change::Update {
            id: id.clone(),
            base_rev: 1,
            body: resident("Siti", "x")
        }])
        .await
        .unwrap_err(),
        StoreError::Stale,
        "an edit made from an old revision is refused"
    );
    assert_eq!(
        v.get(&id).unwrap().unwrap().resident().unwrap().alias,
        "Melati"
    );

    // Persisted: a second instance (another tab, or after a reload) sees the same.
    let v2 = Vault::open_with_kdf(&name, TEST_LOG_N).await.unwrap();
    v2.unlock(PASS).await.unwrap();
    let r2 = v2.get(&id).unwrap().unwrap();
    assert_eq!(
        (r2.meta.rev, r2.resident().unwrap().alias.as_str()),
        (2, "Melati")
    );
    v2.close();

    delete(&v, &id, 2).await;
    let t = v.get(&id).unwrap().unwrap();
    assert!(t.meta.deleted && t.body.is_none() && t.meta.rev == 3);
    assert_eq!(v.read(|ix| ix.residents(&q(""), 10)).unwrap().total, 0);
    let raw: Vec<SealedRecord> = v
        .raw_records()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.id == id.as_str())
        .collect();
    assert_eq!(
        (raw.len(), raw[0].deleted, raw[0].rev, raw[0].kind.as_str()),
        (1, true, 3, "resident"),
        "a tombstone remains"
    );
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_failed_multi_record_save_writes_nothing() {
    let name = db_name("atomic");
    let tab1 = new_vault(&name).await;
    let tab2 = Vault::open_with_kdf(&name, TEST_LOG_N).await.unwrap();
    tab2.unlock(PASS).await.unwrap();
    // Tab 1 creates a record that tab 2 does not know of.
    let taken = clock::new_id().unwrap();
    tab1.save(vec![Change::Create {
        id: taken.clone(),
        body: resident("Dewi Lestari", ""),
    }])
    .await
    .unwrap();
    // Tab 2 saves two records; the second collides in storage, so neither may be written.
    let fresh = clock::new_id().unwrap();
    let err = tab2
        .save(vec![
            Change::Create {
                id: fresh.clone(),
                body: resident("Ayu Wulandari", ""),
            },
            Change::Create {
                id: taken.clone(),
                body: resident("Collision", ""),
            },
        ])
        .await
        .unwrap_err();
    assert_eq!(err, StoreError::AlreadyExists);
    assert!(
        tab2.get(&fresh).unwrap().is_none(),
        "memory did not run ahead of storage"
    );
    let check = Vault::open_with_kdf(&name, TEST_LOG_N).await.unwrap();
    check.unlock(PASS).await.unwrap();
    assert!(
        check.get(&fresh).unwrap().is_none(),
        "the first record of the failed save is not stored"
    );
    assert_eq!(
        check
            .get(&taken)
            .unwrap()
            .unwrap()
            .resident()
            .unwrap()
            .full_name,
        "Dewi Lestari"
    );
    for v in [tab1, tab2, check] {
        v.close();
    }
    Vault::erase(&name).await.unwrap();
}

/// The clear fields of a record another laptop (an older app) wrote, as `staff` did.
fn written_elsewhere(id: &RecordId, kind: RecordKind, rev: u32, staff: RecordId) -> RecordMeta {
    RecordMeta {
        id: id.clone(),
        kind,
        rev,
        created_at: 1_700_000_000_000,
        updated_at: 1_710_000_000_000,
        created_by: staff.clone(),
        updated_by: staff,
        deleted: false,
        versions: VersionVector::of("older-device"),
    }
}

#[wasm_bindgen_test]
async fn data_written_in_an_older_schema_is_migrated_once() {
    let name = db_name("migrate");
    let v = new_vault(&name).await;
    let (staff_id, _) = v.current_staff().unwrap();
    let id = clock::new_id().unwrap();
    let meta = written_elsewhere(&id, RecordKind::Resident, 4, staff_id);
    // Schema 1 kept one `phone` text field; schema 2 keeps a list of contacts.
    let RecordBody::Resident(r) = resident("Rina Kartika", "") else {
        unreachable!()
    };
    let mut v1 = serde_json::to_value(&r).unwrap();
    v1.as_object_mut().unwrap().remove("contacts");
    v1["phone"] = "0856-1111-2222".into();
    let row = v.seal_raw(&meta, 1, v1).unwrap();
    v.write_raw(std::slice::from_ref(&row)).await.unwrap();
    v.lock();

    let report = v.unlock(PASS).await.unwrap();
    assert_eq!(report.migrated, 1);
    let got = v.get(&id).unwrap().unwrap();
    assert_eq!(got.meta, meta, "id, revision and times are kept");
    let contacts = &got.resident().unwrap().contacts;
    assert_eq!(
        (
            contacts.len(),
            contacts[0].label.as_str(),
            contacts[0].number.as_str()
        ),
        (1, "own", "0856-1111-2222")
    );
    let stored = v
        .raw_records()
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.id == id.as_str())
        .unwrap();
    assert_ne!(stored.sealed, row.sealed, "re-sealed in the current schema");
    assert_eq!(
        got.resident().unwrap().stage,
        naungan::domain::stage::Stage::Intervention,
        "an active resident of the earlier app is in the programme"
    );
    v.lock();
    assert_eq!(
        v.unlock(PASS).await.unwrap().migrated,
        0,
        "migrated once, not at every unlock"
    );
    v.close();
    Vault::erase(&name).await.unwrap();
}

/// A deferred kind's record from an older schema, inside a segment (where compaction moved it
/// as it was), is opened at unlock, migrated and sealed again once: not migrated in memory at
/// every unlock.
#[wasm_bindgen_test]
async fn a_deferred_record_in_an_older_schema_inside_a_segment_is_sealed_again_once() {
    let name = db_name("migrate-deferred");
    let v = new_vault(&name).await;
    let (staff_id, _) = v.current_staff().unwrap();
    let resident_id = clock::new_id().unwrap();
    let id = clock::new_id().unwrap();
    let meta = written_elsewhere(&id, RecordKind::CaseNote, 2, staff_id);
    let note = serde_json::json!({
        "resident": resident_id, "date": "2023-11-14", "kind": "counselling",
        "text": "Konseling pertama"
    });
    let row = v.seal_raw(&meta, 1, note).unwrap();
    v.write_raw(std::slice::from_ref(&row)).await.unwrap();
    // Compaction moves a log row's content into a segment as it is, without reading it.
    v.compact().await.unwrap();
    assert!(v.raw_records().await.unwrap().is_empty());
    v.lock();

    let report = v.unlock(PASS).await.unwrap();
    assert_eq!(
        report.migrated, 1,
        "opened at unlock, though its kind is deferred"
    );
    let got = v.get(&id).unwrap().unwrap();
    let text = note_text(&got);
    let got = got.meta;
    assert_eq!(got, meta);
    assert!(
        text.is_sealed(),
        "its text now under the restricted-content key"
    );
    assert_eq!(v.reveal(&got, &text).unwrap(), "Konseling pertama");
    let resealed = rows_of_records(&v).await;
    assert_eq!(resealed.len(), 1, "sealed again, in the log");
    assert_eq!(resealed[0].id, id.as_str());
    v.lock();
    assert_eq!(
        v.unlock(PASS).await.unwrap().migrated,
        0,
        "migrated once, not at every unlock"
    );
    assert_eq!(v.read(|ix| ix.count::<CaseNote>()).unwrap(), 1);
    // Once compaction has replaced the segment's old copy, the data key alone reads no text.
    v.compact().await.unwrap();
    let under_data_key = v
        .plaintext_with(&v.copy_of_data_key().unwrap())
        .await
        .unwrap();
    assert!(!contains(&under_data_key, "Konseling pertama"));
    assert!(v.raw_records().await.unwrap().is_empty());
    v.lock();
    assert_eq!(
        v.unlock(PASS).await.unwrap().migrated,
        0,
        "compaction kept the migrated copy, not the older one"
    );
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn the_raw_database_holds_no_plaintext() {
    let name = db_name("raw");
    let v = new_vault(&name).await;
    v.save(vec![
        Change::Create {
            id: clock::new_id().unwrap(),
            body: resident("Kartini Wulandari", "Kenanga"),
        },
        Change::Create {
            id: clock::new_id().unwrap(),
            body: resident("Suminah Prasetyo", "Anggrek"),
        },
    ])
    .await
    .unwrap();
    let in_log = dump_db(&name).await.as_string().unwrap();
    assert!(
        in_log.contains("\"kind\":\"resident\""),
        "the dump really holds the log's rows: {}",
        &in_log[..200.min(in_log.len())]
    );
    assert_eq!(
        v.compact().await.unwrap(),
        6,
        "shelter, head, two residents, and the two entries that name the residents' creation"
    );
    let in_segments = dump_db(&name).await.as_string().unwrap();
    assert!(
        in_segments.contains("\"segments\":[{\"n\":0,\"sealed\":")
            && !in_segments.contains("\"kind\":\"resident\""),
        "the dump really holds a segment, and the log is empty: {}",
        &in_segments[..200.min(in_segments.len())]
    );
    let dump = in_log + &in_segments;
    for secret in [
        "Kartini",
        "Wulandari",
        "Kenanga",
        "Suminah",
        "Anggrek",
        "Kenjeran",
        "081234567890",
        "Bina Karya",
        "2026-I",
        "35.78",
        PASS,
    ] {
        assert!(!dump.contains(secret), "{secret} is readable in IndexedDB");
    }
    // Staff names with a passphrase here are the one exception, for the lock screen (the header;
    // docs/security.md says so); nothing else about them is.
    assert!(v.raw_header().await.unwrap().unwrap().contains("Bu Ratna"));
    assert!(!dump.contains("\"head\""), "roles are sealed");
    assert_eq!(
        stores_of(&name).await.as_string().unwrap(),
        "meta,records,segments"
    );
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_damaged_record_is_reported_and_kept() {
    let name = db_name("damaged");
    let v = new_vault(&name).await;
    let id = clock::new_id().unwrap();
    v.save(vec![Change::Create {
        id: id.clone(),
        body: resident("Wati", ""),
    }])
    .await
    .unwrap();
    let mut row = v
        .raw_records()
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.id == id.as_str())
        .unwrap();
    row.id = RecordId::from_random_bytes([7; 16]).to_string(); // a ciphertext moved to another id
    v.write_raw(std::slice::from_ref(&row)).await.unwrap();
    v.lock();
    let report = v.unlock(PASS).await.unwrap();
    assert_eq!(report.unreadable, vec![row.id.clone()]);
    assert!(
        v.get(&id).unwrap().is_some(),
        "the intact record still opens"
    );
    assert!(
        v.raw_records()
            .await
            .unwrap()
            .iter()
            .any(|x| x.id == row.id),
        "the damaged one is not deleted"
    );
    v.close();
    Vault::erase(&name).await.unwrap();
}

/// Sets up a shelter with its first staff member; the recovery code.
async fn set_up_small(v: &Vault) -> String {
    v.set_up(
        Shelter::named("UPT"),
        StaffMember::new("Bu Ratna", StaffRole::Head),
        PASS,
    )
    .await
    .unwrap()
    .to_string()
}

#[wasm_bindgen_test]
async fn recovery_code_sets_a_new_passphrase() {
    let name = db_name("recover");
    Vault::erase(&name).await.unwrap();
    let v = Vault::open_with_kdf(&name, TEST_LOG_N).await.unwrap();
    let code = set_up_small(&v).await;
    v.lock();
    assert_eq!(
        v.recover(
            "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA",
            "kata sandi baru sekali"
        )
        .await
        .unwrap_err(),
        StoreError::WrongRecoveryCode
    );
    v.recover(&code, "kata sandi baru sekali").await.unwrap();
    v.lock();
    assert_eq!(
        v.unlock(PASS).await.unwrap_err(),
        StoreError::WrongPassphrase
    );
    v.unlock("kata sandi baru sekali").await.unwrap();
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn default_kdf_cost_in_this_browser() {
    let name = db_name("kdf");
    Vault::erase(&name).await.unwrap();
    let v = Vault::open(&name).await.unwrap();
    v.set_up(
        Shelter::named("UPT"),
        StaffMember::new("Bu Ratna", StaffRole::Head),
        PASS,
    )
    .await
    .unwrap();
    v.lock();
    let t0 = js_sys::Date::now();
    v.unlock(PASS).await.unwrap();
    let ms = js_sys::Date::now() - t0;
    console_log!("unlock with scrypt N=2^17 (default): {ms:.0} ms");
    assert!(v
        .raw_header()
        .await
        .unwrap()
        .unwrap()
        .contains("\"log_n\":17"));
    v.close();
    Vault::erase(&name).await.unwrap();
}

/// The records without the record of who did what (which each sign-in and save adds to).
fn content(rs: Vec<naungan::domain::record::Record>) -> Vec<naungan::domain::record::Record> {
    sorted(
        rs.into_iter()
            .filter(|r| r.meta.kind != RecordKind::AccessEntry)
            .collect(),
    )
}

/// Log rows other than the record of who did what's.
async fn rows_of_records(v: &Vault) -> Vec<SealedRecord> {
    v.raw_records()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.kind != "access_entry")
        .collect()
}

fn sorted(mut rs: Vec<naungan::domain::record::Record>) -> Vec<naungan::domain::record::Record> {
    naungan::domain::sorting::sort_by(&mut rs, |a, b| a.meta.id.cmp(&b.meta.id));
    rs
}

#[wasm_bindgen_test]
async fn export_then_restore_on_a_new_laptop_brings_everything_back() {
    let (a_name, b_name) = (db_name("export"), db_name("restore"));
    let a = new_vault(&a_name).await;
    let keep = clock::new_id().unwrap();
    let gone = clock::new_id().unwrap();
    a.save(vec![
        Change::Create {
            id: keep.clone(),
            body: resident("Siti Aminah", "Mawar"),
        },
        Change::Create {
            id: gone.clone(),
            body: resident("Dewi Lestari", ""),
        },
    ])
    .await
    .unwrap();
    delete(&a, &gone, 1).await;
    let doc = backup::document(
        "UPT Bina Karya Wanita",
        &a.export_records().unwrap(),
        clock::now(),
    );
    let t0 = js_sys::Date::now();
    let file = backup::encrypt(&doc, "cadangan bulan november").unwrap();
    let t1 = js_sys::Date::now();
    let back = backup::decrypt(&file, "cadangan bulan november").unwrap();
    console_log!(
        "backup of {} records: encrypt {:.0} ms, decrypt {:.0} ms",
        doc.record_count,
        t1 - t0,
        js_sys::Date::now() - t1
    );
    let records = backup::records(&back).unwrap();

    Vault::erase(&b_name).await.unwrap();
    let b = Vault::open_with_kdf(&b_name, TEST_LOG_N).await.unwrap();
    let (staff_id, _) = a.current_staff().unwrap();
    let nobody = clock::new_id().unwrap();
    assert_eq!(
        b.restore_into_empty(records.clone(), nobody, "laptop baru kata sandi")
            .await
            .unwrap_err(),
        StoreError::NotFound
    );
    assert!(
        !b.is_set_up().await.unwrap(),
        "a refused restore leaves the vault empty"
    );
    let code = b
        .restore_into_empty(records, staff_id, "laptop baru kata sandi")
        .await
        .unwrap();
    assert_eq!(code.len(), 39);
    assert_eq!(
        sorted(b.export_records().unwrap()),
        sorted(a.export_records().unwrap()),
        "every record, tombstones too"
    );
    b.lock();
    b.unlock("laptop baru kata sandi").await.unwrap();
    assert_eq!(
        content(b.export_records().unwrap()),
        content(a.export_records().unwrap()),
        "the same, and B's sign-in noted"
    );
    assert!(b.get(&gone).unwrap().unwrap().meta.deleted);
    assert_eq!(b.current_staff().unwrap().1.unwrap().name, "Bu Ratna");
    assert!(matches!(
        b.restore_into_empty(vec![], keep, "x y z w v")
            .await
            .unwrap_err(),
        StoreError::NotFound | StoreError::AlreadySetUp
    ));
    for (v, n) in [(a, a_name), (b, b_name)] {
        v.close();
        Vault::erase(&n).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn merging_two_laptops_asks_about_conflicts_and_overwrites_nothing_silently() {
    let (a_name, b_name) = (db_name("merge-a"), db_name("merge-b"));
    let a = new_vault(&a_name).await;
    let both = clock::new_id().unwrap();
    let only_b = clock::new_id().unwrap();
    let only_a = clock::new_id().unwrap();
    a.save(vec![
        Change::Create {
            id: both.clone(),
            body: resident("Siti Aminah", ""),
        },
        Change::Create {
            id: only_b.clone(),
            body: resident("Nur Hasanah", ""),
        },
        Change::Create {
            id: only_a.clone(),
            body: resident("Rina Kartika", ""),
        },
    ])
    .await
    .unwrap();
    // Laptop B starts from A's backup.
    Vault::erase(&b_name).await.unwrap();
    let b = Vault::open_with_kdf(&b_name, TEST_LOG_N).await.unwrap();
    let (staff_id, _) = a.current_staff().unwrap();
    b.restore_into_empty(a.export_records().unwrap(), staff_id, PASS)
        .await
        .unwrap();
    // Both edit `both`; B edits `only_b` and adds a new one; A deletes `only_a`.
    update(&a, &both, 1, resident("Siti Aminah", "dari A")).await;
    delete(&a, &only_a, 1).await;
    update(&b, &both, 1, resident("Siti Aminah", "dari B")).await;
    update(&b, &only_b, 1, resident("Nur Hasanah", "Ina")).await;
    let new_b = clock::new_id().unwrap();
    b.save(vec![Change::Create {
        id: new_b.clone(),
        body: resident("Wulan Sari", ""),
    }])
    .await
    .unwrap();

    let incoming = backup::records(&backup::document(
        "UPT",
        &b.export_records().unwrap(),
        clock::now(),
    ))
    .unwrap();
    let plan = a.plan_import(incoming.clone()).unwrap();
    assert_eq!(plan.conflicts.len(), 1);
    assert_eq!(plan.conflicts[0].local.resident().unwrap().alias, "dari A");
    assert_eq!(
        plan.conflicts[0].incoming.resident().unwrap().alias,
        "dari B"
    );
    let s = plan.summary;
    assert!(
        s.entries > 0,
        "B's record of who did what comes along, counted apart"
    );
    assert_eq!((s.added, s.updated, s.deleted), (1, 1, 0));
    // A change made after the plan: applying must refuse, and write nothing.
    update(&a, &both, 2, resident("Siti Aminah", "lagi")).await;
    let before = a.raw_records().await.unwrap();
    assert_eq!(
        a.apply_import(&plan, &[Choice::TakeIncoming])
            .await
            .unwrap_err(),
        StoreError::Stale
    );
    assert_eq!(
        a.raw_records().await.unwrap().len(),
        before.len(),
        "nothing added by a refused import"
    );
    assert_eq!(
        a.apply_import(&plan, &[]).await.unwrap_err(),
        StoreError::Invalid("a choice is needed for every conflict".into())
    );

    let plan = a.plan_import(incoming.clone()).unwrap();
    let summary = a
        .apply_import(&plan, &[Choice::TakeIncoming])
        .await
        .unwrap();
    assert_eq!(summary.conflicts_resolved, 1);
    assert_eq!(
        a.get(&both).unwrap().unwrap().resident().unwrap().alias,
        "dari B"
    );
    assert_eq!(
        a.get(&only_b).unwrap().unwrap().resident().unwrap().alias,
        "Ina"
    );
    assert!(a.get(&new_b).unwrap().is_some());
    assert!(
        a.get(&only_a).unwrap().unwrap().meta.deleted,
        "A's delete is kept: B never changed that record"
    );
    // Importing the same file again changes nothing.
    let again = a.plan_import(incoming).unwrap();
    assert!(again.writes.is_empty() && again.conflicts.is_empty());
    // And B, importing A's result, takes it all without conflict.
    let from_a = a.export_records().unwrap();
    let p = b.plan_import(from_a.clone()).unwrap();
    assert!(p.conflicts.is_empty());
    b.apply_import(&p, &[]).await.unwrap();
    assert_eq!(
        sorted(
            b.export_records()
                .unwrap()
                .into_iter()
                .filter(|r| r.meta.kind == RecordKind::Resident)
                .collect()
        ),
        sorted(
            from_a
                .into_iter()
                .filter(|r| r.meta.kind == RecordKind::Resident)
                .collect()
        )
    );
    for (v, n) in [(a, a_name), (b, b_name)] {
        v.close();
        Vault::erase(&n).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn another_shelters_backup_brings_its_records_but_not_its_name() {
    let (a_name, b_name) = (db_name("shelter-a"), db_name("shelter-b"));
    let a = new_vault(&a_name).await;
    a.save(vec![Change::Create {
        id: clock::new_id().unwrap(),
        body: resident("Siti Aminah", ""),
    }])
    .await
    .unwrap();
    Vault::erase(&b_name).await.unwrap();
    let b = Vault::open_with_kdf(&b_name, TEST_LOG_N).await.unwrap();
    b.set_up(
        Shelter::named("UPT Lain"),
        StaffMember::new("Pak Budi", StaffRole::Head),
        PASS,
    )
    .await
    .unwrap();
    let plan = b.plan_import(a.export_records().unwrap()).unwrap();
    assert_eq!(
        (plan.summary.added, plan.summary.entries),
        (2, 1),
        "A's staff member and resident, and the entry naming her creation; not A's shelter record"
    );
    b.apply_import(&plan, &[]).await.unwrap();
    assert_eq!(b.shelter().unwrap().unwrap().name, "UPT Lain");
    assert_eq!(b.count(RecordKind::Shelter).unwrap(), 1);
    assert_eq!(b.count(RecordKind::Resident).unwrap(), 1);
    for (v, n) in [(a, a_name), (b, b_name)] {
        v.close();
        Vault::erase(&n).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn bad_backup_files_leave_the_vault_exactly_as_it_was() {
    let name = db_name("badfiles");
    let v = new_vault(&name).await;
    v.save(vec![Change::Create {
        id: clock::new_id().unwrap(),
        body: resident("Siti Aminah", ""),
    }])
    .await
    .unwrap();
    let good = backup::encrypt(
        &backup::document("UPT", &v.export_records().unwrap(), clock::now()),
        PASS,
    )
    .unwrap();
    let before = dump_db(&name).await.as_string().unwrap();
    let mut flipped = good.clone();
    let n = flipped.len();
    flipped[n - 20] ^= 1;
    let cases: Vec<(Vec<u8>, &str, BackupError)> = vec![
        (
            good.clone(),
            "bukan kata sandinya",
            BackupError::WrongPassphrase,
        ),
        (good[..good.len() / 2].to_vec(), PASS, BackupError::Damaged),
        (flipped, PASS, BackupError::Damaged),
        (vec![], PASS, BackupError::Empty),
        (b"PK\x03\x04 a zip file".to_vec(), PASS, BackupError::NotAge),
    ];
    for (bytes, pass, expected) in cases {
        let r = backup::decrypt(&bytes, pass).and_then(|d| backup::records(&d));
        assert_eq!(r.err(), Some(expected));
    }
    assert_eq!(
        dump_db(&name).await.as_string().unwrap(),
        before,
        "the vault is byte for byte unchanged"
    );
    v.close();
    Vault::erase(&name).await.unwrap();
}

/// `n` new residents, as one save's changes.
fn many_residents(n: usize) -> Vec<Change> {
    (0..n)
        .map(|i| Change::Create {
            id: clock::new_id().unwrap(),
            body: resident(&format!("Klien Nomor {i}"), &format!("alias{i}")),
        })
        .collect()
}

async fn unlocked(name: &str) -> Vault {
    let v = Vault::open_with_kdf(name, TEST_LOG_N).await.unwrap();
    v.unlock(PASS).await.unwrap();
    v
}

fn alias_of(v: &Vault, id: &RecordId) -> String {
    v.get(id)
        .unwrap()
        .unwrap()
        .resident()
        .unwrap()
        .alias
        .clone()
}

#[wasm_bindgen_test]
async fn bulk_writes_go_to_segments_saves_to_the_log_and_compaction_folds_them() {
    let name = db_name("segments");
    let v = new_vault(&name).await;
    assert_eq!(v.raw_records().await.unwrap().len(), 2, "set-up: two rows");
    let saved = v.save(many_residents(100)).await.unwrap();
    assert!(
        v.raw_records().await.unwrap().is_empty(),
        "a bulk write folds the log too"
    );
    let segments = v.raw_segments().await.unwrap();
    assert_eq!(segments.len(), 1, "100 residents fit one segment");

    let (a, b) = (saved[0].meta.id.clone(), saved[1].meta.id.clone());
    update(&v, &a, 1, resident("Klien Nomor 0", "sudah diubah")).await;
    delete(&v, &b, 1).await;
    assert_eq!(rows_of_records(&v).await.len(), 2, "two saves, two rows");
    assert_eq!(
        v.raw_records().await.unwrap().len(),
        4,
        "and one entry each in the record of who did what"
    );
    assert_eq!(
        v.raw_segments().await.unwrap(),
        segments,
        "saves leave segments alone"
    );
    let other = unlocked(&name).await;
    assert_eq!(alias_of(&other, &a), "sudah diubah", "the log's copy wins");
    assert!(other.get(&b).unwrap().unwrap().meta.deleted);
    assert_eq!(other.count(RecordKind::Resident).unwrap(), 99);
    other.close();

    // Two saves, their two entries, and the other session's sign-in.
    assert_eq!(v.compact().await.unwrap(), 5);
    assert_eq!(v.compact().await.unwrap(), 0, "nothing left to fold");
    assert!(v.raw_records().await.unwrap().is_empty());
    let after = v.raw_segments().await.unwrap();
    assert_eq!(after.len(), 1, "updates replaced their copies in place");
    assert_ne!(after, segments);
    let check = unlocked(&name).await;
    let r = check.get(&a).unwrap().unwrap();
    assert_eq!(
        (r.meta.rev, alias_of(&check, &a).as_str()),
        (2, "sudah diubah")
    );
    let t = check.get(&b).unwrap().unwrap();
    assert!(t.meta.deleted && t.meta.rev == 2, "the tombstone stays");
    assert_eq!(content(check.export_records().unwrap()).len(), 102);
    for v in [v, check] {
        v.close();
    }
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_version_1_database_is_upgraded_and_its_records_compacted() {
    let src = db_name("v1-source");
    let dst = db_name("v1");
    let v = new_vault(&src).await;
    v.save(many_residents(3)).await.unwrap();
    let before = content(v.export_records().unwrap());
    let rows = v.raw_records().await.unwrap().len();
    v.close();
    assert_eq!(
        copy_as_version_1(&src, &dst).await.as_f64(),
        Some(rows as f64)
    );
    assert_eq!(stores_of(&dst).await.as_string().unwrap(), "meta,records");

    let old = Vault::open_with_kdf(&dst, TEST_LOG_N).await.unwrap();
    assert_eq!(
        stores_of(&dst).await.as_string().unwrap(),
        "meta,records,segments",
        "upgraded on open"
    );
    let report = old.unlock(PASS).await.unwrap();
    assert_eq!((report.records, report.unreadable.len()), (rows, 0));
    assert_eq!(content(old.export_records().unwrap()), before);
    assert_eq!(
        old.compact().await.unwrap(),
        rows + 1,
        "and the sign-in just noted"
    );
    assert!(old.raw_records().await.unwrap().is_empty());
    old.close();
    let again = unlocked(&dst).await;
    assert_eq!(
        content(again.export_records().unwrap()),
        before,
        "the same records, now from a segment"
    );
    again.close();
    Vault::erase(&src).await.unwrap();
    Vault::erase(&dst).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_damaged_segment_is_reported_kept_and_never_overwritten() {
    let name = db_name("damaged-segment");
    let v = new_vault(&name).await;
    v.save(many_residents(70)).await.unwrap();
    let (n, mut bytes) = v.raw_segments().await.unwrap().remove(0);
    let nonce = bytes[..24].to_vec();
    bytes[40] ^= 1;
    v.write_raw_segment(n, bytes.clone(), Some(nonce))
        .await
        .unwrap();
    v.lock();
    let report = v.unlock(PASS).await.unwrap();
    assert_eq!(report.unreadable, vec![format!("segment {n}")]);
    assert_eq!(report.records, 0);
    // New work still saves, and compaction puts it in a new segment beside the damaged one.
    v.save(many_residents(1)).await.unwrap();
    assert_eq!(
        v.compact().await.unwrap(),
        3,
        "the save, its entry, and the sign-in's"
    );
    let segments = v.raw_segments().await.unwrap();
    assert_eq!(segments.len(), 2);
    assert_eq!(
        segments[0],
        (n, bytes),
        "the damaged segment is kept as it was"
    );
    let check = unlocked(&name).await;
    assert_eq!(check.count(RecordKind::Resident).unwrap(), 1);
    for v in [v, check] {
        v.close();
    }
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn two_tabs_saving_and_compacting_lose_nothing() {
    let name = db_name("two-tabs-compact");
    let tab1 = new_vault(&name).await;
    let tab2 = unlocked(&name).await;
    let a = tab1.save(many_residents(1)).await.unwrap()[0]
        .meta
        .id
        .clone();
    let b = tab2.save(many_residents(1)).await.unwrap()[0]
        .meta
        .id
        .clone();
    // Tab 2 folds the log, including the record it never saw (set-up's two rows, tab 2's
    // sign-in, and each save with its entry).
    assert_eq!(tab2.compact().await.unwrap(), 7);
    // Tab 1 then edits its record, which now lies in a segment tab 1 did not write.
    update(&tab1, &a, 1, resident("Klien Nomor 0", "dari tab satu")).await;
    assert_eq!(tab1.compact().await.unwrap(), 2);
    let c = tab2.save(many_residents(1)).await.unwrap()[0]
        .meta
        .id
        .clone();
    assert_eq!(tab2.compact().await.unwrap(), 2);
    assert_eq!(tab2.raw_segments().await.unwrap().len(), 1);
    let check = unlocked(&name).await;
    assert_eq!(alias_of(&check, &a), "dari tab satu");
    assert!(check.get(&b).unwrap().is_some() && check.get(&c).unwrap().is_some());
    assert_eq!(content(check.export_records().unwrap()).len(), 5);
    assert!(
        check.access_breaks().unwrap().is_empty(),
        "two tabs, one chain, no break"
    );
    for v in [tab1, tab2, check] {
        v.close();
    }
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_segment_rewritten_by_another_tab_is_never_overwritten() {
    let name = db_name("segment-guard");
    let v = new_vault(&name).await;
    v.save(many_residents(70)).await.unwrap();
    let before = v.raw_segments().await.unwrap();
    let (n, bytes) = before[0].clone();
    let mut other_nonce = bytes[..24].to_vec();
    other_nonce[0] ^= 1;
    // As if another tab had rewritten segment n since it was read here.
    assert_eq!(
        v.write_raw_segment(n, vec![1, 2, 3], Some(other_nonce))
            .await
            .unwrap_err(),
        StoreError::Stale
    );
    // As if another tab had created segment n meanwhile.
    assert_eq!(
        v.write_raw_segment(n, vec![1, 2, 3], None)
            .await
            .unwrap_err(),
        StoreError::Stale
    );
    assert_eq!(v.raw_segments().await.unwrap(), before, "nothing written");
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn notes_attendance_and_expenses_are_parsed_after_unlock_yet_there_when_asked() {
    use naungan::synthetic;
    let name = db_name("deferred");
    Vault::erase(&name).await.unwrap();
    let g = synthetic::generate(synthetic::SEED, 20, true);
    let admin = g
        .records
        .iter()
        .find(|r| matches!(r.body, Some(RecordBody::Staff(_))))
        .unwrap()
        .meta
        .id
        .clone();
    let all = sorted(g.records.clone());
    let deferred = all.iter().filter(|r| r.meta.kind.is_deferred()).count();
    // A confidential one (counselling), whose text is restricted content.
    let note = all
        .iter()
        .find(|r| matches!(&r.body, Some(RecordBody::CaseNote(n)) if n.is_confidential()))
        .unwrap()
        .clone();
    let v = Vault::open_with_kdf(&name, TEST_LOG_N).await.unwrap();
    v.restore_into_empty(g.records, admin, PASS).await.unwrap();
    v.lock();

    let report = v.unlock(PASS).await.unwrap();
    assert!(deferred > 100, "{deferred}");
    assert_eq!((report.records, report.deferred), (all.len(), deferred));
    assert_eq!(v.count(RecordKind::Resident).unwrap(), 20);
    // Reading one kind parses that kind alone.
    let notes = all
        .iter()
        .filter(|r| r.meta.kind == RecordKind::CaseNote)
        .count();
    assert!(v.read(|ix| ix.count::<CaseNote>()).unwrap() > 0);
    let pending = || v.read(|ix| ix.pending()).unwrap();
    assert_eq!(
        pending(),
        deferred - notes,
        "notes were parsed, the rest not"
    );
    // By id, a record of a kind not yet read is there (and that kind alone is parsed).
    let expense = all
        .iter()
        .find(|r| r.meta.kind == RecordKind::Expense)
        .unwrap();
    let expenses = all
        .iter()
        .filter(|r| r.meta.kind == RecordKind::Expense)
        .count();
    assert_eq!(v.get(&expense.meta.id).unwrap().as_ref(), Some(expense));
    assert_eq!(pending(), deferred - notes - expenses);
    // One kind at a time, the rest (attendance, stage moves).
    let mut left = vec![];
    for _ in 0..RecordKind::ALL.len() {
        left.push(v.open_deferred().unwrap());
    }
    assert!(
        left.windows(2).all(|w| w[0] >= w[1]) && left.last() == Some(&0),
        "{left:?}"
    );
    let stored = v.get(&note.meta.id).unwrap().unwrap();
    assert_eq!(stored.meta, note.meta);
    assert!(note_text(&stored).is_sealed(), "sealed as it was restored");
    assert_eq!(
        Restricted::Open(v.reveal(&stored.meta, &note_text(&stored)).unwrap()),
        note_text(&note)
    );
    // The head's backup holds it open again, exactly as it came in.
    assert_eq!(content(v.export_records().unwrap()), all);
    assert!(v.unreadable_later().unwrap().is_empty());

    // Without any step in between: a backup sees every record, and so does a save's check.
    v.lock();
    v.unlock(PASS).await.unwrap();
    assert_eq!(content(v.export_records().unwrap()), all);
    v.lock();
    v.unlock(PASS).await.unwrap();
    assert_eq!(
        v.save(vec![Change::Delete {
            id: note.meta.id.clone(),
            base_rev: note.meta.rev,
        }])
        .await
        .unwrap()[0]
            .meta
            .rev,
        note.meta.rev + 1
    );
    assert_eq!(
        v.count(RecordKind::CaseNote).unwrap(),
        all.iter()
            .filter(|r| r.meta.kind == RecordKind::CaseNote && !r.meta.deleted)
            .count()
            - 1
    );
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn two_tabs_never_overwrite_each_others_saves_unseen() {
    let name = db_name("two-tabs-edit");
    let tab1 = new_vault(&name).await;
    let tab2 = unlocked(&name).await;
    let a = tab1.save(many_residents(1)).await.unwrap()[0]
        .meta
        .id
        .clone();
    // Tab 2 never saw A: its own save still goes through, and it reads everything again.
    let b = tab2.save(many_residents(1)).await.unwrap()[0]
        .meta
        .id
        .clone();
    assert!(tab2.get(&a).unwrap().is_some(), "tab 2 has read again");
    // Both edit A from revision 1: the first save wins, the second is told.
    update(&tab1, &a, 1, resident("Klien Nomor 0", "dari tab satu")).await;
    let second = Change::Update {
        id: a.clone(),
        base_rev: 1,
        body: resident("Klien Nomor 0", "dari tab dua"),
    };
    assert_eq!(
        tab2.save(vec![second]).await.unwrap_err(),
        StoreError::Stale
    );
    assert_eq!(
        alias_of(&tab2, &a),
        "dari tab satu",
        "tab 2 shows what is stored"
    );
    // The same once the edit lies in a segment.
    tab1.compact().await.unwrap();
    update(&tab2, &a, 2, resident("Klien Nomor 0", "dari tab dua")).await;
    let late = Change::Update {
        id: a.clone(),
        base_rev: 2,
        body: resident("Klien Nomor 0", "terlambat"),
    };
    assert_eq!(tab1.save(vec![late]).await.unwrap_err(), StoreError::Stale);
    let check = unlocked(&name).await;
    let r = check.get(&a).unwrap().unwrap();
    assert_eq!(
        (r.meta.rev, alias_of(&check, &a).as_str()),
        (3, "dari tab dua")
    );
    assert!(check.get(&b).unwrap().is_some());
    for v in [tab1, tab2, check] {
        v.close();
    }
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_restore_larger_than_a_segment_is_packed_into_several_and_reads_back_whole() {
    use naungan::synthetic;
    let name = db_name("packed");
    Vault::erase(&name).await.unwrap();
    let g = synthetic::generate(synthetic::SEED, 250, true);
    let admin = g
        .records
        .iter()
        .find(|r| matches!(r.body, Some(RecordBody::Staff(_))))
        .unwrap()
        .meta
        .id
        .clone();
    let all = sorted(g.records.clone());
    let v = Vault::open_with_kdf(&name, TEST_LOG_N).await.unwrap();
    v.restore_into_empty(g.records, admin, PASS).await.unwrap();
    // Straight into segments, none of it in the log, each under the data key.
    let segments = v.raw_segments().await.unwrap();
    assert!(segments.len() >= 3, "{} segments", segments.len());
    assert_eq!(
        segments.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        (0..segments.len() as u32).collect::<Vec<_>>()
    );
    assert!(v.raw_records().await.unwrap().is_empty());
    // What the session holds right after the restore, and what an unlock reads back.
    assert_eq!(sorted(v.export_records().unwrap()), all);
    v.lock();
    let report = v.unlock(PASS).await.unwrap();
    assert_eq!(report.records, all.len());
    assert_eq!(content(v.export_records().unwrap()), all);
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_tab_catches_up_with_another_tabs_saves() {
    let name = db_name("catch-up");
    let tab1 = new_vault(&name).await;
    let tab2 = unlocked(&name).await;
    // Nothing saved elsewhere: nothing to read again.
    assert!(!tab2.catch_up().await.unwrap());
    let a = tab1.save(many_residents(1)).await.unwrap()[0]
        .meta
        .id
        .clone();
    assert!(tab2.get(&a).unwrap().is_none(), "not seen yet");
    assert!(tab2.catch_up().await.unwrap());
    assert!(tab2.get(&a).unwrap().is_some(), "seen after catching up");
    assert!(!tab2.catch_up().await.unwrap(), "once is enough");
    // Caught up, tab 2 edits from the latest revision without being told Stale.
    update(&tab1, &a, 1, resident("Klien Nomor 0", "dari tab satu")).await;
    assert!(tab2.catch_up().await.unwrap());
    assert_eq!(alias_of(&tab2, &a), "dari tab satu");
    update(&tab2, &a, 2, resident("Klien Nomor 0", "dari tab dua")).await;
    assert!(tab1.catch_up().await.unwrap());
    assert_eq!(alias_of(&tab1, &a), "dari tab dua");
    // Its own saves are nothing to catch up with; a locked tab reads nothing.
    update(&tab1, &a, 3, resident("Klien Nomor 0", "lagi")).await;
    assert!(!tab1.catch_up().await.unwrap());
    tab2.lock();
    assert!(!tab2.catch_up().await.unwrap());
    assert!(!tab2.is_unlocked(), "catching up never unlocks");
    for v in [tab1, tab2] {
        v.close();
    }
    Vault::erase(&name).await.unwrap();
}

/// Every key derivation goes through the vault's `Kdf` (the app's runs them in a worker, so
/// scrypt's 128 MiB never stays in the page): set-up derives two keys (passphrase, recovery
/// code), an unlock one per slot tried, a recovery two (the code, the new passphrase).
#[wasm_bindgen_test]
async fn key_derivations_run_where_the_vault_is_told() {
    use naungan::store::crypto::{Derivation, InPlace, Kdf, KdfParams};
    use std::cell::Cell;
    use std::rc::Rc;
    struct Counting(Rc<Cell<u32>>);
    impl Kdf for Counting {
        fn derive<'a>(&'a self, p: &'a KdfParams, s: &'a [u8]) -> Derivation<'a> {
            self.0.set(self.0.get() + 1);
            InPlace.derive(p, s)
        }
    }
    let name = db_name("kdf");
    Vault::erase(&name).await.unwrap();
    let n = Rc::new(Cell::new(0));
    let v = Vault::open_with_kdf(&name, TEST_LOG_N)
        .await
        .unwrap()
        .with_kdf(Box::new(Counting(n.clone())));
    let code = set_up_small(&v).await;
    assert_eq!(n.get(), 2, "set-up: passphrase and recovery code");
    v.lock();
    assert_eq!(
        v.unlock("bukan kata sandinya").await.unwrap_err(),
        StoreError::WrongPassphrase
    );
    assert_eq!(n.get(), 3);
    v.unlock(PASS).await.unwrap();
    assert_eq!(n.get(), 4);
    v.lock();
    v.recover(&code, "kata sandi baru yang panjang")
        .await
        .unwrap();
    assert_eq!(
        n.get(),
        6,
        "recovery: the code, then the new passphrase's slot"
    );
    v.lock();
    v.unlock("kata sandi baru yang panjang").await.unwrap();
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_newer_build_upgrading_the_database_is_let_through_and_said() {
    let name = db_name("newer");
    let v = new_vault(&name).await;
    v.save(vec![Change::Create {
        id: clock::new_id().unwrap(),
        body: resident("Siti Aminah", "Mawar"),
    }])
    .await
    .unwrap();
    // Not blocked: the open vault lets go of its connection when the newer build asks.
    let got = open_as_newer_build(&name, naungan::store::DB_VERSION + 1).await;
    assert_eq!(
        got.as_f64(),
        Some(f64::from(naungan::store::DB_VERSION + 1))
    );
    let err = v
        .save(vec![Change::Create {
            id: clock::new_id().unwrap(),
            body: resident("Dewi Lestari", ""),
        }])
        .await
        .unwrap_err();
    assert_eq!(err, StoreError::NewerVersion);
    // This build cannot open a database a newer one has upgraded, and says why.
    let again = Vault::open_with_kdf(&name, TEST_LOG_N).await.err();
    assert_eq!(again, Some(StoreError::NewerVersion));
}

const INSTRUCTOR_PASS: &str = "jarum benang kain batik";

/// The head's vault with an instructor who has a passphrase on this laptop, and a few residents
/// (enough for segments and log rows). Returns the instructor's id.
async fn with_an_instructor(v: &Vault) -> RecordId {
    v.save(many_residents(80)).await.unwrap();
    let id = clock::new_id().unwrap();
    v.save(vec![Change::create(
        id.clone(),
        StaffMember::new("Pak Budi", StaffRole::Instructor),
    )])
    .await
    .unwrap();
    v.set_staff_passphrase(&id, INSTRUCTOR_PASS, false)
        .await
        .unwrap();
    id
}

#[wasm_bindgen_test]
async fn each_staff_member_signs_in_with_their_own_slot_and_role() {
    let name = db_name("staff-slots");
    let v = new_vault(&name).await;
    let (head, _) = v.current_staff().unwrap();
    assert!(
        v.holds_restricted_key().unwrap(),
        "the head holds the restricted key"
    );
    let budi = with_an_instructor(&v).await;
    let names = v.sign_in_names().await.unwrap();
    assert_eq!(
        names,
        vec![
            (head.to_string(), "Bu Ratna".to_string()),
            (budi.to_string(), "Pak Budi".to_string())
        ]
    );
    v.lock();
    // Each passphrase opens its own name only.
    assert_eq!(
        v.unlock_as(budi.as_str(), PASS).await.unwrap_err(),
        StoreError::WrongPassphrase
    );
    assert_eq!(
        v.unlock_as(head.as_str(), INSTRUCTOR_PASS)
            .await
            .unwrap_err(),
        StoreError::WrongPassphrase
    );
    v.unlock_as(budi.as_str(), INSTRUCTOR_PASS).await.unwrap();
    assert_eq!(v.current_staff().unwrap().0, budi);
    // An instructor's session holds no key that opens restricted content, and may not manage
    // staff: the vault refuses, whatever the page shows.
    assert!(!v.holds_restricted_key().unwrap());
    assert_eq!(
        v.set_staff_passphrase(&head, "sandi orang lain sekali", false)
            .await
            .unwrap_err(),
        StoreError::NotAllowed
    );
    assert_eq!(
        v.remove_staff_passphrase(&head, vec![]).await.unwrap_err(),
        StoreError::NotAllowed
    );
    // The permission table holds in the vault too: an instructor writes attendance, not
    // residents; what they write is stamped with their name.
    assert_eq!(
        v.save(vec![Change::Create {
            id: clock::new_id().unwrap(),
            body: resident("Klien Dari Instruktur", "instr"),
        }])
        .await
        .unwrap_err(),
        StoreError::NotAllowed
    );
    let saved = v
        .save(vec![Change::create(
            clock::new_id().unwrap(),
            naungan::domain::attendance::AttendanceSession {
                date: naungan::domain::date::Date::parse_iso("2026-11-30").unwrap(),
                activity: naungan::domain::attendance::Activity::Vocational,
                field: "jahit".into(),
                present: vec![],
                absent: vec![],
                excused: vec![],
                sick: vec![],
                schedule: None,
                title: String::new(),
            },
        )])
        .await
        .unwrap();
    assert_eq!(saved[0].meta.created_by, budi);
    // Their own passphrase: the current one is needed.
    assert_eq!(
        v.change_passphrase("bukan sandi saya sama sekali", "sandi baru pak budi")
            .await
            .unwrap_err(),
        StoreError::WrongPassphrase
    );
    v.change_passphrase(INSTRUCTOR_PASS, "sandi baru pak budi")
        .await
        .unwrap();
    v.lock();
    assert_eq!(
        v.unlock_as(budi.as_str(), INSTRUCTOR_PASS)
            .await
            .unwrap_err(),
        StoreError::WrongPassphrase
    );
    v.unlock_as(budi.as_str(), "sandi baru pak budi")
        .await
        .unwrap();
    v.lock();
    // A reset by the head: set, marked to be changed at the next sign-in.
    v.unlock_as(head.as_str(), PASS).await.unwrap();
    assert!(!v.must_change_passphrase().await.unwrap());
    // The last head is not demoted, whatever a page sends.
    let me = v.get(&head).unwrap().unwrap();
    assert_eq!(
        v.save(vec![Change::update(
            &me.meta,
            StaffMember::new("Bu Ratna", StaffRole::SocialWorker)
        )])
        .await
        .unwrap_err(),
        StoreError::NoHeadLeft
    );
    v.set_staff_passphrase(&budi, "sandi sementara dari kepala", true)
        .await
        .unwrap();
    v.lock();
    v.unlock_as(budi.as_str(), "sandi sementara dari kepala")
        .await
        .unwrap();
    assert!(v.must_change_passphrase().await.unwrap());
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn removing_a_staff_member_replaces_the_key_and_the_old_one_opens_nothing_new() {
    let name = db_name("rotate");
    let v = new_vault(&name).await;
    let (head, _) = v.current_staff().unwrap();
    let budi = with_an_instructor(&v).await;
    v.compact().await.unwrap();
    // A few saves in the log too, so both segments and rows are re-sealed.
    v.save(many_residents(3)).await.unwrap();
    let before = content(v.export_records().unwrap()).len();
    v.lock();
    // The instructor copies the data key out of their unlocked tab.
    v.unlock_as(budi.as_str(), INSTRUCTOR_PASS).await.unwrap();
    let copied = v.copy_of_data_key().unwrap();
    let (segs, rows) = v.opened_with(&copied).await.unwrap();
    assert!(segs > 0 && rows > 0, "{segs} segments, {rows} rows");
    v.lock();
    v.unlock_as(head.as_str(), PASS).await.unwrap();
    // Deactivated and their slot removed, with the new key, in one go.
    let was = v.get(&budi).unwrap().unwrap();
    let mut member = match was.body.clone() {
        Some(RecordBody::Staff(m)) => m,
        other => panic!("{other:?}"),
    };
    member.active = false;
    let code = v
        .remove_staff_passphrase(&budi, vec![Change::update(&was.meta, member)])
        .await
        .unwrap();
    assert!(
        code.is_none(),
        "the recovery slot was re-wrapped, not replaced"
    );
    assert_eq!(
        v.sign_in_names().await.unwrap(),
        vec![(head.to_string(), "Bu Ratna".to_string())]
    );
    v.save(many_residents(2)).await.unwrap();
    assert_eq!(
        v.opened_with(&copied).await.unwrap(),
        (0, 0),
        "the old key opens nothing"
    );
    let now = v.copy_of_data_key().unwrap();
    let (segs_now, rows_now) = v.opened_with(&now).await.unwrap();
    assert_eq!(segs_now, segs, "every segment re-sealed");
    assert!(rows_now > rows, "every row re-sealed, and the new ones");
    assert_eq!(
        v.unlock_as(budi.as_str(), INSTRUCTOR_PASS)
            .await
            .unwrap_err(),
        StoreError::WrongPassphrase
    );
    v.lock();
    assert_eq!(
        v.unlock_as(budi.as_str(), INSTRUCTOR_PASS)
            .await
            .unwrap_err(),
        StoreError::WrongPassphrase
    );
    // Everything is still there under the new key, their name on what they wrote.
    v.unlock_as(head.as_str(), PASS).await.unwrap();
    assert_eq!(content(v.export_records().unwrap()).len(), before + 2);
    assert_eq!(v.staff_name(&budi).unwrap().as_deref(), Some("Pak Budi"));
    assert!(v.holds_restricted_key().unwrap());
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_tab_holding_the_old_key_writes_nothing_under_it() {
    let name = db_name("rotate-tabs");
    let a = new_vault(&name).await;
    let budi = with_an_instructor(&a).await;
    let b = unlocked(&name).await;
    let was = a.get(&budi).unwrap().unwrap();
    a.remove_staff_passphrase(&budi, vec![Change::delete(&was.meta)])
        .await
        .unwrap();
    let err = b.save(many_residents(1)).await.unwrap_err();
    assert_eq!(err, StoreError::KeyChanged);
    assert!(!b.is_unlocked(), "the stale tab locked itself");
    assert_eq!(b.compact().await.unwrap_err(), StoreError::Locked);
    let old = a.copy_of_data_key().unwrap();
    assert!(a.opened_with(&old).await.unwrap().0 > 0);
    b.close();
    a.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_header_of_the_first_format_is_upgraded_at_unlock() {
    let name = db_name("header-v1");
    let v = new_vault(&name).await;
    v.save(many_residents(5)).await.unwrap();
    let code = v.rewrite_header_in_first_format(PASS).await.unwrap();
    let raw = v.raw_header().await.unwrap().unwrap();
    assert!(
        raw.contains("\"format\":1") && !raw.contains("public"),
        "{raw}"
    );
    v.lock();
    // The old recovery slot wraps only the data key: it is replaced, and the new code is given
    // to be shown once (the restricted-content key made now must be recoverable too).
    let report = v.unlock(PASS).await.unwrap();
    let new_code = report
        .new_recovery_code
        .clone()
        .expect("a new recovery code");
    assert_eq!(v.count(RecordKind::Resident).unwrap(), 5);
    assert!(
        v.holds_restricted_key().unwrap(),
        "a restricted key was made for the vault"
    );
    let raw = v.raw_header().await.unwrap().unwrap();
    assert!(
        raw.contains("\"format\":2") && raw.contains("public"),
        "{raw}"
    );
    assert!(
        raw.contains("Bu Ratna"),
        "the lock screen's name was filled in"
    );
    v.lock();
    assert!(v.unlock(PASS).await.unwrap().new_recovery_code.is_none());
    v.lock();
    assert_eq!(
        v.recover(&code, "sandi baru setelah pulih")
            .await
            .unwrap_err(),
        StoreError::WrongRecoveryCode
    );
    v.recover(&new_code, "sandi baru setelah pulih")
        .await
        .unwrap();
    assert_eq!(v.count(RecordKind::Resident).unwrap(), 5);
    assert!(v.holds_restricted_key().unwrap());
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn the_record_of_who_did_what_is_written_with_each_change_and_survives_backup_restore_and_merge(
) {
    use naungan::domain::access_log::{AccessAction, Break};
    let name = db_name("access-log");
    let v = new_vault(&name).await;
    let (head, _) = v.current_staff().unwrap();
    let id = clock::new_id().unwrap();
    v.save(vec![Change::Create {
        id: id.clone(),
        body: resident("Kartini Wulandari", "Kenanga"),
    }])
    .await
    .unwrap();
    let r = v.get(&id).unwrap().unwrap();
    let mut body = r.resident().unwrap().clone();
    body.alias = "Melati".into();
    update(&v, &id, r.meta.rev, RecordBody::Resident(body)).await;
    v.lock();
    assert_eq!(
        v.unlock_as(head.as_str(), "bukan kata sandinya")
            .await
            .unwrap_err(),
        StoreError::WrongPassphrase
    );
    v.unlock_as(head.as_str(), PASS).await.unwrap();
    let mut entries = v.access_entries().unwrap();
    naungan::domain::sorting::sort_by(&mut entries, |a, b| a.seq.cmp(&b.seq));
    let actions: Vec<AccessAction> = entries.iter().map(|e| e.what.action).collect();
    assert_eq!(
        actions,
        vec![
            AccessAction::Create,
            AccessAction::Change,
            AccessAction::SignInFailed,
            AccessAction::SignIn
        ]
    );
    assert_eq!(
        entries[1].what.fields,
        vec!["alias".to_string()],
        "the field, not its value"
    );
    assert_eq!(entries[1].what.record.as_deref(), Some(id.as_str()));
    assert!(entries.iter().all(|e| e.what.staff == head.as_str()));
    assert!(
        !format!("{entries:?}").contains("Melati"),
        "no values in the record"
    );
    assert!(v.access_breaks().unwrap().is_empty());
    // The entries are sealed like any record: not readable in IndexedDB.
    let dump = dump_db(&name).await.as_string().unwrap();
    assert!(!dump.contains("sign_in_failed") && !dump.contains("\"alias\""));

    // A backup carries them; restored elsewhere they read whole; merged back, no duplicates.
    let records = v.export_records().unwrap();
    let other = db_name("access-log-b");
    Vault::erase(&other).await.unwrap();
    let b = Vault::open_with_kdf(&other, TEST_LOG_N).await.unwrap();
    b.restore_into_empty(records.clone(), head.clone(), PASS)
        .await
        .unwrap();
    assert_eq!(b.access_entries().unwrap().len(), 4);
    assert!(b.access_breaks().unwrap().is_empty());
    let plan = v.plan_import(b.export_records().unwrap()).unwrap();
    v.apply_import(&plan, &vec![Choice::KeepLocal; plan.conflicts.len()])
        .await
        .unwrap();
    assert_eq!(
        v.access_entries().unwrap().len(),
        4,
        "merged without duplicates"
    );
    b.close();

    // An entry taken out of a backup shows as a break where it is restored.
    let second = entries[1].clone();
    let cut: Vec<_> = records
        .into_iter()
        .filter(|r| !matches!(&r.body, Some(RecordBody::AccessEntry(e)) if *e == second))
        .collect();
    Vault::erase(&other).await.unwrap();
    let c = Vault::open_with_kdf(&other, TEST_LOG_N).await.unwrap();
    c.restore_into_empty(cut, head.clone(), PASS).await.unwrap();
    assert_eq!(
        c.access_breaks().unwrap(),
        vec![Break::Missing {
            chain: second.chain.clone(),
            from: 2,
            to: 2
        }]
    );
    c.close();
    Vault::erase(&other).await.unwrap();
    v.close();
    Vault::erase(&name).await.unwrap();
}

const SOCIAL_WORKER_PASS: &str = "sapu lidi halaman masjid";
const SECRET: &str = "Dijual oleh kenalan di Surabaya, KTP ditahan mucikari";

fn secret_note(resident: &RecordId, text: &str) -> CaseNote {
    CaseNote {
        resident: resident.clone(),
        date: naungan::domain::date::Date::parse_iso("2026-11-20").unwrap(),
        kind: naungan::domain::case_note::NoteKind::IndividualCounselling,
        text: NoteText::Confidential(Restricted::Open(text.into())),
        follow_up: None,
    }
}

fn note_text(r: &naungan::domain::record::Record) -> Restricted<String> {
    match &r.body {
        Some(RecordBody::CaseNote(CaseNote {
            text: NoteText::Confidential(t),
            ..
        })) => t.clone(),
        other => panic!("{other:?}"),
    }
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

async fn with_a_member(v: &Vault, name: &str, role: StaffRole, pass: &str) -> RecordId {
    let id = clock::new_id().unwrap();
    v.save(vec![Change::create(
        id.clone(),
        StaffMember::new(name, role),
    )])
    .await
    .unwrap();
    v.set_staff_passphrase(&id, pass, false).await.unwrap();
    id
}

#[wasm_bindgen_test]
async fn restricted_content_is_sealed_under_its_own_key_and_survives_backup_restore_and_merge() {
    let (name, other) = (db_name("restricted"), db_name("restricted-restored"));
    let v = new_vault(&name).await;
    let (head, _) = v.current_staff().unwrap();
    let budi = with_an_instructor(&v).await;
    let siti = clock::new_id().unwrap();
    v.save(vec![Change::Create {
        id: siti.clone(),
        body: resident("Siti Rahayu", "Melati"),
    }])
    .await
    .unwrap();
    // A counselling note written open by a page is sealed before it is stored or kept.
    let note_id = clock::new_id().unwrap();
    let saved = v
        .save(vec![Change::create(
            note_id.clone(),
            secret_note(&siti, SECRET),
        )])
        .await
        .unwrap();
    assert!(note_text(&saved[0]).is_sealed());
    assert!(note_text(&v.get(&note_id).unwrap().unwrap()).is_sealed());
    let note = v.get(&note_id).unwrap().unwrap();
    assert_eq!(v.reveal(&note.meta, &note_text(&note)).unwrap(), SECRET);
    // One in a segment, one in the log.
    v.compact().await.unwrap();
    let later = clock::new_id().unwrap();
    v.save(vec![Change::create(
        later.clone(),
        secret_note(&siti, "Catatan kedua: rindu anak"),
    )])
    .await
    .unwrap();
    v.lock();

    // The instructor: the record is there (its date, whom it is about), its text is not, and
    // the data key copied out of the tab opens everything stored without finding it.
    v.unlock_as(budi.as_str(), INSTRUCTOR_PASS).await.unwrap();
    assert!(!v.holds_restricted_content_key());
    let seen = v.get(&note_id).unwrap().unwrap();
    assert!(note_text(&seen).is_sealed());
    assert_eq!(
        v.reveal(&seen.meta, &note_text(&seen)).unwrap_err(),
        StoreError::NoRestrictedKey
    );
    let all = v
        .plaintext_with(&v.copy_of_data_key().unwrap())
        .await
        .unwrap();
    assert!(
        contains(&all, "Siti Rahayu"),
        "the data key opens the records"
    );
    assert!(
        !contains(&all, "Dijual oleh kenalan"),
        "but not the note's text"
    );
    assert!(!contains(&all, "rindu anak"));
    // The instructor's backup carries the note sealed, as stored.
    let theirs = v.export_records().unwrap();
    let sealed_in_backup = note_text(theirs.iter().find(|r| r.meta.id == note_id).unwrap());
    assert_eq!(sealed_in_backup, note_text(&seen));
    v.lock();

    // The head's backup carries it open; the instructor's restores intact and merges as the
    // same note.
    v.unlock_as(head.as_str(), PASS).await.unwrap();
    let heads = v.export_records().unwrap();
    let open = note_text(heads.iter().find(|r| r.meta.id == note_id).unwrap());
    assert_eq!(open, Restricted::Open(SECRET.to_string()));
    let plan = v.plan_import(theirs.clone()).unwrap();
    assert!(plan.conflicts.is_empty(), "{:?}", plan.conflicts.len());
    assert_eq!(plan.summary.added + plan.summary.updated, 0);
    let plan = v.plan_import(heads.clone()).unwrap();
    assert!(plan.conflicts.is_empty());
    assert_eq!(plan.summary.added + plan.summary.updated, 0);

    // A new laptop restored from the instructor's backup keeps the note sealed (its key is
    // this vault's), intact; its own backup brings it back here, where it opens.
    Vault::erase(&other).await.unwrap();
    let b = Vault::open_with_kdf(&other, TEST_LOG_N).await.unwrap();
    b.restore_into_empty(theirs, head.clone(), "laptop kedua kata sandi")
        .await
        .unwrap();
    let there = b.get(&note_id).unwrap().unwrap();
    assert_eq!(
        note_text(&there),
        sealed_in_backup,
        "kept exactly as it came"
    );
    assert_eq!(
        b.reveal(&there.meta, &note_text(&there)).unwrap_err(),
        StoreError::SealedElsewhere
    );
    let round = b.export_records().unwrap();
    let plan = v.plan_import(round).unwrap();
    assert!(plan.conflicts.is_empty());
    let here = v.get(&note_id).unwrap().unwrap();
    assert_eq!(v.reveal(&here.meta, &note_text(&here)).unwrap(), SECRET);
    // Restored from the head's backup, the note opens on the new laptop under its new key.
    b.close();
    Vault::erase(&other).await.unwrap();
    let b = Vault::open_with_kdf(&other, TEST_LOG_N).await.unwrap();
    b.restore_into_empty(heads.clone(), head.clone(), "laptop kedua kata sandi")
        .await
        .unwrap();
    let there = b.get(&note_id).unwrap().unwrap();
    assert!(note_text(&there).is_sealed());
    assert_eq!(b.reveal(&there.meta, &note_text(&there)).unwrap(), SECRET);
    b.close();
    Vault::erase(&other).await.unwrap();
    v.lock();

    // An instructor cannot bring open restricted content in (they could not seal it).
    v.unlock_as(budi.as_str(), INSTRUCTOR_PASS).await.unwrap();
    assert_eq!(
        v.plan_import(heads).unwrap_err(),
        StoreError::NoRestrictedKey
    );
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_holder_who_leaves_takes_a_restricted_key_that_opens_nothing_after() {
    let name = db_name("restricted-rotate");
    let v = new_vault(&name).await;
    let (head, _) = v.current_staff().unwrap();
    let siti = clock::new_id().unwrap();
    v.save(vec![Change::Create {
        id: siti.clone(),
        body: resident("Siti Rahayu", "Melati"),
    }])
    .await
    .unwrap();
    let sari = with_a_member(&v, "Bu Sari", StaffRole::SocialWorker, SOCIAL_WORKER_PASS).await;
    let admin = with_a_member(&v, "Mbak Ani", StaffRole::Admin, "map arsip lemari besi").await;
    let note_id = clock::new_id().unwrap();
    v.save(vec![Change::create(
        note_id.clone(),
        secret_note(&siti, SECRET),
    )])
    .await
    .unwrap();
    v.compact().await.unwrap();
    v.save(vec![Change::create(
        clock::new_id().unwrap(),
        secret_note(&siti, "Catatan di log"),
    )])
    .await
    .unwrap();
    v.lock();
    // The social worker holds the key, and copies it out of her tab.
    v.unlock_as(sari.as_str(), SOCIAL_WORKER_PASS)
        .await
        .unwrap();
    let copied = v
        .copy_of_restricted_key()
        .unwrap()
        .expect("a social worker holds it");
    assert_eq!(
        v.restricted_fields_opening_with(&copied).await.unwrap(),
        (2, 2)
    );
    v.lock();
    // Admin manages staff but holds no such key: removing a holder is refused, nothing changes.
    v.unlock_as(admin.as_str(), "map arsip lemari besi")
        .await
        .unwrap();
    let was = v.get(&sari).unwrap().unwrap();
    let mut member = match was.body.clone() {
        Some(RecordBody::Staff(m)) => m,
        other => panic!("{other:?}"),
    };
    member.active = false;
    assert_eq!(
        v.remove_staff_passphrase(&sari, vec![Change::update(&was.meta, member.clone())])
            .await
            .unwrap_err(),
        StoreError::NoRestrictedKey
    );
    assert_eq!(v.sign_in_names().await.unwrap().len(), 3);
    v.lock();
    // The head removes her: both keys replaced, every sealed field sealed again.
    v.unlock_as(head.as_str(), PASS).await.unwrap();
    v.remove_staff_passphrase(&sari, vec![Change::update(&was.meta, member)])
        .await
        .unwrap();
    v.save(vec![Change::create(
        clock::new_id().unwrap(),
        secret_note(&siti, "Sesudahnya"),
    )])
    .await
    .unwrap();
    assert_eq!(
        v.restricted_fields_opening_with(&copied).await.unwrap(),
        (3, 0),
        "the copied key opens none of them"
    );
    let now = v.copy_of_restricted_key().unwrap().unwrap();
    assert_ne!(now, copied);
    assert_eq!(
        v.restricted_fields_opening_with(&now).await.unwrap(),
        (3, 3)
    );
    let note = v.get(&note_id).unwrap().unwrap();
    assert_eq!(v.reveal(&note.meta, &note_text(&note)).unwrap(), SECRET);
    // After a fresh unlock too.
    v.lock();
    v.unlock_as(head.as_str(), PASS).await.unwrap();
    let note = v.get(&note_id).unwrap().unwrap();
    assert_eq!(v.reveal(&note.meta, &note_text(&note)).unwrap(), SECRET);
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_residents_stage_moves_are_saved_reloaded_migrated_and_merged() {
    use naungan::domain::stage::{CaseNow, Stage, StageChange};
    let (name, other) = (db_name("stages"), db_name("stages-other"));
    let v = new_vault(&name).await;
    let (head, _) = v.current_staff().unwrap();
    // A resident as schema 3 stored her: a status, no stage.
    let old_id = clock::new_id().unwrap();
    let RecordBody::Resident(r) = resident("Rina Kartika", "") else {
        unreachable!()
    };
    let mut v3 = serde_json::to_value(&r).unwrap();
    for k in ["stage", "episode", "register_no", "statement"] {
        v3.as_object_mut().unwrap().remove(k);
    }
    v3["status"] = "completed".into();
    let meta = written_elsewhere(&old_id, RecordKind::Resident, 3, head.clone());
    v.write_raw(&[v.seal_raw(&meta, 3, v3).unwrap()])
        .await
        .unwrap();
    // A resident registered now, moved from intake to assessment in one transaction.
    let siti = clock::new_id().unwrap();
    v.save(vec![Change::Create {
        id: siti.clone(),
        body: resident("Siti Rahayu", "Melati"),
    }])
    .await
    .unwrap();
    let was = v.get(&siti).unwrap().unwrap();
    let mut moved = was.resident().unwrap().clone();
    let now = CaseNow {
        stage: moved.stage,
        episode: moved.episode,
        since: moved.intake_date,
    };
    let change = StageChange::validated(
        siti.clone(),
        now,
        Some(Stage::Assessment),
        naungan::domain::date::Date::parse_iso("2026-03-09"),
        "",
        clock::today(),
    )
    .unwrap();
    moved.stage = change.to;
    let move_id = clock::new_id().unwrap();
    v.save(vec![
        Change::create(move_id.clone(), change.clone()),
        Change::update(&was.meta, moved),
    ])
    .await
    .unwrap();
    v.lock();
    let report = v.unlock(PASS).await.unwrap();
    assert_eq!(report.migrated, 1);
    let rina = v.get(&old_id).unwrap().unwrap();
    assert_eq!(rina.resident().unwrap().stage, Stage::Aftercare);
    assert_eq!(
        rina.resident().unwrap().status(),
        resident::ResidentStatus::Completed
    );
    assert_eq!(
        v.get(&siti).unwrap().unwrap().resident().unwrap().stage,
        Stage::Assessment
    );
    let history: Vec<StageChange> = v
        .read(|ix| {
            ix.about::<StageChange>(&siti)
                .map(|l| l.body.clone())
                .collect()
        })
        .unwrap();
    assert_eq!(history, vec![change]);
    // Merged into another laptop: the move and the stage come along, once.
    Vault::erase(&other).await.unwrap();
    let b = Vault::open_with_kdf(&other, TEST_LOG_N).await.unwrap();
    b.restore_into_empty(vec![], head.clone(), "laptop kedua kata sandi")
        .await
        .unwrap_err();
    let records = v.export_records().unwrap();
    b.restore_into_empty(records.clone(), head.clone(), "laptop kedua kata sandi")
        .await
        .unwrap();
    assert_eq!(
        b.get(&move_id).unwrap().unwrap().meta.kind,
        RecordKind::StageChange
    );
    let plan = v.plan_import(b.export_records().unwrap()).unwrap();
    assert!(plan.conflicts.is_empty());
    assert_eq!(plan.summary.added + plan.summary.updated, 0);
    for (x, n) in [(v, name), (b, other)] {
        x.close();
        Vault::erase(&n).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn an_assessment_is_saved_with_its_restricted_answers_sealed_and_read_back() {
    use naungan::domain::assessment::{AssessmentDraft, Indicator, Reason};
    let name = db_name("assessment");
    let v = new_vault(&name).await;
    let (head, _) = v.current_staff().unwrap();
    let budi = with_an_instructor(&v).await;
    let siti = clock::new_id().unwrap();
    v.save(vec![Change::Create {
        id: siti.clone(),
        body: resident("Siti Rahayu", "Melati"),
    }])
    .await
    .unwrap();
    let draft = AssessmentDraft {
        date: "2026-03-10".into(),
        reasons: vec![Reason::Debt],
        indicators: vec![Indicator::DebtBondage],
        health: "Sering pusing sejak bulan lalu".into(),
        needs: "KTP baru".into(),
        interests: vec!["jahit".into()],
        ..Default::default()
    };
    let intake = naungan::domain::date::Date::parse_iso("2026-03-02").unwrap();
    let a = draft
        .validate(siti.clone(), intake, clock::today())
        .unwrap();
    let aid = clock::new_id().unwrap();
    v.save(vec![Change::create(aid.clone(), a.clone())])
        .await
        .unwrap();
    v.lock();
    v.unlock_as(head.as_str(), PASS).await.unwrap();
    let stored = v.get(&aid).unwrap().unwrap();
    let Some(RecordBody::Assessment(back)) = &stored.body else {
        panic!("{stored:?}")
    };
    assert!(back.entry.is_sealed() && back.health.is_sealed());
    assert_eq!(
        back.needs, "KTP baru",
        "the rest is the team's, under the data key"
    );
    let entry = v.reveal(&stored.meta, &back.entry).unwrap();
    assert_eq!(entry.indicators, vec![Indicator::DebtBondage]);
    assert_eq!(
        v.reveal(&stored.meta, &back.health).unwrap(),
        "Sering pusing sejak bulan lalu"
    );
    let all = v
        .plaintext_with(&v.copy_of_data_key().unwrap())
        .await
        .unwrap();
    assert!(!contains(&all, "pusing") && !contains(&all, "debt_bondage"));
    v.lock();
    // An instructor may neither read nor write one.
    v.unlock_as(budi.as_str(), INSTRUCTOR_PASS).await.unwrap();
    assert_eq!(
        v.save(vec![Change::create(clock::new_id().unwrap(), a)])
            .await
            .unwrap_err(),
        StoreError::NotAllowed
    );
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_discharge_its_follow_ups_and_atensi_services_are_saved_reloaded_and_merged() {
    use naungan::domain::aftercare::{
        ContactMethod, Discharge, DischargeReason, FollowUpVisit, KitItem, Outcome,
    };
    let (name, other) = (db_name("discharge"), db_name("discharge-other"));
    let v = new_vault(&name).await;
    let (head, _) = v.current_staff().unwrap();
    let siti = clock::new_id().unwrap();
    v.save(vec![Change::Create {
        id: siti.clone(),
        body: resident("Siti Rahayu", "Melati"),
    }])
    .await
    .unwrap();
    let date = naungan::domain::date::Date::parse_iso;
    let dc = Discharge {
        resident: siti.clone(),
        date: date("2026-10-20").unwrap(),
        reason: DischargeReason::Completed,
        regency: "35.07".into(),
        address: "Dusun Krajan".into(),
        received_by: "Ibu kandung".into(),
        kit: vec![KitItem {
            item: "Mesin jahit".into(),
            quantity: 1,
            value: 1_250_000,
        }],
    };
    let visit = FollowUpVisit {
        resident: siti.clone(),
        month: 1,
        date: date("2026-11-22").unwrap(),
        method: ContactMethod::Phone,
        outcome: Outcome::SelfEmployed,
        monthly_income: Some(900_000),
        notes: "Menerima jahitan".into(),
    };
    let service = naungan::domain::aftercare::AtensiService {
        resident: siti.clone(),
        date: date("2026-04-01").unwrap(),
        component: naungan::domain::aftercare::AtensiComponent::SocialAid,
        aid_value: 350_000,
        description: "Pakaian dan perlengkapan mandi".into(),
    };
    let (dc_id, fu_id, at_id) = (
        clock::new_id().unwrap(),
        clock::new_id().unwrap(),
        clock::new_id().unwrap(),
    );
    v.save(vec![
        Change::create(dc_id.clone(), dc.clone()),
        Change::create(fu_id.clone(), visit.clone()),
        Change::create(at_id.clone(), service.clone()),
    ])
    .await
    .unwrap();
    v.lock();
    v.unlock(PASS).await.unwrap();
    assert_eq!(
        v.read(|ix| ix.get::<Discharge>(&dc_id).map(|l| l.body.clone()))
            .unwrap(),
        Some(dc)
    );
    assert_eq!(
        v.read(|ix| ix
            .about::<FollowUpVisit>(&siti)
            .map(|l| l.body.clone())
            .collect::<Vec<_>>())
            .unwrap(),
        vec![visit]
    );
    assert_eq!(
        v.read(|ix| ix
            .get::<naungan::domain::aftercare::AtensiService>(&at_id)
            .map(|l| l.body.clone()))
            .unwrap(),
        Some(service)
    );
    Vault::erase(&other).await.unwrap();
    let b = Vault::open_with_kdf(&other, TEST_LOG_N).await.unwrap();
    b.restore_into_empty(v.export_records().unwrap(), head, "laptop kedua kata sandi")
        .await
        .unwrap();
    assert!(b.get(&fu_id).unwrap().is_some() && b.get(&at_id).unwrap().is_some());
    let plan = v.plan_import(b.export_records().unwrap()).unwrap();
    assert!(plan.conflicts.is_empty());
    assert_eq!(plan.summary.added + plan.summary.updated, 0);
    for (x, n) in [(v, name), (b, other)] {
        x.close();
        Vault::erase(&n).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_case_conference_plan_versions_and_reviews_are_saved_reloaded_and_merged() {
    use naungan::domain::plan::{
        CaseConference, GoalDraft, InterventionPlan, PlanDraft, PlanReview,
    };
    let (name, other) = (db_name("plan"), db_name("plan-other"));
    let v = new_vault(&name).await;
    let (head, _) = v.current_staff().unwrap();
    let siti = clock::new_id().unwrap();
    v.save(vec![Change::Create {
        id: siti.clone(),
        body: resident("Siti Rahayu", "Melati"),
    }])
    .await
    .unwrap();
    let date = |s| naungan::domain::date::Date::parse_iso(s).unwrap();
    let (intake, today) = (date("2026-03-02"), date("2026-11-30"));
    let cc = CaseConference::validated(
        siti.clone(),
        "2026-04-10",
        std::slice::from_ref(&head),
        "Hutang kepada mucikari",
        "Pelatihan jahit; rujuk ke Dukcapil",
        intake,
        today,
    )
    .unwrap();
    let mut draft = PlanDraft::first(date("2026-04-12"), &["jahit".into()], "KTP", "", ("K", "S"));
    draft.goals[0] = GoalDraft {
        goal: "Mampu menjahit".into(),
        indicator: "Lulus uji praktik".into(),
        target: "2026-08-31".into(),
    };
    let v1 = draft.validate(siti.clone(), 1, intake, today).unwrap();
    let mut revised = PlanDraft::revising(&v1, date("2026-06-01"));
    revised.field = "tataboga".into();
    let v2 = revised.validate(siti.clone(), 2, intake, today).unwrap();
    let (cc_id, v1_id, v2_id) = (
        clock::new_id().unwrap(),
        clock::new_id().unwrap(),
        clock::new_id().unwrap(),
    );
    v.save(vec![
        Change::create(cc_id.clone(), cc.clone()),
        Change::create(v1_id.clone(), v1.clone()),
        Change::create(v2_id.clone(), v2.clone()),
    ])
    .await
    .unwrap();
    v.lock();
    v.unlock(PASS).await.unwrap();
    let (plans, conference) = v
        .read(|ix| {
            let plans: Vec<(RecordId, InterventionPlan)> = ix
                .about::<InterventionPlan>(&siti)
                .map(|l| (l.meta.id.clone(), l.body.clone()))
                .collect();
            (
                plans,
                ix.get::<CaseConference>(&cc_id).map(|l| l.body.clone()),
            )
        })
        .unwrap();
    assert_eq!(conference, Some(cc));
    assert_eq!(plans.len(), 2, "the older version is kept");
    let refs: Vec<(RecordId, &InterventionPlan)> =
        plans.iter().map(|(i, p)| (i.clone(), p)).collect();
    let (current, now) = naungan::domain::plan::current(&refs).unwrap();
    assert_eq!((current, now.field.as_str()), (&v2_id, "tataboga"));

    // Two laptops each review the current version: merged, both reviews are there.
    Vault::erase(&other).await.unwrap();
    let b = Vault::open_with_kdf(&other, TEST_LOG_N).await.unwrap();
    b.restore_into_empty(v.export_records().unwrap(), head, "laptop kedua kata sandi")
        .await
        .unwrap();
    let review = |d: &str, p: &str| {
        PlanReview::validated(v2_id.clone(), &v2, d, &[p.into()], "", today).unwrap()
    };
    let (ra, rb) = (
        review("2026-07-01", "in_progress"),
        review("2026-07-02", "achieved"),
    );
    v.save(vec![Change::create(clock::new_id().unwrap(), ra.clone())])
        .await
        .unwrap();
    b.save(vec![Change::create(clock::new_id().unwrap(), rb.clone())])
        .await
        .unwrap();
    let plan = v.plan_import(b.export_records().unwrap()).unwrap();
    assert!(plan.conflicts.is_empty());
    assert_eq!(plan.summary.added, 1);
    v.apply_import(&plan, &[]).await.unwrap();
    let mut reviews: Vec<PlanReview> = v
        .read(|ix| {
            ix.about::<PlanReview>(&siti)
                .map(|l| l.body.clone())
                .collect()
        })
        .unwrap();
    naungan::domain::sorting::sort_by(&mut reviews, |a, b| a.date.cmp(&b.date));
    assert_eq!(reviews, [ra, rb.clone()]);
    let refs: Vec<&PlanReview> = reviews.iter().collect();
    assert_eq!(
        naungan::domain::plan::goal_progress(&v2, &refs),
        [Some(naungan::domain::plan::Progress::Achieved)]
    );
    for (x, n) in [(v, name), (b, other)] {
        x.close();
        Vault::erase(&n).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_holder_moved_to_a_role_without_the_restricted_key_takes_none_of_what_follows() {
    let name = db_name("restricted-demote");
    let v = new_vault(&name).await;
    let (head, _) = v.current_staff().unwrap();
    let siti = clock::new_id().unwrap();
    v.save(vec![Change::Create {
        id: siti.clone(),
        body: resident("Siti Rahayu", "Melati"),
    }])
    .await
    .unwrap();
    let sari = with_a_member(&v, "Bu Sari", StaffRole::SocialWorker, SOCIAL_WORKER_PASS).await;
    let note_id = clock::new_id().unwrap();
    v.save(vec![Change::create(
        note_id.clone(),
        secret_note(&siti, SECRET),
    )])
    .await
    .unwrap();
    v.lock();
    v.unlock_as(sari.as_str(), SOCIAL_WORKER_PASS)
        .await
        .unwrap();
    let copied = v.copy_of_restricted_key().unwrap().expect("she holds it");
    v.lock();
    // The head makes her an instructor: the keys are replaced with the role change.
    v.unlock_as(head.as_str(), PASS).await.unwrap();
    let was = v.get(&sari).unwrap().unwrap();
    let mut member = match was.body.clone() {
        Some(RecordBody::Staff(m)) => m,
        other => panic!("{other:?}"),
    };
    member.role = StaffRole::Instructor;
    v.demote_from_restricted(&sari, vec![Change::update(&was.meta, member)])
        .await
        .unwrap();
    v.save(vec![Change::create(
        clock::new_id().unwrap(),
        secret_note(&siti, "Sesudahnya"),
    )])
    .await
    .unwrap();
    assert_eq!(
        v.restricted_fields_opening_with(&copied).await.unwrap(),
        (2, 0),
        "the key she copied opens nothing now"
    );
    let note = v.get(&note_id).unwrap().unwrap();
    assert_eq!(v.reveal(&note.meta, &note_text(&note)).unwrap(), SECRET);
    v.lock();
    // She still signs in, as an instructor, and her slot holds no restricted key.
    v.unlock_as(sari.as_str(), SOCIAL_WORKER_PASS)
        .await
        .unwrap();
    assert!(!v.holds_restricted_content_key());
    let note = v.get(&note_id).unwrap().unwrap();
    assert_eq!(
        v.reveal(&note.meta, &note_text(&note)).unwrap_err(),
        StoreError::NoRestrictedKey
    );
    v.lock();
    v.unlock_as(head.as_str(), PASS).await.unwrap();
    let note = v.get(&note_id).unwrap().unwrap();
    assert_eq!(v.reveal(&note.meta, &note_text(&note)).unwrap(), SECRET);
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn residents_from_before_cohort_records_get_one_per_cohort_named_the_same_on_every_laptop() {
    use naungan::domain::cohort::Cohort;
    let (name, other) = (db_name("cohorts"), db_name("cohorts-other"));
    let v = new_vault(&name).await;
    let (head, _) = v.current_staff().unwrap();
    // Three residents in two cohorts, saved as the app saved them before cohorts were records.
    let in_cohort = |n: &str, c: &str| match resident(n, "") {
        RecordBody::Resident(mut r) => {
            r.cohort = c.into();
            RecordBody::Resident(r)
        }
        _ => unreachable!(),
    };
    v.save(vec![
        Change::Create {
            id: clock::new_id().unwrap(),
            body: in_cohort("Siti Rahayu", "2026-I"),
        },
        Change::Create {
            id: clock::new_id().unwrap(),
            body: in_cohort("Dewi Lestari", "2026-I"),
        },
        Change::Create {
            id: clock::new_id().unwrap(),
            body: in_cohort("Nur Hasanah", "2025-II"),
        },
    ])
    .await
    .unwrap();
    assert_eq!(v.count(RecordKind::Cohort).unwrap(), 0);
    // A second laptop restores that state before either makes the cohorts.
    Vault::erase(&other).await.unwrap();
    let b = Vault::open_with_kdf(&other, TEST_LOG_N).await.unwrap();
    b.restore_into_empty(v.export_records().unwrap(), head, "laptop kedua kata sandi")
        .await
        .unwrap();
    assert_eq!(v.ensure_cohorts().await.unwrap(), 2);
    assert_eq!(v.ensure_cohorts().await.unwrap(), 0, "once");
    v.lock();
    v.unlock(PASS).await.unwrap();
    let mut names: Vec<String> = v
        .read(|ix| ix.all::<Cohort>().map(|l| l.body.name.clone()).collect())
        .unwrap();
    naungan::domain::sorting::sort_dedup(&mut names);
    assert_eq!(names, ["2025-II", "2026-I"]);
    assert!(v.get(&Cohort::id_for("2026-I")).unwrap().is_some());
    // The other laptop makes the same records; merged, they are joined, not asked about.
    assert_eq!(b.ensure_cohorts().await.unwrap(), 2);
    let plan = v.plan_import(b.export_records().unwrap()).unwrap();
    assert!(plan.conflicts.is_empty(), "{:?}", plan.conflicts.len());
    assert_eq!(plan.summary.added, 0);
    v.apply_import(&plan, &[]).await.unwrap();
    assert_eq!(v.count(RecordKind::Cohort).unwrap(), 2);
    // An instructor's session, which may not write cohorts, makes none and fails nothing.
    let budi = with_a_member(
        &v,
        "Pak Budi",
        StaffRole::Instructor,
        "jarum benang kain batik",
    )
    .await;
    v.save(vec![Change::Create {
        id: clock::new_id().unwrap(),
        body: in_cohort("Wulan Sari", "2027-I"),
    }])
    .await
    .unwrap();
    v.lock();
    v.unlock_as(budi.as_str(), "jarum benang kain batik")
        .await
        .unwrap();
    assert_eq!(v.ensure_cohorts().await.unwrap(), 0);
    for (x, n) in [(v, name), (b, other)] {
        x.close();
        Vault::erase(&n).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn guidance_schedules_are_seeded_once_and_a_roll_call_taken_twice_is_one_session_on_two_laptops(
) {
    use naungan::domain::attendance::{Activity, AttendanceSession, Mark};
    use naungan::domain::guidance::{self, GuidanceSchedule};
    let (name, other) = (db_name("guidance"), db_name("guidance-other"));
    let v = new_vault(&name).await;
    let (head, _) = v.current_staff().unwrap();
    assert_eq!(v.ensure_guidance_schedules().await.unwrap(), 5);
    assert_eq!(v.ensure_guidance_schedules().await.unwrap(), 0, "once");
    let (tahajud, schedule) = v
        .read(|ix| {
            ix.all::<GuidanceSchedule>()
                .find(|l| l.body.activity == Activity::TahajudBerjamaah)
                .map(|l| l.to_owned())
        })
        .unwrap()
        .unwrap();
    // Ended by staff: it stays ended, and an unlock does not make it again.
    let mut ended = schedule.clone();
    ended.until = Some(clock::today());
    v.save(vec![Change::Update {
        id: tahajud.id.clone(),
        base_rev: tahajud.rev,
        body: RecordBody::GuidanceSchedule(ended),
    }])
    .await
    .unwrap();
    v.lock();
    v.unlock(PASS).await.unwrap();
    assert_eq!(v.ensure_guidance_schedules().await.unwrap(), 0);
    assert_eq!(v.count(RecordKind::GuidanceSchedule).unwrap(), 5);

    // A roll-call of today's tahajud: then its correction is the same record, one revision on.
    let today = clock::today();
    let (siti, dewi) = (clock::new_id().unwrap(), clock::new_id().unwrap());
    let what = AttendanceSession {
        date: today,
        activity: Activity::TahajudBerjamaah,
        field: String::new(),
        present: vec![],
        absent: vec![],
        excused: vec![],
        sick: vec![],
        schedule: Some(tahajud.id.clone()),
        title: String::new(),
    };
    let marks = [(siti.clone(), Mark::Present), (dewi.clone(), Mark::Absent)];
    let session = AttendanceSession::taken(what.clone(), &today.iso(), today, &marks).unwrap();
    let id = guidance::session_id(&tahajud.id, today);
    v.save(vec![Change::Create {
        id: id.clone(),
        body: RecordBody::Attendance(session),
    }])
    .await
    .unwrap();
    let taken = v.get(&id).unwrap().unwrap();
    let corrected = AttendanceSession::taken(
        what.clone(),
        &today.iso(),
        today,
        &[(siti.clone(), Mark::Present), (dewi.clone(), Mark::Sick)],
    )
    .unwrap();
    v.save(vec![Change::Update {
        id: id.clone(),
        base_rev: taken.meta.rev,
        body: RecordBody::Attendance(corrected),
    }])
    .await
    .unwrap();
    v.lock();
    v.unlock(PASS).await.unwrap();
    assert_eq!(v.count(RecordKind::Attendance).unwrap(), 1);
    let read = v
        .read(|ix| {
            ix.get::<AttendanceSession>(&id)
                .map(|l| (l.meta.rev, l.body.clone()))
        })
        .unwrap()
        .unwrap();
    assert_eq!(read.0, 2);
    assert_eq!(read.1.mark_of(&dewi), Some(Mark::Sick));
    assert_eq!(read.1.schedule.as_ref(), Some(&tahajud.id));

    // A second laptop, with this one's records but not the roll-call, takes the same prayer: the
    // same id, so merging asks which roll-call is right instead of adding a second session.
    Vault::erase(&other).await.unwrap();
    let b = Vault::open_with_kdf(&other, TEST_LOG_N).await.unwrap();
    let before: Vec<_> = v
        .export_records()
        .unwrap()
        .into_iter()
        .filter(|r| r.meta.kind != RecordKind::Attendance)
        .collect();
    b.restore_into_empty(before, head, "laptop kedua kata sandi")
        .await
        .unwrap();
    let theirs =
        AttendanceSession::taken(what, &today.iso(), today, &[(siti, Mark::Absent)]).unwrap();
    b.save(vec![Change::Create {
        id: id.clone(),
        body: RecordBody::Attendance(theirs),
    }])
    .await
    .unwrap();
    let plan = v.plan_import(b.export_records().unwrap()).unwrap();
    assert_eq!(plan.summary.added, 0, "not a second session");
    assert_eq!(plan.conflicts.len(), 1);
    for (x, n) in [(v, name), (b, other)] {
        x.close();
        Vault::erase(&n).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn house_rules_are_seeded_once_and_conduct_is_the_casework_teams_to_write() {
    use naungan::domain::conduct::{self, ConductDraft, ConductEntry, ConductOf, HouseRule};
    let name = db_name("conduct");
    let v = new_vault(&name).await;
    let (head, _) = v.current_staff().unwrap();
    assert_eq!(v.ensure_house_rules().await.unwrap(), 5);
    assert_eq!(v.ensure_house_rules().await.unwrap(), 0, "once");
    let siti = clock::new_id().unwrap();
    v.save(vec![Change::Create {
        id: siti.clone(),
        body: resident("Siti Rahayu", ""),
    }])
    .await
    .unwrap();
    let rules: Vec<(RecordId, HouseRule)> = v
        .read(|ix| {
            ix.all::<HouseRule>()
                .map(|l| (l.meta.id.clone(), l.body.clone()))
                .collect()
        })
        .unwrap();
    let rule = rules[0].0.to_string();
    let of = ConductOf {
        resident: &siti,
        episode: 1,
        intake: clock::today().plus_days(-30),
        reported_by: &head,
    };
    let today = clock::today().iso();
    for _ in 0..2 {
        let draft = ConductDraft {
            positive: false,
            date: &today,
            rule: &rule,
            what: "Keluar tanpa izin",
            sanction: "",
            reason: "",
        };
        let earlier = |r: &RecordId| {
            v.read(|ix| {
                conduct::earlier_violations(ix.about::<ConductEntry>(&siti).map(|l| l.body), r, 1)
            })
            .unwrap()
        };
        let entry = draft
            .validate(&of, &rules, earlier, clock::today())
            .unwrap();
        v.save(vec![Change::create(clock::new_id().unwrap(), entry)])
            .await
            .unwrap();
    }
    v.lock();
    v.unlock(PASS).await.unwrap();
    let given: Vec<usize> = v
        .read(|ix| {
            let mut g: Vec<usize> = ix
                .about::<ConductEntry>(&siti)
                .map(|l| l.body.violation.as_ref().unwrap().sanction)
                .collect();
            naungan::domain::sorting::sort_dedup(&mut g);
            g
        })
        .unwrap();
    assert_eq!(
        given,
        [0, 1],
        "the second violation got the second sanction"
    );
    // An instructor (who reads no casework) does not make the rules, nor change them.
    let budi = with_a_member(
        &v,
        "Pak Budi",
        StaffRole::Instructor,
        "jarum benang kain batik",
    )
    .await;
    v.lock();
    v.unlock_as(budi.as_str(), "jarum benang kain batik")
        .await
        .unwrap();
    assert_eq!(v.ensure_house_rules().await.unwrap(), 0);
    let mut changed = rules[0].1.clone();
    changed.retired = true;
    let meta = v.get(&rules[0].0).unwrap().unwrap().meta;
    assert_eq!(
        v.save(vec![Change::Update {
            id: rules[0].0.clone(),
            base_rev: meta.rev,
            body: RecordBody::HouseRule(changed),
        }])
        .await
        .unwrap_err(),
        StoreError::NotAllowed
    );
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn chores_and_fields_are_seeded_once_and_a_rota_and_training_records_come_back_after_unlock()
{
    use naungan::domain::rota::{Candidate, Chore, ChoreRota};
    use naungan::domain::vocational::{Enrolment, TrainingDraft, TrainingRecord, VocationalField};
    let name = db_name("daily-life");
    let v = new_vault(&name).await;
    let (head, _) = v.current_staff().unwrap();
    assert_eq!(v.ensure_chores().await.unwrap(), 6);
    assert_eq!(v.ensure_vocational_fields().await.unwrap(), 4);
    assert_eq!(v.ensure_chores().await.unwrap(), 0, "once");
    assert_eq!(v.ensure_vocational_fields().await.unwrap(), 0, "once");
    let today = clock::today();
    let residents: Vec<Candidate> = (0..12)
        .map(|_| Candidate {
            id: clock::new_id().unwrap(),
            intake: today.plus_days(-10),
        })
        .collect();
    let chores: Vec<Chore> = v
        .read(|ix| ix.all::<Chore>().map(|l| l.body.clone()).collect())
        .unwrap();
    let mut rota =
        ChoreRota::make(&today.iso(), "week", "", &chores, &residents, |_, _| false).unwrap();
    let rota_id = clock::new_id().unwrap();
    v.save(vec![Change::create(rota_id.clone(), rota.clone())])
        .await
        .unwrap();
    let doing = rota.days[0].slots[0][0].clone();
    let idle = residents
        .iter()
        .map(|c| c.id.clone())
        .find(|r| !rota.days[0].slots.iter().flatten().any(|x| x == r))
        .unwrap();
    rota.swap(&today.iso(), &doing.to_string(), &idle.to_string())
        .unwrap();
    v.save(vec![Change::Update {
        id: rota_id.clone(),
        base_rev: 1,
        body: RecordBody::ChoreRota(rota.clone()),
    }])
    .await
    .unwrap();
    // A sign-off for a resident enrolled in jahit.
    let siti = clock::new_id().unwrap();
    v.save(vec![Change::Create {
        id: siti.clone(),
        body: resident("Siti Rahayu", ""),
    }])
    .await
    .unwrap();
    let jahit = VocationalField::id_for("jahit");
    let field = v
        .read(|ix| ix.get::<VocationalField>(&jahit).map(|l| l.body.clone()))
        .unwrap()
        .unwrap();
    let enrolled = today.plus_days(-5);
    v.save(vec![Change::create(
        clock::new_id().unwrap(),
        Enrolment {
            resident: siti.clone(),
            field: jahit.clone(),
            date: enrolled,
        },
    )])
    .await
    .unwrap();
    let draft = TrainingDraft {
        kind: "sign_off",
        date: &today.iso(),
        competency: "2",
        level: "proficient",
        passed: "",
        score: "",
        number: "",
        business: "",
        until: "",
        evaluation: "",
    };
    let record = draft
        .validate(
            siti.clone(),
            (&jahit, &field),
            enrolled,
            head.clone(),
            today,
        )
        .unwrap();
    v.save(vec![Change::create(clock::new_id().unwrap(), record)])
        .await
        .unwrap();
    v.lock();
    v.unlock(PASS).await.unwrap();
    let back = v
        .read(|ix| ix.get::<ChoreRota>(&rota_id).map(|l| l.body.clone()))
        .unwrap()
        .unwrap();
    assert_eq!(back, rota);
    assert_eq!(back.slots_on(&back.days[0])[0][0], (idle, true));
    let progress = v
        .read(|ix| {
            naungan::domain::vocational::progress(
                &field,
                &jahit,
                ix.about::<TrainingRecord>(&siti).map(|l| l.body),
            )
        })
        .unwrap();
    assert_eq!(progress.iter().filter(|x| x.is_some()).count(), 1);
    assert!(progress[2].is_some());
    // A religious guide takes roll-calls and makes rotas, but signs off no competency.
    let guide = with_a_member(
        &v,
        "Ustadzah Aminah",
        StaffRole::ReligiousGuide,
        "subuh berjamaah di musala",
    )
    .await;
    v.lock();
    v.unlock_as(guide.as_str(), "subuh berjamaah di musala")
        .await
        .unwrap();
    let again = draft
        .validate(
            siti.clone(),
            (&jahit, &field),
            enrolled,
            guide.clone(),
            today,
        )
        .unwrap();
    assert_eq!(
        v.save(vec![Change::create(clock::new_id().unwrap(), again)])
            .await
            .unwrap_err(),
        StoreError::NotAllowed
    );
    v.save(vec![Change::create(clock::new_id().unwrap(), rota)])
        .await
        .unwrap();
    v.close();
    Vault::erase(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn partners_consents_and_referrals_are_saved_reloaded_merged_and_kept_from_an_instructor() {
    use naungan::domain::referral::{
        Consent, Partner, PartnerDraft, PartnerKind, Referral, ReferralDraft, ReferralOf, Shared,
        Status,
    };
    let (name, other) = (db_name("referral"), db_name("referral-other"));
    let v = new_vault(&name).await;
    let (head, _) = v.current_staff().unwrap();
    let siti = clock::new_id().unwrap();
    v.save(vec![Change::Create {
        id: siti.clone(),
        body: resident("Siti Rahayu", "Melati"),
    }])
    .await
    .unwrap();
    let date = |s| naungan::domain::date::Date::parse_iso(s).unwrap();
    let today = date("2026-11-30");
    let partner = PartnerDraft {
        name: "Dukcapil Kabupaten Malang",
        kind: Some(PartnerKind::Dukcapil),
        regency: "35.07",
        address: "Jl. Panji 158, Kepanjen",
        contacts: [("Pak Hadi", "0341 393000"), ("", "")],
        agreement_start: "2026-01-01",
        agreement_end: "2026-12-31",
        notes: "",
    }
    .validate()
    .unwrap();
    let (p_id, c_id, r_id) = (
        clock::new_id().unwrap(),
        clock::new_id().unwrap(),
        clock::new_id().unwrap(),
    );
    let consent = Consent::validated(
        siti.clone(),
        p_id.clone(),
        "2026-03-12",
        vec![Shared::Identity, Shared::IdentityPapers],
        "Bu Ratna",
        "",
        Some(28),
        date("2026-03-02"),
        today,
    )
    .unwrap();
    let referral = ReferralDraft {
        date: "2026-03-14",
        reason: "KTP dan KK ditahan mucikari",
        services: "Penerbitan ulang KTP dan KK",
        expected: "2026-03-28",
        override_reason: "",
    }
    .validate(
        &ReferralOf {
            resident: &siti,
            partner: &p_id,
            intake: date("2026-03-02"),
            by: &head,
            consents: std::slice::from_ref(&consent),
        },
        today,
    )
    .unwrap();
    v.save(vec![
        Change::create(p_id.clone(), partner.clone()),
        Change::create(c_id.clone(), consent.clone()),
        Change::create(r_id.clone(), referral.clone()),
    ])
    .await
    .unwrap();
    // Sent, on the referral's page.
    let sent = referral
        .moved(Status::Sent, "2026-03-15", head.clone(), "", today)
        .unwrap();
    update(&v, &r_id, 1, RecordBody::Referral(sent.clone())).await;
    v.lock();
    v.unlock(PASS).await.unwrap();
    assert_eq!(
        v.read(|ix| ix.get::<Partner>(&p_id).map(|l| l.body.clone()))
            .unwrap(),
        Some(partner)
    );
    assert_eq!(
        v.read(|ix| ix
            .about::<Consent>(&siti)
            .map(|l| l.body.clone())
            .collect::<Vec<_>>())
            .unwrap(),
        vec![consent]
    );
    let back = v
        .read(|ix| ix.get::<Referral>(&r_id).map(|l| l.body.clone()))
        .unwrap()
        .unwrap();
    assert_eq!(back, sent);
    assert_eq!(back.status(), Status::Sent);
    // Another laptop restored from this one: nothing new, nothing in conflict.
    Vault::erase(&other).await.unwrap();
    let b = Vault::open_with_kdf(&other, TEST_LOG_N).await.unwrap();
    b.restore_into_empty(v.export_records().unwrap(), head, "laptop kedua kata sandi")
        .await
        .unwrap();
    let plan = v.plan_import(b.export_records().unwrap()).unwrap();
    assert!(plan.conflicts.is_empty());
    assert_eq!(plan.summary.added + plan.summary.updated, 0);
    // An instructor may not write casework: a referral of hers is refused.
    let budi = clock::new_id().unwrap();
    v.save(vec![Change::Create {
        id: budi.clone(),
        body: RecordBody::Staff(StaffMember::new("Pak Budi", StaffRole::Instructor)),
    }])
    .await
    .unwrap();
    v.set_staff_passphrase(&budi, INSTRUCTOR_PASS, false)
        .await
        .unwrap();
    v.lock();
    v.unlock_as(budi.as_str(), INSTRUCTOR_PASS).await.unwrap();
    assert_eq!(
        v.save(vec![Change::create(clock::new_id().unwrap(), referral)])
            .await
            .unwrap_err(),
        StoreError::NotAllowed
    );
    for (x, n) in [(v, name), (b, other)] {
        x.close();
        Vault::erase(&n).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_budget_line_and_an_expense_booked_on_it_are_saved_and_reloaded() {
    use naungan::domain::budget::{BudgetLine, Programme};
    use naungan::domain::expense::{Expense, ExpenseCategory};
    let name = db_name("budget");
    let v = new_vault(&name).await;
    let line = BudgetLine::validated(
        "2026",
        Programme::Vocational,
        "jahit",
        "Bahan menjahit",
        "10.000.000",
    )
    .unwrap();
    let (l_id, x_id) = (clock::new_id().unwrap(), clock::new_id().unwrap());
    let expense = Expense {
        date: naungan::domain::date::Date::parse_iso("2026-04-07").unwrap(),
        category: ExpenseCategory::Training,
        amount: 2_500_000,
        resident: None,
        note: "Kain dan benang".into(),
        line: Some(l_id.clone()),
        cohort: "2026-I".into(),
        receipt: "KW-0412".into(),
    };
    v.save(vec![
        Change::create(l_id.clone(), line.clone()),
        Change::create(x_id.clone(), expense.clone()),
    ])
    .await
    .unwrap();
    v.lock();
    v.unlock(PASS).await.unwrap();
    assert_eq!(
        v.read(|ix| ix.get::<BudgetLine>(&l_id).map(|l| l.body.clone()))
            .unwrap(),
        Some(line)
    );
    assert_eq!(
        v.read(|ix| ix.get::<Expense>(&x_id).map(|l| l.body.clone()))
            .unwrap(),
        Some(expense)
    );
    v.close();
    Vault::erase(&name).await.unwrap();
}
