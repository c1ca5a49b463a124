//! Segments: many records sealed together as one IndexedDB value.
//!
//! IndexedDB's cost is per value (40,000 small values take seconds to write where 40 large ones
//! take milliseconds), so the bulk of a vault lives in segments of about [`TARGET_BYTES`] each.
//! Recent saves go to a small log of one value per record (see `vault.rs`); compaction folds the
//! log into segments.
//!
//! A segment's plaintext is a list of entries. An entry is a record's clear fields (id, kind,
//! revision, updated time, deleted flag) and its sealed content's plaintext (see
//! `sealed_record::encode`). The whole list is sealed once with the data key, its associated
//! data naming the segment's key, so a segment moved to another key fails to open. Nothing of a
//! record, not even its id, is in the clear in a segment.
//!
//! Layout of the plaintext (little-endian):
//! `"NSEG"`, version u8 = 1, entry count u32, then per entry:
//! id length u8, id, kind length u8, kind, rev u32, updated f64, deleted u8,
//! content length u32, content.

use super::crypto::{self, CryptoError, Key};
use std::collections::{BTreeMap, HashMap};
use zeroize::Zeroizing;

/// A segment's plaintext grows to about this size before a new segment starts.
pub const TARGET_BYTES: usize = 1 << 20;
const MAGIC: &[u8; 4] = b"NSEG";
const VERSION: u8 = 1;

/// One record inside a segment (or on its way into one), borrowing its bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub rev: u32,
    pub updated: f64,
    pub deleted: bool,
    /// The plaintext of the record's content.
    pub content: &'a [u8],
}

impl Entry<'_> {
    fn encoded_len(&self) -> usize {
        1 + self.id.len() + 1 + self.kind.len() + 4 + 8 + 1 + 4 + self.content.len()
    }

    /// Whether this copy of a record supersedes `other`: a later revision, the same revision
    /// saved later, or the same one migrated to the current schema (else compaction would
    /// keep the older copy and drop the migrated one, and unlock would migrate it again).
    pub fn supersedes(&self, other: &Entry) -> bool {
        let current = |e: &Entry| super::sealed_record::is_current(e.content);
        (self.rev, self.updated, current(self)) > (other.rev, other.updated, current(other))
    }
}

