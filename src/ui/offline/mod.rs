//! Working without a network, and moving to a new build: registers the service worker
//! (`public/sw.js`, listed per build by `tools/service-worker.mjs`), says when a new build is
//! ready and reloads only when the user chooses; and lets go of the database when a newer build
//! in another tab needs to upgrade it.
//!
//! Architecture Invariant: nothing here reloads the page on its own while it is unlocked. The
//! user's click does, or a lock (which reloads anyway).

pub mod texts;

use crate::store::{set_connection_listener, ConnectionEvent};
use crate::ui::session::{use_texts, AppState};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// Whether this browser keeps the app for use without a network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offline {
    Unknown,
    /// The service worker is fetching and checking this build's files.
    Installing,
    Ready,
    /// Not https or localhost: browsers allow service workers only in secure contexts.
    Insecure,
    Unsupported,
}

/// What the page must say about builds and the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    None,
    /// A new build is downloaded and checked, waiting for the user.
    UpdateReady,
    /// Another tab accepted the new build; this one still runs the old.
    UpdateElsewhere,
    /// A newer build took the database; this tab can do nothing more until reloaded.
    DbNewer,
    /// This build's database upgrade waits for an older tab to let go.
    DbBlocked,
}

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    static ACCEPTED: Cell<bool> = const { Cell::new(false) };
    static LAST_CHECK: Cell<f64> = const { Cell::new(0.0) };
}

/// The newest build is looked for at most this often while the app is open (and when a tab
/// comes to the front); the browser also looks each time the app is opened.
const CHECK_EVERY: Duration = Duration::from_secs(30 * 60);
const MIN_GAP_MS: f64 = 5.0 * 60_000.0;

/// The sentence for `Offline`, and whether all is well.
pub fn status_text(t: &crate::ui::i18n::Texts, o: Offline) -> (&'static str, bool) {
    match o {
        Offline::Ready => (t.offline.offline_ready, true),
        Offline::Unknown | Offline::Installing => (t.offline.offline_installing, true),
        Offline::Insecure => (t.offline.offline_insecure, false),
        Offline::Unsupported => (t.offline.offline_unsupported, false),
    }
}

fn container() -> Option<ServiceWorkerContainer> {
    let w = web_sys::window()?;
    if !w.is_secure_context() {
        return None;
    }
    let nav = w.navigator();
    let has = js_sys::Reflect::has(&nav, &"serviceWorker".into()).unwrap_or(false);
    has.then(|| nav.service_worker())
}

/// Starts everything above, once, as the app starts (before the vault opens, so that the
/// database listener is in place for the first connection).
pub fn start(app: AppState) {
    set_connection_listener(move |e| {
        app.build_notice.set(match e {
            ConnectionEvent::ClosedForNewerVersion => Notice::DbNewer,
            ConnectionEvent::UpgradeBlocked => Notice::DbBlocked,
        })
    });
    let Some(c) = container() else {
        let secure = web_sys::window().is_some_and(|w| w.is_secure_context());
        app.offline.set(if secure {
            Offline::Unsupported
        } else {
            Offline::Insecure
        });
        return;
    };
    let had_controller = Cell::new(c.controller().is_some());
    let on_change = Closure::<dyn FnMut()>::new(move || {
        if ACCEPTED.with(Cell::get) {
            let _ = window().location().reload();
        } else if had_controller.replace(true) {
            app.build_notice.set(Notice::UpdateElsewhere);
        }
        app.offline.set(Offline::Ready);
    });
    c.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    leptos::task::spawn_local(async move {
        let got = JsFuture::from(c.register("/sw.js")).await;
        // A browser that blocks service workers may answer with nothing at all.
        let reg = match got.map(|r| r.dyn_into::<ServiceWorkerRegistration>()) {
            Ok(Ok(r)) => r,
            Ok(Err(e)) | Err(e) => {
                web_sys::console::warn_2(&"Naungan: service worker not registered".into(), &e);
                app.offline.set(Offline::Unsupported);
                return;
            }
        };
        follow(app, &c, &reg);
        REGISTRATION.with(|r| *r.borrow_mut() = Some(reg));
        LAST_CHECK.with(|l| l.set(js_sys::Date::now()));
    });
    let _ = set_interval_with_handle(check_for_update, CHECK_EVERY);
    let on_visible = Closure::<dyn FnMut()>::new(|| {
        if !document().hidden() {
            check_for_update();
        }
    });
    let _ = document()
        .add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
    on_visible.forget();
}

