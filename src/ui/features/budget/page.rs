//! `/anggaran`: the year's lines and their realisation, the forms for a line and an expense,
//! the year's expenses, and the costs per resident, field, cohort and good outcome.

use crate::domain::aftercare::{self, Discharge, FollowUpVisit};
use crate::domain::budget::{self, BudgetLine, Programme, Served, Spent};
use crate::domain::date::Date;
use crate::domain::expense::{Expense, ExpenseCategory};
use crate::domain::id::RecordId;
use crate::domain::permissions::Section;
use crate::domain::record::RecordMeta;
use crate::domain::resident::Resident;
use crate::domain::sorting;
use crate::domain::validation::{err, text, FieldError, Problem};
use crate::domain::vocational::{Enrolment, VocationalField};
use crate::store::{clock, Change};
use crate::ui::components::bound::{self, Control, Input};
use crate::ui::components::field::show_errors;
use crate::ui::components::submit::Submit;
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::{may, use_app, use_texts, vault};
use leptos::prelude::*;

/// Everything the page shows for one year, read at once.
struct Year {
    lines: Vec<(RecordMeta, BudgetLine)>,
    expenses: Vec<Expense>,
    spent: Vec<Spent>,
    served: Vec<Served>,
    residents: Vec<(RecordId, String)>,
    cohorts: Vec<String>,
    fields: Vec<(String, String)>,
}

fn read_year(year: u16, today: Date) -> Year {
    vault()
        .read(|ix| {
            let mut lines: Vec<(RecordMeta, BudgetLine)> = ix
                .all::<BudgetLine>()
                .filter(|l| l.body.year == year)
                .map(|l| l.to_owned())
                .collect();
            sorting::sort_by(&mut lines, |a, b| {
                (a.1.retired, a.1.programme as u8, &a.1.name).cmp(&(
                    b.1.retired,
                    b.1.programme as u8,
                    &b.1.name,
                ))
            });
            let cohort_of = |r: &RecordId| {
                ix.get::<Resident>(r)
                    .map(|l| l.body.cohort.clone())
                    .unwrap_or_default()
            };
            let mut expenses: Vec<Expense> = ix
                .all::<Expense>()
                .filter(|l| l.body.date.year() == year)
                .map(|l| l.body.clone())
                .collect();
            sorting::sort_by(&mut expenses, |a, b| b.date.cmp(&a.date));
            let mut spent: Vec<Spent> = expenses
                .iter()
                .map(|x| Spent {
                    date: x.date,
                    amount: x.amount.max(0) as u64,
                    line: x.line.clone(),
                    programme: None,
                    resident: x.resident.clone(),
                    cohort: x.cohort.clone(),
                })
                .collect();
            let discharges: Vec<Discharge> =
                ix.all::<Discharge>().map(|l| l.body.clone()).collect();
            spent.extend(
                discharges
                    .iter()
                    .filter(|d| d.date.year() == year && d.kit_total() > 0)
                    .map(|d| Spent {
                        date: d.date,
                        amount: d.kit_total(),
                        line: None,
                        programme: Some(Programme::StarterKits),
                        resident: Some(d.resident.clone()),
                        cohort: cohort_of(&d.resident),
                    }),
            );
            let fields: Vec<(RecordId, VocationalField)> = ix
                .all::<VocationalField>()
                .map(|l| (l.meta.id.clone(), l.body.clone()))
                .collect();
            let start = Date::new(year, 1, 1);
            let end = Date::new(year, 12, 31);
            let served = ix
                .all::<Resident>()
                .filter_map(|r| {
                    let id = r.meta.id.clone();
                    let left = discharges
                        .iter()
                        .filter(|d| d.resident == id)
                        .max_by_key(|d| d.date);
                    let stayed = r.body.intake_date <= end?
                        && left.is_none_or(|d| start.is_some_and(|s| d.date >= s));
                    // (A resident discharged and back again counts once.)
                    stayed.then(|| {
                        let enrolled = ix
                            .about::<Enrolment>(&id)
                            .filter_map(|e| {
                                fields
                                    .iter()
                                    .find(|(f, _)| *f == e.body.field)
                                    .map(|(_, f)| f.code.clone())
                            })
                            .collect();
                        let mandiri = left.is_some_and(|d| {
                            let visits: Vec<FollowUpVisit> = ix
                                .about::<FollowUpVisit>(&id)
                                .map(|v| v.body.clone())
                                .collect();
                            let visits: Vec<&FollowUpVisit> = visits.iter().collect();
                            aftercare::outcome_at(d, &visits, 6, today).is_mandiri()
                        });
                        Served {
                            resident: id,
                            cohort: r.body.cohort.clone(),
                            fields: enrolled,
                            mandiri_at_6: mandiri,
                        }
                    })
                })
                .collect();
            let mut residents: Vec<(RecordId, String)> = ix
                .all::<Resident>()
                .map(|r| (r.meta.id.clone(), r.body.full_name.clone()))
                .collect();
            sorting::sort_by(&mut residents, |a, b| a.1.cmp(&b.1));
            let mut cohorts: Vec<String> = ix
                .all::<Resident>()
                .map(|r| r.body.cohort.clone())
                .filter(|c| !c.is_empty())
                .collect();
            sorting::sort_dedup(&mut cohorts);
            Year {
                lines,
                expenses,
                spent,
                served,
                residents,
                cohorts,
                fields: fields.into_iter().map(|(_, f)| (f.code, f.name)).collect(),
            }
        })
        .unwrap_or(Year {
            lines: vec![],
            expenses: vec![],
            spent: vec![],
            served: vec![],
            residents: vec![],
            cohorts: vec![],
            fields: vec![],
        })
}

