//! `active-recovery`: easy runs, mobility, yoga or light stretching help on non-rest days.

/// The rule id.
pub const ID: &str = "active-recovery";

/// The advice shown with the plan.
pub fn advice() -> &'static str {
    "On days that are not rest days, easy running, mobility, yoga or light stretching help recovery; keep rest days free of workouts."
}
