//! Stable record identifiers: random (version 4) UUIDs in their usual text form.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(String);

impl RecordId {
    /// The id a name decides: the first 16 bytes of SHA-256 of `text`, as a version 4 UUID. For
    /// records every laptop makes alike (a cohort residents name, the seeded rules and chores),
    /// so that merging two laptops joins them instead of doubling them.
    pub fn derived(text: &str) -> Self {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(text.as_bytes());
        let mut b = [0u8; 16];
        b.copy_from_slice(&digest[..16]);
        RecordId::from_random_bytes(b)
    }

    /// Builds a version 4 UUID from 16 random bytes (the caller supplies the randomness).
    pub fn from_random_bytes(mut b: [u8; 16]) -> Self {
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
        RecordId(format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        ))
    }

    /// Accepts only the canonical lower-case 8-4-4-4-12 form.
    pub fn parse(s: &str) -> Option<Self> {
        let ok = s.len() == 36
            && s.char_indices().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => c == '-',
                _ => c.is_ascii_digit() || ('a'..='f').contains(&c),
            });
        ok.then(|| RecordId(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_bytes_make_a_parseable_v4_uuid() {
        let id = RecordId::from_random_bytes([0xff; 16]);
        assert_eq!(id.as_str(), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(RecordId::parse(id.as_str()), Some(id));
    }

    #[test]
    fn parse_rejects_other_shapes() {
        for bad in [
            "",
            "x",
            "FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF",
            "ffffffffffff4fffbfffffffffffffff0000",
        ] {
            assert_eq!(RecordId::parse(bad), None, "{bad}");
        }
    }
}
