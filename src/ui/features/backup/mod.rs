//! Cadangan: encrypted backup files, and merging another laptop's.

mod page;
pub mod preview;
pub mod texts;

use super::NavEntry;
use leptos::prelude::*;
pub use page::last_backup;
use page::BackupPage;

pub const NAV: NavEntry = NavEntry {
    href: "/cadangan",
    label: |t| t.backup.nav_backup,
    exact: false,
    id: "nav-backup",
    section: None,
};

// `/cadangan`.
super::lazy::pages!(office, backup_pages, ["cadangan"], |_path| {
    view! { <BackupPage /> }.into_any()
});
