//! Beranda: the numbers a head of unit looks at first.

mod page;
pub mod texts;

use super::NavEntry;
use leptos::prelude::*;
use page::DashboardPage;

pub const NAV: NavEntry = NavEntry {
    href: "/",
    label: |t| t.dashboard.nav_dashboard,
    exact: true,
    id: "nav-dashboard",
    section: None,
};

// `/`.
super::lazy::pages!(daily, dashboard_pages, [], |_path| {
    view! { <DashboardPage /> }.into_any()
});
