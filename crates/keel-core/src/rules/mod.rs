//! The rule book: the registry of every rule, and one module per rule holding its check.
//!
//! A check reads a [`week::Week`] (or a planned session) and returns [`Verdict`]s, each naming
//! its rule id, the day and a reason. The planner uses the same predicates the checks use
//! (`hard_run_24h::forbids`, `same_muscle_48h::conflict`, ...), so what `check` calls an error
//! is exactly what the planner never produces.

mod registry;
pub mod week;

pub mod active_recovery;
pub mod back_to_back_hard;
pub mod beginner_start;
pub mod carbohydrate;
pub mod controlled_tempo;
pub mod core_not_legs;
pub mod deload_week;
pub mod derived_runs;
pub mod easy_day_support;
pub mod exercise_dose;
pub mod exercise_rotation;
pub mod exercise_selection;
pub mod frequency_by_phase;
pub mod hard_run_24h;
pub mod high_mileage_cap;
pub mod legs_first;
pub mod movement_screen;
pub mod phase_by_date;
pub mod plyometrics;
pub mod prefer_short_days;
pub mod protein;
pub mod race_72h;
pub mod race_recovery;
pub mod readiness_holds_load;
pub mod refuel;
pub mod reps_by_phase;
pub mod reps_in_reserve;
pub mod rest_day;
pub mod run_priority;
pub mod run_then_lift;
pub mod runner_choice;
pub mod same_muscle_48h;
pub mod session_length;
pub mod spread_sessions;
pub mod stack_hard_days;
pub mod strength_volume_by_phase;
pub mod taper_volume;
pub mod true_rest;
pub mod upper_on_recovery;
pub mod warm_up;

pub use registry::{exists, find, RuleInfo, Severity, RULES};

/// Age from which `age-recovery` applies (deload every 3rd week, 2 sessions over 3).
pub const AGE_RECOVERY_FROM: u32 = 40;

/// One finding of a rule's check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The rule id (always in [`RULES`]).
    pub rule: &'static str,
    /// Day index in the week, 0 = Monday. Findings about a neighbouring week's boundary day
    /// are reported on this week's side.
    pub day: usize,
    /// Position of the offending entry in that day's items, when one entry is at fault.
    pub item: Option<usize>,
    /// A sentence for the runner.
    pub text: String,
}

impl Verdict {
    /// A verdict.
    pub fn new(rule: &'static str, day: usize, item: Option<usize>, text: String) -> Verdict {
        Verdict {
            rule,
            day: day.min(6),
            item,
            text,
        }
    }
    /// The rule's severity.
    pub fn severity(&self) -> Severity {
        find(self.rule)
            .map(|r| r.severity)
            .unwrap_or(Severity::Soft)
    }
}

/// Whether the lift at `(from_day, item)` could move to `to_day` breaking no hard rule.
pub type Mover<'a> = dyn Fn(usize, usize, usize) -> bool + 'a;

/// Verdicts of every hard placement rule that needs no template (all but `run-priority`).
pub fn hard_verdicts(week: &week::Week) -> Vec<Verdict> {
    let mut v = rest_day::check(week);
    v.extend(hard_run_24h::check(week));
    v.extend(run_then_lift::check(week));
    v.extend(same_muscle_48h::check(week));
    v.extend(race_72h::check(week));
    v
}

/// Verdicts of the dose and exercise-selection rules for one planned strength session:
/// sets within the phase's range, reps in reserve, controlled tempo, a warm-up, exercises from
/// the library within the athlete's equipment, each dosed in its own unit, the focus true of
/// every exercise, and no external load after a failed screen.
pub fn session_verdicts(
    session: &crate::plan::StrengthSession,
    phase: crate::model::Phase,
    athlete: &crate::model::Athlete,
    day: usize,
) -> Vec<Verdict> {
    let mut v = reps_by_phase::check_session(session, phase, day);
    v.extend(reps_in_reserve::check_session(session, day));
    v.extend(controlled_tempo::check_session(session, day));
    v.extend(warm_up::check_session(session, day));
    v.extend(exercise_selection::check_session(session, athlete, day));
    v.extend(exercise_dose::check_session(session, day));
    v.extend(core_not_legs::check_session(session, day, false));
    if athlete.movement_screen == crate::model::MovementScreen::Fail {
        v.extend(movement_screen::check_session(session, day));
    }
    v
}
