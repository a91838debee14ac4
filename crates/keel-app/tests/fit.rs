//! Planned strength sessions as FIT workouts: week selection, and the adapter over every
//! session of the built-in examples' seasons.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::civil::{date, Date};
use jiff::tz::TimeZone;
use keel_app::fit::{select, workout, workout_files, Weeks, WeeksError};
use keel_app::plan::{plan_in_force, ProfileSource};
use keel_core::dose::Unit;
use keel_core::plan::{Plan, Session};
use keel_export::fit::{encode_workout, exercise_for, Dose, Step};
use keel_store::SqliteStore;

fn plan(example: &str, today: Date) -> Plan {
    let path = format!("{}/../../examples/{example}", env!("CARGO_MANIFEST_DIR"));
    let source = ProfileSource::File {
        name: example.into(),
        text: std::fs::read_to_string(path).unwrap(),
    };
    plan_in_force(
        None::<&SqliteStore>,
        &source,
        today,
        today,
        None,
        &TimeZone::UTC,
    )
    .unwrap()
    .plan
    .as_ref()
    .clone()
}

#[test]
fn weeks_by_number_date_or_today() {
    // The half-marathon example starts Monday 2027-01-04 and ends with the race week.
    let p = plan("half-marathon.toml", date(2026, 12, 1));
    let starts = |ws: &[keel_core::plan::PlanWeek]| ws.iter().map(|w| w.start).collect::<Vec<_>>();
    let today = date(2027, 1, 20);
    assert_eq!(
        starts(select(&p, today, Weeks::Number(1)).unwrap()),
        [date(2027, 1, 4)]
    );
    assert_eq!(
        starts(select(&p, today, Weeks::Current { count: 1 }).unwrap()),
        [date(2027, 1, 18)]
    );
    assert_eq!(
        starts(select(&p, date(2026, 12, 1), Weeks::Current { count: 2 }).unwrap()),
        [date(2027, 1, 4), date(2027, 1, 11)],
        "before the season: from its first week"
    );
    assert_eq!(
        starts(
            select(
                &p,
                today,
                Weeks::From {
                    date: date(2027, 1, 17),
                    count: 2
                }
            )
            .unwrap()
        ),
        [date(2027, 1, 11), date(2027, 1, 18)],
        "a Sunday belongs to the week of its Monday"
    );
    let n = p.weeks.len();
    assert_eq!(
        select(&p, today, Weeks::Number(n as u32 + 1)),
        Err(WeeksError::NoSuchWeek {
            week: n as u32 + 1,
            weeks: n
        })
    );
    assert!(matches!(
        select(&p, today, Weeks::Number(0)),
        Err(WeeksError::NoSuchWeek { .. })
    ));
    let last = p.weeks.last().unwrap().days.last().unwrap().date;
    let after = last.tomorrow().unwrap();
    assert_eq!(
        select(&p, after, Weeks::Current { count: 1 }),
        Err(WeeksError::SeasonOver { last })
    );
    let e = select(
        &p,
        today,
        Weeks::From {
            date: date(2026, 1, 1),
            count: 1,
        },
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("2026-01-01 is outside the plan, which runs from 2027-01-04 to {last}")
    );
    // More weeks than are left: up to the end.
    let tail = select(&p, today, Weeks::Number(n as u32)).unwrap();
    assert_eq!(tail.len(), 1);
    let end = select(&p, tail[0].start, Weeks::Current { count: 50 }).unwrap();
    assert_eq!(end.len(), 1);
}

#[test]
fn every_session_of_the_examples_becomes_a_workout_the_writer_accepts() {
    let mut most_steps = 0;
    for example in ["half-marathon.toml", "marathon.toml", "fitness.toml"] {
        let p = plan(example, date(2026, 12, 1));
        let files = workout_files(&p.weeks);
        let mut names: Vec<&str> = files.iter().map(|f| f.file_name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), files.len(), "{example}: unique file names");
        let mut sessions = 0;
        for day in p.weeks.iter().flat_map(|w| &w.days) {
            for s in &day.sessions {
                let Session::Strength(st) = s else { continue };
                sessions += 1;
                let w = workout(day.date, st).unwrap();
                let f = files
                    .iter()
                    .find(|f| f.date == day.date && f.workout == w)
                    .unwrap_or_else(|| panic!("{example} {}: no file", day.date));
                assert!(f
                    .file_name
                    .starts_with(&format!("{}-{}", day.date, st.focus)));
                let sets: u32 = st.exercises.iter().map(|e| e.dose.sets).sum();
                let set_steps: Vec<_> = w
                    .steps
                    .iter()
                    .filter_map(|s| match s {
                        Step::Set(s) => Some(s),
                        _ => None,
                    })
                    .collect();
                let rests = w
                    .steps
                    .iter()
                    .filter(|s| matches!(s, Step::Rest { .. }))
                    .count();
                assert_eq!(set_steps.len() as u32, sets, "{example} {}", day.date);
                assert_eq!(
                    rests as u32,
                    sets - 1,
                    "a rest between sets, none after the last"
                );
                assert!(matches!(w.steps[0], Step::WarmUp { .. }), "warm-up first");
                assert!(matches!(w.steps.last(), Some(Step::Set(_))));
                // Every step follows the exercise order and reads today's dose text.
                let mut expected = st
                    .exercises
                    .iter()
                    .flat_map(|e| std::iter::repeat_n(e, e.dose.sets as usize));
                for s in &set_steps {
                    let e = expected.next().unwrap();
                    assert_eq!(s.name, e.name);
                    assert_eq!(s.exercise, exercise_for(&e.id));
                    let a = e.dose.amount;
                    match (a.unit, s.dose) {
                        (Unit::Metres, Dose::Open) => {}
                        (Unit::Seconds, Dose::Hold { seconds, per_side }) => {
                            assert_eq!((seconds, per_side), (a.max, a.each_side), "{}", e.id)
                        }
                        (
                            Unit::Reps | Unit::Contacts | Unit::SlowReps,
                            Dose::Reps { count, per_side },
                        ) => assert_eq!((count, per_side), (a.max, a.each_side), "{}", e.id),
                        (unit, dose) => panic!("{}: {unit:?} as {dose:?}", e.id),
                    }
                    let in_reserve = s.notes.contains("reps in reserve");
                    assert_eq!(in_reserve, e.dose.rir.is_some(), "{}", s.notes);
                    let range = match a.unit {
                        Unit::Reps => a.rep_range().unwrap().to_string(),
                        _ => a.to_string(),
                    };
                    assert!(s.notes.contains(&range), "{}", s.notes);
                }
                // The rest after a set is the prescription's rest for that exercise.
                let mut sets = st
                    .exercises
                    .iter()
                    .flat_map(|e| std::iter::repeat_n(e, e.dose.sets as usize));
                let mut last = None;
                for step in &w.steps {
                    match step {
                        Step::Set(_) => last = sets.next(),
                        Step::Rest { seconds } => {
                            let e = last.unwrap();
                            assert_eq!(*seconds, e.rest_seconds(st.intensity), "{}", e.id);
                        }
                        Step::WarmUp { .. } => {}
                    }
                }
                encode_workout(&w).unwrap();
                most_steps = most_steps.max(w.steps.len());
            }
        }
        assert_eq!(sessions, files.len(), "{example}: one file per session");
        assert!(sessions > 10, "{example}: {sessions} sessions");
    }
    eprintln!("most steps in one workout: {most_steps}");
}
