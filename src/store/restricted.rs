//! Sealing, revealing and re-sealing the restricted fields of records
//! (`domain::restricted::Restricted`) under the restricted-content key.
//!
//! Each field is sealed on its own with XChaCha20-Poly1305 (`crypto::seal`), its associated
//! data the record's id and kind, so a sealed field moved into another record does not open.
//! The fields are found in a body's JSON text by their marks (`OPEN_MARK`, `SEALED_MARK`); only
//! kinds declared `restricted: true` in `domain/kinds.rs` are looked at, and only a body whose
//! text holds a mark is parsed into a JSON tree.

use super::crypto::{self, Key};
use super::error::StoreError;
use crate::domain::record::{Record, RecordBody, RecordKind};
use crate::domain::restricted::{Restricted, OPEN_MARK, SEALED_MARK};
use serde::de::DeserializeOwned;
use serde_json::Value;

fn aad(id: &str, kind: &str) -> Vec<u8> {
    format!("naungan/restricted/v1\n{id}\n{kind}").into_bytes()
}

/// The content of a field as JSON, sealed under `key`, as its stored base64.
fn seal_value(key: &Key, aad: &[u8], v: &Value) -> Result<String, StoreError> {
    let plain = zeroize::Zeroizing::new(serde_json::to_vec(v).expect("a JSON tree serializes"));
    crypto::seal(key, aad, &plain)
        .map(|b| b64::encode(&b))
        .map_err(|_| StoreError::NoRandomness)
}

fn open_bytes(key: &Key, aad: &[u8], sealed: &str) -> Option<zeroize::Zeroizing<Vec<u8>>> {
    crypto::open(key, aad, &b64::decode(sealed)?).ok()
}

/// `{"$open": v}` or `{"$sealed": "…"}`: the one member of a restricted field's object.
fn field(v: &Value, tag: &str) -> bool {
    v.as_object()
        .is_some_and(|o| o.len() == 1 && o.contains_key(tag))
}

fn walk(
    v: &mut Value,
    f: &mut dyn FnMut(&mut Value) -> Result<bool, StoreError>,
) -> Result<(), StoreError> {
    if f(v)? {
        return Ok(());
    }
    match v {
        Value::Array(a) => a.iter_mut().try_for_each(|x| walk(x, f)),
        Value::Object(o) => o.values_mut().try_for_each(|x| walk(x, f)),
        _ => Ok(()),
    }
}

/// The body of `r` with `f` applied to its JSON tree, or `None` when its text holds no `mark`.
fn rewrite(
    r: &Record,
    mark: &str,
    f: &mut dyn FnMut(&mut Value) -> Result<bool, StoreError>,
) -> Result<Option<RecordBody>, StoreError> {
    let Some(body) = r.body.as_ref().filter(|_| r.meta.kind.is_restricted()) else {
        return Ok(None);
    };
    let text = zeroize::Zeroizing::new(body.to_data_json());
    if !text.contains(mark) {
        return Ok(None);
    }
    let mut tree: Value =
        serde_json::from_str(&text).map_err(|e| StoreError::Invalid(e.to_string()))?;
    walk(&mut tree, f)?;
    let text = zeroize::Zeroizing::new(tree.to_string());
    RecordBody::from_current_json(r.meta.kind, &text)
        .map(Some)
        .map_err(|e| StoreError::Invalid(format!("{e:?}")))
}

/// Seals every open restricted field of `r` in place. A session without the key (`None`) may
/// carry sealed fields but not write open ones: `NoRestrictedKey`, and nothing is changed.
pub fn seal_record(r: &mut Record, key: Option<&Key>) -> Result<(), StoreError> {
    let a = aad(r.meta.id.as_str(), r.meta.kind.as_str());
    let body = rewrite(r, OPEN_MARK, &mut |v| {
        if !field(v, "$open") {
            return Ok(false);
        }
        let key = key.ok_or(StoreError::NoRestrictedKey)?;
        *v = serde_json::json!({ "$sealed": seal_value(key, &a, &v["$open"])? });
        Ok(true)
    })?;
    if let Some(b) = body {
        r.body = Some(b);
    }
    Ok(())
}

/// `r` with every sealed field that `key` opens made open (a holder's backup; a merge that
/// compares content). Fields that do not open (sealed on another laptop) stay sealed.
pub fn opened(r: &Record, key: &Key) -> Result<Option<Record>, StoreError> {
    let a = aad(r.meta.id.as_str(), r.meta.kind.as_str());
    let body = rewrite(r, SEALED_MARK, &mut |v| {
        if !field(v, "$sealed") {
            return Ok(false);
        }
        let opened = v["$sealed"]
            .as_str()
            .and_then(|s| open_bytes(key, &a, s))
            .and_then(|p| serde_json::from_slice::<Value>(&p).ok());
        if let Some(inner) = opened {
            *v = serde_json::json!({ "$open": inner });
        }
        Ok(true)
    })?;
    Ok(body.map(|b| Record {
        meta: r.meta.clone(),
        body: Some(b),
    }))
}

