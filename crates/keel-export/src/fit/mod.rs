//! FIT workout files: a planned session as a workout a Garmin watch (or any FIT device)
//! can follow, one step per set.
//!
//! The input is a small typed [`Workout`] of this module's own (keel-app builds it from a
//! planned session); [`write_workout`] writes it to any `impl Write`. The file holds, in
//! order: `file_id` (type workout), `file_creator`, `workout` (sport training, sub-sport
//! strength training, name, step count) and one `workout_step` per step.
//!
//! Invariants: the same input gives the same bytes (`time_created` comes from the workout's
//! date, never the clock); the header and file CRCs are right; every step index is below
//! `num_valid_steps`; a step with a FIT exercise carries both its category and its name.

mod encode;
mod exercises;

use std::io::Write;

use jiff::civil::Date;

pub use encode::{crc16, PROFILE_VERSION};
pub use exercises::{exercise_for, profile_exercise, ProfileExercise, EXERCISES};

use encode::{Encoder, Field, Message};

/// FIT global message numbers written here.
pub mod mesg {
    /// `file_id`.
    pub const FILE_ID: u16 = 0;
    /// `workout`.
    pub const WORKOUT: u16 = 26;
    /// `workout_step`.
    pub const WORKOUT_STEP: u16 = 27;
    /// `file_creator`.
    pub const FILE_CREATOR: u16 = 49;
}

/// FIT `file` type of a workout file.
pub const FILE_WORKOUT: u8 = 5;
/// FIT `manufacturer` for software without a manufacturer id of its own.
pub const MANUFACTURER_DEVELOPMENT: u16 = 255;
/// FIT `wkt_step_duration` values used here.
pub mod duration {
    /// Seconds (the value is in milliseconds).
    pub const TIME: u8 = 0;
    /// Until the lap button is pressed.
    pub const OPEN: u8 = 5;
    /// A number of repetitions.
    pub const REPS: u8 = 29;
}
/// FIT `intensity` values used here.
pub mod intensity {
    /// Work.
    pub const ACTIVE: u8 = 0;
    /// Rest between sets.
    pub const REST: u8 = 1;
    /// Warm-up.
    pub const WARMUP: u8 = 2;
}
/// FIT `wkt_step_target` open: no target to hold.
pub const TARGET_OPEN: u8 = 2;
/// Seconds from the Unix epoch to the FIT epoch (1989-12-31T00:00:00Z).
pub const FIT_EPOCH_UNIX: i64 = 631_065_600;
/// Longest workout and step name written, in bytes (watches show far fewer characters).
pub const MAX_NAME_BYTES: usize = 64;
/// Most steps a workout may hold (FIT step indexes are 16-bit).
pub const MAX_STEPS: usize = 10_000;
/// Heaviest weight FIT can carry (hundredths of a kilogram in 16 bits).
pub const MAX_WEIGHT_KG: f64 = 655.34;

/// A workout to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Workout {
    /// Shown in the watch's list of workouts.
    pub name: String,
    /// What kind of workout it is.
    pub sport: Sport,
    /// The day it is planned for: `time_created` is 00:00 UTC that day.
    pub date: Date,
    /// The steps in order.
    pub steps: Vec<Step>,
}

/// The workout's FIT sport and sub-sport.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sport {
    /// Sport `training`, sub-sport `strength_training`: the watch's strength activity.
    StrengthTraining,
}

impl Sport {
    /// (FIT `sport`, FIT `sub_sport`).
    pub fn fit(self) -> (u8, u8) {
        match self {
            Sport::StrengthTraining => (10, 20),
        }
    }
}

/// One step of a workout.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A warm-up, done until the lap button; `notes` says what to do.
    WarmUp {
        /// What the warm-up is.
        notes: String,
    },
    /// One set of an exercise.
    Set(SetStep),
    /// Rest between sets.
    Rest {
        /// How long, seconds (at least 1).
        seconds: u32,
    },
}

/// One set of an exercise.
#[derive(Debug, Clone, PartialEq)]
pub struct SetStep {
    /// The exercise's name (the step name when the watch has no FIT exercise to show).
    pub name: String,
    /// The FIT exercise, when the profile has one.
    pub exercise: Option<FitExercise>,
    /// How much.
    pub dose: Dose,
    /// The load, when known.
    pub weight: Option<Weight>,
    /// Notes shown with the step: the prescription in words.
    pub notes: String,
}

/// A FIT exercise: `exercise_category` and that category's `exercise_name` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FitExercise {
    /// FIT `exercise_category`.
    pub category: u16,
    /// The category's `*_exercise_name` value.
    pub name: u16,
}

