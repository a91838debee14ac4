//! Adaptation: the plan reacts to the log. Given a plan, a date and what the runner's
//! check-ins and log say, change the coming days and say why.
//!
//! Invariants:
//! - [`adjust`] is a pure function of `(plan, date, inputs)`: an adjustment is "undone when
//!   the signal clears" simply because the next call no longer makes it.
//! - Only days from `date` on are changed (and tomorrow when the date ends its week), except
//!   that a session moved earlier in the week stays moved: it never shows on two days.
//! - Every change carries a rule id of the rule book ([`ADAPT_RULES`]).
//! - No change introduces a violation of a hard placement rule, logged lifts counted: each
//!   one is validated and reverted (or another option chosen) when it would.
//! - Every session ends in one final state with one line per change: a move for sore legs or
//!   a logged lift happens once; strong signs then settle every coming session (a moved one
//!   in its move's line); a run-load cut of sets and variants is one line.
//! - Runs are touched only by `overtraining-signals` when the signals are strong, and the
//!   text says so. No load goes up while readiness is not `ready`.

use crate::plan::{Plan, PlanWeek};
use crate::progression;
use crate::readiness::{RunLoadIncrease, RunLoadTier};
use engine::Adapter;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

mod conflicts;
mod engine;
mod fuel;
mod inputs;
mod loads;
mod logged;
mod overtraining;
mod run_load;
mod signals;
mod soreness;

pub use crate::rules::carbohydrate::DayLoad;
pub(crate) use engine::session_of;
pub use fuel::{day_fuel, DayFuel};
pub use inputs::{AdaptInputs, LastStrength};
pub use signals::{is_strong, overtraining_signs, planned_run_load, readiness_summary, SignalKind};

/// Rule ids this module writes: the rule book's Adaptation table, `readiness-holds-load`,
/// and the two placement rules logged lifts are held to.
pub const ADAPT_RULES: &[&str] = &[
    RULE_LOAD,
    RULE_OVERTRAINING,
    RULE_SORENESS,
    RULE_SLEEP,
    RULE_PROGRESSION,
    RULE_RESET,
    RULE_AGE,
    progression::RULE_HOLD,
    crate::rules::same_muscle_48h::ID,
    crate::rules::hard_run_24h::ID,
];

const RULE_LOAD: &str = "run-load-increase";
const RULE_OVERTRAINING: &str = "overtraining-signals";
const RULE_SORENESS: &str = "soreness-vs-running";
const RULE_SLEEP: &str = "sleep";
const RULE_PROGRESSION: &str = "progression";
const RULE_RESET: &str = "periodic-reset";
const RULE_AGE: &str = "age-recovery";

/// Leg soreness (1-5, 5 worst) from which soreness spoils a key run.
pub const SORE_LEGS: u8 = 4;
/// Session RPE from which a strength session counts as very hard.
pub const VERY_HARD_RPE: f64 = 9.0;

/// Advice shown for an external-load exercise when the log holds no history for it.
pub const NO_HISTORY_LOAD: &str = progression::NO_HISTORY_TEXT;

crate::model::id_enum! {
    /// What an adjustment did.
    ChangeKind {
        /// One set fewer per exercise.
        FewerSets = "fewer-sets",
        /// Exercises stepped down to their easier variants.
        Simplify = "simplify",
        /// A strength session removed.
        DropSession = "drop-session",
        /// A strength session turned into mobility.
        ToMobility = "to-mobility",
        /// Strength intensity lowered one step.
        LowerIntensity = "lower-intensity",
        /// A day turned into an extra rest day.
        RestDay = "rest-day",
        /// A hard run turned into easy cross-training.
        RunToCross = "run-to-cross",
        /// A hard run turned into rest.
        RunToRest = "run-to-rest",
        /// A strength session moved to a later day.
        Move = "move",
        /// A strength session lightened to a focus that spares the legs.
        Lighten = "lighten",
        /// Advice only: nothing in the plan changed.
        Suggest = "suggest",
    }
}

