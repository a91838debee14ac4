//! Load progression from logged sets: double progression per exercise (`progression`) and
//! lighter, higher-rep resets for deload weeks and new blocks (`periodic-reset`).
//!
//! Pure: history and the week's context are parameters. The rule in one paragraph: stay at a
//! load until every working set reaches the top of the rep range with reps in reserve, then
//! add at least 5% in whole equipment steps (at least one step; kettlebells go to the next
//! size) and start again at the bottom of the range. A set at 0 reps in reserve, or reps below
//! the range, holds the load; two such sessions in a row at the same load lower it 10%
//! (rounded to the equipment's steps). Bodyweight work progresses by tempo instead.

use crate::activity::{SetType, StrengthWorkout};
pub use crate::dose::RepRange;
use crate::model::Equipment;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// Rule id of double progression.
pub const RULE_PROGRESSION: &str = "progression";
/// Rule id of lighter resets (deload weeks, new blocks).
pub const RULE_RESET: &str = "periodic-reset";
/// Rule id of holding a load while readiness is down.
pub const RULE_HOLD: &str = "readiness-holds-load";
/// What to show instead of a load when an exercise has no history.
pub const NO_HISTORY_TEXT: &str = "choose a load you could lift 2-3 more times";

/// Kilograms in one pound.
pub const KG_PER_LB: f64 = 0.453_592_37;
/// Kettlebell sizes, kg (the common competition and cast-iron series).
pub const KETTLEBELL_SIZES_KG: &[f64] = &[
    4.0, 6.0, 8.0, 12.0, 16.0, 20.0, 24.0, 28.0, 32.0, 36.0, 40.0, 44.0, 48.0,
];
/// Step for kettlebell loads above the largest size (the series' last gap), kg.
pub const KETTLEBELL_TOP_STEP_KG: f64 = 4.0;
/// Smallest increase, as a share of the current load (ACSM 2009: 2-10%; the rule book: 5-10%).
pub const INCREASE_MIN: f64 = 0.05;
/// Decrease after two failed sessions in a row.
pub const DECREASE: f64 = 0.10;
/// Load cut of a periodic reset (the rule book: about 10-20% lighter).
pub const RESET_CUT: f64 = 0.15;
/// Extra reps on both ends of the range in a periodic reset.
pub const RESET_EXTRA_REPS: u32 = 2;
/// Reps in reserve needed on every set before the load goes up.
pub const RIR_TO_PROGRESS: f64 = 1.0;
/// The tempo prescribed when bodyweight work has outgrown its rep range: 3 s lowering,
/// 1 s pause, 1 s up.
pub const SLOW_TEMPO: &str = "3-1-1";

/// How an exercise is loaded: the equipment, and whether the runner counts in pounds.
///
/// Steps: barbell 2.5 kg (1.25 kg plates a side), dumbbells 2 kg, machines 5 kg, and 5 lb for
/// all three when `pounds`; kettlebells go by [`KETTLEBELL_SIZES_KG`] (in kg even for pound
/// users: bells are sold by kg), and above the largest size in 4 kg steps. Bodyweight, bands and benches progress by tempo, not load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Loading {
    /// The equipment.
    pub equipment: Equipment,
    /// Whether loads are counted in pounds.
    pub pounds: bool,
}

impl Loading {
    /// Kilogram loading on this equipment.
    pub fn kg(equipment: Equipment) -> Loading {
        Loading {
            equipment,
            pounds: false,
        }
    }

    /// Whether load (rather than tempo or reps) is what progresses.
    pub fn is_loaded(self) -> bool {
        matches!(
            self.equipment,
            Equipment::Barbell | Equipment::Dumbbell | Equipment::Kettlebell | Equipment::Machine
        )
    }

    /// The linear step in the loading's unit (kg or lb); `None` for kettlebells and
    /// unloaded equipment.
    fn linear_step(self) -> Option<f64> {
        match (self.equipment, self.pounds) {
            (Equipment::Barbell | Equipment::Dumbbell | Equipment::Machine, true) => Some(5.0),
            (Equipment::Barbell, false) => Some(2.5),
            (Equipment::Dumbbell, false) => Some(2.0),
            (Equipment::Machine, false) => Some(5.0),
            _ => None,
        }
    }

