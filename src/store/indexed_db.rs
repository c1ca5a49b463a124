//! The IndexedDB layout. Architecture Invariant: this file is the only one that touches
//! IndexedDB, and everything it writes was sealed before the transaction opened (an await on
//! anything but IndexedDB inside a transaction would commit it early).
//!
//! Database "naungan", version 2:
//! - `segments` (since version 2): the bulk of the records, many to a value (see `segment.rs`).
//!   Key path `n`, the segment number. Values are [`StoredSegment`]s.
//! - `records`: the log, one value per record, key path `id`, index `kind`. Values are
//!   [`SealedRecord`]s. Saves land here; compaction folds them into segments. (In version 1 it
//!   held every record; such a vault is simply one whose log has not been compacted yet.)
//! - `meta`: out-of-line keys. `"header"` holds the vault header (JSON text); `"generation"`
//!   counts record writes, so a tab can tell that another one wrote since it last read.

use super::error::StoreError;
use super::sealed_record::SealedRecord;
use indexed_db_futures::database::Database;
use indexed_db_futures::error::{
    DomException, Error as IdbError, OpenDbError, UnexpectedDataError,
};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{TransactionDurability, TransactionMode, TransactionOptions};
use indexed_db_futures::KeyPath;
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub const DB_VERSION: u32 = 2;
pub const RECORDS: &str = "records";
pub const SEGMENTS: &str = "segments";
pub const META: &str = "meta";
const HEADER_KEY: &str = "header";
/// How many record writes the vault has had (a number; absent means 0). See `Write::generation`.
const GENERATION_KEY: &str = "generation";
/// Which data key the stored records are sealed under (`VaultHeader::epoch`).
const EPOCH_KEY: &str = "epoch";
/// The last entry this laptop wrote in the record of who did what: number and hash, sealed
/// (hex), kept apart from the entries so that entries cut off the end show.
pub const ACCESS_TAIL_KEY: &str = "access_tail";
/// Failed sign-ins while locked (JSON, in the clear: names only, like the lock screen), moved
/// into the record of who did what at the next sign-in.
pub const FAILED_SIGN_INS_KEY: &str = "failed_sign_ins";

fn idb_err(e: IdbError) -> StoreError {
    match e {
        IdbError::DomException(DomException::ConstraintError(_)) => StoreError::AlreadyExists,
        IdbError::DomException(d) => {
            let d = web_sys::DomException::from(d);
            if d.name() == "QuotaExceededError" {
                return StoreError::StorageFull;
            }
            StoreError::WriteFailed(format!("{}: {}", d.name(), d.message()))
        }
        other => StoreError::WriteFailed(other.to_string()),
    }
}

fn open_err(e: OpenDbError) -> StoreError {
    // A newer build has upgraded the database past the version this build knows.
    if let OpenDbError::Base(IdbError::DomException(d)) = &e {
        if web_sys::DomException::from(d.clone()).name() == "VersionError" {
            return StoreError::NewerVersion;
        }
    }
    StoreError::Unavailable(e.to_string())
}

/// What happens to the database connection that a page should know about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConnectionEvent {
    /// A newer build is opening the database in another tab: this tab's connection is closed
    /// so the upgrade can go ahead; this tab must be reloaded to go on.
    ClosedForNewerVersion,
    /// This build's upgrade of the database waits for another tab, of an older build, that
    /// keeps it open.
    UpgradeBlocked,
}

type Listener = Box<dyn Fn(ConnectionEvent)>;

thread_local! {
    static LISTENER: RefCell<Option<Listener>> = const { RefCell::new(None) };
}

/// A second connection to the same database that only listens for `versionchange` (the
/// library's connection does not expose the event without a larger dependency). When a newer
/// build asks to upgrade, both connections are closed at once, so the upgrade is not blocked.
type Ear = Rc<RefCell<Option<web_sys::IdbDatabase>>>;

