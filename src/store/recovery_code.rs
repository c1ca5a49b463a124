//! The recovery code: 160 random bits shown once at set-up, as 8 groups of 4 characters in
//! Crockford's base-32 ("7KQ2-M9XD-…"). It unlocks a second key slot when the passphrase is lost.

use super::crypto::{random_bytes, CryptoError};
use zeroize::Zeroizing;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const GROUPS: usize = 8;
const CHARS: usize = GROUPS * 4; // 32 chars × 5 bits = 160 bits

pub fn generate() -> Result<Zeroizing<String>, CryptoError> {
    let bytes = Zeroizing::new(random_bytes::<20>()?);
    let mut bits: u64 = 0;
    let mut nbits = 0;
    let mut chars = Zeroizing::new(String::with_capacity(CHARS + GROUPS));
    let mut written = 0;
    for &b in bytes.iter() {
        bits = (bits << 8) | u64::from(b);
        nbits += 8;
        while nbits >= 5 {
            nbits -= 5;
            if written > 0 && written % 4 == 0 {
                chars.push('-');
            }
            chars.push(ALPHABET[((bits >> nbits) & 31) as usize] as char);
            written += 1;
        }
    }
    Ok(chars)
}

/// Reads a code as a person may type it: any case, with or without dashes and spaces, and
/// with the letters Crockford reads as digits (O → 0, I/L → 1). `None` if it cannot be a code.
pub fn normalize(typed: &str) -> Option<Zeroizing<String>> {
    let mut out = Zeroizing::new(String::with_capacity(CHARS));
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c if ALPHABET.contains(&(c as u8)) && c.is_ascii() => c,
            _ => return None,
        };
        out.push(c);
    }
    (out.len() == CHARS).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_have_the_documented_shape() {
        let c = generate().unwrap();
        assert_eq!(c.len(), CHARS + GROUPS - 1);
        assert_eq!(c.split('-').count(), GROUPS);
        assert!(c.split('-').all(|g| g.len() == 4));
        assert_ne!(*c, *generate().unwrap());
    }

    #[test]
    fn typed_codes_are_forgiven_small_differences() {
        let c = generate().unwrap();
        let canon = normalize(&c).unwrap();
        assert_eq!(*normalize(&c.to_lowercase()).unwrap(), *canon);
        assert_eq!(*normalize(&c.replace('-', " ")).unwrap(), *canon);
        assert_eq!(
            *normalize("oooo-iiii-llll-0000-1111-2222-3333-4444").unwrap(),
            "00001111111100001111222233334444"
        );
        assert!(normalize("too-short").is_none());
        assert!(
            normalize("UUUU-0000-0000-0000-0000-0000-0000-0000").is_none(),
            "U is not in the alphabet"
        );
    }
}
