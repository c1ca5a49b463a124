//! The read-only index of an unlocked vault: every opened record by id, by kind, and by the
//! resident it is about, plus the resident search order. Pages read through it (`Vault::read`);
//! only the vault changes it, after storage has (saves, imports, catch-up, unlock).
//!
//! A deferred kind (`RecordKind::is_deferred`) stays as its decrypted bytes, compact, until it is
//! first read: then that kind alone is parsed, in place, behind a shared reference. A read can
//! therefore never see part of a kind.

use super::sealed_record;
use super::segment::{self, Entry};
use crate::domain::aftercare::{self, Discharge, FollowUpVisit, ToChase};
use crate::domain::date::Date;
use crate::domain::id::RecordId;
use crate::domain::record::{Kind, Record, RecordKind, RecordMeta};
use crate::domain::resident::Resident;
use crate::domain::search::{ResidentQuery, SearchOrder};
use crate::domain::sorting;
use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, HashMap};
use zeroize::Zeroizing;

/// A live record of kind `K`, borrowed from the index.
pub struct Live<'a, K> {
    pub meta: &'a RecordMeta,
    pub body: &'a K,
}

impl<K> Clone for Live<'_, K> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K> Copy for Live<'_, K> {}

impl<K: Clone> Live<'_, K> {
    /// An owned copy, for a view that outlives the read.
    pub fn to_owned(&self) -> (RecordMeta, K) {
        (self.meta.clone(), self.body.clone())
    }
}

/// One page of a resident search.
#[derive(Clone, Debug, PartialEq)]
pub struct ResidentPage {
    pub total: usize,
    pub rows: Vec<(RecordMeta, Resident)>,
}

/// One kind's records, and who they are about.
#[derive(Default)]
struct Table {
    records: BTreeMap<RecordId, Record>,
    about: HashMap<RecordId, Vec<RecordId>>,
}

impl Table {
    fn insert(&mut self, r: Record) {
        let id = r.meta.id.clone();
        let was = self
            .records
            .get(&id)
            .and_then(|o| o.body.as_ref())
            .and_then(|b| b.about().cloned());
        let now = r.body.as_ref().and_then(|b| b.about().cloned());
        if was != now {
            if let Some(w) = was {
                if let Some(v) = self.about.get_mut(&w) {
                    v.retain(|x| *x != id);
                }
            }
        }
        if let Some(n) = now {
            let v = self.about.entry(n).or_default();
            if !v.contains(&id) {
                v.push(id.clone());
            }
        }
        self.records.insert(id, r);
    }
}

/// A deferred kind's records as unlock found them: their decrypted content, copied together.
pub(super) struct Pending {
    pub bytes: Chunks,
    pub entries: Vec<PendingEntry>,
}

/// Bytes appended in chunks of about 256 KiB. One growing buffer would double as it grows, and
/// every smaller copy it left behind would stay in the page's WebAssembly memory for good.
#[derive(Default)]
pub(super) struct Chunks {
    chunks: Vec<Zeroizing<Vec<u8>>>,
}

/// Where appended bytes lie in their `Chunks`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Span {
    chunk: u32,
    start: u32,
    end: u32,
}

impl Chunks {
    const SIZE: usize = 256 * 1024;

    pub fn push(&mut self, b: &[u8]) -> Span {
        let fits = self
            .chunks
            .last()
            .is_some_and(|c| c.capacity() - c.len() >= b.len());
        if !fits {
            self.chunks
                .push(Zeroizing::new(Vec::with_capacity(Self::SIZE.max(b.len()))));
        }
        let chunk = self.chunks.len() - 1;
        let c = &mut self.chunks[chunk];
        let start = c.len();
        c.extend_from_slice(b);
        Span {
            chunk: chunk as u32,
            start: start as u32,
            end: c.len() as u32,
        }
    }

    pub fn get(&self, s: Span) -> &[u8] {
        &self.chunks[s.chunk as usize][s.start as usize..s.end as usize]
    }
}