/// Watches the registration: a build waiting, or one being installed, and this build's own
/// state (cached yet or not).
fn follow(app: AppState, c: &ServiceWorkerContainer, reg: &ServiceWorkerRegistration) {
    let controlled = c.controller().is_some();
    app.offline.set(if reg.active().is_some() && controlled {
        Offline::Ready
    } else {
        Offline::Installing
    });
    if reg.waiting().is_some() && controlled {
        app.build_notice.set(Notice::UpdateReady);
    }
    let r = reg.clone();
    let c2 = c.clone();
    let on_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = r.installing() else {
            return;
        };
        let w = installing.clone();
        let c3 = c2.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            // An installed build with a controller already in place is an update; without one,
            // it is this build becoming available offline (the controller change says so).
            if w.state() == ServiceWorkerState::Installed && c3.controller().is_some() {
                app.build_notice.set(Notice::UpdateReady);
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    on_found.forget();
}

fn check_for_update() {
    let now = js_sys::Date::now();
    if now - LAST_CHECK.with(Cell::get) < MIN_GAP_MS {
        return;
    }
    LAST_CHECK.with(|l| l.set(now));
    if let Some(reg) = REGISTRATION.with(|r| r.borrow().clone()) {
        // No network is the usual case offline: nothing to say.
        if let Ok(p) = reg.update() {
            leptos::task::spawn_local(async move {
                let _ = JsFuture::from(p).await;
            });
        }
    }
}

/// The user chose the new build: the waiting worker takes over, then the page reloads (the
/// controller change does it). Without a waiting worker, a plain reload.
fn accept_update() {
    ACCEPTED.with(|a| a.set(true));
    match REGISTRATION.with(|r| r.borrow().as_ref().and_then(|r| r.waiting())) {
        Some(w) => {
            if w.post_message(&"activate-update".into()).is_err() {
                let _ = window().location().reload();
            }
        }
        None => {
            let _ = window().location().reload();
        }
    }
}

/// What the page must know about builds and the database, above every screen.
#[component]
pub fn BuildNotice(app: AppState) -> impl IntoView {
    let t = use_texts();
    move || {
        let (text, hint, button, can_wait): (&str, Option<&str>, &str, bool) = match app
            .build_notice
            .get()
        {
            Notice::None => return None,
            Notice::UpdateReady => (
                t.offline.update_ready,
                Some(t.offline.update_ready_hint),
                t.offline.update_reload,
                true,
            ),
            Notice::UpdateElsewhere => (t.offline.update_elsewhere, None, t.offline.reload, true),
            Notice::DbNewer => (t.offline.db_newer_elsewhere, None, t.offline.reload, false),
            Notice::DbBlocked => (t.offline.db_blocked, None, t.offline.reload, false),
        };
        let update = app.build_notice.get_untracked() == Notice::UpdateReady;
        Some(view! {
            <aside class="build-notice" aria-label=t.offline.update_region id="build-notice">
                <p role="status"><strong>{text}</strong>{hint.map(|h| view! { " " {h} })}</p>
                <div class="actions">
                    <button type="button" class="primary" id="build-reload" on:click=move |_| {
                        if update { accept_update() } else { let _ = window().location().reload(); }
                    }>{button}</button>
                    {can_wait.then(|| view! {
                        <button type="button" id="build-later" on:click=move |_| app.build_notice.set(Notice::None)>{t.offline.update_later}</button>
                    })}
                </div>
            </aside>
        })
    }
}
