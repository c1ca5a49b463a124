//! Daftar klien: search as you type, filter by cohort and stage (with how many are at each),
//! from the in-memory index.

use crate::domain::resident::{self, Resident};
use crate::domain::search::ResidentQuery;
use crate::domain::stage::Stage;
use crate::store::clock;
use crate::ui::format;
use crate::ui::i18n::fill;
use crate::ui::session::{use_app, use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;

const PAGE: usize = 200;

#[component]
pub fn ResidentListPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let text = RwSignal::new(String::new());
    let cohort = RwSignal::new(String::new());
    let stage = RwSignal::new(String::new());
    let today = clock::today();
    let cohorts = move || {
        app.data_version.track();
        vault()
            .read(|ix| resident::cohorts(ix.all::<Resident>().map(|l| l.body)))
            .unwrap_or_default()
    };
    let by_stage = move || {
        app.data_version.track();
        vault()
            .read(|ix| resident::stats(ix.all::<Resident>().map(|l| (l.meta, l.body)), 0).by_stage)
            .unwrap_or_default()
    };
    let page = Memo::new(move |_| {
        app.data_version.track();
        let q = ResidentQuery {
            text: text.get(),
            cohort: Some(cohort.get()).filter(|c| !c.is_empty()),
            stage: Stage::from_code(&stage.get()),
        };
        vault()
            .read(|ix| ix.residents(&q, PAGE))
            .unwrap_or_else(|_| crate::store::ResidentPage {
                total: 0,
                rows: vec![],
            })
    });
    view! {
        <div class="row spread">
            <h1>{t.residents.residents_title}</h1>
            <div class="row">
                <A href="/angkatan" attr:class="button" attr:id="cohorts-link">{t.residents.cohorts_link}</A>
                {crate::ui::session::may(crate::domain::permissions::Section::Identity, true).then(|| view! {
                    <A href="/klien/baru" attr:class="button primary" attr:id="new-resident">{t.new_resident}</A>
                })}
            </div>
        </div>
        <div class="filters card">
            <div class="field grow">
                <label for="search">{t.residents.search_label}</label>
                <input id="search" type="search" autocomplete="off" placeholder=t.residents.search_placeholder
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="filter-cohort">{t.residents.filter_cohort}</label>
                <select id="filter-cohort" on:change=move |ev| cohort.set(event_target_value(&ev))>
                    <option value="">{t.residents.all}</option>
                    {move || cohorts().into_iter().map(|c| {
                        let (c2, label) = (c.clone(), c.clone());
                        view! { <option value=c prop:selected=move || cohort.get() == c2>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-stage">{t.case.filter_stage}</label>
                <select id="filter-stage" on:change=move |ev| stage.set(event_target_value(&ev))>
                    <option value="">{t.residents.all}</option>
                    {move || {
                        let n = by_stage();
                        Stage::ALL.into_iter().map(|s| {
                            let code = s.code();
                            let c2 = code.clone();
                            view! { <option value=code prop:selected=move || stage.get() == c2>{format!("{} ({})", (t.case.stage)(s), n[s as usize])}</option> }
                        }).collect_view()
                    }}
                </select>
            </div>
        </div>
        {move || {
            let p = page.get();
            if p.total == 0 {
                let empty = text.get().is_empty() && cohort.get().is_empty() && stage.get().is_empty();
                return view! { <p class="empty card" id="no-results">{if empty { t.no_residents } else { t.residents.no_matches }}</p> }.into_any();
            }
            view! {
                <p class="muted" id="result-count" aria-live="polite">
                    {fill(t.residents.showing, &[("shown", &p.rows.len().to_string()), ("total", &p.total.to_string())])}
                </p>
                <table class="list" id="residents">
                    <thead><tr>
                        <th>{t.residents.col_name}</th><th>{t.residents.col_age}</th><th>{t.residents.col_origin}</th>
                        <th>{t.residents.col_cohort}</th><th>{t.residents.col_intake}</th><th>{t.case.col_stage}</th>
                    </tr></thead>
                    <tbody>
                        {p.rows.into_iter().map(|(m, r)| {
                            let href = format!("/klien/{}", m.id);
                            let (name, alias, cohort_label) = (r.full_name.clone(), r.alias.clone(), r.cohort.clone());
                            let origin = r.origin_label();
                            let intake = format::date(r.intake_date, &t.months);
                            let status_class = format!("tag s-{}", r.status().code());
                            let status_label = (t.case.stage)(r.stage);
                            let age = r.age_on(today).map(|a| fill(t.residents.years, &[("n", &a.to_string())])).unwrap_or_default();
                            view! {
                                <tr>
                                    <td>
                                        <A href=href>{name}</A>
                                        {(!alias.is_empty()).then(|| view! { <span class="muted">" (" {alias} ")"</span> })}
                                    </td>
                                    <td>{age}</td>
                                    <td>{origin}</td>
                                    <td>{cohort_label}</td>
                                    <td>{intake}</td>
                                    <td><span class=status_class>{status_label}</span></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}
