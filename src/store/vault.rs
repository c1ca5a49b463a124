//! The vault: the store's one interface. It speaks records; how they lie in IndexedDB is private.
//!
//! Locked, it holds nothing but the database handle. Unlocking derives the key-encryption key
//! from the passphrase, unwraps the data key, then reads and opens every record once into an
//! in-memory index that lists and searches use. Saving seals first, then writes in one
//! transaction, then updates the index: memory never runs ahead of storage.
//!
//! At rest, most records lie in segments (about a megabyte of records sealed as one value; see
//! `segment.rs`) and the latest saves in a log of one value per record. A save of a few records
//! goes to the log (one small put); a bulk write (a restore, an import) goes straight into
//! segments. Compaction folds the log into segments once it holds [`LOG_COMPACT_AT`] rows, at
//! unlock, and when the app locks. When a record has copies in both, the later revision wins.

use super::clock;
use super::crypto::{self, CryptoError, InPlace, Kdf, KdfParams, Key};
use super::error::StoreError;
use super::index::{Chunks, Index, Pending, PendingEntry, Span};
use super::indexed_db::{IndexedDb, StoredSegment, Write, ACCESS_TAIL_KEY, FAILED_SIGN_INS_KEY};
use super::recovery_code;
use super::restricted;
use super::sealed_record::{self, OpenError, SealedRecord};
use super::segment::{self, Entry, Place};
use super::vault_header::{Kek, Keys, UnlockError, VaultHeader};
use crate::domain::access_log::{self, AccessAction, AccessDraft, AccessEntry, Break, Tail};
use crate::domain::cohort::{self, Cohort};
use crate::domain::conduct::HouseRule;
use crate::domain::date::Date;
use crate::domain::guidance::GuidanceSchedule;
use crate::domain::id::RecordId;
use crate::domain::merge::{self, Choice, MergePlan, MergeSummary};
use crate::domain::permissions::{can_write, holds_restricted_key, section_of, Section};
use crate::domain::record::{Kind, Record, RecordBody, RecordKind, RecordMeta, Stamp};
use crate::domain::resident::Resident;
use crate::domain::restricted::Restricted;
use crate::domain::rota::Chore;
use crate::domain::shelter::Shelter;
use crate::domain::sorting;
use crate::domain::staff::{StaffMember, StaffRole};
use crate::domain::vocational::VocationalField;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use zeroize::Zeroizing;

// Raw views of storage for tests and benchmarks, outside the app's API.
#[cfg(feature = "test-hooks")]
#[path = "vault_test_hooks.rs"]
mod test_hooks;

pub const DEFAULT_DB_NAME: &str = "naungan";
/// A write of more records than this goes straight into segments instead of the log.
pub const LOG_DIRECT_MAX: usize = 64;
/// Compaction runs after a save once the log holds this many rows (and at unlock).
pub const LOG_COMPACT_AT: usize = 256;

/// One change in a save. Updates and deletes name the revision they were made from, so a
/// change made on stale data (another tab saved in between) is refused instead of lost.
#[derive(Clone, Debug)]
pub enum Change {
    Create {
        id: RecordId,
        body: RecordBody,
    },
    Update {
        id: RecordId,
        base_rev: u32,
        body: RecordBody,
    },
    Delete {
        id: RecordId,
        base_rev: u32,
    },
}

impl Change {
    pub fn create<K: Kind>(id: RecordId, body: K) -> Change {
        Change::Create {
            id,
            body: body.into_body(),
        }
    }

    /// A new revision of `was` (its id and the revision it was read at).
    pub fn update<K: Kind>(was: &RecordMeta, body: K) -> Change {
        Change::Update {
            id: was.id.clone(),
            base_rev: was.rev,
            body: body.into_body(),
        }
    }

    pub fn delete(was: &RecordMeta) -> Change {
        Change::Delete {
            id: was.id.clone(),
            base_rev: was.rev,
        }
    }
}

/// What unlocking found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnlockReport {
    pub records: usize,
    /// Records whose content was in an older schema and was migrated (and saved again).
    pub migrated: usize,
    /// Ids of records that could not be opened (damaged, or from a newer app). They are kept
    /// in storage untouched, and reported so staff can restore them from a backup.
    pub unreadable: Vec<String>,
    /// Records checked but not parsed yet (deferred kinds); included in `records`.
    pub deferred: usize,
    /// A recovery code that replaced the old one at this unlock (a vault of the first header
    /// format): shown once, like the first.
    pub new_recovery_code: Option<Zeroizing<String>>,
}

struct Session {
    key: Key,
    /// The restricted-content key, if this staff member's role may read restricted content.
    restricted: Option<Key>,
    /// Which data key this is (`VaultHeader::epoch`); every write checks it.
    epoch: u32,
    device: String,
    staff_id: RecordId,
    index: Index,
    /// Which segment holds (a copy of) each record, by a 64-bit hash of its id: where
    /// compaction puts its newer copy. Only a hint: a wrong one (a hash collision, one in
    /// billions) leaves an older copy behind, which loading ignores.
    placement: HashMap<u64, u32>,
    /// Rows in the log, as far as this tab knows.
    log_rows: usize,
    /// The last entry this laptop wrote in the record of who did what.
    access_tail: Option<Tail>,
    /// How many record writes the vault had when this session last read or wrote it. Every
    /// record write checks and bumps the stored count in its transaction: if another tab wrote
    /// in between, the write is refused (`Changed`), the session reads everything again, and
    /// the save is checked once more against what is now stored. No tab overwrites another's
    /// save unseen.
    generation: u64,
}

impl Session {
    fn new(keys: Keys, epoch: u32, device: String, staff_id: RecordId) -> Session {
        Session {
            key: keys.data,
            restricted: keys.restricted,
            epoch,
            device,
            staff_id,
            index: Index::default(),
            placement: HashMap::new(),
            access_tail: None,
            log_rows: 0,
            generation: 0,
        }
    }

    fn keys(&self) -> Keys {
        Keys {
            data: self.key.duplicate(),
            restricted: self.restricted.as_ref().map(Key::duplicate),
        }
    }

    /// What every write of this session passes (see `Write::epoch`).
    fn epoch(&self) -> Option<(u32, u32)> {
        Some((self.epoch, self.epoch))
    }

    fn stamp(&self) -> Stamp {
        Stamp {
            by: self.staff_id.clone(),
            at: clock::now(),
            device: self.device.clone(),
        }
    }

    /// What happened, by this session's member, now.
    fn draft(
        &self,
        action: AccessAction,
        record: Option<String>,
        fields: Vec<String>,
    ) -> AccessDraft {
        AccessDraft {
            at: Date::iso_instant(clock::now()),
            staff: self.staff_id.to_string(),
            action,
            record,
            fields,
        }
    }

    /// Entries for `drafts` on this laptop's chain after `start`, as records to write.
    fn entries(
        &self,
        start: Option<Tail>,
        drafts: Vec<AccessDraft>,
    ) -> Result<Vec<Record>, StoreError> {
        let stamp = self.stamp();
        let mut tail = start;
        let mut out = vec![];
        for d in drafts {
            let e = access_log::append_after(&self.device, tail.as_ref(), d);
            tail = Some(Tail::of(&e));
            out.push(Record::create(
                clock::new_id()?,
                RecordBody::AccessEntry(e),
                &stamp,
            ));
        }
        Ok(out)
    }

    /// The tail after `records`, if they hold entries of this laptop's chain.
    fn tail_after(&self, records: &[Record]) -> Option<Tail> {
        records
            .iter()
            .filter_map(|r| match &r.body {
                Some(RecordBody::AccessEntry(e)) if e.chain == self.device => Some(e),
                _ => None,
            })
            .max_by_key(|e| e.seq)
            .map(Tail::of)
    }

    fn place(&mut self, placed: Vec<(u64, u32)>) {
        self.placement.extend(placed);
    }

    fn is_stored(&self, id: &RecordId) -> bool {
        self.index.record(id).is_some()
    }
}

/// The latest copy of a record found in the segments at unlock.
struct Found {
    rev: u32,
    updated: f64,
    deleted: bool,
    segment: u32,
    /// Its place in storage order.
    seq: usize,
    what: What,
}

enum What {
    Parsed(Box<Result<(Record, bool), OpenError>>),
    /// A deferred kind's content, copied into that kind's bytes at `span`.
    Pending {
        kind: RecordKind,
        span: Span,
    },
}

impl Found {
    fn head<'a>(&self, id: &'a str) -> Entry<'a> {
        Entry {
            id,
            kind: "",
            rev: self.rev,
            updated: self.updated,
            deleted: self.deleted,
            content: &[],
        }
    }
}

pub struct Vault {
    db: IndexedDb,
    kdf_log_n: u8,
    /// Where key derivations run (see `crypto::Kdf`).
    kdf: Box<dyn Kdf>,
    session: RefCell<Option<Session>>,
    /// How long the phases of the last set-up, restore, unlock or save took.
    phases: RefCell<clock::Phases>,
}

impl Vault {
    pub async fn open(db_name: &str) -> Result<Vault, StoreError> {
        Self::open_with_kdf(db_name, KdfParams::DEFAULT_LOG_N).await
    }

    /// `kdf_log_n` sets the scrypt cost of slots written from now on (tests use a low one).
    pub async fn open_with_kdf(db_name: &str, kdf_log_n: u8) -> Result<Vault, StoreError> {
        Ok(Vault {
            db: IndexedDb::open(db_name).await?,
            kdf_log_n,
            kdf: Box::new(InPlace),
            session: RefCell::new(None),
            phases: RefCell::new(clock::Phases::default()),
        })
    }

