//! Petugas: the staff list (head and admin), each member's passphrase on this laptop, and one's
//! own passphrase. Reached from Settings, not the menu.

mod page;
pub mod texts;

use leptos::prelude::*;

pub use page::OwnPassphrase;

/// `/pengaturan/petugas`.
pub fn route(path: &[&str]) -> Option<AnyView> {
    (path == ["pengaturan", "petugas"]).then(|| view! { <page::StaffPage /> }.into_any())
}
