//! Small, non-secret preferences in localStorage: language and auto-lock minutes.

use super::i18n::Lang;
use gloo_storage::Storage;
use serde::{de::DeserializeOwned, Serialize};

/// gloo-storage, made safe for a browser that blocks site data: its accessors panic when
/// `window.localStorage` throws (SecurityError), which would break the app before it could say
/// anything. Without storage, every preference reads as its default and writes are dropped.
struct Local;
struct Session;

trait Safe {
    type Inner: Storage;
    fn available() -> bool;
    fn get<T: DeserializeOwned>(key: &str) -> Result<T, ()> {
        if !Self::available() {
            return Err(());
        }
        Self::Inner::get(key).map_err(|_| ())
    }
    fn set<T: Serialize>(key: &str, v: T) -> Result<(), ()> {
        if !Self::available() {
            return Err(());
        }
        Self::Inner::set(key, v).map_err(|_| ())
    }
    fn delete(key: &str) {
        if Self::available() {
            Self::Inner::delete(key);
        }
    }
}

impl Safe for Local {
    type Inner = gloo_storage::LocalStorage;
    fn available() -> bool {
        matches!(
            web_sys::window().map(|w| w.local_storage()),
            Some(Ok(Some(_)))
        )
    }
}

impl Safe for Session {
    type Inner = gloo_storage::SessionStorage;
    fn available() -> bool {
        matches!(
            web_sys::window().map(|w| w.session_storage()),
            Some(Ok(Some(_)))
        )
    }
}

const LANG: &str = "naungan.lang";
const IDLE: &str = "naungan.idle_minutes";
const IDLE_LOCKED: &str = "naungan.locked_after_idle";
pub const DEFAULT_IDLE_MINUTES: u32 = 10;

pub fn lang() -> Lang {
    Local::get::<String>(LANG)
        .map(|s| Lang::from_code(&s))
        .unwrap_or(Lang::Id)
}

pub fn set_lang(l: Lang) {
    let _ = Local::set(LANG, l.code());
}

pub fn idle_minutes() -> u32 {
    Local::get::<u32>(IDLE)
        .ok()
        .filter(|m| (1..=120).contains(m))
        .unwrap_or(DEFAULT_IDLE_MINUTES)
}

pub fn set_idle_minutes(m: u32) {
    let _ = Local::set(IDLE, m);
}

/// Remembers across the reload that locking does, that the lock came from idling.
pub fn mark_locked_after_idle(minutes: u32) {
    let _ = Session::set(IDLE_LOCKED, minutes);
}

pub fn take_locked_after_idle() -> Option<u32> {
    let m = Session::get::<u32>(IDLE_LOCKED).ok();
    Session::delete(IDLE_LOCKED);
    m
}

/// Remembers across the reload that the lock came from another tab replacing the data key.
const KEY_CHANGED_LOCKED: &str = "naungan.locked_key_changed";

pub fn mark_locked_key_changed() {
    let _ = Session::set(KEY_CHANGED_LOCKED, true);
}

pub fn take_locked_key_changed() -> bool {
    let was = Session::get::<bool>(KEY_CHANGED_LOCKED).unwrap_or(false);
    Session::delete(KEY_CHANGED_LOCKED);
    was
}

const LAST_BACKUP: &str = "naungan.last_backup_at";
const BACKUP_WARN: &str = "naungan.backup_warn_days";
pub const DEFAULT_BACKUP_WARN_DAYS: u32 = 7;

/// When this laptop last made (and so holds) a backup: milliseconds since the epoch.
pub fn last_backup_at() -> Option<f64> {
    Local::get::<f64>(LAST_BACKUP).ok()
}

pub fn set_last_backup_at(ms: f64) {
    let _ = Local::set(LAST_BACKUP, ms);
}

pub fn backup_warn_days() -> u32 {
    Local::get::<u32>(BACKUP_WARN)
        .ok()
        .filter(|d| (1..=90).contains(d))
        .unwrap_or(DEFAULT_BACKUP_WARN_DAYS)
}

pub fn set_backup_warn_days(d: u32) {
    let _ = Local::set(BACKUP_WARN, d);
}

/// Whether this browser holds a set-up vault: which entry screen `index.html` paints before the
/// app has loaded (`ui/gate/boot.rs`). Not secret: the database's existence says as much.
const SET_UP: &str = "naungan.set_up";

pub fn set_set_up(v: bool) {
    let _ = Local::set(SET_UP, v);
}

/// The names the lock screen offers, copied from the vault header (readable there already) so
/// that `index.html` can paint them before the app has loaded: (staff id, name).
const NAMES: &str = "naungan.names";
/// Who signed in last on this browser: the lock screen's first choice.
const LAST_STAFF: &str = "naungan.last_staff";
/// Wrong passphrases in a row per name, and when the last one was typed (ms).
const WRONG: &str = "naungan.wrong_tries";

pub fn set_sign_in_names(names: &[(String, String)]) {
    let _ = Local::set(NAMES, names);
}

pub fn last_staff() -> Option<String> {
    Local::get::<String>(LAST_STAFF).ok()
}

pub fn set_last_staff(id: &str) {
    let _ = Local::set(LAST_STAFF, id);
}

fn wrong_tries_all() -> Vec<(String, u32, f64)> {
    Local::get::<Vec<(String, u32, f64)>>(WRONG).unwrap_or_default()
}

/// Wrong passphrases in a row for this name, and when the last was typed.
pub fn wrong_tries(id: &str) -> (u32, f64) {
    wrong_tries_all()
        .into_iter()
        .find(|(k, _, _)| k == id)
        .map_or((0, 0.0), |(_, n, at)| (n, at))
}

/// Counts a wrong passphrase for this name (`Some(now)`), or clears the count (`None`).
pub fn note_wrong_try(id: &str, at: Option<f64>) {
    let mut all = wrong_tries_all();
    let n = all
        .iter()
        .find(|(k, _, _)| k == id)
        .map_or(0, |(_, n, _)| *n);
    all.retain(|(k, _, _)| k != id);
    if let Some(at) = at {
        all.push((id.to_string(), n + 1, at));
    }
    let _ = Local::set(WRONG, all);
}
