//! Adaptation: the plan reacts to the log. Given a plan, a date and what the runner's
//! check-ins and log say, change the coming days and say why.
//!
//! Invariants:
//! - [`adjust`] is a pure function of `(plan, date, inputs)`: an adjustment is "undone when
//!   the signal clears" simply because the next call no longer makes it.
//! - Only days from `date` on are changed: the past is what happened.
//! - Every change carries a rule id of the rule book's Adaptation table.
//! - No change introduces a violation of a hard placement rule: each one is validated and
//!   reverted (or another option chosen) when it would.
//! - Runs are touched only by `overtraining-signals` when the signals are strong, and the
//!   text says so.

use crate::model::{Athlete, Focus, Intensity, Phase, RunType, Weekday};
use crate::plan::{Plan, PlanWeek, RunSession, Session, StrengthSession, Timing, Why};
use crate::prescription;
use crate::progression;
use crate::readiness::{RunLoadIncrease, RunLoadTier};
use crate::rules;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

mod fuel;
mod inputs;
mod loads;
mod overtraining;
mod run_load;
mod signals;
mod soreness;

pub use crate::rules::carbohydrate::DayLoad;
pub use fuel::{day_fuel, DayFuel};
pub use inputs::{AdaptInputs, LastStrength};
pub use signals::{is_strong, overtraining_signs, planned_run_load, readiness_summary, SignalKind};

