//! Klien: the register of residents (list and search, intake form, profile).

mod form;
mod list;
mod profile;

use super::NavEntry;
use crate::domain::identity_paper::IdentityPaper;
use crate::domain::photo::Photo;
use crate::domain::resident::Resident;
use crate::ui::format;
use crate::ui::i18n::Texts;
use form::{EditResidentPage, NewResidentPage};
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, MatchNestedRoutes};
use list::ResidentListPage;
use profile::ResidentProfilePage;

pub const NAV: NavEntry = NavEntry {
    href: "/klien",
    label: |t| t.nav_residents,
    exact: false,
    id: "nav-residents",
};

#[component(transparent)]
pub fn ResidentRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/klien") view=ResidentListPage />
        <Route path=path!("/klien/baru") view=NewResidentPage />
        <Route path=path!("/klien/:id") view=ResidentProfilePage />
        <Route path=path!("/klien/:id/ubah") view=EditResidentPage />
    }
    .into_inner()
}

pub fn describe_resident(t: &'static Texts, x: &Resident) -> Vec<(&'static str, String)> {
    let phone = x
        .contacts
        .iter()
        .map(|c| c.number.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let mut rows = vec![
        (t.f_full_name, x.full_name.clone()),
        (t.f_alias, x.alias.clone()),
        (
            t.f_birth_date,
            x.birth_date
                .map(|d| format::date(d, &t.months))
                .or(x.estimated_age.map(|a| format!("± {a}")))
                .unwrap_or_default(),
        ),
        (t.f_origin, x.origin_label()),
        (t.f_family_address, x.family_address.clone()),
        (t.f_phone_own, phone),
        (t.f_cohort, x.cohort.clone()),
        (t.f_intake_date, format::date(x.intake_date, &t.months)),
        (t.f_status, (t.status)(x.status).to_string()),
        (t.f_referral, (t.referral)(x.referral_source).to_string()),
    ];
    for (p, label) in [
        (IdentityPaper::Ktp, t.f_ktp),
        (IdentityPaper::Kk, t.f_kk),
        (IdentityPaper::BirthCertificate, t.f_birth_cert),
    ] {
        rows.push((label, (t.paper_status)(x.papers.get(p)).to_string()));
    }
    rows
}

pub fn describe_photo(t: &'static Texts, p: &Photo) -> Vec<(&'static str, String)> {
    vec![(
        t.f_photo,
        format!("{} KB", p.jpeg_base64.len() * 3 / 4 / 1024),
    )]
}
