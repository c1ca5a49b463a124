//! Shown once, right after set-up: the recovery code to print and keep.

use crate::ui::components::shell::LangSwitch;
use crate::ui::session::{use_app, use_texts, Phase};
use leptos::prelude::*;

#[component]
pub fn RecoveryCodePage(code: String) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let stored = RwSignal::new(false);
    let cut = code
        .match_indices('-')
        .nth(3)
        .map(|(i, _)| i + 1)
        .unwrap_or(code.len());
    let (first, second) = (code[..cut].to_string(), code[cut..].to_string());
    view! {
        <main class="gate">
            <div class="gate-lang"><LangSwitch /></div>
            <section class="card narrow recovery">
                <h1>{t.recovery_title}</h1>
                <p class="lead">{t.recovery_intro}</p>
                // Two lines of four groups; the text content stays the whole code.
                <p class="code" id="recovery-code" translate="no">
                    <span>{first}</span>
                    <span>{second}</span>
                </p>
                <div class="row">
                    <button type="button" on:click=move |_| { let _ = window().print(); }>{t.recovery_print}</button>
                </div>
                <label class="check">
                    <input type="checkbox" id="recovery-stored" prop:checked=move || stored.get()
                        on:change=move |ev| stored.set(event_target_checked(&ev)) />
                    {t.recovery_confirm}
                </label>
                <button type="button" class="primary" id="recovery-continue" disabled=move || !stored.get()
                    on:click=move |_| app.phase.set(Phase::Unlocked)>
                    {t.recovery_continue}
                </button>
            </section>
        </main>
    }
}