fn listen_for_upgrade(name: &str, main: Database, closed: Rc<Cell<bool>>) -> Ear {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let ear: Ear = Rc::new(RefCell::new(None));
    let factory = web_sys::window().and_then(|w| w.indexed_db().ok().flatten());
    let Some(req) = factory.and_then(|f| f.open_with_u32(name, DB_VERSION).ok()) else {
        return ear;
    };
    let (r, slot) = (req.clone(), ear.clone());
    let on_open = Closure::once(move || {
        let Ok(conn) = r.result() else { return };
        let conn: web_sys::IdbDatabase = conn.unchecked_into();
        let me = conn.clone();
        let on_change = Closure::<dyn FnMut()>::new(move || {
            closed.set(true);
            me.close();
            main.clone().close();
            on_connection_event(ConnectionEvent::ClosedForNewerVersion);
        });
        conn.set_onversionchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
        *slot.borrow_mut() = Some(conn);
    });
    req.set_onsuccess(Some(on_open.as_ref().unchecked_ref()));
    on_open.forget();
    ear
}

/// Who hears `ConnectionEvent`s (the UI sets one at start).
pub fn set_connection_listener(f: impl Fn(ConnectionEvent) + 'static) {
    LISTENER.with(|l| *l.borrow_mut() = Some(Box::new(f)));
}

fn on_connection_event(e: ConnectionEvent) {
    web_sys::console::warn_1(&format!("IndexedDB: {e:?}").into());
    LISTENER.with(|l| {
        if let Some(f) = l.borrow().as_ref() {
            f(e);
        }
    });
}

pub struct IndexedDb {
    db: Database,
    /// Set when a newer build asked to upgrade the database (`versionchange`): this connection
    /// was closed so the upgrade is not blocked, and every later call says `NewerVersion`.
    closed_for_upgrade: Rc<Cell<bool>>,
    ear: Ear,
}

/// One segment as stored: its number and its sealed bytes (a Uint8Array in IndexedDB).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredSegment {
    pub n: u32,
    #[serde(with = "serde_bytes")]
    pub sealed: Vec<u8>,
}

impl StoredSegment {
    /// The nonce in front of the sealed bytes: it changes with every rewrite.
    pub fn nonce(&self) -> &[u8] {
        &self.sealed[..self.sealed.len().min(crate::store::crypto::NONCE_LEN)]
    }
}

/// One write transaction: all of it, or nothing.
#[derive(Default)]
pub struct Write<'a> {
    pub header: Option<&'a str>,
    /// New log rows; one that exists already aborts the write (`AlreadyExists`).
    pub log_creates: &'a [SealedRecord],
    /// Log rows that replace what is there.
    pub log_updates: &'a [SealedRecord],
    /// Segments to put, each with the nonce of the version it replaces (`None`: it must not
    /// exist). If another tab rewrote one since it was read, the write aborts (`Stale`).
    pub segments: &'a [(StoredSegment, Option<Vec<u8>>)],
    /// New segments (that must not exist), made as they are written: each is taken from the
    /// iterator (sealed, for a restore) just before its request goes out, so IndexedDB writes
    /// one while the next is made. An error from it rolls the whole write back.
    pub new_segments: Option<&'a mut dyn Iterator<Item = Result<StoredSegment, StoreError>>>,
    /// Log rows folded into the segments above: each is deleted if it is still exactly as read
    /// (a newer save of the same record, from another tab, stays).
    pub log_folded: &'a [SealedRecord],
    /// For a write of records: the write generation the writer last saw, and the next one. If
    /// the stored generation is not the first (another tab wrote meanwhile), nothing is
    /// written (`Changed`). Compaction, which changes no record, passes `None`.
    pub generation: Option<(u64, u64)>,
    /// For a write by an unlocked session: the key epoch it holds, and the one it leaves (one
    /// more after a rotation). If the stored epoch differs (another tab replaced the data key),
    /// nothing is written (`KeyChanged`): no tab writes under a key the header no longer has.
    pub epoch: Option<(u32, u32)>,
    /// Other values of the `meta` store to put (`ACCESS_TAIL_KEY`, `FAILED_SIGN_INS_KEY`).
    pub meta: &'a [(&'static str, String)],
}

