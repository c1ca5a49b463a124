//! The backup worker: age encryption and decryption (scrypt at 2^17, a second or so) off the
//! page's thread, in its own wasm that is loaded only when a backup is made or opened. This keeps
//! the page responsive, and keeps the age crate out of the app's first load.
//!
//! It also runs the vault's key derivations (scrypt, 128 MiB): a page's WebAssembly memory never
//! shrinks, a worker's goes when the page ends the worker, after each request.
//!
//! Message in: `{ op: "seal" | "open", bytes: Uint8Array, passphrase: string }`, or
//! `{ op: "kdf", params: "<KdfParams as JSON>", bytes: Uint8Array (the secret) }`.
//! Message out: `{ ok: true, bytes: Uint8Array }` or `{ ok: false, error: "<BackupError as JSON>" }`.

use js_sys::{Object, Reflect, Uint8Array};
use naungan::store::backup;
use naungan::store::crypto::KdfParams;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn handle(data: &JsValue) -> Result<Vec<u8>, backup::BackupError> {
    let op = Reflect::get(data, &"op".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let pass = Reflect::get(data, &"passphrase".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let bytes = Reflect::get(data, &"bytes".into())
        .map(|v| Uint8Array::new(&v).to_vec())
        .unwrap_or_default();
    match op.as_str() {
        "kdf" => {
            let params = Reflect::get(data, &"params".into())
                .ok()
                .and_then(|v| v.as_string())
                .and_then(|p| serde_json::from_str::<KdfParams>(&p).ok())
                .ok_or(backup::BackupError::CannotEncrypt)?;
            let key = params
                .derive(&bytes)
                .map_err(|_| backup::BackupError::CannotEncrypt)?;
            Ok(key.bytes().to_vec())
        }
        "seal" => backup::seal_bytes(&bytes, &pass),
        "open" => backup::open_bytes(&bytes, &pass).map(|p| p.to_vec()),
        _ => Err(backup::BackupError::NotABackup),
    }
}

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let reply = Object::new();
        match handle(&e.data()) {
            Ok(bytes) => {
                let _ = Reflect::set(&reply, &"ok".into(), &true.into());
                let _ = Reflect::set(&reply, &"bytes".into(), &Uint8Array::from(&bytes[..]));
            }
            Err(err) => {
                let _ = Reflect::set(&reply, &"ok".into(), &false.into());
                let _ = Reflect::set(
                    &reply,
                    &"error".into(),
                    &serde_json::to_string(&err).unwrap_or_default().into(),
                );
            }
        }
        let _ = reply_to.post_message(&reply);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Tell the page the worker is ready for messages.
    let _ = scope.post_message(&"ready".into());
}
