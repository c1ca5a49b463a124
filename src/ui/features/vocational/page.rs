//! `/pelatihan`: the fields with their rates, their training sessions, and the field form (the
//! head and admin add, rename and retire fields).

use crate::domain::attendance::{Activity, AttendanceSession};
use crate::domain::permissions::Section;
use crate::domain::record::{RecordBody, RecordMeta};
use crate::domain::sorting;
use crate::domain::staff::StaffMember;
use crate::domain::validation::FieldError;
use crate::domain::vocational::{self, Enrolment, FieldRates, TrainingRecord, VocationalField};
use crate::store::Change;
use crate::ui::components::bound::{self, Control, Input};
use crate::ui::components::field::show_errors;
use crate::ui::components::submit::Submit;
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::{may, use_app, use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;

fn percent(p: Option<u32>) -> String {
    p.map(|p| format!("{p}%")).unwrap_or_else(|| "—".into())
}

#[component]
pub fn FieldsPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let v = t.vocational;
    let editing = RwSignal::new(None::<(RecordMeta, VocationalField)>);
    let list = move || {
        app.data_version.track();
        let setter = may(Section::Shelter, true);
        let trainer = may(Section::Vocational, true);
        let mut fields: Vec<((RecordMeta, VocationalField), FieldRates)> = vault()
            .read(|ix| {
                let enrolments: Vec<&Enrolment> = ix.all::<Enrolment>().map(|l| l.body).collect();
                let records: Vec<&TrainingRecord> =
                    ix.all::<TrainingRecord>().map(|l| l.body).collect();
                ix.all::<VocationalField>()
                    .map(|l| {
                        let r = vocational::rates(
                            l.body,
                            &l.meta.id,
                            enrolments.iter().copied(),
                            &records,
                        );
                        (l.to_owned(), r)
                    })
                    .collect()
            })
            .unwrap_or_default();
        sorting::sort_by(&mut fields, |a, b| {
            (a.0 .1.retired, &a.0 .1.name).cmp(&(b.0 .1.retired, &b.0 .1.name))
        });
        let body = fields
            .into_iter()
            .map(|((meta, f), r)| {
                let status = if f.retired { v.retired } else { v.in_use };
                let completed = format!("{} ({})", r.completed, percent(FieldRates::percent(r.completed, r.enrolled)));
                let passed = fill(
                    v.of_examined,
                    &[
                        ("passed", &r.passed.to_string()),
                        ("examined", &r.examined.to_string()),
                        ("percent", &percent(FieldRates::percent(r.passed, r.examined))),
                    ],
                );
                let session = (trainer && !f.retired).then(|| {
                    view! { <A href=format!("/pelatihan/{}/sesi", meta.id) attr:class="button small">{v.session}</A> }
                });
                let edit = (meta, f.clone());
                view! {
                    <tr data-field=f.code.clone()>
                        <th scope="row">{f.name.clone()}</th>
                        <td class="num">{f.competencies.len()}</td>
                        <td class="num">{r.enrolled}</td>
                        <td>{completed}</td>
                        <td>{passed}</td>
                        <td>{status}</td>
                        <td class="row">{session}{setter.then(|| view! {
                            <button type="button" class="small edit-field" on:click=move |_| editing.set(Some(edit.clone()))>{v.edit}</button>
                        })}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="list" id="fields">
                <caption class="muted small">{v.rates_caption}</caption>
                <thead><tr>
                    <th scope="col">{v.col_field}</th><th scope="col">{v.col_competencies}</th><th scope="col">{v.col_enrolled}</th>
                    <th scope="col">{v.col_completed}</th><th scope="col">{v.col_passed}</th><th scope="col">{v.col_status}</th>
                    <th scope="col"><span class="visually-hidden">{v.edit}</span></th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        }
    };
    let sessions = move || {
        app.data_version.track();
        let rows: Vec<Vec<String>> = vault()
            .read(|ix| {
                let mut s: Vec<(&RecordMeta, &AttendanceSession)> = ix
                    .all::<AttendanceSession>()
                    .filter(|l| l.body.activity == Activity::Vocational)
                    .map(|l| (l.meta, l.body))
                    .collect();
                sorting::sort_by(&mut s, |a, b| {
                    (b.1.date, b.0.created_at).cmp(&(a.1.date, a.0.created_at))
                });
                s.into_iter()
                    .take(30)
                    .map(|(m, x)| {
                        let field = ix
                            .all::<VocationalField>()
                            .find(|f| f.body.code == x.field)
                            .map(|f| f.body.name.clone())
                            .unwrap_or_else(|| x.field.clone());
                        let by = ix
                            .get::<StaffMember>(&m.created_by)
                            .map(|l| l.body.name.clone())
                            .unwrap_or_default();
                        vec![
                            format::date(x.date, &t.months),
                            field,
                            x.title.clone(),
                            by,
                            crate::ui::features::guidance::summary_of(t, x),
                        ]
                    })
                    .collect()
            })
            .unwrap_or_default();
        if rows.is_empty() {
            return view! { <p class="muted" id="sessions-none">{v.no_sessions}</p> }.into_any();
        }
        bound::table(
            "training-sessions",
            v.sessions_caption,
            vec![v.col_date, v.col_field, v.col_topic, v.col_by, v.col_roll],
            rows,
        )
    };
    view! {
        <h1>{v.title}</h1>
        <p class="lead">{v.intro}</p>
        <section class="card">{list}</section>
        <section class="card">{sessions}</section>
        {move || may(Section::Shelter, true).then(|| field_form(t, editing.get(), editing))}
    }
}

fn field_form(
    t: &'static Texts,
    chosen: Option<(RecordMeta, VocationalField)>,
    editing: RwSignal<Option<(RecordMeta, VocationalField)>>,
) -> AnyView {
    let app = use_app();
    let v = t.vocational;
    let f = chosen.as_ref().map(|(_, f)| f.clone());
    let code = RwSignal::new(f.as_ref().map(|f| f.code.clone()).unwrap_or_default());
    let name = RwSignal::new(f.as_ref().map(|f| f.name.clone()).unwrap_or_default());
    let list = RwSignal::new(
        f.as_ref()
            .map(|f| f.competencies.join("\n"))
            .unwrap_or_default(),
    );
    let status = RwSignal::new(
        if f.as_ref().is_some_and(|f| f.retired) {
            "retired"
        } else {
            "in_use"
        }
        .to_string(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let meta = chosen.as_ref().map(|(m, _)| m.clone());
    let fixed_code = f.as_ref().map(|f| f.code.clone());
    let send = move || {
        let taken: Vec<String> = vault()
            .read(|ix| {
                ix.all::<VocationalField>()
                    .filter(|l| meta.as_ref().is_none_or(|m| m.id != l.meta.id))
                    .map(|l| l.body.code.clone())
                    .collect()
            })
            .unwrap_or_default();
        let typed = fixed_code.clone().unwrap_or_else(|| code.get_untracked());
        let body = match VocationalField::validated(
            &typed,
            &name.get_untracked(),
            &list.get_untracked(),
            status.get_untracked() == "retired",
            &taken,
        ) {
            Ok(b) => b,
            Err(e) => {
                show_errors(errors, e);
                submit.fail(t.form_has_errors.into());
                return;
            }
        };
        errors.set(vec![]);
        let saved = body.name.clone();
        let change = match &meta {
            Some(m) => Change::Update {
                id: m.id.clone(),
                base_rev: m.rev,
                body: RecordBody::VocationalField(body),
            },
            // Its id comes from its code, as the seeded fields' do.
            None => Change::Create {
                id: VocationalField::id_for(&body.code),
                body: RecordBody::VocationalField(body),
            },
        };
        submit.save(vec![change], move |_| {
            editing.set(None);
            app.notify(fill(v.field_saved, &[("name", &saved)]), false)
        });
    };
    let heading = match &chosen {
        Some((_, f)) => fill(v.edit_field, &[("name", &f.name)]),
        None => v.add_field.to_string(),
    };
    let statuses = vec![
        ("in_use".to_string(), v.in_use.to_string()),
        ("retired".to_string(), v.retired.to_string()),
    ];
    let mut inputs = vec![];
    if chosen.is_none() {
        inputs.push(Input::new("vf_code", v.f_code, Control::Text, code).hint(v.code_hint));
    }
    inputs.push(Input::new("vf_name", v.f_name, Control::Text, name));
    inputs.push(Input::new(
        "vf_status",
        v.f_status,
        Control::Choice(statuses),
        status,
    ));
    let parts = vec![
        bound::fields(errors, inputs),
        bound::fields(
            errors,
            vec![
                Input::new("vf_competencies", v.f_competencies, Control::Area(5), list)
                    .hint(v.competencies_hint),
            ],
        ),
    ];
    let cancel = chosen.is_some().then(|| {
        let act: bound::Action = Box::new(move || editing.set(None));
        ("field-cancel", t.cancel, act)
    });
    view! {
        <section class="card narrow" aria-labelledby="field-form-title">
            <h2 id="field-form-title">{heading}</h2>
            {bound::form("field-form", None, parts, submit, ("field-save", v.save_field), cancel, Box::new(send))}
        </section>
    }
    .into_any()
}
