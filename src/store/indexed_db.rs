//! The IndexedDB layout. Architecture Invariant: this file is the only one that touches
//! IndexedDB, and everything it writes was sealed before the transaction opened (an await on
//! anything but IndexedDB inside a transaction would commit it early).
//!
//! Database "naungan", version 1:
//! - `records`: one value per record, key path `id`, index `kind`. Values are [`SealedRecord`]s.
//! - `meta`: out-of-line keys. `"header"` holds the vault header (JSON text).

use super::error::StoreError;
use super::sealed_record::SealedRecord;
use indexed_db_futures::database::Database;
use indexed_db_futures::error::{DomException, Error as IdbError, OpenDbError};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{TransactionDurability, TransactionMode, TransactionOptions};
use indexed_db_futures::KeyPath;

pub const DB_VERSION: u32 = 1;
pub const RECORDS: &str = "records";
pub const META: &str = "meta";
const HEADER_KEY: &str = "header";

fn idb_err(e: IdbError) -> StoreError {
    match e {
        IdbError::DomException(DomException::ConstraintError(_)) => StoreError::AlreadyExists,
        IdbError::DomException(d) => {
            let d = web_sys::DomException::from(d);
            StoreError::WriteFailed(format!("{}: {}", d.name(), d.message()))
        }
        other => StoreError::WriteFailed(other.to_string()),
    }
}

fn open_err(e: OpenDbError) -> StoreError {
    StoreError::Unavailable(e.to_string())
}

pub struct IndexedDb {
    db: Database,
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
                // Version 2 and later: add stores here (new indexes on existing stores are possible
                // only inside this upgrade callback, so plan them with the version).
                Ok(())
            })
            .await
            .map_err(open_err)?;
        Ok(IndexedDb { db })
    }

    pub fn close(self) {
        self.db.close();
    }

    pub async fn read_header(&self) -> Result<Option<String>, StoreError> {
        let tx = self.db.transaction(META).build().map_err(idb_err)?;
        let store = tx.object_store(META).map_err(idb_err)?;
        let v: Option<String> = store
            .get(HEADER_KEY)
            .primitive()
            .map_err(idb_err)?
            .await
            .map_err(idb_err)?;
        Ok(v)
    }

    pub async fn read_all(&self) -> Result<Vec<SealedRecord>, StoreError> {
        let tx = self.db.transaction(RECORDS).build().map_err(idb_err)?;
        let store = tx.object_store(RECORDS).map_err(idb_err)?;
        let rows = store
            .get_all::<SealedRecord>()
            .serde()
            .map_err(idb_err)?
            .await
            .map_err(idb_err)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(idb_err)
    }

    /// Writes a header and records in one transaction: all of it or none of it.
    /// `creates` must not exist yet (a collision aborts everything); `updates` replace.
    pub async fn write(
        &self,
        header: Option<&str>,
        creates: &[SealedRecord],
        updates: &[SealedRecord],
    ) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction([RECORDS, META])
            .with_mode(TransactionMode::Readwrite)
            .with_options(TransactionOptions::new().with_durability(TransactionDurability::Strict))
            .build()
            .map_err(idb_err)?;
        {
            let records = tx.object_store(RECORDS).map_err(idb_err)?;
            for r in creates {
                records
                    .add(r)
                    .serde()
                    .map_err(idb_err)?
                    .await
                    .map_err(idb_err)?;
            }
            for r in updates {
                records
                    .put(r)
                    .serde()
                    .map_err(idb_err)?
                    .await
                    .map_err(idb_err)?;
            }
            if let Some(h) = header {
                let meta = tx.object_store(META).map_err(idb_err)?;
                meta.put(h)
                    .with_key(HEADER_KEY)
                    .primitive()
                    .map_err(idb_err)?
                    .await
                    .map_err(idb_err)?;
            }
        }
        tx.commit().await.map_err(idb_err)
    }

    /// Deletes the whole database (tests, and "erase this browser's data").
    pub async fn delete(name: &str) -> Result<(), StoreError> {
        Database::delete_by_name(name)
            .map_err(open_err)?
            .await
            .map_err(idb_err)
    }
}
