//! Catatan akses: the record of who did what, for the head (filters, integrity, CSV).
//! Reached from Settings, not the menu.

mod page;
pub mod texts;

use leptos::prelude::*;

// `/pengaturan/catatan-akses`.
super::lazy::pages!(
    office,
    access_log_pages,
    ["pengaturan", "catatan-akses"],
    |_path| view! {
        <page::AccessLogPage />
    }
    .into_any()
);