/// One adjustment in force: the day it affects, the rule, what it did and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The day the change affects.
    pub date: Date,
    /// The rule id.
    pub rule: String,
    /// What it did.
    pub kind: ChangeKind,
    /// A sentence for the runner: `"{cause}: {effect}"` when it has a cause.
    pub text: String,
    /// What in the log led to it (the signs, the load, the logged lift), the opening of
    /// `text`; empty when the text is one piece (advice). Several changes share a cause, so
    /// views print it once with one line per effect.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cause: String,
}

impl Change {
    /// What the change does: `text` after its cause, or the whole text without one.
    pub fn effect(&self) -> &str {
        if self.cause.is_empty() {
            return &self.text;
        }
        self.text
            .strip_prefix(self.cause.as_str())
            .and_then(|rest| rest.strip_prefix(": "))
            .unwrap_or(&self.text)
    }
}

/// The adjusted plan and the list of changes made to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Adapted {
    /// The plan with the coming days changed; each change is also in its week's
    /// `adjustments` and, for a strength session, in the session's `why`.
    pub plan: Plan,
    /// The changes, in the order they were made.
    pub changes: Vec<Change>,
}

/// Adapts `plan` for `date` given what the check-ins and the log say.
///
/// Changes the days from `date` to the end of its week (a lower-body session moved for
/// sore legs may lie in the next week; strong signs on the week's last day reach tomorrow).
/// A date outside the plan changes nothing.
pub fn adjust(plan: &Plan, date: Date, inputs: &AdaptInputs) -> Adapted {
    adjust_owned(plan.clone(), date, inputs)
}

/// [`adjust`] taking the plan by value (no copy of it made), for a caller that needs only
/// the adapted plan and its changes.
pub fn adjust_owned(plan: Plan, date: Date, inputs: &AdaptInputs) -> Adapted {
    let logged = logged::logged_lifts(&inputs.workouts, date);
    let mut a = Adapter::new(plan, date, logged);
    a.pinned = inputs.moved.clone();
    let Some(wi) = a.plan.weeks.iter().position(|w| in_week(w, date)) else {
        return Adapted {
            plan: a.plan,
            changes: a.changes,
        };
    };
    let ot = overtraining_signs(&inputs.signals);
    let strong = !ot.is_empty() && is_strong(&ot);
    if let Some((_, slow)) = ot.iter().find(|(k, _)| *k == SignalKind::Soreness) {
        a.slow_recovery(wi, slow);
    }
    // Moves first (a session moved earlier in the week stays moved), then the signs: strong
    // ones turn every coming session, moved or not, into mobility in its one line.
    a.logged_conflicts();
    a.sore_legs(wi, &inputs.soreness_legs);
    if strong {
        a.overtraining_strong(wi, &ot);
    } else if !ot.is_empty() {
        a.overtraining_mild(wi, &ot);
    }
    let mut loads: Vec<(String, RunLoadIncrease)> = inputs.run_load.clone();
    loads.extend(planned_run_load(&a.plan, wi).map(|p| ("planned".to_string(), p)));
    // The highest tier wins; on a tie the first given (the log before the plan).
    let top = loads
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, l))| (l.tier, std::cmp::Reverse(*i)))
        .map(|(_, l)| l.clone());
    if let Some((basis, load)) = top.filter(|(_, l)| l.tier > RunLoadTier::None) {
        a.run_load(wi, &load, &basis);
    }
    if let Some(last) = inputs.last_strength {
        a.hard_lift(wi, last);
    }
    a.logged_before_hard_run();
    let ready = readiness_summary(&inputs.signals).starts_with("ready");
    a.loads(wi, &inputs.workouts, !ready);
    Adapted {
        plan: a.plan,
        changes: a.changes,
    }
}

fn in_week(w: &PlanWeek, date: Date) -> bool {
    w.days.iter().any(|d| d.date == date)
}

#[cfg(test)]
mod prop;

#[cfg(test)]
mod tests;
