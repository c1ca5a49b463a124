//! The cryptographic primitives of the vault, from RustCrypto crates; nothing of our own design.
//!
//! - KDF: scrypt (RFC 7914), default N = 2^17, r = 8, p = 1 (OWASP's minimum for scrypt). The
//!   parameters and salt are stored beside each wrapped key, so they can be raised later.
//! - AEAD: XChaCha20-Poly1305 with a fresh random 192-bit nonce per message; the nonce is stored
//!   in front of the ciphertext. Random nonces of that size never collide in practice.
//! - Associated data binds each ciphertext to where it belongs (see `record_aad`, `slot_aad`).

use chacha20poly1305::aead::{Aead, AeadInPlace, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use std::fmt;
use zeroize::Zeroizing;

pub const KEY_LEN: usize = 32;
pub const NONCE_LEN: usize = 24;
pub const TAG_LEN: usize = 16;
pub const SALT_LEN: usize = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CryptoError {
    /// Authentication failed: wrong key, or the bytes were changed or moved.
    Rejected,
    /// KDF parameters outside what this app accepts (too weak, too costly, or unknown).
    BadParams,
    /// The operating system / browser gave no randomness.
    NoRandomness,
}

impl fmt::Display for CryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CryptoError::Rejected => "authentication failed",
            CryptoError::BadParams => "unacceptable key derivation parameters",
            CryptoError::NoRandomness => "no secure randomness available",
        })
    }
}

pub fn random_bytes<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut b = [0u8; N];
    getrandom::getrandom(&mut b).map_err(|_| CryptoError::NoRandomness)?;
    Ok(b)
}

/// A 256-bit key. Zeroized when dropped; never printed.
pub struct Key(Zeroizing<[u8; KEY_LEN]>);

impl Key {
    pub fn random() -> Result<Key, CryptoError> {
        Ok(Key(Zeroizing::new(random_bytes::<KEY_LEN>()?)))
    }

    pub(crate) fn from_slice(b: &[u8]) -> Option<Key> {
        let arr: [u8; KEY_LEN] = b.try_into().ok()?;
        Some(Key(Zeroizing::new(arr)))
    }

    pub fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// A second copy, for the store's own use (reading the vault again without the
    /// passphrase). Deliberately not `Clone`: copies of a key should be rare and visible.
    pub(crate) fn duplicate(&self) -> Key {
        Key(Zeroizing::new(*self.0))
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(..)")
    }
}

/// Encrypts with a fresh random nonce; returns nonce ‖ ciphertext ‖ tag.
pub fn seal(key: &Key, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
    // Encrypted where it will be stored: one copy of the plaintext (a segment is 1 MB).
    let mut out = Zeroizing::new(Vec::with_capacity(NONCE_LEN + plaintext.len() + TAG_LEN));
    out.resize(NONCE_LEN, 0);
    out.extend_from_slice(plaintext);
    seal_in_place(key, aad, &mut out)?;
    // Ciphertext now: nothing to wipe.
    Ok(std::mem::take(&mut *out))
}

/// [`seal`] without copying: `buf` holds `NONCE_LEN` bytes of room, then the plaintext; on
/// success it holds nonce ‖ ciphertext ‖ tag, exactly what `seal` returns. On failure it still
/// holds the plaintext (the caller zeroizes it).
pub fn seal_in_place(key: &Key, aad: &[u8], buf: &mut Vec<u8>) -> Result<(), CryptoError> {
    if buf.len() < NONCE_LEN {
        return Err(CryptoError::Rejected);
    }
    let nonce = random_bytes::<NONCE_LEN>()?;
    let cipher = XChaCha20Poly1305::new(key.bytes().into());
    let tag = cipher
        .encrypt_in_place_detached(XNonce::from_slice(&nonce), aad, &mut buf[NONCE_LEN..])
        .map_err(|_| CryptoError::Rejected)?;
    buf[..NONCE_LEN].copy_from_slice(&nonce);
    buf.extend_from_slice(&tag);
    Ok(())
}

/// Decrypts what `seal` made, if and only if key, associated data and bytes are all intact.
pub fn open(key: &Key, aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    if sealed.len() < NONCE_LEN + TAG_LEN {
        return Err(CryptoError::Rejected);
    }
    let (nonce, ct) = sealed.split_at(NONCE_LEN);
    let cipher = XChaCha20Poly1305::new(key.bytes().into());
    cipher
        .decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad })
        .map(Zeroizing::new)
        .map_err(|_| CryptoError::Rejected)
}

/// Wraps (encrypts) a key under another key.
pub fn wrap(kek: &Key, aad: &[u8], key: &Key) -> Result<Vec<u8>, CryptoError> {
    seal(kek, aad, key.bytes())
}

