//! The ATENSI services a resident received, on her profile: the list with the aid value in all,
//! and the form to add one.

use crate::domain::aftercare::{AtensiComponent, AtensiService};
use crate::domain::date::Date;
use crate::domain::id::RecordId;
use crate::domain::permissions::Section;
use crate::domain::sorting;
use crate::domain::validation::FieldError;
use crate::store::clock;
use crate::ui::components::field::Field;
use crate::ui::components::submit::Submit;
use crate::ui::format;
use crate::ui::i18n::fill;
use crate::ui::session::{may, use_app, use_texts, vault};
use leptos::prelude::*;

#[component]
pub fn AtensiPanel(id: RecordId, intake: Date) -> impl IntoView {
    let t = use_texts();
    let c = t.case;
    if !may(Section::CaseNotes, false) {
        return ().into_any();
    }
    let mut services: Vec<AtensiService> = vault()
        .read(|ix| {
            ix.about::<AtensiService>(&id)
                .map(|l| l.body.clone())
                .collect()
        })
        .unwrap_or_default();
    sorting::sort_by(&mut services, |a, b| a.date.cmp(&b.date));
    let total: u64 = services.iter().map(|s| s.aid_value).sum();
    let rows = services
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <td>{format::date(s.date, &t.months)}</td>
                    <td>{(c.atensi)(s.component)}</td>
                    <td>{s.description.clone()}</td>
                    <td class="num">{format::rupiah(s.aid_value as i64)}</td>
                </tr>
            }
        })
        .collect_view();
    let empty = services.is_empty();
    view! {
        <section class="card" id="atensi-card" aria-labelledby="atensi-title">
            <h2 id="atensi-title">{c.sec_atensi}</h2>
            {if empty {
                view! { <p class="muted">{c.no_atensi}</p> }.into_any()
            } else {
                view! {
                    <table class="list" id="atensi">
                        <thead><tr><th scope="col">{c.f_at_date}</th><th scope="col">{c.f_at_component}</th><th scope="col">{c.f_at_description}</th><th scope="col">{c.f_at_value}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <p id="atensi-total">{fill(c.atensi_total, &[("total", &format::rupiah(total as i64))])}</p>
                }
                .into_any()
            }}
            {may(Section::CaseNotes, true).then(|| view! { <AtensiForm id=id.clone() intake=intake /> })}
        </section>
    }
    .into_any()
}

#[component]
fn AtensiForm(id: RecordId, intake: Date) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let c = t.case;
    let date = RwSignal::new(clock::today().iso());
    let component = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let checked = AtensiService::validated(
            id.clone(),
            &date.get_untracked(),
            &component.get_untracked(),
            &value.get_untracked(),
            &description.get_untracked(),
            intake,
            clock::today(),
        );
        submit.create(checked, errors, move || {
            description.set(String::new());
            value.set(String::new());
            app.notify(c.atensi_saved, false);
        });
    };
    view! {
        <form class="stack" id="atensi-form" on:submit=on_submit novalidate>
            <div class="row wrap">
                <Field label=c.f_at_date name="at_date" errors=errors>
                    <input type="date" id="at_date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
                </Field>
                <Field label=c.f_at_component name="at_component" errors=errors>
                    <select id="at_component" on:change=move |ev| component.set(event_target_value(&ev))>
                        <option value="" prop:selected=move || component.get().is_empty()>{c.choose}</option>
                        {AtensiComponent::ALL.into_iter().map(|a| view! { <option value=a.code()>{(c.atensi)(a)}</option> }).collect_view()}
                    </select>
                </Field>
                <Field label=c.f_at_value name="at_value" errors=errors optional=true>
                    <input type="text" inputmode="numeric" id="at_value" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                </Field>
            </div>
            <Field label=c.f_at_description name="at_description" errors=errors>
                <input type="text" id="at_description" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev)) />
            </Field>
            {submit.banner("atensi-error")}
            <div class="row"><button type="submit" class="primary" id="atensi-save" disabled=move || submit.busy.get()>{c.save_atensi}</button></div>
        </form>
    }
}
