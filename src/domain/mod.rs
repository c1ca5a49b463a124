//! Pure types and rules of the shelter's work: no browser, no storage, no async.
//!
//! Architecture Invariant: nothing in this module imports `web_sys`, `js_sys`,
//! `wasm_bindgen` or anything under `crate::store` / `crate::ui`. Time and randomness come in
//! as arguments, so every rule here is unit-tested natively.

pub mod access_log;
pub mod aftercare;
pub mod assessment;
pub mod attendance;
pub mod budget;
pub mod case_note;
pub mod cohort;
pub mod conduct;
pub mod csv;
pub mod date;
pub mod expense;
pub mod guidance;
pub mod id;
pub mod identity_paper;
pub mod kinds;
pub mod merge;
pub mod migration;
pub mod passphrase;
pub mod permissions;
pub mod photo;
pub mod plan;
pub mod record;
pub mod referral;
pub mod region;
mod region_data;
pub mod report;
pub mod resident;
pub mod restricted;
pub mod rota;
pub mod search;
pub mod shelter;
pub mod sorting;
pub mod staff;
pub mod stage;
pub mod timeline;
pub mod validation;
pub mod version_vector;
pub mod vocational;

/// The stable text form of a unit enum value, as stored and as forms and filters use it
/// (`PaperStatus::KeptByShelter` → `"kept_by_shelter"`).
pub fn code_of<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