impl IndexedDb {
    /// Opens (creating or upgrading) the database. Upgrades run in order, one per version.
    pub async fn open(name: &str) -> Result<IndexedDb, StoreError> {
        let db = Database::open(name)
            .with_version(DB_VERSION)
            .with_on_upgrade_needed(|event, db| {
                let old = event.old_version() as u32;
                if old < 1 {
                    let records = db
                        .create_object_store(RECORDS)
                        .with_key_path(KeyPath::One("id"))
                        .build()?;
                    records.create_index("kind", KeyPath::One("kind")).build()?;
                    db.create_object_store(META).build()?;
                }
                if old < 2 {
                    db.create_object_store(SEGMENTS)
                        .with_key_path(KeyPath::One("n"))
                        .build()?;
                }
                // Version 3 and later: add stores here (new indexes on existing stores are possible
                // only inside this upgrade callback, so plan them with the version).
                Ok(())
            })
            // Another tab of an older build keeps the database open: this open waits until
            // that tab lets go (it does when it hears `versionchange`; an older build that
            // does not must be reloaded or closed by hand).
            .with_on_blocked(|_| {
                on_connection_event(ConnectionEvent::UpgradeBlocked);
                Ok(())
            })
            .await
            .map_err(open_err)?;
        let closed_for_upgrade = Rc::new(Cell::new(false));
        let ear = listen_for_upgrade(name, db.clone(), closed_for_upgrade.clone());
        Ok(IndexedDb {
            db,
            closed_for_upgrade,
            ear,
        })
    }

    fn db(&self) -> Result<&Database, StoreError> {
        if self.closed_for_upgrade.get() {
            return Err(StoreError::NewerVersion);
        }
        Ok(&self.db)
    }

    pub fn close(self) {
        if let Some(e) = self.ear.borrow_mut().take() {
            e.close();
        }
        self.db.close();
    }

    pub async fn read_header(&self) -> Result<Option<String>, StoreError> {
        let tx = self.db()?.transaction(META).build().map_err(idb_err)?;
        let store = tx.object_store(META).map_err(idb_err)?;
        let v: Option<String> = store
            .get(HEADER_KEY)
            .primitive()
            .map_err(idb_err)?
            .await
            .map_err(idb_err)?;
        Ok(v)
    }

    /// How many record writes the vault has had (see `Write::generation`).
    pub async fn read_generation(&self) -> Result<u64, StoreError> {
        let tx = self.db()?.transaction(META).build().map_err(idb_err)?;
        let stored = tx
            .object_store(META)
            .map_err(idb_err)?
            .get::<f64, _, _>(GENERATION_KEY)
            .primitive()
            .map_err(idb_err)?
            .await
            .map_err(idb_err)?;
        Ok(stored.unwrap_or(0.0) as u64)
    }

