//! `/piket/<id>`: one rota, a table per week (days across, chores down, names in the cells),
//! the days short of residents, the swaps and the form to make one. Printed, each week is an A4
//! page with the shelter's name at its head.

use crate::domain::id::RecordId;
use crate::domain::permissions::Section;
use crate::domain::record::{RecordBody, RecordMeta};
use crate::domain::resident::Resident;
use crate::domain::rota::ChoreRota;
use crate::domain::shelter::Shelter;
use crate::domain::sorting;
use crate::domain::validation::FieldError;
use crate::store::Change;
use crate::ui::components::bound::{self, Control, Input};
use crate::ui::components::field::show_errors;
use crate::ui::components::submit::Submit;
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::session::{may, use_app, use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;

pub fn rota_page(id: Option<RecordId>) -> AnyView {
    view! { <RotaPage id=id /> }.into_any()
}

#[component]
fn RotaPage(id: Option<RecordId>) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let p = t.chores;
    move || {
        app.data_version.track();
        let found = id.as_ref().and_then(|id| {
            vault()
                .read(|ix| ix.get::<ChoreRota>(id).map(|l| l.to_owned()))
                .ok()
                .flatten()
        });
        let Some((meta, rota)) = found else {
            return view! {
                <h1>{p.title}</h1>
                <p class="banner error" id="not-found">{p.not_found}</p>
                <p><A href="/piket">{p.back}</A></p>
            }
            .into_any();
        };
        let (shelter, names) = vault()
            .read(|ix| {
                (
                    ix.first::<Shelter>()
                        .map(|l| l.body.name.clone())
                        .unwrap_or_default(),
                    ix.all::<Resident>()
                        .map(|l| (l.meta.id.clone(), l.body.full_name.clone()))
                        .collect::<Vec<_>>(),
                )
            })
            .unwrap_or_default();
        let name_of = |r: &RecordId| {
            names
                .iter()
                .find(|(id, _)| id == r)
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| "—".into())
        };
        let date = |d| format::date(d, &t.months);
        let heading = fill(
            p.rota_title,
            &[("from", &date(rota.from)), ("to", &date(rota.to))],
        );
        let short: Vec<String> = rota
            .days
            .iter()
            .flat_map(|d| {
                d.short.iter().map(|(c, n)| {
                    fill(
                        p.short_line,
                        &[
                            ("date", &date(d.date)),
                            (
                                "chore",
                                &rota
                                    .chores
                                    .get(*c)
                                    .map(|x| x.name.clone())
                                    .unwrap_or_default(),
                            ),
                            ("n", &n.to_string()),
                        ],
                    )
                })
            })
            .collect();
        let weeks = rota
            .days
            .chunks(7)
            .map(|week| {
                let head = week
                    .iter()
                    .map(|d| {
                        let label = format!("{} {}", p.weekday_short[usize::from(d.date.weekday().min(6))], d.date.day());
                        view! { <th scope="col">{label}</th> }
                    })
                    .collect_view();
                let slots: Vec<Vec<Vec<(RecordId, bool)>>> = week.iter().map(|d| rota.slots_on(d)).collect();
                let rows = rota
                    .chores
                    .iter()
                    .enumerate()
                    .map(|(c, chore)| {
                        let cells = slots
                            .iter()
                            .map(|day| {
                                let people = day
                                    .get(c)
                                    .map(|s| {
                                        s.iter()
                                            .map(|(r, swapped)| {
                                                let n = name_of(r);
                                                let shown = if *swapped { format!("{n} ↔") } else { n };
                                                view! { <li class:swapped=*swapped>{shown}</li> }
                                            })
                                            .collect_view()
                                    });
                                view! { <td><ul class="plain">{people}</ul></td> }
                            })
                            .collect_view();
                        view! { <tr><th scope="row">{chore.name.clone()}</th>{cells}</tr> }
                    })
                    .collect_view();
                let caption = fill(
                    p.week_caption,
                    &[
                        ("from", &date(week[0].date)),
                        ("to", &date(week[week.len() - 1].date)),
                    ],
                );
                let shelter = shelter.clone();
                view! {
                    <section class="print-page rota-week">
                        <div class="letterhead">
                            <p class="shelter-name">{shelter}</p>
                            <p>{p.sheet_title}{if rota.cohort.is_empty() { String::new() } else { format!(" · {}", rota.cohort) }}</p>
                        </div>
                        <table class="list rota-grid">
                            <caption>{caption}</caption>
                            <thead><tr><th scope="col">{p.col_chore}</th>{head}</tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                        <p class="small muted">{p.swapped_note}</p>
                    </section>
                }
            })
            .collect_view();
        let swaps: Vec<String> = rota
            .swaps
            .iter()
            .map(|s| {
                fill(
                    p.swap_line,
                    &[
                        ("date", &date(s.date)),
                        ("from", &name_of(&s.from)),
                        ("to", &name_of(&s.to)),
                    ],
                )
            })
            .collect();
        let mut people = names.clone();
        sorting::sort_by(&mut people, |a, b| a.1.cmp(&b.1));
        let form = may(Section::Attendance, true)
            .then(|| swap_form(t, meta.clone(), rota.clone(), people));
        view! {
            <div class="no-print">
                <h1>{heading}</h1>
                <p><A href="/piket">{p.back}</A></p>
                <p><button type="button" class="primary" id="print-rota" on:click=move |_| { let _ = window().print(); }>{p.print}</button></p>
                {(!short.is_empty()).then(|| view! {
                    <section class="banner warn" id="rota-short" aria-labelledby="rota-short-title">
                        <h2 id="rota-short-title">{p.short_title}</h2>
                        {bound::items("rota-short-days", short)}
                    </section>
                })}
            </div>
            <div id="rota-weeks">{weeks}</div>
            <div class="no-print">
                <section class="card" aria-labelledby="swaps-title">
                    <h2 id="swaps-title">{p.swaps_title}</h2>
                    {if swaps.is_empty() {
                        view! { <p class="muted" id="swaps-none">{p.no_swaps}</p> }.into_any()
                    } else {
                        bound::items("swaps", swaps)
                    }}
                    {form}
                </section>
            </div>
        }
        .into_any()
    }
}

