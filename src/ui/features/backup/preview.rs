//! What a backup file holds, shown before anything is restored or merged.

use crate::domain::record::Record;
use crate::store::backup::{self, BackupDocument};
use crate::ui::i18n::Texts;
use crate::ui::session::generic_error;
use crate::ui::session::{backup_error_text, use_texts};
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
    let mut parts: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{n} {}", (t.kind)(*k)))
        .collect();
    if deleted > 0 {
        parts.push(format!("{deleted} {}", t.backup.deleted_records));
    }
    let summary = parts.join(", ");
    view! {
        <section class="card preview" id="backup-preview">
            <h2>{t.backup.preview_title}</h2>
            <dl>
                <dt>{t.backup.preview_shelter}</dt><dd>{opened.shelter.clone()}</dd>
                <dt>{t.backup.preview_created}</dt><dd>{created_label(&opened.created_at, &t.months)}</dd>
                <dt>{t.backup.preview_contents}</dt>
                <dd id="preview-counts">{summary}</dd>
            </dl>
        </section>
    }
}

/// The backup file chosen in the file input `input_id`, if one is chosen and its size is
/// plausible; else the sentence to show. Nothing is read yet.
pub fn chosen_backup(input_id: &str) -> Result<web_sys::File, String> {
    let t = use_texts();
    let file =
        crate::ui::files::chosen_file(input_id).ok_or_else(|| t.backup.e_no_file.to_string())?;
    backup::check_size(file.size() as u64).map_err(|e| backup_error_text(t, &e))?;
    Ok(file)
}

/// Reads and opens a backup file (decrypted in the backup worker), with every check: its
/// records, or the sentence to show. Changes nothing anywhere.
pub async fn open_backup(
    t: &'static Texts,
    file: web_sys::File,
    passphrase: String,
) -> Result<(BackupDocument, OpenedBackup), String> {
    // Let the browser paint "please wait" first.
    gloo_timers::future::sleep(std::time::Duration::from_millis(50)).await;
    let bytes = crate::ui::files::read_bytes(&file)
        .await
        .map_err(|d| generic_error(t, &d))?;
    let doc = crate::ui::backup_worker::decrypt(&bytes, &passphrase)
        .await
        .map_err(|e| backup_error_text(t, &e))?;
    let records = backup::records(&doc).map_err(|e| backup_error_text(t, &e))?;
    let opened = OpenedBackup::new(&doc, records);
    Ok((doc, opened))
}