pub fn unwrap(kek: &Key, aad: &[u8], wrapped: &[u8]) -> Result<Key, CryptoError> {
    let plain = open(kek, aad, wrapped)?;
    Key::from_slice(&plain).ok_or(CryptoError::Rejected)
}

/// scrypt parameters, stored beside what they protect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub alg: String,
    pub log_n: u8,
    pub r: u32,
    pub p: u32,
    #[serde(with = "hex")]
    pub salt: Vec<u8>,
}

impl KdfParams {
    /// 2^17 × 8 × 128 B = 128 MiB of memory per derivation: OWASP's minimum for scrypt.
    pub const DEFAULT_LOG_N: u8 = 17;
    /// Accepted range when reading stored parameters. Below 2^10 is only for tests of the
    /// machinery; above 2^20 would take minutes on an old laptop (a stored header is not trusted).
    pub const MIN_LOG_N: u8 = 10;
    pub const MAX_LOG_N: u8 = 20;

    pub fn new_random(log_n: u8) -> Result<KdfParams, CryptoError> {
        let p = KdfParams {
            alg: "scrypt".into(),
            log_n,
            r: 8,
            p: 1,
            salt: random_bytes::<SALT_LEN>()?.to_vec(),
        };
        p.check()?;
        Ok(p)
    }

    pub fn check(&self) -> Result<(), CryptoError> {
        let ok = self.alg == "scrypt"
            && (Self::MIN_LOG_N..=Self::MAX_LOG_N).contains(&self.log_n)
            && self.r == 8
            && (1..=4).contains(&self.p)
            && self.salt.len() >= SALT_LEN;
        ok.then_some(()).ok_or(CryptoError::BadParams)
    }

    /// Derives a key-encryption key from a secret. Costly by design (about 0.7 s in a browser).
    pub fn derive(&self, secret: &[u8]) -> Result<Key, CryptoError> {
        self.check()?;
        let params = scrypt::Params::new(self.log_n, self.r, self.p, KEY_LEN)
            .map_err(|_| CryptoError::BadParams)?;
        let mut out = Zeroizing::new([0u8; KEY_LEN]);
        scrypt::scrypt(secret, &self.salt, &params, out.as_mut())
            .map_err(|_| CryptoError::BadParams)?;
        Ok(Key(out))
    }
}

/// Where key derivations run. scrypt needs 128 MiB, and a WebAssembly memory never shrinks:
/// run in the page, every derivation would leave the page 128 MiB larger for as long as it is
/// open. The app derives in a worker that is ended afterwards (`ui/backup_worker.rs`); tests and
/// benchmarks of the store itself derive in place.
pub trait Kdf {
    /// The 32-byte key derived from `secret` with `params` (already checked).
    fn derive<'a>(&'a self, params: &'a KdfParams, secret: &'a [u8]) -> Derivation<'a>;
}

pub type Derivation<'a> = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<Zeroizing<Vec<u8>>, CryptoError>> + 'a>,
>;

/// Derives on the calling thread.
pub struct InPlace;

impl Kdf for InPlace {
    fn derive<'a>(&'a self, params: &'a KdfParams, secret: &'a [u8]) -> Derivation<'a> {
        Box::pin(async move { Ok(Zeroizing::new(params.derive(secret)?.0.to_vec())) })
    }
}

/// Derives through `kdf`, into a key.
pub async fn derive_key(
    kdf: &dyn Kdf,
    params: &KdfParams,
    secret: &[u8],
) -> Result<Key, CryptoError> {
    params.check()?;
    let bytes = kdf.derive(params, secret).await?;
    Key::from_slice(&bytes).ok_or(CryptoError::BadParams)
}

