//! A resident's vocational training on her profile: each field she is enrolled in with its
//! checklist signed off so far and what else was recorded; the enrolment form (the field the
//! plan chose filled in) and the training form.

use crate::domain::id::RecordId;
use crate::domain::permissions::Section;
use crate::domain::plan::{self, InterventionPlan};
use crate::domain::resident::Resident;
use crate::domain::sorting;
use crate::domain::validation::FieldError;
use crate::domain::vocational::{
    self, Enrolment, Level, TrainingDraft, TrainingEvent, TrainingRecord, VocationalField,
};
use crate::store::clock;
use crate::ui::components::bound::{self, Control, Input};
use crate::ui::components::submit::Submit;
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::{may, use_app, use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;

struct Hers {
    fields: Vec<(RecordId, VocationalField)>,
    enrolments: Vec<Enrolment>,
    records: Vec<TrainingRecord>,
    planned: String,
}

fn hers(id: &RecordId) -> Hers {
    vault()
        .read(|ix| {
            let plans: Vec<((), &InterventionPlan)> = ix
                .about::<InterventionPlan>(id)
                .map(|l| ((), l.body))
                .collect();
            let mut fields: Vec<(RecordId, VocationalField)> = ix
                .all::<VocationalField>()
                .map(|l| (l.meta.id.clone(), l.body.clone()))
                .collect();
            sorting::sort_by(&mut fields, |a, b| a.1.name.cmp(&b.1.name));
            let mut enrolments: Vec<Enrolment> =
                ix.about::<Enrolment>(id).map(|l| l.body.clone()).collect();
            sorting::sort_by(&mut enrolments, |a, b| a.date.cmp(&b.date));
            let mut records: Vec<TrainingRecord> = ix
                .about::<TrainingRecord>(id)
                .map(|l| l.body.clone())
                .collect();
            sorting::sort_by(&mut records, |a, b| a.date.cmp(&b.date));
            Hers {
                fields,
                enrolments,
                records,
                planned: plan::current(&plans)
                    .map(|(_, p)| p.field.clone())
                    .unwrap_or_default(),
            }
        })
        .unwrap_or(Hers {
            fields: vec![],
            enrolments: vec![],
            records: vec![],
            planned: String::new(),
        })
}

#[component]
pub fn TrainingPanel(id: RecordId, resident: Resident) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let v = t.vocational;
    if !may(Section::Vocational, false) {
        return ().into_any();
    }
    let shown = {
        let id = id.clone();
        move || {
            app.data_version.track();
            let h = hers(&id);
            if h.enrolments.is_empty() {
                return view! { <p class="muted" id="training-none">{v.not_enrolled}</p> }
                    .into_any();
            }
            h.enrolments
                .iter()
                .filter_map(|e| h.fields.iter().find(|(f, _)| *f == e.field).map(|f| (e, f)))
                .map(|(e, (fid, f))| {
                    let done = vocational::progress(f, fid, h.records.iter());
                    let n = done.iter().filter(|x| x.is_some()).count();
                    let rows = f
                        .competencies
                        .iter()
                        .zip(&done)
                        .map(|(c, d)| {
                            let signed = match d {
                                Some((date, level)) => fill(
                                    v.signed,
                                    &[
                                        ("date", &format::date(*date, &t.months)),
                                        ("level", (v.level)(*level)),
                                    ],
                                ),
                                None => v.not_yet.to_string(),
                            };
                            vec![c.clone(), signed]
                        })
                        .collect();
                    let others: Vec<String> = h
                        .records
                        .iter()
                        .filter(|r| r.field == *fid && !matches!(r.event, TrainingEvent::SignOff { .. }))
                        .map(|r| super::event_line(t, r))
                        .collect();
                    let heading = fill(
                        v.enrolled_since,
                        &[("field", &f.name), ("date", &format::date(e.date, &t.months))],
                    );
                    let progress = fill(
                        v.progress,
                        &[("done", &n.to_string()), ("all", &f.competencies.len().to_string())],
                    );
                    view! {
                        <div class="stack" data-field=f.code.clone()>
                            <h3>{heading}</h3>
                            <p class="training-progress">{progress}</p>
                            {bound::table("checklist", v.checklist_caption, vec![v.col_competency, v.col_signed], rows)}
                            {bound::items("training-events", others)}
                        </div>
                    }
                    .into_any()
                })
                .collect_view()
                .into_any()
        }
    };
    let forms = may(Section::Vocational, true).then(|| {
        // Her fields, enrolments and records, read once for both forms.
        let h = hers(&id);
        view! {
            {enrol_form(t, id.clone(), resident.intake_date, &h)}
            {record_form(t, id.clone(), &h)}
        }
    });
    view! {
        <section class="card" id="training-card" aria-labelledby="training-title">
            <h2 id="training-title">{v.sec_training}</h2>
            {shown}
            {forms}
            <p><A href="/pelatihan" attr:id="fields-link">{v.link}</A></p>
        </section>
    }
    .into_any()
}