    /// Key derivations run through `kdf` (the app: a worker) instead of in place.
    pub fn with_kdf(mut self, kdf: Box<dyn Kdf>) -> Vault {
        self.kdf = kdf;
        self
    }

    /// Deletes a whole vault database: every record and the key slots. Tests use it; the app
    /// will offer it as "erase this laptop's data".
    pub async fn erase(db_name: &str) -> Result<(), StoreError> {
        IndexedDb::delete(db_name).await
    }

    pub fn close(self) {
        self.lock();
        self.db.close();
    }

    pub async fn is_set_up(&self) -> Result<bool, StoreError> {
        Ok(self.db.read_header().await?.is_some())
    }

    pub fn is_unlocked(&self) -> bool {
        self.session.borrow().is_some()
    }

    /// First run: a new data key, the shelter, its first administrator, a passphrase slot and a
    /// recovery slot, written in one transaction. Returns the recovery code to show once.
    pub async fn set_up(
        &self,
        shelter: Shelter,
        admin: StaffMember,
        passphrase: &str,
    ) -> Result<Zeroizing<String>, StoreError> {
        let admin_id = clock::new_id()?;
        let (name, restricted) = (admin.name.clone(), holds_restricted_key(admin.role));
        self.create(passphrase, admin_id.clone(), &name, restricted, |device| {
            let stamp = Stamp {
                by: admin_id.clone(),
                at: clock::now(),
                device: device.to_string(),
            };
            Ok(vec![
                Record::create(clock::new_id()?, RecordBody::Shelter(shelter), &stamp),
                Record::create(admin_id.clone(), RecordBody::Staff(admin), &stamp),
            ])
        })
        .await
    }

    /// A new laptop: creates the vault from a backup's records (tombstones included), for the
    /// staff member `staff_id` (one of the restored staff records) with a new passphrase. Header
    /// and records go in one transaction: on any failure the vault stays empty.
    pub async fn restore_into_empty(
        &self,
        records: Vec<Record>,
        staff_id: RecordId,
        passphrase: &str,
    ) -> Result<Zeroizing<String>, StoreError> {
        let member = records.iter().find_map(|r| match &r.body {
            Some(RecordBody::Staff(m)) if r.meta.id == staff_id && !r.meta.deleted => Some(m),
            _ => None,
        });
        let Some(member) = member else {
            return Err(StoreError::NotFound);
        };
        if !member.active {
            return Err(StoreError::Deactivated);
        }
        let (name, restricted) = (member.name.clone(), holds_restricted_key(member.role));
        self.create(passphrase, staff_id, &name, restricted, |_| Ok(records))
            .await
    }

    async fn create(
        &self,
        passphrase: &str,
        staff_id: RecordId,
        name: &str,
        restricted: bool,
        records: impl FnOnce(&str) -> Result<Vec<Record>, StoreError>,
    ) -> Result<Zeroizing<String>, StoreError> {
        if self.is_set_up().await? {
            return Err(StoreError::AlreadySetUp);
        }
        let mut phases = clock::Phases::start();
        let keys = Keys::random().map_err(crypto_err)?;
        let code = recovery_code::generate().map_err(crypto_err)?;
        let secret = VaultHeader::recovery_secret(&code).ok_or(StoreError::NoRandomness)?;
        let pass_kek = self.new_kek(passphrase.as_bytes()).await?;
        let code_kek = self.new_kek(secret.as_bytes()).await?;
        let header = VaultHeader::create(
            &keys,
            staff_id.as_str(),
            name,
            restricted,
            pass_kek,
            code_kek,
        )
        .map_err(crypto_err)?;
        phases.lap("kdf");
        let mut records = records(&header.device)?;
        // A holder's backup carries restricted content open: sealed here under the new key.
        for r in &mut records {
            restricted::seal_record(r, keys.restricted.as_ref())?;
        }
        let header_json = header.to_json();
        let mut s = Session::new(keys, 0, header.device, staff_id);
        if records.len() <= LOG_DIRECT_MAX {
            let sealed = records
                .iter()
                .map(|r| sealed_record::seal(&s.key, r))
                .collect::<Result<Vec<_>, _>>()
                .map_err(crypto_err)?;
            phases.lap("seal");
            self.db
                .write(Write {
                    header: Some(&header_json),
                    log_creates: &sealed,
                    generation: Some((0, 1)),
                    epoch: Some((0, 0)),
                    ..Write::default()
                })
                .await?;
            s.log_rows = sealed.len();
            phases.lap("write");
            s.index.extend(records);
            phases.lap("index");
        } else {
            // Straight into segments: each record's content is written into its segment's
            // plaintext (the same segments `fold` would give; a restore's ids are distinct).
            let mut packer = segment::Packer::new(0, segment::TARGET_BYTES);
            for r in &records {
                packer.push(&entry_of(r, &[]), |out| sealed_record::encode_into(r, out));
            }
            let (plains, placed) = packer.finish();
            phases.lap("encode");
            // Each segment is sealed just before its request goes out, so IndexedDB writes one
            // while the next is sealed; once all are out, the records are indexed while it
            // finishes. (Sealing is synchronous: the transaction stays open.) The session is
            // kept only if the write succeeds.
            let seal_key = s.key.duplicate();
            let mut sealing = plains.into_iter().map(|p| {
                // Sealed in its own buffer: no copy of the plaintext is left.
                let n = p.n;
                let sealed = p.seal(&seal_key).map_err(crypto_err)?;
                Ok(StoredSegment { n, sealed })
            });
            let write = self.db.write(Write {
                header: Some(&header_json),
                new_segments: Some(&mut sealing),
                generation: Some((0, 1)),
                epoch: Some((0, 0)),
                ..Write::default()
            });
            let index = async {
                s.index.extend(records);
                s.place(placed);
            };
            let (written, ()) = futures::future::join(write, index).await;
            written?;
            phases.lap("seal, write and index");
        }
        s.generation = 1;
        *self.session.borrow_mut() = Some(s);
        *self.phases.borrow_mut() = phases;
        Ok(code)
    }

    async fn header(&self) -> Result<VaultHeader, StoreError> {
        let json = self.db.read_header().await?.ok_or(StoreError::NotSetUp)?;
        VaultHeader::from_json(&json).map_err(|_| StoreError::BadHeader)
    }

    /// The staff members who have a passphrase on this laptop, as the lock screen offers them:
    /// (staff id, name). Readable while locked (docs/security.md says so).
    pub async fn sign_in_names(&self) -> Result<Vec<(String, String)>, StoreError> {
        Ok(self.header().await?.names())
    }

    /// Unlocks as one staff member with their passphrase. A wrong passphrase changes nothing.
    pub async fn unlock_as(
        &self,
        staff_id: &str,
        passphrase: &str,
    ) -> Result<UnlockReport, StoreError> {
        self.unlock_slot(staff_id, passphrase, true).await
    }

    /// `note_failure`: a wrong passphrase is a failed sign-in for that name (not when `unlock`
    /// merely tries each slot in turn).
    async fn unlock_slot(
        &self,
        staff_id: &str,
        passphrase: &str,
        note_failure: bool,
    ) -> Result<UnlockReport, StoreError> {
        *self.phases.borrow_mut() = clock::Phases::start();
        let header = self.header().await?;
        let slot = header
            .slot_of(staff_id)
            .ok_or(StoreError::WrongPassphrase)?;
        let kek = self.derive(&slot.kdf, passphrase.as_bytes()).await?;
        let keys = match VaultHeader::open_slot(slot, &kek) {
            Ok(k) => k,
            Err(e) => {
                let e = unlock_err(e, StoreError::WrongPassphrase);
                if note_failure && e == StoreError::WrongPassphrase {
                    let _ = self.note_failed_sign_in(staff_id).await;
                }
                return Err(e);
            }
        };
        let staff = RecordId::parse(staff_id).ok_or(StoreError::BadHeader)?;
        let kek = Kek {
            params: slot.kdf.clone(),
            key: kek,
        };
        self.load(keys, header, staff, kek).await
    }

    /// Unlocks with whichever staff passphrase slot `passphrase` opens, trying each in turn
    /// (tests, and a vault with one staff member).
    pub async fn unlock(&self, passphrase: &str) -> Result<UnlockReport, StoreError> {
        let header = self.header().await?;
        for staff in header.staff_ids() {
            match self.unlock_slot(&staff, passphrase, false).await {
                Err(StoreError::WrongPassphrase) => continue,
                other => return other,
            }
        }
        Err(StoreError::WrongPassphrase)
    }

    /// The key derived from `secret` with `params`, where this vault's derivations run.
    async fn derive(&self, params: &KdfParams, secret: &[u8]) -> Result<Key, StoreError> {
        crypto::derive_key(self.kdf.as_ref(), params, secret)
            .await
            .map_err(|e| match e {
                CryptoError::BadParams => StoreError::BadHeader,
                other => crypto_err(other),
            })
    }

    /// New KDF parameters for a slot, and the key derived from `secret` with them.
    async fn new_kek(&self, secret: &[u8]) -> Result<Kek, StoreError> {
        let params = KdfParams::new_random(self.kdf_log_n).map_err(crypto_err)?;
        let key = self.derive(&params, secret).await?;
        Ok(Kek { params, key })
    }

