//! Piket: the chores (`/piket/tugas`), making a fair rota for a week or a month (`/piket`), and
//! one rota with its swaps, printed one week to an A4 page (`/piket/<id>`).

mod page;
mod rota;
pub mod texts;

use crate::domain::id::RecordId;
use crate::domain::rota::{Chore, ChoreRota};
use crate::ui::format;
use crate::ui::i18n::Texts;
use leptos::prelude::*;

super::lazy::pages!(
    daily,
    chores_pages,
    ["piket"] | ["piket", _],
    |path| match path {
        ["piket"] => view! { <page::RotasPage /> }.into_any(),
        ["piket", "tugas"] => view! { <page::ChoresPage /> }.into_any(),
        ["piket", id] => rota::rota_page(RecordId::parse(id)),
        _ => super::not_found(),
    }
);

pub fn describe_chore(t: &'static Texts, c: &Chore) -> Vec<(&'static str, String)> {
    let p = t.chores;
    vec![
        (p.f_name, c.name.clone()),
        (p.f_needs, c.needs.to_string()),
        (
            p.f_status,
            if c.retired { p.retired } else { p.in_force }.to_string(),
        ),
    ]
}

pub fn describe_rota(t: &'static Texts, r: &ChoreRota) -> Vec<(&'static str, String)> {
    let p = t.chores;
    vec![
        (
            p.col_period,
            format!(
                "{} – {}",
                format::date(r.from, &t.months),
                format::date(r.to, &t.months)
            ),
        ),
        (p.col_cohort, r.cohort.clone()),
        (p.col_swaps, r.swaps.len().to_string()),
    ]
}
