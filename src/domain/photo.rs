//! A resident's photo: a small JPEG (made in the browser from the chosen picture), kept as its
//! own record so lists and search never carry image bytes.

use super::id::RecordId;
use serde::{Deserialize, Serialize};

/// Base64 of a JPEG of at most about 150 KB.
pub const MAX_BASE64_LEN: usize = 200_000;
/// The size the browser scales photos to (portrait, like a passport photo).
pub const WIDTH: u32 = 240;
pub const HEIGHT: u32 = 300;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    pub resident: RecordId,
    pub jpeg_base64: String,
}

impl Photo {
    /// `None` unless it is base64 of a JPEG (which begins FF D8 FF, "/9j/" in base64) of
    /// acceptable size.
    pub fn new(resident: RecordId, jpeg_base64: String) -> Option<Photo> {
        let ok = jpeg_base64.starts_with("/9j/")
            && jpeg_base64.len() <= MAX_BASE64_LEN
            && jpeg_base64
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=');
        ok.then_some(Photo {
            resident,
            jpeg_base64,
        })
    }

    pub fn data_url(&self) -> String {
        format!("data:image/jpeg;base64,{}", self.jpeg_base64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_small_jpegs_in_base64() {
        let id = RecordId::from_random_bytes([1; 16]);
        assert!(Photo::new(id.clone(), "/9j/4AAQSkZJRg==".into()).is_some());
        assert!(
            Photo::new(id.clone(), "iVBORw0KGgo=".into()).is_none(),
            "a PNG"
        );
        assert!(Photo::new(id.clone(), "/9j/<script>".into()).is_none());
        assert!(Photo::new(id.clone(), format!("/9j/{}", "A".repeat(MAX_BASE64_LEN))).is_none());
        assert_eq!(
            Photo::new(id, "/9j/AA==".into()).unwrap().data_url(),
            "data:image/jpeg;base64,/9j/AA=="
        );
    }
}
