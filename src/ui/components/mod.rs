pub mod bound;
pub mod field;
pub mod new_passphrase;
pub mod region_picker;
pub mod shell;
pub mod submit;