fn rp(n: u64) -> String {
    format::rupiah(n as i64)
}

#[component]
pub fn BudgetPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let b = t.budget;
    if !may(Section::Budget, false) {
        return super::super::restricted_page();
    }
    let today = clock::today();
    let year = RwSignal::new(today.year().to_string());
    let removal = Submit::new();
    let content = move || {
        app.data_version.track();
        let Ok(y) = year.get().trim().parse::<u16>() else {
            return ().into_any();
        };
        let data = read_year(y, clock::today());
        let writer = may(Section::Budget, true);
        let kit_line = data
            .lines
            .iter()
            .find(|(_, l)| l.programme == Programme::StarterKits && !l.retired)
            .map(|(m, _)| m.id.clone());
        // The year's spending, shared by the rows' delete buttons (each checks it on a press).
        let spent = std::rc::Rc::new(data.spent.clone());
        let rows = data
            .lines
            .iter()
            .map(|(meta, l)| {
                let r = budget::realisation(&meta.id, l, kit_line.as_ref() == Some(&meta.id), &data.spent);
                let (retire_meta, delete_meta) = (meta.clone(), meta.clone());
                let retired = BudgetLine { retired: true, ..l.clone() };
                let spent_all = spent.clone();
                let name = if l.retired { format!("{} ({})", l.name, b.retired) } else { l.name.clone() };
                view! {
                    <tr>
                        <th scope="row">{name}</th>
                        <td>{(b.programme)(l.programme)}</td>
                        <td class="num">{rp(r.planned)}</td>
                        <td class="num">{rp(r.spent)}</td>
                        <td class="num" class:alert=r.remaining < 0>{format::rupiah(r.remaining)}</td>
                        <td class="num">{r.percent.map(|p| format!("{p}%")).unwrap_or_default()}</td>
                        <td>{(writer && !l.retired).then(|| view! {
                            <button type="button" class="small retire-line" on:click=move |_| {
                                removal.put(Ok(retired.clone()), RwSignal::new(vec![]), Some(&retire_meta), move || app.notify(b.line_retired, false));
                            }>{b.retire}</button>
                        })}
                        {writer.then(|| view! {
                            <button type="button" class="small delete-line" on:click=move |_| {
                                let refs: Vec<&Spent> = spent_all.iter().collect();
                                match budget::may_delete(&delete_meta.id, &refs) {
                                    Err(e) => removal.fail(t.problem(e.problem)),
                                    Ok(()) => {
                                        removal.save(vec![Change::Delete { id: delete_meta.id.clone(), base_rev: delete_meta.rev }], move |_| app.notify(b.line_deleted, false));
                                    }
                                }
                            }>{b.delete}</button>
                        })}</td>
                    </tr>
                }
            })
            .collect_view();
        let lines = if data.lines.is_empty() {
            view! { <p class="muted" id="lines-none">{b.no_lines}</p> }.into_any()
        } else {
            view! {
                <table class="list" id="budget-lines">
                    <caption class="muted small">{b.lines_caption}</caption>
                    <thead><tr>
                        <th scope="col">{b.col_line}</th><th scope="col">{b.col_programme}</th><th scope="col">{b.col_planned}</th>
                        <th scope="col">{b.col_spent}</th><th scope="col">{b.col_remaining}</th><th scope="col">{b.col_percent}</th>
                        <th scope="col"><span class="visually-hidden">{b.delete}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <p class="muted small">{b.kits_note}</p>
            }
            .into_any()
        };
        let lines_of = data
            .lines
            .iter()
            .map(|(m, l)| (m.id.clone(), l.name.clone()))
            .collect::<Vec<_>>();
        let expense_rows: Vec<Vec<String>> = data
            .expenses
            .iter()
            .map(|x| {
                let line = x
                    .line
                    .as_ref()
                    .and_then(|id| lines_of.iter().find(|(i, _)| i == id))
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default();
                let whom = x
                    .resident
                    .as_ref()
                    .and_then(|r| data.residents.iter().find(|(i, _)| i == r))
                    .map(|(_, n)| n.clone())
                    .unwrap_or(x.cohort.clone());
                vec![
                    format::date(x.date, &t.months),
                    line,
                    x.note.clone(),
                    whom,
                    format::rupiah(x.amount),
                    x.receipt.clone(),
                ]
            })
            .collect();
        let expenses = if expense_rows.is_empty() {
            view! { <p class="muted" id="expenses-none">{b.no_expenses}</p> }.into_any()
        } else {
            bound::table(
                "expenses",
                b.expenses_caption,
                vec![
                    b.col_date,
                    b.f_line,
                    b.f_description,
                    b.col_for,
                    b.col_amount,
                    b.f_receipt,
                ],
                expense_rows,
            )
        };
        let c = budget::costs(
            y,
            &data
                .lines
                .iter()
                .map(|(m, l)| (m.id.clone(), l.clone()))
                .collect::<Vec<_>>(),
            &data.spent,
            &data.served,
        );
        let figure = |label: String, how: &'static str, f: budget::Figure| {
            let value = f.per.map(rp).unwrap_or(b.not_computable.to_string());
            let how = fill(how, &[("total", &rp(f.total)), ("n", &f.count.to_string())]);
            view! { <dt>{label}</dt><dd><strong>{value}</strong><br /><span class="muted small">{how}</span></dd> }
        };
        let field_name = |code: &str| {
            data.fields
                .iter()
                .find(|(c, _)| c == code)
                .map(|(_, n)| n.clone())
                .unwrap_or(code.to_string())
        };
        let mut figures =
            vec![figure(b.per_resident.to_string(), b.how_resident, c.per_resident).into_any()];
        figures.extend(c.per_field.iter().map(|(f, x)| {
            figure(
                fill(b.per_field, &[("field", &field_name(f))]),
                b.how_field,
                *x,
            )
            .into_any()
        }));
        figures.extend(c.per_cohort.iter().map(|(k, x)| {
            figure(fill(b.per_cohort, &[("cohort", k)]), b.how_cohort, *x).into_any()
        }));
        figures.push(
            figure(
                b.per_good_outcome.to_string(),
                b.how_good,
                c.per_good_outcome,
            )
            .into_any(),
        );
        let forms = writer.then(|| {
            view! {
                <div class="two-col">
                    {line_form(t, y, data.fields.clone())}
                    {expense_form(t, data.lines.iter().filter(|(_, l)| !l.retired).cloned().collect(), data.residents.clone(), data.cohorts.clone())}
                </div>
            }
        });
        view! {
            <section class="card">{lines}</section>
            {forms}
            <section class="card">{expenses}</section>
            <section class="card" aria-labelledby="costs-title">
                <h2 id="costs-title">{b.costs_title}</h2>
                <p class="muted">{b.costs_intro}</p>
                <dl id="costs">{figures}</dl>
            </section>
        }
        .into_any()
    };
    view! {
        <h1>{b.title}</h1>
        <p class="lead">{b.intro}</p>
        <section class="card">{bound::fields(RwSignal::new(vec![]), vec![Input::new("budget_year", b.f_year, Control::Text, year)])}</section>
        {removal.banner("line-error")}
        {content}
    }
    .into_any()
}

