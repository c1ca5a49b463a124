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
};

/// `/cadangan`.
pub fn route(path: &[&str]) -> Option<AnyView> {
    (path == ["cadangan"]).then(|| view! { <BackupPage /> }.into_any())
}