pub(super) struct PendingEntry {
    pub span: Span,
    pub id: String,
    pub rev: u32,
    pub updated: f64,
    pub deleted: bool,
}

struct Slot {
    table: OnceCell<Table>,
    /// Until the table is opened (deferred kinds only).
    closed: RefCell<Option<Closed>>,
}

/// A deferred kind not opened yet: what unlock found in segments, and records indexed since
/// (log rows, saves), which are newer.
struct Closed {
    pending: Pending,
    extra: Vec<Record>,
    /// The pending ids' hashes, sorted: a save asks whether an id is stored, and must not
    /// scan tens of thousands of ids to hear no.
    hashes: Vec<u64>,
}

impl Closed {
    /// Whether `id` may be among these records (a hash collision says yes: the caller then
    /// opens the kind and looks for real).
    fn has(&self, id: &RecordId) -> bool {
        self.extra.iter().any(|r| r.meta.id == *id)
            || self
                .hashes
                .binary_search(&segment::id_hash(id.as_str()))
                .is_ok()
    }
}

pub struct Index {
    /// One per kind, in the order of `RecordKind::ALL`.
    slots: Vec<Slot>,
    search: SearchOrder,
    /// Deferred records that turned out unreadable when their kind was opened.
    unreadable_later: RefCell<Vec<String>>,
}

impl Default for Index {
    fn default() -> Index {
        Index {
            slots: RecordKind::ALL
                .iter()
                .map(|_| Slot {
                    table: OnceCell::new(),
                    closed: RefCell::new(None),
                })
                .collect(),
            search: SearchOrder::default(),
            unreadable_later: RefCell::new(vec![]),
        }
    }
}

impl Index {
    fn slot(&self, kind: RecordKind) -> &Slot {
        &self.slots[kind.ordinal()]
    }

    /// The kind's table, parsed now if it was deferred.
    fn table(&self, kind: RecordKind) -> &Table {
        let slot = self.slot(kind);
        slot.table.get_or_init(|| {
            let mut t = Table::default();
            if let Some(Closed {
                pending: p, extra, ..
            }) = slot.closed.borrow_mut().take()
            {
                for e in &p.entries {
                    let entry = Entry {
                        id: &e.id,
                        kind: kind.as_str(),
                        rev: e.rev,
                        updated: e.updated,
                        deleted: e.deleted,
                        content: p.bytes.get(e.span),
                    };
                    // Content from an older schema was opened at unlock (see `Vault::load`), so
                    // what is pending here is current.
                    match sealed_record::decode(&entry) {
                        Ok((r, _)) => t.insert(r),
                        Err(_) => self.unreadable_later.borrow_mut().push(e.id.clone()),
                    }
                }
                extra.into_iter().for_each(|r| t.insert(r));
            }
            t
        })
    }

    fn table_mut(&mut self, kind: RecordKind) -> &mut Table {
        self.table(kind);
        self.slots[kind.ordinal()]
            .table
            .get_mut()
            .expect("opened just now")
    }

    pub(super) fn defer(&mut self, kind: RecordKind, pending: Pending) {
        debug_assert!(kind.is_deferred());
        let mut hashes: Vec<u64> = pending
            .entries
            .iter()
            .map(|e| segment::id_hash(&e.id))
            .collect();
        sorting::sort_dedup(&mut hashes);
        *self.slots[kind.ordinal()].closed.get_mut() = Some(Closed {
            pending,
            extra: vec![],
            hashes,
        });
    }

    /// Puts a record in (a new one, a new revision, or a tombstone).
    pub(super) fn insert(&mut self, r: Record) {
        if r.meta.kind == RecordKind::Resident {
            let res = r.body.as_ref().and_then(Resident::of);
            self.search.set(&r.meta.id, res);
        }
        self.put(r);
    }

    /// Into its table, or, for a kind not opened yet, beside what is pending.
    fn put(&mut self, r: Record) {
        let kind = r.meta.kind;
        if let Some(c) = self.slots[kind.ordinal()].closed.get_mut() {
            c.extra.retain(|x| x.meta.id != r.meta.id);
            c.extra.push(r);
            return;
        }
        self.table_mut(kind).insert(r);
    }

