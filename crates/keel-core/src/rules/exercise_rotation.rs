//! `exercise-rotation`: variants rotate every block of 3-4 weeks (the weeks between deloads)
//! within the same movement patterns, and two sessions of a week differ, so a season uses
//! well over a dozen distinct exercises without losing the patterns.

/// The rule id.
pub const ID: &str = "exercise-rotation";

/// A sentence for the first week of a block.
pub fn explain(block: u32) -> String {
    format!(
        "Block {}: new variants of the same movement patterns, so the body keeps adapting; loads start from the log where you have done them before.",
        block + 1
    )
}
