//! The page's side of the backup worker (`src/bin/backup_worker.rs`): a new worker for each
//! request, ended after it, so the memory scrypt took (128 MiB) goes with it and no two requests
//! ever share one. It also runs the vault's key derivations
//! (`WorkerKdf`).

use crate::store::backup::{self, BackupDocument, BackupError};
use crate::store::crypto::{CryptoError, Derivation, InPlace, Kdf, KdfParams};
use futures::channel::oneshot;
use js_sys::{Object, Reflect, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

/// Absolute: the app's pages have nested paths (/klien/...), the worker files sit at the root.
/// The release build names the files by their hash and says the name in
/// `<meta name="naungan-worker">` (tools/service-worker.mjs): a tab then never starts another
/// build's worker. Without it (a development server), Trunk's own name.
const LOADER: &str = "/backup_worker_loader.js";

fn loader() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=naungan-worker]").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .filter(|c| c.starts_with('/') && c.ends_with(".js"))
        .unwrap_or_else(|| LOADER.to_string())
}

fn unavailable(detail: impl std::fmt::Debug) -> BackupError {
    web_sys::console::error_1(&format!("backup worker: {detail:?}").into());
    BackupError::CannotEncrypt
}

/// Waits for the next message from the worker.
async fn next_message(worker: &Worker) -> JsValue {
    let (tx, rx) = oneshot::channel::<JsValue>();
    let tx = RefCell::new(Some(tx));
    let on = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        if let Some(tx) = tx.borrow_mut().take() {
            let _ = tx.send(e.data());
        }
    });
    worker.set_onmessage(Some(on.as_ref().unchecked_ref()));
    let data = rx.await.unwrap_or(JsValue::UNDEFINED);
    worker.set_onmessage(None);
    drop(on);
    data
}

/// A new worker, once it says it is ready.
async fn start() -> Result<Worker, BackupError> {
    let w = Worker::new(&loader()).map_err(unavailable)?;
    let first = next_message(&w).await;
    if first.as_string().as_deref() != Some("ready") {
        w.terminate();
        return Err(unavailable(first));
    }
    Ok(w)
}

async fn call(op: &str, bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, BackupError> {
    call_with(op, bytes, &[("passphrase", passphrase)]).await
}

async fn call_with(
    op: &str,
    bytes: &[u8],
    fields: &[(&str, &str)],
) -> Result<Vec<u8>, BackupError> {
    let w = start().await?;
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"op".into(), &op.into());
    let sent = Uint8Array::from(bytes);
    let _ = Reflect::set(&msg, &"bytes".into(), &sent);
    for (k, v) in fields {
        let _ = Reflect::set(&msg, &(*k).into(), &(*v).into());
    }
    let reply_fut = next_message(&w);
    if let Err(e) = w.post_message(&msg) {
        w.terminate();
        return Err(unavailable(e));
    }
    let reply = reply_fut.await;
    sent.fill(0, 0, sent.length());
    // Ended after each request: its memory (scrypt's 128 MiB) is given back.
    w.terminate();
    if Reflect::get(&reply, &"ok".into())
        .ok()
        .and_then(|v| v.as_bool())
        == Some(true)
    {
        let got = Uint8Array::new(&Reflect::get(&reply, &"bytes".into()).map_err(unavailable)?);
        let out = got.to_vec();
        // What came back may be a key or a backup's plaintext: not left in the JS heap.
        got.fill(0, 0, got.length());
        Ok(out)
    } else {
        let e = Reflect::get(&reply, &"error".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        Err(serde_json::from_str(&e).unwrap_or(BackupError::CannotEncrypt))
    }
}

/// A backup file's bytes for this document.
pub async fn encrypt(doc: &BackupDocument, passphrase: &str) -> Result<Vec<u8>, BackupError> {
    call("seal", &backup::serialize(doc), passphrase).await
}

/// The document in a backup file, checked.
pub async fn decrypt(bytes: &[u8], passphrase: &str) -> Result<BackupDocument, BackupError> {
    backup::check_size(bytes.len() as u64)?;
    let plain = zeroize::Zeroizing::new(call("open", bytes, passphrase).await?);
    backup::parse(&plain)
}

/// The vault's key derivations, run in the worker (see `crypto::Kdf`). If the worker cannot
/// run, the derivation runs in the page instead: slower to give memory back, never locked out.
pub struct WorkerKdf;

impl Kdf for WorkerKdf {
    fn derive<'a>(&'a self, params: &'a KdfParams, secret: &'a [u8]) -> Derivation<'a> {
        Box::pin(async move {
            let json = serde_json::to_string(params).map_err(|_| CryptoError::BadParams)?;
            match call_with("kdf", secret, &[("params", &json)]).await {
                Ok(bytes) => {
                    let bytes = zeroize::Zeroizing::new(bytes);
                    Ok(bytes)
                }
                Err(_) => InPlace.derive(params, secret).await,
            }
        })
    }
}
