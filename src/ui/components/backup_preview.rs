//! What a backup file holds, shown before anything is restored or merged.

use crate::domain::record::{Record, RecordKind};
use crate::store::backup::{self, BackupDocument};
use crate::ui::session::use_texts;
use leptos::prelude::*;

/// An opened backup: its document header and its checked records.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedBackup {
    pub shelter: String,
    pub created_at: String,
    pub records: Vec<Record>,
}

impl OpenedBackup {
    pub fn new(doc: &BackupDocument, records: Vec<Record>) -> OpenedBackup {
        OpenedBackup {
            shelter: doc.shelter.clone(),
            created_at: doc.created_at.clone(),
            records,
        }
    }
}

fn created_label(iso: &str, months: &[&str; 12]) -> String {
    crate::domain::date::Date::parse_iso_instant(iso)
        .map(|ms| crate::ui::format::timestamp_datetime(ms, months))
        .unwrap_or_else(|| iso.to_string())
}

#[component]
pub fn BackupPreview(opened: OpenedBackup) -> impl IntoView {
    let t = use_texts();
    let (counts, deleted) = backup::counts(&opened.records);
    // "1 lembaga, 2 petugas, 120 klien, … · 3 catatan terhapus": every kind the file holds.
    let mut parts: Vec<String> = RecordKind::ALL
        .iter()
        .enumerate()
        .filter_map(|(i, k)| counts.get(k).map(|n| format!("{n} {}", t.kind_labels[i])))
        .collect();
    if deleted > 0 {
        parts.push(format!("{deleted} {}", t.deleted_records));
    }
    let summary = parts.join(", ");
    view! {
        <section class="card preview" id="backup-preview">
            <h2>{t.preview_title}</h2>
            <dl>
                <dt>{t.preview_shelter}</dt><dd>{opened.shelter.clone()}</dd>
                <dt>{t.preview_created}</dt><dd>{created_label(&opened.created_at, &t.months)}</dd>
                <dt>{t.preview_contents}</dt>
                <dd id="preview-counts">{summary}</dd>
            </dl>
        </section>
    }
}