/// How much a set holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dose {
    /// A number of repetitions (each side when `per_side`).
    Reps {
        /// Repetitions, at least 1.
        count: u32,
        /// Done on each side in turn.
        per_side: bool,
    },
    /// A hold (each side when `per_side`).
    Hold {
        /// Seconds, at least 1.
        seconds: u32,
        /// Held on each side in turn: the step lasts twice as long.
        per_side: bool,
    },
    /// Until the lap button (a dose the watch cannot count).
    Open,
}

/// A load.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weight {
    /// Kilograms, above 0 and at most [`MAX_WEIGHT_KG`].
    pub kg: f64,
    /// The unit the watch shows it in.
    pub shown_in: WeightUnit,
}

/// The unit a weight is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeightUnit {
    /// Kilograms.
    Kilograms,
    /// Pounds.
    Pounds,
}

/// Why a workout cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum FitError {
    /// FIT dates run from mid-1998 (earlier values mean time since power-on) to 2126.
    #[error("{date} cannot be written as a FIT time (expected a date from 1999 to 2125)")]
    Date {
        /// The workout's date.
        date: Date,
    },
    /// A workout needs at least one step.
    #[error("workout `{name}` has no steps")]
    NoSteps {
        /// The workout's name.
        name: String,
    },
    /// Too many steps.
    #[error("workout `{name}` has {count} steps; at most {MAX_STEPS} can be written")]
    TooManySteps {
        /// The workout's name.
        name: String,
        /// How many it has.
        count: usize,
    },
    /// A step's value cannot be written.
    #[error("step {index} of workout `{name}`: {message}")]
    Step {
        /// The workout's name.
        name: String,
        /// 0-based step index.
        index: usize,
        /// What was expected.
        message: String,
    },
    /// Writing failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Writes `w` as a FIT workout file to `out`.
pub fn write_workout(w: &Workout, mut out: impl Write) -> Result<(), FitError> {
    out.write_all(&encode_workout(w)?)?;
    Ok(())
}

/// The FIT workout file of `w`, in memory.
pub fn encode_workout(w: &Workout) -> Result<Vec<u8>, FitError> {
    let created = fit_time(w.date)?;
    if w.steps.is_empty() {
        return Err(FitError::NoSteps {
            name: w.name.clone(),
        });
    }
    if w.steps.len() > MAX_STEPS {
        return Err(FitError::TooManySteps {
            name: w.name.clone(),
            count: w.steps.len(),
        });
    }
    let mut e = Encoder::default();
    let name = display_name(&w.name);
    let mut file_id = vec![
        Field::enumeration(0, FILE_WORKOUT),
        Field::uint16(1, MANUFACTURER_DEVELOPMENT),
        Field::uint16(2, 0),
        Field::uint32z(3, serial(&name, created)),
        Field::uint32(4, created),
    ];
    file_id.extend(Field::string(8, "keel", MAX_NAME_BYTES));
    e.write(&Message {
        global: mesg::FILE_ID,
        local: 0,
        fields: file_id,
    });
    e.write(&Message {
        global: mesg::FILE_CREATOR,
        local: 1,
        fields: vec![Field::uint16(0, software_version())],
    });
    let (sport, sub_sport) = w.sport.fit();
    let mut workout = vec![
        Field::enumeration(4, sport),
        Field::uint16(6, w.steps.len() as u16),
        Field::enumeration(11, sub_sport),
    ];
    workout.extend(Field::string(8, &name, MAX_NAME_BYTES));
    e.write(&Message {
        global: mesg::WORKOUT,
        local: 2,
        fields: workout,
    });
    for (index, step) in w.steps.iter().enumerate() {
        let fields = step_fields(index as u16, step).map_err(|message| FitError::Step {
            name: w.name.clone(),
            index,
            message,
        })?;
        e.write(&Message {
            global: mesg::WORKOUT_STEP,
            local: 3,
            fields,
        });
    }
    Ok(e.finish())
}

/// The workout name as written: "Workout" when empty.
fn display_name(name: &str) -> String {
    let n = name.trim();
    if n.chars().all(|c| c == '\0' || c.is_whitespace()) {
        "Workout".to_string()
    } else {
        n.to_string()
    }
}

