//! The frame around every unlocked page: header, navigation, notices, and the idle lock.

use crate::ui::preferences;
use crate::ui::session::{lock_now, use_app, use_texts, vault, AppState};
use leptos::prelude::*;
use leptos_router::components::A;
use std::cell::Cell;
use std::time::Duration;

thread_local! {
    static LAST_ACTIVITY: Cell<f64> = const { Cell::new(0.0) };
    static CATCHING_UP: Cell<bool> = const { Cell::new(false) };
}

fn touch() {
    LAST_ACTIVITY.with(|c| c.set(js_sys::Date::now()));
}

/// Locks after `preferences::idle_minutes()` without a key press, click or pointer move.
fn start_idle_lock() {
    touch();
    let handles = [
        window_event_listener(leptos::ev::keydown, |_| touch()),
        window_event_listener(leptos::ev::pointerdown, |_| touch()),
        window_event_listener(leptos::ev::pointermove, |_| touch()),
        window_event_listener(leptos::ev::wheel, |_| touch()),
    ];
    let interval = set_interval_with_handle(
        || {
            let minutes = preferences::idle_minutes();
            let idle = js_sys::Date::now() - LAST_ACTIVITY.with(Cell::get);
            if idle > f64::from(minutes) * 60_000.0 {
                preferences::mark_locked_after_idle(minutes);
                lock_now();
            }
        },
        Duration::from_secs(15),
    )
    .ok();
    on_cleanup(move || {
        for h in handles {
            h.remove();
        }
        if let Some(i) = interval {
            i.clear();
        }
    });
}

/// Shows what another tab of Naungan saved meanwhile: when this tab comes to the front again,
/// and every 15 seconds while it is visible (one small read when nothing changed). Forms keep
/// what was typed: they do not follow `data_version`, and a save made from an old revision is
/// still refused plainly.
fn use_texts_of(app: AppState) -> &'static crate::ui::i18n::Texts {
    crate::ui::i18n::texts(app.lang.get_untracked())
}

fn catch_up(app: AppState) {
    if document().hidden() || CATCHING_UP.with(Cell::get) {
        return;
    }
    CATCHING_UP.with(|c| c.set(true));
    leptos::task::spawn_local(async move {
        // A failure here changes nothing; the next save reads again and says what is wrong.
        // Except a replaced data key: this tab can neither read nor write any more, so it goes
        // to the lock screen now (`error_text` does), rather than at the next save.
        match vault().catch_up().await {
            Ok(true) => app.data_changed(),
            Err(e @ crate::store::StoreError::KeyChanged) => {
                let _ = crate::ui::session::error_text(use_texts_of(app), &e);
            }
            _ => {}
        }
        CATCHING_UP.with(|c| c.set(false));
        report_unreadable_later(app);
    });
}

/// Records of a deferred kind are parsed when a page first reads that kind: any that turn out
/// unreadable then are said once, as unlock says its own.
fn report_unreadable_later(app: AppState) {
    thread_local!(static TOLD: Cell<usize> = const { Cell::new(0) });
    let n = vault().unreadable_later().map(|v| v.len()).unwrap_or(0);
    if n > TOLD.with(Cell::get) {
        TOLD.with(|c| c.set(n));
        let t = crate::ui::i18n::texts(app.lang.get_untracked());
        app.notify(
            crate::ui::i18n::fill(t.unreadable_records, &[("n", &n.to_string())]),
            true,
        );
    }
}

fn start_catching_up() {
    let app = use_app();
    let handles = [
        window_event_listener(leptos::ev::focus, move |_| catch_up(app)),
        window_event_listener(leptos::ev::visibilitychange, move |_| catch_up(app)),
    ];
    let interval = set_interval_with_handle(move || catch_up(app), Duration::from_secs(15)).ok();
    on_cleanup(move || {
        for h in handles {
            h.remove();
        }
        if let Some(i) = interval {
            i.clear();
        }
    });
}

/// Switches between Bahasa Indonesia and English (remembered in this browser).
#[component]
pub fn LangSwitch() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let next = app.lang.get_untracked().other();
    let switch = move |_| {
        preferences::set_lang(next);
        app.lang.set(next);
    };
    // Its label is in the language it switches to.
    view! { <button type="button" class="link lang" id="switch-lang" lang=next.code() on:click=switch>{t.other_lang_name}</button> }
}

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    start_idle_lock();
    start_catching_up();
    crate::ui::session::lock_with_other_tabs();
    // A notice belongs to the page it is first shown on: going to another page clears it.
    // (A save navigates, then notifies; this runs once both have happened, so the notice
    // belongs to the page the save went to.)
    let location = leptos_router::hooks::use_location();
    let shown_on = StoredValue::new(None::<(u64, String)>);
    Effect::new(move |_| {
        let path = location.pathname.get();
        let Some(n) = app.notice.get() else { return };
        match shown_on.get_value() {
            Some((serial, page)) if serial == n.serial => {
                if page != path {
                    app.notice.set(None);
                }
            }
            _ => shown_on.set_value(Some((n.serial, path))),
        }
    });
    let shelter = vault()
        .shelter()
        .ok()
        .flatten()
        .map(|s| s.name)
        .unwrap_or_default();
    view! {
        <a class="skip" href="#main">{t.skip_to_content}</a>
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true">"⌂"</span>
                <span class="name">"Naungan"</span>
                <span class="shelter">{shelter}</span>
            </div>
            <nav aria-label="Menu">
                {crate::ui::features::NAV.iter().filter(|n| n.section.is_none_or(|s| crate::ui::session::may(s, false))).map(|n| view! {
                    <A href=n.href exact=n.exact attr:id=n.id>{(n.label)(t)}</A>
                }).collect_view()}
            </nav>
            <div class="actions">
                <LangSwitch />
                <button type="button" class="lock" id="lock" on:click=move |_| lock_now()>
                    {t.lock}
                </button>
            </div>
        </header>
        <main id="main" tabindex="-1">
            {move || app.notice.get().map(|n| view! {
                <div class="notice" class:error=n.is_error role="status">
                    <span>{n.text}</span>
                    <button type="button" class="link" aria-label=t.close on:click=move |_| app.notice.set(None)>"×"</button>
                </div>
            })}
            {children()}
        </main>
    }
}