    /// The lightest load that exists, kg: an empty bar (20 kg / 45 lb), one step otherwise.
    fn min_kg(self) -> f64 {
        match (self.equipment, self.pounds) {
            (Equipment::Barbell, false) => 20.0,
            (Equipment::Barbell, true) => 45.0 * KG_PER_LB,
            (Equipment::Kettlebell, _) => KETTLEBELL_SIZES_KG[0],
            _ => self.linear_step().map_or(0.0, |s| self.to_kg(s)),
        }
    }

    /// Whether loads are counted and shown in pounds (kettlebells never are).
    pub fn uses_pounds(self) -> bool {
        self.pounds && self.equipment != Equipment::Kettlebell
    }

    fn to_unit(self, kg: f64) -> f64 {
        if self.uses_pounds() {
            // Rounded to 0.01 lb so that 61.235 kg is 135 lb, not 134.99999.
            (kg / KG_PER_LB * 100.0).round() / 100.0
        } else {
            kg
        }
    }

    fn to_kg(self, unit: f64) -> f64 {
        if self.uses_pounds() {
            unit * KG_PER_LB
        } else {
            unit
        }
    }

    /// The equipment's step around `load_kg`, kg: the linear step, or for kettlebells the gap
    /// between the sizes on either side of it. 0 for unloaded equipment.
    pub fn step_at(self, load_kg: f64) -> f64 {
        if let Some(s) = self.linear_step() {
            return self.to_kg(s);
        }
        if self.equipment != Equipment::Kettlebell {
            return 0.0;
        }
        if let Some(step) = self.kettlebell_linear(load_kg) {
            return step;
        }
        let sizes = KETTLEBELL_SIZES_KG;
        let below = sizes.iter().rev().find(|s| **s <= load_kg + 1e-9);
        let above = sizes.iter().find(|s| **s > load_kg + 1e-9);
        match (below, above) {
            (Some(b), Some(a)) => a - b,
            (None, Some(a)) => *a,
            // At the largest size: the last gap of the series.
            (_, None) => KETTLEBELL_TOP_STEP_KG,
        }
    }

    /// For kettlebell loads above the largest size (two bells logged as one total, or a
    /// custom bell), the step used instead of the series: [`KETTLEBELL_TOP_STEP_KG`].
    fn kettlebell_linear(self, load_kg: f64) -> Option<f64> {
        let largest = KETTLEBELL_SIZES_KG[KETTLEBELL_SIZES_KG.len() - 1];
        (self.equipment == Equipment::Kettlebell && load_kg > largest + 1e-9)
            .then_some(KETTLEBELL_TOP_STEP_KG)
    }

    /// The next load up: at least 5% more in whole steps, at least one step; kettlebells: the
    /// next size up. `None` when nothing heavier exists (the heaviest
    /// kettlebell) or the equipment is unloaded.
    pub fn increase(self, load_kg: f64) -> Option<f64> {
        if !(load_kg.is_finite() && load_kg > 0.0) {
            return None;
        }
        if let Some(step) = self.linear_step().or(self.kettlebell_linear(load_kg)) {
            let c = self.to_unit(load_kg);
            let steps = (INCREASE_MIN * c / step - 1e-9).ceil().max(1.0);
            return Some(self.to_kg(c + steps * step));
        }
        if self.equipment == Equipment::Kettlebell {
            // The next size: on the series that is always 9% or more (44 -> 48 is the
            // smallest step); for an off-series load it is the size just above, never a jump
            // past it.
            return KETTLEBELL_SIZES_KG
                .iter()
                .copied()
                .find(|s| *s > load_kg + 1e-9);
        }
        None
    }

    /// A load `share` lighter, rounded to whole steps (at least one step), never below the
    /// lightest load and never above `load_kg`; kettlebells: the next size down. `None` for
    /// unloaded equipment.
    pub fn decrease(self, load_kg: f64, share: f64) -> Option<f64> {
        if !(load_kg.is_finite() && load_kg > 0.0) {
            return None;
        }
        let lowered = if let Some(step) = self.linear_step().or(self.kettlebell_linear(load_kg)) {
            let c = self.to_unit(load_kg);
            let steps = (share * c / step).round().max(1.0);
            self.to_kg(c - steps * step)
        } else if self.equipment == Equipment::Kettlebell {
            KETTLEBELL_SIZES_KG
                .iter()
                .rev()
                .copied()
                .find(|s| *s < load_kg - 1e-9)
                .unwrap_or(load_kg)
        } else {
            return None;
        };
        Some(lowered.max(self.min_kg()).min(load_kg))
    }
}

