//! Beranda: the numbers a head of unit looks at first.

use crate::domain::resident::{self, Resident};
use crate::store::clock;
use crate::ui::features::backup::last_backup;
use crate::ui::format;
use crate::ui::i18n::{fill, Texts};
use crate::ui::preferences;
use crate::ui::session::{use_app, use_texts, vault};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let name = vault()
        .current_staff()
        .ok()
        .and_then(|(_, m)| m)
        .map(|m| m.name)
        .unwrap_or_default();
    let stats = move || {
        app.data_version.track();
        let s = vault()
            .read(|ix| resident::stats(ix.all::<Resident>().map(|l| (l.meta, l.body)), 5))
            .unwrap_or_default();
        s
    };
    // Where the browser may clear its storage, a backup a day.
    let kept = crate::ui::storage::status_signal();
    let not_kept = move || kept.get().flatten().is_some_and(|s| !s.persisted);
    let backup_status = move || {
        let warn_days = if not_kept() {
            1
        } else {
            preferences::backup_warn_days()
        };
        backup_status(t, warn_days)
    };
    view! {
        <h1>{fill(t.dashboard.dash_welcome, &[("name", &name)])}</h1>
        {move || {
                let (backup_text, backup_warn) = backup_status();
                view! {
                    <div class="banner row spread" class:warn=backup_warn id="backup-status">
                        <span>{backup_text}</span>
                        <A href="/cadangan" attr:class="button">{t.make_backup}</A>
                    </div>
                    {not_kept().then(|| view! { <p class="banner warn" id="storage-not-kept">{t.dashboard.dash_storage_not_kept}</p> })}
                }
            }}
        <crate::ui::features::casework::MyTasks />
        <crate::ui::features::casework::DueFollowUps />
        <crate::ui::features::partners::PartnerAlerts />
        <crate::ui::features::residents::CohortOccupancy />
        {move || {
            let s = stats();
            let (total, active, papers, recent) = (s.total, s.active, s.papers_held, s.recent.clone());
            view! {
                <div class="stats">
                    <div class="stat"><span class="n" id="stat-active">{active}</span><span>{t.dashboard.dash_active}</span></div>
                    <div class="stat"><span class="n" id="stat-total">{total}</span><span>{t.dashboard.dash_total}</span></div>
                    <div class="stat" class:warn={papers > 0}><span class="n">{papers}</span><span>{t.dashboard.dash_papers}</span></div>
                </div>
                <section class="card">
                    <div class="row spread">
                        <h2>{t.dashboard.dash_recent}</h2>
                        <A href="/klien/baru" attr:class="button primary">{t.new_resident}</A>
                    </div>
                    {if recent.is_empty() {
                        view! { <p class="empty">{t.no_residents}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plain">
                                {recent.into_iter().map(|(m, r)| view! {
                                    <li>
                                        <A href=format!("/klien/{}", m.id)>{r.full_name.clone()}</A>
                                        <span class="muted">" · " {r.cohort.clone()} " · " {format::date(r.intake_date, &t.months)}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                {(total > 0).then(|| view! { <crate::ui::features::casework::StageCounts stats=s /> })}
            }
        }}
        <p class="muted small">{format!("{} · {}", format::date(clock::today(), &t.months), t.about_storage)}</p>
    }
}

/// What the backup reminder says, and whether it warns.
fn backup_status(t: &'static Texts, warn_days: u32) -> (String, bool) {
    match last_backup(clock::now()) {
        None => (t.dashboard.dash_backup_never.to_string(), true),
        Some((days, _)) if days <= 0 => (t.dashboard.dash_backup_today.to_string(), false),
        Some((days, _)) if days > i64::from(warn_days) => (
            fill(
                t.dashboard.dash_backup_warn,
                &[("days", &warn_days.to_string())],
            ),
            true,
        ),
        Some((days, last)) => (
            fill(
                t.dashboard.dash_backup_ago,
                &[
                    ("days", &days.to_string()),
                    ("date", &format::timestamp_date(last, &t.months)),
                ],
            ),
            false,
        ),
    }
}
