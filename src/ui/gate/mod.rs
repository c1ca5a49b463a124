//! The screens before the app is unlocked: set-up, the recovery code, restore on a new laptop,
//! and the lock screen. They have no routes: `app.rs` shows one of them by the app's phase.

pub mod boot;
pub mod recovery_code;
pub mod restore;
pub mod setup;
pub mod unlock;