/// `r` with what `key` opens made open, or `r` as it is where there is no key or nothing sealed.
pub fn opened_or_same(r: &Record, key: Option<&Key>) -> Result<Record, StoreError> {
    Ok(match key {
        Some(k) => opened(r, k)?.unwrap_or_else(|| r.clone()),
        None => r.clone(),
    })
}

/// Whether `r` holds restricted content in the open (a holder's backup).
pub fn holds_open(r: &Record) -> bool {
    r.meta.kind.is_restricted()
        && r.body
            .as_ref()
            .is_some_and(|b| b.to_data_json().contains(OPEN_MARK))
}

/// The content of one restricted field of the record `(id, kind)`.
pub fn reveal<T: DeserializeOwned + Clone>(
    key: Option<&Key>,
    id: &str,
    kind: RecordKind,
    f: &Restricted<T>,
) -> Result<T, StoreError> {
    match f {
        Restricted::Open(v) => Ok(v.clone()),
        Restricted::Sealed(s) => {
            let key = key.ok_or(StoreError::NoRestrictedKey)?;
            let plain =
                open_bytes(key, &aad(id, kind.as_str()), s).ok_or(StoreError::SealedElsewhere)?;
            serde_json::from_slice(&plain).map_err(|_| StoreError::SealedElsewhere)
        }
    }
}