    /// Many records at once (unlock, restore): the search order is built once at the end.
    pub(super) fn extend(&mut self, records: impl IntoIterator<Item = Record>) {
        for r in records {
            self.put(r);
        }
        self.search = SearchOrder::build(self.all::<Resident>().map(|l| (&l.meta.id, l.body)));
    }

    /// Whether a kind has nothing left unparsed (a deferred kind not read yet has).
    pub fn is_open(&self, kind: RecordKind) -> bool {
        self.slot(kind).closed.borrow().is_none()
    }

    /// Parses one deferred kind that is not open yet, if any. Returns whether one was.
    pub fn open_next(&self) -> bool {
        match RecordKind::ALL.iter().find(|k| !self.is_open(**k)) {
            Some(&k) => {
                self.table(k);
                true
            }
            None => false,
        }
    }

    /// Records not parsed yet (deferred kinds not opened).
    pub fn pending(&self) -> usize {
        self.slots
            .iter()
            .filter_map(|s| s.closed.borrow().as_ref().map(|c| c.pending.entries.len()))
            .sum()
    }

    pub fn unreadable_later(&self) -> Vec<String> {
        self.unreadable_later.borrow().clone()
    }

    /// Any record by id, of any kind, tombstones included.
    pub fn record(&self, id: &RecordId) -> Option<&Record> {
        // Opened kinds first: a lookup in a kind not yet opened would parse it.
        let open = RecordKind::ALL.iter().filter(|k| self.is_open(**k));
        let closed = RecordKind::ALL.iter().filter(|k| !self.is_open(**k));
        for &k in open {
            if let Some(r) = self.table(k).records.get(id) {
                return Some(r);
            }
        }
        for &k in closed {
            let has = self
                .slot(k)
                .closed
                .borrow()
                .as_ref()
                .is_some_and(|c| c.has(id));
            if has {
                return self.table(k).records.get(id);
            }
        }
        None
    }

    /// Every record of a kind, tombstones included.
    pub fn records_of(&self, kind: RecordKind) -> impl Iterator<Item = &Record> {
        self.table(kind).records.values()
    }

    /// Every record of the kinds opened so far.
    pub(super) fn every_record_open(&self) -> impl Iterator<Item = &Record> {
        self.slots
            .iter()
            .filter_map(|s| s.table.get())
            .flat_map(|t| t.records.values())
    }

    /// Every record, tombstones included (a backup, a merge).
    pub fn every_record(&self) -> impl Iterator<Item = &Record> {
        RecordKind::ALL.iter().flat_map(|k| self.records_of(*k))
    }

