//! Cadangan: make an encrypted backup file (and verify it), or open one and merge it.

use super::preview::{chosen_backup, open_backup, BackupPreview, OpenedBackup};
use crate::domain::date::Date;
use crate::domain::merge::{Choice, MergePlan, MergeSummary};
use crate::domain::record::Record;
use crate::domain::validation::FieldError;
use crate::store::{backup, clock};
use crate::ui::backup_worker;
use crate::ui::components::field::show_errors;
use crate::ui::components::new_passphrase::{NewPassphrase, NewPassphraseFields};
use crate::ui::components::submit::Submit;
use crate::ui::files;
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::preferences;
use crate::ui::session::{backup_error_text, error_text, generic_error, use_app, use_texts, vault};
use leptos::prelude::*;

#[component]
pub fn BackupPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <h1>{t.backup_title}</h1>
        <p class="lead">{t.backup_intro}</p>
        <div class="two-col">
            <ExportSection />
            <ImportSection />
        </div>
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Exported {
    file_name: String,
    bytes: Vec<u8>,
    count: usize,
    digest: String,
}

#[component]
fn ExportSection() -> impl IntoView {
    let t = use_texts();
    let pass = NewPassphrase::new("backup_pass", "backup_pass_again");
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let busy = submit.busy;
    let exported = RwSignal::new(None::<Exported>);
    let verified = RwSignal::new(None::<(String, bool)>);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ok = show_errors(errors, pass.check());
        if !ok {
            return;
        }
        let p = pass.value();
        let started = submit.run(
            async move {
                let v = vault();
                let records = v.export_records().map_err(|e| error_text(t, &e))?;
                let shelter = v
                    .shelter()
                    .ok()
                    .flatten()
                    .map(|s| s.name)
                    .unwrap_or_default();
                let doc = backup::document(&shelter, &records, clock::now());
                let bytes = backup_worker::encrypt(&doc, &p)
                    .await
                    .map_err(|e| backup_error_text(t, &e))?;
                let file_name = backup::file_name(&shelter, &clock::today().iso());
                files::download(&file_name, &bytes).map_err(|d| generic_error(t, &d))?;
                // In the record of who did what; the file is saved whether or not this is.
                let _ = v
                    .note(
                        crate::domain::access_log::AccessAction::Backup,
                        None,
                        vec![doc.record_count.to_string()],
                    )
                    .await;
                Ok(Exported {
                    file_name,
                    bytes,
                    count: doc.record_count,
                    digest: doc.records_sha256,
                })
            },
            move |x| {
                preferences::set_last_backup_at(clock::now() as f64);
                exported.set(Some(x));
            },
        );
        if started {
            exported.set(None);
            verified.set(None);
        }
    };

    let verify = move |_| {
        let Some(x) = exported.get_untracked() else {
            return;
        };
        let p = pass.value();
        // Verifying never fails the form: its result is the sentence shown either way.
        submit.run(
            async move {
                let r = match backup_worker::decrypt(&x.bytes, &p).await {
                    Ok(doc)
                        if doc.record_count == x.count
                            && doc.records_sha256 == x.digest
                            && backup::records(&doc).is_ok() =>
                    {
                        (
                            fill(t.backup.verify_ok, &[("n", &x.count.to_string())]),
                            true,
                        )
                    }
                    Ok(_) => (t.backup.verify_bad.to_string(), false),
                    Err(e) => (backup_error_text(t, &e), false),
                };
                Ok(r)
            },
            move |r| verified.set(Some(r)),
        );
    };

    view! {
        <form class="card" on:submit=on_submit novalidate>
            <h2>{t.backup.export_title}</h2>
            <NewPassphraseFields p=pass label=t.backup_pass again_label=t.backup.backup_pass_again hint=t.backup.backup_pass_hint errors=errors />
            {submit.banner("export-error")}
            <button type="submit" class="primary" id="export-submit" disabled=move || busy.get()>
                {move || if busy.get() { t.backup.export_working } else { t.backup.export_submit }}
            </button>
            {move || exported.get().map(|x| view! {
                <p class="banner" id="export-done" role="status">{fill(t.backup.export_done, &[("file", &x.file_name), ("n", &x.count.to_string())])}</p>
                <button type="button" id="verify-backup" on:click=verify disabled=move || busy.get()>{t.backup.verify_submit}</button>
            })}
            {move || verified.get().map(|(msg, ok)| view! { <p class="banner" class:error=!ok id="verify-result" role="status">{msg}</p> })}
        </form>
    }
}

#[derive(Clone, Debug, PartialEq)]
enum ImportState {
    Idle,
    Opened {
        opened: OpenedBackup,
        plan: MergePlan,
        other_shelter: Option<String>,
    },
    Done(MergeSummary),
}

