//! The app's features. Each folder owns its pages, its routes, its menu entry and how its
//! records are described when two versions conflict; this file registers them, once each.

pub mod access_log;
pub mod backup;
pub mod budget;
pub mod casework;
pub mod chores;
pub mod conduct;
pub mod dashboard;
pub mod guidance;
pub mod lazy;
pub mod partners;
pub mod residents;
pub mod settings;
pub mod staff;
pub mod vocational;

use crate::domain::record::RecordBody;
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::use_texts;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};

/// One entry of the menu.
pub struct NavEntry {
    pub href: &'static str,
    pub label: fn(&Texts) -> &'static str,
    /// Current only on its own path, not on the paths below it (the dashboard, at `/`).
    pub exact: bool,
    pub id: &'static str,
    /// Shown only to the roles that may read this section (`None`: to everyone).
    pub section: Option<crate::domain::permissions::Section>,
}

/// The menu, in order.
pub const NAV: &[NavEntry] = &[
    dashboard::NAV,
    residents::NAV,
    guidance::NAV,
    partners::NAV,
    budget::NAV,
    backup::NAV,
    settings::NAV,
];

/// A feature's routes: the page for a path (its segments), if the path is the feature's.
pub type Route = fn(&[&str]) -> Option<AnyView>;

/// The unlocked app's routes: one per feature. (A plain match per feature rather than the
/// router's `<Routes>`: its generic route matching cost about 26 KB of the first load.)
pub const ROUTES: &[Route] = &[
    dashboard::route,
    residents::route,
    casework::route,
    guidance::route,
    conduct::route,
    chores::route,
    vocational::route,
    partners::route,
    budget::route,
    backup::route,
    settings::route,
    staff::route,
    access_log::route,
];

/// What the features do once a member has unlocked, without holding the page up: cohorts that
/// residents name get their records (data from before cohorts were records), and a vault
/// without the usual guidance schedules, house rules, chores and vocational fields gets them.
pub fn after_unlock(app: crate::ui::session::AppState) {
    leptos::task::spawn_local(async move {
        let v = crate::ui::session::vault();
        let cohorts = v.ensure_cohorts().await.unwrap_or(0);
        let schedules = v.ensure_guidance_schedules().await.unwrap_or(0);
        let rules = v.ensure_house_rules().await.unwrap_or(0);
        let chores = v.ensure_chores().await.unwrap_or(0);
        let fields = v.ensure_vocational_fields().await.unwrap_or(0);
        if cohorts + schedules + rules + chores + fields > 0 {
            app.data_changed();
        }
    });
}

/// One entry of a resident's timeline, as the timeline page shows it.
pub struct TimelineEntry {
    pub date: Option<crate::domain::date::Date>,
    /// What it is, for tests and styles (a record kind's stored name, or the feature's own).
    pub kind: &'static str,
    pub label: String,
    pub lines: Vec<String>,
}

/// Timeline entries the features compute for a resident beyond her own records (the records
/// come through each kind's `timeline:`).
pub fn timeline_extras(
    t: &'static Texts,
    resident: &crate::domain::id::RecordId,
) -> Vec<TimelineEntry> {
    if !crate::ui::session::may(crate::domain::permissions::Section::Attendance, false) {
        return vec![];
    }
    guidance::timeline_entries(t, resident)
}

/// What an address shows to a role that may not use it (typed, or from an old link).
pub fn restricted_page() -> AnyView {
    let t = use_texts();
    view! { <p class="banner" id="restricted-page">{t.restricted_page}</p> }.into_any()
}

/// The page for an address no feature has.
pub fn not_found() -> AnyView {
    let t = use_texts();
    view! {
        <p class="banner error" id="not-found">{t.err_no_such_page}</p>
        <p><A href="/">{t.dashboard.nav_dashboard}</A></p>
    }
    .into_any()
}

/// The page for the current address, or "not found" for an address no feature has.
#[component]
pub fn FeaturePages() -> impl IntoView {
    let location = use_location();
    let browser = use_context::<BrowserUrl>();
    move || {
        let path = location.pathname.get();
        casework::page_changed();
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let page = ROUTES
            .iter()
            .find_map(|route| route(&segments))
            .unwrap_or_else(not_found);
        // The router writes a new address into the address bar (and the history) only once
        // the page for it is ready: here.
        if let Some(b) = &browser {
            b.ready_to_complete();
        }
        page
    }
}

