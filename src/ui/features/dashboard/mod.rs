//! Beranda: the numbers a head of unit looks at first.

mod page;

use super::NavEntry;
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};
use page::DashboardPage;

pub const NAV: NavEntry = NavEntry {
    href: "/",
    label: |t| t.nav_dashboard,
    exact: true,
    id: "nav-dashboard",
};

#[component(transparent)]
pub fn DashboardRoutes() -> impl MatchNestedRoutes + Clone {
    view! { <Route path=path!("/") view=DashboardPage /> }.into_inner()
}
