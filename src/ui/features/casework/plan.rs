//! The case conference and the intervention plan on a resident's profile: the conferences held
//! with the form for one; the plan in force with its goals, activities and reviews, its older
//! versions folded away, and the forms to make a version and to review it. Built from
//! `components::bound` (data, not a `view!` per part: see there why).

use crate::domain::assessment::Assessment;
use crate::domain::date::Date;
use crate::domain::id::RecordId;
use crate::domain::permissions::Section;
use crate::domain::plan::{
    self, ActivityDraft, CaseConference, GoalDraft, InterventionPlan, PlanDraft, PlanReview,
    Progress, ACTIVITY_FIELDS, GOAL_FIELDS, PROGRESS_FIELDS,
};
use crate::domain::sorting;
use crate::domain::staff::{StaffMember, StaffRole};
use crate::domain::validation::FieldError;
use crate::store::clock;
use crate::ui::components::bound::{self, Control, Input};
use crate::ui::components::field::field_error;
use crate::ui::components::submit::Submit;
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::{may, use_app, use_texts, vault};
use leptos::prelude::*;

fn or_dash(s: &str) -> String {
    if s.is_empty() {
        "—".into()
    } else {
        s.into()
    }
}

/// A card of the profile: its title, then its parts.
fn card(id: &'static str, title: &'static str, parts: Vec<AnyView>) -> AnyView {
    let (title_id, labelled_by) = (format!("{id}-title"), format!("{id}-title"));
    view! {
        <section class="card" id=id aria-labelledby=labelled_by>
            <h2 id=title_id>{title}</h2>
            {parts}
        </section>
    }
    .into_any()
}

fn muted(text: &'static str) -> AnyView {
    view! { <p class="muted">{text}</p> }.into_any()
}

#[component]
pub fn ConferencePanel(id: RecordId, intake: Date) -> impl IntoView {
    let t = use_texts();
    let c = t.case;
    if !may(Section::CaseNotes, false) {
        return ().into_any();
    }
    let (mut held, staff): (Vec<CaseConference>, Vec<(RecordId, StaffMember)>) = vault()
        .read(|ix| {
            (
                ix.about::<CaseConference>(&id)
                    .map(|l| l.body.clone())
                    .collect(),
                ix.all::<StaffMember>()
                    .map(|l| (l.meta.id.clone(), l.body.clone()))
                    .collect(),
            )
        })
        .unwrap_or_default();
    sorting::sort_by(&mut held, |a, b| a.date.cmp(&b.date));
    let name_of = |p: &RecordId| {
        staff
            .iter()
            .find(|(s, _)| s == p)
            .map(|(_, m)| m.name.clone())
            .unwrap_or_else(|| "?".into())
    };
    let mut parts = vec![if held.is_empty() {
        muted(c.no_conference)
    } else {
        bound::items(
            "conferences",
            held.iter()
                .map(|cc| {
                    let people: Vec<String> = cc.participants.iter().map(name_of).collect();
                    format!(
                        "{} · {}. {}: {} {}: {}",
                        format::date(cc.date, &t.months),
                        people.join(", "),
                        c.f_cc_findings,
                        cc.findings,
                        c.f_cc_decisions,
                        cc.decisions
                    )
                })
                .collect(),
        )
    }];
    if may(Section::CaseNotes, true) {
        let active = staff
            .iter()
            .filter(|(_, m)| m.active)
            .map(|(i, m)| (i.clone(), m.name.clone()))
            .collect();
        parts.push(conference_form(t, id, intake, active));
    }
    card("conference-card", c.sec_conference, parts)
}

