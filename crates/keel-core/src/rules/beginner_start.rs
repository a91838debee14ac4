//! `beginner-start`: a beginner starts with 2 sessions a week of 2 sets per exercise for the
//! first weeks, then builds toward the phase's dose ("not dramatically, not overnight").

use crate::model::{Athlete, Experience};

/// The rule id.
pub const ID: &str = "beginner-start";

/// Weeks the start lasts.
pub const WEEKS: u32 = 3;

/// Sessions a week during the start.
pub const SESSIONS: u32 = 2;

/// Sets per exercise during the start.
pub const SETS: u32 = 2;

/// Whether week `index` (1-based) of the plan is part of a beginner's start.
pub fn applies(athlete: &Athlete, index: u32) -> bool {
    athlete.experience == Experience::Beginner && index <= WEEKS
}

/// A sentence for the week's adjustments.
pub fn explain(index: u32) -> String {
    format!(
        "Week {index} of {WEEKS} of a beginner's start: {SESSIONS} sessions of {SETS} sets per exercise, to learn the movements before the phase's full dose."
    )
}
