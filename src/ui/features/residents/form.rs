//! Register a resident at intake, or edit one.

use crate::domain::code_of;
use crate::domain::cohort::{self, Cohort};
use crate::domain::id::RecordId;
use crate::domain::identity_paper::{IdentityPaper, PaperStatus};
use crate::domain::photo::Photo;
use crate::domain::record::RecordBody;
use crate::domain::resident::{
    self, Education, MaritalStatus, ReferralSource, Religion, Resident, ResidentDraft,
};
use crate::domain::stage::{Stage, StageChange};
use crate::domain::validation::FieldError;
use crate::store::{clock, Change};
use crate::ui::components::field::{choice_select, focus_first_error, Field};
use crate::ui::components::region_picker::RegionPicker;
use crate::ui::components::submit::Submit;
use crate::ui::files;
use crate::ui::session::{error_text, use_app, use_texts, vault};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

macro_rules! input {
    ($draft:expr, $field:ident, $type:expr) => {{
        let d = $draft;
        view! {
            <input type=$type id=stringify!($field) name=stringify!($field)
                prop:value=move || d.with(|x| x.$field.clone())
                on:input=move |ev| d.update(|x| x.$field = event_target_value(&ev)) />
        }
    }};
}

/// Every cohort's name, newest first.
fn cohort_names() -> Vec<String> {
    let mut names: Vec<String> = vault()
        .read(|ix| ix.all::<Cohort>().map(|l| l.body.name.clone()).collect())
        .unwrap_or_default();
    crate::domain::sorting::sort_by(&mut names, |a, b| b.cmp(a));
    names
}

macro_rules! choice {
    ($draft:expr, $field:ident, $ty:ty, $label:expr) => {{
        let d = $draft;
        choice_select(
            stringify!($field),
            <$ty>::ALL,
            $label,
            <$ty>::code,
            move || d.with(|x| x.$field.clone()),
            move |v| d.update(|x| x.$field = v),
        )
    }};
}

/// What the form will do with the photo on save.
#[derive(Clone, Debug, PartialEq, Eq)]
enum PhotoChoice {
    Keep,
    New(String),
    Remove,
}

fn paper_select(
    draft: RwSignal<ResidentDraft>,
    id: &'static str,
    paper: IdentityPaper,
    label: fn(PaperStatus) -> &'static str,
) -> impl IntoView {
    choice_select(
        id,
        &PaperStatus::ALL,
        label,
        code_of,
        move || draft.with(|d| code_of(d.papers.get(paper))),
        move |v| {
            let s = PaperStatus::ALL
                .into_iter()
                .find(|p| code_of(*p) == v)
                .unwrap_or_default();
            draft.update(|d| d.papers.set(paper, s));
        },
    )
}

/// `/klien/baru`.
#[component]
pub fn NewResidentPage() -> impl IntoView {
    view! { <ResidentForm existing=None /> }
}

/// `/klien/:id/ubah`.
#[component]
pub fn EditResidentPage(id: Option<RecordId>) -> impl IntoView {
    let t = use_texts();
    move || {
        let rec = id.as_ref().and_then(|id| {
            vault()
                .read(|ix| ix.get::<Resident>(id).map(|l| l.to_owned()))
                .ok()
                .flatten()
        });
        match rec {
            Some((m, r)) => view! { <ResidentForm existing=Some((m.id, m.rev, ResidentDraft::from_resident(&r))) /> }.into_any(),
            None => view! { <p class="banner error">{t.err_not_found}</p> }.into_any(),
        }
    }
}