fn conference_form(
    t: &'static Texts,
    id: RecordId,
    intake: Date,
    staff: Vec<(RecordId, String)>,
) -> AnyView {
    let app = use_app();
    let c = t.case;
    let date = RwSignal::new(clock::today().iso());
    // The one writing it was there.
    let me = vault().current_staff().ok().map(|(i, _)| i);
    let present = RwSignal::new(me.into_iter().collect::<Vec<RecordId>>());
    let findings = RwSignal::new(String::new());
    let decisions = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let send = move || {
        let checked = CaseConference::validated(
            id.clone(),
            &date.get_untracked(),
            &present.get_untracked(),
            &findings.get_untracked(),
            &decisions.get_untracked(),
            intake,
            clock::today(),
        );
        submit.create(checked, errors, move || {
            findings.set(String::new());
            decisions.set(String::new());
            app.notify(c.conference_saved, false)
        });
    };
    let people_error = field_error(errors, "cc_participants");
    let boxes = staff
        .into_iter()
        .enumerate()
        .map(|(i, (sid, name))| {
            let box_id = format!("cc_participant_{}", i + 1);
            let (s1, s2) = (sid.clone(), sid);
            let label_for = box_id.clone();
            view! {
                <label class="check" for=label_for>
                    <input type="checkbox" id=box_id prop:checked=move || present.with(|p| p.contains(&s1))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            present.update(|p| {
                                p.retain(|x| x != &s2);
                                if on {
                                    p.push(s2.clone());
                                }
                            });
                        } />
                    {name}
                </label>
            }
        })
        .collect_view();
    let people = view! {
        <fieldset class="field" id="cc_participants" class:invalid=move || people_error().is_some()>
            <legend>{c.f_cc_participants}</legend>
            <div class="row wrap">{boxes}</div>
            <p class="error" id="cc_participants-error" aria-live="polite">{people_error}</p>
        </fieldset>
    }
    .into_any();
    let parts = vec![
        bound::fields(
            errors,
            vec![Input::new("cc_date", c.f_date, Control::Date, date)],
        ),
        people,
        bound::fields(
            errors,
            vec![
                Input::new("cc_findings", c.f_cc_findings, Control::Area(3), findings),
                Input::new(
                    "cc_decisions",
                    c.f_cc_decisions,
                    Control::Area(3),
                    decisions,
                ),
            ],
        ),
    ];
    bound::form(
        "conference-form",
        None,
        parts,
        submit,
        ("conference-save", c.save_conference),
        None,
        Box::new(send),
    )
}

fn version_line(t: &'static Texts, p: &InterventionPlan) -> String {
    fill(
        t.case.plan_version,
        &[
            ("n", &p.version.to_string()),
            ("date", &format::date(p.date, &t.months)),
        ],
    )
}

#[component]
pub fn PlanPanel(id: RecordId, intake: Date) -> impl IntoView {
    let t = use_texts();
    let c = t.case;
    if !may(Section::CaseNotes, false) {
        return ().into_any();
    }
    let v = vault();
    let (plans, reviews): (Vec<(RecordId, InterventionPlan)>, Vec<PlanReview>) = v
        .read(|ix| {
            (
                ix.about::<InterventionPlan>(&id)
                    .map(|l| (l.meta.id.clone(), l.body.clone()))
                    .collect(),
                ix.about::<PlanReview>(&id)
                    .map(|l| l.body.clone())
                    .collect(),
            )
        })
        .unwrap_or_default();
    let refs: Vec<(RecordId, &InterventionPlan)> =
        plans.iter().map(|(i, p)| (i.clone(), p)).collect();
    let current = plan::current(&refs).map(|(i, p)| (i.clone(), (*p).clone()));
    let writer = may(Section::CaseNotes, true);
    let mut parts = vec![];
    match &current {
        None => parts.push(muted(c.no_plan)),
        Some((pid, p)) => {
            let mut mine: Vec<&PlanReview> = reviews.iter().filter(|r| &r.plan == pid).collect();
            sorting::sort_by(&mut mine, |a, b| a.date.cmp(&b.date));
            let progress = plan::goal_progress(p, &mine);
            parts.push(view! { <h3 id="plan-version">{version_line(t, p)}</h3> }.into_any());
            parts.push(bound::facts(
                "plan-facts",
                vec![
                    (c.f_pl_findings, p.findings.clone()),
                    (c.f_field, p.field.clone()),
                    (c.f_resources, p.resources.clone()),
                ],
            ));
            parts.push(bound::table(
                "plan-goals",
                c.goals_title,
                vec![c.f_goal, c.f_indicator, c.f_target, c.col_progress],
                p.goals
                    .iter()
                    .zip(progress)
                    .map(|(g, pr)| {
                        vec![
                            g.goal.clone(),
                            g.indicator.clone(),
                            format::date(g.target, &t.months),
                            pr.map(|x| (c.progress)(x)).unwrap_or("—").to_string(),
                        ]
                    })
                    .collect(),
            ));
            if !p.activities.is_empty() {
                parts.push(bound::table(
                    "plan-activities",
                    c.activities_title,
                    vec![c.f_activity, c.f_role],
                    p.activities
                        .iter()
                        .map(|a| vec![a.activity.clone(), (t.role)(a.role).to_string()])
                        .collect(),
                ));
            }
            parts.push(view! { <h4>{c.reviews_title}</h4> }.into_any());
            parts.push(if mine.is_empty() {
                muted(c.no_review)
            } else {
                bound::items(
                    "plan-reviews",
                    mine.iter()
                        .map(|r| {
                            let each: Vec<String> = p
                                .goals
                                .iter()
                                .zip(&r.progress)
                                .map(|(g, x)| format!("{}: {}", g.goal, (c.progress)(*x)))
                                .collect();
                            let notes = if r.notes.is_empty() {
                                String::new()
                            } else {
                                format!(" · {}", r.notes)
                            };
                            format!(
                                "{} · {}{notes}",
                                format::date(r.date, &t.months),
                                each.join("; ")
                            )
                        })
                        .collect(),
                )
            });
            if writer {
                parts.push(review_form(t, pid.clone(), p.clone()));
            }
        }
    }
    let mut older: Vec<&InterventionPlan> = plans
        .iter()
        .filter(|(i, _)| current.as_ref().is_none_or(|(c, _)| c != i))
        .map(|(_, p)| p)
        .collect();
    sorting::sort_by(&mut older, |a, b| b.version.cmp(&a.version));
    if !older.is_empty() {
        let list = bound::items(
            "plan-older-list",
            older
                .iter()
                .map(|p| {
                    let goals: Vec<&str> = p.goals.iter().map(|g| g.goal.as_str()).collect();
                    format!(
                        "{} · {} · {}",
                        version_line(t, p),
                        or_dash(&p.field),
                        goals.join("; ")
                    )
                })
                .collect(),
        );
        let summary = fill(c.older_versions, &[("n", &older.len().to_string())]);
        parts.push(
            view! { <details id="plan-older"><summary>{summary}</summary>{list}</details> }
                .into_any(),
        );
    }
    if writer {
        let today = clock::today();
        let draft = match &current {
            Some((_, p)) => PlanDraft::revising(p, today),
            // Her assessment's interests and findings start the first plan, where the role
            // reads it.
            None => {
                let a: Option<Assessment> = may(Section::Trafficking, false)
                    .then(|| {
                        v.read(|ix| {
                            ix.about::<Assessment>(&id)
                                .max_by_key(|l| l.body.date)
                                .map(|l| l.body.clone())
                        })
                        .ok()
                        .flatten()
                    })
                    .flatten();
                match a {
                    Some(a) => PlanDraft::first(
                        today,
                        &a.interests,
                        &a.needs,
                        &a.strengths,
                        (c.f_needs, c.f_strengths),
                    ),
                    None => PlanDraft::first(today, &[], "", "", ("", "")),
                }
            }
        };
        let version = plans.iter().map(|(_, p)| p.version).max().unwrap_or(0) + 1;
        let label = if current.is_some() {
            c.revise_plan
        } else {
            c.new_plan
        };
        let editing = RwSignal::new(false);
        // The form is made only when asked for: the profile is drawn again at every save.
        let form = move || {
            editing
                .get()
                .then(|| plan_form(t, id.clone(), intake, version, draft.clone(), editing))
        };
        parts.push(
            view! {
                <div class="row" hidden=move || editing.get()>
                    <button type="button" id="plan-new" on:click=move |_| editing.set(true)>{label}</button>
                </div>
                {form}
            }
            .into_any(),
        );
    }
    card("plan-card", c.sec_plan, parts)
}

