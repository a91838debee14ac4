//! Running the binary and filling a temporary training log.

use keel_core::activity::{Activity, LoggedSet, SetType, Sport, StrengthWorkout};
use keel_core::model::RunType;
use keel_store::{SqliteStore, Store};
use std::path::Path;
use std::process::Command;

/// What a run of the binary printed and returned.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `keel --data-dir DIR ARGS...` in UTC, with no inherited `KEEL_*` settings.
pub fn keel(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_keel"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("TZ", "UTC")
        .env_remove("KEEL_DATA_DIR")
        .output()
        .expect("run keel");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// Opens (creating) the log in `dir`, as the binary does.
pub fn store(dir: &Path) -> SqliteStore {
    SqliteStore::open(dir.join("keel.db")).expect("open store")
}

/// A profile with heart-rate anchors, so heart-rate-only runs get a TRIMP estimate.
pub const PROFILE: &str = r#"
[athlete]
name = "Alex"
age = 38
body_mass_kg = 62.0
experience = "intermediate"
equipment = ["bodyweight", "kettlebell", "dumbbell"]
movement_screen = "pass"
units = "km"
sex = "female"
hr_rest = 50
hr_max = 190

[preferences]
strategy = "stack"

[goal]
kind = "fitness"

[week]
mon = "easy 40min"
tue = "rest"
wed = "tempo 50min"
thu = "rest"
fri = "easy 30min"
sat = "long 90min"
sun = "rest"
"#;

/// A run on `date` at 07:00 UTC.
pub fn run(
    date: &str,
    run_type: Option<RunType>,
    minutes: f64,
    km: f64,
    rpe: Option<f64>,
    avg_hr: Option<u16>,
) -> Activity {
    Activity {
        source: "manual".into(),
        sport: Sport::Run,
        name: None,
        start: format!("{date}T07:00:00Z").parse().expect("timestamp"),
        elapsed_s: minutes * 60.0,
        moving_s: Some(minutes * 60.0),
        distance_m: Some(km * 1000.0),
        elevation_gain_m: None,
        avg_hr,
        max_hr: None,
        avg_cadence: None,
        avg_power_w: None,
        rpe,
        run_type,
        samples: vec![],
        laps: vec![],
        partial: None,
    }
}

/// A logged set.
pub fn set(exercise: &str, kg: f64, reps: u32, rir: Option<f64>, set_type: SetType) -> LoggedSet {
    LoggedSet {
        exercise: exercise.into(),
        order: 0,
        weight_kg: Some(kg),
        reps: Some(reps),
        rpe: None,
        rir,
        set_type,
        duration_s: None,
    }
}

/// A workout on `date`.
pub fn workout(
    date: &str,
    minutes: Option<f64>,
    rpe: Option<f64>,
    sets: Vec<LoggedSet>,
) -> StrengthWorkout {
    let sets = sets
        .into_iter()
        .enumerate()
        .map(|(i, mut s)| {
            s.order = i as u32 + 1;
            s
        })
        .collect();
    StrengthWorkout {
        source: "manual".into(),
        date: date.parse().expect("date"),
        start: None,
        name: "Lower".into(),
        duration_s: minutes.map(|m| m * 60.0),
        rpe,
        notes: None,
        sets,
    }
}

/// Eight weeks of training from Monday 2025-01-20 to Sunday 2025-03-16: easy runs with RPE
/// on Mondays, a tempo run known only by heart rate on Wednesdays, a Strava run on Fridays,
/// a long run with neither RPE nor heart rate on Saturdays (longer every week), and a lower-
/// body session on Tuesdays whose goblet squat climbs from 16 to 20 kg.
pub fn season(dir: &Path) {
    let mut s = store(dir);
    s.set_profile("profile.toml", PROFILE).expect("profile");
    let monday: jiff::civil::Date = "2025-01-20".parse().expect("date");
    for week in 0..8i64 {
        let day = |n: i64| {
            monday
                .saturating_add(jiff::Span::new().days(week * 7 + n))
                .to_string()
        };
        let acts = [
            run(
                &day(0),
                Some(RunType::Easy),
                40.0,
                8.0,
                Some(3.0),
                Some(135),
            ),
            run(&day(2), Some(RunType::Tempo), 50.0, 10.5, None, Some(165)),
            Activity {
                source: "strava:activities/1.fit".into(),
                ..run(&day(4), None, 30.0, 6.0, Some(4.0), None)
            },
            run(
                &day(5),
                Some(RunType::Long),
                80.0 + 5.0 * week as f64,
                15.0 + week as f64,
                None,
                None,
            ),
        ];
        for a in &acts {
            s.insert_activity(a, None).expect("activity");
        }
        let kg = if week < 4 { 16.0 } else { 20.0 };
        let reps = if week < 4 { 8 + week as u32 } else { 8 };
        let w = workout(
            &day(1),
            if week % 2 == 0 { Some(45.0) } else { None },
            if week % 2 == 0 { Some(6.0) } else { None },
            vec![
                set("goblet-squat", 8.0, 10, None, SetType::Warmup),
                set("goblet-squat", kg, reps, Some(2.0), SetType::Normal),
                set("goblet-squat", kg, reps, Some(2.0), SetType::Normal),
                set("goblet-squat", kg, reps, Some(1.0), SetType::Normal),
                set("romanian-deadlift", 24.0, 10, Some(2.0), SetType::Normal),
                set("romanian-deadlift", 24.0, 12, Some(2.0), SetType::Normal),
                set("step-up", 10.0, 12, Some(3.0), SetType::Normal),
            ],
        );
        s.insert_workout(&w).expect("workout");
    }
}
