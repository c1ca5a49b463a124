//! The record of who did what (catatan akses): append-only entries, each carrying the hash of
//! the one before it on the same chain, so an entry removed, edited or moved is detected and
//! shown as a break. Each laptop writes its own chain (named by the laptop), so two laptops'
//! records merge by taking the union: an entry is the same entry on both, by chain and number.
//!
//! What a chain alone cannot show is its last entries cut off: `verify` is given each chain's
//! last number and hash as the vault last wrote them (kept apart from the entries), and says
//! `Truncated` when the entries stop short of it.
//!
//! Entries say which record and which fields, never the values.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessAction {
    SignIn,
    SignInFailed,
    Create,
    Change,
    Delete,
    /// Opened a resident's restricted content (counselling, health, trafficking).
    ViewRestricted,
    Export,
    Backup,
    StaffChange,
    KeyRotation,
}

/// What happened, before it is placed on a chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessDraft {
    /// ISO 8601 time, UTC.
    pub at: String,
    /// The staff member, by id where there is one, else the name typed at a failed sign-in.
    pub staff: String,
    pub action: AccessAction,
    pub record: Option<String>,
    /// The names of the fields changed (never their values).
    pub fields: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessEntry {
    /// The laptop whose chain this is.
    pub chain: String,
    /// 1, 2, 3… along the chain.
    pub seq: u64,
    /// Hex SHA-256 of the entry before it on this chain; empty for the first.
    pub prev: String,
    pub what: AccessDraft,
}

