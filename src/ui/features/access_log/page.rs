//! Pengaturan → Catatan akses: every entry of the record of who did what, filtered by staff,
//! resident, action and date, with the chain checked (`domain/access_log.rs::verify`) and a CSV
//! download. Only the head reads it (`Section::AccessLog`).

use super::texts::AccessLogTexts;
use crate::domain::access_log::{AccessAction, AccessEntry, Break};
use crate::domain::code_of;
use crate::domain::date::Date;
use crate::domain::id::RecordId;
use crate::domain::permissions::Section;
use crate::domain::record::RecordBody;
use crate::domain::staff::StaffMember;
use crate::ui::files;
use crate::ui::format;
use crate::ui::i18n::fill;
use crate::ui::session::{generic_error, may, use_app, use_texts, vault};
use leptos::prelude::*;

const ACTIONS: [AccessAction; 10] = [
    AccessAction::SignIn,
    AccessAction::SignInFailed,
    AccessAction::Create,
    AccessAction::Change,
    AccessAction::Delete,
    AccessAction::ViewRestricted,
    AccessAction::Export,
    AccessAction::Backup,
    AccessAction::StaffChange,
    AccessAction::KeyRotation,
];

/// At most this many rows on the page (the CSV has them all).
const SHOWN: usize = 500;

fn action_label(t: &AccessLogTexts, a: AccessAction) -> &'static str {
    match a {
        AccessAction::SignIn => t.a_sign_in,
        AccessAction::SignInFailed => t.a_sign_in_failed,
        AccessAction::Create => t.a_create,
        AccessAction::Change => t.a_change,
        AccessAction::Delete => t.a_delete,
        AccessAction::ViewRestricted => t.a_view_restricted,
        AccessAction::Export => t.a_export,
        AccessAction::Backup => t.a_backup,
        AccessAction::StaffChange => t.a_staff_change,
        AccessAction::KeyRotation => t.a_key_rotation,
    }
}

fn break_text(t: &AccessLogTexts, b: &Break) -> String {
    match b {
        Break::Missing { chain, from, to } => fill(
            t.break_missing,
            &[
                ("chain", chain),
                ("from", &from.to_string()),
                ("to", &to.to_string()),
            ],
        ),
        Break::Altered { chain, seq } => fill(
            t.break_altered,
            &[("chain", chain), ("seq", &seq.to_string())],
        ),
        Break::Conflict { chain, seq } => fill(
            t.break_conflict,
            &[("chain", chain), ("seq", &seq.to_string())],
        ),
        Break::Truncated {
            chain,
            last,
            expected,
        } => fill(
            t.break_truncated,
            &[
                ("chain", chain),
                ("last", &last.to_string()),
                ("expected", &expected.to_string()),
            ],
        ),
    }
}

/// A field as staff name it (an entry stores the stored name; the page and CSV show the label).
fn field_label(t: &crate::ui::i18n::Texts, field: &str) -> String {
    let r = t.residents;
    let st = t.staff;
    match field {
        "full_name" => r.f_full_name,
        "alias" => r.f_alias,
        "birth_date" => r.f_birth_date,
        "estimated_age" => r.f_estimated_age,
        "origin_province" | "origin_regency" => r.f_origin,
        "family_address" => r.f_family_address,
        "contacts" => r.f_phone_own,
        "religion" => r.f_religion,
        "education" => r.f_education,
        "marital_status" => r.f_marital,
        "children" => r.f_children,
        "referral_source" => r.f_referral,
        "referral_note" => r.f_referral_note,
        "intake_date" => r.f_intake_date,
        "cohort" => r.f_cohort,
        "papers" => r.sec_papers,
        "status" => t.f_status,
        "name" => st.col_name,
        "role" => st.col_role,
        "nip" => st.f_nip,
        "phone" => st.f_phone,
        "active" => st.col_status,
        "passphrase" => t.passphrase,
        other => return other.to_string(),
    }
    .to_string()
}

/// One entry as the table and the CSV show it.
#[derive(Clone, PartialEq)]
struct Row {
    at_ms: u64,
    at_iso: String,
    staff_id: String,
    staff: String,
    action: AccessAction,
    record: String,
    resident: Option<RecordId>,
    fields: String,
    chain: String,
    seq: u64,
}

