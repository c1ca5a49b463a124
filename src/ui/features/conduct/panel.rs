//! A resident's conduct on her profile: the summary, the entries, and the form that suggests
//! the sanction her history of the chosen rule calls for.

use crate::domain::conduct::{self, ConductDraft, ConductEntry, ConductOf, HouseRule};
use crate::domain::id::RecordId;
use crate::domain::permissions::Section;
use crate::domain::resident::Resident;
use crate::domain::sorting;
use crate::domain::staff::StaffMember;
use crate::domain::validation::FieldError;
use crate::store::clock;
use crate::ui::components::bound::{self, Control, Input};
use crate::ui::components::submit::Submit;
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::{may, use_app, use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;

/// An entry with when it was recorded.
type Dated = (crate::domain::date::Timestamp, ConductEntry);

fn rules() -> Vec<(RecordId, HouseRule)> {
    let mut out: Vec<(RecordId, HouseRule)> = vault()
        .read(|ix| {
            ix.all::<HouseRule>()
                .map(|l| (l.meta.id.clone(), l.body.clone()))
                .collect()
        })
        .unwrap_or_default();
    sorting::sort_by(&mut out, |a, b| a.1.title.cmp(&b.1.title));
    out
}

#[component]
pub fn ConductPanel(id: RecordId, resident: Resident) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let c = t.conduct;
    if !may(Section::CaseNotes, false) {
        return ().into_any();
    }
    let list = {
        let id = id.clone();
        move || {
            app.data_version.track();
            let (mut entries, staff): (Vec<Dated>, Vec<(RecordId, String)>) = vault()
                .read(|ix| {
                    (
                        ix.about::<ConductEntry>(&id)
                            .map(|l| (l.meta.created_at, l.body.clone()))
                            .collect(),
                        ix.all::<StaffMember>()
                            .map(|l| (l.meta.id.clone(), l.body.name.clone()))
                            .collect(),
                    )
                })
                .unwrap_or_default();
            if entries.is_empty() {
                return view! { <p class="muted" id="conduct-none">{c.none}</p> }.into_any();
            }
            // Newest first; on one day, the later recorded first.
            sorting::sort_by(&mut entries, |a, b| (b.1.date, b.0).cmp(&(a.1.date, a.0)));
            let entries: Vec<ConductEntry> = entries.into_iter().map(|(_, e)| e).collect();
            let (per_rule, positive) = conduct::summary(entries.iter());
            let violations: usize = per_rule.iter().map(|(_, n)| n).sum();
            let all_rules = rules();
            let mut lines = vec![fill(
                c.summary,
                &[
                    ("violations", &violations.to_string()),
                    ("positive", &positive.to_string()),
                ],
            )];
            lines.extend(per_rule.iter().map(|(r, n)| {
                let title = all_rules
                    .iter()
                    .find(|(id, _)| id == r)
                    .map(|(_, x)| x.title.clone())
                    .unwrap_or_default();
                fill(c.per_rule, &[("rule", &title), ("n", &n.to_string())])
            }));
            let rows = entries
                .iter()
                .map(|e| {
                    let by = staff
                        .iter()
                        .find(|(s, _)| *s == e.reported_by)
                        .map(|(_, n)| n.clone())
                        .unwrap_or_default();
                    vec![
                        format::date(e.date, &t.months),
                        format!("{} — {}", super::entry_label(t, e), e.what),
                        super::sanction_line(t, e),
                        by,
                    ]
                })
                .collect();
            view! {
                {bound::items("conduct-summary", lines)}
                {bound::table("conduct", c.caption, vec![c.col_date, c.col_entry, c.col_sanction, c.col_by], rows)}
            }
            .into_any()
        }
    };
    let form = may(Section::CaseNotes, true).then(|| conduct_form(t, id.clone(), resident));
    view! {
        <section class="card" id="conduct-card" aria-labelledby="conduct-title">
            <h2 id="conduct-title">{c.sec_conduct}</h2>
            {list}
            {form}
            <p><A href="/tata-tertib" attr:id="rules-link">{c.rules_link}</A></p>
        </section>
    }
    .into_any()
}

