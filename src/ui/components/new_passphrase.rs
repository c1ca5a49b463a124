//! A new passphrase, typed twice, with the strength rule: set-up, recovery, restore and backups
//! all ask for one this way.

use crate::domain::passphrase;
use crate::domain::validation::FieldError;
use crate::ui::components::field::Field;
use leptos::prelude::*;

/// The two fields' ids, labels and hint, and the signals they fill.
#[derive(Clone, Copy)]
pub struct NewPassphrase {
    pub id: &'static str,
    pub again_id: &'static str,
    pub pass: RwSignal<String>,
    pub again: RwSignal<String>,
}

impl NewPassphrase {
    pub fn new(id: &'static str, again_id: &'static str) -> NewPassphrase {
        NewPassphrase {
            id,
            again_id,
            pass: RwSignal::new(String::new()),
            again: RwSignal::new(String::new()),
        }
    }

    /// The problems with what was typed (too weak, the two differ), by field.
    pub fn check(self) -> Vec<FieldError> {
        passphrase::check_new(
            self.id,
            self.again_id,
            &self.pass.get_untracked(),
            &self.again.get_untracked(),
        )
    }

    pub fn value(self) -> String {
        self.pass.get_untracked()
    }
}

#[component]
pub fn NewPassphraseFields(
    p: NewPassphrase,
    label: &'static str,
    again_label: &'static str,
    hint: &'static str,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let input = move |id: &'static str, value: RwSignal<String>| {
        view! {
            <input id=id type="password" autocomplete="new-password" prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
        }
    };
    view! {
        <Field label=label name=p.id errors=errors hint=hint>{input(p.id, p.pass)}</Field>
        <Field label=again_label name=p.again_id errors=errors>{input(p.again_id, p.again)}</Field>
    }
}
