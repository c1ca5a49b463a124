//! Benchmark hooks, compiled only with `--features bench` (`make bench`): functions the bench
//! script calls through `window.wasmBindings` to seed data and time the store's real code paths.
//! Each returns a JSON text of timings in milliseconds.

use naungan::domain::record::{RecordBody, RecordKind};
use naungan::domain::search::ResidentQuery;
use naungan::store::crypto::KdfParams;
use naungan::store::{backup, clock, Change, Vault};
use naungan::synthetic;
use serde_json::json;
use wasm_bindgen::prelude::*;

const PASS: &str = "kuda lari pagi hari";

fn err(e: impl std::fmt::Debug) -> JsValue {
    JsValue::from_str(&format!("{e:?}"))
}

fn phases(v: &Vault) -> serde_json::Value {
    let p = v.last_phases();
    let mut m = serde_json::Map::new();
    for (name, ms) in &p.laps {
        m.insert((*name).into(), json!(ms));
    }
    m.insert("total".into(), json!(p.total()));
    serde_json::Value::Object(m)
}

/// Restores a generated data set into an empty vault (the bulk-import path) and reports phases.
#[wasm_bindgen]
pub async fn bench_restore(
    db: String,
    residents: usize,
    everything: bool,
) -> Result<String, JsValue> {
    Vault::erase(&db).await.map_err(err)?;
    let g = synthetic::generate(synthetic::SEED, residents, everything);
    let admin = g
        .records
        .iter()
        .find(|r| matches!(r.body, Some(RecordBody::Staff(_))))
        .map(|r| r.meta.id.clone())
        .ok_or("no staff")?;
    let n = g.records.len();
    let v = Vault::open(&db).await.map_err(err)?;
    v.restore_into_empty(g.records, admin, PASS)
        .await
        .map_err(err)?;
    let segments = v.raw_segments().await.map_err(err)?;
    let bytes: usize = segments.iter().map(|(_, s)| s.len()).sum::<usize>()
        + v.raw_records()
            .await
            .map_err(err)?
            .iter()
            .map(|r| r.sealed.len())
            .sum::<usize>();
    let out = json!({ "records": n, "sealed_bytes": bytes, "segments": segments.len(), "phases": phases(&v) });
    v.close();
    Ok(out.to_string())
}

/// A cold unlock of an existing vault: KDF, read, open (decrypt, parse, index) apart.
#[wasm_bindgen]
pub async fn bench_unlock(db: String) -> Result<String, JsValue> {
    let v = Vault::open(&db).await.map_err(err)?;
    let report = v.unlock(PASS).await.map_err(err)?;
    let t0 = clock::precise_ms();
    while v.open_deferred().map_err(err)? > 0 {}
    let deferred_ms = clock::precise_ms() - t0;
    let out = json!({ "records": report.records, "deferred": report.deferred,
        "deferred_ms": deferred_ms, "phases": phases(&v) });
    v.close();
    Ok(out.to_string())
}

/// `n` saves of one record each (encrypt, put, commit); per-save milliseconds and the sealed size.
#[wasm_bindgen]
pub async fn bench_save(db: String, n: usize) -> Result<String, JsValue> {
    let v = Vault::open(&db).await.map_err(err)?;
    v.unlock(PASS).await.map_err(err)?;
    let page = v
        .read(|ix| ix.residents(&ResidentQuery::default(), 1))
        .map_err(err)?;
    let (meta, resident) = page.rows.into_iter().next().ok_or("no resident")?;
    let mut times = vec![];
    for (i, rev) in (meta.rev..).take(n).enumerate() {
        let mut r = resident.clone();
        r.alias = format!("bench {i}");
        let t0 = clock::precise_ms();
        v.save(vec![Change::Update {
            id: meta.id.clone(),
            base_rev: rev,
            body: RecordBody::Resident(r),
        }])
        .await
        .map_err(err)?;
        times.push(clock::precise_ms() - t0);
    }
    let size = v
        .raw_records()
        .await
        .map_err(err)?
        .into_iter()
        .find(|r| r.id == meta.id.as_str())
        .map(|r| r.sealed.len())
        .unwrap_or(0);
    v.close();
    Ok(json!({ "times": times, "sealed_bytes": size }).to_string())
}

