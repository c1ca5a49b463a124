//! Mitra: the partner directory with its agreements (`/mitra`); on a resident's profile her
//! consents to share and her referrals; a new referral (`/klien/<id>/rujukan-baru`, with
//! `/<partner kind>` when an assessment flag opens it pre-filled); a referral with its status
//! moves (`/rujukan/<id>`) and its letter on A4 (`/rujukan/<id>/surat`); the expiring MoUs and
//! unanswered referrals on the dashboard and the task list.

mod directory;
mod letter;
mod panel;
mod referral;
pub mod texts;

use super::NavEntry;
use crate::domain::date::Date;
use crate::domain::id::RecordId;
use crate::domain::referral::{Consent, Partner, PartnerKind, Referral};
use crate::domain::resident::Resident;
use crate::domain::sorting;
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::vault;
use leptos::prelude::*;
use leptos_router::components::A;
pub use panel::ReferralsPanel;

pub const NAV: NavEntry = NavEntry {
    href: "/mitra",
    label: |t| t.partners.nav,
    exact: false,
    id: "nav-partners",
    section: None,
};

super::lazy::pages!(
    daily,
    partners_pages,
    ["mitra"]
        | ["klien", _, "rujukan-baru"]
        | ["klien", _, "rujukan-baru", _]
        | ["rujukan", _]
        | ["rujukan", _, "surat"],
    |path| match path {
        ["mitra"] => view! { <directory::DirectoryPage /> }.into_any(),
        ["klien", x, "rujukan-baru"] => referral::new_referral_page(RecordId::parse(x), None),
        ["klien", x, "rujukan-baru", kind] => {
            referral::new_referral_page(RecordId::parse(x), kind_of_code(kind))
        }
        ["rujukan", x] => referral::referral_page(RecordId::parse(x)),
        ["rujukan", x, "surat"] => letter::letter_page(RecordId::parse(x)),
        _ => super::not_found(),
    }
);

/// A partner kind as an address names it (`dukcapil`, `police_ppa`).
pub fn kind_code(k: PartnerKind) -> String {
    crate::domain::code_of(k)
}

fn kind_of_code(code: &str) -> Option<PartnerKind> {
    PartnerKind::ALL.into_iter().find(|k| kind_code(*k) == code)
}

/// Every partner, by name.
fn partners() -> Vec<(RecordId, Partner)> {
    let mut out: Vec<(RecordId, Partner)> = vault()
        .read(|ix| {
            ix.all::<Partner>()
                .map(|l| (l.meta.id.clone(), l.body.clone()))
                .collect()
        })
        .unwrap_or_default();
    sorting::sort_by(&mut out, |a, b| a.1.name.cmp(&b.1.name));
    out
}

fn partner_name(id: &RecordId) -> String {
    vault()
        .read(|ix| ix.get::<Partner>(id).map(|l| l.body.name.clone()))
        .ok()
        .flatten()
        .unwrap_or_default()
}

fn date(t: &'static Texts, d: Date) -> String {
    format::date(d, &t.months)
}

pub fn describe_partner(t: &'static Texts, p: &Partner) -> Vec<(&'static str, String)> {
    let x = t.partners;
    vec![
        (x.col_name, p.name.clone()),
        (x.col_kind, (x.kind)(p.kind).to_string()),
        (
            x.col_mou,
            p.agreement
                .map(|a| format!("{} – {}", date(t, a.start), date(t, a.end)))
                .unwrap_or(x.mou_none.to_string()),
        ),
    ]
}

pub fn describe_consent(t: &'static Texts, c: &Consent) -> Vec<(&'static str, String)> {
    let x = t.partners;
    vec![
        (x.col_date, date(t, c.date)),
        (x.col_partner, partner_name(&c.partner)),
        (
            x.col_shares,
            c.shares
                .iter()
                .map(|s| (x.shared)(*s))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            x.col_state,
            c.withdrawn
                .map(|w| fill(x.consent_withdrawn, &[("date", &date(t, w))]))
                .unwrap_or(x.consent_in_force.to_string()),
        ),
    ]
}