fn line_form(t: &'static Texts, year: u16, fields: Vec<(String, String)>) -> AnyView {
    let app = use_app();
    let b = t.budget;
    let programme = RwSignal::new(String::new());
    let field = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let planned = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let send = move || {
        let p = Programme::ALL
            .into_iter()
            .find(|p| crate::domain::code_of(*p) == programme.get_untracked());
        let checked = match p {
            None => Err(vec![err("bl_programme", Problem::Required)]),
            Some(p) => BudgetLine::validated(
                &year.to_string(),
                p,
                &field.get_untracked(),
                &name.get_untracked(),
                &planned.get_untracked(),
            ),
        };
        let saved = name.get_untracked();
        submit.create(checked, errors, move || {
            name.set(String::new());
            planned.set(String::new());
            app.notify(fill(b.line_saved, &[("name", saved.trim())]), false)
        });
    };
    let programmes = Programme::ALL
        .into_iter()
        .map(|p| (crate::domain::code_of(p), (b.programme)(p).to_string()))
        .collect();
    let parts = vec![bound::fields(
        errors,
        vec![
            Input::new(
                "bl_programme",
                b.f_programme,
                Control::Choice(programmes),
                programme,
            ),
            Input::new("bl_field", b.f_field, Control::Choice(fields), field).optional(),
            Input::new("bl_name", b.f_name, Control::Text, name),
            Input::new("bl_planned", b.f_planned, Control::Text, planned).hint(b.rupiah_hint),
        ],
    )];
    view! {
        <section class="card" aria-labelledby="line-form-title">
            <h2 id="line-form-title">{b.add_line}</h2>
            {bound::form("line-form", None, parts, submit, ("line-save", b.save_line), None, Box::new(send))}
        </section>
    }
    .into_any()
}

