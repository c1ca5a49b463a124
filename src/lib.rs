//! Naungan: case management for small social-rehabilitation shelters.
//! See ARCHITECTURE.md for the map: `domain` ← `store` ← `ui`.

pub mod domain;
pub mod store;
pub mod synthetic;
#[cfg(feature = "ui")]
pub mod ui;
