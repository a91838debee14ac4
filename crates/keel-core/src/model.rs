//! The vocabulary of the rule book: weekdays, run types, strength focus and intensity,
//! phases, equipment, and the validated athlete profile.
//!
//! Every enum here has a stable lowercase id (its serde name) that appears in files and
//! output; `FromStr` accepts exactly those ids so a parser can suggest the closest one.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Declares a fieldless enum with stable string ids, `as_str`, `ALL`, `Display` and `FromStr`.
macro_rules! id_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $id:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $id)] $var),+ }
        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            /// The stable id used in files and output.
            pub fn as_str(self) -> &'static str { match self { $($name::$var => $id),+ } }
            /// All ids, for error messages and suggestions.
            pub fn ids() -> Vec<&'static str> { Self::ALL.iter().map(|v| v.as_str()).collect() }
        }
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str(self.as_str()) }
        }
        impl ::std::str::FromStr for $name {
            type Err = $crate::model::UnknownId;
            fn from_str(s: &str) -> Result<Self, $crate::model::UnknownId> {
                match s { $($id => Ok($name::$var),)+ _ => Err($crate::model::UnknownId { kind: stringify!($name), given: s.to_string(), expected: Self::ids() }) }
            }
        }
    };
}
pub(crate) use id_enum;

/// A string that is not one of an enum's ids.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{given}`: expected one of {}", expected.join(", "))]
pub struct UnknownId {
    /// The enum's type name.
    pub kind: &'static str,
    /// What was given.
    pub given: String,
    /// Every valid id.
    pub expected: Vec<&'static str>,
}

id_enum! {
    /// A day of the week, Monday first (ISO 8601).
    Weekday { Mon = "mon", Tue = "tue", Wed = "wed", Thu = "thu", Fri = "fri", Sat = "sat", Sun = "sun" }
}

impl Weekday {
    /// 0 for Monday through 6 for Sunday.
    pub fn index(self) -> usize {
        self as usize
    }
    /// The weekday with index `i % 7`.
    pub fn from_index(i: usize) -> Weekday {
        Weekday::ALL[i % 7]
    }
    /// The weekday of a civil date.
    pub fn of(date: Date) -> Weekday {
        Weekday::from_index(date.weekday().to_monday_zero_offset() as usize)
    }
    /// English name, for prose.
    pub fn name(self) -> &'static str {
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][self.index()]
    }
}

id_enum! {
    /// The kind of a run (rule book vocabulary). `rest` marks a planned day off.
    RunType {
        Easy = "easy", Recovery = "recovery", Intervals = "intervals", Tempo = "tempo",
        Hills = "hills", Long = "long", Race = "race", Cross = "cross", Rest = "rest",
    }
}

impl RunType {
    /// Hard runs are intervals, tempo, hills, long and race: strength never compromises them.
    pub fn is_hard(self) -> bool {
        matches!(
            self,
            RunType::Intervals | RunType::Tempo | RunType::Hills | RunType::Long | RunType::Race
        )
    }
    /// Whether it is running (not cross-training or a rest marker).
    pub fn is_running(self) -> bool {
        !matches!(self, RunType::Cross | RunType::Rest)
    }
    /// Quality runs are the short hard sessions on which `stack-hard-days` prefers to lift.
    pub fn is_quality(self) -> bool {
        matches!(self, RunType::Intervals | RunType::Tempo | RunType::Hills)
    }
}

id_enum! {
    /// What a strength session trains.
    Focus { Lower = "lower", Upper = "upper", Full = "full", Core = "core", Mobility = "mobility" }
}

id_enum! {
    /// A muscle group a strength session loads (for `same-muscle-48h`).
    MuscleGroup { Legs = "legs", Upper = "upper", Core = "core" }
}

impl Focus {
    /// The muscle groups a session of this focus loads; mobility loads none.
    pub fn muscles(self) -> &'static [MuscleGroup] {
        match self {
            Focus::Lower => &[MuscleGroup::Legs],
            Focus::Upper => &[MuscleGroup::Upper],
            Focus::Full => &[MuscleGroup::Legs, MuscleGroup::Upper, MuscleGroup::Core],
            Focus::Core => &[MuscleGroup::Core],
            Focus::Mobility => &[],
        }
    }
    /// Whether this focus loads the legs (lower or full body).
    pub fn loads_legs(self) -> bool {
        matches!(self, Focus::Lower | Focus::Full)
    }
}

