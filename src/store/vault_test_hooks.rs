//! Raw views of storage (behind the `test-hooks` feature): data exactly as stored, data as an
//! older app wrote it, damaged segments. Tests and benchmarks only; the app never has these.

use super::super::crypto::Key;
use super::super::indexed_db::{StoredSegment, Write};
use super::super::sealed_record::{self, SealedRecord};
use super::super::segment;
use super::super::vault_header::VaultHeader;
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

    /// A copy of this session's data key, as someone with developer tools could take it from
    /// an unlocked tab (tests of what an old key can still open).
    pub fn copy_of_data_key(&self) -> Result<[u8; 32], StoreError> {
        self.session
            .borrow()
            .as_ref()
            .map(|s| *s.key.bytes())
            .ok_or(StoreError::Locked)
    }

    /// A copy of this session's restricted-content key, if it holds one (tests of what a
    /// copied-out key can still open after its holder leaves).
    pub fn copy_of_restricted_key(&self) -> Result<Option<[u8; 32]>, StoreError> {
        self.session
            .borrow()
            .as_ref()
            .map(|s| s.restricted.as_ref().map(|k| *k.bytes()))
            .ok_or(StoreError::Locked)
    }

    /// Everything stored that `data_key` opens (segments and log rows), as one run of bytes:
    /// what someone with a copy of that key and the database could read.
    pub async fn plaintext_with(&self, data_key: &[u8; 32]) -> Result<Vec<u8>, StoreError> {
        let key = Key::from_slice(data_key).ok_or(StoreError::BadHeader)?;
        let mut out = vec![];
        let (rows, _) = self
            .db
            .read_each_segment(|s| {
                if let Ok(p) = segment::open(&key, s.n, &s.sealed) {
                    out.extend_from_slice(&p);
                }
            })
            .await?;
        for r in &rows {
            if let Ok(p) = sealed_record::open_plain(&key, r) {
                out.extend_from_slice(&p);
            }
        }
        Ok(out)
    }

    /// Of the restricted fields stored (read with this session's data key): how many there
    /// are, and how many `restricted_key` opens.
    pub async fn restricted_fields_opening_with(
        &self,
        restricted_key: &[u8; 32],
    ) -> Result<(usize, usize), StoreError> {
        let rk = Key::from_slice(restricted_key).ok_or(StoreError::BadHeader)?;
        let dk = Key::from_slice(&self.copy_of_data_key()?).ok_or(StoreError::BadHeader)?;
        let mut contents: Vec<(String, String, Vec<u8>)> = vec![];
        let (rows, _) = self
            .db
            .read_each_segment(|s| {
                if let Ok(p) = segment::open(&dk, s.n, &s.sealed) {
                    for e in segment::decode(&p).into_iter().flatten() {
                        contents.push((e.id.into(), e.kind.into(), e.content.to_vec()));
                    }
                }
            })
            .await?;
        for r in &rows {
            if let Ok(p) = sealed_record::open_plain(&dk, r) {
                contents.push((r.id.clone(), r.kind.clone(), p.to_vec()));
            }
        }
        let (mut total, mut opened) = (0, 0);
        for (id, kind, c) in &contents {
            let (t, o) = super::super::restricted::count_opening(c, id, kind, &rk);
            total += t;
            opened += o;
        }
        Ok((total, opened))
    }

    /// Whether this session holds the restricted-content key.
    pub fn holds_restricted_key(&self) -> Result<bool, StoreError> {
        self.session
            .borrow()
            .as_ref()
            .map(|s| s.restricted.is_some())
            .ok_or(StoreError::Locked)
    }

    /// How many stored segments and log rows open with `key`: (segments, rows).
    pub async fn opened_with(&self, key: &[u8; 32]) -> Result<(usize, usize), StoreError> {
        let key = Key::from_slice(key).ok_or(StoreError::BadHeader)?;
        let mut segments = 0;
        let (rows, _) = self
            .db
            .read_each_segment(|s| {
                if segment::open(&key, s.n, &s.sealed).is_ok() {
                    segments += 1;
                }
            })
            .await?;
        let rows = rows
            .iter()
            .filter(|r| sealed_record::open_plain(&key, r).is_ok())
            .count();
        Ok((segments, rows))
    }

    /// Rewrites the header in the first format for this session's data key: one passphrase
    /// slot for the signed-in member and a recovery slot, each wrapping the data key itself, as
    /// the app wrote them before staff had key pairs. Returns the recovery code.
    pub async fn rewrite_header_in_first_format(
        &self,
        passphrase: &str,
    ) -> Result<String, StoreError> {
        let (key, staff) = {
            let g = self.session.borrow();
            let s = g.as_ref().ok_or(StoreError::Locked)?;
            (s.key.duplicate(), s.staff_id.clone())
        };
        let code = super::super::recovery_code::generate().map_err(super::crypto_err)?;
        let secret = VaultHeader::recovery_secret(&code).ok_or(StoreError::NoRandomness)?;
        let mut header = self.header().await?;
        let p = self.new_kek(passphrase.as_bytes()).await?;
        let r = self.new_kek(secret.as_bytes()).await?;
        header = VaultHeader::first_format(&key, staff.as_str(), p, r, header.device)
            .map_err(super::crypto_err)?;
        let h = header.to_json();
        self.db
            .write(Write {
                header: Some(&h),
                ..Write::default()
            })
            .await?;
        Ok(code.to_string())
    }
}