pub fn describe_referral(t: &'static Texts, r: &Referral) -> Vec<(&'static str, String)> {
    let x = t.partners;
    let mut out = vec![
        (x.col_date, date(t, r.date)),
        (x.col_partner, partner_name(&r.partner)),
        (x.col_status, (x.status)(r.status()).to_string()),
        (x.f_rf_reason, r.reason.clone()),
    ];
    if !r.override_reason.is_empty() {
        out.push((
            x.f_rf_override,
            fill(x.override_shown, &[("reason", &r.override_reason)]),
        ));
    }
    out
}

/// The dashboard's lines: agreements ending within 60 days, and referrals sent and not
/// answered by their expected date (with the resident each is about, for the link).
pub fn alerts(t: &'static Texts, today: Date) -> Vec<(Option<RecordId>, String)> {
    let x = t.partners;
    let mut out: Vec<(Option<RecordId>, String)> = partners()
        .into_iter()
        .filter_map(|(_, p)| {
            let a = p.agreement?;
            a.expiring(today).then(|| {
                (
                    None,
                    fill(
                        x.dash_expiring,
                        &[("partner", &p.name), ("date", &date(t, a.end))],
                    ),
                )
            })
        })
        .collect();
    out.extend(overdue(today).into_iter().map(|(r, name, partner, _)| {
        let line = fill(
            x.dash_overdue,
            &[
                ("name", &name),
                ("partner", &partner),
                ("date", &date(t, r.expected_response)),
            ],
        );
        (Some(r.resident), line)
    }));
    out
}

/// Referrals overdue: the referral, her name, the partner's, and who made it.
fn overdue(today: Date) -> Vec<(Referral, String, String, RecordId)> {
    vault()
        .read(|ix| {
            ix.all::<Referral>()
                .filter(|l| l.body.overdue(today))
                .map(|l| {
                    let name = ix
                        .get::<Resident>(&l.body.resident)
                        .map(|r| r.body.full_name.clone())
                        .unwrap_or_default();
                    let partner = ix
                        .get::<Partner>(&l.body.partner)
                        .map(|p| p.body.name.clone())
                        .unwrap_or_default();
                    (l.body.clone(), name, partner, l.body.by.clone())
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The signed-in member's unanswered referrals, for "Tugas saya": (resident, her name, the
/// line, overdue).
pub fn task_lines(t: &'static Texts, me: &RecordId) -> Vec<(RecordId, String, String, bool)> {
    overdue(crate::store::clock::today())
        .into_iter()
        .filter(|(_, _, _, by)| by == me)
        .map(|(r, name, partner, _)| {
            let line = fill(
                t.partners.task_overdue,
                &[
                    ("name", &name),
                    ("partner", &partner),
                    ("date", &date(t, r.expected_response)),
                ],
            );
            (r.resident, name, line, true)
        })
        .collect()
}

/// The dashboard's card of expiring agreements and unanswered referrals (nothing when there
/// are none, or for a role that may not read casework).
#[component]
pub fn PartnerAlerts() -> impl IntoView {
    let app = crate::ui::session::use_app();
    let t = crate::ui::session::use_texts();
    move || {
        app.data_version.track();
        if !crate::ui::session::may(crate::domain::permissions::Section::CaseNotes, false) {
            return ().into_any();
        }
        let lines = alerts(t, crate::store::clock::today());
        if lines.is_empty() {
            return ().into_any();
        }
        view! {
            <section class="card" id="partner-alerts">
                <h2>{t.partners.dash_title}</h2>
                <ul class="plain">
                    {lines.into_iter().map(|(rid, line)| match rid {
                        Some(r) => view! { <li class="alert"><A href=format!("/klien/{r}")>{line}</A></li> }.into_any(),
                        None => view! { <li class="alert">{line}</li> }.into_any(),
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any()
    }
}
