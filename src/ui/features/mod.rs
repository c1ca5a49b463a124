//! The app's features. Each folder owns its pages, its routes, its menu entry and how its
//! records are described when two versions conflict; this file registers them, once each.

pub mod backup;
pub mod dashboard;
pub mod residents;
pub mod settings;

use crate::domain::record::RecordBody;
use crate::ui::format;
use crate::ui::i18n::Texts;
use leptos::prelude::*;
use leptos_router::MatchNestedRoutes;

/// One entry of the menu.
pub struct NavEntry {
    pub href: &'static str,
    pub label: fn(&Texts) -> &'static str,
    /// Current only on its own path, not on the paths below it (the dashboard, at `/`).
    pub exact: bool,
    pub id: &'static str,
}

/// The menu, in order.
pub const NAV: &[NavEntry] = &[dashboard::NAV, residents::NAV, backup::NAV, settings::NAV];

/// The unlocked app's routes: one routes component per feature.
#[component(transparent)]
pub fn FeatureRoutes() -> impl MatchNestedRoutes + Clone {
    use backup::BackupRoutes;
    use dashboard::DashboardRoutes;
    use residents::ResidentRoutes;
    use settings::SettingsRoutes;
    view! {
        <DashboardRoutes />
        <ResidentRoutes />
        <BackupRoutes />
        <SettingsRoutes />
    }
    .into_inner()
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
            (t.f_note, n.text.clone()),
        ],
        RecordBody::Attendance(a) => vec![
            (t.f_date, format::date(a.date, &t.months)),
            (t.f_present, a.present.len().to_string()),
        ],
        RecordBody::Expense(x) => vec![
            (t.f_date, format::date(x.date, &t.months)),
            (t.f_amount, format::rupiah(x.amount)),
            (t.f_note, x.note.clone()),
        ],
    }
}