/// A working set as progression sees it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WorkSet {
    /// Load, kg (`None` for bodyweight).
    pub weight_kg: Option<f64>,
    /// Reps completed.
    pub reps: u32,
    /// Reps in reserve: logged, else 10 - RPE, else 0 for a set logged as "failure".
    pub rir: Option<f64>,
}

/// One exercise's working sets on one date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExerciseSession {
    /// Workout date.
    pub date: Date,
    /// Working sets in order (normal and failure sets with reps; warm-ups and drops excluded).
    pub sets: Vec<WorkSet>,
}

impl ExerciseSession {
    /// The heaviest working load, kg; `None` for bodyweight sessions.
    pub fn top_load(&self) -> Option<f64> {
        self.sets
            .iter()
            .filter_map(|s| s.weight_kg)
            .filter(|w| w.is_finite() && *w > 0.0)
            .fold(None, |acc: Option<f64>, w| {
                Some(acc.map_or(w, |a| a.max(w)))
            })
    }

    /// The sets judged for progression: those at the top load (back-off sets do not count),
    /// or all of them for bodyweight.
    pub fn judged(&self) -> Vec<WorkSet> {
        match self.top_load() {
            Some(top) => self
                .sets
                .iter()
                .copied()
                .filter(|s| s.weight_kg.is_some_and(|w| (w - top).abs() < 0.01))
                .collect(),
            None => self.sets.clone(),
        }
    }
}

/// One exercise's history from the log, oldest first, workouts on the same date merged.
pub fn sessions(workouts: &[StrengthWorkout], exercise: &str) -> Vec<ExerciseSession> {
    let mut by_date: BTreeMap<Date, Vec<WorkSet>> = BTreeMap::new();
    for w in workouts {
        for s in w.sets.iter().filter(|s| s.exercise == exercise) {
            let failure = s.set_type == SetType::Failure;
            if !(failure || s.set_type == SetType::Normal) {
                continue;
            }
            let Some(reps) = s.reps else { continue };
            let rir = s
                .rir
                .filter(|r| r.is_finite())
                .or_else(|| s.rpe.filter(|r| r.is_finite()).map(|r| 10.0 - r))
                .or(failure.then_some(0.0));
            by_date.entry(w.date).or_default().push(WorkSet {
                weight_kg: s.weight_kg.filter(|w| w.is_finite() && *w > 0.0),
                reps,
                rir,
            });
        }
    }
    by_date
        .into_iter()
        .map(|(date, sets)| ExerciseSession { date, sets })
        .collect()
}

/// How a session went against a rep range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Every judged set reached the top of the range with reps in reserve (or reserve not
    /// logged).
    Top,
    /// A set at 0 reps in reserve, or reps below the bottom of the range.
    Failed,
    /// In between: keep building reps at this load.
    Building,
}

/// The outcome of a session against `range`.
pub fn outcome(session: &ExerciseSession, range: RepRange) -> Outcome {
    let sets = session.judged();
    if sets.is_empty() {
        return Outcome::Building;
    }
    let failed = sets
        .iter()
        .any(|s| s.reps < range.low || s.rir.is_some_and(|r| r <= 0.0));
    if failed {
        return Outcome::Failed;
    }
    let top = sets
        .iter()
        .all(|s| s.reps >= range.high && s.rir.is_none_or(|r| r >= RIR_TO_PROGRESS));
    if top {
        Outcome::Top
    } else {
        Outcome::Building
    }
}

/// What kind of week the prescription is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WeekKind {
    /// A normal training week: double progression.
    Normal,
    /// A deload week: lighter and more reps (`periodic-reset`).
    Deload,
    /// The first week of a new block: lighter and more reps (`periodic-reset`).
    NewBlock,
}

/// The context of the next prescription.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    /// The phase's rep range (e.g. 8-10 in build, 10-15 in base).
    pub range: RepRange,
    /// How the exercise is loaded.
    pub loading: Loading,
    /// The kind of week.
    pub week: WeekKind,
    /// Dates whose sessions were deliberately light (past deload weeks): left out, so the load
    /// returns to where it was before the reset instead of progressing from the light one.
    pub skip: Vec<Date>,
    /// Readiness is not `ready` (`readiness-holds-load`): a load that would go up is held.
    #[serde(default)]
    pub hold: bool,
}