fn step_fields(index: u16, step: &Step) -> Result<Vec<Field>, String> {
    let mut f = vec![Field::uint16(254, index)];
    match step {
        Step::WarmUp { notes } => {
            f.extend(Field::string(0, "Warm-up", MAX_NAME_BYTES));
            f.push(Field::enumeration(1, duration::OPEN));
            f.push(Field::enumeration(3, TARGET_OPEN));
            f.push(Field::uint32(4, 0));
            f.push(Field::enumeration(7, intensity::WARMUP));
            f.extend(Field::string(8, notes, encode::MAX_STRING_BYTES));
        }
        Step::Rest { seconds } => {
            if *seconds == 0 {
                return Err("a rest of 0 s (expected at least 1 s)".into());
            }
            f.extend(Field::string(0, "Rest", MAX_NAME_BYTES));
            f.push(Field::enumeration(1, duration::TIME));
            f.push(Field::uint32(2, millis(*seconds)?));
            f.push(Field::enumeration(3, TARGET_OPEN));
            f.push(Field::uint32(4, 0));
            f.push(Field::enumeration(7, intensity::REST));
        }
        Step::Set(s) => set_fields(&mut f, s)?,
    }
    Ok(f)
}

fn set_fields(f: &mut Vec<Field>, s: &SetStep) -> Result<(), String> {
    let suffix = match s.dose {
        Dose::Reps { per_side: true, .. } => " (each side)",
        Dose::Hold { per_side: true, .. } => " (switch sides halfway)",
        _ => "",
    };
    let name = encode::truncate(s.name.trim(), MAX_NAME_BYTES.saturating_sub(suffix.len()));
    f.extend(Field::string(0, &format!("{name}{suffix}"), MAX_NAME_BYTES));
    match s.dose {
        Dose::Reps { count: 0, .. } => return Err("0 reps (expected at least 1)".into()),
        Dose::Hold { seconds: 0, .. } => return Err("a hold of 0 s (expected at least 1 s)".into()),
        Dose::Reps { count, .. } => {
            f.push(Field::enumeration(1, duration::REPS));
            f.push(Field::uint32(2, count));
        }
        Dose::Hold { seconds, per_side } => {
            let total = if per_side {
                seconds.checked_mul(2).ok_or("a hold too long to write")?
            } else {
                seconds
            };
            f.push(Field::enumeration(1, duration::TIME));
            f.push(Field::uint32(2, millis(total)?));
        }
        Dose::Open => f.push(Field::enumeration(1, duration::OPEN)),
    }
    f.push(Field::enumeration(3, TARGET_OPEN));
    f.push(Field::uint32(4, 0));
    f.push(Field::enumeration(7, intensity::ACTIVE));
    f.extend(Field::string(8, &s.notes, encode::MAX_STRING_BYTES));
    if let Some(x) = s.exercise {
        f.push(Field::uint16(10, x.category));
        f.push(Field::uint16(11, x.name));
    }
    if let Some(w) = s.weight {
        if !(w.kg.is_finite() && w.kg > 0.0 && w.kg <= MAX_WEIGHT_KG) {
            return Err(format!(
                "a weight of {} kg (expected more than 0 and at most {MAX_WEIGHT_KG} kg)",
                w.kg
            ));
        }
        f.push(Field::uint16(12, (w.kg * 100.0).round() as u16));
        let unit = match w.shown_in {
            WeightUnit::Kilograms => 1,
            WeightUnit::Pounds => 2,
        };
        f.push(Field::uint16(13, unit));
    }
    Ok(())
}

/// Seconds as FIT milliseconds.
fn millis(seconds: u32) -> Result<u32, String> {
    seconds
        .checked_mul(1000)
        .ok_or_else(|| format!("{seconds} s is too long to write (at most 4294967 s)"))
}

/// 00:00 UTC on `date` in FIT seconds.
pub fn fit_time(date: Date) -> Result<u32, FitError> {
    let unix = date
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map_err(|_| FitError::Date { date })?
        .timestamp()
        .as_second();
    u32::try_from(unix - FIT_EPOCH_UNIX)
        .ok()
        // Smaller values are read as seconds since the device started; all ones is invalid.
        .filter(|t| (0x1000_0000..u32::MAX).contains(t))
        .ok_or(FitError::Date { date })
}

/// A serial number for `file_id` derived from the name and date (FNV-1a), never 0 (the
/// invalid value of its type): the watch tells workout files apart by it and the time.
fn serial(name: &str, created: u32) -> u32 {
    let mut h: u32 = 0x811C_9DC5;
    for b in name.bytes().chain(created.to_le_bytes()) {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h.max(1)
}

/// keel's version as a FIT software version: `major * 100 + minor` (0.1.x is 1, 1.2.x is
/// 102), so later versions always compare higher.
fn software_version() -> u16 {
    let mut parts = env!("CARGO_PKG_VERSION")
        .split('.')
        .map(|p| p.parse::<u16>().unwrap_or(0));
    let major = parts.next().unwrap_or(0);
    let minor = parts.next().unwrap_or(0);
    major.saturating_mul(100).saturating_add(minor.min(99))
}
