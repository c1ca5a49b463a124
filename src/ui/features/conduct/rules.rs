//! `/tata-tertib`: the house rules with their graduated sanctions, and the form to add one or
//! change one (a rule no longer in force is retired, so its violations keep their rule).

use crate::domain::conduct::HouseRule;
use crate::domain::permissions::Section;
use crate::domain::record::RecordMeta;
use crate::domain::sorting;
use crate::domain::validation::FieldError;
use crate::ui::components::bound::{self, Control, Input};
use crate::ui::components::submit::Submit;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::{may, use_app, use_texts, vault};
use leptos::prelude::*;

#[component]
pub fn RulesPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let c = t.conduct;
    let editing = RwSignal::new(None::<(RecordMeta, HouseRule)>);
    let list = move || {
        app.data_version.track();
        let writer = may(Section::Shelter, true);
        let mut rows: Vec<(RecordMeta, HouseRule)> = vault()
            .read(|ix| ix.all::<HouseRule>().map(|l| l.to_owned()).collect())
            .unwrap_or_default();
        sorting::sort_by(&mut rows, |a, b| {
            a.1.retired
                .cmp(&b.1.retired)
                .then_with(|| a.1.title.cmp(&b.1.title))
        });
        let body = rows
            .into_iter()
            .map(|(meta, r)| {
                let status = if r.retired { c.retired } else { c.in_force };
                let sanctions = r
                    .sanctions
                    .iter()
                    .map(|s| view! { <li>{s.clone()}</li> })
                    .collect_view();
                let edit = (meta, r.clone());
                view! {
                    <tr>
                        <th scope="row">{r.title.clone()}</th>
                        <td><ol class="sanctions">{sanctions}</ol></td>
                        <td>{status}</td>
                        <td>{writer.then(|| view! {
                            <button type="button" class="small edit-rule" on:click=move |_| editing.set(Some(edit.clone()))>{c.edit}</button>
                        })}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="list" id="rules">
                <caption class="muted small">{c.rules_caption}</caption>
                <thead><tr>
                    <th scope="col">{c.col_rule}</th><th scope="col">{c.col_sanctions}</th><th scope="col">{c.col_status}</th>
                    <th scope="col"><span class="visually-hidden">{c.edit}</span></th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        }
    };
    view! {
        <h1>{c.rules_title}</h1>
        <p class="lead">{c.rules_intro}</p>
        <section class="card">{list}</section>
        {move || may(Section::Shelter, true).then(|| rule_form(t, editing.get(), editing))}
    }
}

fn rule_form(
    t: &'static Texts,
    chosen: Option<(RecordMeta, HouseRule)>,
    editing: RwSignal<Option<(RecordMeta, HouseRule)>>,
) -> AnyView {
    let app = use_app();
    let c = t.conduct;
    let r = chosen.as_ref().map(|(_, r)| r.clone());
    let title = RwSignal::new(r.as_ref().map(|r| r.title.clone()).unwrap_or_default());
    let sanctions = RwSignal::new(
        r.as_ref()
            .map(|r| r.sanctions.join("\n"))
            .unwrap_or_default(),
    );
    let status = RwSignal::new(
        if r.as_ref().is_some_and(|r| r.retired) {
            "retired"
        } else {
            "in_force"
        }
        .to_string(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let meta = chosen.as_ref().map(|(m, _)| m.clone());
    let send = move || {
        let checked = HouseRule::validated(&title.get_untracked(), &sanctions.get_untracked()).map(
            |mut r| {
                r.retired = status.get_untracked() == "retired";
                r
            },
        );
        let saved = title.get_untracked();
        submit.put(checked, errors, meta.as_ref(), move || {
            editing.set(None);
            app.notify(fill(c.rule_saved, &[("name", saved.trim())]), false)
        });
    };
    let heading = match &chosen {
        Some((_, r)) => fill(c.edit_rule, &[("name", &r.title)]),
        None => c.add_rule.to_string(),
    };
    let statuses = vec![
        ("in_force".to_string(), c.in_force.to_string()),
        ("retired".to_string(), c.retired.to_string()),
    ];
    let parts = vec![bound::fields(
        errors,
        vec![
            Input::new("rule_title", c.f_title, Control::Text, title),
            Input::new("rule_sanctions", c.f_sanctions, Control::Area(5), sanctions)
                .hint(c.sanctions_hint),
            Input::new("rule_status", c.f_status, Control::Choice(statuses), status),
        ],
    )];
    let cancel = chosen.is_some().then(|| {
        let act: bound::Action = Box::new(move || editing.set(None));
        ("rule-cancel", t.cancel, act)
    });
    view! {
        <section class="card narrow" aria-labelledby="rule-form-title">
            <h2 id="rule-form-title">{heading}</h2>
            {bound::form("rule-form", None, parts, submit, ("rule-save", c.save_rule), cancel, Box::new(send))}
        </section>
    }
    .into_any()
}
