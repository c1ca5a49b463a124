//! Pengaturan → Petugas: who works here, who may sign in on this laptop, and their roles.
//! Every change is checked by the rules in `domain/staff.rs` first (a refusal changes nothing),
//! then by the vault, which refuses what the signed-in role may not do whatever the page shows.

use super::texts::StaffTexts;
use crate::domain::code_of;
use crate::domain::id::RecordId;
use crate::domain::permissions::{can_write, holds_restricted_key, Section};
use crate::domain::record::RecordMeta;
use crate::domain::staff::{check_staff_change, StaffChange, StaffMember, StaffRefusal, StaffRole};
use crate::domain::validation::FieldError;
use crate::store::{clock, Change};
use crate::ui::components::field::{choice_select, show_errors, Field};
use crate::ui::components::new_passphrase::{NewPassphrase, NewPassphraseFields};
use crate::ui::components::submit::Submit;
use crate::ui::i18n::fill;
use crate::ui::session::{error_text, use_app, use_texts, vault};
use leptos::prelude::*;

/// One member as the list shows them.
#[derive(Clone, PartialEq)]
struct Row {
    meta: RecordMeta,
    member: StaffMember,
    has_passphrase: bool,
    is_me: bool,
}

fn refusal(t: &StaffTexts, r: StaffRefusal) -> String {
    match r {
        StaffRefusal::NotAllowed => t.refuse_not_allowed,
        StaffRefusal::DuplicateName => t.refuse_duplicate,
        StaffRefusal::NoHeadLeft => t.refuse_no_head,
        StaffRefusal::RemovingYourself => t.refuse_yourself,
        StaffRefusal::Deactivated => t.refuse_deactivated,
        StaffRefusal::NoSuchStaff => t.refuse_no_such,
    }
    .to_string()
}

/// The staff list as the rules see it, and the signed-in member, for `check_staff_change`.
fn check(rows: &[Row], change: StaffChange) -> Result<(), StaffRefusal> {
    let ids: Vec<String> = rows.iter().map(|r| r.meta.id.to_string()).collect();
    let list: Vec<_> = rows
        .iter()
        .zip(&ids)
        .map(|(r, id)| r.member.entry(id))
        .collect();
    let me = rows
        .iter()
        .zip(&ids)
        .find(|(r, _)| r.is_me)
        .map(|(r, id)| r.member.entry(id))
        .ok_or(StaffRefusal::NotAllowed)?;
    check_staff_change(&list, &me, change)
}

/// What a panel below the list is open for.
#[derive(Clone, PartialEq)]
enum Panel {
    None,
    /// A passphrase for a member: a first one here, or a reset (to be changed at sign-in).
    Passphrase {
        id: RecordId,
        name: String,
        reset: bool,
    },
    Role {
        id: RecordId,
        name: String,
    },
    Deactivate {
        id: RecordId,
        name: String,
    },
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let st = t.staff;
    let with_slot = RwSignal::new(Vec::<String>::new());
    Effect::new(move |_| {
        app.data_version.track();
        leptos::task::spawn_local(async move {
            if let Ok(n) = vault().sign_in_names().await {
                // The static lock screen of the next visit offers the same names.
                crate::ui::preferences::set_sign_in_names(&n);
                with_slot.set(n.into_iter().map(|(id, _)| id).collect());
            }
        });
    });
    let rows = Memo::new(move |_| {
        app.data_version.track();
        let slots = with_slot.get();
        let v = vault();
        let me = v.current_staff().ok().map(|(id, _)| id);
        let mut rows: Vec<Row> = v
            .read(|ix| {
                ix.all::<StaffMember>()
                    .map(|l| Row {
                        meta: l.meta.clone(),
                        member: l.body.clone(),
                        has_passphrase: slots.iter().any(|s| s == l.meta.id.as_str()),
                        is_me: me.as_ref() == Some(&l.meta.id),
                    })
                    .collect()
            })
            .unwrap_or_default();
        crate::domain::sorting::sort_by(&mut rows, |a, b| {
            (!a.member.active, a.member.name.to_lowercase())
                .cmp(&(!b.member.active, b.member.name.to_lowercase()))
        });
        rows
    });
    let manager = move || {
        rows.with(|r| {
            r.iter()
                .find(|r| r.is_me)
                .is_some_and(|r| r.member.active && can_write(r.member.role, Section::Staff))
        })
    };
    let panel = RwSignal::new(Panel::None);
    let submit = Submit::new();
    let busy = submit.busy;
    let done = move |text: String| {
        app.notify(text, false);
        panel.set(Panel::None);
        app.data_changed();
    };