fn plan_form(
    t: &'static Texts,
    id: RecordId,
    intake: Date,
    version: u32,
    draft: PlanDraft,
    editing: RwSignal<bool>,
) -> AnyView {
    let app = use_app();
    let c = t.case;
    let sig = |s: &String| RwSignal::new(s.clone());
    let (date, findings, field, resources) = (
        sig(&draft.date),
        sig(&draft.findings),
        sig(&draft.field),
        sig(&draft.resources),
    );
    let goals: Vec<[RwSignal<String>; 3]> = draft
        .goals
        .iter()
        .take(GOAL_FIELDS.len())
        .map(|g| [sig(&g.goal), sig(&g.indicator), sig(&g.target)])
        .collect();
    let activities: Vec<[RwSignal<String>; 2]> = draft
        .activities
        .iter()
        .take(ACTIVITY_FIELDS.len())
        .map(|a| [sig(&a.activity), sig(&a.role)])
        .collect();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let (g2, a2) = (goals.clone(), activities.clone());
    let send = move || {
        let typed = PlanDraft {
            date: date.get_untracked(),
            findings: findings.get_untracked(),
            goals: g2
                .iter()
                .map(|[g, i, t]| GoalDraft {
                    goal: g.get_untracked(),
                    indicator: i.get_untracked(),
                    target: t.get_untracked(),
                })
                .collect(),
            activities: a2
                .iter()
                .map(|[a, r]| ActivityDraft {
                    activity: a.get_untracked(),
                    role: r.get_untracked(),
                })
                .collect(),
            resources: resources.get_untracked(),
            field: field.get_untracked(),
        };
        let checked = typed.validate(id.clone(), version, intake, clock::today());
        submit.create(checked, errors, move || {
            editing.set(false);
            app.notify(fill(c.plan_saved, &[("n", &version.to_string())]), false)
        });
    };
    let roles: Vec<(String, String)> = StaffRole::ALL
        .into_iter()
        .map(|r| (r.code(), (t.role)(r).to_string()))
        .collect();
    let goal_rows = goals
        .into_iter()
        .enumerate()
        .map(|(i, [g, ind, target])| {
            let f = GOAL_FIELDS[i];
            vec![
                Input::new(f[0], c.f_goal, Control::Text, g),
                Input::new(f[1], c.f_indicator, Control::Text, ind),
                Input::new(f[2], c.f_target, Control::Date, target),
            ]
        })
        .collect();
    let activity_rows = activities
        .into_iter()
        .enumerate()
        .map(|(i, [a, role])| {
            let f = ACTIVITY_FIELDS[i];
            vec![
                Input::new(f[0], c.f_activity, Control::Text, a),
                Input::new(f[1], c.f_role, Control::Choice(roles.clone()), role),
            ]
        })
        .collect();
    let title = fill(
        c.plan_version,
        &[
            ("n", &version.to_string()),
            ("date", &format::date(clock::today(), &t.months)),
        ],
    );
    let parts = vec![
        bound::fields(
            errors,
            vec![
                Input::new("pl_date", c.f_date, Control::Date, date),
                Input::new("pl_findings", c.f_pl_findings, Control::Area(3), findings),
            ],
        ),
        bound::grid(
            errors,
            "plan-goal-rows",
            c.goals_title,
            vec![c.f_goal, c.f_indicator, c.f_target],
            goal_rows,
        ),
        bound::grid(
            errors,
            "plan-activity-rows",
            c.activities_title,
            vec![c.f_activity, c.f_role],
            activity_rows,
        ),
        bound::fields(
            errors,
            vec![
                Input::new("pl_field", c.f_field, Control::Text, field)
                    .optional()
                    .hint(c.field_hint),
                Input::new("pl_resources", c.f_resources, Control::Text, resources).optional(),
            ],
        ),
    ];
    bound::form(
        "plan-form",
        Some(title),
        parts,
        submit,
        ("plan-save", c.save_plan),
        Some((
            "plan-cancel",
            c.cancel,
            Box::new(move || editing.set(false)),
        )),
        Box::new(send),
    )
}

