//! Pengaturan: the shelter, its staff, language, auto-lock, and where the data lives.

mod dev_tools;
mod page;
pub mod texts;

use super::NavEntry;
use crate::domain::shelter::Shelter;
use crate::domain::staff::StaffMember;
use crate::ui::i18n::Texts;
use leptos::prelude::*;
use page::SettingsPage;

pub const NAV: NavEntry = NavEntry {
    href: "/pengaturan",
    label: |t| t.settings.nav_settings,
    exact: false,
    id: "nav-settings",
    section: None,
};

// `/pengaturan`.
super::lazy::pages!(office, settings_pages, ["pengaturan"], |_path| {
    view! { <SettingsPage /> }.into_any()
});

pub fn describe_shelter(t: &'static Texts, s: &Shelter) -> Vec<(&'static str, String)> {
    vec![(t.shelter_name, s.name.clone())]
}

pub fn describe_staff(t: &'static Texts, s: &StaffMember) -> Vec<(&'static str, String)> {
    vec![
        (t.admin_name, s.name.clone()),
        (t.admin_role, (t.role)(s.role).to_string()),
    ]
}
