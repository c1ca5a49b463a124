//! Storage: the encrypted vault in IndexedDB. Depends on `domain`; knows nothing of `ui`.
//!
//! Architecture Invariant: only `indexed_db.rs` touches IndexedDB. Everything above `store`
//! receives opened records (plaintext types from `domain`), never ciphertext or keys.

pub mod backup;
pub mod clock;
pub mod crypto;
pub mod error;
pub mod index;
mod indexed_db;
pub mod recovery_code;
pub mod restricted;
pub mod sealed_record;
pub mod segment;
pub mod vault;
pub mod vault_header;

pub use error::StoreError;
pub use index::{Index, Live, ResidentPage};
pub use indexed_db::{
    set_connection_listener, ConnectionEvent, DB_VERSION, META, RECORDS, SEGMENTS,
};
pub use vault::{Change, UnlockReport, Vault, DEFAULT_DB_NAME};
