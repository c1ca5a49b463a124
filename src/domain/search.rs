//! Search as you type over residents, run against an in-memory index (never IndexedDB).

use super::id::RecordId;
use super::resident::Resident;
use super::sorting;
use super::stage::Stage;

/// Lower-case, common Latin accents folded, runs of spaces and punctuation made one space.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c,
        };
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The text a resident is found by: name, alias, and place of origin.
pub fn haystack(r: &Resident) -> String {
    normalize(&format!("{} {} {}", r.full_name, r.alias, r.origin_label()))
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResidentQuery {
    pub text: String,
    pub cohort: Option<String>,
    pub stage: Option<Stage>,
}

impl ResidentQuery {
    /// Every word typed must begin a word of the haystack ("sit ami" finds "Siti Aminah").
    pub fn matches(&self, haystack: &str, r: &Resident) -> bool {
        self.prepare().matches(haystack, r)
    }

    /// The query with its text normalized once, to test many residents against.
    pub fn prepare(&self) -> PreparedQuery<'_> {
        let text = normalize(&self.text);
        PreparedQuery {
            query: self,
            words: text
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect(),
        }
    }
}

pub struct PreparedQuery<'a> {
    query: &'a ResidentQuery,
    words: Vec<String>,
}

impl PreparedQuery<'_> {
    pub fn matches(&self, haystack: &str, r: &Resident) -> bool {
        self.matches_parts(haystack, &r.cohort, r.stage)
    }

    /// The same test on an index entry's parts (no resident needed).
    pub fn matches_parts(&self, haystack: &str, cohort: &str, stage: Stage) -> bool {
        if self.query.cohort.as_ref().is_some_and(|c| c != cohort) {
            return false;
        }
        if self.query.stage.is_some_and(|s| s != stage) {
            return false;
        }
        self.words
            .iter()
            .all(|q| haystack.split(' ').any(|w| w.starts_with(q.as_str())))
    }
}

/// The order residents are listed in: by normalized name, then id.
pub fn sort_key(r: &Resident) -> String {
    normalize(&r.full_name)
}

/// Live residents in list order (by name, then id), each with what search filters on: built
/// once at unlock, then kept in step with each resident saved or deleted (never rebuilt because
/// some other record changed).
#[derive(Default)]
pub struct SearchOrder {
    entries: Vec<SearchEntry>,
}

struct SearchEntry {
    key: String,
    id: RecordId,
    haystack: String,
    cohort: String,
    stage: Stage,
}

impl SearchEntry {
    fn of(id: &RecordId, r: &Resident) -> SearchEntry {
        SearchEntry {
            key: sort_key(r),
            id: id.clone(),
            haystack: haystack(r),
            cohort: r.cohort.clone(),
            stage: r.stage,
        }
    }

    fn position(&self) -> (&str, &RecordId) {
        (&self.key, &self.id)
    }
}

impl SearchOrder {
    pub fn build<'a>(residents: impl Iterator<Item = (&'a RecordId, &'a Resident)>) -> SearchOrder {
        let mut entries: Vec<SearchEntry> =
            residents.map(|(id, r)| SearchEntry::of(id, r)).collect();
        sorting::sort_by(&mut entries, |a, b| a.position().cmp(&b.position()));
        SearchOrder { entries }
    }

    /// A resident saved (`Some`) or deleted (`None`).
    pub fn set(&mut self, id: &RecordId, resident: Option<&Resident>) {
        self.entries.retain(|e| e.id != *id);
        if let Some(r) = resident {
            let e = SearchEntry::of(id, r);
            let at = self
                .entries
                .partition_point(|x| x.position() < e.position());
            self.entries.insert(at, e);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Residents matching the query, in list order: how many in all, and the first `limit` ids.
    pub fn find(&self, q: &ResidentQuery, limit: usize) -> (usize, Vec<&RecordId>) {
        let q = q.prepare();
        let mut total = 0;
        let mut ids = vec![];
        for e in &self.entries {
            if q.matches_parts(&e.haystack, &e.cohort, e.stage) {
                total += 1;
                if ids.len() < limit {
                    ids.push(&e.id);
                }
            }
        }
        (total, ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::resident::tests::{good_draft, today};

    #[test]
    fn normalize_folds_case_accents_and_punctuation() {
        assert_eq!(normalize("  Sítí--AMINAH, (Mawar) "), "siti aminah mawar");
    }

    #[test]
    fn finds_by_prefixes_of_name_alias_and_origin() {
        let r = good_draft().validate(today()).unwrap();
        let h = haystack(&r);
        let q = |t: &str| ResidentQuery {
            text: t.into(),
            ..Default::default()
        };
        assert!(q("").matches(&h, &r));
        assert!(q("sit ami").matches(&h, &r));
        assert!(q("MAWAR").matches(&h, &r));
        assert!(q("malang").matches(&h, &r));
        assert!(!q("surabaya").matches(&h, &r));
        assert!(!q("minah").matches(&h, &r), "matches word starts only");
        let by_cohort = ResidentQuery {
            cohort: Some("2026-II".into()),
            ..Default::default()
        };
        assert!(!by_cohort.matches(&h, &r));
        let by_status = ResidentQuery {
            stage: Some(Stage::Intake),
            ..Default::default()
        };
        assert!(by_status.matches(&h, &r));
    }

    #[test]
    fn the_order_follows_saves_and_deletes_without_a_rebuild() {
        let mut a = good_draft().validate(today()).unwrap();
        a.full_name = "Wati".into();
        let mut b = a.clone();
        b.full_name = "Ani".into();
        let (ia, ib) = (
            RecordId::from_random_bytes([1; 16]),
            RecordId::from_random_bytes([2; 16]),
        );
        let mut o = SearchOrder::build([(&ia, &a), (&ib, &b)].into_iter());
        let all = ResidentQuery::default();
        assert_eq!(o.find(&all, 10), (2, vec![&ib, &ia]));
        a.full_name = "Ade".into();
        o.set(&ia, Some(&a));
        assert_eq!(o.find(&all, 10), (2, vec![&ia, &ib]));
        assert_eq!(o.find(&all, 1), (2, vec![&ia]));
        let q = ResidentQuery {
            text: "an".into(),
            ..Default::default()
        };
        assert_eq!(o.find(&q, 10), (1, vec![&ib]));
        o.set(&ib, None);
        assert_eq!(o.find(&all, 10), (1, vec![&ia]));
        assert_eq!(o.len(), 1);
    }
}
