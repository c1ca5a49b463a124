//! Turns a chosen picture into the small JPEG a photo record keeps: decoded by the browser,
//! cropped to portrait and scaled on a canvas. Nothing leaves the browser.

use crate::domain::photo::{HEIGHT, WIDTH};
use futures::channel::oneshot;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub const MAX_INPUT_BYTES: f64 = 15.0 * 1024.0 * 1024.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoError {
    TooLarge,
    NotAnImage,
}

/// The JPEG, as base64, of `file` cropped to WIDTH×HEIGHT (centre) and scaled.
pub async fn to_jpeg_base64(file: &web_sys::File) -> Result<String, PhotoError> {
    if file.size() > MAX_INPUT_BYTES {
        return Err(PhotoError::TooLarge);
    }
    let url =
        web_sys::Url::create_object_url_with_blob(file).map_err(|_| PhotoError::NotAnImage)?;
    let img = web_sys::HtmlImageElement::new().map_err(|_| PhotoError::NotAnImage)?;
    let (tx, rx) = oneshot::channel::<bool>();
    let tx = std::rc::Rc::new(RefCell::new(Some(tx)));
    let (ok_tx, err_tx) = (tx.clone(), tx);
    let on_load = Closure::<dyn FnMut()>::new(move || {
        if let Some(t) = ok_tx.borrow_mut().take() {
            let _ = t.send(true);
        }
    });
    let on_error = Closure::<dyn FnMut()>::new(move || {
        if let Some(t) = err_tx.borrow_mut().take() {
            let _ = t.send(false);
        }
    });
    img.set_onload(Some(on_load.as_ref().unchecked_ref()));
    img.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    img.set_src(&url);
    let loaded = rx.await.unwrap_or(false);
    let _ = web_sys::Url::revoke_object_url(&url);
    if !loaded || img.natural_width() == 0 || img.natural_height() == 0 {
        return Err(PhotoError::NotAnImage);
    }
    let (w, h) = (
        f64::from(img.natural_width()),
        f64::from(img.natural_height()),
    );
    let target = f64::from(WIDTH) / f64::from(HEIGHT);
    // Centre crop to the target aspect ratio.
    let (sw, sh) = if w / h > target {
        (h * target, h)
    } else {
        (w, w / target)
    };
    let (sx, sy) = ((w - sw) / 2.0, (h - sh) / 2.0);
    let canvas: web_sys::HtmlCanvasElement = leptos::prelude::document()
        .create_element("canvas")
        .map_err(|_| PhotoError::NotAnImage)?
        .unchecked_into();
    canvas.set_width(WIDTH);
    canvas.set_height(HEIGHT);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or(PhotoError::NotAnImage)?
        .unchecked_into();
    ctx.draw_image_with_html_image_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
        &img,
        sx,
        sy,
        sw,
        sh,
        0.0,
        0.0,
        f64::from(WIDTH),
        f64::from(HEIGHT),
    )
    .map_err(|_| PhotoError::NotAnImage)?;
    let data_url = canvas
        .to_data_url_with_type_and_encoder_options("image/jpeg", &JsValue::from(0.82))
        .map_err(|_| PhotoError::NotAnImage)?;
    data_url
        .strip_prefix("data:image/jpeg;base64,")
        .map(str::to_string)
        .ok_or(PhotoError::NotAnImage)
}
