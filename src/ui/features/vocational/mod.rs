//! Pelatihan: the vocational fields with their checklists and rates (`/pelatihan`), a field's
//! training session roll-call (`/pelatihan/<field>/sesi`), and on a resident's profile her
//! enrolment, competency sign-offs, exam, certificate and internship.

mod page;
mod panel;
pub mod texts;

use crate::domain::id::RecordId;
use crate::domain::resident::Resident;
use crate::domain::vocational::{Enrolment, TrainingEvent, TrainingRecord, VocationalField};
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::vault;
use leptos::prelude::*;
pub use panel::TrainingPanel;

super::lazy::pages!(
    daily,
    vocational_pages,
    ["pelatihan"] | ["pelatihan", _, "sesi"],
    |path| match path {
        ["pelatihan"] => view! { <page::FieldsPage /> }.into_any(),
        ["pelatihan", id, "sesi"] => session(RecordId::parse(id)),
        _ => super::not_found(),
    }
);

/// A field's training session: its enrolled residents on the roll.
fn session(id: Option<RecordId>) -> AnyView {
    let found = id.and_then(|id| {
        vault()
            .read(|ix| {
                let f = ix.get::<VocationalField>(&id)?.body.clone();
                let enrolled: Vec<RecordId> = ix
                    .all::<Enrolment>()
                    .filter(|e| e.body.field == id)
                    .map(|e| e.body.resident.clone())
                    .filter(|r| ix.get::<Resident>(r).is_some())
                    .collect();
                Some((f, enrolled))
            })
            .ok()
            .flatten()
    });
    match found {
        Some((f, enrolled)) => {
            crate::ui::features::guidance::training_session_page(f.name, f.code, enrolled)
        }
        None => {
            let t = crate::ui::session::use_texts();
            view! {
                <h1>{t.vocational.title}</h1>
                <p class="banner error" id="not-found">{t.err_no_such_page}</p>
            }
            .into_any()
        }
    }
}

fn field_name(id: &RecordId) -> String {
    vault()
        .read(|ix| ix.get::<VocationalField>(id).map(|l| l.body.name.clone()))
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// A training record in a line.
pub fn event_line(t: &'static Texts, r: &TrainingRecord) -> String {
    let v = t.vocational;
    let date = format::date(r.date, &t.months);
    match &r.event {
        TrainingEvent::SignOff {
            competency_text,
            level,
            ..
        } => format!(
            "{competency_text}: {}",
            fill(v.signed, &[("date", &date), ("level", (v.level)(*level))])
        ),
        TrainingEvent::Exam { passed, score } => {
            let mut s = fill(
                if *passed {
                    v.exam_passed
                } else {
                    v.exam_failed
                },
                &[("date", &date)],
            );
            if let Some(n) = score {
                s.push_str(&format!(
                    ", {}",
                    fill(v.score, &[("score", &n.to_string())])
                ));
            }
            s
        }
        TrainingEvent::Certificate { number } => {
            fill(v.certificate, &[("number", number), ("date", &date)])
        }
        TrainingEvent::Internship {
            business,
            evaluation,
            ..
        } => {
            let mut s = fill(v.internship, &[("business", business), ("date", &date)]);
            if !evaluation.is_empty() {
                s.push_str(&format!(": {evaluation}"));
            }
            s
        }
    }
}

pub fn describe_field(t: &'static Texts, f: &VocationalField) -> Vec<(&'static str, String)> {
    let v = t.vocational;
    vec![
        (v.f_code, f.code.clone()),
        (v.f_name, f.name.clone()),
        (v.f_competencies, f.competencies.join(" · ")),
        (
            v.f_status,
            if f.retired { v.retired } else { v.in_use }.to_string(),
        ),
    ]
}

pub fn describe_enrolment(t: &'static Texts, e: &Enrolment) -> Vec<(&'static str, String)> {
    vec![
        (t.f_date, format::date(e.date, &t.months)),
        (t.vocational.f_en_field, field_name(&e.field)),
    ]
}

pub fn describe_training(t: &'static Texts, r: &TrainingRecord) -> Vec<(&'static str, String)> {
    vec![
        (t.f_date, format::date(r.date, &t.months)),
        (t.vocational.f_tr_field, field_name(&r.field)),
        (t.vocational.f_tr_kind, event_line(t, r)),
    ]
}
