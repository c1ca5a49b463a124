//! Province and regency/city of origin, picked by typing from the official list (datalists).

use super::field::Field;
use crate::domain::region;
use crate::domain::resident::ResidentDraft;
use crate::domain::validation::FieldError;
use crate::ui::session::use_texts;
use leptos::prelude::*;

fn name_of_province(code: &str) -> String {
    region::province(code)
        .map(|p| p.name.to_string())
        .unwrap_or_else(|| code.to_string())
}

fn name_of_regency(code: &str) -> String {
    region::regency(code)
        .map(|r| r.name.to_string())
        .unwrap_or_else(|| code.to_string())
}

/// The code of the region whose name was typed (any case); the text itself if none matches,
/// so that validation can say "choose from the list".
fn code_for(typed: &str, mut candidates: impl Iterator<Item = region::Region>) -> String {
    let t = typed.trim();
    candidates
        .find(|r| r.name.eq_ignore_ascii_case(t))
        .map(|r| r.code.to_string())
        .unwrap_or_else(|| t.to_string())
}

#[component]
pub fn RegionPicker(
    draft: RwSignal<ResidentDraft>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let t = use_texts();
    let province_text =
        RwSignal::new(draft.with_untracked(|d| name_of_province(&d.origin_province)));
    let regency_text = RwSignal::new(draft.with_untracked(|d| name_of_regency(&d.origin_regency)));
    let on_province = move |ev| {
        let v = event_target_value(&ev);
        let code = code_for(&v, region::provinces());
        province_text.set(v);
        draft.update(|d| {
            if d.origin_province != code {
                d.origin_province = code;
                d.origin_regency.clear();
                regency_text.set(String::new());
            }
        });
    };
    let on_regency = move |ev| {
        let v = event_target_value(&ev);
        let prov = draft.with_untracked(|d| d.origin_province.clone());
        let code = code_for(&v, region::regencies_of(&prov));
        regency_text.set(v);
        draft.update(|d| d.origin_regency = code);
    };
    let regencies = move || {
        let prov = draft.with(|d| d.origin_province.clone());
        region::regencies_of(&prov)
            .map(|r| view! { <option value=r.name></option> })
            .collect_view()
    };
    view! {
        <Field label=t.f_province name="origin_province" errors=errors optional=true>
            <input id="origin_province" name="origin_province" list="provinces" autocomplete="off"
                placeholder=t.region_placeholder prop:value=move || province_text.get() on:input=on_province />
            <datalist id="provinces">
                {region::provinces().map(|p| view! { <option value=p.name></option> }).collect_view()}
            </datalist>
        </Field>
        <Field label=t.f_regency name="origin_regency" errors=errors optional=true>
            <input id="origin_regency" name="origin_regency" list="regencies" autocomplete="off"
                placeholder=t.region_placeholder prop:value=move || regency_text.get() on:input=on_regency />
            <datalist id="regencies">{regencies}</datalist>
        </Field>
    }
}
