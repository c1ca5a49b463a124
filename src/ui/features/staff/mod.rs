//! Petugas: the staff list (head and admin), each member's passphrase on this laptop, and one's
//! own passphrase. Reached from Settings, not the menu.

mod page;
pub mod texts;

use leptos::prelude::*;

pub use page::OwnPassphrase;

// `/pengaturan/petugas`.
super::lazy::pages!(office, staff_pages, ["pengaturan", "petugas"], |_path| {
    view! { <page::StaffPage /> }.into_any()
});