    /// The live record `id`, if it is of kind `K`.
    pub fn get<K: Kind>(&self, id: &RecordId) -> Option<Live<'_, K>> {
        live(self.table(K::KIND).records.get(id)?)
    }

    /// Every live record of kind `K`, by id.
    pub fn all<K: Kind>(&self) -> impl Iterator<Item = Live<'_, K>> {
        self.table(K::KIND).records.values().filter_map(live)
    }

    /// The first live record of kind `K` (the shelter: there is one).
    pub fn first<K: Kind>(&self) -> Option<Live<'_, K>> {
        self.all::<K>().next()
    }

    /// How many live records of kind `K`.
    pub fn count<K: Kind>(&self) -> usize {
        self.all::<K>().count()
    }

    pub fn count_kind(&self, kind: RecordKind) -> usize {
        self.records_of(kind).filter(|r| !r.meta.deleted).count()
    }

    /// Live records of kind `K` about a resident, in the order they were first indexed.
    pub fn about<K: Kind>(&self, resident: &RecordId) -> impl Iterator<Item = Live<'_, K>> {
        let t = self.table(K::KIND);
        t.about
            .get(resident)
            .into_iter()
            .flatten()
            .filter_map(|id| live(t.records.get(id)?))
    }

    /// Every live record of any kind about a resident (what goes with her when she is deleted).
    pub fn everything_about(&self, resident: &RecordId) -> Vec<&RecordMeta> {
        RecordKind::ALL
            .iter()
            .flat_map(|k| {
                let t = self.table(*k);
                t.about
                    .get(resident)
                    .into_iter()
                    .flatten()
                    .filter_map(|id| t.records.get(id))
                    .filter(|r| !r.meta.deleted)
                    .map(|r| &r.meta)
            })
            .collect()
    }

    /// The aftercare follow-ups to chase on `today` (`aftercare::to_chase`), of each resident's
    /// latest discharge: (the resident, who recorded her discharge) for each.
    pub fn follow_ups_to_chase(
        &self,
        intervals: &[u32],
        today: Date,
        ahead_days: i64,
    ) -> Vec<ToChase<(RecordId, RecordId)>> {
        let cases = self.all::<Discharge>().filter_map(|d| {
            let resident = &d.body.resident;
            let latest = self
                .about::<Discharge>(resident)
                .max_by_key(|l| (l.body.date, l.meta.created_at))?;
            if latest.meta.id != d.meta.id {
                return None;
            }
            let visits = self
                .about::<FollowUpVisit>(resident)
                .map(|l| l.body)
                .collect();
            Some((
                (resident.clone(), d.meta.created_by.clone()),
                d.body,
                visits,
            ))
        });
        aftercare::to_chase(cases, intervals, today, ahead_days)
    }

    /// The resident search order (see `domain::search::SearchOrder`).
    pub fn search(&self) -> &SearchOrder {
        &self.search
    }

    /// Live residents matching the query, by name: at most `limit` rows, and the total.
    pub fn residents(&self, q: &ResidentQuery, limit: usize) -> ResidentPage {
        let (total, ids) = self.search.find(q, limit);
        let rows = ids
            .into_iter()
            .filter_map(|id| self.get::<Resident>(id).map(|l| l.to_owned()))
            .collect();
        ResidentPage { total, rows }
    }
}