    /// A text value of the `meta` store (`ACCESS_TAIL_KEY`, `FAILED_SIGN_INS_KEY`).
    pub async fn read_meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        let tx = self.db()?.transaction(META).build().map_err(idb_err)?;
        let store = tx.object_store(META).map_err(idb_err)?;
        let v: Option<String> = store
            .get(key)
            .primitive()
            .map_err(idb_err)?
            .await
            .map_err(idb_err)?;
        Ok(v)
    }

    /// The key epoch the stored records are sealed under (see `Write::epoch`).
    pub async fn read_epoch(&self) -> Result<u32, StoreError> {
        let tx = self.db()?.transaction(META).build().map_err(idb_err)?;
        let stored = tx
            .object_store(META)
            .map_err(idb_err)?
            .get::<f64, _, _>(EPOCH_KEY)
            .primitive()
            .map_err(idb_err)?
            .await
            .map_err(idb_err)?;
        Ok(stored.unwrap_or(0.0) as u32)
    }

    /// Every segment, handed to `each` as it arrives, and then the log, in one transaction.
    /// All requests are issued first, so IndexedDB reads the next segments while `each` works on
    /// this one (`each` must not await: it runs between this transaction's requests).
    /// Returns the log and the write generation.
    pub async fn read_each_segment(
        &self,
        mut each: impl FnMut(StoredSegment),
    ) -> Result<(Vec<SealedRecord>, u64), StoreError> {
        let tx = self
            .db()?
            .transaction([SEGMENTS, RECORDS, META])
            .build()
            .map_err(idb_err)?;
        let generation = tx
            .object_store(META)
            .map_err(idb_err)?
            .get::<f64, _, _>(GENERATION_KEY)
            .primitive()
            .map_err(idb_err)?;
        let segments = tx.object_store(SEGMENTS).map_err(idb_err)?;
        let numbers = segments
            .get_all_keys::<u32>()
            .primitive()
            .map_err(idb_err)?
            .await
            .map_err(idb_err)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(idb_err)?;
        let gets = numbers
            .iter()
            .map(|n| segments.get::<StoredSegment, _, _>(*n).serde())
            .collect::<Result<Vec<_>, _>>()
            .map_err(idb_err)?;
        let log = tx
            .object_store(RECORDS)
            .map_err(idb_err)?
            .get_all::<SealedRecord>()
            .serde()
            .map_err(idb_err)?;
        let generation = generation.await.map_err(idb_err)?.unwrap_or(0.0) as u64;
        for get in gets {
            if let Some(seg) = get.await.map_err(idb_err)? {
                each(seg);
            }
        }
        let log = log
            .await
            .map_err(idb_err)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(idb_err)?;
        Ok((log, generation))
    }

    /// The log and the numbers of every segment, in one transaction.
    pub async fn read_log_and_segment_numbers(
        &self,
    ) -> Result<(Vec<SealedRecord>, Vec<u32>), StoreError> {
        let tx = self
            .db()?
            .transaction([SEGMENTS, RECORDS])
            .build()
            .map_err(idb_err)?;
        let keys = tx
            .object_store(SEGMENTS)
            .map_err(idb_err)?
            .get_all_keys::<u32>()
            .primitive()
            .map_err(idb_err)?
            .await
            .map_err(idb_err)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(idb_err)?;
        let log = tx
            .object_store(RECORDS)
            .map_err(idb_err)?
            .get_all::<SealedRecord>()
            .serde()
            .map_err(idb_err)?
            .await
            .map_err(idb_err)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(idb_err)?;
        Ok((log, keys))
    }

    /// The segments with these numbers (those that exist), in one transaction.
    pub async fn read_segments(&self, numbers: &[u32]) -> Result<Vec<StoredSegment>, StoreError> {
        let tx = self.db()?.transaction(SEGMENTS).build().map_err(idb_err)?;
        let store = tx.object_store(SEGMENTS).map_err(idb_err)?;
        // Every request is issued before any is awaited: the awaits then wait for results already
        // on their way, not for one round trip per segment.
        let gets = numbers
            .iter()
            .map(|n| store.get::<StoredSegment, _, _>(*n).serde())
            .collect::<Result<Vec<_>, _>>()
            .map_err(idb_err)?;
        let mut out = vec![];
        for get in gets {
            out.extend(get.await.map_err(idb_err)?);
        }
        Ok(out)
    }

    /// Writes in one transaction: all of it or none of it. See [`Write`]. Requests of one kind
    /// are all issued before the first is awaited (IndexedDB runs them in order either way), so
    /// forty segments cost one round trip, not forty.
    pub async fn write(&self, w: Write<'_>) -> Result<(), StoreError> {
        let tx = self
            .db()?
            .transaction([RECORDS, SEGMENTS, META])
            .with_mode(TransactionMode::Readwrite)
            .with_options(TransactionOptions::new().with_durability(TransactionDurability::Strict))
            .build()
            .map_err(idb_err)?;
        {
            // The count is read and the next one written at once, with everything below; if it
            // was not what this tab saw, returning drops the transaction uncommitted, which
            // rolls all of it back. (Checking first would cost a round trip per save.)
            let mut generation = None;
            if let Some((seen, next)) = w.generation {
                let meta = tx.object_store(META).map_err(idb_err)?;
                let stored = meta
                    .get::<f64, _, _>(GENERATION_KEY)
                    .primitive()
                    .map_err(idb_err)?;
                let put = meta
                    .put(next as f64)
                    .with_key(GENERATION_KEY)
                    .primitive()
                    .map_err(idb_err)?;
                generation = Some((seen, stored, put));
            }
            let mut epoch = None;
            if let Some((held, next)) = w.epoch {
                let meta = tx.object_store(META).map_err(idb_err)?;
                let stored = meta
                    .get::<f64, _, _>(EPOCH_KEY)
                    .primitive()
                    .map_err(idb_err)?;
                let put = (held != next)
                    .then(|| meta.put(next as f64).with_key(EPOCH_KEY).primitive())
                    .transpose()
                    .map_err(idb_err)?;
                epoch = Some((held, stored, put));
            }
            let segments = tx.object_store(SEGMENTS).map_err(idb_err)?;
            let replaced: Vec<&(StoredSegment, Option<Vec<u8>>)> =
                w.segments.iter().filter(|(_, e)| e.is_some()).collect();
            let gets = replaced
                .iter()
                .map(|(seg, _)| segments.get::<StoredSegment, _, _>(seg.n).serde())
                .collect::<Result<Vec<_>, _>>()
                .map_err(idb_err)?;
            if let Some((held, stored, put)) = epoch {
                if stored.await.map_err(idb_err)?.unwrap_or(0.0) as u32 != held {
                    return Err(StoreError::KeyChanged);
                }
                if let Some(put) = put {
                    put.await.map_err(idb_err)?;
                }
            }
            for ((_, expected), get) in replaced.iter().zip(gets) {
                let current = get.await.map_err(idb_err)?;
                if current.as_ref().map(StoredSegment::nonce) != expected.as_deref() {
                    // Another tab rewrote it. Dropping the transaction uncommitted rolls it back.
                    return Err(StoreError::Stale);
                }
            }
            // New segments are added: one another tab created meanwhile aborts the write.
            let mut puts = w
                .segments
                .iter()
                .map(|(seg, expected)| match expected {
                    Some(_) => segments.put(seg).serde(),
                    None => segments.add(seg).serde(),
                })
                .collect::<Result<Vec<_>, _>>()
                .map_err(idb_err)?;
            for seg in w.new_segments.into_iter().flatten() {
                // Returning here drops the transaction uncommitted: nothing is written.
                puts.push(segments.add(&seg?).serde().map_err(idb_err)?);
            }
            for put in puts {
                put.await.map_err(|e| match idb_err(e) {
                    StoreError::AlreadyExists => StoreError::Stale,
                    other => other,
                })?;
            }

            let records = tx.object_store(RECORDS).map_err(idb_err)?;
            let gets = w
                .log_folded
                .iter()
                .map(|r| records.get::<SealedRecord, _, _>(r.id.as_str()).serde())
                .collect::<Result<Vec<_>, _>>()
                .map_err(idb_err)?;
            let mut deletes = vec![];
            for (r, get) in w.log_folded.iter().zip(gets) {
                if get.await.map_err(idb_err)?.as_ref() == Some(r) {
                    deletes.push(records.delete(r.id.as_str()).primitive().map_err(idb_err)?);
                }
            }
            for delete in deletes {
                delete.await.map_err(idb_err)?;
            }
            let mut writes = vec![];
            for r in w.log_creates {
                writes.push(records.add(r).serde().map_err(idb_err)?);
            }
            for r in w.log_updates {
                writes.push(records.put(r).serde().map_err(idb_err)?);
            }
            if let Some((seen, stored, put)) = generation {
                if stored.await.map_err(idb_err)?.unwrap_or(0.0) as u64 != seen {
                    return Err(StoreError::Changed);
                }
                put.await.map_err(idb_err)?;
            }
            for write in writes {
                write.await.map_err(idb_err)?;
            }
            if !w.meta.is_empty() {
                let meta = tx.object_store(META).map_err(idb_err)?;
                let puts = w
                    .meta
                    .iter()
                    .map(|(k, v)| meta.put(v.as_str()).with_key(*k).primitive())
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(idb_err)?;
                for put in puts {
                    put.await.map_err(idb_err)?;
                }
            }
            if let Some(h) = w.header {
                let meta = tx.object_store(META).map_err(idb_err)?;
                meta.put(h)
                    .with_key(HEADER_KEY)
                    .primitive()
                    .map_err(idb_err)?
                    .await
                    .map_err(idb_err)?;
            }
        }
        tx.commit().await.map_err(|e| self.commit_err(e))
    }

    /// Why a write that every request had accepted did not commit. The browser aborts it
    /// without a request error when the site's storage quota is exceeded (QuotaExceededError on
    /// the transaction, which the library does not pass on) or the disk fails under it; the
    /// advice is the same for both: free some disk space. A connection closed for a newer
    /// build says so instead.
    fn commit_err(&self, e: IdbError) -> StoreError {
        if self.closed_for_upgrade.get() {
            return StoreError::NewerVersion;
        }
        match e {
            IdbError::MissingData(UnexpectedDataError::TransactionAborted) => {
                StoreError::StorageFull
            }
            other => idb_err(other),
        }
    }

    /// Deletes the whole database (tests, and "erase this browser's data").
    pub async fn delete(name: &str) -> Result<(), StoreError> {
        Database::delete_by_name(name)
            .map_err(open_err)?
            .await
            .map_err(idb_err)
    }
}
