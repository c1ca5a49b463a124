//! Anggaran (`/anggaran`, the head and admin only): a fiscal year's budget lines with their
//! realisation, the expenses booked on them, and the costs the province asks for, each saying
//! how it was computed (`domain/budget.rs`).

mod page;
pub mod texts;

use super::NavEntry;
use crate::domain::budget::BudgetLine;
use crate::domain::permissions::Section;
use crate::ui::format;
use crate::ui::i18n::Texts;
use leptos::prelude::*;

pub const NAV: NavEntry = NavEntry {
    href: "/anggaran",
    label: |t| t.budget.nav,
    exact: false,
    id: "nav-budget",
    section: Some(Section::Budget),
};

// `/anggaran`.
super::lazy::pages!(office, budget_pages, ["anggaran"], |_path| {
    view! { <page::BudgetPage /> }.into_any()
});

pub fn describe_line(t: &'static Texts, l: &BudgetLine) -> Vec<(&'static str, String)> {
    let b = t.budget;
    vec![
        (b.f_year, l.year.to_string()),
        (b.col_programme, (b.programme)(l.programme).to_string()),
        (b.col_line, l.name.clone()),
        (b.col_planned, format::rupiah(l.planned as i64)),
    ]
}
