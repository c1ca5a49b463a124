//! Whether the browser keeps this site's storage (IndexedDB) for good or may clear it when the
//! disk is short, and how much it uses: `navigator.storage` (persist, persisted, estimate).

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// What the browser says about this site's storage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StorageStatus {
    /// Kept for good (never cleared to free space without the user's say).
    pub persisted: bool,
    /// Bytes used and allowed, where the browser tells.
    pub usage: Option<f64>,
    pub quota: Option<f64>,
}

fn manager() -> Option<web_sys::StorageManager> {
    Some(web_sys::window()?.navigator().storage())
}

async fn boolean(p: Result<js_sys::Promise, JsValue>) -> Option<bool> {
    JsFuture::from(p.ok()?).await.ok()?.as_bool()
}

/// Asks the browser to keep this site's storage (after set-up and restore). Returns whether it
/// does now; `None` where the browser cannot say.
pub async fn ask_to_keep() -> Option<bool> {
    let m = manager()?;
    boolean(m.persist()).await
}

pub async fn status() -> Option<StorageStatus> {
    let m = manager()?;
    let persisted = boolean(m.persisted()).await?;
    let estimate = match m.estimate() {
        Ok(p) => JsFuture::from(p).await.ok(),
        Err(_) => None,
    };
    let number = |k: &str| {
        estimate
            .as_ref()
            .and_then(|e| js_sys::Reflect::get(e, &k.into()).ok())
            .and_then(|v| v.as_f64())
    };
    Some(StorageStatus {
        persisted,
        usage: number("usage"),
        quota: number("quota"),
    })
}

/// The status, once the browser has told it (`None` until then, or where it cannot tell: then
/// `Some(None)`).
pub fn status_signal() -> leptos::prelude::RwSignal<Option<Option<StorageStatus>>> {
    use leptos::prelude::*;
    let s = RwSignal::new(None);
    leptos::task::spawn_local(async move { s.set(Some(status().await)) });
    s
}

/// Bytes the Indonesian way: "1,2 MB", "10 GB".
pub fn size(bytes: f64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut v = bytes.max(0.0);
    let mut u = 0;
    while v >= 1000.0 && u < UNITS.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    // In whole tenths: no float formatting (it is kilobytes of WebAssembly).
    let tenths = (v * 10.0).round() as u64;
    let text = if tenths < 100 && u > 0 {
        format!("{},{}", tenths / 10, tenths % 10)
    } else {
        ((tenths + 5) / 10).to_string()
    };
    format!("{text} {}", UNITS[u])
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn sizes_read_the_indonesian_way() {
        assert_eq!(size(0.0), "0 B");
        assert_eq!(size(950.0), "950 B");
        assert_eq!(size(1_234_567.0), "1,2 MB");
        assert_eq!(size(45_600_000.0), "46 MB");
        assert_eq!(size(10_000_000_000.0), "10 GB");
    }
}
