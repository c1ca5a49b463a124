//! A new laptop: restore every record from a backup file, then set this laptop's passphrase.

use crate::domain::id::RecordId;
use crate::domain::record::RecordBody;
use crate::domain::validation::FieldError;
use crate::ui::components::field::show_errors;
use crate::ui::components::new_passphrase::{NewPassphrase, NewPassphraseFields};
use crate::ui::components::shell::LangSwitch;
use crate::ui::components::submit::Submit;
use crate::ui::features::backup::preview::{
    chosen_backup, open_backup, BackupPreview, OpenedBackup,
};
use crate::ui::session::{error_text, use_app, use_texts, vault, Phase};
use leptos::prelude::*;

#[component]
pub fn RestorePage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let backup_pass = RwSignal::new(String::new());
    let opened = RwSignal::new(None::<OpenedBackup>);
    let staff = RwSignal::new(String::new());
    let pass = NewPassphrase::new("passphrase", "passphrase_again");
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let busy = submit.busy;

    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let file = match chosen_backup("restore-file") {
            Ok(f) => f,
            Err(msg) => {
                submit.fail(msg);
                return;
            }
        };
        let backup_pass = backup_pass.get_untracked();
        submit.run(
            async move { open_backup(t, file, backup_pass).await.map(|(_, o)| o) },
            move |o| {
                let first = o
                    .records
                    .iter()
                    .find(|r| matches!(r.body, Some(RecordBody::Staff(_))))
                    .map(|r| r.meta.id.to_string());
                staff.set(first.unwrap_or_default());
                opened.set(Some(o));
            },
        );
    };

    let restore = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(o) = opened.get_untracked() else {
            return;
        };
        let ok = show_errors(errors, pass.check());
        let Some(staff_id) = RecordId::parse(&staff.get_untracked()) else {
            return;
        };
        if !ok {
            return;
        }
        let p = pass.value();
        submit.run(
            async move {
                let code = vault()
                    .restore_into_empty(o.records, staff_id, &p)
                    .await
                    .map_err(|e| error_text(t, &e))?;
                // Ask the browser to keep the data for good (Settings says whether it does).
                let _ = crate::ui::storage::ask_to_keep().await;
                Ok(code)
            },
            move |code| app.phase.set(Phase::ShowRecoveryCode(code.to_string())),
        );
    };

    let staff_options = move || {
        opened.with(|o| {
            o.as_ref()
                .map(|o| {
                    o.records
                        .iter()
                        .filter_map(|r| match &r.body {
                            Some(RecordBody::Staff(s)) => Some((
                                r.meta.id.to_string(),
                                format!("{} ({})", s.name, (t.role)(s.role)),
                            )),
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };

    view! {
        <main class="gate">
            <div class="gate-lang"><LangSwitch /></div>
            <div class="card narrow">
                <h1>{t.restore_title}</h1>
                <p class="lead">{t.restore_intro}</p>
                <form on:submit=open novalidate>
                    <div class="field">
                        <label for="restore-file">{t.backup_file}</label>
                        <input id="restore-file" type="file" accept=".age,application/octet-stream" />
                    </div>
                    <div class="field">
                        <label for="restore_backup_pass">{t.backup_pass}</label>
                        <input id="restore_backup_pass" type="password" autocomplete="off" prop:value=move || backup_pass.get()
                            on:input=move |ev| backup_pass.set(event_target_value(&ev)) />
                    </div>
                    <Show when=move || opened.with(Option::is_none)>
                        <button type="submit" class="primary" id="restore-open" disabled=move || busy.get()>
                            {move || if busy.get() { t.opening } else { t.open_file }}
                        </button>
                    </Show>
                </form>
                {move || opened.get().map(|o| view! {
                    <BackupPreview opened=o />
                    <form on:submit=restore novalidate>
                        <div class="field">
                            <label for="restore-staff">{t.restore_who}</label>
                            <select id="restore-staff" on:change=move |ev| staff.set(event_target_value(&ev))>
                                {staff_options().into_iter().map(|(id, label)| {
                                    let id2 = id.clone();
                                    view! { <option value=id prop:selected=move || staff.get() == id2>{label}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <NewPassphraseFields p=pass label=t.passphrase again_label=t.passphrase_again hint=t.restore_pass_hint errors=errors />
                        <button type="submit" class="primary" id="restore-submit" disabled=move || busy.get()>
                            {move || if busy.get() { t.restore_working } else { t.restore_submit }}
                        </button>
                    </form>
                })}
                {submit.banner("restore-error")}
                <button type="button" class="link" id="back-to-setup" on:click=move |_| app.phase.set(Phase::NeedsSetup)>{t.back_to_setup}</button>
            </div>
        </main>
    }
}
