//! keel-core: the pure domain of keel.
//!
//! Types (profiles, runs, strength sessions and their typed doses, plans, logged
//! activities), the rule book, the week checker, the season planner, prescription, the
//! exercise library, load metrics, readiness, progression and adaptation.
//!
//! This crate must never depend on I/O, the clock, a database, the network or async
//! runtimes: "today" is always a parameter and every input is a value. That is what makes
//! every rule testable with a literal week, and the planner deterministic.

pub mod activity;
pub mod adapt;
pub mod check;
pub mod dose;
pub mod edits;
pub mod exercises;
pub mod load;
pub mod marks;
pub mod model;
pub mod plan;
pub mod planner;
pub mod prescription;
pub mod progression;
pub mod readiness;
pub mod rules;
pub mod text;

#[cfg(test)]
mod test_fixtures;
