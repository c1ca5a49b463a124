//! Content of a restricted section (`permissions::Section::restricted`) inside a record: a
//! counselling note's text, trafficking indicators, health answers.
//!
//! At rest such a field is always [`Restricted::Sealed`]: sealed by the store under the
//! restricted-content key, which only the slots of roles allowed to read it hold, inside a
//! record that is itself sealed under the data key. A session without that key reads the record
//! (the resident it is about, its date) and carries the sealed field along unchanged, so
//! backups, merges and edits of the other fields keep it intact; a page asks the vault to
//! reveal it, and is refused where the role holds no key.
//!
//! A page writes [`Restricted::Open`]; the vault seals it before anything is stored or kept in
//! memory. A backup made by a holder carries it open (readable with `age` and the backup's
//! passphrase, as the rest of the backup is), so a new laptop with new keys can restore it.
//!
//! Stored forms, externally tagged: `{"$open": …}` and `{"$sealed": "…"}`. Neither can appear
//! inside a JSON string (quotes there are escaped), so the store finds them in JSON text.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Restricted<T> {
    /// Readable content: only in a page's hands, or in a holder's backup.
    #[serde(rename = "$open")]
    Open(T),
    /// nonce ‖ ciphertext ‖ tag under the restricted-content key, in base64.
    #[serde(rename = "$sealed")]
    Sealed(String),
}

/// How an open field starts in JSON text.
pub const OPEN_MARK: &str = "{\"$open\":";
/// How a sealed field starts in JSON text, up to its base64.
pub const SEALED_MARK: &str = "{\"$sealed\":\"";

impl<T> Restricted<T> {
    pub fn is_sealed(&self) -> bool {
        matches!(self, Restricted::Sealed(_))
    }

    /// The content, where it is open (as a page wrote it, or as the vault revealed it).
    pub fn open(&self) -> Option<&T> {
        match self {
            Restricted::Open(v) => Some(v),
            Restricted::Sealed(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_are_marked_in_json_text_and_a_string_cannot_fake_a_mark() {
        let open = serde_json::to_string(&Restricted::Open("rahasia".to_string())).unwrap();
        assert!(open.starts_with(OPEN_MARK), "{open}");
        let sealed = serde_json::to_string(&Restricted::<String>::Sealed("AAEC".into())).unwrap();
        assert!(sealed.starts_with(SEALED_MARK), "{sealed}");
        // Text that a resident's story might hold, typed into a plain field:
        let typed = serde_json::to_string(&format!("{OPEN_MARK} {SEALED_MARK}")).unwrap();
        assert!(
            !typed.contains(OPEN_MARK) && !typed.contains(SEALED_MARK),
            "{typed}"
        );
        let back: Restricted<String> = serde_json::from_str(&open).unwrap();
        assert_eq!(back.open().map(String::as_str), Some("rahasia"));
        assert!(!back.is_sealed());
    }
}
