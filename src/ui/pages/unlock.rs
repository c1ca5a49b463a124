//! The locked screen: passphrase, or the recovery code and a new passphrase.

use crate::domain::passphrase;
use crate::domain::validation::FieldError;
use crate::store::UnlockReport;
use crate::ui::components::field::{focus_first_error, Field};
use crate::ui::components::shell::LangSwitch;
use crate::ui::i18n::fill;
use crate::ui::preferences;
use crate::ui::session::{error_text, use_app, use_texts, vault, Phase};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

#[component]
pub fn UnlockPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let recovering = RwSignal::new(false);
    let pass = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let new_pass = RwSignal::new(String::new());
    let new_again = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let idle_note = preferences::take_locked_after_idle()
        .map(|m| fill(t.locked_idle, &[("n", &m.to_string())]));

    let finish = move |r: Result<UnlockReport, crate::store::StoreError>| match r {
        Ok(report) => {
            if !report.unreadable.is_empty() {
                app.notify(
                    fill(
                        t.unreadable_records,
                        &[("n", &report.unreadable.len().to_string())],
                    ),
                    true,
                );
            }
            app.phase.set(Phase::Unlocked);
        }
        Err(e) => {
            failure.set(Some(error_text(t, &e)));
            busy.set(false);
            pass.set(String::new());
            if let Some(el) = document().get_element_by_id(if recovering.get_untracked() {
                "recovery_code"
            } else {
                "passphrase"
            }) {
                use wasm_bindgen::JsCast;
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        if recovering.get_untracked() {
            let e = passphrase::check_new(
                "new_passphrase",
                "new_passphrase_again",
                &new_pass.get_untracked(),
                &new_again.get_untracked(),
            );
            focus_first_error(&e);
            let ok = e.is_empty();
            errors.set(e);
            if !ok {
                return;
            }
        } else if pass.get_untracked().is_empty() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            gloo_timers::future::sleep(Duration::from_millis(50)).await;
            let v = vault();
            let r = if recovering.get_untracked() {
                v.recover(&code.get_untracked(), &new_pass.get_untracked())
                    .await
            } else {
                v.unlock(&pass.get_untracked()).await
            };
            finish(r);
        });
    };

    view! {
        <main class="gate">
            <div class="gate-lang"><LangSwitch /></div>
            <form class="card narrow" on:submit=submit novalidate>
                <div class="brand big"><span class="logo" aria-hidden="true">"⌂"</span>" Naungan"</div>
                {idle_note.map(|n| view! { <p class="banner">{n}</p> })}
                <Show when=move || !recovering.get() fallback=move || view! {
                    <h1>{t.recover_title}</h1>
                    <p class="lead">{t.recover_intro}</p>
                    <Field label=t.recovery_code name="recovery_code" errors=errors>
                        <input id="recovery_code" autocomplete="off" spellcheck="false" class="mono"
                            prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
                    </Field>
                    <Field label=t.new_passphrase name="new_passphrase" errors=errors hint=t.passphrase_hint>
                        <input id="new_passphrase" type="password" autocomplete="new-password"
                            prop:value=move || new_pass.get() on:input=move |ev| new_pass.set(event_target_value(&ev)) />
                    </Field>
                    <Field label=t.new_passphrase_again name="new_passphrase_again" errors=errors>
                        <input id="new_passphrase_again" type="password" autocomplete="new-password"
                            prop:value=move || new_again.get() on:input=move |ev| new_again.set(event_target_value(&ev)) />
                    </Field>
                }>
                    <h1>{t.unlock_title}</h1>
                    <p class="lead">{t.unlock_intro}</p>
                    <Field label=t.passphrase name="passphrase" errors=errors>
                        <input id="passphrase" type="password" autocomplete="current-password" autofocus
                            prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev)) />
                    </Field>
                </Show>
                {move || failure.get().map(|f| view! { <p class="banner error" role="alert" id="unlock-error">{f}</p> })}
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
