//! The strength rule for passphrases (vault and, later, backups).
//!
//! Rule: at least 12 characters, or at least 4 words of 3+ letters each ("kuda lari pagi hari").
//! Either shape also has to avoid being one character repeated. Length is what resists guessing
//! under a memory-hard KDF; composition rules mostly annoy tired users, so there are none.

use super::validation::{err, FieldError, Problem};

pub const MIN_CHARS: usize = 12;
pub const MIN_WORDS: usize = 4;

pub fn is_strong(p: &str) -> bool {
    let chars: Vec<char> = p.chars().collect();
    let distinct = {
        let mut c = chars.clone();
        super::sorting::sort_dedup(&mut c);
        c.len()
    };
    if distinct < 4 {
        return false;
    }
    let words = p
        .split_whitespace()
        .filter(|w| w.chars().count() >= 3)
        .count();
    chars.len() >= MIN_CHARS || words >= MIN_WORDS
}

/// Checks a new passphrase typed twice. `field` names the first of the two inputs.
pub fn check_new(
    field: &'static str,
    confirm_field: &'static str,
    p: &str,
    again: &str,
) -> Vec<FieldError> {
    let mut e = vec![];
    if p.is_empty() {
        e.push(err(field, Problem::Required));
    } else if !is_strong(p) {
        e.push(err(field, Problem::PassphraseTooWeak));
    } else if p != again {
        e.push(err(confirm_field, Problem::PassphrasesDiffer));
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_rule() {
        assert!(is_strong("rahasia-sekali-2026"));
        assert!(is_strong("kuda lari pagi hari"));
        assert!(!is_strong("pendek"));
        assert!(!is_strong("aaaaaaaaaaaaaaaa"));
        assert!(!is_strong("ab ab ab ab"));
        assert!(!is_strong("abcabcabcab"));
    }

    #[test]
    fn typed_twice() {
        assert!(check_new("p", "q", "rahasia-sekali-2026", "rahasia-sekali-2026").is_empty());
        assert_eq!(check_new("p", "q", "", "")[0].problem, Problem::Required);
        assert_eq!(
            check_new("p", "q", "pendek", "pendek")[0].problem,
            Problem::PassphraseTooWeak
        );
        let e = check_new("p", "q", "rahasia-sekali-2026", "rahasia-sekali-2025");
        assert_eq!(
            (e[0].field, e[0].problem),
            ("q", Problem::PassphrasesDiffer)
        );
    }
}
