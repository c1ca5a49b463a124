//! Cadangan: encrypted backup files, and merging another laptop's.

mod page;
pub mod preview;

use super::NavEntry;
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};
pub use page::last_backup;
use page::BackupPage;

pub const NAV: NavEntry = NavEntry {
    href: "/cadangan",
    label: |t| t.nav_backup,
    exact: false,
    id: "nav-backup",
};

#[component(transparent)]
pub fn BackupRoutes() -> impl MatchNestedRoutes + Clone {
    view! { <Route path=path!("/cadangan") view=BackupPage /> }.into_inner()
}
