//! Merging records from another laptop (a backup file) into this one.
//!
//! Records are matched by id and compared by version vector:
//! - only here, or only there: kept / added (tombstones too, so a delete stays a delete);
//! - one side's version contains the other's: the newer side wins (a delete is a change too);
//! - both changed independently: a conflict; a person chooses, nothing is overwritten silently.
//!   Two independent changes that ended up the same (both deleted, or the same content) are not
//!   a conflict: their histories are joined.

use super::id::RecordId;
use super::record::{Record, RecordKind, Stamp};
use super::version_vector::Causality;
#[cfg(test)]
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub local: Record,
    pub incoming: Record,
}

/// What importing would do. Nothing is written until the plan is applied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergePlan {
    /// Records to write as they come (new here, or newer there).
    pub writes: Vec<Record>,
    pub conflicts: Vec<Conflict>,
    pub summary: MergeSummary,
    /// The local revision each write or conflict was planned against: applying refuses if any
    /// changed meanwhile (another tab).
    /// (A list, one entry per incoming record: incoming ids are distinct.)
    pub local_revs: Vec<(RecordId, Option<u32>)>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeSummary {
    pub added: usize,
    pub updated: usize,
    pub deleted: usize,
    pub conflicts_resolved: usize,
    pub unchanged: usize,
    /// Entries of the record of who did what that are new here.
    pub entries: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    KeepLocal,
    TakeIncoming,
}

fn same_content(a: &Record, b: &Record) -> bool {
    a.meta.deleted == b.meta.deleted && a.body == b.body && a.meta.kind == b.meta.kind
}

/// Joins two histories of the same content: the result contains both.
fn joined(local: &Record, incoming: &Record) -> Record {
    let mut r = if incoming.meta.updated_at > local.meta.updated_at {
        incoming.clone()
    } else {
        local.clone()
    };
    r.meta.versions = local.meta.versions.merged(&incoming.meta.versions);
    r.meta.rev = local.meta.rev.max(incoming.meta.rev);
    r
}

/// Plans against the local records as a map (tests).
#[cfg(test)]
pub fn plan(local: &BTreeMap<RecordId, Record>, incoming: Vec<Record>) -> MergePlan {
    plan_with(|id| local.get(id), incoming)
}

/// What merging `incoming` would do, with `local` finding this vault's copy of a record.
pub fn plan_with<'a>(
    local: impl Fn(&RecordId) -> Option<&'a Record>,
    incoming: Vec<Record>,
) -> MergePlan {
    let mut p = MergePlan::default();
    for inc in incoming {
        let id = inc.meta.id.clone();
        let Some(loc) = local(&id) else {
            if inc.meta.deleted {
                p.summary.unchanged += 1; // a delete of something never seen here: keep the tombstone quietly
            } else if inc.meta.kind == RecordKind::AccessEntry {
                // The other laptop's record of who did what comes along, counted apart: staff
                // read "1 added" as one resident, not as the entries that name her.
                p.summary.entries += 1;
            } else {
                p.summary.added += 1;
            }
            p.local_revs.push((id, None));
            p.writes.push(inc);
            continue;
        };
        let rev = Some(loc.meta.rev);
        match loc.meta.versions.compare(&inc.meta.versions) {
            Causality::After => p.summary.unchanged += 1,
            Causality::Equal if same_content(loc, &inc) => p.summary.unchanged += 1,
            Causality::Before => {
                if inc.meta.deleted && !loc.meta.deleted {
                    p.summary.deleted += 1;
                } else {
                    p.summary.updated += 1;
                }
                p.local_revs.push((id, rev));
                p.writes.push(inc);
            }
            Causality::Concurrent if same_content(loc, &inc) => {
                p.summary.unchanged += 1;
                p.local_revs.push((id, rev));
                p.writes.push(joined(loc, &inc));
            }
            Causality::Concurrent | Causality::Equal => {
                p.local_revs.push((id, rev));
                p.conflicts.push(Conflict {
                    local: loc.clone(),
                    incoming: inc,
                });
            }
        }
    }
    p
}

