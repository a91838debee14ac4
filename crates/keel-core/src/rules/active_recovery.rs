//! `active-recovery`: easy runs, mobility, yoga or light stretching help on non-rest days.

/// The rule id.
pub const ID: &str = "active-recovery";

/// The advice shown with the plan.
pub fn advice() -> &'static str {
    "On days that are not rest days, easy running, mobility, yoga or light stretching help recovery; keep rest days free of workouts."
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_the_options_and_keeps_rest_days_free() {
        let a = super::advice();
        assert!(a.contains("mobility") && a.contains("easy") && a.contains("rest days"));
    }
}