    // Adding a member: their record, then their slot (typed by them).
    let (name, role, nip, phone) = (
        RwSignal::new(String::new()),
        RwSignal::new(code_of(StaffRole::SocialWorker)),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let new_pass = NewPassphrase::new("staff_passphrase", "staff_passphrase_again");
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let role_v = role_of(&role.get_untracked());
        let mut e = vec![];
        let m = StaffMember::validated_full(
            &name.get_untracked(),
            role_v,
            &nip.get_untracked(),
            &phone.get_untracked(),
        )
        .map_err(|x| e.extend(x))
        .ok();
        e.extend(new_pass.check());
        let ok = show_errors(errors, e);
        let (Some(m), true) = (m, ok) else { return };
        let change = StaffChange::Add {
            name: &m.name,
            role: m.role,
        };
        if let Err(r) = rows.with_untracked(|rows| check(rows, change)) {
            return submit.fail(refusal(st, r));
        }
        let p = new_pass.value();
        let who = m.name.clone();
        submit.run(
            async move {
                let v = vault();
                let id = clock::new_id().map_err(|e| error_text(t, &e))?;
                v.save(vec![Change::create(id.clone(), m)])
                    .await
                    .map_err(|e| error_text(t, &e))?;
                // The record is saved: a slot that fails now leaves the member listed as
                // without a passphrase here, which their row offers to set.
                Ok(v.set_staff_passphrase(&id, &p, false).await.is_ok())
            },
            move |slot| {
                name.set(String::new());
                role.set(code_of(StaffRole::SocialWorker));
                nip.set(String::new());
                phone.set(String::new());
                new_pass.pass.set(String::new());
                new_pass.again.set(String::new());
                let text = if slot {
                    st.added
                } else {
                    st.added_no_passphrase
                };
                done(fill(text, &[("name", &who)]));
            },
        );
    };

    let list = move || {
        rows.get()
            .into_iter()
            .map(|r| {
                let id = r.meta.id.clone();
                let n = r.member.name.clone();
                let can_act = r.member.active && manager();
                let (id1, n1, id2, n2, id3, n3) =
                    (id.clone(), n.clone(), id.clone(), n.clone(), id.clone(), n.clone());
                let has = r.has_passphrase;
                view! {
                    <tr data-staff=r.member.name.clone()>
                        <td>{r.member.name.clone()} {r.is_me.then(|| view! { " " <span class="muted">{st.you}</span> })}</td>
                        <td>{(t.role)(r.member.role)}</td>
                        <td>{r.member.nip.clone()}</td>
                        <td>{r.member.phone.clone()}</td>
                        <td><span class="tag" class:s-left_early=!r.member.active>{if r.member.active { st.active } else { st.inactive }}</span></td>
                        <td class="passphrase-here">{if !r.member.active { "" } else if has { st.has_passphrase } else { st.no_passphrase }}</td>
                        <td><div class="row">
                            {(can_act && !r.is_me).then(|| view! {
                                <button type="button" class="small give-passphrase" on:click=move |_| panel.set(Panel::Passphrase { id: id1.clone(), name: n1.clone(), reset: has })>
                                    {if has { st.reset_passphrase } else { st.give_passphrase }}
                                </button>
                                <button type="button" class="small change-role" on:click=move |_| panel.set(Panel::Role { id: id2.clone(), name: n2.clone() })>{st.change_role}</button>
                                <button type="button" class="small danger deactivate" on:click=move |_| panel.set(Panel::Deactivate { id: id3.clone(), name: n3.clone() })>{st.deactivate}</button>
                            })}
                        </div></td>
                    </tr>
                }
            })
            .collect_view()
    };