fn review_form(t: &'static Texts, plan_id: RecordId, plan: InterventionPlan) -> AnyView {
    let app = use_app();
    let c = t.case;
    let date = RwSignal::new(clock::today().iso());
    let progress: Vec<RwSignal<String>> = plan
        .goals
        .iter()
        .take(PROGRESS_FIELDS.len())
        .map(|_| RwSignal::new(String::new()))
        .collect();
    let notes = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let options: Vec<(String, String)> = Progress::ALL
        .into_iter()
        .map(|x| (x.code(), (c.progress)(x).to_string()))
        .collect();
    let selects = progress
        .iter()
        .zip(&plan.goals)
        .enumerate()
        .map(|(i, (value, goal))| {
            Input::new(
                PROGRESS_FIELDS[i],
                fill(c.f_progress, &[("goal", &goal.goal)]),
                Control::Choice(options.clone()),
                *value,
            )
        })
        .collect();
    let send = move || {
        let typed: Vec<String> = progress.iter().map(|p| p.get_untracked()).collect();
        let checked = PlanReview::validated(
            plan_id.clone(),
            &plan,
            &date.get_untracked(),
            &typed,
            &notes.get_untracked(),
            clock::today(),
        );
        submit.create(checked, errors, move || {
            notes.set(String::new());
            app.notify(c.review_saved, false)
        });
    };
    let parts = vec![
        bound::fields(
            errors,
            vec![Input::new("rv_date", c.f_date, Control::Date, date)],
        ),
        bound::fields(errors, selects),
        bound::fields(
            errors,
            vec![Input::new("rv_notes", c.f_rv_notes, Control::Area(2), notes).optional()],
        ),
    ];
    bound::form(
        "review-form",
        Some(c.review_title.to_string()),
        parts,
        submit,
        ("review-save", c.save_review),
        None,
        Box::new(send),
    )
}

/// The plan goals met by the latest review of her current plan (the discharge summary).
pub(super) fn goals_met(id: &RecordId) -> Vec<String> {
    vault()
        .read(|ix| {
            let plans: Vec<(RecordId, &InterventionPlan)> = ix
                .about::<InterventionPlan>(id)
                .map(|l| (l.meta.id.clone(), l.body))
                .collect();
            let Some((pid, p)) = plan::current(&plans) else {
                return vec![];
            };
            let reviews: Vec<&PlanReview> = ix
                .about::<PlanReview>(id)
                .filter(|l| &l.body.plan == pid)
                .map(|l| l.body)
                .collect();
            p.goals
                .iter()
                .zip(plan::goal_progress(p, &reviews))
                .filter(|(_, pr)| *pr == Some(Progress::Achieved))
                .map(|(g, _)| g.goal.clone())
                .collect()
        })
        .unwrap_or_default()
}