/// Compaction: `n` one-record saves (each to the log), then the log folded into segments.
#[wasm_bindgen]
pub async fn bench_compact(db: String, n: usize) -> Result<String, JsValue> {
    let v = Vault::open(&db).await.map_err(err)?;
    v.unlock(PASS).await.map_err(err)?;
    v.compact().await.map_err(err)?;
    let page = v
        .read(|ix| ix.residents(&ResidentQuery::default(), n))
        .map_err(err)?;
    for (meta, resident) in page.rows {
        let mut r = resident.clone();
        r.alias = format!("{} (diubah)", r.alias);
        v.save(vec![Change::Update {
            id: meta.id.clone(),
            base_rev: meta.rev,
            body: RecordBody::Resident(r),
        }])
        .await
        .map_err(err)?;
    }
    let segments_before = v.raw_segments().await.map_err(err)?.len();
    let t0 = clock::precise_ms();
    let folded = v.compact().await.map_err(err)?;
    let ms = clock::precise_ms() - t0;
    let segments_after = v.raw_segments().await.map_err(err)?.len();
    v.close();
    Ok(json!({ "folded": folded, "ms": ms, "segments_before": segments_before, "segments_after": segments_after }).to_string())
}

/// Key rotation on the whole set: a member is given a passphrase, then removed, which replaces
/// the data key and re-seals every segment and log row in one transaction.
#[wasm_bindgen]
pub async fn bench_rotate(db: String) -> Result<String, JsValue> {
    use naungan::domain::staff::{StaffMember, StaffRole};
    let v = Vault::open(&db).await.map_err(err)?;
    v.unlock(PASS).await.map_err(err)?;
    let id = clock::new_id().map_err(err)?;
    v.save(vec![Change::create(
        id.clone(),
        StaffMember::new(
            format!("Instruktur Uji {}", js_sys::Date::now()),
            StaffRole::Instructor,
        ),
    )])
    .await
    .map_err(err)?;
    v.set_staff_passphrase(&id, "jarum benang kain batik", false)
        .await
        .map_err(err)?;
    let was = v.get(&id).map_err(err)?.ok_or("no member")?;
    let mut m = match was.body {
        Some(RecordBody::Staff(m)) => m,
        _ => return Err("not a member".into()),
    };
    m.active = false;
    let (segments, rows) = (
        v.raw_segments().await.map_err(err)?.len(),
        v.raw_records().await.map_err(err)?.len(),
    );
    let t0 = clock::precise_ms();
    v.remove_staff_passphrase(&id, vec![Change::update(&was.meta, m)])
        .await
        .map_err(err)?;
    let ms = clock::precise_ms() - t0;
    let out = json!({ "ms": ms, "segments": segments, "rows": rows, "phases": phases(&v) });
    v.close();
    Ok(out.to_string())
}

/// Search as you type: each query is one keystroke's search over the in-memory index.
#[wasm_bindgen]
pub async fn bench_search(db: String, queries: Vec<String>) -> Result<String, JsValue> {
    let v = Vault::open(&db).await.map_err(err)?;
    v.unlock(PASS).await.map_err(err)?;
    let total = v.count(RecordKind::Resident).map_err(err)?;
    let mut times = vec![];
    for q in queries {
        let t0 = clock::precise_ms();
        let q = ResidentQuery {
            text: q,
            ..Default::default()
        };
        let page = v.read(|ix| ix.residents(&q, 200)).map_err(err)?;
        times.push(clock::precise_ms() - t0);
        std::hint::black_box(page);
    }
    v.close();
    Ok(json!({ "residents": total, "times": times }).to_string())
}