    // The panel for one member's passphrase, role or deactivation.
    let member_pass = NewPassphrase::new("member_passphrase", "member_passphrase_again");
    let member_errors = RwSignal::new(Vec::<FieldError>::new());
    let member_role = RwSignal::new(String::new());
    let panel_view = move || match panel.get() {
        Panel::None => ().into_any(),
        Panel::Passphrase { id, name, reset } => {
            let who = name.clone();
            let save = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let ok = show_errors(member_errors, member_pass.check());
                if !ok {
                    return;
                }
                let (id, p, who) = (id.clone(), member_pass.value(), who.clone());
                submit.run(
                    async move {
                        vault()
                            .set_staff_passphrase(&id, &p, reset)
                            .await
                            .map_err(|e| error_text(t, &e))
                    },
                    move |()| {
                        member_pass.pass.set(String::new());
                        member_pass.again.set(String::new());
                        done(fill(st.passphrase_set, &[("name", &who)]))
                    },
                );
            };
            let hint = if reset {
                st.passphrase_for_reset
            } else {
                st.passphrase_for_new
            };
            view! {
                <form class="card narrow" id="member-passphrase" on:submit=save novalidate>
                    <h2>{fill(st.passphrase_for, &[("name", &name)])}</h2>
                    <p>{fill(hint, &[("name", &name)])}</p>
                    <NewPassphraseFields p=member_pass label=t.passphrase again_label=t.passphrase_again hint=t.passphrase_hint errors=member_errors />
                    <div class="row">
                        <button type="button" on:click=move |_| panel.set(Panel::None)>{t.cancel}</button>
                        <button type="submit" class="primary" id="member-passphrase-submit" disabled=move || busy.get()>{st.set_passphrase_submit}</button>
                    </div>
                </form>
            }
            .into_any()
        }
        Panel::Role { id, name } => {
            let current = rows.with_untracked(|rows| {
                rows.iter()
                    .find(|r| r.meta.id == id)
                    .map(|r| code_of(r.member.role))
            });
            member_role.set(current.unwrap_or_default());
            let who = name.clone();
            let save = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let new_role = role_of(&member_role.get_untracked());
                let Some(row) =
                    rows.with_untracked(|rows| rows.iter().find(|r| r.meta.id == id).cloned())
                else {
                    return submit.fail(refusal(st, StaffRefusal::NoSuchStaff));
                };
                let change = StaffChange::ChangeRole {
                    id: id.as_str(),
                    role: new_role,
                };
                if let Err(r) = rows.with_untracked(|rows| check(rows, change)) {
                    return submit.fail(refusal(st, r));
                }
                let member = StaffMember {
                    role: new_role,
                    ..row.member.clone()
                };
                let who = who.clone();
                // Losing the restricted-content key with the role replaces it, as a removal does:
                // a copy taken while they held it must open nothing written after.
                let loses_key =
                    holds_restricted_key(row.member.role) && !holds_restricted_key(new_role);
                let member_id = id.clone();
                submit.run(
                    async move {
                        let v = vault();
                        let change = Change::update(&row.meta, member);
                        if loses_key {
                            return v
                                .demote_from_restricted(&member_id, vec![change])
                                .await
                                .map(|_| ())
                                .map_err(|e| error_text(t, &e));
                        }
                        v.save(vec![change]).await.map_err(|e| error_text(t, &e))?;
                        // Their slot gains the restricted-content key with the role, or keeps
                        // what it had.
                        v.update_slot_grants().await.map_err(|e| error_text(t, &e))
                    },
                    move |()| done(fill(st.role_changed, &[("name", &who)])),
                );
            };
            view! {
                <form class="card narrow" id="member-role" on:submit=save novalidate>
                    <h2>{st.change_role} ": " {name.clone()}</h2>
                    <div class="field">
                        <label for="member_role">{st.col_role}</label>
                        {choice_select("member_role", &StaffRole::ALL, t.role, code_of, move || member_role.get(), move |v| member_role.set(v))}
                    </div>
                    <div class="row">
                        <button type="button" on:click=move |_| panel.set(Panel::None)>{t.cancel}</button>
                        <button type="submit" class="primary" id="member-role-submit" disabled=move || busy.get()>{t.save}</button>
                    </div>
                </form>
            }
            .into_any()
        }
        Panel::Deactivate { id, name } => {
            let who = name.clone();
            let confirm = move |_| {
                let Some(row) =
                    rows.with_untracked(|rows| rows.iter().find(|r| r.meta.id == id).cloned())
                else {
                    return submit.fail(refusal(st, StaffRefusal::NoSuchStaff));
                };
                if let Err(r) = rows
                    .with_untracked(|rows| check(rows, StaffChange::Deactivate { id: id.as_str() }))
                {
                    return submit.fail(refusal(st, r));
                }
                let member = StaffMember {
                    active: false,
                    ..row.member.clone()
                };
                let (id, who) = (id.clone(), who.clone());
                submit.run(
                    async move {
                        vault()
                            .remove_staff_passphrase(&id, vec![Change::update(&row.meta, member)])
                            .await
                            .map_err(|e| error_text(t, &e))
                    },
                    move |code| {
                        if let Some(code) = code {
                            app.notify(fill(st.new_recovery_code, &[("code", &code)]), false);
                        }
                        done(fill(st.deactivated, &[("name", &who)]))
                    },
                );
            };
            view! {
                <div class="confirm card" role="alertdialog" aria-labelledby="deactivate-title" id="member-deactivate">
                    <h2 id="deactivate-title">{fill(st.deactivate_title, &[("name", &name)])}</h2>
                    <p>{fill(st.deactivate_text, &[("name", &name)])}</p>
                    <div class="row">
                        <button type="button" on:click=move |_| panel.set(Panel::None)>{t.cancel}</button>
                        <button type="button" class="danger" id="confirm-deactivate" disabled=move || busy.get() on:click=confirm>
                            {move || if busy.get() { st.deactivating } else { st.deactivate_yes }}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        }
    };

    view! {
        <h1>{st.staff_title}</h1>
        <p class="lead">{st.staff_intro}</p>
        {move || (!manager()).then(|| view! { <p class="banner" id="staff-restricted">{st.only_managers}</p> })}
        {submit.banner("staff-error")}
        <Show when=manager>
        <div class="table-wrap">
            <table class="list" id="staff-list">
                <thead><tr>
                    <th scope="col">{st.col_name}</th>
                    <th scope="col">{st.col_role}</th>
                    <th scope="col">{st.col_nip}</th>
                    <th scope="col">{st.col_phone}</th>
                    <th scope="col">{st.col_status}</th>
                    <th scope="col">{st.col_passphrase}</th>
                    <th scope="col">{st.col_actions}</th>
                </tr></thead>
                <tbody>{list}</tbody>
            </table>
        </div>
        </Show>
        {panel_view}
        <Show when=manager>
            <form class="card narrow" id="add-staff" on:submit=add novalidate>
                <h2>{st.add_title}</h2>
                <Field label=st.col_name name="staff_name" errors=errors>
                    <input id="staff_name" autocomplete="off" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) />
                </Field>
                <Field label=st.col_role name="staff_role" errors=errors>
                    {choice_select("staff_role", &StaffRole::ALL, t.role, code_of, move || role.get(), move |v| role.set(v))}
                </Field>
                <Field label=st.f_nip name="staff_nip" errors=errors optional=true>
                    <input id="staff_nip" autocomplete="off" prop:value=move || nip.get()
                        on:input=move |ev| nip.set(event_target_value(&ev)) />
                </Field>
                <Field label=st.f_phone name="staff_phone" errors=errors optional=true>
                    <input id="staff_phone" type="tel" autocomplete="off" prop:value=move || phone.get()
                        on:input=move |ev| phone.set(event_target_value(&ev)) />
                </Field>
                <p class="hint">{st.add_hint}</p>
                <NewPassphraseFields p=new_pass label=t.passphrase again_label=t.passphrase_again hint=t.passphrase_hint errors=errors />
                <button type="submit" class="primary" id="add-staff-submit" disabled=move || busy.get()>{st.add_submit}</button>
            </form>
        </Show>
    }
}

