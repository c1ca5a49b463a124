//! The vault header: how the data key is wrapped, stored in the clear.
//!
//! A random 256-bit data key encrypts every record; a second one, the restricted-content key,
//! seals what only some roles may read. Both are stored only wrapped, in key slots: one per
//! staff passphrase on this laptop, and one for the recovery code. Each slot has an X25519 key
//! pair: its private half is sealed under the key derived from the slot's secret (scrypt, its
//! own salt), and the keys are sealed to its public half with HPKE (RFC 9180). Opening a slot
//! means deriving, opening the private half, then opening the keys. Replacing the keys
//! (rotation) needs only the public halves: nobody's passphrase. docs/security.md has the why.

use super::crypto::{self, hex, CryptoError, KdfParams, Key};
use super::recovery_code;
use serde::{Deserialize, Serialize};

pub const HEADER_FORMAT: u32 = 2;

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
    /// The slot's X25519 private key, sealed under the key derived from its secret. In a slot of
    /// the first format (`public` empty), the data key itself.
    #[serde(with = "hex")]
    pub wrapped: Vec<u8>,
    /// The staff member's name as the lock screen offers it: readable before unlock.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The public half (X25519, hex): anyone holding the data key can seal a new one to it
    /// without this slot's secret.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub public: String,
    /// The data key, sealed to `public` (HPKE: encapsulated key, then ciphertext and tag).
    #[serde(default, with = "hex", skip_serializing_if = "Vec::is_empty")]
    pub data_key: Vec<u8>,
    /// The restricted-content key, sealed to `public`; only in slots whose role may read
    /// restricted content (and the recovery slot).
    #[serde(default, with = "hex", skip_serializing_if = "Vec::is_empty")]
    pub restricted_key: Vec<u8>,
    /// The passphrase was set by the head (a reset): it must be changed at the next sign-in.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub must_change: bool,
}

impl KeySlot {
    /// A slot of the first format, which wraps the data key itself and so cannot be given a new
    /// key without its secret.
    pub fn is_legacy(&self) -> bool {
        self.public.is_empty()
    }

    pub fn staff_id(&self) -> Option<&str> {
        match &self.kind {
            SlotKind::Passphrase { staff_id } => Some(staff_id),
            SlotKind::Recovery => None,
        }
    }

    /// Wraps `keys` to this slot's public half: no secret needed. `restricted` says whether this
    /// slot may hold the restricted-content key; without one in `keys` (a session whose role
    /// may not read restricted content), the slot keeps what it holds.
    fn rewrap(&mut self, keys: &Keys, restricted: bool) -> Result<(), CryptoError> {
        let to = hex::decode(&self.public)
            .and_then(|b| <Kem as KemTrait>::PublicKey::from_bytes(&b).ok())
            .ok_or(CryptoError::BadParams)?;
        self.data_key = seal_to(&to, &info(&self.id, "data"), &keys.data)?;
        if let Some(k) = &keys.restricted {
            self.restricted_key = if restricted {
                seal_to(&to, &info(&self.id, "restricted"), k)?
            } else {
                vec![]
            };
        }
        Ok(())
    }
}

/// The keys a slot opens: the data key, which seals every record, and the restricted-content
/// key, which only the slots of roles allowed to read restricted content hold.
#[derive(Debug)]
pub struct Keys {
    pub data: Key,
    pub restricted: Option<Key>,
}

impl Keys {
    pub fn random() -> Result<Keys, CryptoError> {
        Ok(Keys {
            data: Key::random()?,
            restricted: Some(Key::random()?),
        })
    }

    pub fn duplicate(&self) -> Keys {
        Keys {
            data: self.data.duplicate(),
            restricted: self.restricted.as_ref().map(Key::duplicate),
        }
    }
}

type Kem = hpke::kem::X25519HkdfSha256;
type Aead = hpke::aead::ChaCha20Poly1305;
type Kdf = hpke::kdf::HkdfSha256;
use hpke::{Deserializable, Kem as KemTrait, Serializable};

