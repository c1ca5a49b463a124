//! Files the user saves and picks: the only way anything leaves or enters the browser.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Offers `bytes` as a download named `name` (the browser saves it, usually in Downloads).
pub fn download(name: &str, bytes: &[u8]) -> Result<(), String> {
    let array = Uint8Array::from(bytes);
    let parts = Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/octet-stream");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
        .map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let doc = leptos::prelude::document();
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.style().set_property("display", "none").ok();
    doc.body()
        .ok_or("no body")?
        .append_child(&a)
        .map_err(|e| format!("{e:?}"))?;
    a.click();
    a.remove();
    // Give the browser a moment to start the download before the URL goes.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// The first file chosen in a file input, with its name and size.
pub fn chosen_file(input_id: &str) -> Option<web_sys::File> {
    let el = leptos::prelude::document().get_element_by_id(input_id)?;
    let input: web_sys::HtmlInputElement = el.dyn_into().ok()?;
    input.files()?.get(0)
}

pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buf = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(Uint8Array::new(&buf).to_vec())
}
