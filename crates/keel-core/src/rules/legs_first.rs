//! `legs-first`: in a week with leg work, sets for the legs and hips are at least as many as
//! sets for the upper body. Runners lift for their legs, hips and trunk first; upper-body work
//! is kept short (keel's rule, from 002 and 003: single-leg work is the backbone).

/// The rule id.
pub const ID: &str = "legs-first";

/// A sentence for the week's adjustments when upper-body sets were trimmed.
pub fn explain(legs: u32, upper: u32) -> String {
    format!("{legs} sets for the legs and hips against {upper} for the upper body: runners lift for their legs first, so the upper-body work is kept short.")
}
