//! The root: opens the vault, then shows set-up, the recovery code, the lock screen, or the
//! unlocked app with its routes.

use super::backup_worker::WorkerKdf;
use super::components::shell::Shell;
use super::features::FeaturePages;
use super::gate::recovery_code::RecoveryCodePage;
use super::gate::restore::RestorePage;
use super::gate::setup::SetupPage;
use super::gate::unlock::{OwnPassphrasePage, UnlockPage};
use super::offline::BuildNotice;
use super::session::{error_text, set_vault, use_texts, AppState, Phase};
use crate::store::{Vault, DEFAULT_DB_NAME};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Router;

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::new();
    provide_context(app);
    super::offline::start(app);
    spawn_local(async move {
        let phase = match Vault::open(DEFAULT_DB_NAME).await {
            Ok(v) => {
                // An upgrade that waited for an older tab has gone ahead.
                if app.build_notice.get_untracked() == super::offline::Notice::DbBlocked {
                    app.build_notice.set(super::offline::Notice::None);
                }
                let v = v.with_kdf(Box::new(WorkerKdf));
                let set_up = v.is_set_up().await;
                set_vault(v);
                match set_up {
                    Ok(true) => Phase::Locked,
                    Ok(false) => Phase::NeedsSetup,
                    Err(e) => Phase::Failed(e),
                }
            }
            Err(e) => Phase::Failed(e),
        };
        app.phase.set(phase);
    });
    Effect::new(move |_| {
        let lang = app.lang.get();
        document()
            .document_element()
            .map(|el| el.set_attribute("lang", lang.code()));
    });
    // Which entry screen index.html paints next time, before the app has loaded.
    Effect::new(move |_| match app.phase.get() {
        Phase::Locked
        | Phase::Unlocked
        | Phase::ShowRecoveryCode(_)
        | Phase::MustChangePassphrase => super::preferences::set_set_up(true),
        Phase::NeedsSetup | Phase::Restore => super::preferences::set_set_up(false),
        Phase::Starting | Phase::Failed(_) => {}
    });
    // Re-mount everything below when the language changes: every component reads its texts once.
    move || {
        app.lang.track();
        let t = use_texts();
        let phase = app.phase.get();
        // The static entry screen (index.html) stays until a screen of the app's own replaces
        // it; the set-up and lock screens take over what was typed there (`boot::take_over`).
        let static_screen = super::gate::boot::showing();
        if !matches!(phase, Phase::Starting | Phase::Locked | Phase::NeedsSetup) {
            let _ = super::gate::boot::take("");
        }
        let page = match phase {
            Phase::Starting if static_screen => ().into_any(),
            Phase::Starting => view! { <main class="gate"><p class="muted">{t.loading}</p></main> }.into_any(),
            Phase::Failed(e) => view! {
                <main class="gate"><div class="card narrow">
                    <h1>"Naungan"</h1>
                    <p class="banner error" role="alert" id="open-error">{error_text(t, &e)}</p>
                    {(e == crate::store::StoreError::NewerVersion).then(|| view! {
                        <button type="button" class="primary" on:click=|_| { let _ = window().location().reload(); }>{t.offline.reload}</button>
                    })}
                </div></main>
            }.into_any(),
            Phase::NeedsSetup => view! { <SetupPage /> }.into_any(),
            Phase::Restore => view! { <RestorePage /> }.into_any(),
            Phase::ShowRecoveryCode(code) => view! { <RecoveryCodePage code=code /> }.into_any(),
            Phase::Locked => view! { <UnlockPage /> }.into_any(),
            Phase::MustChangePassphrase => view! { <OwnPassphrasePage /> }.into_any(),
            Phase::Unlocked => {
                crate::ui::features::after_unlock(app);
                view! {
                    <Router>
                        <Shell>
                            <FeaturePages />
                        </Shell>
                    </Router>
                }.into_any()
            }
        };
        view! { <BuildNotice app=app /> {page} }.into_any()
    }
}
