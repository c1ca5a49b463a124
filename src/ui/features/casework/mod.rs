//! Casework: where each resident's case stands (stages and their history). Its panels sit on
//! the resident's profile; it has no address of its own yet.

mod stage;
pub mod texts;

pub use stage::{StageCounts, StagePanel};
