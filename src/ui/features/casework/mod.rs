//! Casework: where each resident's case stands (stages and their history), and the notes of
//! counselling and interviews with their follow-ups. Its panels sit on the resident's profile and
//! the dashboard; its own address is a resident's timeline.

mod aftercare;
mod assessment;
mod atensi;
mod notes;
mod plan;
mod stage;
mod summary;
pub mod texts;
mod timeline;

use crate::domain::id::RecordId;
use leptos::prelude::*;

pub use aftercare::{AftercarePanel, DueFollowUps};
pub use assessment::AssessmentPanel;
pub use atensi::AtensiPanel;
pub use notes::{MyTasks, NotesPanel};
pub use plan::{ConferencePanel, PlanPanel};
pub use stage::{StageCounts, StagePanel};
#[cfg(feature = "bench")]
pub use timeline::TimelinePage;

thread_local! {
    // What the page on screen has noted as opened: a page drawn again (after a save) is the same
    // viewing, and is not noted twice.
    static NOTED: std::cell::RefCell<Vec<(RecordId, &'static str)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A new page is on screen: what it opens is a new viewing.
pub fn page_changed() {
    NOTED.with(|n| n.borrow_mut().clear());
}

/// Notes in the record of who did what that a page showed a resident's restricted content
/// (`what`: which part), once per page shown, without holding the page up.
fn note_opened(resident: &RecordId, what: &'static str) {
    let first = NOTED.with(|n| {
        let mut n = n.borrow_mut();
        let key = (resident.clone(), what);
        let first = !n.contains(&key);
        if first {
            n.push(key);
        }
        first
    });
    if !first {
        return;
    }
    let rid = resident.to_string();
    leptos::task::spawn_local(async move {
        let _ = crate::ui::session::vault()
            .note(
                crate::domain::access_log::AccessAction::ViewRestricted,
                Some(rid),
                vec![what.into()],
            )
            .await;
    });
}

// `/klien/<id>/linimasa`, a resident's timeline.
super::lazy::pages!(
    daily,
    casework_pages,
    ["klien", _, "linimasa" | "ringkasan-terminasi"],
    |path| match path {
        ["klien", x, "linimasa"] => {
            view! { <timeline::TimelinePage id=RecordId::parse(x) /> }.into_any()
        }
        ["klien", x, "ringkasan-terminasi"] => {
            view! { <summary::DischargeSummaryPage id=RecordId::parse(x) /> }.into_any()
        }
        _ => super::not_found(),
    }
);