id_enum! {
    /// How hard a strength session is. "Heavy" is relative: challenging but sustainable.
    Intensity { Heavy = "heavy", Moderate = "moderate", Light = "light", Bodyweight = "bodyweight" }
}

id_enum! {
    /// A training phase.
    Phase {
        OffSeason = "off-season", Base = "base", Build = "build", Peak = "peak", Taper = "taper",
        Race = "race", Recovery = "recovery", Fitness = "fitness",
    }
}

id_enum! {
    /// Training experience.
    Experience { Beginner = "beginner", Intermediate = "intermediate", Advanced = "advanced" }
}

id_enum! {
    /// Equipment the athlete has access to.
    Equipment {
        Bodyweight = "bodyweight", Kettlebell = "kettlebell", Dumbbell = "dumbbell", Barbell = "barbell",
        Bench = "bench", Band = "band", Machine = "machine",
    }
}

id_enum! {
    /// Result of the movement screen: bodyweight squat, lunge and hip hinge through full range.
    MovementScreen { Pass = "pass", Fail = "fail" }
}

id_enum! {
    /// Distance units the athlete reads.
    Units { Km = "km", Mi = "mi" }
}

id_enum! {
    /// Placement strategy (the sources disagree; the user chooses).
    Strategy { Stack = "stack", Easy = "easy" }
}

id_enum! {
    /// Biological sex, optional: only used to pick the Banister TRIMP weighting.
    Sex { Female = "female", Male = "male" }
}

id_enum! {
    /// Race distances keel knows.
    RaceDistance { K5 = "5k", K10 = "10k", Half = "half-marathon", Marathon = "marathon", Ultra = "ultra" }
}

impl RaceDistance {
    /// The race distance in kilometres (ultra: 50 km as a default).
    pub fn km(self) -> f64 {
        match self {
            RaceDistance::K5 => 5.0,
            RaceDistance::K10 => 10.0,
            RaceDistance::Half => 21.0975,
            RaceDistance::Marathon => 42.195,
            RaceDistance::Ultra => 50.0,
        }
    }
}

id_enum! {
    /// How much training a day holds.
    DayLoad {
        /// Nothing planned.
        Rest = "rest",
        /// Under 45 minutes of training, or only mobility.
        Light = "light",
        /// About an hour: 45 to 89 minutes.
        Moderate = "moderate",
        /// 90 minutes to 4 hours.
        High = "high",
        /// More than 4 hours (an ultra, a very long day).
        VeryHigh = "very-high",
    }
}

/// Kilometres in one mile.
pub const KM_PER_MILE: f64 = 1.609_344;

/// How much running a run holds: a duration, a distance, or both.
///
/// Invariant: at least one of `minutes` and `km` is set, except for `rest`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RunSpec {
    /// The kind of run.
    #[serde(rename = "type")]
    pub run_type: RunType,
    /// Planned minutes, when given as a duration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minutes: Option<f64>,
    /// Planned kilometres, when given as a distance (miles are converted on input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub km: Option<f64>,
}

/// A strength session written by the runner in a week to check.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StrengthSpec {
    /// Focus of the session.
    pub focus: Focus,
    /// Intensity; `None` when the runner did not say (treated as moderate).
    pub intensity: Option<Intensity>,
    /// Minutes, when given.
    pub minutes: Option<f64>,
    /// Done at least 6 h apart from the day's runs (two sessions a day), written `separate`,
    /// `am` or `pm` in a week file: `run-then-lift` then accepts it before a light run, never
    /// before a hard one.
    #[serde(default)]
    pub separate: bool,
}

/// One entry of a day, in the order it happens.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum DayEntry {
    /// A run (or cross-training, or an explicit `rest`).
    Run(RunSpec),
    /// A strength session.
    Strength(StrengthSpec),
}

