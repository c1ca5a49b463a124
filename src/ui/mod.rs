//! Pages and components (Leptos). Depends on `domain` and `store`; `store` hands it opened
//! records only.
//!
//! Architecture Invariant: nothing here touches IndexedDB, keys or ciphertext, and nothing here
//! opens a network connection (no fetch, no websocket, no remote asset).

pub mod app;
pub mod backup_worker;
mod components;
mod features;
pub mod files;
pub mod format;
mod gate;
pub mod i18n;
pub mod offline;
pub mod photo;
pub mod preferences;
mod session;
pub mod storage;
