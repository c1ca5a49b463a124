//! The root: opens the vault, then shows set-up, the recovery code, the lock screen, or the
//! unlocked app with its routes.

use super::components::shell::Shell;
use super::pages::backup::BackupPage;
use super::pages::dashboard::DashboardPage;
use super::pages::recovery_code::RecoveryCodePage;
use super::pages::resident_form::{EditResidentPage, NewResidentPage};
use super::pages::resident_list::ResidentListPage;
use super::pages::resident_profile::ResidentProfilePage;
use super::pages::restore::RestorePage;
use super::pages::settings::SettingsPage;
use super::pages::setup::SetupPage;
use super::pages::unlock::UnlockPage;
use super::session::{error_text, set_vault, use_texts, AppState, Phase};
use crate::store::{Vault, DEFAULT_DB_NAME};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::new();
    provide_context(app);
    spawn_local(async move {
        let phase = match Vault::open(DEFAULT_DB_NAME).await {
            Ok(v) => {
                let set_up = v.is_set_up().await;
                set_vault(v);
                match set_up {
                    Ok(true) => Phase::Locked,
                    Ok(false) => Phase::NeedsSetup,
                    Err(e) => Phase::Unavailable(format!("{e:?}")),
                }
            }
            Err(e) => Phase::Unavailable(format!("{e:?}")),
        };
        app.phase.set(phase);
    });
    Effect::new(move |_| {
        let lang = app.lang.get();
        document()
            .document_element()
            .map(|el| el.set_attribute("lang", lang.code()));
    });
    // Re-mount everything below when the language changes: every component reads its texts once.
    move || {
        app.lang.track();
        let t = use_texts();
        match app.phase.get() {
            Phase::Starting => view! { <main class="gate"><p class="muted">{t.loading}</p></main> }.into_any(),
            Phase::Unavailable(detail) => view! {
                <main class="gate"><div class="card narrow">
                    <h1>"Naungan"</h1>
                    <p class="banner error" role="alert">{error_text(t, &crate::store::StoreError::Unavailable(detail.clone()))}</p>
                </div></main>
            }.into_any(),
            Phase::NeedsSetup => view! { <SetupPage /> }.into_any(),
            Phase::Restore => view! { <RestorePage /> }.into_any(),
            Phase::ShowRecoveryCode(code) => view! { <RecoveryCodePage code=code /> }.into_any(),
            Phase::Locked => view! { <UnlockPage /> }.into_any(),
            Phase::Unlocked => view! {
                <Router>
                    <Shell>
                        <Routes fallback=move || view! { <p class="banner error">{t.err_not_found}</p> }>
                            <Route path=path!("/") view=DashboardPage />
                            <Route path=path!("/klien") view=ResidentListPage />
                            <Route path=path!("/klien/baru") view=NewResidentPage />
                            <Route path=path!("/klien/:id") view=ResidentProfilePage />
                            <Route path=path!("/klien/:id/ubah") view=EditResidentPage />
                            <Route path=path!("/cadangan") view=BackupPage />
                            <Route path=path!("/pengaturan") view=SettingsPage />
                        </Routes>
                    </Shell>
                </Router>
            }.into_any(),
        }
    }
}
