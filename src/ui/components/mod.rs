pub mod backup_preview;
pub mod field;
pub mod region_picker;
pub mod shell;