    /// Unlocks with the recovery code and sets a new passphrase for the staff member of the
    /// first passphrase slot (the administrator who set the vault up).
    pub async fn recover(
        &self,
        code: &str,
        new_passphrase: &str,
    ) -> Result<UnlockReport, StoreError> {
        self.recover_as(code, None, new_passphrase).await
    }

    /// Unlocks with the recovery code and sets a new passphrase for `staff_id` (one of the names
    /// on the lock screen; `None`: the first, who set the vault up).
    pub async fn recover_as(
        &self,
        code: &str,
        staff_id: Option<&str>,
        new_passphrase: &str,
    ) -> Result<UnlockReport, StoreError> {
        *self.phases.borrow_mut() = clock::Phases::start();
        let mut header = self.header().await?;
        let secret = VaultHeader::recovery_secret(code).ok_or(StoreError::WrongRecoveryCode)?;
        let slot = header
            .recovery_slot()
            .ok_or(StoreError::WrongRecoveryCode)?;
        let kek = self.derive(&slot.kdf, secret.as_bytes()).await?;
        let mut keys = VaultHeader::open_slot(slot, &kek)
            .map_err(|e| unlock_err(e, StoreError::WrongRecoveryCode))?;
        let (staff, name) = header
            .names()
            .into_iter()
            .find(|(id, _)| staff_id.is_none_or(|s| s == id))
            .ok_or(StoreError::NotFound)?;
        let staff_id = RecordId::parse(&staff).ok_or(StoreError::BadHeader)?;
        if slot.is_legacy() {
            // A first-format recovery slot holds only the data key: with the code at hand, it
            // becomes a slot like the others, holding a new restricted-content key too.
            let params = slot.kdf.clone();
            keys.restricted = Some(Key::random().map_err(crypto_err)?);
            header
                .set_recovery(&keys, Kek { params, key: kek })
                .map_err(crypto_err)?;
        }
        let new_kek = self.new_kek(new_passphrase.as_bytes()).await?;
        let restricted = keys.restricted.is_some();
        header
            .set_passphrase(&keys, &staff, &name, restricted, new_kek, false)
            .map_err(crypto_err)?;
        self.load_inner(keys, header, staff_id, true).await
    }

    /// Opens the session after a passphrase slot opened. `kek` is that slot's key-encryption key:
    /// a slot of the first format is rewritten with it (no second derivation) into a slot like
    /// the others, with a restricted-content key made for the vault now.
    async fn load(
        &self,
        mut keys: Keys,
        mut header: VaultHeader,
        staff_id: RecordId,
        kek: Kek,
    ) -> Result<UnlockReport, StoreError> {
        let legacy = header
            .slot_of(staff_id.as_str())
            .is_some_and(|s| s.is_legacy());
        if !legacy {
            return self.load_inner(keys, header, staff_id, false).await;
        }
        keys.restricted = Some(Key::random().map_err(crypto_err)?);
        header
            .set_passphrase(&keys, staff_id.as_str(), "", true, kek, false)
            .map_err(crypto_err)?;
        // The old recovery slot opens only the data key: a new code, shown once, opens the
        // restricted-content key made now as well.
        let code = recovery_code::generate().map_err(crypto_err)?;
        let secret = VaultHeader::recovery_secret(&code).ok_or(StoreError::NoRandomness)?;
        let code_kek = self.new_kek(secret.as_bytes()).await?;
        header.set_recovery(&keys, code_kek).map_err(crypto_err)?;
        header.format = super::vault_header::HEADER_FORMAT;
        let mut report = self.load_inner(keys, header, staff_id, true).await?;
        report.new_recovery_code = Some(code);
        Ok(report)
    }

    async fn load_inner(
        &self,
        keys: Keys,
        mut header: VaultHeader,
        staff_id: RecordId,
        header_changed: bool,
    ) -> Result<UnlockReport, StoreError> {
        let mut header_changed = header_changed;
        if header.device.is_empty() {
            // Headers written before devices had ids get one now.
            header.device = crypto::hex::encode(&crypto::random_bytes::<8>().map_err(crypto_err)?);
            header_changed = true;
        }
        self.phases.borrow_mut().lap("kdf");
        let mut report = UnlockReport::default();
        let epoch = self.db.read_epoch().await?;
        let (session, migrated) = self
            .read_session_boxed(keys, epoch, header.device.clone(), staff_id, &mut report)
            .await?;
        let me = session
            .index
            .get::<StaffMember>(&session.staff_id)
            .map(|l| l.body.clone());
        if me.is_some_and(|m| !m.active) {
            // Deactivated on another laptop and merged here, say: the slot opens, the app does not.
            return Err(StoreError::Deactivated);
        }
        header_changed |= follow_staff_list(&mut header, &session)?;
        if header_changed {
            // Before the session opens: if a recovery's new passphrase cannot be stored, the
            // recovery fails as a whole and the vault stays locked.
            let h = header.to_json();
            self.db
                .write(Write {
                    header: Some(&h),
                    epoch: session.epoch(),
                    ..Write::default()
                })
                .await?;
        }
        *self.session.borrow_mut() = Some(session);
        // The sign-in, and the failed ones since the last (kept in the clear while locked), go
        // into the record of who did what. Not fatal: a full disk must not lock staff out.
        let _ = self.note_sign_in().await;
        if !migrated.is_empty() {
            // Migrations keep id, revision and times: the content is unchanged, only its schema
            // moved on, so it is sealed again once.
            // Not fatal: the records are open and migrated in memory; a full disk must not lock
            // staff out of their data. The migration is simply done again at the next unlock.
            let _ = self.write_records(migrated).await;
        }
        if self.log_rows() >= LOG_COMPACT_AT {
            // Not fatal either: the log stays as it is, still read at every unlock.
            let _ = self.compact().await;
        }
        Ok(report)
    }

