//! First run: set up the shelter, its first administrator and the passphrase.

use crate::domain::shelter::Shelter;
use crate::domain::staff::{StaffMember, StaffRole};
use crate::domain::validation::FieldError;
use crate::ui::components::field::{show_errors, Field};
use crate::ui::components::new_passphrase::{NewPassphrase, NewPassphraseFields};
use crate::ui::components::shell::LangSwitch;
use crate::ui::components::submit::Submit;
use crate::ui::session::{error_text, use_app, use_texts, vault, Phase};
use leptos::prelude::*;

#[component]
pub fn SetupPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let shelter = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let pass = NewPassphrase::new("passphrase", "passphrase_again");
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();

    let go = move || {
        let mut e = vec![];
        let sh = Shelter::validated(&shelter.get_untracked())
            .map_err(|x| e.extend(x))
            .ok();
        // The first member is the head: the recovery code is theirs, and only a head makes
        // another head (domain/staff.rs).
        let admin = StaffMember::validated(&name.get_untracked(), StaffRole::Head)
            .map_err(|x| e.extend(x))
            .ok();
        e.extend(pass.check());
        let ok = show_errors(errors, e);
        let (Some(sh), Some(admin), true) = (sh, admin, ok) else {
            return;
        };
        let p = pass.value();
        submit.run(
            async move {
                let code = vault()
                    .set_up(sh, admin, &p)
                    .await
                    .map_err(|e| error_text(t, &e))?;
                // Ask the browser to keep the data for good (Settings says whether it does).
                let _ = crate::ui::storage::ask_to_keep().await;
                Ok(code)
            },
            move |code| app.phase.set(Phase::ShowRecoveryCode(code.to_string())),
        );
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        go();
    };
    // What was typed on the static set-up screen (index.html), and what was pressed there.
    super::boot::take_over("setup", move |boot| {
        let typed = |id: &str| boot.value(id).unwrap_or_default();
        shelter.set(typed("shelter_name"));
        name.set(typed("staff_name"));
        pass.pass.set(typed("passphrase"));
        pass.again.set(typed("passphrase_again"));
        if boot.action.as_deref() == Some("restore") {
            app.phase.set(Phase::Restore);
        } else if boot.submitted {
            go();
        }
    });
    let busy = submit.busy;

    view! {
        <main class="gate">
            <div class="gate-lang"><LangSwitch /></div>
            <form class="card narrow" on:submit=on_submit novalidate>
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
                <NewPassphraseFields p=pass label=t.passphrase again_label=t.passphrase_again hint=t.passphrase_hint errors=errors />
                {submit.banner("setup-error")}
                <button type="submit" class="primary" id="setup-submit" disabled=move || busy.get()>
                    {move || if busy.get() { t.setup_working } else { t.setup_submit }}
                </button>
                <button type="button" class="link" id="restore-link" on:click=move |_| app.phase.set(Phase::Restore)>{t.restore_link}</button>
            </form>
        </main>
    }
}