/// Lower-case hex for the few binary fields of the vault header (stored as JSON text).
pub mod hex {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn encode(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    pub fn decode(s: &str) -> Option<Vec<u8>> {
        if !s.len().is_multiple_of(2) {
            return None;
        }
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
            .collect()
    }

    pub fn serialize<S: Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&encode(b))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let s = String::deserialize(d)?;
        decode(&s).ok_or_else(|| serde::de::Error::custom("not hex"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_open_round_trip() {
        let k = Key::random().unwrap();
        let s = seal(&k, b"ad", b"Siti Aminah").unwrap();
        assert_eq!(s.len(), NONCE_LEN + 11 + TAG_LEN);
        assert_eq!(&open(&k, b"ad", &s).unwrap()[..], b"Siti Aminah");
        assert_ne!(
            seal(&k, b"ad", b"Siti Aminah").unwrap(),
            s,
            "fresh nonce every time"
        );
    }

    #[test]
    fn sealing_in_place_gives_what_seal_gives() {
        let k = Key::random().unwrap();
        let mut buf = vec![0u8; NONCE_LEN];
        buf.extend_from_slice(b"Siti Aminah");
        seal_in_place(&k, b"ad", &mut buf).unwrap();
        assert_eq!(buf.len(), NONCE_LEN + 11 + TAG_LEN);
        assert!(!buf.windows(4).any(|w| w == b"Siti"));
        assert_eq!(&open(&k, b"ad", &buf).unwrap()[..], b"Siti Aminah");
        assert_eq!(open(&k, b"other", &buf).unwrap_err(), CryptoError::Rejected);
        let mut short = vec![0u8; NONCE_LEN - 1];
        assert_eq!(
            seal_in_place(&k, b"ad", &mut short).unwrap_err(),
            CryptoError::Rejected
        );
    }

    #[test]
    fn any_change_is_rejected() {
        let k = Key::random().unwrap();
        let s = seal(&k, b"ad", b"Siti Aminah").unwrap();
        for i in 0..s.len() {
            let mut t = s.clone();
            t[i] ^= 0x01;
            assert_eq!(
                open(&k, b"ad", &t).unwrap_err(),
                CryptoError::Rejected,
                "flipped byte {i}"
            );
        }
        assert_eq!(open(&k, b"other", &s).unwrap_err(), CryptoError::Rejected);
        assert_eq!(
            open(&Key::random().unwrap(), b"ad", &s).unwrap_err(),
            CryptoError::Rejected
        );
        assert_eq!(
            open(&k, b"ad", &s[..s.len() - 1]).unwrap_err(),
            CryptoError::Rejected
        );
        assert_eq!(open(&k, b"ad", &[]).unwrap_err(), CryptoError::Rejected);
    }

    #[test]
    fn kdf_defaults_meet_owasp_minimums() {
        let p = KdfParams::new_random(KdfParams::DEFAULT_LOG_N).unwrap();
        // OWASP Password Storage Cheat Sheet: scrypt N=2^17 (128 MiB), r=8, p=1 at least.
        assert!(p.log_n >= 17 && p.r >= 8 && p.p >= 1);
        assert_eq!(p.salt.len(), SALT_LEN);
        assert_eq!(p.alg, "scrypt");
    }

    #[test]
    fn kdf_is_deterministic_per_salt_and_rejects_bad_params() {
        let p = KdfParams::new_random(10).unwrap();
        assert_eq!(
            p.derive(b"kata sandi").unwrap().bytes(),
            p.derive(b"kata sandi").unwrap().bytes()
        );
        assert_ne!(
            p.derive(b"kata sandi").unwrap().bytes(),
            p.derive(b"kata sandj").unwrap().bytes()
        );
        let q = KdfParams::new_random(10).unwrap();
        assert_ne!(
            p.derive(b"x").unwrap().bytes(),
            q.derive(b"x").unwrap().bytes(),
            "salt matters"
        );
        for bad in [
            KdfParams {
                log_n: 9,
                ..p.clone()
            },
            KdfParams {
                log_n: 21,
                ..p.clone()
            },
            KdfParams { r: 1, ..p.clone() },
            KdfParams {
                alg: "pbkdf2".into(),
                ..p.clone()
            },
            KdfParams {
                salt: vec![1; 8],
                ..p.clone()
            },
        ] {
            assert_eq!(bad.derive(b"x").unwrap_err(), CryptoError::BadParams);
        }
    }

    #[test]
    fn scrypt_matches_rfc_7914_test_vector() {
        // RFC 7914 §12, second vector: P="password", S="NaCl", N=1024, r=8, p=16, dkLen=64.
        let params = scrypt::Params::new(10, 8, 16, 64).unwrap();
        let mut out = [0u8; 64];
        scrypt::scrypt(b"password", b"NaCl", &params, &mut out).unwrap();
        assert_eq!(&hex::encode(&out)[..32], "fdbabe1c9d3472007856e7190d01e9fe");
    }

    #[test]
    fn wrap_unwrap() {
        let kek = Key::random().unwrap();
        let dk = Key::random().unwrap();
        let w = wrap(&kek, b"slot", &dk).unwrap();
        assert_eq!(unwrap(&kek, b"slot", &w).unwrap().bytes(), dk.bytes());
        assert!(unwrap(&kek, b"other slot", &w).is_err());
    }

    #[test]
    fn hex_round_trip() {
        assert_eq!(
            hex::decode(&hex::encode(&[0, 1, 254, 255])).unwrap(),
            vec![0, 1, 254, 255]
        );
        assert_eq!(hex::decode("abc"), None);
        assert_eq!(hex::decode("zz"), None);
    }
}
