//! What the runner actually did: activities from watch files and apps, logged strength
//! sessions, and daily check-ins. Importers produce these; the store keeps them.

use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

crate::model::id_enum! {
    /// The sport of an imported activity.
    Sport {
        Run = "run", TrailRun = "trail-run", Treadmill = "treadmill", Walk = "walk", Ride = "ride",
        Swim = "swim", Strength = "strength", Other = "other",
    }
}

impl Sport {
    /// Whether this counts as running (run, trail run, treadmill).
    pub fn is_running(self) -> bool {
        matches!(self, Sport::Run | Sport::TrailRun | Sport::Treadmill)
    }
}

/// One sample of an activity's stream. Offsets are seconds from the activity's start.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Sample {
    /// Seconds since the activity's start.
    pub t: f64,
    /// Cumulative distance in metres.
    pub distance_m: Option<f64>,
    /// Heart rate, beats per minute.
    pub hr: Option<u16>,
    /// Speed, metres per second.
    pub speed_mps: Option<f64>,
    /// Altitude, metres.
    pub altitude_m: Option<f64>,
    /// Cadence, steps or revolutions per minute as the device reports it.
    pub cadence: Option<u16>,
    /// Power, watts.
    pub power_w: Option<u16>,
    /// Latitude, degrees.
    pub lat: Option<f64>,
    /// Longitude, degrees.
    pub lon: Option<f64>,
}

/// A lap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lap {
    /// Lap start (UTC).
    pub start: Timestamp,
    /// Elapsed seconds.
    pub elapsed_s: f64,
    /// Distance in metres, when known.
    pub distance_m: Option<f64>,
    /// Average heart rate.
    pub avg_hr: Option<u16>,
    /// Maximum heart rate.
    pub max_hr: Option<u16>,
}

/// An endurance activity (run, ride, …) as decoded from a file or logged by hand.
///
/// Invariants: `start` is UTC; `elapsed_s >= 0`; `samples` are in time order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    /// Where it came from: a file name, `manual`, or `strava:<file>`.
    pub source: String,
    /// Sport.
    pub sport: Sport,
    /// Name, when the file or export gives one.
    pub name: Option<String>,
    /// Start time, UTC.
    pub start: Timestamp,
    /// Elapsed seconds, start to end.
    pub elapsed_s: f64,
    /// Moving (timer) seconds, when known.
    pub moving_s: Option<f64>,
    /// Distance in metres, when known.
    pub distance_m: Option<f64>,
    /// Total ascent in metres, when known.
    pub elevation_gain_m: Option<f64>,
    /// Average heart rate.
    pub avg_hr: Option<u16>,
    /// Maximum heart rate.
    pub max_hr: Option<u16>,
    /// Average cadence.
    pub avg_cadence: Option<u16>,
    /// Average power, watts.
    pub avg_power_w: Option<u16>,
    /// Perceived exertion on the CR-10 scale, when logged or exported.
    pub rpe: Option<f64>,
    /// The run type, when known (manual log or inferred).
    pub run_type: Option<crate::model::RunType>,
    /// Per-record samples.
    pub samples: Vec<Sample>,
    /// Laps.
    pub laps: Vec<Lap>,
    /// When the file was damaged and only partly recovered: what was lost.
    pub partial: Option<String>,
}

crate::model::id_enum! {
    /// The type of a logged set.
    SetType { Warmup = "warm-up", Normal = "normal", Drop = "drop", Failure = "failure" }
}

/// One logged set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoggedSet {
    /// Exercise: a library id when recognised, else the name as imported.
    pub exercise: String,
    /// Order within the workout, from 1.
    pub order: u32,
    /// Load in kilograms (external load; `None` for bodyweight).
    pub weight_kg: Option<f64>,
    /// Reps completed.
    pub reps: Option<u32>,
    /// Rate of perceived exertion, when logged.
    pub rpe: Option<f64>,
    /// Reps in reserve, when logged (or derived from RPE).
    pub rir: Option<f64>,
    /// Set type.
    #[serde(rename = "type")]
    pub set_type: SetType,
    /// Seconds, for timed sets.
    pub duration_s: Option<f64>,
}

/// A logged strength workout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrengthWorkout {
    /// Where it came from: a file name or `manual`.
    pub source: String,
    /// Local date of the workout.
    pub date: Date,
    /// Start, when known (UTC).
    pub start: Option<Timestamp>,
    /// Workout name.
    pub name: String,
    /// Duration in seconds, when known.
    pub duration_s: Option<f64>,
    /// Session RPE, when known.
    pub rpe: Option<f64>,
    /// Notes.
    pub notes: Option<String>,
    /// Sets in order.
    pub sets: Vec<LoggedSet>,
}

/// A daily check-in. Every rated item is 1 to 5 with 5 the worst.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckIn {
    /// The day it is for.
    pub date: Date,
    /// Hours slept last night.
    pub sleep_h: Option<f64>,
    /// Sleep quality, 1 (great) to 5 (very poor).
    pub sleep_quality: Option<u8>,
    /// Fatigue, 1 (fresh) to 5 (exhausted).
    pub fatigue: Option<u8>,
    /// Leg soreness, 1 (none) to 5 (very sore).
    pub soreness_legs: Option<u8>,
    /// Upper-body soreness, 1 (none) to 5 (very sore).
    pub soreness_upper: Option<u8>,
    /// Mood, 1 (great) to 5 (very low).
    pub mood: Option<u8>,
    /// Stress, 1 (relaxed) to 5 (very stressed).
    pub stress: Option<u8>,
    /// Motivation, 1 (eager) to 5 (none).
    pub motivation: Option<u8>,
    /// Ill today.
    pub ill: bool,
    /// Free text.
    pub note: Option<String>,
}