/// Backup export and import of the whole vault, KDF (scrypt 2^17, once each way) reported apart.
/// Returns the timings; the plaintext JSON is left in `window.benchBackupJson` for the baseline.
#[wasm_bindgen]
pub async fn bench_backup(db: String) -> Result<String, JsValue> {
    let v = Vault::open(&db).await.map_err(err)?;
    v.unlock(PASS).await.map_err(err)?;
    let t0 = clock::precise_ms();
    let records = v.export_records().map_err(err)?;
    let doc = backup::document("UPT", &records, clock::now());
    let t1 = clock::precise_ms();
    let file = backup::encrypt(&doc, PASS).map_err(err)?;
    let t2 = clock::precise_ms();
    let back = backup::decrypt(&file, PASS).map_err(err)?;
    let t3 = clock::precise_ms();
    let rs = backup::records(&back).map_err(err)?;
    let plan = v.plan_import(rs).map_err(err)?;
    let t4 = clock::precise_ms();
    let kdf = KdfParams::new_random(backup::WORK_FACTOR).map_err(err)?;
    let k0 = clock::precise_ms();
    kdf.derive(PASS.as_bytes()).map_err(err)?;
    let kdf_ms = clock::precise_ms() - k0;
    let json_bytes = serde_json::to_vec(&doc).map_err(err)?;
    let global = js_sys::global();
    js_sys::Reflect::set(
        &global,
        &"benchBackupJson".into(),
        &js_sys::Uint8Array::from(&json_bytes[..]).into(),
    )?;
    v.close();
    Ok(json!({
        "records": doc.record_count, "file_bytes": file.len(), "json_bytes": json_bytes.len(),
        "document_ms": t1 - t0, "encrypt_ms": t2 - t1, "decrypt_ms": t3 - t2, "check_and_plan_ms": t4 - t3,
        "kdf_ms": kdf_ms, "unchanged": plan.summary.unchanged,
    })
    .to_string())
}

thread_local! {
    /// A vault kept unlocked between hook calls, so the page's memory can be read meanwhile.
    static HELD: std::cell::RefCell<Option<Vault>> = const { std::cell::RefCell::new(None) };
}

/// Bytes of this page's WebAssembly memory (it only grows: after an operation, its peak).
fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    let m: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    m.buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}

/// Unlocks and keeps the vault open (see `bench_open_all_held`, `bench_release`): the memory
/// of an unlocked vault whose deferred kinds are not read yet.
#[wasm_bindgen]
pub async fn bench_unlock_hold(db: String) -> Result<String, JsValue> {
    let before = wasm_memory_bytes();
    // As the app does: the key derivation in the worker.
    let v = Vault::open(&db)
        .await
        .map_err(err)?
        .with_kdf(Box::new(naungan::ui::backup_worker::WorkerKdf));
    let report = v.unlock(PASS).await.map_err(err)?;
    let after = wasm_memory_bytes();
    HELD.with(|h| *h.borrow_mut() = Some(v));
    Ok(
        json!({ "records": report.records, "deferred": report.deferred,
        "wasm_before": before, "wasm_after": after })
        .to_string(),
    )
}

/// Reads every deferred kind of the held vault: the memory once everything is parsed.
#[wasm_bindgen]
pub fn bench_open_all_held() -> Result<String, JsValue> {
    HELD.with(|h| {
        let h = h.borrow();
        let v = h.as_ref().ok_or("nothing held")?;
        while v.open_deferred().map_err(err)? > 0 {}
        Ok(json!({ "wasm_after": wasm_memory_bytes() }).to_string())
    })
}

#[wasm_bindgen]
pub fn bench_release() {
    HELD.with(|h| {
        if let Some(v) = h.borrow_mut().take() {
            v.close();
        }
    });
}

/// A resident's timeline page, rendered for real: the resident of the 10-year set with the most
/// records about her; the page mounted (with the app's context and a router) into the document
/// and laid out, `n` times. Beside it, the framework's floor: a plain list of as many items.
#[wasm_bindgen]
pub async fn bench_timeline(db: String, n: usize) -> Result<String, JsValue> {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    let v = Vault::open(&db).await.map_err(err)?;
    v.unlock(PASS).await.map_err(err)?;
    while v.open_deferred().map_err(err)? > 0 {}
    let (rid, entries) = v
        .read(|ix| {
            ix.all::<naungan::domain::resident::Resident>()
                .map(|r| {
                    let about: Vec<&naungan::domain::record::Record> = ix
                        .everything_about(&r.meta.id)
                        .into_iter()
                        .filter_map(|m| ix.record(&m.id))
                        .collect();
                    let on = naungan::domain::timeline::entries(about.into_iter()).len();
                    (r.meta.id.clone(), on)
                })
                .max_by_key(|(_, on)| *on)
        })
        .map_err(err)?
        .ok_or("no resident")?;
    let mut vault = Some(v);
    let document = web_sys::window()
        .ok_or("no window")?
        .document()
        .ok_or("no document")?;
    let body = document.body().ok_or("no body")?;
    let mut measure = |page: bool| -> Result<(f64, u32), JsValue> {
        let el: web_sys::HtmlElement = document.create_element("div")?.unchecked_into();
        body.append_child(&el)?;
        let t0 = clock::precise_ms();
        let handle: Box<dyn std::any::Any> = if page {
            naungan::ui::bench_mount_timeline(el.clone(), vault.take(), rid.clone())
        } else {
            Box::new(leptos::mount::mount_to(el.clone(), move || {
                view! { <ul>{(0..entries).map(|i| view! { <li>{format!("Entri {i}: 1 Januari 2026")}</li> }).collect_view()}</ul> }
            }))
        };
        let _ = el.offset_height();
        let ms = clock::precise_ms() - t0;
        let items = el.query_selector_all("li")?.length();
        drop(handle);
        el.remove();
        Ok((ms, items))
    };
    let (mut times, mut floor, mut items) = (vec![], vec![], 0);
    for _ in 0..n {
        let (ms, li) = measure(true)?;
        times.push(ms);
        items = li;
        floor.push(measure(false)?.0);
    }
    Ok(json!({ "entries": entries, "items": items, "times": times, "floor": floor }).to_string())
}

