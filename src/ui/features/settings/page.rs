//! Pengaturan: language, auto-lock, and where the data lives.

use crate::domain::permissions::Section;
use crate::domain::record::RecordBody;
use crate::domain::shelter::Shelter;
use crate::domain::validation::FieldError;
use crate::store::Change;
use crate::ui::components::field::Field;
use crate::ui::components::submit::Submit;
use crate::ui::i18n::{fill, Lang};
use crate::ui::preferences;
use crate::ui::session::{may, use_app, use_texts, vault};
use crate::ui::storage::size;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let minutes = RwSignal::new(preferences::idle_minutes().to_string());
    let invalid = RwSignal::new(false);
    let warn_days = RwSignal::new(preferences::backup_warn_days().to_string());
    let invalid_days = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let m = minutes
            .get_untracked()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=120).contains(m));
        let d = warn_days
            .get_untracked()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=90).contains(d));
        invalid.set(m.is_none());
        invalid_days.set(d.is_none());
        if let (Some(m), Some(d)) = (m, d) {
            preferences::set_idle_minutes(m);
            preferences::set_backup_warn_days(d);
            app.notify(t.settings.settings_saved, false);
        }
    };
    let storage = crate::ui::storage::status_signal();
    let storage_view = move || {
        let st = storage.get()?;
        let (text, kept) = match st {
            Some(s) if s.persisted => (t.settings.storage_kept, true),
            Some(_) => (t.settings.storage_not_kept, false),
            None => (t.settings.storage_unknown, false),
        };
        let usage = st.and_then(|s| Some((s.usage?, s.quota?))).map(|(u, q)| {
            fill(
                t.settings.storage_usage,
                &[("used", &size(u)), ("quota", &size(q))],
            )
        });
        Some(view! {
            <p class="banner" class:warn=!kept id="storage-status">{text}</p>
            {usage.map(|u| view! { <p class="muted" id="storage-usage">{u}</p> })}
        })
    };
    let set_lang = move |ev| {
        let l = Lang::from_code(&event_target_value(&ev));
        preferences::set_lang(l);
        app.lang.set(l);
    };
    view! {
        <h1>{t.settings.settings_title}</h1>
        <form class="card narrow" on:submit=save novalidate>
            <div class="field">
                <label for="language">{t.settings.language}</label>
                <select id="language" on:change=set_lang>
                    <option value="id" prop:selected=move || app.lang.get() == Lang::Id>"Bahasa Indonesia"</option>
                    <option value="en" prop:selected=move || app.lang.get() == Lang::En>"English"</option>
                </select>
            </div>
            <div class="field" class:invalid=move || invalid.get()>
                <label for="idle_minutes">{t.settings.idle_lock}</label>
                <input id="idle_minutes" type="number" min="1" max="120" prop:value=move || minutes.get()
                    on:input=move |ev| minutes.set(event_target_value(&ev)) />
                <p class="hint">{t.settings.idle_lock_hint}</p>
                <p class="error" aria-live="polite">{move || invalid.get().then(|| t.p_out_of_range.replace("{min}", "1").replace("{max}", "120"))}</p>
            </div>
            <div class="field" class:invalid=move || invalid_days.get()>
                <label for="backup_warn_days">{t.settings.backup_warn_days}</label>
                <input id="backup_warn_days" type="number" min="1" max="90" prop:value=move || warn_days.get()
                    on:input=move |ev| warn_days.set(event_target_value(&ev)) />
                <p class="hint">{t.settings.backup_warn_hint}</p>
                <p class="error" aria-live="polite">{move || invalid_days.get().then(|| t.p_out_of_range.replace("{min}", "1").replace("{max}", "90"))}</p>
            </div>
            <button type="submit" class="primary" id="save-settings">{t.save}</button>
        </form>
        <ShelterSettings />
        <section class="card narrow" id="staff">
            <h2>{t.staff.staff_title}</h2>
            <p>{t.staff.staff_intro}</p>
            <A href="/pengaturan/petugas" attr:class="button" attr:id="settings-staff">{t.staff.staff_link}</A>
        </section>
        {crate::ui::session::may(crate::domain::permissions::Section::AccessLog, false).then(|| view! {
            <section class="card narrow" id="access">
                <h2>{t.access_log.log_title}</h2>
                <p>{t.access_log.log_intro}</p>
                <A href="/pengaturan/catatan-akses" attr:class="button" attr:id="settings-access">{t.access_log.log_link}</A>
            </section>
        })}
        <crate::ui::features::staff::OwnPassphrase />
        {cfg!(debug_assertions).then(|| view! { <super::dev_tools::DevTools /> })}
        <section class="card narrow">
            <h2>{t.backup_title}</h2>
            <p>{t.backup_intro}</p>
            <A href="/cadangan" attr:class="button primary" attr:id="settings-backup">{t.make_backup}</A>
        </section>
        <section class="card narrow" id="storage">
            <h2>{t.settings.storage_title}</h2>
            {storage_view}
        </section>
        <section class="card narrow" id="offline">
            <h2>{t.offline.offline_title}</h2>
            {move || {
                let (text, ok) = crate::ui::offline::status_text(t, app.offline.get());
                view! { <p class="banner" class:warn=!ok id="offline-status">{text}</p> }
            }}
        </section>
        <section class="card narrow">
            <h2>{t.settings.about_title}</h2>
            <p>{t.about_storage}</p>
            <p class="muted small">{t.settings.credits}</p>
        </section>
    }
}