#[component]
fn ImportSection() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let pass = RwSignal::new(String::new());
    let submit = Submit::new();
    let busy = submit.busy;
    let state = RwSignal::new(ImportState::Idle);
    let choices = RwSignal::new(Vec::<Option<Choice>>::new());
    let confirmed_other = RwSignal::new(false);

    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        state.set(ImportState::Idle);
        let file = match chosen_backup("backup-file") {
            Ok(f) => f,
            Err(msg) => {
                submit.fail(msg);
                return;
            }
        };
        let p = pass.get_untracked();
        submit.run(
            async move {
                let (doc, opened) = open_backup(t, file, p).await?;
                let records = opened.records.clone();
                let v = vault();
                let plan = v
                    .plan_import(records.clone())
                    .map_err(|e| error_text(t, &e))?;
                let ours = v
                    .shelter()
                    .ok()
                    .flatten()
                    .map(|s| s.name)
                    .unwrap_or_default();
                let other_shelter =
                    (doc.shelter.trim() != ours.trim()).then(|| doc.shelter.clone());
                Ok((opened, plan, other_shelter))
            },
            move |(opened, plan, other_shelter)| {
                choices.set(vec![None; plan.conflicts.len()]);
                confirmed_other.set(false);
                state.set(ImportState::Opened {
                    opened,
                    plan,
                    other_shelter,
                });
            },
        );
    };

    let merge = move |_| {
        let ImportState::Opened { plan, .. } = state.get_untracked() else {
            return;
        };
        let Some(chosen) = choices
            .get_untracked()
            .into_iter()
            .collect::<Option<Vec<Choice>>>()
        else {
            submit.fail(t.backup.choose_all.into());
            return;
        };
        submit.run(
            async move {
                vault()
                    .apply_import(&plan, &chosen)
                    .await
                    .map_err(|e| error_text(t, &e))
            },
            move |summary| {
                app.data_changed();
                state.set(ImportState::Done(summary));
            },
        );
    };

    let body = move || {
        match state.get() {
        ImportState::Idle => ().into_any(),
        ImportState::Done(s) => view! {
            <p class="banner" id="merge-done" role="status">{fill(t.backup.merge_done, &[
                ("added", &s.added.to_string()), ("updated", &s.updated.to_string()), ("deleted", &s.deleted.to_string()),
                ("resolved", &s.conflicts_resolved.to_string()), ("unchanged", &s.unchanged.to_string()),
            ])}</p>
        }.into_any(),
        ImportState::Opened { opened, plan, other_shelter } => {
            let s = plan.summary;
            let nothing = plan.writes.is_empty() && plan.conflicts.is_empty();
            let needs_confirm = other_shelter.is_some();
            let conflicts = plan.conflicts.clone();
            view! {
                <BackupPreview opened=opened />
                {other_shelter.map(|name| view! {
                    <p class="banner warn" id="other-shelter">{fill(t.backup.other_shelter, &[("name", &name)])}</p>
                    <label class="check"><input type="checkbox" id="confirm-other-shelter" prop:checked=move || confirmed_other.get()
                        on:change=move |ev| confirmed_other.set(event_target_checked(&ev)) />{t.backup.other_shelter_confirm}</label>
                })}
                <p id="plan-summary">{fill(t.backup.plan_summary, &[
                    ("added", &s.added.to_string()), ("updated", &s.updated.to_string()), ("deleted", &s.deleted.to_string()),
                    ("unchanged", &s.unchanged.to_string()), ("conflicts", &plan.conflicts.len().to_string()),
                ])}</p>
                {(!conflicts.is_empty()).then(|| view! {
                    <h3>{t.backup.conflicts_title}</h3>
                    {conflicts.into_iter().enumerate().map(|(i, c)| conflict_view(t, i, &c.local, &c.incoming, choices)).collect_view()}
                })}
                {if nothing {
                    view! { <p class="banner" id="nothing-to-merge">{t.backup.nothing_to_merge}</p> }.into_any()
                } else {
                    view! {
                        <button type="button" class="primary" id="merge-submit" on:click=merge
                            disabled=move || busy.get() || (needs_confirm && !confirmed_other.get()) || choices.with(|c| c.iter().any(Option::is_none))>
                            {move || if busy.get() { t.backup.merge_working } else { t.backup.merge_submit }}
                        </button>
                    }.into_any()
                }}
            }.into_any()
        }
    }
    };

    view! {
        <section class="card">
            <form on:submit=open novalidate>
                <h2>{t.backup.import_title}</h2>
                <p class="muted">{t.backup.import_intro}</p>
                <div class="field">
                    <label for="backup-file">{t.backup_file}</label>
                    <input id="backup-file" type="file" accept=".age,application/octet-stream" />
                </div>
                <div class="field">
                    <label for="import_pass">{t.backup_pass}</label>
                    <input id="import_pass" type="password" autocomplete="off" prop:value=move || pass.get()
                        on:input=move |ev| pass.set(event_target_value(&ev)) />
                </div>
                <button type="submit" id="open-backup" disabled=move || busy.get()>
                    {move || if busy.get() { t.opening } else { t.open_file }}
                </button>
            </form>
            {submit.banner("import-error")}
            {body}
        </section>
    }
}

