//! Search as you type over residents, run against an in-memory index (never IndexedDB).

use super::resident::{Resident, ResidentStatus};

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
    pub status: Option<ResidentStatus>,
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
        self.matches_parts(haystack, &r.cohort, r.status)
    }

    /// The same test on an index entry's parts (no resident needed).
    pub fn matches_parts(&self, haystack: &str, cohort: &str, status: ResidentStatus) -> bool {
        if self.query.cohort.as_ref().is_some_and(|c| c != cohort) {
            return false;
        }
        if self.query.status.is_some_and(|s| s != status) {
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
            status: Some(ResidentStatus::Active),
            ..Default::default()
        };
        assert!(by_status.matches(&h, &r));
    }
}