/// A 64-bit FNV-1a hash of a record id: a small key for "which segment holds this record".
pub fn id_hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SegmentError {
    /// Wrong key, or the bytes were changed, truncated or moved to another key.
    Tampered,
    /// Decrypted, but not a segment this version can read.
    Malformed(&'static str),
}

/// The plaintext of a list of entries. Entries whose id or kind exceeds 255 bytes cannot occur
/// (ids are UUIDs, kinds are short words) and are refused by a panic rather than truncated.
pub fn encode(entries: &[Entry]) -> Zeroizing<Vec<u8>> {
    let len = 9 + entries.iter().map(Entry::encoded_len).sum::<usize>();
    let mut out = Zeroizing::new(Vec::with_capacity(len));
    put_header(&mut out, entries.len() as u32);
    for e in entries {
        put_clear_fields(&mut out, e);
        out.extend_from_slice(&(e.content.len() as u32).to_le_bytes());
        out.extend_from_slice(e.content);
    }
    debug_assert_eq!(out.len(), len);
    out
}

fn put_header(out: &mut Vec<u8>, count: u32) {
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    out.extend_from_slice(&count.to_le_bytes());
}

/// An entry up to its content's length: id, kind, revision, updated time, deleted flag.
fn put_clear_fields(out: &mut Vec<u8>, e: &Entry) {
    let id = u8::try_from(e.id.len()).expect("record ids are short");
    let kind = u8::try_from(e.kind.len()).expect("record kinds are short");
    out.push(id);
    out.extend_from_slice(e.id.as_bytes());
    out.push(kind);
    out.extend_from_slice(e.kind.as_bytes());
    out.extend_from_slice(&e.rev.to_le_bytes());
    out.extend_from_slice(&e.updated.to_le_bytes());
    out.push(u8::from(e.deleted));
}

/// Packs records appended in order into new segments (a restore, a large first write): each
/// record's content is written straight into its segment's plaintext, with no copy between,
/// and each segment is then sealed where it lies ([`Packed::seal`]).
/// The segments are what [`fold`] and [`encode`] give for the same entries appended to none;
/// the ids must be distinct (fold would keep the newest of two copies; a restore's ids are
/// distinct, `backup::records` refuses repeats).
pub struct Packer {
    target: usize,
    next: u32,
    current: Zeroizing<Vec<u8>>,
    count: u32,
    done: Vec<Packed>,
    placed: Vec<(u64, u32)>,
}

/// A packed segment: its number and its plaintext, behind room for the nonce so that sealing
/// needs no copy.
pub struct Packed {
    pub n: u32,
    buf: Zeroizing<Vec<u8>>,
}

/// Where a packed segment's plaintext starts in its buffer.
const ROOM: usize = crypto::NONCE_LEN;

impl Packed {
    pub fn plaintext(&self) -> &[u8] {
        &self.buf[ROOM..]
    }

    /// Seals the segment in its own buffer: what [`seal`] gives for its plaintext. The
    /// plaintext is gone afterwards (encrypted over, or zeroized if sealing fails).
    pub fn seal(mut self, key: &Key) -> Result<Vec<u8>, CryptoError> {
        crypto::seal_in_place(key, &aad(self.n), &mut self.buf)?;
        // Ciphertext now: taken out of the zeroizing wrapper, which then has nothing to wipe.
        Ok(std::mem::take(&mut *self.buf))
    }
}

impl Packer {
    /// Segments numbered from `first`, each filled to about `target` bytes (normally
    /// [`TARGET_BYTES`]).
    pub fn new(first: u32, target: usize) -> Packer {
        Packer {
            target,
            next: first,
            current: Packer::fresh(target),
            count: 0,
            done: vec![],
            placed: vec![],
        }
    }

    fn fresh(target: usize) -> Zeroizing<Vec<u8>> {
        // Room for a full segment, a large last record (photos are scaled to tens of KB) and
        // the tag: growing would leave a copy of the plaintext behind in freed memory. Not
        // more: a restore holds the segments' plaintexts until each is sealed.
        let cap = ROOM + 9 + target + target / 4 + crypto::TAG_LEN;
        let mut v = Zeroizing::new(Vec::with_capacity(cap));
        v.resize(ROOM, 0);
        put_header(&mut v, 0);
        v
    }

    /// Appends an entry: its clear fields from `e` (whose `content` is not used), its content
    /// as `content` writes it.
    pub fn push(&mut self, e: &Entry, content: impl FnOnce(&mut Vec<u8>)) {
        let start = self.current.len();
        put_clear_fields(&mut self.current, e);
        let at = self.current.len();
        self.current.extend_from_slice(&[0; 4]);
        content(&mut self.current);
        let len = u32::try_from(self.current.len() - at - 4).expect("a record under 4 GB");
        self.current[at..at + 4].copy_from_slice(&len.to_le_bytes());
        // As `fold`: an entry that would take a non-empty segment past the target starts the
        // next one.
        if self.count > 0 && self.current.len() - ROOM - 9 > self.target {
            let entry = Zeroizing::new(self.current[start..].to_vec());
            self.current[start..].fill(0);
            self.current.truncate(start);
            self.close();
            self.current.extend_from_slice(&entry);
        }
        self.count += 1;
        self.placed.push((id_hash(e.id), self.next));
    }

    fn close(&mut self) {
        let mut buf = std::mem::replace(&mut self.current, Packer::fresh(self.target));
        buf[ROOM + 5..ROOM + 9].copy_from_slice(&self.count.to_le_bytes());
        self.done.push(Packed { n: self.next, buf });
        self.next += 1;
        self.count = 0;
    }

    /// The packed segments, and where every record went (by id hash).
    pub fn finish(mut self) -> (Vec<Packed>, Vec<(u64, u32)>) {
        if self.count > 0 {
            self.close();
        }
        (self.done, self.placed)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], SegmentError> {
        if self.bytes.len() < n {
            return Err(SegmentError::Malformed("truncated"));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }
    fn u8(&mut self) -> Result<u8, SegmentError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, SegmentError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn f64(&mut self) -> Result<f64, SegmentError> {
        Ok(f64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }
    fn text(&mut self, n: usize) -> Result<&'a str, SegmentError> {
        std::str::from_utf8(self.take(n)?).map_err(|_| SegmentError::Malformed("not UTF-8"))
    }
}

/// Reads what [`encode`] wrote. Anything else (wrong magic or version, truncation, trailing
/// bytes, a count that does not match) is refused whole.
pub fn decode(bytes: &[u8]) -> Result<Vec<Entry<'_>>, SegmentError> {
    let mut r = Reader { bytes };
    if r.take(4)? != MAGIC {
        return Err(SegmentError::Malformed("not a segment"));
    }
    if r.u8()? != VERSION {
        return Err(SegmentError::Malformed("unknown segment version"));
    }
    let count = r.u32()? as usize;
    // Each entry takes at least 19 bytes: a count beyond that is a lie, not an allocation.
    if count > r.bytes.len() / 19 {
        return Err(SegmentError::Malformed("entry count too large"));
    }
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let n = r.u8()? as usize;
        let id = r.text(n)?;
        let n = r.u8()? as usize;
        let kind = r.text(n)?;
        let rev = r.u32()?;
        let updated = r.f64()?;
        let deleted = match r.u8()? {
            0 => false,
            1 => true,
            _ => return Err(SegmentError::Malformed("bad deleted flag")),
        };
        let n = r.u32()? as usize;
        let content = r.take(n)?;
        out.push(Entry {
            id,
            kind,
            rev,
            updated,
            deleted,
            content,
        });
    }
    if !r.bytes.is_empty() {
        return Err(SegmentError::Malformed("trailing bytes"));
    }
    Ok(out)
}