/// The fields a person compares to choose between two versions of a record: what its
/// feature describes (`features::describe`), then who changed it last and when.
fn describe(t: &'static Texts, r: &Record) -> Vec<(&'static str, String)> {
    let mut rows = match &r.body {
        None => vec![(t.f_status, t.backup.deleted_version.to_string())],
        Some(body) => crate::ui::features::describe(t, body),
    };
    let who = vault()
        .staff_name(&r.meta.updated_by)
        .ok()
        .flatten()
        .unwrap_or_default();
    let when = format::timestamp_datetime(r.meta.updated_at, &t.months);
    rows.push((
        t.backup.last_changed,
        if who.is_empty() {
            when
        } else {
            format!("{when} · {who}")
        },
    ));
    rows
}

/// The two sides' rows matched by field (never by position): every field either side has, in
/// the order they first appear, with `None` where a side does not have it (a deleted version
/// has only its status).
pub fn compare_rows(
    a: Vec<(&'static str, String)>,
    b: Vec<(&'static str, String)>,
) -> Vec<(&'static str, Option<String>, Option<String>)> {
    let mut labels: Vec<&'static str> = a.iter().map(|(l, _)| *l).collect();
    for (l, _) in &b {
        if !labels.contains(l) {
            labels.push(l);
        }
    }
    let find = |side: &[(&'static str, String)], l: &str| {
        side.iter().find(|(x, _)| *x == l).map(|(_, v)| v.clone())
    };
    labels
        .into_iter()
        .map(|l| (l, find(&a, l), find(&b, l)))
        .collect()
}

fn conflict_view(
    t: &'static Texts,
    i: usize,
    local: &Record,
    incoming: &Record,
    choices: RwSignal<Vec<Option<Choice>>>,
) -> impl IntoView {
    let rows = compare_rows(describe(t, local), describe(t, incoming));
    let title = local
        .resident()
        .or(incoming.resident())
        .map(|r| r.full_name.clone())
        .unwrap_or_else(|| local.meta.kind.as_str().to_string());
    let pick = move |c: Choice| choices.update(|v| v[i] = Some(c));
    let is = move |c: Choice| choices.with(|v| v.get(i).copied().flatten() == Some(c));
    view! {
        <div class="conflict card" id=format!("conflict-{i}")>
            <h4>{title}</h4>
            <table class="compare">
                <thead><tr><th scope="col">{t.backup.conflict_field}</th><th scope="col">{t.backup.conflict_local}</th><th scope="col">{t.backup.conflict_incoming}</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(label, x, y)| {
                        let differs = x != y;
                        let cell = move |v: Option<String>| match v {
                            Some(v) => view! { <td>{v}</td> }.into_any(),
                            None => view! { <td class="absent">{t.backup.field_absent}</td> }.into_any(),
                        };
                        view! { <tr class:differs=differs><th scope="row">{label}</th>{cell(x)}{cell(y)}</tr> }
                    }).collect_view()}
                </tbody>
            </table>
            <div class="row">
                <label class="radio"><input type="radio" name=format!("conflict-{i}") value="local"
                    prop:checked=move || is(Choice::KeepLocal) on:change=move |_| pick(Choice::KeepLocal) />{t.backup.keep_local}</label>
                <label class="radio"><input type="radio" name=format!("conflict-{i}") value="incoming"
                    prop:checked=move || is(Choice::TakeIncoming) on:change=move |_| pick(Choice::TakeIncoming) />{t.backup.take_incoming}</label>
            </div>
        </div>
    }
}

/// The last backup made on this laptop: (whole days ago, when), if there was one.
pub fn last_backup(now_ms: u64) -> Option<(i64, u64)> {
    let last = preferences::last_backup_at()? as u64;
    let days = Date::from_timestamp(now_ms).days_since_epoch()
        - Date::from_timestamp(last).days_since_epoch();
    Some((days, last))
}

#[cfg(test)]
mod tests {
    use super::compare_rows;

    #[test]
    fn rows_are_matched_by_field_and_a_missing_side_is_shown_as_missing() {
        // Delete against edit: the deleted side has its status and when it changed, nothing else.
        let deleted = vec![
            ("Status", "(dihapus)".to_string()),
            ("Terakhir diubah", "1 Des".to_string()),
        ];
        let edited = vec![
            ("Nama lengkap", "Dewi Lestari".to_string()),
            ("Status", "Dalam pembinaan".to_string()),
            ("Terakhir diubah", "2 Des".to_string()),
        ];
        let rows = compare_rows(deleted, edited);
        assert_eq!(
            rows,
            vec![
                (
                    "Status",
                    Some("(dihapus)".into()),
                    Some("Dalam pembinaan".into())
                ),
                (
                    "Terakhir diubah",
                    Some("1 Des".into()),
                    Some("2 Des".into())
                ),
                ("Nama lengkap", None, Some("Dewi Lestari".into())),
            ]
        );
    }
}
