//! `/klien/<id>/ringkasan-terminasi`: the discharge summary, printed on A4 (the print stylesheet
//! in `style/main.css` drops the app around it): the shelter's name as a letterhead, her stages
//! with their dates, the plan goals met, the starter kit with its total, and the aftercare schedule.

use super::aftercare::{aftercare_months, latest_discharge};
use crate::domain::id::RecordId;
use crate::domain::resident::Resident;
use crate::domain::stage::{self, StageChange};
use crate::ui::format;
use crate::ui::i18n::fill;
use crate::ui::session::{use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn DischargeSummaryPage(id: Option<RecordId>) -> impl IntoView {
    let t = use_texts();
    let c = t.case;
    let v = vault();
    let found = id.as_ref().and_then(|id| {
        let r = v
            .read(|ix| ix.get::<Resident>(id).map(|l| l.body.clone()))
            .ok()
            .flatten()?;
        Some((id.clone(), r, latest_discharge(id)?))
    });
    let Some((rid, r, (_, dc))) = found else {
        return view! { <p class="banner error">{t.err_not_found}</p> <A href="/klien">{t.back}</A> }.into_any();
    };
    let shelter = v.shelter().ok().flatten();
    let months = aftercare_months(shelter.as_ref());
    let shelter = shelter.map(|s| s.name).unwrap_or_default();
    let met = super::plan::goals_met(&rid);
    let met = if met.is_empty() {
        view! { <p>{c.none}</p> }.into_any()
    } else {
        view! { <ul id="summary-goals">{met.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul> }.into_any()
    };
    let changes: Vec<((), StageChange)> = v
        .read(|ix| {
            ix.about::<StageChange>(&rid)
                .map(|l| ((), l.body.clone()))
                .collect()
        })
        .unwrap_or_default();
    let stages = stage::history(changes)
        .into_iter()
        .map(|(_, s)| view! { <tr><td>{format::date(s.date, &t.months)}</td><td>{(c.stage_long)(s.to)}</td></tr> })
        .collect_view();
    let kit = dc
        .kit
        .iter()
        .map(|k| view! { <tr><td>{k.item.clone()}</td><td class="num">{k.quantity}</td><td class="num">{format::rupiah(k.value as i64)}</td></tr> })
        .collect_view();
    let schedule = dc
        .schedule(&months)
        .into_iter()
        .map(|(m, due)| view! { <tr><td>{fill(c.month_n, &[("n", &m.to_string())])}</td><td>{format::date(due, &t.months)}</td></tr> })
        .collect_view();
    view! {
        <div class="row spread no-print">
            <A href=format!("/klien/{rid}") attr:class="button">{c.back_to_profile}</A>
            <button type="button" class="primary" id="print-summary" on:click=move |_| { let _ = window().print(); }>{c.print}</button>
        </div>
        <article class="print-page" id="discharge-summary-page">
            <header class="letterhead">
                <p class="shelter-name">{shelter}</p>
                <h1>{c.summary_title}</h1>
            </header>
            <dl>
                <dt>{t.residents.f_full_name}</dt><dd id="summary-name">{r.full_name.clone()}</dd>
                <dt>{c.f_register_no}</dt><dd>{r.register_no.clone()}</dd>
                <dt>{t.residents.f_intake_date}</dt><dd>{format::date(r.intake_date, &t.months)}</dd>
                <dt>{c.f_dc_date}</dt><dd>{format::date(dc.date, &t.months)}</dd>
                <dt>{c.f_dc_reason}</dt><dd>{(c.discharge_reason)(dc.reason)}</dd>
                <dt>{c.f_dc_received_by}</dt><dd>{dc.received_by.clone()}</dd>
            </dl>
            <h2>{c.history}</h2>
            <table class="list"><thead><tr><th scope="col">{c.f_date}</th><th scope="col">{c.col_stage}</th></tr></thead><tbody>{stages}</tbody></table>
            <h2>{c.goals_met}</h2>
            {met}
            <h2>{c.kit_title}</h2>
            <table class="list">
                <thead><tr><th scope="col">{c.f_kit_item}</th><th scope="col">{c.f_kit_qty}</th><th scope="col">{c.f_kit_value}</th></tr></thead>
                <tbody>{kit}</tbody>
                <tfoot><tr><th scope="row" colspan="2">{c.f_kit_total}</th><td class="num" id="summary-kit-total">{format::rupiah(dc.kit_total() as i64)}</td></tr></tfoot>
            </table>
            <h2>{c.schedule_title}</h2>
            <table class="list"><thead><tr><th scope="col">{c.col_month}</th><th scope="col">{c.col_due}</th></tr></thead><tbody>{schedule}</tbody></table>
            <div class="signature">
                <p>{c.signed_head}</p>
                <p class="signature-line"></p>
            </div>
        </article>
    }
    .into_any()
}