/// The record that settles a conflict: the chosen side's content, with a history that contains
/// both sides and this decision, so it wins over either side in every later merge.
pub fn resolve(c: &Conflict, choice: Choice, stamp: &Stamp) -> Record {
    let chosen = match choice {
        Choice::KeepLocal => &c.local,
        Choice::TakeIncoming => &c.incoming,
    };
    let mut r = chosen.clone();
    r.meta.versions = c.local.meta.versions.merged(&c.incoming.meta.versions);
    r.meta.versions.bump(&stamp.device);
    r.meta.rev = c.local.meta.rev.max(c.incoming.meta.rev) + 1;
    r.meta.updated_at = stamp
        .at
        .max(c.local.meta.updated_at)
        .max(c.incoming.meta.updated_at);
    r.meta.updated_by = stamp.by.clone();
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::RecordBody;
    use crate::domain::shelter::Shelter;

    fn id(n: u8) -> RecordId {
        RecordId::from_random_bytes([n; 16])
    }
    fn stamp(device: &str, at: u64) -> Stamp {
        Stamp {
            by: id(200),
            at,
            device: device.into(),
        }
    }
    fn body(s: &str) -> RecordBody {
        RecordBody::Shelter(Shelter::named(s))
    }
    fn map<'a>(rs: impl IntoIterator<Item = &'a Record>) -> BTreeMap<RecordId, Record> {
        rs.into_iter()
            .map(|r| (r.meta.id.clone(), r.clone()))
            .collect()
    }

    #[test]
    fn one_sided_changes_take_that_side() {
        let base = Record::create(id(1), body("v1"), &stamp("a", 1));
        let there = base.revise(body("v2"), &stamp("b", 2)).unwrap();
        // Changed only there: take it.
        let p = plan(&map([&base]), vec![there.clone()]);
        assert_eq!(
            (p.writes.clone(), p.summary.updated),
            (vec![there.clone()], 1)
        );
        // Changed only here: keep ours.
        let p = plan(&map([&there]), vec![base.clone()]);
        assert!(p.writes.is_empty() && p.conflicts.is_empty());
        assert_eq!(p.summary.unchanged, 1);
        // New there: add.
        let p = plan(&BTreeMap::new(), vec![base.clone()]);
        assert_eq!(p.summary.added, 1);
        assert_eq!(p.local_revs, [(base.meta.id.clone(), None)]);
    }

    #[test]
    fn tombstones_are_honoured() {
        let base = Record::create(id(1), body("v1"), &stamp("a", 1));
        let deleted_there = base.tombstone(&stamp("b", 2)).unwrap();
        let p = plan(&map([&base]), vec![deleted_there.clone()]);
        assert_eq!((p.summary.deleted, p.writes[0].meta.deleted), (1, true));
        // Deleted here, old version there: stays deleted.
        let p = plan(&map([&deleted_there]), vec![base.clone()]);
        assert!(p.writes.is_empty() && p.conflicts.is_empty());
        // Deleted here, edited there meanwhile: a person decides.
        let edited_there = base.revise(body("v2"), &stamp("b", 3)).unwrap();
        let deleted_here = base.tombstone(&stamp("a", 3)).unwrap();
        let p = plan(&map([&deleted_here]), vec![edited_there]);
        assert_eq!(p.conflicts.len(), 1);
        // Deleted on both sides: no conflict, histories joined.
        let del_a = base.tombstone(&stamp("a", 4)).unwrap();
        let p = plan(&map([&del_a]), vec![deleted_there.clone()]);
        assert!(p.conflicts.is_empty());
        assert_eq!(
            p.writes[0].meta.versions,
            del_a.meta.versions.merged(&deleted_there.meta.versions)
        );
    }

    #[test]
    fn both_changed_is_a_conflict_and_resolution_wins_later() {
        let base = Record::create(id(1), body("v1"), &stamp("a", 1));
        let here = base.revise(body("here"), &stamp("a", 2)).unwrap();
        let there = base.revise(body("there"), &stamp("b", 3)).unwrap();
        let p = plan(&map([&here]), vec![there.clone()]);
        assert!(p.writes.is_empty());
        assert_eq!(
            p.conflicts,
            vec![Conflict {
                local: here.clone(),
                incoming: there.clone()
            }]
        );
        let r = resolve(&p.conflicts[0], Choice::TakeIncoming, &stamp("a", 4));
        assert_eq!(r.body, there.body);
        assert_eq!(r.meta.rev, 3);
        // After resolving, importing either side again changes nothing.
        for side in [here, there] {
            let again = plan(&map([&r]), vec![side]);
            assert!(again.writes.is_empty() && again.conflicts.is_empty());
        }
    }

    /// Property tests run natively only (proptest is not built for wasm).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        #[derive(Clone, Debug)]
        enum Op {
            Edit(u8),
            Delete,
        }

        fn op() -> impl Strategy<Value = Op> {
            prop_oneof![any::<u8>().prop_map(Op::Edit), Just(Op::Delete)]
        }

        fn apply(r: &Record, ops: &[Op], device: &str) -> Record {
            let mut r = r.clone();
            for (i, o) in ops.iter().enumerate() {
                let s = stamp(device, 10 + i as u64);
                r = match o {
                    Op::Edit(n) if !r.meta.deleted => {
                        r.revise(body(&format!("{device}{n}")), &s).unwrap()
                    }
                    Op::Delete if !r.meta.deleted => r.tombstone(&s).unwrap(),
                    _ => r,
                };
            }
            r
        }

        proptest! {
            /// Two laptops start from the same records and change some of them. Merging one into
            /// the other: untouched records are unchanged, records changed on one side take that
            /// side, records changed on both (differently) are conflicts; and merging again after
            /// applying is a no-op.
            #[test]
            fn merge_rules_hold_for_any_history(histories in prop::collection::vec((prop::collection::vec(op(), 0..3), prop::collection::vec(op(), 0..3)), 1..12)) {
                let base: Vec<Record> = (0..histories.len()).map(|i| Record::create(id(i as u8), body("base"), &stamp("a", 1))).collect();
                let here: Vec<Record> = base.iter().zip(&histories).map(|(r, (h, _))| apply(r, h, "a")).collect();
                let there: Vec<Record> = base.iter().zip(&histories).map(|(r, (_, t))| apply(r, t, "b")).collect();
                let local = map(&here);
                let p = plan(&local, there.clone());
                for ((b, h), t) in base.iter().zip(&here).zip(&there) {
                    let changed_here = h.meta.rev != b.meta.rev;
                    let changed_there = t.meta.rev != b.meta.rev;
                    let written = p.writes.iter().find(|w| w.meta.id == b.meta.id);
                    let conflicted = p.conflicts.iter().any(|c| c.local.meta.id == b.meta.id);
                    match (changed_here, changed_there) {
                        (false, false) | (true, false) => prop_assert!(written.is_none() && !conflicted),
                        (false, true) => prop_assert_eq!(written, Some(t)),
                        (true, true) => {
                            let same = h.meta.deleted == t.meta.deleted && h.body == t.body;
                            prop_assert_eq!(conflicted, !same);
                            if same { prop_assert!(written.is_some()); }
                        }
                    }
                }
                let s = p.summary;
                prop_assert_eq!(s.added + s.updated + s.deleted + s.unchanged + p.conflicts.len(), histories.len());

                // Apply: writes, and every conflict settled (alternating choices).
                let mut after = local.clone();
                for w in &p.writes { after.insert(w.meta.id.clone(), w.clone()); }
                for (i, c) in p.conflicts.iter().enumerate() {
                    let choice = if i % 2 == 0 { Choice::KeepLocal } else { Choice::TakeIncoming };
                    let r = resolve(c, choice, &stamp("a", 99));
                    after.insert(r.meta.id.clone(), r);
                }
                let again = plan(&after, there);
                prop_assert!(again.writes.is_empty() && again.conflicts.is_empty(), "merging the same file twice changes nothing");
            }
        }
    }
}
