//! The vault header: how the data key is wrapped, stored in the clear.
//!
//! A random 256-bit data key encrypts every record. It is stored only wrapped, in key slots:
//! one per staff passphrase, and one for the recovery code. Each slot has its own scrypt salt
//! and parameters. Opening a slot means deriving its key-encryption key and unwrapping.

use super::crypto::{self, hex, CryptoError, KdfParams, Key};
use super::recovery_code;
use serde::{Deserialize, Serialize};

pub const HEADER_FORMAT: u32 = 1;

/// Stored as `{"type": "passphrase", "staff_id": ".."}` or `{"type": "recovery"}` (through
/// [`SlotKindRepr`]: serde's internally tagged enums cost ~5 KB of first-load wasm).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "SlotKindRepr", try_from = "SlotKindRepr")]
pub enum SlotKind {
    Passphrase { staff_id: String },
    Recovery,
}

#[derive(Serialize, Deserialize)]
struct SlotKindRepr {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    staff_id: Option<String>,
}

impl From<SlotKind> for SlotKindRepr {
    fn from(k: SlotKind) -> SlotKindRepr {
        match k {
            SlotKind::Passphrase { staff_id } => SlotKindRepr {
                kind: "passphrase".into(),
                staff_id: Some(staff_id),
            },
            SlotKind::Recovery => SlotKindRepr {
                kind: "recovery".into(),
                staff_id: None,
            },
        }
    }
}

