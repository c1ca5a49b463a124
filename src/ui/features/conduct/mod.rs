//! Tata tertib: the house rules with their graduated sanctions (`/tata-tertib`), and on a
//! resident's profile her conduct: violations with the sanction her history suggests, and good
//! conduct noted.

mod panel;
mod rules;
pub mod texts;

use crate::domain::conduct::{ConductEntry, HouseRule};
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::vault;
use leptos::prelude::*;
pub use panel::ConductPanel;

// `/tata-tertib`.
super::lazy::pages!(daily, conduct_pages, ["tata-tertib"], |_path| {
    view! { <rules::RulesPage /> }.into_any()
});

/// What an entry is, in a line: "Pelanggaran: <rule>" or "Perilaku baik".
pub fn entry_label(t: &'static Texts, e: &ConductEntry) -> String {
    match &e.violation {
        None => t.conduct.positive.to_string(),
        Some(v) => {
            let rule = vault()
                .read(|ix| ix.get::<HouseRule>(&v.rule).map(|l| l.body.title.clone()))
                .ok()
                .flatten()
                .unwrap_or_default();
            fill(t.conduct.violation_of, &[("rule", &rule)])
        }
    }
}

/// The sanction given, and where it was not the suggested one, which was and why.
pub fn sanction_line(t: &'static Texts, e: &ConductEntry) -> String {
    let Some(v) = &e.violation else {
        return String::new();
    };
    if v.sanction == v.suggested {
        return v.sanction_text.clone();
    }
    let suggested = vault()
        .read(|ix| {
            ix.get::<HouseRule>(&v.rule)
                .and_then(|l| l.body.sanctions.get(v.suggested).cloned())
        })
        .ok()
        .flatten()
        .unwrap_or_default();
    fill(
        t.conduct.changed_from,
        &[
            ("sanction", &v.sanction_text),
            ("suggested", &suggested),
            ("reason", &v.reason),
        ],
    )
}

pub fn describe_rule(t: &'static Texts, r: &HouseRule) -> Vec<(&'static str, String)> {
    let c = t.conduct;
    vec![
        (c.f_title, r.title.clone()),
        (c.f_sanctions, r.sanctions.join(" → ")),
        (
            c.f_status,
            if r.retired { c.retired } else { c.in_force }.to_string(),
        ),
    ]
}

pub fn describe_conduct(t: &'static Texts, e: &ConductEntry) -> Vec<(&'static str, String)> {
    let c = t.conduct;
    vec![
        (t.f_date, format::date(e.date, &t.months)),
        (c.col_entry, entry_label(t, e)),
        (c.f_what, e.what.clone()),
        (c.col_sanction, sanction_line(t, e)),
    ]
}
