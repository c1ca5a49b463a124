//! Catatan akses: the record of who did what, for the head (filters, integrity, CSV).
//! Reached from Settings, not the menu.

mod page;
pub mod texts;

use leptos::prelude::*;

/// `/pengaturan/catatan-akses`.
pub fn route(path: &[&str]) -> Option<AnyView> {
    (path == ["pengaturan", "catatan-akses"]).then(|| view! { <page::AccessLogPage /> }.into_any())
}
