//! First run: set up the shelter, its first administrator and the passphrase.

use crate::domain::code_of;
use crate::domain::passphrase;
use crate::domain::shelter::Shelter;
use crate::domain::staff::{StaffMember, StaffRole};
use crate::domain::validation::FieldError;
use crate::ui::components::field::{choice_select, focus_first_error, Field};
use crate::ui::components::shell::LangSwitch;
use crate::ui::session::{error_text, use_app, use_texts, vault, Phase};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

#[component]
pub fn SetupPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let shelter = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(code_of(StaffRole::Head));
    let pass = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let role_v = StaffRole::ALL
            .into_iter()
            .find(|r| code_of(*r) == role.get_untracked())
            .unwrap_or(StaffRole::Head);
        let mut e = vec![];
        let sh = Shelter::validated(&shelter.get_untracked())
            .map_err(|x| e.extend(x))
            .ok();
        let admin = StaffMember::validated(&name.get_untracked(), role_v)
            .map_err(|x| e.extend(x))
            .ok();
        e.extend(passphrase::check_new(
            "passphrase",
            "passphrase_again",
            &pass.get_untracked(),
            &again.get_untracked(),
        ));
        focus_first_error(&e);
        errors.set(e);
        let (Some(sh), Some(admin)) = (sh, admin) else {
            return;
        };
        if !errors.get_untracked().is_empty() {
            return;
        }
        busy.set(true);
        failure.set(None);
        let p = pass.get_untracked();
        spawn_local(async move {
            // Let the browser paint "please wait" before the key derivation occupies it.
            gloo_timers::future::sleep(Duration::from_millis(50)).await;
            match vault().set_up(sh, admin, &p).await {
                Ok(code) => app.phase.set(Phase::ShowRecoveryCode(code.to_string())),
                Err(e) => {
                    failure.set(Some(error_text(t, &e)));
                    busy.set(false);
                }
            }
        });
    };

    view! {
        <main class="gate">
            <div class="gate-lang"><LangSwitch /></div>
            <form class="card narrow" on:submit=submit novalidate>
                <h1>{t.setup_title}</h1>
                <p class="lead">{t.setup_intro}</p>
                <Field label=t.shelter_name name="shelter_name" errors=errors>
                    <input id="shelter_name" autocomplete="organization" prop:value=move || shelter.get()
                        on:input=move |ev| shelter.set(event_target_value(&ev)) />
                </Field>
                <Field label=t.admin_name name="staff_name" errors=errors>
                    <input id="staff_name" autocomplete="name" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) />
                </Field>
                <Field label=t.admin_role name="staff_role" errors=errors>
                    {choice_select("staff_role", &StaffRole::ALL, t.role, code_of, move || role.get(), move |v| role.set(v))}
                </Field>
                <Field label=t.passphrase name="passphrase" errors=errors hint=t.passphrase_hint>
                    <input id="passphrase" type="password" autocomplete="new-password" prop:value=move || pass.get()
                        on:input=move |ev| pass.set(event_target_value(&ev)) />
                </Field>
                <Field label=t.passphrase_again name="passphrase_again" errors=errors>
                    <input id="passphrase_again" type="password" autocomplete="new-password" prop:value=move || again.get()
                        on:input=move |ev| again.set(event_target_value(&ev)) />
                </Field>
                {move || failure.get().map(|f| view! { <p class="banner error" role="alert">{f}</p> })}
                <button type="submit" class="primary" id="setup-submit" disabled=move || busy.get()>
                    {move || if busy.get() { t.setup_working } else { t.setup_submit }}
                </button>
                <button type="button" class="link" id="restore-link" on:click=move |_| app.phase.set(Phase::Restore)>{t.restore_link}</button>
            </form>
        </main>
    }
}