/// A week as the runner wrote it: seven days, Monday first, each a list of entries in order.
///
/// An empty day, or a day holding only `rest`, is a rest day.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WeekSpec {
    /// Entries per weekday, index 0 = Monday.
    pub days: [Vec<DayEntry>; 7],
    /// Days written `strength` alone: no run, free for strength (see [`Profile::strength_days`]).
    #[serde(default)]
    pub strength_days: [bool; 7],
}

/// One override of a single week of the season (`[[weeks]]` in the profile).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekOverride {
    /// 1-based index of the week in the plan.
    pub week: u32,
    /// Replacement runs for the days given; `None` keeps the template's day.
    pub days: [Option<Vec<RunSpec>>; 7],
}

/// The athlete.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Athlete {
    /// Display name.
    pub name: String,
    /// Age in years.
    pub age: u32,
    /// Body mass in kilograms (for protein and carbohydrate guidance).
    pub body_mass_kg: f64,
    /// Training experience.
    pub experience: Experience,
    /// Available equipment; `bodyweight` is always implied.
    pub equipment: Vec<Equipment>,
    /// Movement screen result.
    pub movement_screen: MovementScreen,
    /// Units for display.
    pub units: Units,
    /// Optional sex, for Banister TRIMP.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Resting heart rate, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hr_rest: Option<u32>,
    /// Maximum heart rate, when known (else estimated from age).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hr_max: Option<u32>,
    /// Library ids of exercises never to prescribe (`[exercises].avoid`): the planner, the
    /// adaptation's simpler variants and swaps all leave them out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid: Vec<String>,
}

impl Athlete {
    /// Whether the athlete can use this equipment (bodyweight always).
    pub fn has(&self, e: Equipment) -> bool {
        e == Equipment::Bodyweight || self.equipment.contains(&e)
    }
    /// Whether the runner asked never to be given this exercise (`[exercises].avoid`).
    pub fn avoids(&self, id: &str) -> bool {
        self.avoid.iter().any(|a| a == id)
    }
}

/// The season's goal.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Goal {
    /// A race on a date.
    Race {
        /// Race distance.
        race: RaceDistance,
        /// Race day.
        date: Date,
    },
    /// General fitness, no race.
    Fitness,
    /// Off-season strength emphasis, no race.
    OffSeason,
}

/// Preferences that steer the planner.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Preferences {
    /// Placement strategy.
    pub strategy: Strategy,
    /// Preferred strength session length in minutes, when set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_minutes: Option<u32>,
    /// A weakness is being corrected: allows 3 base-phase sessions (`frequency-by-phase`).
    #[serde(default)]
    pub correcting_weakness: bool,
}

/// Optional times of day for calendar export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    /// Local time of the run, `HH:MM`.
    pub run_time: Option<jiff::civil::Time>,
    /// Local time of a separate strength session, `HH:MM`.
    pub strength_time: Option<jiff::civil::Time>,
    /// IANA time zone name.
    pub time_zone: Option<String>,
}

/// A validated profile: everything the planner needs, already typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// The athlete.
    pub athlete: Athlete,
    /// Preferences.
    pub preferences: Preferences,
    /// The goal.
    pub goal: Goal,
    /// First day of the plan (a Monday after validation), when given.
    pub start: Option<Date>,
    /// The usual running week (no strength entries).
    pub week: [Vec<RunSpec>; 7],
    /// Days of the usual week without a run that the runner keeps for strength
    /// (`wed = "strength"`): the planner may place a session there, as long as the week
    /// keeps a true rest day (`rest-day`). Always false on a day with a run.
    #[serde(default)]
    pub strength_days: [bool; 7],
    /// Weekly running distance in km, when given (else derived).
    pub weekly_km: Option<f64>,
    /// Single-week overrides.
    pub overrides: Vec<WeekOverride>,
    /// Times of day for calendar export.
    pub schedule: Option<Schedule>,
    /// Extra exercise-name mappings for imports (`"Squat (Barbell)" = "back-squat"`).
    #[serde(default)]
    pub exercise_aliases: Vec<(String, String)>,
}
