//! What can go wrong in the store, in terms the UI can explain to a tired user.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// No key slot opens with this passphrase. Nothing was changed.
    WrongPassphrase,
    WrongRecoveryCode,
    /// The vault has not been set up on this browser yet.
    NotSetUp,
    AlreadySetUp,
    /// The vault is locked: records cannot be read or written.
    Locked,
    /// The vault header is damaged or from an unknown format.
    BadHeader,
    NotFound,
    /// Someone (another tab) changed the record since it was opened here.
    Stale,
    /// Another tab wrote records since this one last read them. The vault reads again and
    /// retries by itself; callers see `Stale` only if the records they change were changed.
    Changed,
    /// A record with this id already exists in storage.
    AlreadyExists,
    /// The browser refused the write: storage full, or blocked.
    WriteFailed(String),
    /// The browser's storage for this site is full (QuotaExceededError). Nothing was written.
    StorageFull,
    /// A newer build of the app has upgraded (or is upgrading) the database: this tab must be
    /// reloaded to use it. Nothing was written.
    NewerVersion,
    /// This staff member was deactivated: their passphrase opens nothing. Nothing was changed.
    Deactivated,
    /// The signed-in staff member's role may not do this (permissions.rs). Nothing was changed.
    NotAllowed,
    /// The change would leave no active head of unit. Nothing was changed.
    NoHeadLeft,
    /// Another tab replaced the data key (a staff member was removed): this session's key
    /// opens nothing new, so it is locked. Nothing was written.
    KeyChanged,
    /// This session holds no restricted-content key (its role may not read restricted content),
    /// so it cannot open or write such content. Nothing was changed.
    NoRestrictedKey,
    /// Restricted content sealed under another restricted-content key (another laptop's vault,
    /// restored from a backup made by a session without the key): it is kept, and opens there.
    SealedElsewhere,
    /// IndexedDB cannot be used here (private window, blocked by settings, old browser).
    Unavailable(String),
    /// A record or its content is invalid for this operation.
    Invalid(String),
    NoRandomness,
}

/// A plain sentence (English: for logs and whoever helps the shelter). What a page shows is
/// the UI's translated sentence for each variant (`ui::session::error_text`).
impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            StoreError::WrongPassphrase => "the passphrase opens no key slot; nothing changed",
            StoreError::WrongRecoveryCode => "the recovery code does not match; nothing changed",
            StoreError::NotSetUp => "the vault is not set up in this browser",
            StoreError::AlreadySetUp => "the vault is already set up in this browser",
            StoreError::Locked => "the vault is locked",
            StoreError::BadHeader => "the vault's key data is damaged or of an unknown format",
            StoreError::NotFound => "no such record",
            StoreError::Stale => "the record was changed in another tab since it was opened",
            StoreError::Changed => "another tab wrote since this one last read",
            StoreError::AlreadyExists => "a record with this id exists already",
            StoreError::WriteFailed(_) => "the browser refused the write (storage full or blocked)",
            StoreError::StorageFull => {
                "the browser's storage for this site is full; nothing was written"
            }
            StoreError::NewerVersion => {
                "a newer build of the app has the database; reload this tab"
            }
            StoreError::Deactivated => "this staff member is deactivated",
            StoreError::NotAllowed => "this staff member's role may not do that",
            StoreError::NoHeadLeft => "the change would leave no active head of unit",
            StoreError::KeyChanged => "the data key was replaced in another tab; sign in again",
            StoreError::NoRestrictedKey => {
                "this session holds no key for restricted content; nothing changed"
            }
            StoreError::SealedElsewhere => {
                "this restricted content was sealed with another laptop's key; it is kept as it is"
            }
            StoreError::Unavailable(_) => "IndexedDB cannot be used in this browser window",
            StoreError::Invalid(_) => "the record is not valid for this operation",
            StoreError::NoRandomness => "the browser gave no randomness",
        };
        f.write_str(s)
    }
}

impl std::error::Error for StoreError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_a_sentence_without_the_detail() {
        let e = StoreError::WriteFailed("QuotaExceededError: secret detail".into());
        assert!(!e.to_string().contains("secret detail"));
        assert!(!e.to_string().contains("WriteFailed"));
        assert!(!StoreError::Stale.to_string().contains("Stale"));
    }
}