/// A record's stored content (JSON text, as in a segment or log row) with each sealed field
/// sealed again from `old` to `new`, in the text itself (nothing else is parsed). Fields that
/// `old` does not open are left as they are. `None` when the content holds no sealed field.
pub fn reseal_content(
    content: &[u8],
    id: &str,
    kind: &str,
    old: &Key,
    new: &Key,
) -> Result<Option<Vec<u8>>, StoreError> {
    let mark = SEALED_MARK.as_bytes();
    let Some(mut at) = find(content, mark, 0) else {
        return Ok(None);
    };
    let a = aad(id, kind);
    let mut out = Vec::with_capacity(content.len() + 64);
    let mut done = 0;
    loop {
        let start = at + mark.len();
        let end = start
            + content[start..]
                .iter()
                .position(|&b| b == b'"')
                .ok_or_else(|| StoreError::Invalid("unterminated sealed field".into()))?;
        out.extend_from_slice(&content[done..start]);
        let b64 = std::str::from_utf8(&content[start..end]).unwrap_or_default();
        match open_bytes(old, &a, b64) {
            Some(plain) => {
                let sealed = crypto::seal(new, &a, &plain).map_err(|_| StoreError::NoRandomness)?;
                out.extend_from_slice(b64::encode(&sealed).as_bytes());
            }
            None => out.extend_from_slice(&content[start..end]),
        }
        done = end;
        match find(content, mark, end) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.extend_from_slice(&content[done..]);
    Ok(Some(out))
}

/// Of the sealed fields in a record's stored content: how many, and how many `key` opens.
#[cfg(any(test, feature = "test-hooks"))]
pub fn count_opening(content: &[u8], id: &str, kind: &str, key: &Key) -> (usize, usize) {
    let mark = SEALED_MARK.as_bytes();
    let a = aad(id, kind);
    let (mut total, mut opened, mut at) = (0, 0, 0);
    while let Some(start) = find(content, mark, at).map(|p| p + mark.len()) {
        let len = content[start..]
            .iter()
            .position(|&b| b == b'"')
            .unwrap_or(0);
        let b64 = std::str::from_utf8(&content[start..start + len]).unwrap_or_default();
        total += 1;
        opened += usize::from(open_bytes(key, &a, b64).is_some());
        at = start + len;
    }
    (total, opened)
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Standard base64 (RFC 4648 §4) with padding: a sealed field is stored as JSON text.
pub mod b64 {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub fn encode(b: &[u8]) -> String {
        let mut out = String::with_capacity(b.len().div_ceil(3) * 4);
        for c in b.chunks(3) {
            let n = (u32::from(c[0]) << 16)
                | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
                | u32::from(*c.get(2).unwrap_or(&0));
            for i in 0..4 {
                if i <= c.len() {
                    out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    pub fn decode(s: &str) -> Option<Vec<u8>> {
        let s = s.as_bytes();
        if !s.len().is_multiple_of(4) {
            return None;
        }
        let mut out = Vec::with_capacity(s.len() / 4 * 3);
        for (i, c) in s.chunks(4).enumerate() {
            let last = i + 1 == s.len() / 4;
            let pad = c.iter().rev().take_while(|&&b| b == b'=').count();
            if pad > 2 || (pad > 0 && !last) {
                return None;
            }
            let mut n = 0u32;
            for &b in &c[..4 - pad] {
                let v = ALPHABET.iter().position(|&a| a == b)? as u32;
                n = (n << 6) | v;
            }
            n <<= 6 * pad as u32;
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            out.extend_from_slice(&bytes[..3 - pad]);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case_note::{CaseNote, NoteKind, NoteText};
    use crate::domain::date::Date;
    use crate::domain::id::RecordId;
    use crate::domain::record::Stamp;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(b64::encode(plain.as_bytes()), coded);
            assert_eq!(b64::decode(coded).unwrap(), plain.as_bytes());
        }
        for bad in ["Zg=", "Z===", "Zg==Zg==", "Zm9*"] {
            assert_eq!(b64::decode(bad), None, "{bad}");
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(b64::decode(&b64::encode(&all)).unwrap(), all);
    }

    fn note(text: &str) -> Record {
        let stamp = Stamp {
            by: RecordId::from_random_bytes([1; 16]),
            at: 1_700_000_000_000,
            device: "d".into(),
        };
        let body = CaseNote {
            resident: RecordId::from_random_bytes([2; 16]),
            date: Date::parse_iso("2026-11-02").unwrap(),
            kind: NoteKind::IndividualCounselling,
            text: NoteText::Confidential(Restricted::Open(text.into())),
            follow_up: None,
        };
        Record::create(
            RecordId::from_random_bytes([3; 16]),
            RecordBody::CaseNote(body),
            &stamp,
        )
    }

    fn text(r: &Record) -> &Restricted<String> {
        match &r.body {
            Some(RecordBody::CaseNote(CaseNote {
                text: NoteText::Confidential(t),
                ..
            })) => t,
            _ => unreachable!(),
        }
    }

    #[test]
    fn a_sealed_field_opens_only_with_its_key_and_in_its_own_record() {
        let (key, other) = (Key::random().unwrap(), Key::random().unwrap());
        let mut r = note("dijual oleh kenalan");
        seal_record(&mut r, Some(&key)).unwrap();
        assert!(text(&r).is_sealed());
        let json = r.body.as_ref().unwrap().to_data_json();
        assert!(!json.contains("dijual"), "{json}");
        let (id, kind) = (r.meta.id.as_str(), r.meta.kind);
        assert_eq!(
            reveal(Some(&key), id, kind, text(&r)).unwrap(),
            "dijual oleh kenalan"
        );
        assert_eq!(
            reveal(Some(&other), id, kind, text(&r)),
            Err(StoreError::SealedElsewhere)
        );
        assert_eq!(
            reveal(None, id, kind, text(&r)),
            Err(StoreError::NoRestrictedKey)
        );
        // Moved into another record, it does not open.
        let elsewhere = RecordId::from_random_bytes([4; 16]);
        assert_eq!(
            reveal(Some(&key), elsewhere.as_str(), kind, text(&r)),
            Err(StoreError::SealedElsewhere)
        );
        // A holder's backup carries it open; without the key it stays sealed.
        let open = opened(&r, &key).unwrap().unwrap();
        assert_eq!(
            text(&open),
            &Restricted::Open("dijual oleh kenalan".to_string())
        );
        assert!(holds_open(&open) && !holds_open(&r));
        assert!(text(&opened(&r, &other).unwrap().unwrap()).is_sealed());
    }

    #[test]
    fn without_the_key_an_open_field_is_refused_and_a_sealed_one_carried() {
        let mut r = note("rahasia");
        let before = r.clone();
        assert_eq!(seal_record(&mut r, None), Err(StoreError::NoRestrictedKey));
        assert_eq!(r, before);
        let key = Key::random().unwrap();
        seal_record(&mut r, Some(&key)).unwrap();
        let sealed = r.clone();
        seal_record(&mut r, None).unwrap();
        assert_eq!(r, sealed, "a sealed field passes through untouched");
    }

    #[test]
    fn resealing_content_moves_every_field_to_the_new_key_in_the_text() {
        let (old, new) = (Key::random().unwrap(), Key::random().unwrap());
        let mut r = note("pertama");
        seal_record(&mut r, Some(&old)).unwrap();
        let content = crate::store::sealed_record::encode(&r);
        let (id, kind) = (r.meta.id.as_str(), r.meta.kind.as_str());
        let moved = reseal_content(&content, id, kind, &old, &new)
            .unwrap()
            .unwrap();
        let (back, _) = crate::store::sealed_record::decode(&crate::store::segment::Entry {
            id,
            kind,
            rev: r.meta.rev,
            updated: r.meta.updated_at as f64,
            deleted: false,
            content: &moved,
        })
        .unwrap();
        assert_eq!(
            reveal(Some(&new), id, r.meta.kind, text(&back)).unwrap(),
            "pertama"
        );
        assert!(reveal(Some(&old), id, r.meta.kind, text(&back)).is_err());
        assert_eq!(
            reseal_content(b"{\"schema\":3}", id, kind, &old, &new).unwrap(),
            None
        );
    }
}