/// The shelter's own settings (a record, so every laptop with its backups follows them): its
/// name and the aftercare schedule.
#[component]
fn ShelterSettings() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let s = t.settings;
    let found = vault()
        .read(|ix| ix.first::<Shelter>().map(|l| l.to_owned()))
        .ok()
        .flatten();
    let Some((meta, shelter)) = found else {
        return ().into_any();
    };
    let writer = may(Section::Shelter, true);
    // The revision saved last, so a second save in a row changes that one.
    let base_rev = RwSignal::new(meta.rev);
    let name = RwSignal::new(shelter.name.clone());
    let months = RwSignal::new(
        shelter
            .aftercare_months()
            .iter()
            .map(|m| m.to_string())
            .collect::<Vec<_>>()
            .join(", "),
    );
    let address = RwSignal::new(shelter.address.clone());
    let pattern = RwSignal::new(shelter.letter_pattern().to_string());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match Shelter::settings(
            &name.get_untracked(),
            &months.get_untracked(),
            &address.get_untracked(),
            &pattern.get_untracked(),
        ) {
            Err(e) => errors.set(e),
            Ok(body) => {
                errors.set(vec![]);
                let change = Change::Update {
                    id: meta.id.clone(),
                    base_rev: base_rev.get_untracked(),
                    body: RecordBody::Shelter(body),
                };
                submit.save(vec![change], move |saved| {
                    if let Some(r) = saved.first() {
                        base_rev.set(r.meta.rev);
                    }
                    app.notify(s.shelter_saved, false)
                });
            }
        }
    };
    view! {
        <form class="card narrow stack" id="shelter-settings" on:submit=on_submit novalidate>
            <h2>{s.shelter_title}</h2>
            <Field label=t.shelter_name name="shelter_name" errors=errors>
                <input type="text" id="shelter_name" prop:value=move || name.get() disabled=!writer
                    on:input=move |ev| name.set(event_target_value(&ev)) />
            </Field>
            <Field label=s.shelter_address name="shelter_address" errors=errors optional=true>
                <textarea id="shelter_address" rows="2" prop:value=move || address.get() disabled=!writer
                    on:input=move |ev| address.set(event_target_value(&ev))></textarea>
            </Field>
            <Field label=s.letter_pattern name="letter_pattern" errors=errors hint=s.letter_pattern_hint>
                <input type="text" id="letter_pattern" prop:value=move || pattern.get() disabled=!writer
                    on:input=move |ev| pattern.set(event_target_value(&ev)) />
            </Field>
            <Field label=s.aftercare_months name="aftercare_months" errors=errors hint=s.aftercare_months_hint>
                <input type="text" id="aftercare_months" inputmode="numeric" prop:value=move || months.get() disabled=!writer
                    on:input=move |ev| months.set(event_target_value(&ev)) />
            </Field>
            {submit.banner("shelter-error")}
            {if writer {
                view! { <div class="row"><button type="submit" class="primary" id="save-shelter" disabled=move || submit.busy.get()>{s.save_shelter}</button></div> }.into_any()
            } else {
                view! { <p class="muted">{s.shelter_read_only}</p> }.into_any()
            }}
        </form>
    }
    .into_any()
}
