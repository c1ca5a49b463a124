//! A labelled form field with its hint and its validation message.

use crate::domain::validation::FieldError;
use crate::ui::session::use_texts;
use leptos::prelude::*;

/// The message for `name`, if validation found a problem with it.
pub fn field_error(
    errors: RwSignal<Vec<FieldError>>,
    name: &'static str,
) -> impl Fn() -> Option<String> + Copy {
    let t = use_texts();
    move || {
        errors.with(|e| {
            e.iter()
                .find(|x| x.field == name)
                .map(|x| t.problem(x.problem))
        })
    }
}

#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    errors: RwSignal<Vec<FieldError>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] optional: bool,
    children: Children,
) -> impl IntoView {
    let t = use_texts();
    let err = field_error(errors, name);
    view! {
        <div class="field" class:invalid=move || err().is_some()>
            <label for=name>
                {label}
                {optional.then(|| view! { <span class="optional">" (" {t.optional} ")"</span> })}
            </label>
            {children()}
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            <p class="error" id=format!("{name}-error") aria-live="polite">{err}</p>
        </div>
    }
}

/// A `<select>` of a domain choice, with each option's label from the translation table.
pub fn choice_select<T: Copy + Send + Sync + 'static>(
    id: &'static str,
    all: &'static [T],
    label: fn(T) -> &'static str,
    code: fn(T) -> String,
    get: impl Fn() -> String + Copy + Send + Sync + 'static,
    set: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <select id=id name=id on:change=move |ev| set(event_target_value(&ev))>
            {all
                .iter()
                .map(|v| {
                    let c = code(*v);
                    let c2 = c.clone();
                    view! { <option value=c prop:selected=move || get() == c2>{label(*v)}</option> }
                })
                .collect_view()}
        </select>
    }
}

/// Moves keyboard focus to the first field with a problem (after a failed submit).
/// Shows a form's problems: each under its field, the focus on the first. True if there are none.
pub fn show_errors(shown: RwSignal<Vec<FieldError>>, found: Vec<FieldError>) -> bool {
    focus_first_error(&found);
    let ok = found.is_empty();
    shown.set(found);
    ok
}

pub fn focus_first_error(errors: &[FieldError]) {
    use wasm_bindgen::JsCast;
    if let Some(first) = errors.first() {
        if let Some(el) = document().get_element_by_id(first.field) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    }
}
