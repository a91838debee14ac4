//! The planner's output: a season of weeks, days and sessions, each decision with its reasons.
//!
//! These types serialise to the `keel.plan/1` JSON contract; field names are stable.

use crate::dose::Dose;
use crate::model::{Athlete, Equipment, Focus, Intensity, Phase, RunType, Weekday};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The JSON schema id of a serialised [`Plan`].
pub const PLAN_SCHEMA: &str = "keel.plan/1";

/// A reason: which rule made a decision, and a sentence for this runner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Why {
    /// A rule id from the rule book (always one that exists).
    pub rule: String,
    /// A sentence for this runner.
    pub text: String,
}

impl Why {
    /// A reason from a rule id and text.
    pub fn new(rule: &str, text: impl Into<String>) -> Why {
        Why {
            rule: rule.to_string(),
            text: text.into(),
        }
    }
}

/// A whole season.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Always [`PLAN_SCHEMA`].
    pub schema: String,
    /// The athlete the plan is for.
    pub athlete: Athlete,
    /// Goal summary (race and date, or fitness).
    pub goal: crate::model::Goal,
    /// Placement strategy used.
    pub strategy: crate::model::Strategy,
    /// Season-wide warnings (e.g. `rest-day` when the running week has none).
    pub warnings: Vec<Why>,
    /// The weeks, in order.
    pub weeks: Vec<PlanWeek>,
    /// Daily fuel guidance (`protein`, `carbohydrate`).
    pub nutrition: Nutrition,
}

/// Daily fuel guidance in grams for this athlete.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Nutrition {
    /// Protein per day, grams, [low, high].
    pub protein_g: [u32; 2],
    /// Carbohydrate on moderate days, grams, [low, high].
    pub carbohydrate_moderate_g: [u32; 2],
    /// Carbohydrate on long-run and high-volume days, grams, [low, high].
    pub carbohydrate_high_g: [u32; 2],
    /// Carbohydrate for each kind of day the plan holds (rest and light, about an hour,
    /// 90 min to 4 h, over 4 h), lightest first.
    #[serde(default)]
    pub carbohydrate_days: Vec<CarbDay>,
    /// The reasons, with rule ids.
    pub why: Vec<Why>,
}

/// One kind of day in a season and its carbohydrate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CarbDay {
    /// The kind of day.
    pub day: crate::model::DayLoad,
    /// Grams per kg, [low, high].
    pub g_per_kg: [f64; 2],
    /// Grams for the athlete, [low, high].
    pub grams: [u32; 2],
    /// How many days of the plan are of this kind.
    pub days: u32,
}

/// One week of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanWeek {
    /// 1-based index.
    pub index: u32,
    /// The Monday the week starts on.
    pub start: Date,
    /// Training phase.
    pub phase: Phase,
    /// Whether this is a deload week.
    pub deload: bool,
    /// Planned running minutes in the week.
    pub run_minutes: u32,
    /// Planned running kilometres, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_km: Option<f64>,
    /// Seven days, Monday first.
    pub days: Vec<PlanDay>,
    /// Changes made to this week and why (deload, taper, caps, adaptations).
    pub adjustments: Vec<Why>,
}

/// One day of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanDay {
    /// The date.
    pub date: Date,
    /// Its weekday.
    pub weekday: Weekday,
    /// True rest: no run, no strength, no cross-training.
    pub rest: bool,
    /// Sessions in the order they happen.
    pub sessions: Vec<Session>,
}

/// A planned session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Session {
    /// A run (or cross-training).
    Run(RunSession),
    /// A strength session.
    Strength(StrengthSession),
}

/// A planned run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunSession {
    /// Run type.
    #[serde(rename = "type")]
    pub run_type: RunType,
    /// Minutes.
    pub minutes: u32,
    /// Kilometres, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub km: Option<f64>,
}

/// When a strength session happens relative to the day's run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// Straight after the run.
    AfterRun,
    /// At least 6 h apart from the run (or on a day without a run).
    Separate,
}