#[component]
fn ResidentForm(existing: Option<(RecordId, u32, ResidentDraft)>) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let navigate = use_navigate();
    let is_new = existing.is_none();
    let (target, base_rev, initial) = match existing {
        Some((id, rev, d)) => (Some(id), rev, d),
        None => (
            None,
            0,
            ResidentDraft {
                intake_date: clock::today().iso(),
                religion: Religion::Unknown.code(),
                education: Education::Unknown.code(),
                marital_status: MaritalStatus::Unknown.code(),
                referral_source: ReferralSource::SatpolPpRaid.code(),
                ..Default::default()
            },
        ),
    };
    let draft = RwSignal::new(initial);
    let existing_photo: Option<(RecordId, u32, String)> = target.as_ref().and_then(|id| {
        vault()
            .read(|ix| {
                ix.about::<Photo>(id)
                    .next()
                    .map(|l| (l.meta.id.clone(), l.meta.rev, l.body.data_url()))
            })
            .ok()
            .flatten()
    });
    let photo = RwSignal::new(PhotoChoice::Keep);
    let photo_error = RwSignal::new(None::<String>);
    let had_photo = existing_photo.as_ref().map(|(_, _, url)| url.clone());
    let preview = Memo::new(move |_| match photo.get() {
        PhotoChoice::New(b64) => Some(format!("data:image/jpeg;base64,{b64}")),
        PhotoChoice::Keep => had_photo.clone(),
        PhotoChoice::Remove => None,
    });
    let on_photo = move |_| {
        let Some(file) = files::chosen_file("photo") else {
            return;
        };
        photo_error.set(None);
        spawn_local(async move {
            match crate::ui::photo::to_jpeg_base64(&file).await {
                Ok(b64) => photo.set(PhotoChoice::New(b64)),
                Err(crate::ui::photo::PhotoError::TooLarge) => {
                    photo_error.set(Some(t.residents.photo_too_large.into()))
                }
                Err(crate::ui::photo::PhotoError::NotAnImage) => {
                    photo_error.set(Some(t.residents.photo_not_image.into()))
                }
            }
        });
    };
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let saving = submit.busy;
    let cancel_href = target
        .as_ref()
        .map(|id| format!("/klien/{id}"))
        .unwrap_or_else(|| "/klien".into());

    let nav = navigate.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let resident = match draft.get_untracked().validate(clock::today()) {
            // A new resident: the next number in the register for her intake year.
            Ok(mut r) if target.is_none() => {
                r.register_no = vault()
                    .read(|ix| {
                        resident::next_register_number(
                            ix.all::<Resident>().map(|l| l.body.register_no.as_str()),
                            r.intake_date.year(),
                        )
                    })
                    .unwrap_or_default();
                r
            }
            Ok(r) => r,
            Err(e) => {
                focus_first_error(&e);
                errors.set(e);
                submit.fail(t.form_has_errors.into());
                return;
            }
        };
        errors.set(vec![]);
        let resident_id = match target.clone().map(Ok).unwrap_or_else(clock::new_id) {
            Ok(id) => id,
            Err(e) => {
                submit.fail(error_text(t, &e));
                return;
            }
        };
        // Registration is the first stage move of her case.
        let first_stage = target.is_none().then(|| StageChange {
            resident: resident_id.clone(),
            episode: 1,
            date: resident.intake_date,
            from: None,
            to: Stage::Intake,
            reason: String::new(),
        });
        // A cohort named for the first time gets its record in the same transaction.
        let new_cohort = vault()
            .read(|ix| {
                cohort::without_record(
                    std::iter::once(resident.cohort.as_str()),
                    ix.all::<Cohort>().map(|l| l.body),
                )
            })
            .unwrap_or_default();
        let mut changes = vec![if target.is_some() {
            Change::Update {
                id: resident_id.clone(),
                base_rev,
                body: RecordBody::Resident(resident),
            }
        } else {
            Change::Create {
                id: resident_id.clone(),
                body: RecordBody::Resident(resident),
            }
        }];
        for name in new_cohort {
            changes.push(Change::Create {
                id: Cohort::id_for(&name),
                body: RecordBody::Cohort(Cohort::named(&name)),
            });
        }
        if let Some(first) = first_stage {
            match clock::new_id() {
                Ok(id) => changes.push(Change::create(id, first)),
                Err(e) => return submit.fail(error_text(t, &e)),
            }
        }
        // The photo is its own record, saved in the same transaction as the resident.
        match (photo.get_untracked(), &existing_photo) {
            (PhotoChoice::New(b64), existing) => {
                let Some(body) = Photo::new(resident_id.clone(), b64).map(RecordBody::Photo) else {
                    photo_error.set(Some(t.residents.photo_not_image.into()));
                    return;
                };
                changes.push(match existing {
                    Some((id, rev, _)) => Change::Update {
                        id: id.clone(),
                        base_rev: *rev,
                        body,
                    },
                    None => match clock::new_id() {
                        Ok(id) => Change::Create { id, body },
                        Err(e) => {
                            submit.fail(error_text(t, &e));
                            return;
                        }
                    },
                });
            }
            (PhotoChoice::Remove, Some((id, rev, _))) => changes.push(Change::Delete {
                id: id.clone(),
                base_rev: *rev,
            }),
            _ => {}
        }
        let nav = nav.clone();
        submit.save(changes, move |saved| {
            nav(
                &format!("/klien/{}", saved[0].meta.id),
                NavigateOptions::default(),
            );
            app.notify(t.residents.saved_resident, false);
        });
    };

    view! {
        <form class="resident-form" on:submit=on_submit novalidate>
            <div class="row spread">
                <h1>{if is_new { t.residents.form_new_title } else { t.residents.form_edit_title }}</h1>
            </div>
            {submit.banner("form-error")}
            <fieldset class="card photo-field">
                <legend>{t.residents.f_photo}</legend>
                <div class="row">
                    {move || preview.get().map(|src| view! { <img class="photo" id="photo-preview" src=src alt=t.residents.f_photo /> })}
                    <div class="field">
                        <label for="photo">{t.residents.f_photo}<span class="optional">" (" {t.optional} ")"</span></label>
                        <input id="photo" type="file" accept="image/jpeg,image/png,image/webp" on:change=on_photo />
                        <p class="hint">{t.residents.photo_hint}</p>
                        <p class="error" id="photo-error" aria-live="polite">{move || photo_error.get()}</p>
                        {move || preview.get().is_some().then(|| view! {
                            <button type="button" class="link" id="photo-remove" on:click=move |_| photo.set(PhotoChoice::Remove)>{t.residents.photo_remove}</button>
                        })}
                    </div>
                </div>
            </fieldset>
            <fieldset class="card">
                <legend>{t.residents.sec_identity}</legend>
                <div class="grid">
                    <Field label=t.residents.f_full_name name="full_name" errors=errors>{input!(draft, full_name, "text")}</Field>
                    <Field label=t.residents.f_alias name="alias" errors=errors optional=true>{input!(draft, alias, "text")}</Field>
                    <Field label=t.residents.f_birth_date name="birth_date" errors=errors>{input!(draft, birth_date, "date")}</Field>
                    <Field label=t.residents.f_estimated_age name="estimated_age" errors=errors optional=true>{input!(draft, estimated_age, "number")}</Field>
                </div>
            </fieldset>
            <fieldset class="card">
                <legend>{t.residents.sec_origin}</legend>
                <div class="grid">
                    <RegionPicker draft=draft errors=errors />
                    <Field label=t.residents.f_phone_own name="phone_own" errors=errors optional=true>{input!(draft, phone_own, "tel")}</Field>
                    <Field label=t.residents.f_phone_family name="phone_family" errors=errors optional=true>{input!(draft, phone_family, "tel")}</Field>
                </div>
                <Field label=t.residents.f_family_address name="family_address" errors=errors optional=true>
                    <textarea id="family_address" name="family_address" rows="2"
                        prop:value=move || draft.with(|x| x.family_address.clone())
                        on:input=move |ev| draft.update(|x| x.family_address = event_target_value(&ev))></textarea>
                </Field>
            </fieldset>
            <fieldset class="card">
                <legend>{t.residents.sec_social}</legend>
                <div class="grid">
                    <Field label=t.residents.f_religion name="religion" errors=errors>{choice!(draft, religion, Religion, t.religion)}</Field>
                    <Field label=t.residents.f_education name="education" errors=errors>{choice!(draft, education, Education, t.education)}</Field>
                    <Field label=t.residents.f_marital name="marital_status" errors=errors>{choice!(draft, marital_status, MaritalStatus, t.marital)}</Field>
                    <Field label=t.residents.f_children name="children" errors=errors optional=true>{input!(draft, children, "number")}</Field>
                </div>
            </fieldset>
            <fieldset class="card">
                <legend>{t.residents.sec_intake}</legend>
                <div class="grid">
                    <Field label=t.residents.f_intake_date name="intake_date" errors=errors>{input!(draft, intake_date, "date")}</Field>
                    <Field label=t.residents.f_cohort name="cohort" errors=errors hint=t.residents.f_cohort_hint>
                        <input type="text" id="cohort" name="cohort" list="cohort-names" prop:value=move || draft.with(|x| x.cohort.clone())
                            on:input=move |ev| draft.update(|x| x.cohort = event_target_value(&ev)) />
                        // The cohorts there are, to choose from as one types.
                        <datalist id="cohort-names">{cohort_names().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}</datalist>
                    </Field>
                    <Field label=t.residents.f_referral name="referral_source" errors=errors>{choice!(draft, referral_source, ReferralSource, t.referral)}</Field>
                    <Field label=t.residents.f_referral_note name="referral_note" errors=errors optional=true>{input!(draft, referral_note, "text")}</Field>
                    <Field label=t.case.f_statement_date name="statement_date" errors=errors optional=true hint=t.case.statement_hint>{input!(draft, statement_date, "date")}</Field>
                    <Field label=t.case.f_statement_witness name="statement_witness" errors=errors optional=true>{input!(draft, statement_witness, "text")}</Field>
                </div>
            </fieldset>
            <fieldset class="card">
                <legend>{t.residents.sec_papers}</legend>
                <div class="grid">
                    <Field label=t.residents.f_ktp name="paper_ktp" errors=errors>{paper_select(draft, "paper_ktp", IdentityPaper::Ktp, t.paper_status)}</Field>
                    <Field label=t.residents.f_kk name="paper_kk" errors=errors>{paper_select(draft, "paper_kk", IdentityPaper::Kk, t.paper_status)}</Field>
                    <Field label=t.residents.f_birth_cert name="paper_birth_certificate" errors=errors>{paper_select(draft, "paper_birth_certificate", IdentityPaper::BirthCertificate, t.paper_status)}</Field>
                </div>
            </fieldset>
            <div class="row end sticky-actions">
                <a class="button" href=cancel_href>{t.cancel}</a>
                <button type="submit" class="primary" id="save-resident" disabled=move || saving.get()>
                    {move || if saving.get() { t.saving } else { t.save }}
                </button>
            </div>
        </form>
    }
}
