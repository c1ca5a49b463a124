//! Klien: the register of residents (list and search, intake form, profile) and their cohorts.

mod cohorts;
mod form;
mod list;
mod profile;
pub mod texts;

use super::NavEntry;
use crate::domain::id::RecordId;
use crate::domain::identity_paper::IdentityPaper;
use crate::domain::photo::Photo;
use crate::domain::resident::Resident;
use crate::ui::format;
use crate::ui::i18n::Texts;
pub use cohorts::CohortOccupancy;
use form::{EditResidentPage, NewResidentPage};
use leptos::prelude::*;
use list::ResidentListPage;
use profile::ResidentProfilePage;

pub const NAV: NavEntry = NavEntry {
    href: "/klien",
    label: |t| t.residents.nav_residents,
    exact: false,
    id: "nav-residents",
    section: None,
};

/// `/klien`, `/klien/baru`, `/klien/<id>`, `/klien/<id>/ubah`, `/angkatan`. An id that is not a resident's
/// (not an id at all, or another kind's) shows "not found" on the page.
/// Whether the signed-in role may register and change residents.
fn writer() -> bool {
    crate::ui::session::may(crate::domain::permissions::Section::Identity, true)
}

super::lazy::pages!(
    daily,
    residents_pages,
    ["klien"] | ["angkatan"] | ["klien", _] | ["klien", _, "ubah"],
    |path| {
        let id = |s: &str| RecordId::parse(s);
        match path {
            ["klien"] => view! { <ResidentListPage /> }.into_any(),
            ["angkatan"] => view! { <cohorts::CohortsPage /> }.into_any(),
            ["klien", "baru"] if !writer() => super::restricted_page(),
            ["klien", "baru"] => view! { <NewResidentPage /> }.into_any(),
            ["klien", x] => view! { <ResidentProfilePage id=id(x) /> }.into_any(),
            ["klien", _, "ubah"] if !writer() => super::restricted_page(),
            ["klien", x, "ubah"] => view! { <EditResidentPage id=id(x) /> }.into_any(),
            _ => super::not_found(),
        }
    }
);

pub fn describe_resident(t: &'static Texts, x: &Resident) -> Vec<(&'static str, String)> {
    let phone = x
        .contacts
        .iter()
        .map(|c| c.number.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let mut rows = vec![
        (t.residents.f_full_name, x.full_name.clone()),
        (t.residents.f_alias, x.alias.clone()),
        (
            t.residents.f_birth_date,
            x.birth_date
                .map(|d| format::date(d, &t.months))
                .or(x.estimated_age.map(|a| format!("± {a}")))
                .unwrap_or_default(),
        ),
        (t.residents.f_origin, x.origin_label()),
        (t.residents.f_family_address, x.family_address.clone()),
        (t.residents.f_phone_own, phone),
        (t.residents.f_cohort, x.cohort.clone()),
        (
            t.residents.f_intake_date,
            format::date(x.intake_date, &t.months),
        ),
        (t.f_status, (t.status)(x.status()).to_string()),
        (t.case.col_stage, (t.case.stage_long)(x.stage).to_string()),
        (t.case.f_register_no, x.register_no.clone()),
        (
            t.residents.f_referral,
            (t.referral)(x.referral_source).to_string(),
        ),
    ];
    for (p, label) in [
        (IdentityPaper::Ktp, t.residents.f_ktp),
        (IdentityPaper::Kk, t.residents.f_kk),
        (IdentityPaper::BirthCertificate, t.residents.f_birth_cert),
    ] {
        rows.push((label, (t.paper_status)(x.papers.get(p)).to_string()));
    }
    rows
}

pub fn describe_photo(t: &'static Texts, p: &Photo) -> Vec<(&'static str, String)> {
    vec![(
        t.residents.f_photo,
        format!("{} KB", p.jpeg_base64.len() * 3 / 4 / 1024),
    )]
}