/// What changed against the last session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// Same load, keep building reps.
    Hold,
    /// Heavier, back to the bottom of the range.
    Increase,
    /// Lighter after two failed sessions in a row.
    Decrease,
    /// Slower tempo (bodyweight, or nothing heavier available).
    Tempo,
    /// Lighter with more reps for a deload week or a new block.
    Reset,
}

/// The next prescription for one exercise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prescription {
    /// Load to use, kg; `None` for bodyweight.
    pub load_kg: Option<f64>,
    /// The same load in pounds, for pound users.
    pub load_lb: Option<f64>,
    /// Working sets of the last session (the planner may change the count).
    pub sets: u32,
    /// Rep range to aim for.
    pub reps: RepRange,
    /// Tempo, when it is what progresses.
    pub tempo: Option<&'static str>,
    /// What changed.
    pub change: Change,
    /// Why, in a sentence with the numbers.
    pub reason: String,
    /// `progression`, `periodic-reset` or `readiness-holds-load`.
    pub rule: &'static str,
    /// Date of the session this is based on.
    pub based_on: Date,
}

impl Prescription {
    /// The prescription in a few words: `20 kg x 8-10`, `bodyweight x 10-15, tempo 3-1-1`.
    pub fn summary(&self, loading: Loading) -> String {
        let load = self
            .load_kg
            .map_or_else(|| "bodyweight".to_string(), |kg| show_load(kg, loading));
        match self.tempo {
            Some(t) => format!("{load} x {}, tempo {t}", self.reps),
            None => format!("{load} x {}", self.reps),
        }
    }
}

/// [`next`] from the log: the exercise's [`sessions`] in `workouts`.
pub fn next_prescription(
    workouts: &[StrengthWorkout],
    exercise: &str,
    target: &Target,
) -> Option<Prescription> {
    next(&sessions(workouts, exercise), target)
}

