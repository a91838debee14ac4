//! Builders for the tests of load, readiness and progression: literal activities, workouts,
//! check-ins and an athlete, with every field not under test at a neutral value.

// Shared by several test modules; not each uses every builder.
#![allow(dead_code)]

use crate::activity::{Activity, CheckIn, LoggedSet, SetType, Sport, StrengthWorkout};
use crate::model::{Athlete, Experience, MovementScreen, RunType, Sex, Units};
use jiff::civil::Date;
use jiff::Timestamp;

/// A civil date from a literal like "2025-03-03".
pub fn d(s: &str) -> Date {
    s.parse().expect("test date")
}

/// A UTC timestamp from a literal like "2025-03-03T07:00:00Z".
pub fn ts(s: &str) -> Timestamp {
    s.parse().expect("test timestamp")
}

/// A 40-year-old male athlete with the given heart-rate anchors.
pub fn athlete(hr_rest: Option<u32>, hr_max: Option<u32>, sex: Option<Sex>) -> Athlete {
    Athlete {
        name: "Test".into(),
        age: 40,
        body_mass_kg: 70.0,
        experience: Experience::Intermediate,
        equipment: vec![],
        movement_screen: MovementScreen::Pass,
        units: Units::Km,
        sex,
        hr_rest,
        hr_max,
        avoid: vec![],
    }
}

/// A manual run: start, minutes, optional km, RPE and run type, no heart rate.
pub fn run(start: &str, minutes: f64, km: Option<f64>, rpe: Option<f64>) -> Activity {
    Activity {
        source: "manual".into(),
        sport: Sport::Run,
        name: None,
        start: ts(start),
        elapsed_s: minutes * 60.0,
        moving_s: None,
        distance_m: km.map(|k| k * 1000.0),
        elevation_gain_m: None,
        avg_hr: None,
        max_hr: None,
        avg_cadence: None,
        avg_power_w: None,
        rpe,
        run_type: None,
        samples: vec![],
        laps: vec![],
        partial: None,
    }
}

/// The same run with a run type.
pub fn typed(mut a: Activity, t: RunType) -> Activity {
    a.run_type = Some(t);
    a
}

/// The same run with an average heart rate.
pub fn with_hr(mut a: Activity, hr: u16) -> Activity {
    a.avg_hr = Some(hr);
    a
}

/// A working set.
pub fn set(exercise: &str, weight: Option<f64>, reps: u32, rir: Option<f64>) -> LoggedSet {
    LoggedSet {
        exercise: exercise.into(),
        order: 1,
        weight_kg: weight,
        reps: Some(reps),
        rpe: None,
        rir,
        set_type: SetType::Normal,
        duration_s: None,
    }
}

/// A set of another type.
pub fn typed_set(mut s: LoggedSet, t: SetType) -> LoggedSet {
    s.set_type = t;
    s
}

/// A logged workout on a date.
pub fn workout(
    date: &str,
    duration_min: Option<f64>,
    rpe: Option<f64>,
    sets: Vec<LoggedSet>,
) -> StrengthWorkout {
    let mut sets = sets;
    for (i, s) in sets.iter_mut().enumerate() {
        s.order = i as u32 + 1;
    }
    StrengthWorkout {
        source: "manual".into(),
        date: d(date),
        start: None,
        name: "Workout".into(),
        duration_s: duration_min.map(|m| m * 60.0),
        rpe,
        notes: None,
        sets,
    }
}

/// An empty check-in (nothing rated) for a date.
pub fn checkin(date: &str) -> CheckIn {
    CheckIn::empty(d(date))
}