fn conduct_form(t: &'static Texts, id: RecordId, resident: Resident) -> AnyView {
    let app = use_app();
    let c = t.conduct;
    let kind = RwSignal::new("violation".to_string());
    let date = RwSignal::new(clock::today().iso());
    let rule = RwSignal::new(String::new());
    let what = RwSignal::new(String::new());
    let sanction = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let (episode, intake) = (resident.episode, resident.intake_date);
    let earlier = {
        let id = id.clone();
        move |rule: &RecordId| {
            vault()
                .read(|ix| {
                    conduct::earlier_violations(
                        ix.about::<ConductEntry>(&id).map(|l| l.body),
                        rule,
                        episode,
                    )
                })
                .unwrap_or(0)
        }
    };
    let earlier = StoredValue::new(earlier);
    // The suggestion for the rule chosen, as (its place, its words, which violation this is).
    let suggestion = Memo::new(move |_| {
        let chosen = RecordId::parse(&rule.get())?;
        let (_, r) = rules().into_iter().find(|(id, _)| *id == chosen)?;
        let n = earlier.with_value(|f| f(&chosen));
        let at = conduct::suggested_sanction(&r, n);
        Some((at, r.sanctions.get(at).cloned().unwrap_or_default(), n + 1))
    });
    Effect::new(move |_| {
        if let Some((at, _, _)) = suggestion.get() {
            sanction.set(at.to_string());
        }
    });
    let send = move || {
        let reporter = vault().current_staff().map(|(s, _)| s);
        let Ok(reporter) = reporter else {
            submit.fail(t.form_has_errors.into());
            return;
        };
        let of = ConductOf {
            resident: &id,
            episode,
            intake,
            reported_by: &reporter,
        };
        let (k, d, r, w, s, why) = (
            kind.get_untracked(),
            date.get_untracked(),
            rule.get_untracked(),
            what.get_untracked(),
            sanction.get_untracked(),
            reason.get_untracked(),
        );
        let draft = ConductDraft {
            positive: k == "positive",
            date: &d,
            rule: &r,
            what: &w,
            sanction: &s,
            reason: &why,
        };
        let checked = draft.validate(
            &of,
            &rules(),
            |x| earlier.with_value(|f| f(x)),
            clock::today(),
        );
        submit.create(checked, errors, move || {
            what.set(String::new());
            reason.set(String::new());
            rule.set(String::new());
            app.notify(c.saved, false);
        });
    };
    let kinds = vec![
        ("violation".to_string(), c.kind_violation.to_string()),
        ("positive".to_string(), c.kind_positive.to_string()),
    ];
    let first = bound::fields(
        errors,
        vec![
            Input::new("cd_kind", c.f_kind, Control::Choice(kinds), kind),
            Input::new("cd_date", c.f_date, Control::Date, date),
        ],
    );
    let violation = move || {
        (kind.get() == "violation").then(|| {
            let choices = rules()
                .into_iter()
                .filter(|(_, r)| !r.retired)
                .map(|(id, r)| (id.to_string(), r.title))
                .collect();
            bound::fields(
                errors,
                vec![Input::new(
                    "cd_rule",
                    c.f_rule,
                    Control::Choice(choices),
                    rule,
                )],
            )
        })
    };
    let sanctions = move || {
        let (k, chosen) = (kind.get(), RecordId::parse(&rule.get()));
        let r = chosen.and_then(|x| rules().into_iter().find(|(id, _)| *id == x));
        (k == "violation").then_some(r).flatten().map(|(_, r)| {
            let options = r
                .sanctions
                .iter()
                .enumerate()
                .map(|(i, s)| (i.to_string(), s.clone()))
                .collect();
            let line = suggestion.get().map(|(_, words, n)| {
                fill(c.suggested, &[("sanction", &words), ("n", &n.to_string())])
            });
            view! {
                <p class="banner" id="cd-suggested" role="status">{line}</p>
                {bound::fields(errors, vec![
                    Input::new("cd_sanction", c.f_sanction, Control::Choice(options), sanction),
                    Input::new("cd_reason", c.f_reason, Control::Text, reason).optional().hint(c.reason_hint),
                ])}
            }
        })
    };
    let parts = vec![
        first,
        violation.into_any(),
        bound::fields(
            errors,
            vec![Input::new("cd_what", c.f_what, Control::Area(2), what)],
        ),
        sanctions.into_any(),
    ];
    bound::form(
        "conduct-form",
        Some(c.new_entry.to_string()),
        parts,
        submit,
        ("conduct-save", c.save),
        None,
        Box::new(send),
    )
}