fn role_of(code: &str) -> StaffRole {
    StaffRole::ALL
        .into_iter()
        .find(|r| code_of(*r) == code)
        .unwrap_or(StaffRole::SocialWorker)
}

/// Settings' "your passphrase": the current one, then the new one twice.
#[component]
pub fn OwnPassphrase() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let current = RwSignal::new(String::new());
    let new_pass = NewPassphrase::new("own_new_passphrase", "own_new_passphrase_again");
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let submit = Submit::new();
    let busy = submit.busy;
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ok = show_errors(errors, new_pass.check());
        if !ok || current.get_untracked().is_empty() {
            return;
        }
        let (c, n) = (current.get_untracked(), new_pass.value());
        submit.run(
            async move {
                vault()
                    .change_passphrase(&c, &n)
                    .await
                    .map_err(|e| error_text(t, &e))
            },
            move |()| {
                current.set(String::new());
                new_pass.pass.set(String::new());
                new_pass.again.set(String::new());
                app.notify(t.passphrase_changed, false);
            },
        );
    };
    view! {
        <form class="card narrow" id="own-passphrase" on:submit=save novalidate>
            <h2>{t.staff.own_title}</h2>
            <p>{t.staff.own_intro}</p>
            <div class="field">
                <label for="current_passphrase">{t.staff.current_passphrase}</label>
                <input id="current_passphrase" type="password" autocomplete="current-password"
                    prop:value=move || current.get() on:input=move |ev| current.set(event_target_value(&ev)) />
            </div>
            <NewPassphraseFields p=new_pass label=t.new_passphrase again_label=t.new_passphrase_again hint=t.passphrase_hint errors=errors />
            {submit.banner("own-passphrase-error")}
            <button type="submit" class="primary" id="own-passphrase-submit" disabled=move || busy.get()>{t.staff.own_submit}</button>
        </form>
    }
}