/// The fields a person compares to choose between two versions of a record (the merge
/// conflict view), from the feature the record belongs to. A new kind is a compile error here
/// until its feature describes it.
pub fn describe(t: &'static Texts, body: &RecordBody) -> Vec<(&'static str, String)> {
    match body {
        RecordBody::Shelter(s) => settings::describe_shelter(t, s),
        RecordBody::Staff(s) => settings::describe_staff(t, s),
        RecordBody::Resident(r) => residents::describe_resident(t, r),
        RecordBody::Photo(p) => residents::describe_photo(t, p),
        // Kinds whose pages come with the casework, daily-life and budget features: described
        // here until those features exist.
        RecordBody::CaseNote(n) => vec![
            (t.f_date, format::date(n.date, &t.months)),
            (t.case.f_note_kind, (t.case.note_kind)(n.kind).to_string()),
            (
                t.f_note,
                match &n.text {
                    crate::domain::case_note::NoteText::Shared(s) => s.clone(),
                    crate::domain::case_note::NoteText::Confidential(r) => {
                        r.open().cloned().unwrap_or(t.restricted.into())
                    }
                },
            ),
        ],
        RecordBody::Assessment(a) => vec![
            (t.f_date, format::date(a.date, &t.months)),
            (t.case.f_needs, a.needs.clone()),
            (t.case.f_interests, a.interests.join(" → ")),
        ],
        RecordBody::Discharge(d) => vec![
            (t.f_date, format::date(d.date, &t.months)),
            (
                t.case.f_dc_reason,
                (t.case.discharge_reason)(d.reason).to_string(),
            ),
            (t.case.f_kit_total, format::rupiah(d.kit_total() as i64)),
        ],
        RecordBody::AtensiService(a) => vec![
            (t.f_date, format::date(a.date, &t.months)),
            (
                t.case.f_at_component,
                (t.case.atensi)(a.component).to_string(),
            ),
            (t.case.f_at_value, format::rupiah(a.aid_value as i64)),
            (t.f_note, a.description.clone()),
        ],
        RecordBody::Cohort(c) => vec![
            (t.residents.f_cohort, c.name.clone()),
            (
                t.f_date,
                [c.start, c.end]
                    .iter()
                    .map(|d| d.map(|d| format::date(d, &t.months)).unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join(" – "),
            ),
        ],
        RecordBody::CaseConference(c) => vec![
            (t.f_date, format::date(c.date, &t.months)),
            (t.case.f_cc_findings, c.findings.clone()),
            (t.case.f_cc_decisions, c.decisions.clone()),
        ],
        RecordBody::InterventionPlan(p) => vec![
            (
                t.f_date,
                fill(
                    t.case.plan_version,
                    &[
                        ("n", &p.version.to_string()),
                        ("date", &format::date(p.date, &t.months)),
                    ],
                ),
            ),
            (t.case.f_field, p.field.clone()),
            (
                t.case.goals_title,
                p.goals
                    .iter()
                    .map(|g| g.goal.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ],
        RecordBody::PlanReview(r) => vec![
            (t.f_date, format::date(r.date, &t.months)),
            (
                t.case.col_progress,
                r.progress
                    .iter()
                    .map(|p| (t.case.progress)(*p))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            (t.f_note, r.notes.clone()),
        ],
        RecordBody::FollowUpVisit(f) => vec![
            (t.f_date, format::date(f.date, &t.months)),
            (t.case.f_fu_outcome, (t.case.outcome)(f.outcome).to_string()),
            (t.f_note, f.notes.clone()),
        ],
        RecordBody::StageChange(s) => vec![
            (t.f_date, format::date(s.date, &t.months)),
            (t.case.col_stage, (t.case.stage_long)(s.to).to_string()),
            (t.case.f_reason, s.reason.clone()),
        ],
        RecordBody::Attendance(a) => guidance::describe_session(t, a),
        RecordBody::GuidanceSchedule(s) => guidance::describe_schedule(t, s),
        RecordBody::HouseRule(r) => conduct::describe_rule(t, r),
        RecordBody::Chore(c) => chores::describe_chore(t, c),
        RecordBody::VocationalField(f) => vocational::describe_field(t, f),
        RecordBody::Enrolment(e) => vocational::describe_enrolment(t, e),
        RecordBody::Training(r) => vocational::describe_training(t, r),
        RecordBody::ChoreRota(r) => chores::describe_rota(t, r),
        RecordBody::Conduct(c) => conduct::describe_conduct(t, c),
        RecordBody::Partner(p) => partners::describe_partner(t, p),
        RecordBody::BudgetLine(l) => budget::describe_line(t, l),
        RecordBody::Consent(c) => partners::describe_consent(t, c),
        RecordBody::Referral(r) => partners::describe_referral(t, r),
        RecordBody::AccessEntry(e) => vec![
            (t.f_date, e.what.at.clone()),
            (t.f_note, format!("{:?}", e.what.action)),
        ],
        RecordBody::Expense(x) => vec![
            (t.f_date, format::date(x.date, &t.months)),
            (t.f_amount, format::rupiah(x.amount)),
            (t.f_note, x.note.clone()),
        ],
    }
}