    /// `read_session` behind a pointer: one copy of that large future in the app for its two
    /// callers (unlock and `read_again`), not one inlined into each (first-load bytes).
    #[allow(clippy::type_complexity)]
    fn read_session_boxed<'a>(
        &'a self,
        keys: Keys,
        epoch: u32,
        device: String,
        staff_id: RecordId,
        report: &'a mut UnlockReport,
    ) -> std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<(Session, Vec<Record>), StoreError>> + 'a>,
    > {
        Box::pin(self.read_session(keys, epoch, device, staff_id, report))
    }

    /// Reads everything stored into a new session (see the module comment): every segment
    /// decrypted, what lists need parsed, the rest deferred. Returns the session and the
    /// records that were migrated from an older schema (to seal again).
    async fn read_session(
        &self,
        keys: Keys,
        epoch: u32,
        device: String,
        staff_id: RecordId,
        report: &mut UnlockReport,
    ) -> Result<(Session, Vec<Record>), StoreError> {
        let mut session = Session::new(keys, epoch, device, staff_id);
        let mut migrated = vec![];
        // Each segment is decrypted and read as it arrives, while IndexedDB reads the next ones,
        // then its plaintext is dropped: what a deferred kind holds is copied out, together per
        // kind; the rest is parsed. Only one segment's plaintext is in memory at a time. Where
        // a record has several copies, the later one is kept.
        let mut found: HashMap<String, Found> = HashMap::new();
        let mut bytes: Vec<Chunks> = RecordKind::ALL.iter().map(|_| Chunks::default()).collect();
        let mut seq = 0usize;
        let (log, generation) = {
            let key = &session.key;
            let unreadable = &mut report.unreadable;
            self.db
                .read_each_segment(|seg| {
                    let plain = match segment::open(key, seg.n, &seg.sealed) {
                        Ok(p) => p,
                        Err(_) => return unreadable.push(format!("segment {}", seg.n)),
                    };
                    let Ok(entries) = segment::decode(&plain) else {
                        return unreadable.push(format!("segment {}", seg.n));
                    };
                    for e in entries {
                        if found
                            .get(e.id)
                            .is_some_and(|f| !e.supersedes(&f.head(e.id)))
                        {
                            continue;
                        }
                        let what = match RecordKind::parse(e.kind) {
                            // Content from an older schema is parsed now, migrated and sealed
                            // again once.
                            Some(kind)
                                if kind.is_deferred() && sealed_record::is_current(e.content) =>
                            {
                                let span = bytes[kind.ordinal()].push(e.content);
                                What::Pending { kind, span }
                            }
                            _ => What::Parsed(Box::new(sealed_record::decode(&e))),
                        };
                        seq += 1;
                        let f = Found {
                            rev: e.rev,
                            updated: e.updated,
                            deleted: e.deleted,
                            segment: seg.n,
                            seq,
                            what,
                        };
                        found.insert(e.id.to_string(), f);
                    }
                })
                .await?
        };
        self.phases.borrow_mut().lap("read and decrypt");
        {
            // Opened records are gathered and indexed together (the search order is built once).
            let mut open = vec![];
            let mut opened = |result, id: &str| match result {
                Ok((record, was_migrated)) => {
                    if was_migrated {
                        migrated.push(Record::clone(&record));
                    }
                    open.push(record);
                    true
                }
                Err(
                    OpenError::Tampered
                    | OpenError::UnknownKind(_)
                    | OpenError::FromTheFuture { .. }
                    | OpenError::Malformed(_),
                ) => {
                    report.unreadable.push(id.to_string());
                    false
                }
            };
            // A log row is newer than a segment's copy unless that copy is a later revision.
            for row in &log {
                let older = found
                    .get(row.id.as_str())
                    .is_some_and(|f| f.head(&row.id).supersedes(&row.head()));
                if older {
                    continue;
                }
                let result = sealed_record::open(&session.key, row);
                if opened(result, &row.id) {
                    found.remove(row.id.as_str());
                }
            }
            let mut pending: Vec<Vec<PendingEntry>> =
                RecordKind::ALL.iter().map(|_| vec![]).collect();
            session.placement.reserve(found.len());
            // In storage order, not the map's.
            let mut winners: Vec<(String, Found)> = found.into_iter().collect();
            sorting::sort_by(&mut winners, |a, b| a.1.seq.cmp(&b.1.seq));
            for (id, f) in winners {
                session.placement.insert(segment::id_hash(&id), f.segment);
                match f.what {
                    What::Pending { kind, span } => {
                        pending[kind.ordinal()].push(PendingEntry {
                            span,
                            id,
                            rev: f.rev,
                            updated: f.updated,
                            deleted: f.deleted,
                        });
                        report.deferred += 1;
                    }
                    What::Parsed(result) => {
                        opened(*result, &id);
                    }
                }
            }
            for ((&kind, entries), bytes) in RecordKind::ALL.iter().zip(pending).zip(bytes) {
                if !entries.is_empty() {
                    session.index.defer(kind, Pending { bytes, entries });
                }
            }
            session.index.extend(open);
        }
        self.phases.borrow_mut().lap("open");
        session.access_tail = match self.db.read_meta(ACCESS_TAIL_KEY).await? {
            Some(t) => open_tail(&session.key, &session.device, &t),
            None => None,
        };
        if session.access_tail.is_none() {
            // Kept apart and not found (a vault from before the record, or damage): the chain
            // goes on from its last entry here, so no number is used twice.
            session.access_tail = session
                .index
                .all::<AccessEntry>()
                .filter(|l| l.body.chain == session.device)
                .max_by_key(|l| l.body.seq)
                .map(|l| Tail::of(l.body));
        }
        session.log_rows = log.len();
        session.generation = generation;
        report.records = session.index.every_record_open().count() + report.deferred;
        report.migrated = migrated.len();
        Ok((session, migrated))
    }

    /// Reads everything again with the same key, when another tab has written since this one
    /// last read (see `Session::generation`). No passphrase, no KDF.
    async fn refresh(&self) -> Result<(), StoreError> {
        let session = self.read_again().await?;
        *self.session.borrow_mut() = Some(session);
        Ok(())
    }

    async fn read_again(&self) -> Result<Session, StoreError> {
        let (keys, epoch, device, staff_id) = {
            let guard = self.session.borrow();
            let s = guard.as_ref().ok_or(StoreError::Locked)?;
            (s.keys(), s.epoch, s.device.clone(), s.staff_id.clone())
        };
        if self.db.read_epoch().await? != epoch {
            // Another tab replaced the data key: this one opens nothing stored now.
            self.lock();
            return Err(StoreError::KeyChanged);
        }
        let mut report = UnlockReport::default();
        let (session, _) = self
            .read_session_boxed(keys, epoch, device, staff_id, &mut report)
            .await?;
        Ok(session)
    }

    /// Catches up with another tab: if one has saved since this tab last read, reads everything
    /// again (no KDF) and returns true, so views can show it. One small read when nothing
    /// changed. If this tab saves meanwhile, what was read may predate that save and is dropped
    /// (returns false; the next catch-up or save reads again).
    pub async fn catch_up(&self) -> Result<bool, StoreError> {
        let Some(seen) = self.session.borrow().as_ref().map(|s| s.generation) else {
            return Ok(false);
        };
        if self.db.read_generation().await? == seen {
            return Ok(false);
        }
        let session = self.read_again().await?;
        let mut guard = self.session.borrow_mut();
        match guard.as_ref() {
            Some(s) if s.generation == seen => {
                *guard = Some(session);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// Drops the data key (zeroized) and every opened record.
    pub fn lock(&self) {
        self.session.borrow_mut().take();
    }

    /// Applies changes in one transaction: all of them, or (on any failure) none.
    pub async fn save(&self, changes: Vec<Change>) -> Result<Vec<Record>, StoreError> {
        self.with_retry_on_change(&|| self.prepare(changes.clone()))
            .await
    }

    /// Computes, checks and writes records; if another tab wrote meanwhile (`Changed`), reads
    /// everything again and computes once more from what is now stored (where a record this
    /// save changes was changed, `prepare` then says `Stale`).
    async fn with_retry_on_change(
        &self,
        prepare: &dyn Fn() -> Result<Vec<Record>, StoreError>,
    ) -> Result<Vec<Record>, StoreError> {
        let mut attempt = 0;
        loop {
            match self.write_records(prepare()?).await {
                Err(StoreError::Changed) if attempt < 2 => {
                    attempt += 1;
                    self.refresh().await?;
                }
                Err(StoreError::Changed) => return Err(StoreError::Stale),
                other => return other,
            }
        }
    }

    /// The records a save writes, from this session's records; checked against them.
    fn prepare(&self, changes: Vec<Change>) -> Result<Vec<Record>, StoreError> {
        let records = {
            let guard = self.session.borrow();
            let s = guard.as_ref().ok_or(StoreError::Locked)?;
            let stamp = s.stamp();
            let role = s.index.get::<StaffMember>(&s.staff_id).map(|l| l.body.role);
            let mut records = vec![];
            let mut drafts = vec![];
            for c in changes {
                let current = |id: &RecordId, base_rev: u32| match s.index.record(id) {
                    None => Err(StoreError::NotFound),
                    Some(r) if r.meta.rev != base_rev => Err(StoreError::Stale),
                    Some(r) => Ok(r),
                };
                // Through the JSON text records are sealed as, not `to_value`: a second
                // serializer for every kind's content would cost first-load bytes.
                let data = |b: Option<&RecordBody>| {
                    b.map(|b| serde_json::from_str(&b.to_data_json()).unwrap_or_default())
                };
                let (action, before) = match &c {
                    Change::Create { .. } => (AccessAction::Create, None),
                    Change::Update { id, .. } => (
                        AccessAction::Change,
                        s.index.record(id).and_then(|r| data(r.body.as_ref())),
                    ),
                    Change::Delete { .. } => (AccessAction::Delete, None),
                };
                let r = match c {
                    Change::Create { id, body } => {
                        if s.is_stored(&id) {
                            return Err(StoreError::AlreadyExists);
                        }
                        Record::create(id, body, &stamp)
                    }
                    Change::Update { id, base_rev, body } => current(&id, base_rev)?
                        .revise(body, &stamp)
                        .map_err(|e| StoreError::Invalid(format!("{e:?}")))?,
                    Change::Delete { id, base_rev } => current(&id, base_rev)?
                        .tombstone(&stamp)
                        .map_err(|e| StoreError::Invalid(format!("{e:?}")))?,
                };
                // The permission table decides, here as well as on the page: a role that may
                // not write a kind writes nothing of it, whatever the page lets through.
                // What a record was counts as well as what it becomes (a confidential note made
                // shared, or deleted, is still counselling to whoever changes it).
                let was = s.index.record(&r.meta.id).and_then(|x| x.body.as_ref());
                let sections = [
                    section_of(r.meta.kind, r.body.as_ref()),
                    section_of(r.meta.kind, was),
                ];
                if role.is_some_and(|role| sections.iter().any(|x| !can_write(role, *x))) {
                    return Err(StoreError::NotAllowed);
                }
                let fields = match action {
                    AccessAction::Delete => vec![],
                    _ => {
                        access_log::changed_fields(before.as_ref(), data(r.body.as_ref()).as_ref())
                    }
                };
                drafts.push(s.draft(action, Some(r.meta.id.to_string()), fields));
                records.push(r);
            }
            // The staff list keeps an active head (who holds the recovery code), whatever the page
            // let through: checked on the list as this save would leave it.
            if records.iter().any(|r| r.meta.kind == RecordKind::Staff) {
                let head = |m: &StaffMember| m.active && m.role == StaffRole::Head;
                let mut after: HashMap<&RecordId, Option<&StaffMember>> = s
                    .index
                    .all::<StaffMember>()
                    .map(|l| (&l.meta.id, Some(l.body)))
                    .collect();
                let had_head = after.values().flatten().any(|m| head(m));
                for r in records.iter().filter(|r| r.meta.kind == RecordKind::Staff) {
                    after.insert(&r.meta.id, r.body.as_ref().and_then(StaffMember::of));
                }
                if had_head && !after.values().flatten().any(|m| head(m)) {
                    return Err(StoreError::NoHeadLeft);
                }
            }
            // Each change is named in the record of who did what, in the same transaction.
            records.extend(s.entries(s.access_tail.clone(), drafts)?);
            records
        };
        Ok(records)
    }

    /// Writes records in one transaction. A few go to the log, sealed one by one: those not
    /// stored yet with `add` (a collision aborts everything), the others with `put`. Many go
    /// straight into segments. Memory follows only on success.
    async fn write_records(&self, records: Vec<Record>) -> Result<Vec<Record>, StoreError> {
        self.write_records_with(records, vec![]).await
    }

    /// [`write_records`], with other `meta` values put in the same transaction (a few records)
    /// or just after (many). The record of who did what's tail follows its entries.
    async fn write_records_with(
        &self,
        mut records: Vec<Record>,
        mut meta: Vec<(&'static str, String)>,
    ) -> Result<Vec<Record>, StoreError> {
        let tail = {
            let guard = self.session.borrow();
            let s = guard.as_ref().ok_or(StoreError::Locked)?;
            // Restricted content a page wrote open is sealed before it is stored or kept in
            // memory; without the key, nothing is written.
            for r in &mut records {
                restricted::seal_record(r, s.restricted.as_ref())?;
            }
            match s.tail_after(&records) {
                Some(t) => Some((seal_tail(&s.key, &s.device, &t)?, t)),
                None => None,
            }
        };
        if let Some((sealed, _)) = &tail {
            meta.push((ACCESS_TAIL_KEY, sealed.clone()));
        }
        if records.len() > LOG_DIRECT_MAX {
            self.fold(&records).await?;
            if !meta.is_empty() {
                let epoch = self.session.borrow().as_ref().and_then(|s| s.epoch());
                self.write(Write {
                    meta: &meta,
                    epoch,
                    ..Write::default()
                })
                .await?;
            }
        } else {
            let (creates, updates, seen, epoch) = {
                let guard = self.session.borrow();
                let s = guard.as_ref().ok_or(StoreError::Locked)?;
                let mut creates = vec![];
                let mut updates = vec![];
                for r in &records {
                    let sealed = sealed_record::seal(&s.key, r).map_err(crypto_err)?;
                    if s.is_stored(&r.meta.id) {
                        updates.push(sealed)
                    } else {
                        creates.push(sealed)
                    }
                }
                (creates, updates, s.generation, s.epoch())
            };
            self.write(Write {
                log_creates: &creates,
                log_updates: &updates,
                generation: Some((seen, seen + 1)),
                epoch,
                meta: &meta,
                ..Write::default()
            })
            .await?;
            if let Some(s) = self.session.borrow_mut().as_mut() {
                s.log_rows += records.len();
                s.generation = seen + 1;
            }
        }
        {
            let mut guard = self.session.borrow_mut();
            let s = guard.as_mut().ok_or(StoreError::Locked)?;
            for r in &records {
                s.index.insert(r.clone());
            }
            if let Some((_, t)) = tail {
                s.access_tail = Some(t);
            }
        }
        if self.log_rows() >= LOG_COMPACT_AT {
            // The save itself is stored: a failed compaction only leaves the log longer.
            let _ = self.compact().await;
        }
        Ok(records)
    }

    /// A session's write: one that finds the data key replaced (another tab rotated it) locks
    /// this session, whose key opens nothing new.
    async fn write(&self, w: Write<'_>) -> Result<(), StoreError> {
        let r = self.db.write(w).await;
        if r == Err(StoreError::KeyChanged) {
            self.lock();
        }
        r
    }

    fn log_rows(&self) -> usize {
        self.session.borrow().as_ref().map_or(0, |s| s.log_rows)
    }

    /// Folds the log into segments. Returns how many log rows were folded. Saves stay fast
    /// without it; it keeps unlocking fast. Run at unlock, after saves, and before locking.
    pub async fn compact(&self) -> Result<usize, StoreError> {
        self.fold(&[]).await
    }

    /// Folds the log, and `extra` records, into segments in one transaction. If another tab
    /// rewrote a segment in between, it starts again from what is stored (up to three times).
    async fn fold(&self, extra: &[Record]) -> Result<usize, StoreError> {
        let mut attempt = 0;
        loop {
            // Boxed: one copy of this large future in the app, not one per caller.
            let once: std::pin::Pin<Box<dyn std::future::Future<Output = _> + '_>> =
                Box::pin(self.fold_once(extra));
            match once.await {
                Err(StoreError::Stale) if attempt < 2 => attempt += 1,
                other => return other,
            }
        }
    }

    async fn fold_once(&self, extra: &[Record]) -> Result<usize, StoreError> {
        let (log, numbers) = self.db.read_log_and_segment_numbers().await?;
        if log.is_empty() && extra.is_empty() {
            return Ok(0);
        }
        let last = numbers.iter().max().copied();
        let next_key = last.map_or(0, |n| n + 1);
        let hint = |s: &Session, id: &str| {
            s.placement
                .get(&segment::id_hash(id))
                .copied()
                .filter(|n| numbers.contains(n))
        };
        let wanted: Vec<u32> = {
            let guard = self.session.borrow();
            let s = guard.as_ref().ok_or(StoreError::Locked)?;
            let mut w: Vec<u32> = log
                .iter()
                .map(|r| r.id.as_str())
                .chain(extra.iter().map(|r| r.meta.id.as_str()))
                .filter_map(|id| hint(s, id))
                .chain(last)
                .collect();
            sorting::sort_dedup(&mut w);
            w
        };
        let stored = self.db.read_segments(&wanted).await?;
        let (segments, placed, folded, seen, epoch) = {
            let guard = self.session.borrow();
            let s = guard.as_ref().ok_or(StoreError::Locked)?;
            // Segments that do not open are left alone: what was meant for them is appended.
            let plains: Vec<_> = stored
                .iter()
                .filter_map(|seg| Some((seg.n, segment::open(&s.key, seg.n, &seg.sealed).ok()?)))
                .collect();
            let mut current = BTreeMap::new();
            for (n, plain) in &plains {
                if let Ok(entries) = segment::decode(plain) {
                    current.insert(*n, entries);
                }
            }
            // Log rows that do not open stay in the log.
            let rows: Vec<_> = log
                .iter()
                .filter_map(|r| Some((r, sealed_record::open_plain(&s.key, r).ok()?)))
                .collect();
            let extra_plains: Vec<_> = extra.iter().map(sealed_record::encode).collect();
            let place = |id: &str| hint(s, id).map_or(Place::Append, Place::Into);
            let incoming = rows
                .iter()
                .map(|(r, plain)| {
                    (
                        place(&r.id),
                        Entry {
                            content: plain,
                            ..r.head()
                        },
                    )
                })
                .chain(
                    extra
                        .iter()
                        .zip(&extra_plains)
                        .map(|(r, p)| (place(r.meta.id.as_str()), entry_of(r, p))),
                )
                .collect();
            let out = segment::fold(current, incoming, last, next_key, segment::TARGET_BYTES);
            let nonces: Vec<(u32, Vec<u8>)> = stored
                .iter()
                .map(|seg| (seg.n, seg.nonce().to_vec()))
                .collect();
            let (segments, placed) = seal_segments(&s.key, out, &nonces)?;
            let folded: Vec<SealedRecord> = rows.iter().map(|(r, _)| (*r).clone()).collect();
            (segments, placed, folded, s.generation, s.epoch())
        };
        // Folding the log changes no record; writing `extra` records does.
        let generation = (!extra.is_empty()).then_some((seen, seen + 1));
        self.write(Write {
            segments: &segments,
            log_folded: &folded,
            generation,
            epoch,
            ..Write::default()
        })
        .await?;
        if let Some(s) = self.session.borrow_mut().as_mut() {
            if let Some((_, next)) = generation {
                s.generation = next;
            }
            s.place(placed);
            s.log_rows = log.len() - folded.len();
        }
        Ok(folded.len())
    }

    async fn note_sign_in(&self) -> Result<(), StoreError> {
        let failed: Vec<(String, String)> = self
            .db
            .read_meta(FAILED_SIGN_INS_KEY)
            .await?
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default();
        let records = {
            let guard = self.session.borrow();
            let s = guard.as_ref().ok_or(StoreError::Locked)?;
            let mut drafts: Vec<AccessDraft> = failed
                .into_iter()
                .map(|(staff, at)| AccessDraft {
                    at,
                    staff,
                    action: AccessAction::SignInFailed,
                    record: None,
                    fields: vec![],
                })
                .collect();
            drafts.push(s.draft(AccessAction::SignIn, None, vec![]));
            s.entries(s.access_tail.clone(), drafts)?
        };
        self.write_records_with(records, vec![(FAILED_SIGN_INS_KEY, "[]".into())])
            .await?;
        Ok(())
    }

    /// A wrong passphrase for a name, noted in the clear until the next sign-in puts it into the
    /// record of who did what (nothing can be sealed while locked).
    async fn note_failed_sign_in(&self, staff_id: &str) -> Result<(), StoreError> {
        let mut failed: Vec<(String, String)> = self
            .db
            .read_meta(FAILED_SIGN_INS_KEY)
            .await?
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default();
        // Bounded: a script trying passphrases for hours fills no disk.
        if failed.len() >= 1000 {
            failed.remove(0);
        }
        failed.push((staff_id.to_string(), Date::iso_instant(clock::now())));
        let json = serde_json::to_string(&failed).expect("a list serializes");
        self.db
            .write(Write {
                meta: &[(FAILED_SIGN_INS_KEY, json)],
                ..Write::default()
            })
            .await
    }

    /// Notes an action that changes no record (a backup made, an export) in the record of who
    /// did what.
    pub async fn note(
        &self,
        action: AccessAction,
        record: Option<String>,
        fields: Vec<String>,
    ) -> Result<(), StoreError> {
        let make = || {
            let guard = self.session.borrow();
            let s = guard.as_ref().ok_or(StoreError::Locked)?;
            let d = s.draft(action, record.clone(), fields.clone());
            s.entries(s.access_tail.clone(), vec![d])
        };
        self.with_retry_on_change(&make).await?;
        Ok(())
    }

    /// Every entry of the record of who did what (every laptop's chain), in no order.
    pub fn access_entries(&self) -> Result<Vec<AccessEntry>, StoreError> {
        self.read(|ix| ix.all::<AccessEntry>().map(|l| l.body.clone()).collect())
    }

    /// Where the record of who did what is not as it was written: entries removed, edited,
    /// moved, conflicting, or cut off the end of this laptop's chain.
    pub fn access_breaks(&self) -> Result<Vec<Break>, StoreError> {
        let entries = self.access_entries()?;
        let guard = self.session.borrow();
        let s = guard.as_ref().ok_or(StoreError::Locked)?;
        let mut tails = BTreeMap::new();
        if let Some(t) = &s.access_tail {
            tails.insert(s.device.clone(), t.clone());
        }
        Ok(access_log::verify(&entries, &tails))
    }

    /// The signed-in staff member's record, if their role may manage the staff list.
    fn staff_manager(&self) -> Result<StaffMember, StoreError> {
        let (_, me) = self.current_staff()?;
        match me {
            Some(m) if m.active && can_write(m.role, Section::Staff) => Ok(m),
            _ => Err(StoreError::NotAllowed),
        }
    }

    /// Gives a staff member a passphrase on this laptop: a key slot of their own, holding the
    /// restricted-content key if their role may read restricted content and this session holds
    /// it (otherwise the first session that holds it adds it, at its unlock). The head and
    /// admin set anyone's (with `must_change`, a reset: the member chooses their own at the next
    /// sign-in); every member sets their own through `change_passphrase`.
    pub async fn set_staff_passphrase(
        &self,
        staff_id: &RecordId,
        passphrase: &str,
        must_change: bool,
    ) -> Result<(), StoreError> {
        self.staff_manager()?;
        self.write_slot(staff_id, passphrase, must_change).await?;
        let _ = self
            .note(
                AccessAction::StaffChange,
                Some(staff_id.to_string()),
                vec!["passphrase".into()],
            )
            .await;
        Ok(())
    }

    /// Changes the signed-in member's own passphrase; `current` must open their slot (someone
    /// at a laptop left unlocked cannot change it).
    pub async fn change_passphrase(&self, current: &str, new: &str) -> Result<(), StoreError> {
        let (me, _) = self.current_staff()?;
        let header = self.header().await?;
        let slot = header
            .slot_of(me.as_str())
            .ok_or(StoreError::WrongPassphrase)?;
        let kek = self.derive(&slot.kdf, current.as_bytes()).await?;
        VaultHeader::open_slot(slot, &kek)
            .map_err(|e| unlock_err(e, StoreError::WrongPassphrase))?;
        self.write_slot(&me, new, false).await
    }

    /// Gives each cohort that residents name and no cohort record has its record
    /// (`Cohort::id_for`, so every laptop makes the same one), in one save; returns how many.
    /// Residents registered before cohorts were records name theirs only. A session whose role
    /// may not write cohorts makes none: the next one that may, will.
    pub async fn ensure_cohorts(&self) -> Result<usize, StoreError> {
        let role = self.current_staff()?.1.map(|m| m.role);
        if !role.is_some_and(|r| can_write(r, Section::of_kind(RecordKind::Cohort))) {
            return Ok(0);
        }
        let missing = self.read(|ix| {
            cohort::without_record(
                ix.all::<Resident>().map(|l| l.body.cohort.as_str()),
                ix.all::<Cohort>().map(|l| l.body),
            )
        })?;
        let n = missing.len();
        if n > 0 {
            let changes = missing
                .iter()
                .map(|name| Change::Create {
                    id: Cohort::id_for(name),
                    body: RecordBody::Cohort(Cohort::named(name)),
                })
                .collect();
            self.save(changes).await?;
        }
        Ok(n)
    }

    /// The usual guidance schedules (`GuidanceSchedule::seeded`), where this vault has never had
    /// them. Returns how many were made.
    pub async fn ensure_guidance_schedules(&self) -> Result<usize, StoreError> {
        let today = clock::today();
        let from = Date::new(today.year(), 1, 1).unwrap_or(today);
        let seeds = GuidanceSchedule::seeded(from)
            .into_iter()
            .map(|(id, s)| (id, RecordBody::GuidanceSchedule(s)))
            .collect();
        self.ensure_seeded(RecordKind::GuidanceSchedule, seeds)
            .await
    }

    /// The usual house rules (`HouseRule::seeded`), where this vault has never had them.
    pub async fn ensure_house_rules(&self) -> Result<usize, StoreError> {
        let seeds = HouseRule::seeded()
            .into_iter()
            .map(|(id, r)| (id, RecordBody::HouseRule(r)))
            .collect();
        self.ensure_seeded(RecordKind::HouseRule, seeds).await
    }

    /// The usual chores (`Chore::seeded`), where this vault has never had them.
    pub async fn ensure_chores(&self) -> Result<usize, StoreError> {
        let seeds = Chore::seeded()
            .into_iter()
            .map(|(id, c)| (id, RecordBody::Chore(c)))
            .collect();
        self.ensure_seeded(RecordKind::Chore, seeds).await
    }

    /// The four vocational fields (`VocationalField::seeded`), where this vault has never had them.
    pub async fn ensure_vocational_fields(&self) -> Result<usize, StoreError> {
        let seeds = VocationalField::seeded()
            .into_iter()
            .map(|(id, f)| (id, RecordBody::VocationalField(f)))
            .collect();
        self.ensure_seeded(RecordKind::VocationalField, seeds).await
    }

    /// Saves the seeded records whose ids this vault has no record of, in any state: one
    /// changed, ended or deleted by staff stays as they left it. Nothing for a role that may not
    /// write the kind (the next member who may, makes them).
    async fn ensure_seeded(
        &self,
        kind: RecordKind,
        seeds: Vec<(RecordId, RecordBody)>,
    ) -> Result<usize, StoreError> {
        let role = self.current_staff()?.1.map(|m| m.role);
        if !role.is_some_and(|r| can_write(r, Section::of_kind(kind))) {
            return Ok(0);
        }
        let changes: Vec<Change> = self.read(|ix| {
            seeds
                .into_iter()
                .filter(|(id, _)| ix.record(id).is_none())
                .map(|(id, body)| Change::Create { id, body })
                .collect()
        })?;
        let n = changes.len();
        if n > 0 {
            self.save(changes).await?;
        }
        Ok(n)
    }

    /// After a change to the staff list (a role, a name): the slots follow it at once.
    pub async fn update_slot_grants(&self) -> Result<(), StoreError> {
        let mut header = self.header().await?;
        let (changed, epoch) = {
            let guard = self.session.borrow();
            let s = guard.as_ref().ok_or(StoreError::Locked)?;
            (follow_staff_list(&mut header, s)?, s.epoch())
        };
        if !changed {
            return Ok(());
        }
        self.write_header(&header, epoch).await
    }

    /// A session's write of the header alone (a slot added, changed or following the staff list).
    async fn write_header(
        &self,
        header: &VaultHeader,
        epoch: Option<(u32, u32)>,
    ) -> Result<(), StoreError> {
        let h = header.to_json();
        self.write(Write {
            header: Some(&h),
            epoch,
            ..Write::default()
        })
        .await
    }

    /// Replaces a passphrase the head or admin set (a reset) with the member's own, without the
    /// set one again: they typed it a moment ago to sign in.
    pub async fn replace_set_passphrase(&self, new: &str) -> Result<(), StoreError> {
        if !self.must_change_passphrase().await? {
            return Err(StoreError::NotAllowed);
        }
        let (me, _) = self.current_staff()?;
        self.write_slot(&me, new, false).await
    }

    /// Whether the signed-in member's passphrase was set by someone else and must be changed.
    pub async fn must_change_passphrase(&self) -> Result<bool, StoreError> {
        let (me, _) = self.current_staff()?;
        Ok(self
            .header()
            .await?
            .slot_of(me.as_str())
            .is_some_and(|s| s.must_change))
    }

    async fn write_slot(
        &self,
        staff_id: &RecordId,
        passphrase: &str,
        must_change: bool,
    ) -> Result<(), StoreError> {
        let member = self
            .read(|ix| ix.get::<StaffMember>(staff_id).map(|l| l.body.clone()))?
            .ok_or(StoreError::NotFound)?;
        if !member.active {
            return Err(StoreError::Deactivated);
        }
        let kek = self.new_kek(passphrase.as_bytes()).await?;
        let mut header = self.header().await?;
        let (keys, epoch) = {
            let guard = self.session.borrow();
            let s = guard.as_ref().ok_or(StoreError::Locked)?;
            (s.keys(), s.epoch())
        };
        header
            .set_passphrase(
                &keys,
                staff_id.as_str(),
                &member.name,
                holds_restricted_key(member.role),
                kek,
                must_change,
            )
            .map_err(crypto_err)?;
        self.write_header(&header, epoch).await
    }

    /// Takes a staff member's passphrase off this laptop and replaces the data key, with
    /// `changes` (their record made inactive, say), in one transaction: every segment and log
    /// row is sealed again under the new key, which is wrapped to the remaining slots' public
    /// halves (nobody's passphrase needed). A copy of the old key, or of their slot, opens
    /// nothing written after. Rows that no longer opened stay as they were. Returns a new
    /// recovery code when the recovery slot was of the first format (it had to be replaced).
    pub async fn remove_staff_passphrase(
        &self,
        staff_id: &RecordId,
        changes: Vec<Change>,
    ) -> Result<Option<Zeroizing<String>>, StoreError> {
        self.staff_manager()?;
        if self.current_staff()?.0 == *staff_id {
            return Err(StoreError::NotAllowed);
        }
        self.rotate_with_retry(staff_id, changes, true).await
    }

    /// Changes a staff member's role (`changes`: their record with the new one) from one that
    /// holds the restricted-content key to one that does not: like a removal, both keys are
    /// replaced in the same transaction and their slot kept without the new restricted key, so
    /// a copy of it taken while they held it opens nothing written after. (A role change that
    /// gives the key, or keeps it or its lack, only needs `update_slot_grants`.)
    pub async fn demote_from_restricted(
        &self,
        staff_id: &RecordId,
        changes: Vec<Change>,
    ) -> Result<Option<Zeroizing<String>>, StoreError> {
        self.staff_manager()?;
        self.rotate_with_retry(staff_id, changes, false).await
    }

    async fn rotate_with_retry(
        &self,
        staff_id: &RecordId,
        changes: Vec<Change>,
        remove: bool,
    ) -> Result<Option<Zeroizing<String>>, StoreError> {
        let mut attempt = 0;
        loop {
            let once: std::pin::Pin<Box<dyn std::future::Future<Output = _> + '_>> =
                Box::pin(self.rotate_once(staff_id, changes.clone(), remove));
            match once.await {
                Err(StoreError::Changed) if attempt < 2 => {
                    attempt += 1;
                    self.refresh().await?;
                }
                Err(StoreError::Changed) => return Err(StoreError::Stale),
                other => return other,
            }
        }
    }

    async fn rotate_once(
        &self,
        staff_id: &RecordId,
        changes: Vec<Change>,
        remove: bool,
    ) -> Result<Option<Zeroizing<String>>, StoreError> {
        let mut phases = clock::Phases::start();
        let mut records = self.prepare(changes)?;
        {
            let guard = self.session.borrow();
            let s = guard.as_ref().ok_or(StoreError::Locked)?;
            let d = s.draft(
                AccessAction::KeyRotation,
                Some(staff_id.to_string()),
                vec![],
            );
            let start = s.tail_after(&records).or_else(|| s.access_tail.clone());
            records.extend(s.entries(start, vec![d])?);
        }
        let mut header = self.header().await?;
        if remove {
            header.remove_passphrase(staff_id.as_str());
        }
        let (old, seen, epoch) = {
            let guard = self.session.borrow();
            let s = guard.as_ref().ok_or(StoreError::Locked)?;
            (s.keys(), s.generation, s.epoch)
        };
        // A member who held the restricted-content key takes it away with them too: it is
        // replaced as well, which only a session holding it can do.
        let held = self.read(|ix| {
            ix.get::<StaffMember>(staff_id)
                .is_some_and(|l| holds_restricted_key(l.body.role))
        })?;
        let new_restricted = match (&old.restricted, held) {
            (None, true) => return Err(StoreError::NoRestrictedKey),
            (Some(_), true) => Some(Key::random().map_err(crypto_err)?),
            (k, false) => k.as_ref().map(Key::duplicate),
        };
        let new = Keys {
            data: Key::random().map_err(crypto_err)?,
            restricted: new_restricted,
        };
        let restricted_moves = match (&old.restricted, &new.restricted) {
            (Some(o), Some(n)) if held => Some((o.duplicate(), n.duplicate())),
            _ => None,
        };
        let mut code = None;
        if header.recovery_slot().is_some_and(|s| s.is_legacy()) {
            let c = recovery_code::generate().map_err(crypto_err)?;
            let secret = VaultHeader::recovery_secret(&c).ok_or(StoreError::NoRandomness)?;
            let kek = self.new_kek(secret.as_bytes()).await?;
            header.set_recovery(&new, kek).map_err(crypto_err)?;
            code = Some(c);
        }
        let mut roles: HashMap<String, bool> = self.read(|ix| {
            ix.all::<StaffMember>()
                .map(|l| (l.meta.id.to_string(), holds_restricted_key(l.body.role)))
                .collect()
        })?;
        // The roles as this transaction leaves them (a demotion is among `changes`).
        for r in &records {
            if let Some(RecordBody::Staff(m)) = &r.body {
                roles.insert(r.meta.id.to_string(), holds_restricted_key(m.role));
            }
        }
        header
            .rotate(&new, |id| roles.get(id).copied().unwrap_or(false))
            .map_err(crypto_err)?;
        phases.lap("keys");
        let (log, numbers) = self.db.read_log_and_segment_numbers().await?;
        let stored = self.db.read_segments(&numbers).await?;
        phases.lap("read");
        let mut segments = vec![];
        for seg in &stored {
            // A segment that no longer opened is left as it was (it was unreadable already).
            if let Ok(plain) = segment::open(&old.data, seg.n, &seg.sealed) {
                let plain = match &restricted_moves {
                    Some((o, n)) => reseal_restricted_in_segment(plain, o, n)?,
                    None => plain,
                };
                let sealed = segment::seal(&new.data, seg.n, &plain).map_err(crypto_err)?;
                segments.push((
                    StoredSegment { n: seg.n, sealed },
                    Some(seg.nonce().to_vec()),
                ));
            }
        }
        let changed: Vec<&str> = records.iter().map(|r| r.meta.id.as_str()).collect();
        let mut rows = vec![];
        for row in &log {
            if changed.contains(&row.id.as_str()) {
                continue;
            }
            let Ok(plain) = sealed_record::open_plain(&old.data, row) else {
                continue;
            };
            let moved = match &restricted_moves {
                Some((o, n)) => restricted::reseal_content(&plain, &row.id, &row.kind, o, n)?,
                None => None,
            };
            let plain = moved.map(Zeroizing::new).unwrap_or(plain);
            rows.push(sealed_record::seal_plain(&new.data, row, &plain).map_err(crypto_err)?);
        }
        for r in &records {
            rows.push(sealed_record::seal(&new.data, r).map_err(crypto_err)?);
        }
        let (tail, device) = {
            let guard = self.session.borrow();
            let s = guard.as_ref().ok_or(StoreError::Locked)?;
            (s.tail_after(&records), s.device.clone())
        };
        let meta: Vec<(&'static str, String)> = match &tail {
            Some(t) => vec![(ACCESS_TAIL_KEY, seal_tail(&new.data, &device, t)?)],
            None => vec![],
        };
        phases.lap("seal");
        let h = header.to_json();
        self.write(Write {
            header: Some(&h),
            segments: &segments,
            log_updates: &rows,
            generation: Some((seen, seen + 1)),
            epoch: Some((epoch, epoch + 1)),
            meta: &meta,
            ..Write::default()
        })
        .await?;
        phases.lap("write");
        {
            let mut guard = self.session.borrow_mut();
            let s = guard.as_mut().ok_or(StoreError::Locked)?;
            s.key = new.data;
            s.restricted = new.restricted;
            s.epoch = epoch + 1;
            if tail.is_some() {
                s.access_tail = tail;
            }
            s.generation = seen + 1;
            s.log_rows = log.len()
                + records
                    .iter()
                    .filter(|r| !log.iter().any(|l| l.id == r.meta.id.as_str()))
                    .count();
            for r in records {
                s.index.insert(r);
            }
        }
        if restricted_moves.is_some() {
            // The records in memory hold restricted content sealed under the old key.
            self.refresh().await?;
            phases.lap("read again");
        }
        *self.phases.borrow_mut() = phases;
        Ok(code)
    }

    /// The phases of the last set-up, restore or unlock, with their durations in milliseconds.
    pub fn last_phases(&self) -> clock::Phases {
        self.phases.borrow().clone()
    }

    /// Every record, tombstones included, for a backup. A session holding the
    /// restricted-content key writes restricted content open (so a new laptop, with new keys,
    /// can restore it, and `age` opens it with the backup's passphrase); a session without it
    /// carries it sealed, as stored.
    pub fn export_records(&self) -> Result<Vec<Record>, StoreError> {
        let guard = self.session.borrow();
        let s = guard.as_ref().ok_or(StoreError::Locked)?;
        s.index
            .every_record()
            .map(|r| restricted::opened_or_same(r, s.restricted.as_ref()))
            .collect()
    }

    /// A copy of `r` with every restricted field this session can open made open (a page that
    /// shows a whole record, the timeline). The second value says whether any was opened.
    pub fn opened_copy(&self, r: &Record) -> Result<(Record, bool), StoreError> {
        let guard = self.session.borrow();
        let s = guard.as_ref().ok_or(StoreError::Locked)?;
        match &s.restricted {
            Some(k) => Ok(match restricted::opened(r, k)? {
                Some(o) => (o, true),
                None => (r.clone(), false),
            }),
            None => Ok((r.clone(), false)),
        }
    }

    /// Whether this session may open restricted content (its role's slot holds the key).
    pub fn holds_restricted_content_key(&self) -> bool {
        self.session
            .borrow()
            .as_ref()
            .is_some_and(|s| s.restricted.is_some())
    }

    /// The content of a restricted field of the record `meta`: `NoRestrictedKey` for a session
    /// whose role holds no key, `SealedElsewhere` for content sealed under another vault's key.
    pub fn reveal<T: serde::de::DeserializeOwned + Clone>(
        &self,
        meta: &RecordMeta,
        field: &Restricted<T>,
    ) -> Result<T, StoreError> {
        let guard = self.session.borrow();
        let s = guard.as_ref().ok_or(StoreError::Locked)?;
        restricted::reveal(s.restricted.as_ref(), meta.id.as_str(), meta.kind, field)
    }

    /// What merging these records (from a backup) into this vault would do. Writes nothing.
    /// This vault keeps its own shelter record: another shelter's (from a backup of another
    /// shelter) is left out, so the vault's name never becomes ambiguous.
    ///
    /// Restricted content is compared open where this session holds the key (a holder's
    /// backup carries it open, this vault stores it sealed: the same note either way). A
    /// session without the key cannot seal open content: `NoRestrictedKey` for such a backup.
    pub fn plan_import(&self, mut incoming: Vec<Record>) -> Result<MergePlan, StoreError> {
        let guard = self.session.borrow();
        let s = guard.as_ref().ok_or(StoreError::Locked)?;
        let ix = &s.index;
        let ours: Vec<&RecordId> = ix
            .records_of(RecordKind::Shelter)
            .map(|r| &r.meta.id)
            .collect();
        if !ours.is_empty() {
            incoming.retain(|r| r.meta.kind != RecordKind::Shelter || ours.contains(&&r.meta.id));
        }
        let mut opened_here: HashMap<RecordId, Record> = HashMap::new();
        match &s.restricted {
            None if incoming.iter().any(restricted::holds_open) => {
                return Err(StoreError::NoRestrictedKey)
            }
            None => {}
            Some(k) => {
                for r in incoming.iter_mut().filter(|r| r.meta.kind.is_restricted()) {
                    if let Some(o) = restricted::opened(r, k)? {
                        *r = o;
                    }
                    if let Some(o) = ix.record(&r.meta.id).map(|l| restricted::opened(l, k)) {
                        if let Some(o) = o? {
                            opened_here.insert(r.meta.id.clone(), o);
                        }
                    }
                }
            }
        }
        Ok(merge::plan_with(
            |id| opened_here.get(id).or_else(|| ix.record(id)),
            incoming,
        ))
    }

    /// Applies a merge plan with a choice for each of its conflicts, in one transaction.
    /// Refuses (`Stale`) if any record it touches changed since the plan was made.
    pub async fn apply_import(
        &self,
        plan: &MergePlan,
        choices: &[Choice],
    ) -> Result<MergeSummary, StoreError> {
        if choices.len() != plan.conflicts.len() {
            return Err(StoreError::Invalid(
                "a choice is needed for every conflict".into(),
            ));
        }
        self.with_retry_on_change(&|| {
            let guard = self.session.borrow();
            let s = guard.as_ref().ok_or(StoreError::Locked)?;
            for (id, rev) in &plan.local_revs {
                if s.index.record(id).map(|r| r.meta.rev) != *rev {
                    return Err(StoreError::Stale);
                }
            }
            let stamp = s.stamp();
            let mut records = plan.writes.clone();
            records.extend(
                plan.conflicts
                    .iter()
                    .zip(choices)
                    .map(|(c, ch)| merge::resolve(c, *ch, &stamp)),
            );
            Ok(records)
        })
        .await?;
        let mut summary = plan.summary;
        summary.conflicts_resolved = plan.conflicts.len();
        Ok(summary)
    }

    /// Reads through the index of opened records (see `store/index.rs`): by id, by kind, and
    /// by the resident a record is about. A deferred kind is parsed when first read.
    pub fn read<T>(&self, f: impl FnOnce(&Index) -> T) -> Result<T, StoreError> {
        self.session
            .borrow()
            .as_ref()
            .map(|s| f(&s.index))
            .ok_or(StoreError::Locked)
    }

    /// Parses one deferred kind not yet read, if any (benchmarks and tests; the app parses
    /// each kind when it is first read). Returns how many records are still unparsed.
    pub fn open_deferred(&self) -> Result<usize, StoreError> {
        self.read(|ix| {
            ix.open_next();
            ix.pending()
        })
    }

    /// Ids of deferred records that could not be read when their kind was parsed.
    pub fn unreadable_later(&self) -> Result<Vec<String>, StoreError> {
        self.read(Index::unreadable_later)
    }

    /// Any record by id, tombstones included.
    pub fn get(&self, id: &RecordId) -> Result<Option<Record>, StoreError> {
        self.read(|ix| ix.record(id).cloned())
    }

    pub fn shelter(&self) -> Result<Option<Shelter>, StoreError> {
        self.read(|ix| ix.first::<Shelter>().map(|l| l.body.clone()))
    }

    /// The staff member who unlocked this session.
    pub fn current_staff(&self) -> Result<(RecordId, Option<StaffMember>), StoreError> {
        let id = self
            .session
            .borrow()
            .as_ref()
            .map(|s| s.staff_id.clone())
            .ok_or(StoreError::Locked)?;
        let m = self.read(|ix| ix.get::<StaffMember>(&id).map(|l| l.body.clone()))?;
        Ok((id, m))
    }

    pub fn staff_name(&self, id: &RecordId) -> Result<Option<String>, StoreError> {
        self.read(|ix| ix.get::<StaffMember>(id).map(|l| l.body.name.clone()))
    }

    /// Live records of a kind.
    pub fn count(&self, kind: RecordKind) -> Result<usize, StoreError> {
        self.read(|ix| ix.count_kind(kind))
    }
}

/// Brings the header in line with the staff list: a slot's name as the lock screen shows it,
/// and who holds the restricted-content key (a slot added by someone without it gets it from
/// the first session that has it; a role that lost the right loses it). True if it changed.
fn follow_staff_list(header: &mut VaultHeader, session: &Session) -> Result<bool, StoreError> {
    let keys = session.keys();
    let mut changed = false;
    for (id, name) in header.names() {
        let Some(m) = RecordId::parse(&id).and_then(|rid| {
            session
                .index
                .get::<StaffMember>(&rid)
                .map(|l| l.body.clone())
        }) else {
            continue;
        };
        if name != m.name {
            if let Some(slot) = header.slots.iter_mut().find(|s| s.staff_id() == Some(&id)) {
                slot.name = m.name.clone();
                changed = true;
            }
        }
        changed |= header
            .grant_restricted(&keys, &id, holds_restricted_key(m.role))
            .map_err(crypto_err)?;
    }
    Ok(changed)
}

fn tail_aad(device: &str) -> Vec<u8> {
    format!("naungan/access-tail/v1\n{device}").into_bytes()
}

/// The record of who did what's last entry, sealed under the data key for the `meta` store.
fn seal_tail(key: &Key, device: &str, t: &Tail) -> Result<String, StoreError> {
    let json = serde_json::to_vec(t).expect("a tail serializes");
    let sealed = crypto::seal(key, &tail_aad(device), &json).map_err(crypto_err)?;
    Ok(crypto::hex::encode(&sealed))
}

fn open_tail(key: &Key, device: &str, stored: &str) -> Option<Tail> {
    let sealed = crypto::hex::decode(stored)?;
    let plain = crypto::open(key, &tail_aad(device), &sealed).ok()?;
    serde_json::from_slice(&plain).ok()
}

/// A record's segment entry: its clear fields and its encoded content.
fn entry_of<'a>(r: &'a Record, plain: &'a [u8]) -> Entry<'a> {
    Entry {
        id: r.meta.id.as_str(),
        kind: r.meta.kind.as_str(),
        rev: r.meta.rev,
        updated: r.meta.updated_at as f64,
        deleted: r.meta.deleted,
        content: plain,
    }
}

/// Seals folded segments for a write: each with the nonce it replaces (from `nonces`, the
/// segments as read), and where every record in them now lies.
#[allow(clippy::type_complexity)]
fn seal_segments(
    key: &Key,
    out: BTreeMap<u32, Vec<Entry>>,
    nonces: &[(u32, Vec<u8>)],
) -> Result<(Vec<(StoredSegment, Option<Vec<u8>>)>, Vec<(u64, u32)>), StoreError> {
    let mut segments = vec![];
    let mut placed = vec![];
    for (n, entries) in out {
        let plain = segment::encode(&entries);
        let sealed = segment::seal(key, n, &plain).map_err(crypto_err)?;
        placed.extend(entries.iter().map(|e| (segment::id_hash(e.id), n)));
        let replaces = nonces.iter().find(|(m, _)| *m == n).map(|(_, x)| x.clone());
        segments.push((StoredSegment { n, sealed }, replaces));
    }
    Ok((segments, placed))
}

/// A segment's plaintext with the restricted content of each entry sealed again, `old` to
/// `new` (the segment itself as it was when it holds none).
fn reseal_restricted_in_segment(
    plain: Zeroizing<Vec<u8>>,
    old: &Key,
    new: &Key,
) -> Result<Zeroizing<Vec<u8>>, StoreError> {
    let entries = segment::decode(&plain).map_err(|_| StoreError::Invalid("segment".into()))?;
    let moved: Vec<Option<Vec<u8>>> = entries
        .iter()
        .map(|e| restricted::reseal_content(e.content, e.id, e.kind, old, new))
        .collect::<Result<_, _>>()?;
    if moved.iter().all(Option::is_none) {
        drop(entries);
        return Ok(plain);
    }
    let entries: Vec<Entry> = entries
        .into_iter()
        .zip(&moved)
        .map(|(e, m)| match m {
            Some(c) => Entry { content: c, ..e },
            None => e,
        })
        .collect();
    let out = segment::encode(&entries);
    for m in moved.into_iter().flatten() {
        drop(Zeroizing::new(m));
    }
    Ok(out)
}

fn crypto_err(e: CryptoError) -> StoreError {
    match e {
        CryptoError::NoRandomness => StoreError::NoRandomness,
        other => StoreError::Invalid(other.to_string()),
    }
}

fn unlock_err(e: UnlockError, wrong: StoreError) -> StoreError {
    match e {
        UnlockError::WrongSecret => wrong,
        UnlockError::BadHeader => StoreError::BadHeader,
        UnlockError::NoRandomness => StoreError::NoRandomness,
    }
}