/// HPKE's `info`: binds a sealed key to its slot and to which key it is, so one moved to
/// another slot, or swapped with the other key, does not open.
fn info(slot_id: &str, which: &str) -> Vec<u8> {
    format!("naungan/keyslot/v2\n{slot_id}\n{which}").into_bytes()
}

/// A new X25519 key pair, from the browser's randomness.
fn new_key_pair() -> (<Kem as KemTrait>::PrivateKey, <Kem as KemTrait>::PublicKey) {
    Kem::gen_keypair(&mut rand_core::OsRng)
}

fn seal_to(
    to: &<Kem as KemTrait>::PublicKey,
    info: &[u8],
    key: &Key,
) -> Result<Vec<u8>, CryptoError> {
    let (encapped, ct) = hpke::single_shot_seal::<Aead, Kdf, Kem, _>(
        &hpke::OpModeS::Base,
        to,
        info,
        key.bytes(),
        &[],
        &mut rand_core::OsRng,
    )
    .map_err(|_| CryptoError::NoRandomness)?;
    let mut out = encapped.to_bytes().to_vec();
    out.extend_from_slice(&ct);
    Ok(out)
}

fn open_from(
    with: &<Kem as KemTrait>::PrivateKey,
    info: &[u8],
    sealed: &[u8],
) -> Result<Key, CryptoError> {
    const ENC: usize = 32;
    if sealed.len() < ENC {
        return Err(CryptoError::Rejected);
    }
    let (enc, ct) = sealed.split_at(ENC);
    let encapped =
        <Kem as KemTrait>::EncappedKey::from_bytes(enc).map_err(|_| CryptoError::Rejected)?;
    let plain = zeroize::Zeroizing::new(
        hpke::single_shot_open::<Aead, Kdf, Kem>(
            &hpke::OpModeR::Base,
            with,
            &encapped,
            info,
            ct,
            &[],
        )
        .map_err(|_| CryptoError::Rejected)?,
    );
    Key::from_slice(&plain).ok_or(CryptoError::Rejected)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaultHeader {
    pub format: u32,
    /// This browser vault's id in version vectors (random; not secret).
    #[serde(default)]
    pub device: String,
    /// How many times the data key was replaced (a rotation). Every write checks it, so a tab
    /// still holding the old key cannot write under it.
    #[serde(default)]
    pub epoch: u32,
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

/// A new slot: a new X25519 key pair, its private half sealed under `kek`, `keys` wrapped to
/// its public half.
fn make_slot(
    id: &str,
    kind: SlotKind,
    name: &str,
    kek: Kek,
    keys: &Keys,
    restricted: bool,
) -> Result<KeySlot, CryptoError> {
    let (private, public) = new_key_pair();
    let secret = zeroize::Zeroizing::new(private.to_bytes());
    let wrapped = crypto::seal(&kek.key, &slot_aad(id, &kind), &secret)?;
    let mut slot = KeySlot {
        id: id.to_string(),
        kind,
        kdf: kek.params,
        wrapped,
        name: name.to_string(),
        public: hex::encode(&public.to_bytes()),
        data_key: vec![],
        restricted_key: vec![],
        must_change: false,
    };
    slot.rewrap(keys, restricted)?;
    Ok(slot)
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

/// The first header format: one symmetric slot per secret, each wrapping the data key.
const FORMAT_V1: u32 = 1;

impl VaultHeader {
    /// A new header for new keys: the first staff member's passphrase slot and a recovery slot.
    /// `passphrase` and `recovery` are the keys derived from the passphrase and from the
    /// recovery code (as `recovery_secret` gives it). The recovery slot holds both keys.
    pub fn create(
        keys: &Keys,
        staff_id: &str,
        name: &str,
        restricted: bool,
        passphrase: Kek,
        recovery: Kek,
    ) -> Result<VaultHeader, CryptoError> {
        let kind = SlotKind::Passphrase {
            staff_id: staff_id.into(),
        };
        Ok(VaultHeader {
            format: HEADER_FORMAT,
            device: crypto::hex::encode(&crypto::random_bytes::<8>()?),
            epoch: 0,
            slots: vec![
                make_slot("p1", kind, name, passphrase, keys, restricted)?,
                make_slot("r1", SlotKind::Recovery, "", recovery, keys, true)?,
            ],
        })
    }

    /// A header of the first format (tests of the upgrade from it): each slot wraps the data
    /// key itself.
    #[cfg(any(test, feature = "test-hooks"))]
    pub fn first_format(
        data: &Key,
        staff_id: &str,
        passphrase: Kek,
        recovery: Kek,
        device: String,
    ) -> Result<VaultHeader, CryptoError> {
        let slot = |id: &str, kind: SlotKind, kek: Kek| -> Result<KeySlot, CryptoError> {
            Ok(KeySlot {
                id: id.into(),
                wrapped: crypto::wrap(&kek.key, &slot_aad(id, &kind), data)?,
                kind,
                kdf: kek.params,
                name: String::new(),
                public: String::new(),
                data_key: vec![],
                restricted_key: vec![],
                must_change: false,
            })
        };
        Ok(VaultHeader {
            format: FORMAT_V1,
            device,
            epoch: 0,
            slots: vec![
                slot(
                    "p1",
                    SlotKind::Passphrase {
                        staff_id: staff_id.into(),
                    },
                    passphrase,
                )?,
                slot("r1", SlotKind::Recovery, recovery)?,
            ],
        })
    }

    /// What a recovery code is derived from: as typed, without dashes, spaces or case.
    pub fn recovery_secret(typed: &str) -> Option<zeroize::Zeroizing<String>> {
        recovery_code::normalize(typed)
    }

    pub fn from_json(s: &str) -> Result<VaultHeader, UnlockError> {
        let h: VaultHeader = serde_json::from_str(s).map_err(|_| UnlockError::BadHeader)?;
        if !(h.format == HEADER_FORMAT || h.format == FORMAT_V1) || h.slots.is_empty() {
            return Err(UnlockError::BadHeader);
        }
        Ok(h)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("header serializes")
    }

    /// Opens a slot with the key derived from its secret with its `kdf` parameters.
    pub fn open_slot(slot: &KeySlot, kek: &Key) -> Result<Keys, UnlockError> {
        let aad = slot_aad(&slot.id, &slot.kind);
        if slot.is_legacy() {
            let data = crypto::unwrap(kek, &aad, &slot.wrapped)?;
            return Ok(Keys {
                data,
                restricted: None,
            });
        }
        let secret = crypto::open(kek, &aad, &slot.wrapped)?;
        let private = <Kem as KemTrait>::PrivateKey::from_bytes(&secret)
            .map_err(|_| UnlockError::BadHeader)?;
        // The slot's secret was right; a key that then fails to open is damage.
        let data = open_from(&private, &info(&slot.id, "data"), &slot.data_key)
            .map_err(|_| UnlockError::BadHeader)?;
        let restricted = if slot.restricted_key.is_empty() {
            None
        } else {
            Some(
                open_from(
                    &private,
                    &info(&slot.id, "restricted"),
                    &slot.restricted_key,
                )
                .map_err(|_| UnlockError::BadHeader)?,
            )
        };
        Ok(Keys { data, restricted })
    }

    /// The passphrase slots, to try in turn.
    pub fn passphrase_slots(&self) -> impl Iterator<Item = (&KeySlot, &str)> {
        self.slots.iter().filter_map(|s| Some((s, s.staff_id()?)))
    }

    /// A staff member's passphrase slot.
    pub fn slot_of(&self, staff_id: &str) -> Option<&KeySlot> {
        self.slots.iter().find(|s| s.staff_id() == Some(staff_id))
    }

    pub fn recovery_slot(&self) -> Option<&KeySlot> {
        self.slots.iter().find(|s| s.kind == SlotKind::Recovery)
    }

    /// Tries each passphrase slot, deriving in place (tests).
    #[cfg(test)]
    pub fn unlock_with_passphrase(&self, passphrase: &str) -> Result<(Keys, String), UnlockError> {
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
    pub fn unlock_with_recovery_code(&self, typed: &str) -> Result<Keys, UnlockError> {
        let code = Self::recovery_secret(typed).ok_or(UnlockError::WrongSecret)?;
        let slot = self.recovery_slot().ok_or(UnlockError::WrongSecret)?;
        Self::open_slot(slot, &slot.kdf.derive(code.as_bytes())?)
    }

    /// The staff ids that have a passphrase slot.
    pub fn staff_ids(&self) -> Vec<String> {
        self.passphrase_slots()
            .map(|(_, id)| id.to_string())
            .collect()
    }

    /// The names the lock screen offers, with their staff ids, in slot order.
    pub fn names(&self) -> Vec<(String, String)> {
        self.passphrase_slots()
            .map(|(s, id)| (id.to_string(), s.name.clone()))
            .collect()
    }

    /// Sets a staff member's passphrase slot: replaces theirs, or adds one. `must_change` marks a
    /// passphrase set by someone else (the head's reset).
    pub fn set_passphrase(
        &mut self,
        keys: &Keys,
        staff_id: &str,
        name: &str,
        restricted: bool,
        passphrase: Kek,
        must_change: bool,
    ) -> Result<(), CryptoError> {
        let kind = SlotKind::Passphrase {
            staff_id: staff_id.into(),
        };
        let id = match self.slots.iter().find(|s| s.kind == kind) {
            Some(s) => s.id.clone(),
            None => self.unused_slot_id('p'),
        };
        let mut slot = make_slot(&id, kind, name, passphrase, keys, restricted)?;
        slot.must_change = must_change;
        match self.slots.iter().position(|s| s.id == id) {
            Some(i) => self.slots[i] = slot,
            None => {
                // Passphrase slots before the recovery slot, in the order they were added.
                let at = self
                    .slots
                    .iter()
                    .take_while(|s| s.staff_id().is_some())
                    .count();
                self.slots.insert(at, slot);
            }
        }
        Ok(())
    }

    /// Replaces the recovery slot (a new recovery code).
    pub fn set_recovery(&mut self, keys: &Keys, recovery: Kek) -> Result<(), CryptoError> {
        let id = self.unused_slot_id('r');
        let slot = make_slot(&id, SlotKind::Recovery, "", recovery, keys, true)?;
        self.slots.retain(|s| s.kind != SlotKind::Recovery);
        self.slots.push(slot);
        Ok(())
    }

    fn unused_slot_id(&self, prefix: char) -> String {
        (1..)
            .map(|n| format!("{prefix}{n}"))
            .find(|id| self.slots.iter().all(|s| &s.id != id))
            .expect("an unused slot id")
    }

    /// Removes a staff member's passphrase slot; true if there was one.
    pub fn remove_passphrase(&mut self, staff_id: &str) -> bool {
        let before = self.slots.len();
        self.slots.retain(|s| s.staff_id() != Some(staff_id));
        self.slots.len() != before
    }

    /// Gives every slot `keys` instead of the ones it held, without any slot's secret: each is
    /// wrapped to the slot's public half. `restricted(staff_id)` says whether a staff member's
    /// slot may hold the restricted-content key. Fails if a slot is of the first format (its
    /// secret is needed): the caller replaces such a recovery slot first.
    pub fn rotate(
        &mut self,
        keys: &Keys,
        restricted: impl Fn(&str) -> bool,
    ) -> Result<(), CryptoError> {
        for slot in &mut self.slots {
            let may = slot.staff_id().is_none_or(&restricted);
            slot.rewrap(keys, may)?;
        }
        self.epoch += 1;
        Ok(())
    }

    /// Wraps the restricted-content key to a staff member's slot that lacks it (a slot added by
    /// someone who did not hold it), or takes it away. True if the slot changed.
    pub fn grant_restricted(
        &mut self,
        keys: &Keys,
        staff_id: &str,
        restricted: bool,
    ) -> Result<bool, CryptoError> {
        let Some(slot) = self
            .slots
            .iter_mut()
            .find(|s| s.staff_id() == Some(staff_id))
        else {
            return Ok(false);
        };
        let has = !slot.restricted_key.is_empty();
        let want = restricted;
        if slot.is_legacy() || has == want || (want && keys.restricted.is_none()) {
            return Ok(false);
        }
        if want {
            slot.rewrap(keys, true)?;
        } else {
            slot.restricted_key.clear();
        }
        Ok(true)
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

    fn setup() -> (Keys, String, VaultHeader) {
        let keys = Keys::random().unwrap();
        let code = recovery_code::generate().unwrap().to_string();
        let h = VaultHeader::create(
            &keys,
            "staff-1",
            "Bu Sari",
            true,
            kek("kata sandi yang panjang"),
            kek(&VaultHeader::recovery_secret(&code).unwrap()),
        )
        .unwrap();
        (keys, code, h)
    }

    fn same(a: &Key, b: &Key) -> bool {
        a.bytes() == b.bytes()
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
    fn passphrase_and_recovery_code_both_open_both_keys() {
        let (keys, code, h) = setup();
        let h = VaultHeader::from_json(&h.to_json()).unwrap();
        let (k, staff) = h.unlock_with_passphrase("kata sandi yang panjang").unwrap();
        assert_eq!(staff, "staff-1");
        assert!(same(&k.data, &keys.data));
        assert!(same(
            k.restricted.as_ref().unwrap(),
            keys.restricted.as_ref().unwrap()
        ));
        let r = h.unlock_with_recovery_code(&code.to_lowercase()).unwrap();
        assert!(same(&r.data, &keys.data));
        assert!(r.restricted.is_some());
        assert_eq!(h.staff_ids(), vec!["staff-1".to_string()]);
        assert_eq!(h.names(), vec![("staff-1".into(), "Bu Sari".into())]);
        assert!(h.slots.iter().all(|s| s.public.len() == 64));
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
        // A data key wrapped to another slot's public half does not open here.
        let mut moved = h.clone();
        moved.slots[0].data_key = moved.slots[1].data_key.clone();
        assert_eq!(
            moved
                .unlock_with_passphrase("kata sandi yang panjang")
                .unwrap_err(),
            UnlockError::BadHeader
        );
        assert_eq!(
            VaultHeader::from_json("{\"format\":3,\"slots\":[]}").unwrap_err(),
            UnlockError::BadHeader
        );
        assert_eq!(
            VaultHeader::from_json("not json").unwrap_err(),
            UnlockError::BadHeader
        );
    }

    #[test]
    fn a_new_passphrase_replaces_the_old_one() {
        let (keys, code, mut h) = setup();
        let k = h.unlock_with_recovery_code(&code).unwrap();
        h.set_passphrase(
            &k,
            "staff-1",
            "Bu Sari",
            true,
            kek("sandi baru yang juga panjang"),
            false,
        )
        .unwrap();
        assert_eq!(h.slots.len(), 2);
        assert!(h.unlock_with_passphrase("kata sandi yang panjang").is_err());
        let (opened, _) = h
            .unlock_with_passphrase("sandi baru yang juga panjang")
            .unwrap();
        assert!(same(&opened.data, &keys.data));
        assert!(
            h.unlock_with_recovery_code(&code).is_ok(),
            "recovery still works"
        );
    }

    #[test]
    fn each_staff_member_has_a_slot_and_only_allowed_roles_hold_the_restricted_key() {
        let (keys, _, mut h) = setup();
        h.set_passphrase(
            &keys,
            "staff-2",
            "Pak Budi",
            false,
            kek("sandi instruktur panjang"),
            false,
        )
        .unwrap();
        assert_eq!(h.staff_ids(), vec!["staff-1".to_string(), "staff-2".into()]);
        assert_eq!(h.slots.last().unwrap().kind, SlotKind::Recovery);
        let (k, who) = h
            .unlock_with_passphrase("sandi instruktur panjang")
            .unwrap();
        assert_eq!(who, "staff-2");
        assert!(same(&k.data, &keys.data));
        assert!(
            k.restricted.is_none(),
            "an instructor's slot holds no restricted key"
        );
        assert!(h.slot_of("staff-2").unwrap().restricted_key.is_empty());
        // Granted later (a role change), then taken away.
        assert!(h.grant_restricted(&keys, "staff-2", true).unwrap());
        let (k, _) = h
            .unlock_with_passphrase("sandi instruktur panjang")
            .unwrap();
        assert!(k.restricted.is_some());
        assert!(h.grant_restricted(&keys, "staff-2", false).unwrap());
        assert!(!h.grant_restricted(&keys, "staff-2", false).unwrap());
    }

    #[test]
    fn rotation_needs_no_passphrase_and_the_old_keys_open_nothing_new() {
        let (old, code, mut h) = setup();
        h.set_passphrase(
            &old,
            "staff-2",
            "Pak Budi",
            false,
            kek("sandi instruktur panjang"),
            false,
        )
        .unwrap();
        let copied_out = h.clone();
        assert!(h.remove_passphrase("staff-2"));
        assert!(!h.remove_passphrase("staff-2"));
        let new = Keys::random().unwrap();
        h.rotate(&new, |id| id == "staff-1").unwrap();
        assert_eq!(h.epoch, 1);
        let (k, _) = h.unlock_with_passphrase("kata sandi yang panjang").unwrap();
        assert!(same(&k.data, &new.data) && !same(&k.data, &old.data));
        assert!(same(
            k.restricted.as_ref().unwrap(),
            new.restricted.as_ref().unwrap()
        ));
        assert!(same(
            &h.unlock_with_recovery_code(&code).unwrap().data,
            &new.data
        ));
        assert_eq!(
            h.unlock_with_passphrase("sandi instruktur panjang")
                .unwrap_err(),
            UnlockError::WrongSecret
        );
        // The removed member's copy of the old header still opens only the old key.
        let (theirs, _) = copied_out
            .unlock_with_passphrase("sandi instruktur panjang")
            .unwrap();
        assert!(same(&theirs.data, &old.data));
        assert!(!same(&theirs.data, &new.data));
    }

    #[test]
    fn a_first_format_header_still_opens_and_cannot_be_rotated_blindly() {
        let keys = Keys::random().unwrap();
        let v1 = VaultHeader::first_format(
            &keys.data,
            "staff-1",
            kek("kata sandi yang panjang"),
            kek("kode pemulihan"),
            "d".into(),
        )
        .unwrap();
        let json = serde_json::to_string(&v1).unwrap();
        assert!(!json.contains("public") && !json.contains("epoch\":1"));
        let mut h = VaultHeader::from_json(&json).unwrap();
        let (k, _) = h.unlock_with_passphrase("kata sandi yang panjang").unwrap();
        assert!(same(&k.data, &keys.data) && k.restricted.is_none());
        assert!(h.rotate(&Keys::random().unwrap(), |_| true).is_err());
    }

    #[test]
    fn the_header_holds_no_plaintext_key() {
        let (keys, _, h) = setup();
        let json = h.to_json();
        assert!(!json.contains(&hex::encode(keys.data.bytes())));
        assert!(!json.contains(&hex::encode(keys.restricted.unwrap().bytes())));
    }
}
