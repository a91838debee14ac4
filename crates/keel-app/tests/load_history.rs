//! `keel load`'s history before the shown weeks, kept in the store at a data version: the
//! series from it is the series from the whole log, it is read back while nothing changed,
//! and any write, another time zone or another heart-rate profile computes it again.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::civil::{date, Date};
use jiff::tz::TimeZone;
use jiff::ToSpan;
use keel_app::load::{read_log, series, series_of};
use keel_core::activity::{Activity, LoggedSet, SetType, Sport, StrengthWorkout};
use keel_core::load::{History, LoadSeries};
use keel_core::model::Profile;
use keel_store::{SqliteStore, Store};

const TO: Date = date(2025, 6, 18);
const WEEKS: u32 = 8;

fn profile(hr_rest: u32) -> Profile {
    let toml = include_str!("../../../examples/half-marathon.toml");
    let mut p = keel_profile::parse_profile("half-marathon.toml", toml).unwrap();
    p.athlete.hr_rest = Some(hr_rest);
    p.athlete.hr_max = Some(190);
    p
}

fn run(day: Date, tz: &TimeZone, minutes: i64, hr: Option<u16>, rpe: Option<f64>) -> Activity {
    Activity {
        source: format!("run-{day}.fit"),
        sport: Sport::Run,
        name: Some(format!("Run {day}")),
        start: day
            .at(7, 30, 0, 0)
            .to_zoned(tz.clone())
            .unwrap()
            .timestamp(),
        elapsed_s: (minutes * 60) as f64,
        moving_s: None,
        distance_m: Some(minutes as f64 * 180.0),
        elevation_gain_m: None,
        avg_hr: hr,
        max_hr: None,
        avg_cadence: None,
        avg_power_w: None,
        rpe,
        run_type: None,
        samples: Vec::new(),
        laps: Vec::new(),
        partial: None,
    }
}

fn lift(day: Date) -> StrengthWorkout {
    StrengthWorkout {
        source: "strong.csv".into(),
        date: day,
        start: None,
        name: "Legs".into(),
        duration_s: None,
        rpe: Some(7.0),
        notes: None,
        sets: (1..=4)
            .map(|i| LoggedSet {
                exercise: "back-squat".into(),
                order: i,
                weight_kg: Some(60.0),
                reps: Some(5),
                rpe: None,
                rir: Some(2.0),
                set_type: SetType::Normal,
                duration_s: None,
            })
            .collect(),
    }
}

/// A log of 300 days up to `TO`: runs most days (some with heart rate, some with RPE),
/// lifts twice a week.
fn store(tz: &TimeZone) -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = SqliteStore::open(dir.path().join("keel.db")).unwrap();
    for back in 0..300i64 {
        let day = TO.saturating_sub(back.days());
        if back % 7 != 3 {
            let hr = (back % 2 == 0).then_some(130 + (back % 30) as u16);
            let rpe = (back % 5 == 0).then_some(6.0);
            s.insert_activity(&run(day, tz, 30 + back % 50, hr, rpe), None)
                .unwrap();
        }
        if back % 7 == 1 || back % 7 == 4 {
            s.insert_workout(&lift(day)).unwrap();
        }
    }
    (dir, s)
}

/// The series from the whole log read at once, the reference.
fn whole(s: &SqliteStore, p: &Profile, tz: &TimeZone) -> LoadSeries {
    series_of(&read_log(s, tz, TO).unwrap(), Some(p), tz, TO, WEEKS)
}

/// Overwrites the kept history with one whose every day is 1000 heavier, at the version
/// it was kept at: a series computed from it shows.
fn tamper(s: &SqliteStore) {
    let (version, body) = s.kept("load-history").unwrap().expect("a kept history");
    let at = body.windows(4).position(|w| w == b"KLH1").unwrap();
    let mut h = History::from_bytes(&body[at..]).unwrap();
    for v in &mut h.daily {
        *v += 1000.0;
    }
    let mut forged = body[..at].to_vec();
    forged.extend_from_slice(&h.to_bytes());
    s.keep("load-history", version, &forged).unwrap();
}

#[test]
fn the_kept_history_gives_the_series_of_the_whole_log_until_something_changes() {
    let tz = TimeZone::get("Europe/Berlin").unwrap();
    let (_dir, mut s) = store(&tz);
    let p = profile(50);
    let reference = whole(&s, &p, &tz);
    assert!(
        reference.first_data.unwrap() < reference.from,
        "history before the window"
    );

    // Computed from the log, kept, and the same to the bit.
    assert_eq!(s.kept("load-history").unwrap(), None);
    assert_eq!(
        series(Some(&s), Some(&p), &tz, TO, WEEKS).unwrap(),
        reference
    );
    assert!(s.kept("load-history").unwrap().is_some());
    assert_eq!(
        series(Some(&s), Some(&p), &tz, TO, WEEKS).unwrap(),
        reference
    );

    // Read back while nothing changed: a forged history shows in the fitness.
    tamper(&s);
    let forged = series(Some(&s), Some(&p), &tz, TO, WEEKS).unwrap();
    assert_ne!(forged, reference);
    assert_eq!(
        forged.weeks, reference.weeks,
        "the shown weeks' own loads are read"
    );

    // Another heart-rate profile: computed again.
    let other = profile(60);
    assert_eq!(
        series(Some(&s), Some(&other), &tz, TO, WEEKS).unwrap(),
        whole(&s, &other, &tz)
    );

    // Another time zone: computed again.
    tamper(&s);
    let utc = TimeZone::get("UTC").unwrap();
    assert_eq!(
        series(Some(&s), Some(&p), &utc, TO, WEEKS).unwrap(),
        whole(&s, &p, &utc)
    );

    // Any write (a run a year ago): computed again, with the new run.
    tamper(&s);
    let old = run(TO.saturating_sub(200.days()), &tz, 180, None, Some(9.0));
    s.insert_activity(&old, None).unwrap();
    let after = whole(&s, &p, &tz);
    assert_ne!(after, reference);
    assert_eq!(series(Some(&s), Some(&p), &tz, TO, WEEKS).unwrap(), after);

    // Another window: computed again for its Monday.
    tamper(&s);
    let earlier = TO.saturating_sub(30.days());
    assert_eq!(
        series(Some(&s), Some(&p), &tz, earlier, WEEKS).unwrap(),
        series_of(
            &read_log(&s, &tz, earlier).unwrap(),
            Some(&p),
            &tz,
            earlier,
            WEEKS
        )
    );
}

#[test]
fn a_zone_without_a_name_is_computed_every_time_and_not_kept() {
    let tz = TimeZone::fixed(jiff::tz::offset(2));
    let (_dir, s) = store(&tz);
    let p = profile(50);
    assert_eq!(
        series(Some(&s), Some(&p), &tz, TO, WEEKS).unwrap(),
        whole(&s, &p, &tz)
    );
    assert_eq!(s.kept("load-history").unwrap(), None);
}
