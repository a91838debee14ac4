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

/// Two recordings whose starts are at most this far apart may be the same activity.
pub const DUPLICATE_START_WINDOW_S: i64 = 60;
/// ... and whose elapsed times differ by at most this fraction of the longer (or by at most
/// the start window, for activities too short for 5% to mean anything).
pub const DUPLICATE_DURATION_TOLERANCE: f64 = 0.05;

/// Whether `a` and `b` are the same activity recorded twice (the same run as FIT and GPX):
/// starts within [`DUPLICATE_START_WINDOW_S`] and [`same_duration`].
///
/// Symmetric; sport is not compared because formats disagree on it (a GPX often has none).
pub fn same_activity(a: &Activity, b: &Activity) -> bool {
    let dt_ms = (a.start.as_millisecond() - b.start.as_millisecond()).abs();
    dt_ms <= DUPLICATE_START_WINDOW_S * 1000 && same_duration(a.elapsed_s, b.elapsed_s)
}

/// Elapsed times (seconds) of one recording seen through two files: within 5% of the
/// longer, or within the start window for short activities (where 5% is only seconds and
/// files trim the ends differently). Symmetric.
pub fn same_duration(a_s: f64, b_s: f64) -> bool {
    let longer = a_s.max(b_s);
    let window = DUPLICATE_START_WINDOW_S as f64;
    (a_s - b_s).abs() <= (DUPLICATE_DURATION_TOLERANCE * longer).max(window.min(longer))
}

/// How much an activity carries, to keep the richer of two duplicates (higher wins).
///
/// A complete file beats a partial one whatever it holds; then the number of sample
/// values (each sample counts 1 plus its channels present); then summary fields and laps.
/// Never negative. The store persists this number with each activity and compares new
/// copies against it, so changing the formula needs a migration that recomputes it.
pub fn richness(a: &Activity) -> i64 {
    let values: i64 = a
        .samples
        .iter()
        .map(|s| {
            1 + [
                s.distance_m.is_some(),
                s.hr.is_some(),
                s.speed_mps.is_some(),
                s.altitude_m.is_some(),
                s.cadence.is_some(),
                s.power_w.is_some(),
                s.lat.is_some(),
                s.lon.is_some(),
            ]
            .iter()
            .filter(|&&b| b)
            .count() as i64
        })
        .sum();
    let summary = [
        a.moving_s.is_some(),
        a.distance_m.is_some(),
        a.elevation_gain_m.is_some(),
        a.avg_hr.is_some(),
        a.max_hr.is_some(),
        a.avg_cadence.is_some(),
        a.avg_power_w.is_some(),
    ]
    .iter()
    .filter(|&&b| b)
    .count() as i64;
    let complete = i64::from(a.partial.is_none());
    (complete << 52) + values.min(1 << 40) * 1024 + (summary + a.laps.len() as i64).min(1023)
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

impl CheckIn {
    /// A check-in for `date` with nothing rated and not ill: the start of a form or prompt.
    pub fn empty(date: Date) -> CheckIn {
        CheckIn {
            date,
            sleep_h: None,
            sleep_quality: None,
            fatigue: None,
            soreness_legs: None,
            soreness_upper: None,
            mood: None,
            stress: None,
            motivation: None,
            ill: false,
            note: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn act(start: &str, elapsed: f64, samples: usize, hr: bool) -> Activity {
        Activity {
            source: "x".into(),
            sport: Sport::Run,
            name: None,
            start: start.parse().expect("ts"),
            elapsed_s: elapsed,
            moving_s: None,
            distance_m: Some(10_000.0),
            elevation_gain_m: None,
            avg_hr: hr.then_some(150),
            max_hr: None,
            avg_cadence: None,
            avg_power_w: None,
            rpe: None,
            run_type: None,
            samples: (0..samples)
                .map(|i| Sample {
                    t: i as f64,
                    hr: hr.then_some(150),
                    ..Sample::default()
                })
                .collect(),
            laps: vec![],
            partial: None,
        }
    }

    #[test]
    fn same_run_as_fit_and_gpx() {
        let fit = act("2024-05-01T06:00:00Z", 3600.0, 3600, true);
        let gpx = act("2024-05-01T06:00:30Z", 3550.0, 3550, false);
        assert!(same_activity(&fit, &gpx) && same_activity(&gpx, &fit));
        assert!(
            richness(&fit) > richness(&gpx),
            "the FIT with heart rate wins"
        );
        let later = act("2024-05-01T06:02:00Z", 3600.0, 10, false);
        assert!(!same_activity(&fit, &later), "starts 2 minutes apart");
        let shorter = act("2024-05-01T06:00:10Z", 3000.0, 10, false);
        assert!(!same_activity(&fit, &shorter), "durations differ by 17 %");
        let mut damaged = fit.clone();
        damaged.partial = Some("cut".into());
        assert!(
            richness(&gpx) > richness(&damaged),
            "a complete file beats a damaged one"
        );
    }

    #[test]
    fn window_edges_are_inclusive() {
        let a = act("2024-05-01T06:00:00Z", 600.0, 0, false);
        let at_edge = act("2024-05-01T06:01:00Z", 600.0, 0, false);
        let past_edge = act("2024-05-01T06:01:00.001Z", 600.0, 0, false);
        assert!(same_activity(&a, &at_edge));
        assert!(!same_activity(&a, &past_edge));
        // Short activities: 5% of 100 s is 5 s, but the window allows up to 60 s.
        assert!(same_duration(100.0, 45.0) && !same_duration(100.0, 39.0));
        // Long ones: 5% of 4000 s is 200 s.
        assert!(same_duration(4000.0, 3800.0) && !same_duration(4000.0, 3799.0));
    }
}
