//! A coach's dashboard row, from a real store: the signals and adjustments `keel today`
//! would show, strength done against planned, the next race.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::civil::{date, Date};
use jiff::tz::TimeZone;
use keel_app::clock::Clock;
use keel_app::dashboard::row;
use keel_app::plan::{plan_in_force, ProfileSource};
use keel_core::activity::{CheckIn, LoggedSet, SetType, StrengthWorkout};
use keel_core::marks::MarkStatus;
use keel_core::model::Focus;
use keel_core::plan::Session;
use keel_store::{SqliteStore, Store};

fn half_marathon() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/half-marathon.toml"
    );
    std::fs::read_to_string(path).unwrap()
}

fn checkin(d: Date, legs: u8) -> CheckIn {
    CheckIn {
        date: d,
        sleep_h: None,
        sleep_quality: None,
        fatigue: None,
        soreness_legs: Some(legs),
        soreness_upper: None,
        mood: None,
        stress: None,
        motivation: None,
        ill: false,
        note: None,
    }
}

fn workout(d: Date, exercise: &str) -> StrengthWorkout {
    StrengthWorkout {
        source: "manual".into(),
        date: d,
        start: None,
        name: "strength".into(),
        duration_s: None,
        rpe: Some(7.0),
        notes: None,
        sets: vec![LoggedSet {
            exercise: exercise.into(),
            order: 1,
            weight_kg: Some(16.0),
            reps: Some(10),
            rpe: None,
            rir: None,
            set_type: SetType::Normal,
            duration_s: None,
        }],
    }
}

#[test]
fn a_row_shows_signals_adjustments_strength_done_and_the_next_race() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path().join("keel.db")).unwrap();
    // Wednesday of the season's second week.
    let today = date(2027, 1, 13);
    let clock = Clock::fixed(today, TimeZone::UTC);

    let r = row(&store, &clock).unwrap();
    assert_eq!(r.problem.as_deref(), Some("no profile"));
    assert_eq!(r.today, Some(today));

    store
        .set_profile("half-marathon.toml", &half_marathon())
        .unwrap();
    let r = row(&store, &clock).unwrap();
    assert_eq!(r.problem, None);
    assert!(r.signals.is_empty(), "{:?}", r.signals);
    assert!(r.adjustments.is_empty());
    assert!(!r.back_off);
    assert_eq!(
        r.next_race,
        Some((date(2027, 4, 25), "half-marathon".into()))
    );
    assert_eq!(r.last_checkin, None);
    assert_eq!(r.days_since_checkin(), None);
    assert!(r.week_planned >= 1, "{r:?}");
    assert_eq!((r.week_done, r.month_done), (0, 0));

    // keel-app's compliance: a workout of the session's own exercises on its day is done
    // (matched by itself); a workout on a day without planned strength is not.
    let p = plan_in_force(
        Some(&store),
        &ProfileSource::Stored,
        today,
        today,
        None,
        &TimeZone::UTC,
    )
    .unwrap();
    let days: Vec<(Date, Option<String>)> = p
        .base
        .weeks
        .iter()
        .flat_map(|w| &w.days)
        .filter(|d| d.date >= date(2027, 1, 11) && d.date <= today)
        .map(|d| {
            let first = d.sessions.iter().find_map(|s| match s {
                Session::Strength(st) if st.focus != Focus::Mobility => st
                    .exercises
                    .iter()
                    .find_map(|e| e.library())
                    .map(|x| x.id.to_string()),
                _ => None,
            });
            (d.date, first)
        })
        .collect();
    let (planned, exercise) = days
        .iter()
        .find_map(|(d, x)| x.clone().map(|x| (*d, x)))
        .expect("a strength day this week");
    let unplanned = days
        .iter()
        .find(|d| d.1.is_none())
        .expect("a day without strength")
        .0;
    store.insert_workout(&workout(planned, &exercise)).unwrap();
    store
        .insert_workout(&workout(unplanned, &exercise))
        .unwrap();
    let r = row(&store, &clock).unwrap();
    assert_eq!(r.week_done, 1, "{r:?}");
    assert_eq!(r.month_done, 1, "{r:?}");
    assert!(r.month_planned >= r.month_done);
    assert_eq!(r.month_skipped, 0);

    // A session marked skipped counts as due and not done (as in `keel today`).
    let skipped = p
        .base
        .weeks
        .iter()
        .flat_map(|w| &w.days)
        .filter(|d| d.date < planned || (d.date > planned && d.date <= today))
        .find(|d| {
            d.sessions
                .iter()
                .any(|s| matches!(s, Session::Strength(st) if st.focus != Focus::Mobility))
        })
        .map(|d| d.date)
        .expect("another strength session in the 4 weeks");
    keel_app::marks::mark(&mut store, &p, skipped, MarkStatus::Skipped, "", today).unwrap();
    let r = row(&store, &clock).unwrap();
    assert_eq!((r.month_done, r.month_skipped), (1, 1), "{r:?}");
    assert!(r.month_planned >= 2, "{r:?}");

    // Sore legs today: the signal, and the session adaptation changes, with its rule.
    store.put_checkin(&checkin(today, 5)).unwrap();
    let r = row(&store, &clock).unwrap();
    assert!(
        r.signals.iter().any(|s| s == "leg-soreness-high"),
        "{:?}",
        r.signals
    );
    assert!(
        r.adjustments
            .iter()
            .any(|(_, rule, _)| rule == "soreness-vs-running"),
        "{:?}",
        r.adjustments
    );
    assert_eq!(r.last_checkin, Some(today));
    assert_eq!(r.days_since_checkin(), Some(0));
}
