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
    /// The records cannot be opened in this tab: IndexedDB is not allowed here, or a newer
    /// build has the database.
    Failed(StoreError),
    NeedsSetup,
    /// First run on a new laptop: restoring from a backup file.
    Restore,
    /// Just set up: show the recovery code once.
    ShowRecoveryCode(String),
    Locked,
    /// Signed in with a passphrase someone else set (a reset): the member chooses their own
    /// before anything else.
    MustChangePassphrase,
    Unlocked,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
    /// Tells one notice from the next (the same text may come twice).
    pub serial: u64,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub phase: RwSignal<Phase>,
    pub lang: RwSignal<Lang>,
    /// Bumped after every save, so views that read the vault recompute.
    pub data_version: RwSignal<u64>,
    pub notice: RwSignal<Option<Notice>>,
    /// What the page must say about a new build or the database (`ui::offline`).
    pub build_notice: RwSignal<super::offline::Notice>,
    /// Whether this browser keeps the app for use without a network.
    pub offline: RwSignal<super::offline::Offline>,
}

impl AppState {
    pub fn new() -> AppState {
        AppState {
            phase: RwSignal::new(Phase::Starting),
            lang: RwSignal::new(preferences::lang()),
            data_version: RwSignal::new(0),
            notice: RwSignal::new(None),
            build_notice: RwSignal::new(super::offline::Notice::None),
            offline: RwSignal::new(super::offline::Offline::Unknown),
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
            serial: {
                thread_local!(static NEXT: std::cell::Cell<u64> = const { std::cell::Cell::new(0) });
                NEXT.with(|n| {
                    n.set(n.get() + 1);
                    n.get()
                })
            },
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

/// Whether the signed-in member's role may read (`write` false) or write a section
/// (`domain/permissions.rs`). Pages follow it; the vault enforces writes, and restricted
/// sections are sealed under a key the other roles' slots do not hold.
pub fn may(section: crate::domain::permissions::Section, write: bool) -> bool {
    use crate::domain::permissions::{can_read, can_write};
    let role = vault()
        .current_staff()
        .ok()
        .and_then(|(_, m)| m)
        .map(|m| m.role);
    role.is_some_and(|r| {
        if write {
            can_write(r, section)
        } else {
            can_read(r, section)
        }
    })
}

/// The sentence for a failure with no more to tell the user; the detail goes to the console,
/// where whoever helps the shelter can read it.
pub fn generic_error(t: &Texts, detail: &str) -> String {
    leptos::logging::warn!("Naungan: {detail}");
    t.err_generic.into()
}

/// A plain sentence for a store error: what happened and what to do. The detail (for whoever
/// helps the shelter) goes to the console, never on the page.
pub fn error_text(t: &Texts, e: &StoreError) -> String {
    leptos::logging::warn!("Naungan: {e:?}");
    match e {
        StoreError::WrongPassphrase => t.err_wrong_passphrase.into(),
        StoreError::WrongRecoveryCode => t.err_wrong_recovery.into(),
        StoreError::Locked => t.err_locked.into(),
        StoreError::Deactivated => t.err_deactivated.into(),
        StoreError::NotAllowed => t.err_not_allowed.into(),
        StoreError::NoRestrictedKey => t.err_no_restricted_key.into(),
        StoreError::SealedElsewhere => t.err_sealed_elsewhere.into(),
        StoreError::KeyChanged => {
            // This tab's key opens nothing now: to the lock screen, which says why. The tab
            // that replaced the key stays open.
            preferences::mark_locked_key_changed();
            lock_tabs(false);
            t.err_key_changed.into()
        }
        StoreError::NoHeadLeft => t.staff.refuse_no_head.into(),
        StoreError::BadHeader => t.err_bad_header.into(),
        StoreError::Stale => t.err_stale.into(),
        StoreError::AlreadyExists => t.err_exists.into(),
        StoreError::WriteFailed(_) => t.err_write.into(),
        StoreError::Unavailable(_) => t.err_unavailable.into(),
        StoreError::StorageFull => t.err_storage_full.into(),
        StoreError::NewerVersion => t.offline.db_newer_elsewhere.into(),
        StoreError::NotFound => t.err_not_found.into(),
        // Another tab wrote, and the retry found this record changed (callers see Stale).
        StoreError::Changed => t.err_stale.into(),
        StoreError::NotSetUp => t.err_not_set_up.into(),
        StoreError::AlreadySetUp => t.err_already_set_up.into(),
        StoreError::NoRandomness => t.err_no_randomness.into(),
        StoreError::Invalid(_) => t.err_invalid.into(),
    }
}

/// Locks: folds the latest saves into the store's compact layout (so the next unlock is fast),
/// drops the key and every opened record, then reloads the page so that nothing opened stays in
/// this tab's memory. Saves are stored already: if compaction fails, the lock still happens.
/// Every other tab of the app locks too (an unlock stays in its own tab).
pub fn lock_now() {
    lock_tabs(true);
}

fn lock_tabs(all: bool) {
    let v = VAULT.with(|c| c.borrow().clone());
    leptos::task::spawn_local(async move {
        if let Some(v) = v {
            let _ = v.compact().await;
            v.lock();
        }
        if all {
            if let Some(c) = tabs_channel() {
                let _ = c.post_message(&LOCK_MESSAGE.into());
                c.close();
            }
        }
        let _ = window().location().reload();
    });
}

/// The app's tabs in this browser tell each other when one locks.
const TABS_CHANNEL: &str = "naungan-tabs";
const LOCK_MESSAGE: &str = "lock";

fn tabs_channel() -> Option<web_sys::BroadcastChannel> {
    web_sys::BroadcastChannel::new(TABS_CHANNEL).ok()
}

/// Locks this tab when another one locks (once per page: a page is reloaded on lock). Its saves
/// are stored already; the tab that locked compacts.
pub fn lock_with_other_tabs() {
    use wasm_bindgen::JsCast;
    thread_local!(static LISTENING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    let Some(c) = tabs_channel() else { return };
    let on = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
        move |e: web_sys::MessageEvent| {
            if e.data().as_string().as_deref() == Some(LOCK_MESSAGE) {
                if let Some(v) = VAULT.with(|c| c.borrow().clone()) {
                    v.lock();
                }
                let _ = window().location().reload();
            }
        },
    );
    c.set_onmessage(Some(on.as_ref().unchecked_ref()));
    on.forget();
    // Kept open for the page's life: the listener is the channel's.
    std::mem::forget(c);
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