fn category_of(p: Programme) -> ExpenseCategory {
    match p {
        Programme::Vocational | Programme::StaffTraining => ExpenseCategory::Training,
        Programme::Health => ExpenseCategory::Health,
        Programme::StarterKits => ExpenseCategory::StarterKit,
        Programme::MealsAccommodation => ExpenseCategory::Food,
        Programme::Guidance | Programme::Operations => ExpenseCategory::Other,
    }
}

fn expense_form(
    t: &'static Texts,
    lines: Vec<(RecordMeta, BudgetLine)>,
    residents: Vec<(RecordId, String)>,
    cohorts: Vec<String>,
) -> AnyView {
    let app = use_app();
    let b = t.budget;
    let line = RwSignal::new(String::new());
    let day = RwSignal::new(clock::today().iso());
    let amount = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let resident = RwSignal::new(String::new());
    let cohort = RwSignal::new(String::new());
    let receipt = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let choices: Vec<(String, String)> = lines
        .iter()
        .map(|(m, l)| (m.id.to_string(), l.name.clone()))
        .collect();
    let send = move || {
        let mut e = vec![];
        let chosen = RecordId::parse(&line.get_untracked())
            .and_then(|id| lines.iter().find(|(m, _)| m.id == id).cloned());
        let description = text(&mut e, "ex_note", &note.get_untracked(), true, 3, 300);
        let receipt_no = text(&mut e, "ex_receipt", &receipt.get_untracked(), false, 1, 60);
        let checked = match chosen {
            None => {
                e.push(err("ex_line", Problem::Required));
                Err(e)
            }
            Some((meta, l)) => match budget::expense_checked(
                &amount.get_untracked(),
                &day.get_untracked(),
                &l,
                clock::today(),
            ) {
                Err(mut x) => {
                    e.append(&mut x);
                    Err(e)
                }
                Ok(_) if !e.is_empty() => Err(e),
                Ok((amount, date)) => Ok(Expense {
                    date,
                    category: category_of(l.programme),
                    amount: amount as i64,
                    resident: RecordId::parse(&resident.get_untracked()),
                    note: description,
                    line: Some(meta.id.clone()),
                    cohort: cohort.get_untracked(),
                    receipt: receipt_no,
                }),
            },
        };
        if let Err(e) = &checked {
            show_errors(errors, e.clone());
        }
        submit.create(checked, errors, move || {
            amount.set(String::new());
            note.set(String::new());
            receipt.set(String::new());
            app.notify(b.expense_saved, false);
        });
    };
    let residents = residents
        .into_iter()
        .map(|(i, n)| (i.to_string(), n))
        .collect();
    let cohorts = cohorts.into_iter().map(|c| (c.clone(), c)).collect();
    let parts = vec![bound::fields(
        errors,
        vec![
            Input::new("ex_line", b.f_line, Control::Choice(choices), line),
            Input::new("ex_date", b.f_date, Control::Date, day),
            Input::new("ex_amount", b.f_amount, Control::Text, amount).hint(b.rupiah_hint),
            Input::new("ex_note", b.f_description, Control::Text, note),
            Input::new(
                "ex_resident",
                b.f_resident,
                Control::Choice(residents),
                resident,
            )
            .optional(),
            Input::new("ex_cohort", b.f_cohort, Control::Choice(cohorts), cohort).optional(),
            Input::new("ex_receipt", b.f_receipt, Control::Text, receipt).optional(),
        ],
    )];
    view! {
        <section class="card" aria-labelledby="expense-form-title">
            <h2 id="expense-form-title">{b.add_expense}</h2>
            {bound::form("expense-form", None, parts, submit, ("expense-save", b.save_expense), None, Box::new(send))}
        </section>
    }
    .into_any()
}
