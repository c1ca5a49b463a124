//! Small, non-secret preferences in localStorage: language and auto-lock minutes.

use super::i18n::Lang;
use gloo_storage::{LocalStorage, SessionStorage, Storage};

const LANG: &str = "naungan.lang";
const IDLE: &str = "naungan.idle_minutes";
const IDLE_LOCKED: &str = "naungan.locked_after_idle";
pub const DEFAULT_IDLE_MINUTES: u32 = 10;

pub fn lang() -> Lang {
    LocalStorage::get::<String>(LANG)
        .map(|s| Lang::from_code(&s))
        .unwrap_or(Lang::Id)
}

pub fn set_lang(l: Lang) {
    let _ = LocalStorage::set(LANG, l.code());
}

pub fn idle_minutes() -> u32 {
    LocalStorage::get::<u32>(IDLE)
        .ok()
        .filter(|m| (1..=120).contains(m))
        .unwrap_or(DEFAULT_IDLE_MINUTES)
}

pub fn set_idle_minutes(m: u32) {
    let _ = LocalStorage::set(IDLE, m);
}

/// Remembers across the reload that locking does, that the lock came from idling.
pub fn mark_locked_after_idle(minutes: u32) {
    let _ = SessionStorage::set(IDLE_LOCKED, minutes);
}

pub fn take_locked_after_idle() -> Option<u32> {
    let m = SessionStorage::get::<u32>(IDLE_LOCKED).ok();
    SessionStorage::delete(IDLE_LOCKED);
    m
}

const LAST_BACKUP: &str = "naungan.last_backup_at";
const BACKUP_WARN: &str = "naungan.backup_warn_days";
pub const DEFAULT_BACKUP_WARN_DAYS: u32 = 7;

/// When this laptop last made (and so holds) a backup: milliseconds since the epoch.
pub fn last_backup_at() -> Option<f64> {
    LocalStorage::get::<f64>(LAST_BACKUP).ok()
}

pub fn set_last_backup_at(ms: f64) {
    let _ = LocalStorage::set(LAST_BACKUP, ms);
}

pub fn backup_warn_days() -> u32 {
    LocalStorage::get::<u32>(BACKUP_WARN)
        .ok()
        .filter(|d| (1..=90).contains(d))
        .unwrap_or(DEFAULT_BACKUP_WARN_DAYS)
}

pub fn set_backup_warn_days(d: u32) {
    let _ = LocalStorage::set(BACKUP_WARN, d);
}

/// Whether this browser holds a set-up vault: which entry screen `index.html` paints before the
/// app has loaded (`ui/gate/boot.rs`). Not secret: the database's existence says as much.
const SET_UP: &str = "naungan.set_up";

pub fn set_set_up(v: bool) {
    let _ = LocalStorage::set(SET_UP, v);
}
