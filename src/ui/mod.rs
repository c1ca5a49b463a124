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

/// Benchmarks only: mounts a resident's timeline page into `el`, as the app shows it (its
/// context and a router around it), over vault `v` if given (else the one given before);
/// dropping what it returns unmounts it.
#[cfg(feature = "bench")]
pub fn bench_mount_timeline(
    el: web_sys::HtmlElement,
    v: Option<crate::store::Vault>,
    resident: crate::domain::id::RecordId,
) -> Box<dyn std::any::Any> {
    use leptos::prelude::*;
    if let Some(v) = v {
        session::set_vault(v);
    }
    Box::new(leptos::mount::mount_to(el, move || {
        provide_context(session::AppState::new());
        view! {
            <leptos_router::components::Router>
                <features::casework::TimelinePage id=Some(resident.clone()) />
            </leptos_router::components::Router>
        }
    }))
}
