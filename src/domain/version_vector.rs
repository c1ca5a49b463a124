//! Version vectors: which changes, from which device, a record's content includes. Comparing two
//! tells whether one side's version already contains the other's (only one side changed) or
//! whether both changed independently (a conflict for a person to settle).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Device (browser vault) id → number of changes made there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct VersionVector(BTreeMap<String, u32>);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Causality {
    Equal,
    /// `self` is older: the other side contains every change of `self`, and more.
    Before,
    /// `self` is newer.
    After,
    /// Each side has changes the other lacks.
    Concurrent,
}

impl VersionVector {
    pub fn of(device: &str) -> VersionVector {
        let mut v = VersionVector::default();
        v.bump(device);
        v
    }

    pub fn bump(&mut self, device: &str) {
        *self.0.entry(device.to_string()).or_insert(0) += 1;
    }

    pub fn get(&self, device: &str) -> u32 {
        self.0.get(device).copied().unwrap_or(0)
    }

    pub fn compare(&self, other: &VersionVector) -> Causality {
        let (mut less, mut more) = (false, false);
        for d in self.0.keys().chain(other.0.keys()) {
            let (a, b) = (self.get(d), other.get(d));
            less |= a < b;
            more |= a > b;
        }
        match (less, more) {
            (false, false) => Causality::Equal,
            (true, false) => Causality::Before,
            (false, true) => Causality::After,
            (true, true) => Causality::Concurrent,
        }
    }

    /// The least vector that contains both.
    pub fn merged(&self, other: &VersionVector) -> VersionVector {
        let mut m = self.clone();
        for (d, n) in &other.0 {
            let e = m.0.entry(d.clone()).or_insert(0);
            *e = (*e).max(*n);
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compare_and_merge() {
        let a1 = VersionVector::of("a");
        let mut a2 = a1.clone();
        a2.bump("a");
        let mut b = a1.clone();
        b.bump("b");
        assert_eq!(a1.compare(&a1), Causality::Equal);
        assert_eq!(a1.compare(&a2), Causality::Before);
        assert_eq!(a2.compare(&a1), Causality::After);
        assert_eq!(a2.compare(&b), Causality::Concurrent);
        let m = a2.merged(&b);
        assert_eq!((m.get("a"), m.get("b")), (2, 1));
        assert_eq!(a2.compare(&m), Causality::Before);
        assert_eq!(VersionVector::default().compare(&a1), Causality::Before);
    }
}