/// The next prescription from an exercise's history (oldest first).
///
/// `None` with no usable history: no sessions (after leaving out `target.skip`), or loaded
/// equipment with no logged weight. The caller then shows [`NO_HISTORY_TEXT`].
pub fn next(history: &[ExerciseSession], target: &Target) -> Option<Prescription> {
    let history: Vec<&ExerciseSession> = history
        .iter()
        .filter(|s| !s.sets.is_empty() && !target.skip.contains(&s.date))
        .collect();
    let last = *history.last()?;
    let range = target.range;
    let loading = target.loading;
    let sets = u32::try_from(last.judged().len()).unwrap_or(u32::MAX);
    let current = if loading.is_loaded() {
        Some(last.top_load()?)
    } else {
        None
    };
    let result = outcome(last, range);
    let make =
        |load: Option<f64>, reps: RepRange, tempo, change, rule, reason: String| Prescription {
            load_kg: load.map(|l| (l * 1000.0).round() / 1000.0),
            load_lb: load
                .filter(|_| loading.uses_pounds())
                .map(|l| (l / KG_PER_LB * 10.0).round() / 10.0),
            sets,
            reps,
            tempo,
            change,
            reason,
            rule,
            based_on: last.date,
        };
    let show = |kg: f64| show_load(kg, loading);

    if target.week != WeekKind::Normal {
        let reps = RepRange {
            low: range.low + RESET_EXTRA_REPS,
            high: range.high + RESET_EXTRA_REPS,
        };
        let why = match target.week {
            WeekKind::Deload => "deload week",
            _ => "start of a new block",
        };
        return Some(match current {
            Some(c) => {
                let l = loading.decrease(c, RESET_CUT).unwrap_or(c);
                let reason = format!(
                    "{why}: lighter ({} instead of {}, {:.0}% less) and more reps ({reps}), \
                     well short of failure",
                    show(l),
                    show(c),
                    (1.0 - l / c) * 100.0
                );
                make(Some(l), reps, None, Change::Reset, RULE_RESET, reason)
            }
            None => {
                let reason =
                    format!("{why}: more reps ({reps}) at an easy tempo, 3-4 reps in reserve");
                make(None, reps, None, Change::Reset, RULE_RESET, reason)
            }
        });
    }

    let judged = last.judged();
    let reps_done = judged
        .iter()
        .map(|s| s.reps.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    match result {
        Outcome::Failed => {
            // Failed sessions in a row at this same load, counting back from the last.
            let streak = history
                .iter()
                .rev()
                .take_while(|s| {
                    s.top_load().map(|l| (l * 100.0).round())
                        == last.top_load().map(|l| (l * 100.0).round())
                        && outcome(s, range) == Outcome::Failed
                })
                .count();
            match current {
                Some(c) if streak >= 2 => {
                    let l = loading.decrease(c, DECREASE).unwrap_or(c);
                    let reason = format!(
                        "{streak} sessions in a row at {} missed the range or hit 0 reps in \
                         reserve (last: {reps_done}): lower to {} and rebuild from {} reps",
                        show(c),
                        show(l),
                        range.low
                    );
                    Some(make(
                        Some(l),
                        range,
                        None,
                        Change::Decrease,
                        RULE_PROGRESSION,
                        reason,
                    ))
                }
                _ => {
                    let at = current.map_or_else(|| "bodyweight".to_string(), show);
                    let reason = format!(
                        "last session at {at} missed the range {range} or hit 0 reps in \
                         reserve ({reps_done}): hold and aim for {range} with a rep or two \
                         in reserve"
                    );
                    Some(make(
                        current,
                        range,
                        None,
                        Change::Hold,
                        RULE_PROGRESSION,
                        reason,
                    ))
                }
            }
        }
        Outcome::Building => {
            let at = current.map_or_else(|| "bodyweight".to_string(), show);
            let reason = format!(
                "last session at {at}: {reps_done}; stay until every set reaches {} with a \
                 rep in reserve",
                range.high
            );
            Some(make(
                current,
                range,
                None,
                Change::Hold,
                RULE_PROGRESSION,
                reason,
            ))
        }
        Outcome::Top => {
            let reserve = judged
                .iter()
                .filter_map(|s| s.rir)
                .fold(None, |acc: Option<f64>, r| {
                    Some(acc.map_or(r, |a| a.min(r)))
                });
            let reserve_text = match reserve {
                Some(r) if judged.iter().all(|s| s.rir.is_some()) => {
                    format!("at least {r} in reserve")
                }
                _ => "reps in reserve not logged, taken as some".to_string(),
            };
            match current.map(|c| (c, loading.increase(c))) {
                Some((c, Some(_))) if target.hold => {
                    let reason = format!(
                        "every set at {} reached the top of {range} ({reps_done}), but readiness \
                         is down: hold {} until you feel ready again",
                        show(c),
                        show(c)
                    );
                    Some(make(Some(c), range, None, Change::Hold, RULE_HOLD, reason))
                }
                Some((c, Some(l))) => {
                    let how = if loading.equipment == Equipment::Kettlebell {
                        " (next kettlebell size)".to_string()
                    } else {
                        format!(" (+{:.0}%)", (l / c - 1.0) * 100.0)
                    };
                    let reason = format!(
                        "every set at {} reached the top of {range} ({reps_done}, \
                         {reserve_text}): go to {}{how} and start again at {} reps",
                        show(c),
                        show(l),
                        range.low
                    );
                    Some(make(
                        Some(l),
                        range,
                        None,
                        Change::Increase,
                        RULE_PROGRESSION,
                        reason,
                    ))
                }
                _ => {
                    let at = current.map_or_else(|| "bodyweight".to_string(), show);
                    let reason = format!(
                        "every set at {at} reached the top of {range} ({reps_done}, \
                         {reserve_text}): slow down to a {SLOW_TEMPO} tempo (3 s lowering), \
                         or move to the harder variant"
                    );
                    Some(make(
                        current,
                        range,
                        Some(SLOW_TEMPO),
                        Change::Tempo,
                        RULE_PROGRESSION,
                        reason,
                    ))
                }
            }
        }
    }
}

/// A load for people: `16 kg`, `17.5 kg`, or `135 lb` for pound users.
pub fn show_load(kg: f64, loading: Loading) -> String {
    let (v, unit) = if loading.uses_pounds() {
        (kg / KG_PER_LB, "lb")
    } else {
        (kg, "kg")
    };
    let v = (v * 100.0).round() / 100.0;
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0} {unit}")
    } else {
        format!("{} {unit}", trim_zeros(&format!("{v:.2}")))
    }
}

fn trim_zeros(s: &str) -> &str {
    s.trim_end_matches('0').trim_end_matches('.')
}

#[cfg(test)]
mod tests;
