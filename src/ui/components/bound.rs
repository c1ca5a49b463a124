//! Building blocks of the casework-style panels, described as data: facts (a definition
//! list), tables of text, and form inputs bound to text signals, laid out as labelled fields or
//! as a table of rows.
//!
//! Why data and not a `view!` per panel: every `view!` tree is a type of its own, and its
//! rendering code is compiled again for it, so each panel written out element by element cost
//! 10–25 KB of the first load. These functions take concrete arguments: they are compiled once,
//! and a panel built from them costs little more than its texts.

use crate::domain::validation::FieldError;
use crate::ui::components::field::field_error;
use crate::ui::session::use_texts;
use leptos::prelude::*;

/// A definition list: each label with its value ("—" where empty).
pub fn facts(id: &'static str, items: Vec<(&'static str, String)>) -> AnyView {
    let items = items
        .into_iter()
        .map(|(label, value)| {
            let value = if value.trim().is_empty() {
                "—".to_string()
            } else {
                value
            };
            view! { <dt>{label}</dt><dd>{value}</dd> }
        })
        .collect_view();
    view! { <dl id=id>{items}</dl> }.into_any()
}

/// A table with a caption, column headers and its rows (each a `<tr>`).
fn table_of(
    id: &'static str,
    caption: &'static str,
    head: Vec<&'static str>,
    rows: Vec<AnyView>,
) -> AnyView {
    let head = head
        .into_iter()
        .map(|h| view! { <th scope="col">{h}</th> })
        .collect_view();
    view! {
        <table class="list" id=id>
            <caption class="muted small">{caption}</caption>
            <thead><tr>{head}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// A table of text with a caption and column headers.
pub fn table(
    id: &'static str,
    caption: &'static str,
    head: Vec<&'static str>,
    rows: Vec<Vec<String>>,
) -> AnyView {
    let rows = rows
        .into_iter()
        .map(|r| {
            let cells = r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view();
            view! { <tr>{cells}</tr> }.into_any()
        })
        .collect();
    table_of(id, caption, head, rows)
}

/// A list of short texts, each an item.
pub fn items(id: &'static str, items: Vec<String>) -> AnyView {
    let items = items
        .into_iter()
        .map(|i| view! { <li>{i}</li> })
        .collect_view();
    view! { <ul class="plain stack" id=id>{items}</ul> }.into_any()
}

/// What kind of control an input is.
#[derive(Clone)]
pub enum Control {
    Text,
    Date,
    /// A text area of this many rows.
    Area(u32),
    /// A choice among `(code, label)`, "choose" first.
    Choice(Vec<(String, String)>),
}

/// One form input: its field name (the id validation names it by), label, control and value.
#[derive(Clone)]
pub struct Input {
    pub name: &'static str,
    pub label: String,
    pub control: Control,
    pub optional: bool,
    pub hint: Option<&'static str>,
    pub value: RwSignal<String>,
}

impl Input {
    pub fn new(
        name: &'static str,
        label: impl Into<String>,
        control: Control,
        value: RwSignal<String>,
    ) -> Input {
        Input {
            name,
            label: label.into(),
            control,
            optional: false,
            hint: None,
            value,
        }
    }

    pub fn optional(mut self) -> Input {
        self.optional = true;
        self
    }

    pub fn hint(mut self, hint: &'static str) -> Input {
        self.hint = Some(hint);
        self
    }
}

/// The control alone. `aria`: its accessible name where no `<label for>` gives one.
fn control(i: Input, aria: Option<String>) -> AnyView {
    let (name, value) = (i.name, i.value);
    let set = move |ev| value.set(event_target_value(&ev));
    match i.control {
        Control::Text | Control::Date => {
            let kind = if matches!(i.control, Control::Date) { "date" } else { "text" };
            view! { <input type=kind id=name name=name aria-label=aria prop:value=move || value.get() on:input=set /> }
                .into_any()
        }
        Control::Area(rows) => {
            view! { <textarea id=name name=name rows=rows aria-label=aria prop:value=move || value.get() on:input=set></textarea> }
                .into_any()
        }
        Control::Choice(options) => {
            let t = use_texts();
            let options = options
                .into_iter()
                .map(|(code, text)| {
                    let c2 = code.clone();
                    view! { <option value=code prop:selected=move || value.with(|v| *v == c2)>{text}</option> }
                })
                .collect_view();
            view! {
                <select id=name name=name aria-label=aria on:change=set>
                    <option value="" prop:selected=move || value.with(String::is_empty)>{t.case.choose}</option>
                    {options}
                </select>
            }
            .into_any()
        }
    }
}

/// The problem validation found with `name`, where its field shows it.
pub fn error(errors: RwSignal<Vec<FieldError>>, name: &'static str) -> AnyView {
    let err = field_error(errors, name);
    view! { <p class="error" id=format!("{name}-error") aria-live="polite">{err}</p> }.into_any()
}

/// Labelled fields side by side (wrapping), each with its hint and its problem.
pub fn fields(errors: RwSignal<Vec<FieldError>>, inputs: Vec<Input>) -> AnyView {
    let t = use_texts();
    let fields = inputs
        .into_iter()
        .map(|i| {
            let (name, label, optional, hint) = (i.name, i.label.clone(), i.optional, i.hint);
            let wide = matches!(i.control, Control::Area(_));
            let err = field_error(errors, name);
            view! {
                <div class="field" class:wide=wide class:invalid=move || err().is_some()>
                    <label for=name>{label}{optional.then(|| view! { <span class="optional">" (" {t.optional} ")"</span> })}</label>
                    {control(i, None)}
                    {hint.map(|h| view! { <p class="hint">{h}</p> })}
                    {error(errors, name)}
                </div>
            }
        })
        .collect_view();
    view! { <div class="row wrap">{fields}</div> }.into_any()
}

/// Rows of inputs as a table: the column headers label them (each control is named by its
/// column and row number for screen readers).
pub fn grid(
    errors: RwSignal<Vec<FieldError>>,
    id: &'static str,
    caption: &'static str,
    head: Vec<&'static str>,
    rows: Vec<Vec<Input>>,
) -> AnyView {
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(n, r)| {
            let cells = r
                .into_iter()
                .map(|i| {
                    let (name, aria) = (i.name, format!("{} {}", i.label, n + 1));
                    view! { <td>{control(i, Some(aria))}{error(errors, name)}</td> }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }.into_any()
        })
        .collect();
    table_of(id, caption, head, rows)
}

/// What a button does.
pub type Action = Box<dyn Fn()>;

/// A form: its title, its parts, its problem banner and its save button (and a cancel button
/// where `cancel` gives its id, label and action). `send` runs on submit.
#[allow(clippy::too_many_arguments)]
pub fn form(
    id: &'static str,
    title: Option<String>,
    parts: Vec<AnyView>,
    submit: super::submit::Submit,
    save: (&'static str, &'static str),
    cancel: Option<(&'static str, &'static str, Action)>,
    send: Action,
) -> AnyView {
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send();
    };
    let cancel = cancel.map(|(cid, label, act)| {
        view! { <button type="button" id=cid on:click=move |_| act()>{label}</button> }
    });
    view! {
        <form class="stack" id=id on:submit=on_submit novalidate>
            {title.map(|t| view! { <h3>{t}</h3> })}
            {parts}
            {submit.banner(format!("{id}-error"))}
            <div class="row">
                <button type="submit" class="primary" id=save.0 disabled=move || submit.busy.get()>{save.1}</button>
                {cancel}
            </div>
        </form>
    }
    .into_any()
}