/// Rule ids this module writes (all in the rule book's Adaptation table).
pub const ADAPT_RULES: &[&str] = &[
    RULE_LOAD,
    RULE_OVERTRAINING,
    RULE_SORENESS,
    RULE_SLEEP,
    RULE_PROGRESSION,
    RULE_RESET,
    RULE_AGE,
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
    /// A sentence for the runner.
    pub text: String,
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
/// sore legs may lie in the next week). A date outside the plan changes nothing.
pub fn adjust(plan: &Plan, date: Date, inputs: &AdaptInputs) -> Adapted {
    let mut a = Adapter {
        plan: plan.clone(),
        date,
        changes: Vec::new(),
    };
    let Some(wi) = a.plan.weeks.iter().position(|w| in_week(w, date)) else {
        return Adapted {
            plan: a.plan,
            changes: a.changes,
        };
    };
    let ot = overtraining_signs(&inputs.signals);
    if let Some((_, slow)) = ot.iter().find(|(k, _)| *k == SignalKind::Soreness) {
        a.slow_recovery(wi, slow);
    }
    if !ot.is_empty() {
        a.overtraining(wi, &ot);
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
    a.sore_legs(wi, &inputs.soreness_legs);
    if let Some(last) = inputs.last_strength {
        a.hard_lift(wi, last);
    }
    a.loads(wi, &inputs.workouts);
    Adapted {
        plan: a.plan,
        changes: a.changes,
    }
}

fn in_week(w: &PlanWeek, date: Date) -> bool {
    w.days.iter().any(|d| d.date == date)
}

/// Position of a day: week index and day index.
type Pos = (usize, usize);

struct Adapter {
    plan: Plan,
    date: Date,
    changes: Vec<Change>,
}

impl Adapter {
    /// Days of week `wi` from the date on.
    fn horizon(&self, wi: usize) -> Vec<Pos> {
        self.plan.weeks[wi]
            .days
            .iter()
            .enumerate()
            .filter(|(_, d)| d.date >= self.date)
            .map(|(di, _)| (wi, di))
            .collect()
    }

    /// Days from the date on in week `wi` and the next week.
    fn horizon2(&self, wi: usize) -> Vec<Pos> {
        let mut h = self.horizon(wi);
        if wi + 1 < self.plan.weeks.len() {
            h.extend((0..self.plan.weeks[wi + 1].days.len()).map(|di| (wi + 1, di)));
        }
        h
    }

    /// The position of a date in the plan.
    fn pos_of(&self, date: Date) -> Option<Pos> {
        self.plan.weeks.iter().enumerate().find_map(|(wi, w)| {
            w.days
                .iter()
                .position(|d| d.date == date)
                .map(|di| (wi, di))
        })
    }

    /// Positions from `from` on, in order, through `weeks` weeks (the week of `from` first).
    fn positions_from(&self, from: Date, weeks: usize) -> Vec<Pos> {
        let Some((w0, _)) = self.pos_of(from) else {
            return Vec::new();
        };
        (w0..(w0 + weeks).min(self.plan.weeks.len()))
            .flat_map(|wi| (0..self.plan.weeks[wi].days.len()).map(move |di| (wi, di)))
            .filter(|&pos| self.day_date(pos) >= from)
            .collect()
    }

    fn day_date(&self, (wi, di): Pos) -> Date {
        self.plan.weeks[wi].days[di].date
    }

    fn strength(&self, (wi, di): Pos) -> Option<&StrengthSession> {
        self.plan.weeks[wi].days[di]
            .sessions
            .iter()
            .find_map(|s| match s {
                Session::Strength(st) => Some(st),
                Session::Run(_) => None,
            })
    }

    fn run(&self, (wi, di): Pos) -> Option<&RunSession> {
        self.plan.weeks[wi].days[di]
            .sessions
            .iter()
            .find_map(|s| match s {
                Session::Run(r) if r.run_type != RunType::Rest => Some(r),
                _ => None,
            })
    }

    /// Strength sessions (not mobility) in the whole of week `wi`.
    fn training_sessions(&self, wi: usize) -> usize {
        (0..self.plan.weeks[wi].days.len())
            .filter(|&di| {
                self.strength((wi, di))
                    .is_some_and(|s| s.focus != Focus::Mobility)
            })
            .count()
    }

    /// Applies `f` to the plan; keeps it only when no hard rule is newly broken in the
    /// weeks it touches. Returns whether it was kept.
    fn try_apply(&mut self, weeks: &[usize], f: impl FnOnce(&mut Plan)) -> bool {
        let before = self.plan.clone();
        let old = hard_violations_around(&before, weeks);
        f(&mut self.plan);
        let new = hard_violations_around(&self.plan, weeks);
        if new.iter().all(|v| old.contains(v)) {
            true
        } else {
            self.plan = before;
            false
        }
    }

    /// Records a change: in the list, in the week's adjustments and, when the day holds a
    /// strength session, in its `why`.
    fn record(&mut self, pos: Pos, rule: &str, kind: ChangeKind, text: String) {
        let date = self.day_date(pos);
        let why = Why::new(rule, text.clone());
        let week = &mut self.plan.weeks[pos.0];
        if !week.adjustments.contains(&why) {
            week.adjustments.push(why.clone());
        }
        for s in &mut week.days[pos.1].sessions {
            if let Session::Strength(st) = s {
                st.why.push(why.clone());
            }
        }
        self.changes.push(Change {
            date,
            rule: rule.to_string(),
            kind,
            text,
        });
    }

    /// Replaces the strength session at `pos` by a mobility session; returns whether kept.
    fn make_mobility(&mut self, pos: Pos) -> bool {
        self.refocus(pos, Focus::Mobility)
    }

    /// Replaces the strength session at `pos` by one of `focus` in the same slot, prescribed
    /// for the athlete; returns whether kept.
    fn refocus(&mut self, pos: Pos, focus: Focus) -> bool {
        let (wi, di) = pos;
        let phase = self.plan.weeks[wi].phase;
        let deload = self.plan.weeks[wi].deload;
        self.try_apply(&[wi], |p| {
            let athlete = p.athlete.clone();
            for s in &mut p.weeks[wi].days[di].sessions {
                if let Session::Strength(st) = s {
                    *st = session_of(&athlete, phase, deload, st, focus);
                }
            }
        })
    }

    /// Removes the strength session at `pos`; an emptied day becomes a rest day.
    fn drop_strength(&mut self, pos: Pos) -> bool {
        let (wi, di) = pos;
        self.try_apply(&[wi], |p| {
            let day = &mut p.weeks[wi].days[di];
            day.sessions.retain(|s| !matches!(s, Session::Strength(_)));
            day.rest = day.sessions.is_empty();
        })
    }

    fn weekday(&self, pos: Pos) -> Weekday {
        Weekday::of(self.day_date(pos))
    }
}

/// A session of `focus` in place of `st`: same slot, prescribed for the athlete;
/// light, or bodyweight for mobility.
fn session_of(
    athlete: &Athlete,
    phase: Phase,
    deload: bool,
    st: &StrengthSession,
    focus: Focus,
) -> StrengthSession {
    let intensity = if focus == Focus::Mobility {
        Intensity::Bodyweight
    } else {
        Intensity::Light
    };
    let minutes = if focus == Focus::Mobility {
        st.minutes.clamp(10, 20)
    } else {
        st.minutes.min(30)
    };
    let competency = athlete.movement_screen == crate::model::MovementScreen::Fail;
    let program = prescription::program::standalone(focus, phase, competency);
    let rx = prescription::prescribe(
        &prescription::Request {
            athlete,
            focus,
            intensity,
            phase,
            minutes,
            after_run: st.timing == Timing::AfterRun,
            deload,
            program: &program,
        },
        None,
    );
    let exercises = rx.exercises;
    StrengthSession {
        focus,
        intensity,
        minutes: rx.minutes,
        timing: st.timing,
        warm_up: rx.warm_up,
        exercises,
        // The replaced session's reasons (its dose, its placement for leg work) no longer
        // hold; the prescription's do, and the adjustment adds its own.
        why: rx.why,
    }
}

/// Hard-rule violations (the planner's checker) in the weeks given and their neighbours, as
/// comparable strings.
fn hard_violations_around(plan: &Plan, weeks: &[usize]) -> Vec<String> {
    let mut out = Vec::new();
    for &wi in weeks {
        let lo = wi.saturating_sub(1);
        let hi = (wi + 1).min(plan.weeks.len().saturating_sub(1));
        for w in lo..=hi {
            let prev = w.checked_sub(1).and_then(|p| plan.weeks.get(p));
            let next = plan.weeks.get(w + 1);
            out.extend(
                rules::hard_violations(&plan.weeks[w], prev, next)
                    .into_iter()
                    .map(|v| {
                        format!(
                            "{} {} {} {}",
                            plan.weeks[w].index, v.rule, v.weekday, v.text
                        )
                    }),
            );
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod prop;

#[cfg(test)]
mod tests;