fn swap_form(
    t: &'static Texts,
    meta: RecordMeta,
    rota: ChoreRota,
    people: Vec<(RecordId, String)>,
) -> AnyView {
    let app = use_app();
    let p = t.chores;
    let day = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let days = rota
        .days
        .iter()
        .map(|d| (d.date.iso(), format::date(d.date, &t.months)))
        .collect();
    let people: Vec<(String, String)> = people
        .into_iter()
        .map(|(id, n)| (id.to_string(), n))
        .collect();
    let rota = StoredValue::new(rota);
    let send = move || {
        let mut next = rota.get_value();
        if let Err(e) = next.swap(
            &day.get_untracked(),
            &from.get_untracked(),
            &to.get_untracked(),
        ) {
            show_errors(errors, e);
            submit.fail(t.form_has_errors.into());
            return;
        }
        errors.set(vec![]);
        let change = Change::Update {
            id: meta.id.clone(),
            base_rev: meta.rev,
            body: RecordBody::ChoreRota(next),
        };
        submit.save(vec![change], move |_| app.notify(p.swapped, false));
    };
    let parts = vec![bound::fields(
        errors,
        vec![
            Input::new("sw_date", p.f_sw_date, Control::Choice(days), day),
            Input::new(
                "sw_from",
                p.f_sw_from,
                Control::Choice(people.clone()),
                from,
            ),
            Input::new("sw_to", p.f_sw_to, Control::Choice(people), to),
        ],
    )];
    bound::form(
        "swap-form",
        Some(p.swap_title.to_string()),
        parts,
        submit,
        ("swap-save", p.save_swap),
        None,
        Box::new(send),
    )
}