/// Rules that say why a strength session sits on its day, the runner's strategy first.
pub const PLACEMENT_RULES: [&str; 3] = ["stack-hard-days", "easy-day-support", "upper-on-recovery"];

/// A planned strength session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrengthSession {
    /// Focus.
    pub focus: Focus,
    /// Intensity.
    pub intensity: Intensity,
    /// Minutes, warm-up included.
    pub minutes: u32,
    /// Timing relative to the run.
    pub timing: Timing,
    /// Dynamic warm-up items (`warm-up`).
    pub warm_up: Vec<String>,
    /// Exercises in order.
    pub exercises: Vec<PrescribedExercise>,
    /// Why this session is here and dosed like this.
    pub why: Vec<Why>,
}

impl StrengthSession {
    /// The one reason that says why the session sits on its day: the placement rule of the
    /// runner's strategy ([`PLACEMENT_RULES`]), else its first reason.
    pub fn placement_reason(&self) -> Option<&Why> {
        PLACEMENT_RULES
            .iter()
            .find_map(|id| self.why.iter().find(|w| w.rule == *id))
            .or_else(|| self.why.first())
    }
}

/// One prescribed exercise.
///
/// In `keel.plan/1` its dose is flattened beside the other fields: `sets`, the readable
/// `reps` text (`"8-10 each side"`, `"20-30 s"`), `rir` where it applies and the typed
/// `amount` ([`Dose`]); `cue` (serialised only) is the library's coaching cue for its id.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PrescribedExercise {
    /// Library id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Sets, amount per set and reps in reserve.
    #[serde(flatten)]
    pub dose: Dose,
    /// Tempo, eccentric-pause-concentric seconds (`"3-1-1"`), or how to move for other kinds
    /// (`"hold"`, `"quick, springy contacts"`).
    pub tempo: String,
    /// Equipment used.
    pub equipment: Vec<Equipment>,
    /// Load guidance: kilograms from the log, or advice when there is no history.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load: Option<String>,
    /// Easier variant's id (regression), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub easier: Option<String>,
    /// Harder variant's id (progression), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub harder: Option<String>,
}

impl PrescribedExercise {
    /// The library entry, when the id is one of the library's.
    pub fn library(&self) -> Option<&'static crate::exercises::Exercise> {
        crate::exercises::find(&self.id)
    }

    /// The coaching cue: the one thing to get right (from the library, by id).
    pub fn cue(&self) -> Option<&'static str> {
        self.library().map(|e| e.cue)
    }

    /// Seconds of rest after one of its sets in a session of `intensity`, as the prescription
    /// budgets it ([`dosing::rest_seconds`](crate::prescription::dosing::rest_seconds)); a
    /// main lift's rest for an id outside the library.
    pub fn rest_seconds(&self, intensity: Intensity) -> u32 {
        use crate::prescription::dosing;
        match self.library() {
            Some(e) => dosing::rest_seconds(e, intensity),
            None => dosing::lift_rest_seconds(intensity),
        }
    }
}

/// `keel.plan/1` form of a prescribed exercise: its fields in order, then `cue`, which is
/// derived from the id so that it can never disagree with the library.
impl Serialize for PrescribedExercise {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            id: &'a str,
            name: &'a str,
            #[serde(flatten)]
            dose: &'a Dose,
            tempo: &'a str,
            equipment: &'a [Equipment],
            #[serde(skip_serializing_if = "Option::is_none")]
            load: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            easier: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            harder: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            cue: Option<&'static str>,
        }
        Out {
            id: &self.id,
            name: &self.name,
            dose: &self.dose,
            tempo: &self.tempo,
            equipment: &self.equipment,
            load: self.load.as_deref(),
            easier: self.easier.as_deref(),
            harder: self.harder.as_deref(),
            cue: self.cue(),
        }
        .serialize(serializer)
    }
}
