//! Raw views of storage (behind the `test-hooks` feature): data exactly as stored, data as an
//! older app wrote it, damaged segments. Tests and benchmarks only; the app never has these.

use super::super::indexed_db::{StoredSegment, Write};
use super::super::sealed_record::{self, SealedRecord};
use super::super::StoreError;
use super::Vault;
use crate::domain::record::RecordMeta;

impl Vault {
    /// The log's sealed rows exactly as stored (tests and benchmarks).
    pub async fn raw_records(&self) -> Result<Vec<SealedRecord>, StoreError> {
        Ok(self.db.read_each_segment(|_| {}).await?.0)
    }

    /// The sealed segments exactly as stored, by number (tests and benchmarks).
    pub async fn raw_segments(&self) -> Result<Vec<(u32, Vec<u8>)>, StoreError> {
        let mut out = vec![];
        self.db
            .read_each_segment(|s| out.push((s.n, s.sealed)))
            .await?;
        Ok(out)
    }

    pub async fn raw_header(&self) -> Result<Option<String>, StoreError> {
        self.db.read_header().await
    }

    /// Writes already-sealed rows as they are, in one transaction (tests that need data as an
    /// older app version wrote it). The in-memory index is not touched.
    pub async fn write_raw(&self, creates: &[SealedRecord]) -> Result<(), StoreError> {
        self.db
            .write(Write {
                log_creates: creates,
                ..Write::default()
            })
            .await
    }

    /// Replaces a segment's stored bytes as they are, if the stored segment's nonce is
    /// `expected` (`None`: if there is none). Tests of damaged storage and of the guard against
    /// overwriting another tab's segment.
    pub async fn write_raw_segment(
        &self,
        n: u32,
        sealed: Vec<u8>,
        expected: Option<Vec<u8>>,
    ) -> Result<(), StoreError> {
        self.db
            .write(Write {
                segments: &[(StoredSegment { n, sealed }, expected)],
                ..Write::default()
            })
            .await
    }

    /// Seals content in an explicit schema with this session's key (tests of migrations).
    pub fn seal_raw(
        &self,
        meta: &RecordMeta,
        schema: u32,
        body: serde_json::Value,
    ) -> Result<SealedRecord, StoreError> {
        self.session
            .borrow()
            .as_ref()
            .map(|s| sealed_record::seal_raw(&s.key, meta, schema, body))
            .ok_or(StoreError::Locked)
    }
}