fn live<K: Kind>(r: &Record) -> Option<Live<'_, K>> {
    Some(Live {
        meta: &r.meta,
        body: K::of(r.body.as_ref()?)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case_note::{CaseNote, NoteKind};
    use crate::domain::date::Date;
    use crate::domain::photo::Photo;
    use crate::domain::record::{RecordBody, Stamp};

    fn id(n: u8) -> RecordId {
        RecordId::from_random_bytes([n; 16])
    }

    fn stamp() -> Stamp {
        Stamp {
            by: id(0),
            at: 1,
            device: "d".into(),
        }
    }

    fn note(n: u8, about: u8) -> Record {
        let body = RecordBody::CaseNote(CaseNote {
            resident: id(about),
            date: Date::new(2026, 1, 2).unwrap(),
            kind: NoteKind::IndividualCounselling,
            text: crate::domain::case_note::NoteText::Shared("Konseling".into()),
            follow_up: None,
        });
        Record::create(id(n), body, &stamp())
    }

    fn pending_of(records: &[Record]) -> Pending {
        let mut bytes = Chunks::default();
        let mut entries = vec![];
        for r in records {
            let span = bytes.push(&sealed_record::encode(r));
            entries.push(PendingEntry {
                span,
                id: r.meta.id.to_string(),
                rev: r.meta.rev,
                updated: r.meta.updated_at as f64,
                deleted: r.meta.deleted,
            });
        }
        Pending { bytes, entries }
    }

    #[test]
    fn a_deferred_kind_opens_alone_when_first_read_and_reads_whole() {
        let mut ix = Index::default();
        ix.defer(
            RecordKind::CaseNote,
            pending_of(&[note(1, 9), note(2, 9), note(3, 8)]),
        );
        let photo = Photo::new(id(9), "/9j/AA==".into()).unwrap();
        ix.extend([Record::create(id(4), RecordBody::Photo(photo), &stamp())]);
        assert!(!ix.is_open(RecordKind::CaseNote));
        assert_eq!(ix.pending(), 3);
        // Reading photos leaves notes closed.
        assert_eq!(ix.about::<Photo>(&id(9)).count(), 1);
        assert!(!ix.is_open(RecordKind::CaseNote));
        // Reading notes opens them, all of them.
        assert_eq!(ix.about::<CaseNote>(&id(9)).count(), 2);
        assert!(ix.is_open(RecordKind::CaseNote));
        assert_eq!(ix.count::<CaseNote>(), 3);
        assert_eq!(ix.pending(), 0);
    }

    #[test]
    fn by_id_finds_a_record_of_a_kind_not_yet_open() {
        let mut ix = Index::default();
        ix.defer(RecordKind::CaseNote, pending_of(&[note(1, 9)]));
        assert!(ix.record(&id(1)).is_some());
        assert!(ix.record(&id(2)).is_none());
        // Typed by id: a record of another kind is not there.
        assert!(ix.get::<CaseNote>(&id(1)).is_some());
        assert!(ix.get::<Photo>(&id(1)).is_none());
    }

    #[test]
    fn the_about_index_follows_changes_and_tombstones() {
        let mut ix = Index::default();
        let n = note(1, 9);
        ix.insert(n.clone());
        let mut moved = n.clone();
        if let Some(RecordBody::CaseNote(c)) = moved.body.as_mut() {
            c.resident = id(8);
        }
        ix.insert(moved.clone());
        assert_eq!(ix.about::<CaseNote>(&id(9)).count(), 0);
        assert_eq!(ix.about::<CaseNote>(&id(8)).count(), 1);
        ix.insert(moved.tombstone(&stamp()).unwrap());
        assert_eq!(ix.about::<CaseNote>(&id(8)).count(), 0);
        assert_eq!(ix.count::<CaseNote>(), 0);
        assert!(ix.record(&id(1)).is_some_and(|r| r.meta.deleted));
    }

    #[test]
    fn indexing_other_records_keeps_the_search_order() {
        let mut ix = Index::default();
        let r = crate::domain::resident::tests::good_draft()
            .validate(crate::domain::resident::tests::today())
            .unwrap();
        ix.insert(Record::create(id(1), RecordBody::Resident(r), &stamp()));
        ix.insert(note(2, 1));
        let q = crate::domain::search::ResidentQuery::default();
        assert_eq!(ix.search().find(&q, 10), (1, vec![&id(1)]));
    }

    #[test]
    fn records_saved_into_a_kind_not_yet_open_are_there_when_it_opens() {
        let mut ix = Index::default();
        let old = note(1, 9);
        ix.defer(RecordKind::CaseNote, pending_of(&[old.clone(), note(2, 9)]));
        let mut newer = old.clone();
        newer.meta.rev = 2;
        ix.insert(newer.clone());
        ix.insert(note(3, 9));
        assert!(
            !ix.is_open(RecordKind::CaseNote),
            "a save alone opens nothing"
        );
        assert_eq!(ix.about::<CaseNote>(&id(9)).count(), 3);
        assert_eq!(
            ix.record(&id(1)).map(|r| r.meta.rev),
            Some(2),
            "the newer copy wins"
        );
    }

    #[test]
    fn chunks_keep_every_piece_whole_across_their_boundaries() {
        let mut c = Chunks::default();
        let pieces: Vec<Vec<u8>> = (0..40u8)
            .map(|i| vec![i; 1 + (i as usize) * 17_000])
            .chain([vec![7u8; Chunks::SIZE * 2]])
            .collect();
        let spans: Vec<Span> = pieces.iter().map(|p| c.push(p)).collect();
        for (p, s) in pieces.iter().zip(&spans) {
            assert_eq!(c.get(*s), &p[..]);
        }
        assert!(c.chunks.len() > 2, "spread over several chunks");
        assert!(c.chunks.iter().all(|x| x.len() <= x.capacity()));
    }
}