fn aad(key_no: u32) -> Vec<u8> {
    format!("naungan/segment/v1\n{key_no}").into_bytes()
}

/// Seals a segment's plaintext for storage under key number `key_no`.
pub fn seal(key: &Key, key_no: u32, plain: &[u8]) -> Result<Vec<u8>, CryptoError> {
    crypto::seal(key, &aad(key_no), plain)
}

/// Opens a stored segment: its plaintext, to [`decode`].
pub fn open(key: &Key, key_no: u32, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, SegmentError> {
    crypto::open(key, &aad(key_no), sealed).map_err(|_| SegmentError::Tampered)
}

/// Where an incoming entry should go: into the segment that holds an older copy of the same
/// record, or (for a record no segment holds) appended at the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Into(u32),
    Append,
}

/// Folds incoming entries into segments. `segments` are the current entries of the segments
/// that may be rewritten (keyed by segment number); `last` is the highest segment number in
/// storage, if it is among `segments` and may receive appended entries; `next_key` is the first
/// unused segment number. A record found in any of `segments` is replaced there, and only by a
/// newer copy (see [`Entry::supersedes`]); otherwise it goes where `Place` says (a stale hint
/// is harmless: loading keeps the newest copy wherever it is). Segments that grew beyond twice
/// the target are split. Returns the new content of every segment that changed, by number.
pub fn fold<'a>(
    mut segments: BTreeMap<u32, Vec<Entry<'a>>>,
    incoming: Vec<(Place, Entry<'a>)>,
    last: Option<u32>,
    mut next_key: u32,
    target: usize,
) -> BTreeMap<u32, Vec<Entry<'a>>> {
    // Segment numbers, sorted and deduplicated at the end (a set type of its own would cost
    // first-load bytes).
    let mut changed: Vec<u32> = vec![];
    let mut appended = vec![];
    // Where each record lies among the given segments (a hint may be stale or missing).
    let mut at: HashMap<&'a str, (u32, usize)> = HashMap::new();
    for (n, entries) in &segments {
        for (i, e) in entries.iter().enumerate() {
            at.insert(e.id, (*n, i));
        }
    }
    for (place, e) in incoming {
        if let Some(&(n, i)) = at.get(e.id) {
            let old = &mut segments.get_mut(&n).expect("indexed")[i];
            if e.supersedes(old) {
                *old = e;
                changed.push(n);
            }
            continue;
        }
        match place {
            Place::Into(n) if segments.contains_key(&n) => {
                let seg = segments.get_mut(&n).expect("checked");
                at.insert(e.id, (n, seg.len()));
                seg.push(e);
                changed.push(n);
            }
            _ => appended.push(e),
        }
    }
    // The same record twice among the appended: the newest copy only. (The same map type as
    // `at`: each distinct map type costs first-load bytes.)
    let mut newest: HashMap<&str, (u32, usize)> = HashMap::new();
    let mut kept: Vec<Option<Entry>> = vec![];
    for e in appended {
        match newest.get(e.id) {
            Some(&(_, i)) => {
                if e.supersedes(kept[i].as_ref().expect("kept")) {
                    kept[i] = Some(e);
                }
            }
            None => {
                newest.insert(e.id, (0, kept.len()));
                kept.push(Some(e));
            }
        }
    }
    let appended = kept.into_iter().flatten();
    // Appended entries fill the last segment, then new ones.
    let mut current = last.filter(|n| segments.contains_key(n));
    let mut size = current.map_or(0, |n| segments[&n].iter().map(Entry::encoded_len).sum());
    for e in appended {
        let n = match current {
            Some(n) if size + e.encoded_len() <= target || size == 0 => n,
            _ => {
                let n = next_key;
                next_key += 1;
                segments.insert(n, vec![]);
                size = 0;
                current = Some(n);
                n
            }
        };
        size += e.encoded_len();
        segments.get_mut(&n).expect("exists").push(e);
        changed.push(n);
    }
    crate::domain::sorting::sort_dedup(&mut changed);
    // Split what grew too large.
    let mut out = BTreeMap::new();
    for n in changed {
        let entries = std::mem::take(segments.get_mut(&n).expect("changed segments exist"));
        let total: usize = entries.iter().map(Entry::encoded_len).sum();
        if total <= 2 * target {
            out.insert(n, entries);
            continue;
        }
        let mut key = n;
        let mut chunk = vec![];
        let mut size = 0;
        for e in entries {
            if size > 0 && size + e.encoded_len() > target {
                out.insert(key, std::mem::take(&mut chunk));
                key = next_key;
                next_key += 1;
                size = 0;
            }
            size += e.encoded_len();
            chunk.push(e);
        }
        out.insert(key, chunk);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry<'a>(id: &'a str, rev: u32, content: &'a [u8]) -> Entry<'a> {
        Entry {
            id,
            kind: "resident",
            rev,
            updated: 1_795_870_800_000.0 + f64::from(rev),
            deleted: false,
            content,
        }
    }

    #[test]
    fn id_hashes_are_fnv1a() {
        // FNV-1a's published test values.
        assert_eq!(id_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(id_hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(
            id_hash("0d6f2b0e-4c55-4f0a-9a53-2f3c1e7a8b90"),
            id_hash("0d6f2b0e-4c55-4f0a-9a53-2f3c1e7a8b91")
        );
    }

    #[test]
    fn entries_round_trip() {
        let e = vec![
            entry("a", 1, b"{\"x\":1}"),
            Entry {
                deleted: true,
                kind: "case_note",
                ..entry("b", 7, b"")
            },
        ];
        let bytes = encode(&e);
        assert_eq!(decode(&bytes).unwrap(), e);
        assert_eq!(decode(&encode(&[])).unwrap(), vec![]);
    }

    #[test]
    fn damaged_plaintext_is_refused_whole() {
        let e = vec![entry("a", 1, b"abc"), entry("b", 2, b"defg")];
        let bytes = encode(&e).to_vec();
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err(), "truncated at {cut}");
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert_eq!(
            decode(&extra).unwrap_err(),
            SegmentError::Malformed("trailing bytes")
        );
        let mut magic = bytes.clone();
        magic[0] = b'X';
        assert!(decode(&magic).is_err());
        let mut version = bytes.clone();
        version[4] = 2;
        assert!(decode(&version).is_err());
        let mut count = bytes.clone();
        count[5..9].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(decode(&count).is_err());
    }

    #[test]
    fn sealed_segments_open_only_with_their_key_and_number() {
        let k = Key::random().unwrap();
        let plain = encode(&[entry("a", 1, b"Siti Aminah")]);
        let sealed = seal(&k, 3, &plain).unwrap();
        assert!(!sealed.windows(4).any(|w| w == b"Siti"));
        assert_eq!(&open(&k, 3, &sealed).unwrap()[..], &plain[..]);
        assert_eq!(open(&k, 4, &sealed).unwrap_err(), SegmentError::Tampered);
        assert_eq!(
            open(&Key::random().unwrap(), 3, &sealed).unwrap_err(),
            SegmentError::Tampered
        );
        let mut flipped = sealed.clone();
        flipped[30] ^= 1;
        assert_eq!(open(&k, 3, &flipped).unwrap_err(), SegmentError::Tampered);
    }

    #[test]
    fn fold_replaces_older_copies_only() {
        let seg = BTreeMap::from([(0, vec![entry("a", 2, b"a2"), entry("b", 1, b"b1")])]);
        let out = fold(
            seg,
            vec![
                (Place::Into(0), entry("a", 1, b"a1")), // older: ignored
                (Place::Into(0), entry("b", 3, b"b3")),
            ],
            Some(0),
            1,
            1000,
        );
        assert_eq!(
            out[&0],
            vec![entry("a", 2, b"a2"), entry("b", 3, b"b3")],
            "a kept, b replaced, order kept"
        );
    }

    #[test]
    fn fold_finds_a_record_without_a_hint_and_keeps_one_copy() {
        let seg = BTreeMap::from([(2, vec![entry("a", 1, b"a1"), entry("b", 1, b"b1")])]);
        let out = fold(
            seg,
            vec![
                (Place::Append, entry("b", 2, b"b2")),
                (Place::Append, entry("c", 2, b"c2")),
                (Place::Append, entry("c", 1, b"c1")),
                (Place::Into(7), entry("a", 3, b"a3")),
            ],
            Some(2),
            8,
            1000,
        );
        assert_eq!(
            out[&2],
            vec![
                entry("a", 3, b"a3"),
                entry("b", 2, b"b2"),
                entry("c", 2, b"c2")
            ]
        );
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn fold_appends_to_the_last_segment_then_starts_new_ones() {
        let content = [0u8; 100];
        let seg = BTreeMap::from([(4, vec![entry("a", 1, &content)])]);
        let ids: Vec<String> = (0..5).map(|i| format!("n{i}")).collect();
        let incoming = ids
            .iter()
            .map(|id| (Place::Append, entry(id, 1, &content)))
            .collect();
        // Each entry is 129 bytes; a target of 300 holds two.
        let out = fold(seg, incoming, Some(4), 5, 300);
        let sizes: Vec<(u32, usize)> = out.iter().map(|(n, e)| (*n, e.len())).collect();
        assert_eq!(sizes, vec![(4, 2), (5, 2), (6, 2)]);
        // Nothing to fill: a first segment is started.
        let out = fold(
            BTreeMap::new(),
            vec![(Place::Append, entry("x", 1, b""))],
            None,
            0,
            300,
        );
        assert_eq!(out.keys().copied().collect::<Vec<_>>(), vec![0]);
    }

    #[test]
    fn packing_gives_what_folding_and_encoding_give() {
        let contents: Vec<Vec<u8>> = (0..40).map(|i| vec![b'x'; 20 + (i * 37) % 300]).collect();
        let ids: Vec<String> = (0..40).map(|i| format!("id-{i:02}")).collect();
        let entries: Vec<Entry> = ids
            .iter()
            .zip(&contents)
            .enumerate()
            .map(|(i, (id, c))| entry(id, i as u32, c))
            .collect();
        for target in [1, 150, 700, 100_000] {
            let mut p = Packer::new(5, target);
            for e in &entries {
                p.push(e, |out| out.extend_from_slice(e.content));
            }
            let (packed, placed) = p.finish();
            let incoming = entries.iter().map(|e| (Place::Append, e.clone())).collect();
            let folded = fold(BTreeMap::new(), incoming, None, 5, target);
            let expected: Vec<(u32, Vec<u8>)> = folded
                .iter()
                .map(|(n, es)| (*n, encode(es).to_vec()))
                .collect();
            let got: Vec<(u32, Vec<u8>)> = packed
                .iter()
                .map(|p| (p.n, p.plaintext().to_vec()))
                .collect();
            assert_eq!(got, expected, "target {target}");
            let expected_placed: Vec<(u64, u32)> = folded
                .iter()
                .flat_map(|(n, es)| es.iter().map(move |e| (id_hash(e.id), *n)))
                .collect();
            assert_eq!(placed, expected_placed);
            for p in &packed {
                decode(p.plaintext()).unwrap();
            }
            // Sealed where it lies: what `seal` gives, opened by `open`.
            let key = Key::random().unwrap();
            for p in packed {
                let (n, plain) = (p.n, p.plaintext().to_vec());
                let sealed = p.seal(&key).unwrap();
                assert_eq!(*open(&key, n, &sealed).unwrap(), plain);
                assert_eq!(
                    open(&key, n + 1, &sealed).unwrap_err(),
                    SegmentError::Tampered
                );
            }
        }
        assert!(Packer::new(0, 10).finish().0.is_empty());
    }

    #[test]
    fn fold_with_a_stale_hint_keeps_the_record_and_splits_what_grew() {
        let content = [0u8; 100];
        let seg = BTreeMap::from([(0, vec![entry("a", 1, &content)])]);
        let ids: Vec<String> = (0..6).map(|i| format!("m{i}")).collect();
        let incoming = ids
            .iter()
            .map(|id| (Place::Into(0), entry(id, 1, &content)))
            .chain([(Place::Into(9), entry("z", 1, &content))]) // segment 9 not given
            .collect();
        let out = fold(seg, incoming, None, 10, 300);
        let all: usize = out.values().map(Vec::len).sum();
        assert_eq!(all, 8, "every record is somewhere");
        assert!(out.values().all(|e| e.len() <= 3), "split: {out:?}");
        assert!(out.contains_key(&0) && out.keys().all(|n| *n == 0 || *n >= 10));
    }
}
