//! App-wide state: which phase the app is in, the language, and the vault handle.

use super::i18n::{fill, texts, Lang, Texts};
use super::preferences;
use crate::store::{StoreError, Vault};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    // The browser runs this app on one thread; the vault is not Send, so it lives here rather
    // than in a signal.
    static VAULT: RefCell<Option<Rc<Vault>>> = const { RefCell::new(None) };
}

pub fn set_vault(v: Vault) {
    VAULT.with(|c| *c.borrow_mut() = Some(Rc::new(v)));
}

/// The open vault. Pages are only mounted after it is opened.
pub fn vault() -> Rc<Vault> {
    VAULT
        .with(|c| c.borrow().clone())
        .expect("vault opened before pages mount")
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    Starting,
    /// IndexedDB cannot be used in this browser window.
    Unavailable(String),
    NeedsSetup,
    /// First run on a new laptop: restoring from a backup file.
    Restore,
    /// Just set up: show the recovery code once.
    ShowRecoveryCode(String),
    Locked,
    Unlocked,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub phase: RwSignal<Phase>,
    pub lang: RwSignal<Lang>,
    /// Bumped after every save, so views that read the vault recompute.
    pub data_version: RwSignal<u64>,
    pub notice: RwSignal<Option<Notice>>,
}

impl AppState {
    pub fn new() -> AppState {
        AppState {
            phase: RwSignal::new(Phase::Starting),
            lang: RwSignal::new(preferences::lang()),
            data_version: RwSignal::new(0),
            notice: RwSignal::new(None),
        }
    }

    pub fn data_changed(&self) {
        self.data_version.update(|v| *v += 1);
    }

    pub fn notify(&self, text: impl Into<String>, is_error: bool) {
        let text = text.into();
        self.notice.set(Some(Notice {
            text: text.clone(),
            is_error,
        }));
        let notice = self.notice;
        set_timeout(
            move || {
                if notice.get_untracked().is_some_and(|n| n.text == text) {
                    notice.set(None);
                }
            },
            std::time::Duration::from_secs(8),
        );
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// The texts of the current language. The app re-mounts its pages when the language changes,
/// so reading it once per component is enough.
pub fn use_texts() -> &'static Texts {
    texts(use_app().lang.get_untracked())
}

/// A plain sentence for a store error: what happened and what to do.
pub fn error_text(t: &Texts, e: &StoreError) -> String {
    match e {
        StoreError::WrongPassphrase => t.err_wrong_passphrase.into(),
        StoreError::WrongRecoveryCode => t.err_wrong_recovery.into(),
        StoreError::Locked => t.err_locked.into(),
        StoreError::BadHeader => t.err_bad_header.into(),
        StoreError::Stale => t.err_stale.into(),
        StoreError::AlreadyExists => t.err_exists.into(),
        StoreError::WriteFailed(_) => t.err_write.into(),
        StoreError::Unavailable(_) => t.err_unavailable.into(),
        StoreError::NotFound => t.err_not_found.into(),
        other => fill(t.err_generic, &[("detail", &format!("{other:?}"))]),
    }
}

/// Locks: folds the latest saves into the store's compact layout (so the next unlock is fast),
/// drops the key and every opened record, then reloads the page so that nothing opened stays in
/// this tab's memory. Saves are stored already: if compaction fails, the lock still happens.
pub fn lock_now() {
    let v = VAULT.with(|c| c.borrow().clone());
    leptos::task::spawn_local(async move {
        if let Some(v) = v {
            let _ = v.compact().await;
            v.lock();
        }
        let _ = window().location().reload();
    });
}

/// Parses the records unlock left for later (notes, attendance, expenses), a slice at a time
/// between frames, so the app is usable at once and stays responsive. If any turn out
/// unreadable, says so as unlock does.
/// (Called from async code, where no component context exists: it takes what it needs.)
pub fn open_deferred_when_idle(app: AppState, t: &'static Texts) {
    const SLICE: usize = 2_000;
    fn step(app: AppState, t: &'static Texts) {
        let Some(v) = VAULT.with(|c| c.borrow().clone()) else {
            return;
        };
        match v.open_deferred(SLICE) {
            Ok(0) => {
                let late = v.unreadable_later().unwrap_or_default();
                if !late.is_empty() {
                    app.notify(
                        fill(t.unreadable_records, &[("n", &late.len().to_string())]),
                        true,
                    );
                }
            }
            Ok(_) => set_timeout(move || step(app, t), std::time::Duration::from_millis(16)),
            Err(_) => {} // locked meanwhile
        }
    }
    set_timeout(move || step(app, t), std::time::Duration::from_millis(50));
}

/// A plain sentence for a backup file problem: what happened and what to do.
pub fn backup_error_text(t: &Texts, e: &crate::store::backup::BackupError) -> String {
    use crate::store::backup::BackupError as B;
    match e {
        B::Empty => t.e_backup_empty.into(),
        B::TooLarge { bytes } => fill(
            t.e_backup_too_large,
            &[("mb", &(bytes / 1_048_576).to_string())],
        ),
        B::NotAge => t.e_backup_not_age.into(),
        B::NotPassphrase => t.e_backup_not_passphrase.into(),
        B::WrongPassphrase => t.e_backup_wrong_pass.into(),
        B::TooCostly { work_factor } => {
            fill(t.e_backup_too_costly, &[("n", &work_factor.to_string())])
        }
        B::Damaged => t.e_backup_damaged.into(),
        B::NotABackup => t.e_backup_not_ours.into(),
        B::FromTheFuture { version } => fill(t.e_backup_future, &[("n", &version.to_string())]),
        B::InvalidRecord(id, _) => fill(t.e_backup_invalid_record, &[("id", id)]),
        B::Inconsistent => t.e_backup_inconsistent.into(),
        B::CannotEncrypt => t.e_backup_cannot_encrypt.into(),
    }
}
