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
    /// IndexedDB cannot be used here (private window, blocked by settings, old browser).
    Unavailable(String),
    /// A record or its content is invalid for this operation.
    Invalid(String),
    NoRandomness,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for StoreError {}