fn enrol_form(
    t: &'static Texts,
    id: RecordId,
    intake: crate::domain::date::Date,
    h: &Hers,
) -> AnyView {
    let app = use_app();
    let v = t.vocational;
    let open: Vec<(RecordId, VocationalField)> = h
        .fields
        .iter()
        .filter(|(f, x)| !x.retired && !h.enrolments.iter().any(|e| e.field == *f))
        .cloned()
        .collect();
    if open.is_empty() {
        return ().into_any();
    }
    let planned = open
        .iter()
        .find(|(_, f)| f.code == h.planned)
        .map(|(id, _)| id.to_string());
    let from_plan = planned.is_some();
    let field = RwSignal::new(planned.unwrap_or_default());
    let date = RwSignal::new(clock::today().iso());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let all = h.fields.clone();
    let send = move || {
        let checked = Enrolment::validated(
            id.clone(),
            &field.get_untracked(),
            &date.get_untracked(),
            &all,
            intake,
            clock::today(),
        );
        let name = RecordId::parse(&field.get_untracked())
            .and_then(|f| all.iter().find(|(x, _)| *x == f))
            .map(|(_, f)| f.name.clone())
            .unwrap_or_default();
        submit.create(checked, errors, move || {
            app.notify(fill(v.enrolled, &[("field", &name)]), false)
        });
    };
    let choices = open
        .into_iter()
        .map(|(id, f)| (id.to_string(), f.name))
        .collect();
    let mut field_input = Input::new("en_field", v.f_en_field, Control::Choice(choices), field);
    if from_plan {
        field_input = field_input.hint(v.from_plan);
    }
    let parts = vec![bound::fields(
        errors,
        vec![
            field_input,
            Input::new("en_date", v.f_en_date, Control::Date, date),
        ],
    )];
    bound::form(
        "enrol-form",
        Some(v.enrol_title.to_string()),
        parts,
        submit,
        ("enrol-save", v.enrol),
        None,
        Box::new(send),
    )
}