#[component]
pub fn AccessLogPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let lt = t.access_log;
    if !may(Section::AccessLog, false) {
        return view! {
            <h1>{lt.log_title}</h1>
            <p class="banner" id="access-restricted">{lt.only_head}</p>
        }
        .into_any();
    }
    let (staff_f, action_f, from_f, to_f, resident_f) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let staff_list = Memo::new(move |_| {
        app.data_version.track();
        let mut l: Vec<(String, String)> = vault()
            .read(|ix| {
                ix.all::<StaffMember>()
                    .map(|m| (m.meta.id.to_string(), m.body.name.clone()))
                    .collect()
            })
            .unwrap_or_default();
        crate::domain::sorting::sort_by(&mut l, |a, b| a.1.cmp(&b.1));
        l
    });
    let all_rows = Memo::new(move |_| {
        app.data_version.track();
        let v = vault();
        let entries: Vec<AccessEntry> = v.access_entries().unwrap_or_default();
        let mut rows: Vec<Row> = v
            .read(|ix| {
                entries
                    .iter()
                    .map(|e| {
                        let staff = RecordId::parse(&e.what.staff)
                            .and_then(|id| ix.get::<StaffMember>(&id).map(|m| m.body.name.clone()))
                            .unwrap_or_else(|| lt.unknown_staff.to_string());
                        let rid = e.what.record.as_deref().and_then(RecordId::parse);
                        let (record, resident) = match rid.as_ref().and_then(|id| ix.record(id)) {
                            Some(r) => match &r.body {
                                Some(RecordBody::Resident(x)) => {
                                    (x.full_name.clone(), Some(r.meta.id.clone()))
                                }
                                Some(RecordBody::Staff(m)) => (m.name.clone(), None),
                                _ => ((t.kind)(r.meta.kind).to_string(), None),
                            },
                            None => (e.what.record.clone().unwrap_or_default(), None),
                        };
                        Row {
                            at_ms: Date::parse_iso_instant(&e.what.at).unwrap_or(0),
                            at_iso: e.what.at.clone(),
                            staff_id: e.what.staff.clone(),
                            staff,
                            action: e.what.action,
                            record,
                            resident,
                            fields: {
                                let mut labels: Vec<String> =
                                    e.what.fields.iter().map(|f| field_label(t, f)).collect();
                                crate::domain::sorting::sort_dedup(&mut labels);
                                labels.join(", ")
                            },
                            chain: e.chain.clone(),
                            seq: e.seq,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        crate::domain::sorting::sort_by(&mut rows, |a, b| {
            (b.at_ms, &b.chain, b.seq).cmp(&(a.at_ms, &a.chain, a.seq))
        });
        rows
    });
    let breaks = Memo::new(move |_| {
        app.data_version.track();
        vault().access_breaks().unwrap_or_default()
    });
    let filtered = Memo::new(move |_| {
        let (st, ac, fr, to, re) = (
            staff_f.get(),
            action_f.get(),
            from_f.get(),
            to_f.get(),
            resident_f.get().trim().to_lowercase(),
        );
        let from = Date::parse_iso(&fr);
        let until = Date::parse_iso(&to);
        all_rows.with(|rows| {
            rows.iter()
                .filter(|r| st.is_empty() || r.staff_id == st)
                .filter(|r| ac.is_empty() || code_of(r.action) == ac)
                .filter(|r| {
                    // Dates as the staff read them: in WIB.
                    let day = Date::from_timestamp(r.at_ms + 7 * 3_600_000);
                    from.is_none_or(|f| day >= f) && until.is_none_or(|u| day <= u)
                })
                .filter(|r| {
                    re.is_empty() || (r.resident.is_some() && r.record.to_lowercase().contains(&re))
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let download = move |_| {
        let rows = filtered.get_untracked();
        let header = [
            lt.col_time,
            lt.col_staff,
            lt.col_action,
            lt.col_record,
            lt.col_fields,
            "laptop",
            "no",
        ];
        let lines: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                vec![
                    r.at_iso.clone(),
                    r.staff.clone(),
                    action_label(lt, r.action).to_string(),
                    r.record.clone(),
                    r.fields.clone(),
                    r.chain.clone(),
                    r.seq.to_string(),
                ]
            })
            .collect();
        // `;` for Indonesian spreadsheets (the decimal comma takes `,`), `,` for English.
        let sep = match crate::ui::preferences::lang() {
            crate::ui::i18n::Lang::Id => crate::domain::csv::Separator::Semicolon,
            _ => crate::domain::csv::Separator::Comma,
        };
        let csv = crate::domain::csv::write(sep, &header, &lines);
        let name = format!("catatan-akses-{}.csv", crate::store::clock::today().iso());
        match files::download(&name, csv.as_bytes()) {
            Ok(()) => leptos::task::spawn_local(async move {
                let _ = vault()
                    .note(
                        AccessAction::Export,
                        None,
                        vec!["catatan_akses".into(), rows.len().to_string()],
                    )
                    .await;
                app.data_changed();
            }),
            Err(d) => app.notify(generic_error(t, &d), true),
        }
    };
    let select_input = |id: &'static str,
                        label: &'static str,
                        value: RwSignal<String>,
                        options: Vec<(String, String)>| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
                    <option value="">{lt.all}</option>
                    {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    let date_input = |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="date" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            </div>
        }
    };
    let action_options: Vec<(String, String)> = ACTIONS
        .iter()
        .map(|a| (code_of(*a), action_label(lt, *a).to_string()))
        .collect();
    view! {
        <h1>{lt.log_title}</h1>
        <p class="lead">{lt.log_intro}</p>
        {move || {
            let b = breaks.get();
            if b.is_empty() {
                let n = all_rows.with(|r| r.len()).to_string();
                view! { <p class="banner" id="access-whole">{fill(lt.whole, &[("n", &n)])}</p> }.into_any()
            } else {
                view! {
                    <div class="banner error" id="access-broken" role="alert">
                        <p>{fill(lt.broken, &[("n", &b.len().to_string())])}</p>
                        <ul>{b.iter().map(|x| view! { <li>{break_text(lt, x)}</li> }).collect_view()}</ul>
                    </div>
                }.into_any()
            }
        }}
        <form class="card filters row" on:submit=|ev| ev.prevent_default()>
            {move || select_input("log_staff", lt.f_staff, staff_f, staff_list.get())}
            {select_input("log_action", lt.f_action, action_f, action_options.clone())}
            <div class="field">
                <label for="log_resident">{lt.f_resident}</label>
                <input id="log_resident" type="search" prop:value=move || resident_f.get() on:input=move |ev| resident_f.set(event_target_value(&ev)) />
            </div>
            {date_input("log_from", lt.f_from, from_f)}
            {date_input("log_to", lt.f_to, to_f)}
        </form>
        <div class="row spread">
            <p class="muted" id="access-count" aria-live="polite">{move || {
                let n = filtered.with(|f| f.len());
                fill(lt.shown, &[("shown", &n.min(SHOWN).to_string()), ("total", &n.to_string())])
            }}</p>
            <button type="button" id="access-csv" on:click=download>{lt.export_csv}</button>
        </div>
        {move || {
            let rows = filtered.get();
            if rows.is_empty() {
                return view! { <p class="empty card" id="access-none">{lt.none_match}</p> }.into_any();
            }
            view! {
                <div class="table-wrap">
                    <table class="list" id="access-log">
                        <thead><tr>
                            <th scope="col">{lt.col_time}</th>
                            <th scope="col">{lt.col_staff}</th>
                            <th scope="col">{lt.col_action}</th>
                            <th scope="col">{lt.col_record}</th>
                            <th scope="col">{lt.col_fields}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().take(SHOWN).map(|r| view! {
                                <tr data-action=code_of(r.action)>
                                    <td>{format::timestamp_datetime(r.at_ms, &t.months)}</td>
                                    <td>{r.staff}</td>
                                    <td>{action_label(lt, r.action)}</td>
                                    <td>{match r.resident {
                                        Some(id) => view! { <a href=format!("/klien/{id}")>{r.record}</a> }.into_any(),
                                        None => r.record.into_any(),
                                    }}</td>
                                    <td>{r.fields}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
    .into_any()
}
