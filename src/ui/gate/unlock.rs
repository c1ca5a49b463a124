//! The locked screen: passphrase, or the recovery code and a new passphrase.

use crate::domain::validation::FieldError;
use crate::store::UnlockReport;
use crate::ui::components::field::{show_errors, Field};
use crate::ui::components::new_passphrase::{NewPassphrase, NewPassphraseFields};
use crate::ui::components::shell::LangSwitch;
use crate::ui::components::submit::Submit;
use crate::ui::i18n::fill;
use crate::ui::preferences;
use crate::ui::session::{error_text, use_app, use_texts, vault, Phase};
use leptos::prelude::*;

#[component]
pub fn UnlockPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let recovering = RwSignal::new(false);
    let pass = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let new_pass = NewPassphrase::new("new_passphrase", "new_passphrase_again");
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let (busy, failure) = (submit.busy, submit.failure);
    // Who may sign in here: the names of the passphrase slots (from the vault header), the last
    // one to sign in first. Copied for the static lock screen of the next visit.
    let names = RwSignal::new(Vec::<(String, String)>::new());
    let staff = RwSignal::new(preferences::last_staff().unwrap_or_default());
    // The everyday pages' code comes while the passphrase is typed, so the dashboard opens at
    // once after unlocking.
    crate::ui::features::dashboard::prefetch();
    leptos::task::spawn_local(async move {
        if let Ok(n) = vault().sign_in_names().await {
            preferences::set_sign_in_names(&n);
            if !n.iter().any(|(id, _)| *id == staff.get_untracked()) {
                if let Some((id, _)) = n.first() {
                    staff.set(id.clone());
                }
            }
            names.set(n);
        }
    });
    let idle_note = preferences::take_locked_after_idle()
        .map(|m| fill(t.locked_idle, &[("n", &m.to_string())]))
        .or_else(|| {
            preferences::take_locked_key_changed().then(|| t.locked_key_changed.to_string())
        });

    let unlocked = move |(report, must_change): (UnlockReport, bool)| {
        if !report.unreadable.is_empty() {
            app.notify(
                fill(
                    t.unreadable_records,
                    &[("n", &report.unreadable.len().to_string())],
                ),
                true,
            );
        }
        app.phase
            .set(match (report.new_recovery_code, must_change) {
                (Some(code), _) => Phase::ShowRecoveryCode(code.to_string()),
                (None, true) => Phase::MustChangePassphrase,
                (None, false) => Phase::Unlocked,
            });
    };
    // A wrong passphrase or code: the field is emptied and focused for the next try.
    let failed = move |e: crate::store::StoreError| {
        if e == crate::store::StoreError::WrongPassphrase && !recovering.get_untracked() {
            // Counted per name, on this browser: after five in a row, a wait (domain/staff.rs).
            preferences::note_wrong_try(&staff.get_untracked(), Some(js_sys::Date::now()));
        }
        pass.set(String::new());
        let field = if recovering.get_untracked() {
            "recovery_code"
        } else {
            "passphrase"
        };
        if let Some(el) = document().get_element_by_id(field) {
            use wasm_bindgen::JsCast;
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
        error_text(t, &e)
    };

    let go = move || {
        if recovering.get_untracked() {
            let ok = show_errors(errors, new_pass.check());
            if !ok {
                return;
            }
        } else if pass.get_untracked().is_empty() {
            return;
        }
        let recover = recovering.get_untracked();
        let (p, c, np) = (pass.get_untracked(), code.get_untracked(), new_pass.value());
        let who = staff.get_untracked();
        if !recover {
            let (n, at) = preferences::wrong_tries(&who);
            let wait = crate::domain::staff::sign_in_delay(n) as f64 * 1000.0;
            let left = ((at + wait - js_sys::Date::now()) / 1000.0).ceil();
            if left > 0.0 {
                failure.set(Some(fill(t.err_wait, &[("n", &left.to_string())])));
                return;
            }
        }
        submit.run(
            async move {
                let v = vault();
                let r = if recover {
                    v.recover_as(
                        &c,
                        Some(&who).filter(|w| !w.is_empty()).map(|w| w.as_str()),
                        &np,
                    )
                    .await
                } else {
                    v.unlock_as(&who, &p).await
                };
                let report = r.map_err(failed)?;
                if !recover {
                    preferences::note_wrong_try(&who, None);
                }
                preferences::set_last_staff(&who);
                let must_change = v.must_change_passphrase().await.unwrap_or(false);
                Ok((report, must_change))
            },
            unlocked,
        );
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        go();
    };
    // What was typed on the static lock screen (index.html), and a submit made there.
    super::boot::take_over("unlock", move |boot| {
        pass.set(boot.value("passphrase").unwrap_or_default());
        if let Some(who) = boot.value("unlock_staff").filter(|w| !w.is_empty()) {
            staff.set(who);
        }
        if boot.action.as_deref() == Some("recover") {
            recovering.set(true);
        } else if boot.submitted {
            go();
        }
    });

    // Who is signing in (or, with the recovery code, whose passphrase is set anew).
    let who = move || {
        view! {
            <div class="field" id="unlock-who">
                <label for="unlock_staff">{t.unlock_who}</label>
                <select id="unlock_staff" on:change=move |ev| staff.set(event_target_value(&ev))>
                    {move || names.get().into_iter().map(|(id, name)| {
                        let selected = id == staff.get_untracked();
                        view! { <option value=id.clone() selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <main class="gate">
            <div class="gate-lang"><LangSwitch /></div>
            <form class="card narrow" on:submit=on_submit novalidate>
                <div class="brand big"><span class="logo" aria-hidden="true">"⌂"</span>" Naungan"</div>
                {idle_note.map(|n| view! { <p class="banner">{n}</p> })}

                <Show when=move || !recovering.get() fallback=move || view! {
                    <h1>{t.recover_title}</h1>
                    <p class="lead">{t.recover_intro}</p>
                    {who()}
                    <Field label=t.recovery_code name="recovery_code" errors=errors>
                        <input id="recovery_code" autocomplete="off" spellcheck="false" class="mono"
                            prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
                    </Field>
                    <NewPassphraseFields p=new_pass label=t.new_passphrase again_label=t.new_passphrase_again hint=t.passphrase_hint errors=errors />
                }>
                    <h1>{t.unlock_title}</h1>
                    <p class="lead">{t.unlock_intro}</p>
                    {who()}
                    <Field label=t.passphrase name="passphrase" errors=errors>
                        <input id="passphrase" type="password" autocomplete="current-password" autofocus
                            prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev)) />
                    </Field>
                </Show>
                {submit.banner("unlock-error")}
                <button type="submit" class="primary" id="unlock-submit" disabled=move || busy.get()>
                    {move || match (busy.get(), recovering.get()) {
                        (true, _) => t.unlock_working,
                        (false, true) => t.recover_submit,
                        (false, false) => t.unlock_submit,
                    }}
                </button>
                <button type="button" class="link" id="toggle-recovery" on:click=move |_| {
                    recovering.update(|r| *r = !*r);
                    failure.set(None);
                    errors.set(vec![]);
                }>
                    {move || if recovering.get() { t.back_to_unlock } else { t.forgot }}
                </button>
            </form>
        </main>
    }
}

/// After signing in with a passphrase the head or admin set: the member chooses their own.
#[component]
pub fn OwnPassphrasePage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let new_pass = NewPassphrase::new("new_passphrase", "new_passphrase_again");
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let busy = submit.busy;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ok = show_errors(errors, new_pass.check());
        if !ok {
            return;
        }
        let np = new_pass.value();
        submit.run(
            async move {
                vault()
                    .replace_set_passphrase(&np)
                    .await
                    .map_err(|e| error_text(t, &e))
            },
            move |()| {
                app.notify(t.passphrase_changed, false);
                app.phase.set(Phase::Unlocked);
            },
        );
    };
    view! {
        <main class="gate">
            <form class="card narrow" on:submit=on_submit novalidate>
                <h1>{t.must_change_title}</h1>
                <p class="lead">{t.must_change_intro}</p>
                <NewPassphraseFields p=new_pass label=t.new_passphrase again_label=t.new_passphrase_again hint=t.passphrase_hint errors=errors />
                {submit.banner("own-passphrase-error")}
                <button type="submit" class="primary" id="own-passphrase-submit" disabled=move || busy.get()>
                    {move || if busy.get() { t.saving } else { t.must_change_submit }}
                </button>
            </form>
        </main>
    }
}