/// The hash of an entry as the next one names it: SHA-256 of its JSON (fields in declaration
/// order, so the same entry always gives the same bytes).
pub fn hash(e: &AccessEntry) -> String {
    let bytes = serde_json::to_vec(e).expect("an entry always serialises");
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The next entry on a chain whose last entry is `tail` (`None`: the chain's first).
pub fn append(chain: &str, tail: Option<&AccessEntry>, what: AccessDraft) -> AccessEntry {
    AccessEntry {
        chain: chain.to_string(),
        seq: tail.map_or(1, |t| t.seq + 1),
        prev: tail.map(hash).unwrap_or_default(),
        what,
    }
}

/// The next entry on a chain whose last entry is known only by its number and hash (what the
/// vault keeps between saves).
pub fn append_after(chain: &str, tail: Option<&Tail>, what: AccessDraft) -> AccessEntry {
    AccessEntry {
        chain: chain.to_string(),
        seq: tail.map_or(1, |t| t.seq + 1),
        prev: tail.map(|t| t.hash.clone()).unwrap_or_default(),
        what,
    }
}

impl Tail {
    pub fn of(e: &AccessEntry) -> Tail {
        Tail {
            seq: e.seq,
            hash: hash(e),
        }
    }
}

/// The names of the top-level fields that differ between two versions of a record's content
/// (JSON objects; a missing version counts as empty): what an entry names, never the values.
pub fn changed_fields(
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Vec<String> {
    let empty = serde_json::Map::new();
    let obj =
        |v: Option<&serde_json::Value>| v.and_then(|v| v.as_object()).unwrap_or(&empty).clone();
    let (a, b) = (obj(before), obj(after));
    let mut names: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect();
    super::sorting::sort_dedup(&mut names);
    names
}

/// Where a chain is not what was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    /// Entries `from..=to` are missing.
    Missing { chain: String, from: u64, to: u64 },
    /// The entry before `seq` is not the one `seq` was written after: edited, or replaced.
    Altered { chain: String, seq: u64 },
    /// Two different entries claim the same place.
    Conflict { chain: String, seq: u64 },
    /// The chain ends before the last entry the vault recorded writing.
    Truncated {
        chain: String,
        last: u64,
        expected: u64,
    },
}

/// The last entry the vault recorded writing on a chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tail {
    pub seq: u64,
    pub hash: String,
}

/// Every break in `entries` (any order, several chains), checked against each chain's recorded
/// tail where known. An empty result means every chain is whole.
pub fn verify(entries: &[AccessEntry], tails: &BTreeMap<String, Tail>) -> Vec<Break> {
    let mut by_chain: BTreeMap<&str, BTreeMap<u64, Vec<&AccessEntry>>> = BTreeMap::new();
    for e in entries {
        by_chain
            .entry(&e.chain)
            .or_default()
            .entry(e.seq)
            .or_default()
            .push(e);
    }
    let mut out = vec![];
    for (chain, seqs) in &by_chain {
        let chain = chain.to_string();
        let mut before: Option<&AccessEntry> = None;
        let mut expected = 1;
        for (&seq, at) in seqs {
            if at.iter().any(|e| *e != at[0]) {
                out.push(Break::Conflict {
                    chain: chain.clone(),
                    seq,
                });
            }
            let e = at[0];
            if seq > expected {
                out.push(Break::Missing {
                    chain: chain.clone(),
                    from: expected,
                    to: seq - 1,
                });
            } else {
                let want = before.map(hash).unwrap_or_default();
                if e.prev != want {
                    out.push(Break::Altered {
                        chain: chain.clone(),
                        seq,
                    });
                }
            }
            before = Some(e);
            expected = seq + 1;
        }
        if let (Some(t), Some(last)) = (tails.get(&chain), before) {
            if last.seq < t.seq {
                out.push(Break::Truncated {
                    chain: chain.clone(),
                    last: last.seq,
                    expected: t.seq,
                });
            } else if last.seq == t.seq && hash(last) != t.hash {
                out.push(Break::Altered {
                    chain: chain.clone(),
                    seq: last.seq + 1,
                });
            }
        }
    }
    for (chain, t) in tails {
        if !by_chain.contains_key(chain.as_str()) {
            out.push(Break::Truncated {
                chain: chain.clone(),
                last: 0,
                expected: t.seq,
            });
        }
    }
    out
}

/// Two laptops' records as one: every entry once (the same entry on both is kept once; two
/// different entries in one place are both kept, for `verify` to show as a conflict), ordered by
/// chain and number.
pub fn merge(a: &[AccessEntry], b: &[AccessEntry]) -> Vec<AccessEntry> {
    let mut all: Vec<AccessEntry> = a.iter().chain(b).cloned().collect();
    super::sorting::sort_by(&mut all, |x, y| {
        (&x.chain, x.seq)
            .cmp(&(&y.chain, y.seq))
            .then_with(|| hash(x).cmp(&hash(y)))
    });
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(i: u32, action: AccessAction) -> AccessDraft {
        AccessDraft {
            at: format!("2026-12-01T08:{:02}:00Z", i % 60),
            staff: "staff-ratna".into(),
            action,
            record: Some(format!("resident-{i}")),
            fields: vec!["alias".into()],
        }
    }

    fn chain(name: &str, n: u32) -> Vec<AccessEntry> {
        let mut out: Vec<AccessEntry> = vec![];
        for i in 0..n {
            let e = append(name, out.last(), draft(i, AccessAction::Change));
            out.push(e);
        }
        out
    }

    fn tail(entries: &[AccessEntry]) -> BTreeMap<String, Tail> {
        let last = entries.last().unwrap();
        BTreeMap::from([(
            last.chain.clone(),
            Tail {
                seq: last.seq,
                hash: hash(last),
            },
        )])
    }

    #[test]
    fn a_whole_chain_has_no_break_in_any_order() {
        let mut c = chain("laptop-a", 6);
        let t = tail(&c);
        assert_eq!(verify(&c, &t), vec![]);
        c.reverse();
        assert_eq!(verify(&c, &t), vec![]);
        assert_eq!(c.iter().map(|e| e.seq).min(), Some(1));
    }

    #[test]
    fn a_removed_entry_is_a_break() {
        let mut c = chain("laptop-a", 6);
        let t = tail(&c);
        c.remove(2);
        assert_eq!(
            verify(&c, &t),
            vec![Break::Missing {
                chain: "laptop-a".into(),
                from: 3,
                to: 3
            }]
        );
    }

    #[test]
    fn an_edited_entry_is_a_break() {
        let mut c = chain("laptop-a", 6);
        let t = tail(&c);
        c[3].what.fields = vec!["full_name".into()];
        assert_eq!(
            verify(&c, &t),
            vec![Break::Altered {
                chain: "laptop-a".into(),
                seq: 5
            }]
        );
        // The last one edited shows against the recorded tail.
        let mut c = chain("laptop-a", 6);
        c[5].what.staff = "someone-else".into();
        assert_eq!(
            verify(&c, &t),
            vec![Break::Altered {
                chain: "laptop-a".into(),
                seq: 7
            }]
        );
    }

    #[test]
    fn reordered_entries_are_a_break() {
        let mut c = chain("laptop-a", 6);
        let t = tail(&c);
        // Two entries' places swapped, numbers rewritten to look in order.
        c.swap(1, 2);
        c[1].seq = 2;
        c[2].seq = 3;
        let breaks = verify(&c, &t);
        assert!(!breaks.is_empty());
        assert!(breaks.iter().all(|b| matches!(b, Break::Altered { .. })));
    }

    #[test]
    fn entries_cut_off_the_end_are_a_break() {
        let mut c = chain("laptop-a", 6);
        let t = tail(&c);
        c.truncate(4);
        assert_eq!(
            verify(&c, &t),
            vec![Break::Truncated {
                chain: "laptop-a".into(),
                last: 4,
                expected: 6
            }]
        );
        assert_eq!(
            verify(&[], &t),
            vec![Break::Truncated {
                chain: "laptop-a".into(),
                last: 0,
                expected: 6
            }]
        );
    }

    #[test]
    fn two_laptops_merge_without_duplicates_and_stay_whole() {
        let a = chain("laptop-a", 5);
        let b = chain("laptop-b", 3);
        // Laptop B had restored A's backup: it holds A's first three entries too.
        let b_holds: Vec<AccessEntry> = a[..3].iter().cloned().chain(b.clone()).collect();
        let merged = merge(&a, &b_holds);
        assert_eq!(merged.len(), 8);
        let mut tails = tail(&a);
        tails.extend(tail(&b));
        assert_eq!(verify(&merged, &tails), vec![]);
        assert_eq!(
            merge(&merged, &merged),
            merged,
            "merging again changes nothing"
        );
    }

    #[test]
    fn two_different_entries_in_one_place_are_a_conflict() {
        let a = chain("laptop-a", 3);
        let mut forged = a.clone();
        forged[1].what.action = AccessAction::Delete;
        let merged = merge(&a, &forged);
        let breaks = verify(&merged, &tail(&a));
        assert!(breaks.contains(&Break::Conflict {
            chain: "laptop-a".into(),
            seq: 2
        }));
    }

    #[test]
    fn entries_name_fields_never_values() {
        let e = append("laptop-a", None, draft(1, AccessAction::Change));
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.contains("\"fields\":[\"alias\"]"));
        assert_eq!(e.seq, 1);
        assert_eq!(e.prev, "");
        assert_eq!(hash(&e).len(), 64);
    }

    #[test]
    fn appending_after_a_kept_tail_is_appending_after_its_entry() {
        let first = append("laptop-a", None, draft(1, AccessAction::SignIn));
        let by_entry = append("laptop-a", Some(&first), draft(2, AccessAction::Create));
        let by_tail = append_after(
            "laptop-a",
            Some(&Tail::of(&first)),
            draft(2, AccessAction::Create),
        );
        assert_eq!(by_entry, by_tail);
        assert!(verify(&[first, by_tail], &BTreeMap::new()).is_empty());
    }

    #[test]
    fn changed_fields_are_named_without_their_values() {
        let a = serde_json::json!({"alias": "Melati", "cohort": "2026-I", "children": 1});
        let b = serde_json::json!({"alias": "Mawar", "cohort": "2026-I", "phone": "0812"});
        assert_eq!(
            changed_fields(Some(&a), Some(&b)),
            vec!["alias", "children", "phone"]
        );
        assert_eq!(
            changed_fields(None, Some(&a)),
            vec!["alias", "children", "cohort"]
        );
        assert!(changed_fields(Some(&a), Some(&a)).is_empty());
    }
}
