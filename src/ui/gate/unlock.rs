//! The locked screen: passphrase, or the recovery code and a new passphrase.

use crate::domain::validation::FieldError;
use crate::store::UnlockReport;
use crate::ui::components::field::{focus_first_error, Field};
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
    let idle_note = preferences::take_locked_after_idle()
        .map(|m| fill(t.locked_idle, &[("n", &m.to_string())]));

    let unlocked = move |report: UnlockReport| {
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
    };
    // A wrong passphrase or code: the field is emptied and focused for the next try.
    let failed = move |e: crate::store::StoreError| {
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
            let e = new_pass.check();
            focus_first_error(&e);
            let ok = e.is_empty();
            errors.set(e);
            if !ok {
                return;
            }
        } else if pass.get_untracked().is_empty() {
            return;
        }
        let recover = recovering.get_untracked();
        let (p, c, np) = (pass.get_untracked(), code.get_untracked(), new_pass.value());
        submit.run(
            async move {
                let v = vault();
                let r = if recover {
                    v.recover(&c, &np).await
                } else {
                    v.unlock(&p).await
                };
                r.map_err(failed)
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
        if boot.action.as_deref() == Some("recover") {
            recovering.set(true);
        } else if boot.submitted {
            go();
        }
    });

    view! {
        <main class="gate">
            <div class="gate-lang"><LangSwitch /></div>
            <form class="card narrow" on:submit=on_submit novalidate>
                <div class="brand big"><span class="logo" aria-hidden="true">"⌂"</span>" Naungan"</div>
                {idle_note.map(|n| view! { <p class="banner">{n}</p> })}
                <Show when=move || !recovering.get() fallback=move || view! {
                    <h1>{t.recover_title}</h1>
                    <p class="lead">{t.recover_intro}</p>
                    <Field label=t.recovery_code name="recovery_code" errors=errors>
                        <input id="recovery_code" autocomplete="off" spellcheck="false" class="mono"
                            prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
                    </Field>
                    <NewPassphraseFields p=new_pass label=t.new_passphrase again_label=t.new_passphrase_again hint=t.passphrase_hint errors=errors />
                }>
                    <h1>{t.unlock_title}</h1>
                    <p class="lead">{t.unlock_intro}</p>
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