/// The aftercare follow-ups to chase: over the 10-year set's discharged residents through the
/// index (as the dashboard reads them), and over 2,000 discharged residents with their
/// follow-ups (`aftercare::to_chase` alone); `n` times each. Floor: counting the residents.
#[wasm_bindgen]
pub async fn bench_due(db: String, n: usize) -> Result<String, JsValue> {
    use naungan::domain::aftercare::{self, DEFAULT_INTERVALS};
    use naungan::domain::date::Date;
    let v = Vault::open(&db).await.map_err(err)?;
    v.unlock(PASS).await.map_err(err)?;
    while v.open_deferred().map_err(err)? > 0 {}
    let today = Date::new(2026, 12, 31).ok_or("date")?;
    let g = synthetic::generate(synthetic::SEED, synthetic::SHELTER_RESIDENTS, true);
    // Every discharge of the generated set, over and over to 2,000 residents' worth.
    let discharges: Vec<&aftercare::Discharge> = g
        .records
        .iter()
        .filter_map(|r| match &r.body {
            Some(RecordBody::Discharge(d)) => Some(d),
            _ => None,
        })
        .collect();
    let visits: Vec<&aftercare::FollowUpVisit> = g
        .records
        .iter()
        .filter_map(|r| match &r.body {
            Some(RecordBody::FollowUpVisit(f)) => Some(f),
            _ => None,
        })
        .collect();
    let cases: Vec<(usize, &aftercare::Discharge, Vec<&aftercare::FollowUpVisit>)> = (0..2_000)
        .map(|i| {
            let d = discharges[i % discharges.len()];
            let mine = visits
                .iter()
                .filter(|f| f.resident == d.resident)
                .copied()
                .collect();
            (i, d, mine)
        })
        .collect();
    let (mut index_ms, mut pure_ms, mut floor_ms) = (vec![], vec![], vec![]);
    let (mut listed, mut discharged) = (0, 0);
    for _ in 0..n {
        let t0 = clock::precise_ms();
        let list = v
            .read(|ix| ix.follow_ups_to_chase(&DEFAULT_INTERVALS, today, 14))
            .map_err(err)?;
        index_ms.push(clock::precise_ms() - t0);
        listed = list.len();
        let t0 = clock::precise_ms();
        let list = aftercare::to_chase(cases.clone(), &DEFAULT_INTERVALS, today, 14);
        pure_ms.push(clock::precise_ms() - t0);
        std::hint::black_box(list);
        let t0 = clock::precise_ms();
        discharged = v
            .read(|ix| ix.count::<aftercare::Discharge>())
            .map_err(err)?;
        let residents = v
            .read(|ix| ix.all::<naungan::domain::resident::Resident>().count())
            .map_err(err)?;
        floor_ms.push(clock::precise_ms() - t0);
        std::hint::black_box(residents);
    }
    v.close();
    Ok(
        json!({ "discharged": discharged, "listed": listed, "index_ms": index_ms,
        "pure_ms": pure_ms, "floor_ms": floor_ms })
        .to_string(),
    )
}