impl TryFrom<SlotKindRepr> for SlotKind {
    type Error = String;
    fn try_from(r: SlotKindRepr) -> Result<SlotKind, String> {
        match (r.kind.as_str(), r.staff_id) {
            ("passphrase", Some(staff_id)) => Ok(SlotKind::Passphrase { staff_id }),
            ("recovery", None) => Ok(SlotKind::Recovery),
            (other, _) => Err(format!("unknown key slot {other}")),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeySlot {
    pub id: String,
    pub kind: SlotKind,
    pub kdf: KdfParams,
    #[serde(with = "hex")]
    pub wrapped: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaultHeader {
    pub format: u32,
    /// This browser vault's id in version vectors (random; not secret).
    #[serde(default)]
    pub device: String,
    pub slots: Vec<KeySlot>,
}

/// The associated data of a slot: a wrapped key moved to another slot does not open.
fn slot_aad(slot_id: &str, kind: &SlotKind) -> Vec<u8> {
    let k = match kind {
        SlotKind::Passphrase { staff_id } => format!("passphrase:{staff_id}"),
        SlotKind::Recovery => "recovery".to_string(),
    };
    format!("naungan/keyslot/v1\n{slot_id}\n{k}").into_bytes()
}

/// A new slot's KDF parameters and the key-encryption key derived with them.
pub struct Kek {
    pub params: KdfParams,
    pub key: Key,
}

fn make_slot(id: &str, kind: SlotKind, kek: Kek, data_key: &Key) -> Result<KeySlot, CryptoError> {
    let wrapped = crypto::wrap(&kek.key, &slot_aad(id, &kind), data_key)?;
    Ok(KeySlot {
        id: id.to_string(),
        kind,
        kdf: kek.params,
        wrapped,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnlockError {
    /// No slot opens with this secret.
    WrongSecret,
    /// The header is damaged or from an unknown format.
    BadHeader,
    NoRandomness,
}

impl From<CryptoError> for UnlockError {
    fn from(e: CryptoError) -> Self {
        match e {
            CryptoError::Rejected => UnlockError::WrongSecret,
            CryptoError::BadParams => UnlockError::BadHeader,
            CryptoError::NoRandomness => UnlockError::NoRandomness,
        }
    }
}

impl VaultHeader {
    /// A new header for a new data key: the first staff member's passphrase slot and a
    /// recovery slot. `recovery_code` is as generated (dashes allowed).
    /// `passphrase` and `recovery` are the keys derived from the passphrase and from the
    /// recovery code (as `recovery_secret` gives it).
    pub fn create(
        data_key: &Key,
        staff_id: &str,
        passphrase: Kek,
        recovery: Kek,
    ) -> Result<VaultHeader, CryptoError> {
        Ok(VaultHeader {
            format: HEADER_FORMAT,
            device: crypto::hex::encode(&crypto::random_bytes::<8>()?),
            slots: vec![
                make_slot(
                    "p1",
                    SlotKind::Passphrase {
                        staff_id: staff_id.into(),
                    },
                    passphrase,
                    data_key,
                )?,
                make_slot("r1", SlotKind::Recovery, recovery, data_key)?,
            ],
        })
    }

    /// What a recovery code is derived from: as typed, without dashes, spaces or case.
    pub fn recovery_secret(typed: &str) -> Option<zeroize::Zeroizing<String>> {
        recovery_code::normalize(typed)
    }

    pub fn from_json(s: &str) -> Result<VaultHeader, UnlockError> {
        let h: VaultHeader = serde_json::from_str(s).map_err(|_| UnlockError::BadHeader)?;
        if h.format != HEADER_FORMAT || h.slots.is_empty() {
            return Err(UnlockError::BadHeader);
        }
        Ok(h)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("header serializes")
    }

    /// Opens a slot with the key derived from its secret with its `kdf` parameters.
    pub fn open_slot(slot: &KeySlot, kek: &Key) -> Result<Key, UnlockError> {
        Ok(crypto::unwrap(
            kek,
            &slot_aad(&slot.id, &slot.kind),
            &slot.wrapped,
        )?)
    }

    /// The passphrase slots, to try in turn.
    pub fn passphrase_slots(&self) -> impl Iterator<Item = (&KeySlot, &str)> {
        self.slots.iter().filter_map(|s| match &s.kind {
            SlotKind::Passphrase { staff_id } => Some((s, staff_id.as_str())),
            SlotKind::Recovery => None,
        })
    }

    pub fn recovery_slot(&self) -> Option<&KeySlot> {
        self.slots.iter().find(|s| s.kind == SlotKind::Recovery)
    }

    /// Tries each passphrase slot, deriving in place (tests).
    #[cfg(test)]
    pub fn unlock_with_passphrase(&self, passphrase: &str) -> Result<(Key, String), UnlockError> {
        for (slot, staff_id) in self.passphrase_slots() {
            match Self::open_slot(slot, &slot.kdf.derive(passphrase.as_bytes())?) {
                Ok(k) => return Ok((k, staff_id.to_string())),
                Err(UnlockError::WrongSecret) => continue,
                Err(e) => return Err(e),
            }
        }
        Err(UnlockError::WrongSecret)
    }

    #[cfg(test)]
    pub fn unlock_with_recovery_code(&self, typed: &str) -> Result<Key, UnlockError> {
        let code = Self::recovery_secret(typed).ok_or(UnlockError::WrongSecret)?;
        let slot = self.recovery_slot().ok_or(UnlockError::WrongSecret)?;
        Self::open_slot(slot, &slot.kdf.derive(code.as_bytes())?)
    }

    /// The staff ids that have a passphrase slot.
    pub fn staff_ids(&self) -> Vec<String> {
        self.slots
            .iter()
            .filter_map(|s| match &s.kind {
                SlotKind::Passphrase { staff_id } => Some(staff_id.clone()),
                SlotKind::Recovery => None,
            })
            .collect()
    }

    /// Replaces a staff member's passphrase slot (after recovery, or a change of passphrase).
    pub fn set_passphrase(
        &mut self,
        data_key: &Key,
        staff_id: &str,
        passphrase: Kek,
    ) -> Result<(), CryptoError> {
        let kind = SlotKind::Passphrase {
            staff_id: staff_id.into(),
        };
        let id = self
            .slots
            .iter()
            .find(|s| s.kind == kind)
            .map(|s| s.id.clone())
            .unwrap_or_else(|| format!("p{}", self.slots.len() + 1));
        let slot = make_slot(&id, kind, passphrase, data_key)?;
        self.slots.retain(|s| s.id != id);
        self.slots.insert(0, slot);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG_N: u8 = 10; // fast; the default is checked in crypto's tests

    fn kek(secret: &str) -> Kek {
        let params = KdfParams::new_random(LOG_N).unwrap();
        let key = params.derive(secret.as_bytes()).unwrap();
        Kek { params, key }
    }

    fn setup() -> (Key, String, VaultHeader) {
        let dk = Key::random().unwrap();
        let code = recovery_code::generate().unwrap().to_string();
        let h = VaultHeader::create(
            &dk,
            "staff-1",
            kek("kata sandi yang panjang"),
            kek(&VaultHeader::recovery_secret(&code).unwrap()),
        )
        .unwrap();
        (dk, code, h)
    }

    #[test]
    fn slot_kinds_keep_their_stored_form() {
        let p = SlotKind::Passphrase {
            staff_id: "abc".into(),
        };
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, r#"{"type":"passphrase","staff_id":"abc"}"#);
        assert_eq!(serde_json::from_str::<SlotKind>(&json).unwrap(), p);
        assert_eq!(
            serde_json::from_str::<SlotKind>(r#"{"type":"recovery"}"#).unwrap(),
            SlotKind::Recovery
        );
        assert_eq!(
            serde_json::to_string(&SlotKind::Recovery).unwrap(),
            r#"{"type":"recovery"}"#
        );
        for bad in [
            r#"{"type":"passphrase"}"#,
            r#"{"type":"fingerprint"}"#,
            r#"{"staff_id":"abc"}"#,
        ] {
            assert!(serde_json::from_str::<SlotKind>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passphrase_and_recovery_code_both_open_the_data_key() {
        let (dk, code, h) = setup();
        let h = VaultHeader::from_json(&h.to_json()).unwrap();
        let (k, staff) = h.unlock_with_passphrase("kata sandi yang panjang").unwrap();
        assert_eq!((k.bytes(), staff.as_str()), (dk.bytes(), "staff-1"));
        assert_eq!(
            h.unlock_with_recovery_code(&code.to_lowercase())
                .unwrap()
                .bytes(),
            dk.bytes()
        );
        assert_eq!(h.staff_ids(), vec!["staff-1".to_string()]);
    }

    #[test]
    fn wrong_secrets_are_refused() {
        let (_, code, h) = setup();
        assert_eq!(
            h.unlock_with_passphrase("kata sandi yang panjanG")
                .unwrap_err(),
            UnlockError::WrongSecret
        );
        assert_eq!(
            h.unlock_with_passphrase(&code).unwrap_err(),
            UnlockError::WrongSecret
        );
        assert_eq!(
            h.unlock_with_recovery_code("kata sandi yang panjang")
                .unwrap_err(),
            UnlockError::WrongSecret
        );
        let mut other = code.into_bytes();
        other[0] = if other[0] == b'7' { b'8' } else { b'7' };
        assert_eq!(
            h.unlock_with_recovery_code(std::str::from_utf8(&other).unwrap())
                .unwrap_err(),
            UnlockError::WrongSecret
        );
    }

    #[test]
    fn slots_cannot_be_swapped_or_tampered() {
        let (_, code, h) = setup();
        let mut swapped = h.clone();
        let w0 = swapped.slots[0].wrapped.clone();
        swapped.slots[0].wrapped = swapped.slots[1].wrapped.clone();
        swapped.slots[1].wrapped = w0;
        assert!(swapped.unlock_with_recovery_code(&code).is_err());
        let mut flipped = h.clone();
        flipped.slots[0].wrapped[30] ^= 1;
        assert_eq!(
            flipped
                .unlock_with_passphrase("kata sandi yang panjang")
                .unwrap_err(),
            UnlockError::WrongSecret
        );
        let mut weak = h.clone();
        weak.slots[0].kdf.log_n = 4;
        assert_eq!(
            weak.unlock_with_passphrase("kata sandi yang panjang")
                .unwrap_err(),
            UnlockError::BadHeader
        );
        assert_eq!(
            VaultHeader::from_json("{\"format\":2,\"slots\":[]}").unwrap_err(),
            UnlockError::BadHeader
        );
        assert_eq!(
            VaultHeader::from_json("not json").unwrap_err(),
            UnlockError::BadHeader
        );
    }

    #[test]
    fn a_new_passphrase_replaces_the_old_one() {
        let (dk, code, mut h) = setup();
        let k = h.unlock_with_recovery_code(&code).unwrap();
        h.set_passphrase(&k, "staff-1", kek("sandi baru yang juga panjang"))
            .unwrap();
        assert_eq!(h.slots.len(), 2);
        assert!(h.unlock_with_passphrase("kata sandi yang panjang").is_err());
        assert_eq!(
            h.unlock_with_passphrase("sandi baru yang juga panjang")
                .unwrap()
                .0
                .bytes(),
            dk.bytes()
        );
        assert!(
            h.unlock_with_recovery_code(&code).is_ok(),
            "recovery still works"
        );
    }

    #[test]
    fn the_header_holds_no_plaintext_key() {
        let (dk, _, h) = setup();
        let json = h.to_json();
        assert!(!json.contains(&hex::encode(dk.bytes())));
    }
}