fn record_form(t: &'static Texts, id: RecordId, h: &Hers) -> AnyView {
    let app = use_app();
    let v = t.vocational;
    if h.enrolments.is_empty() {
        return ().into_any();
    }
    let theirs: Vec<(RecordId, VocationalField, crate::domain::date::Date)> = h
        .enrolments
        .iter()
        .filter_map(|e| {
            h.fields
                .iter()
                .find(|(f, _)| *f == e.field)
                .map(|(f, x)| (f.clone(), x.clone(), e.date))
        })
        .collect();
    let field = RwSignal::new(theirs.first().map(|x| x.0.to_string()).unwrap_or_default());
    let kind = RwSignal::new("sign_off".to_string());
    let date = RwSignal::new(clock::today().iso());
    let [competency, level, passed, score, number, business, until, evaluation] =
        std::array::from_fn(|_| RwSignal::new(String::new()));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let theirs = StoredValue::new(theirs);
    let send = move || {
        let chosen = RecordId::parse(&field.get_untracked());
        let Some((fid, f, enrolled)) = theirs.with_value(|x| {
            x.iter()
                .find(|(id, _, _)| Some(id) == chosen.as_ref())
                .cloned()
        }) else {
            crate::ui::components::field::show_errors(
                errors,
                vec![crate::domain::validation::err(
                    "tr_field",
                    crate::domain::validation::Problem::Required,
                )],
            );
            return;
        };
        let by = match vault().current_staff() {
            Ok((s, _)) => s,
            Err(e) => {
                submit.fail(crate::ui::session::error_text(t, &e));
                return;
            }
        };
        let texts = [
            kind, date, competency, level, passed, score, number, business, until, evaluation,
        ]
        .map(|s| s.get_untracked());
        let draft = TrainingDraft {
            kind: &texts[0],
            date: &texts[1],
            competency: &texts[2],
            level: &texts[3],
            passed: &texts[4],
            score: &texts[5],
            number: &texts[6],
            business: &texts[7],
            until: &texts[8],
            evaluation: &texts[9],
        };
        let checked = draft.validate(id.clone(), (&fid, &f), enrolled, by, clock::today());
        submit.create(checked, errors, move || {
            for s in [competency, score, number, business, until, evaluation] {
                s.set(String::new());
            }
            app.notify(v.recorded, false)
        });
    };
    let fields = theirs.with_value(|x| {
        x.iter()
            .map(|(id, f, _)| (id.to_string(), f.name.clone()))
            .collect()
    });
    let kinds = vec![
        ("sign_off".to_string(), v.kind_sign_off.to_string()),
        ("exam".to_string(), v.kind_exam.to_string()),
        ("certificate".to_string(), v.kind_certificate.to_string()),
        ("internship".to_string(), v.kind_internship.to_string()),
    ];
    let first = bound::fields(
        errors,
        vec![
            Input::new("tr_field", v.f_tr_field, Control::Choice(fields), field),
            Input::new("tr_kind", v.f_tr_kind, Control::Choice(kinds), kind),
            Input::new("tr_date", v.f_tr_date, Control::Date, date),
        ],
    );
    let rest = move || {
        let inputs = match kind.get().as_str() {
            "sign_off" => {
                let chosen = RecordId::parse(&field.get());
                let list = theirs.with_value(|x| {
                    x.iter()
                        .find(|(id, _, _)| Some(id) == chosen.as_ref())
                        .map(|(_, f, _)| f.competencies.clone())
                        .unwrap_or_default()
                });
                let options = list
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| (i.to_string(), c))
                    .collect();
                let levels = Level::ALL
                    .into_iter()
                    .map(|l| {
                        (
                            crate::ui::features::guidance::code(&l),
                            (v.level)(l).to_string(),
                        )
                    })
                    .collect();
                vec![
                    Input::new(
                        "tr_competency",
                        v.f_competency,
                        Control::Choice(options),
                        competency,
                    ),
                    Input::new("tr_level", v.f_level, Control::Choice(levels), level),
                ]
            }
            "exam" => vec![
                Input::new(
                    "tr_passed",
                    v.f_passed,
                    Control::Choice(vec![
                        ("yes".into(), v.yes.into()),
                        ("no".into(), v.no.into()),
                    ]),
                    passed,
                ),
                Input::new("tr_score", v.f_score, Control::Text, score).optional(),
            ],
            "certificate" => vec![Input::new("tr_number", v.f_number, Control::Text, number)],
            _ => vec![
                Input::new("tr_business", v.f_business, Control::Text, business),
                Input::new("tr_until", v.f_until, Control::Date, until).optional(),
                Input::new(
                    "tr_evaluation",
                    v.f_evaluation,
                    Control::Area(2),
                    evaluation,
                )
                .optional(),
            ],
        };
        bound::fields(errors, inputs)
    };
    let parts = vec![first, rest.into_any()];
    bound::form(
        "training-form",
        Some(v.record_title.to_string()),
        parts,
        submit,
        ("training-save", v.save_record),
        None,
        Box::new(send),
    )
}
