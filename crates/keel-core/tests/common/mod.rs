//! Random profiles for the property tests: any running week (rest, cross-training, two runs a
//! day), equipment set, age, body mass, experience, screen, strategy, session length,
//! mileage, race or none, start date and overrides.

#![allow(dead_code)]

use jiff::civil::{date, Date};
use jiff::Span;
use keel_core::model::*;
use proptest::prelude::*;
use proptest::strategy::Strategy;

pub fn run_type() -> impl Strategy<Value = RunType> {
    prop::sample::select(RunType::ALL.to_vec())
}

pub fn run_spec() -> impl Strategy<Value = RunSpec> {
    (
        run_type(),
        15u32..160,
        prop::option::of(3u32..35),
        any::<bool>(),
    )
        .prop_map(|(t, m, km, by_km)| {
            if by_km && km.is_some() {
                RunSpec {
                    run_type: t,
                    minutes: None,
                    km: km.map(f64::from),
                }
            } else {
                RunSpec {
                    run_type: t,
                    minutes: Some(f64::from(m)),
                    km: None,
                }
            }
        })
}

pub fn day() -> impl Strategy<Value = Vec<RunSpec>> {
    prop::collection::vec(run_spec(), 0..=2)
}

pub fn week() -> impl Strategy<Value = [Vec<RunSpec>; 7]> {
    [day(), day(), day(), day(), day(), day(), day()]
}

pub fn a_date() -> impl Strategy<Value = Date> {
    (0i64..2000).prop_map(|n| date(2025, 1, 1).saturating_add(Span::new().days(n)))
}

#[derive(Debug, Clone)]
pub enum GoalGen {
    Race(RaceDistance, i64),
    Fitness,
    OffSeason,
}

pub fn goal() -> impl Strategy<Value = GoalGen> {
    prop_oneof![
        3 => (prop::sample::select(RaceDistance::ALL.to_vec()), 0i64..420).prop_map(|(r, d)| GoalGen::Race(r, d)),
        1 => Just(GoalGen::Fitness),
        1 => Just(GoalGen::OffSeason),
    ]
}

pub fn overrides() -> impl Strategy<Value = Vec<WeekOverride>> {
    prop::collection::vec(
        (1u32..20, 0usize..7, day()).prop_map(|(w, d, runs)| {
            let mut days: [Option<Vec<RunSpec>>; 7] = Default::default();
            days[d] = Some(runs);
            WeekOverride { week: w, days }
        }),
        0..2,
    )
}

prop_compose! {
    pub fn profile_and_today()(
        week in week(),
        equipment in prop::sample::subsequence(Equipment::ALL.to_vec(), 0..=Equipment::ALL.len()),
        age in 16u32..80,
        mass in 40.0f64..110.0,
        experience in prop::sample::select(Experience::ALL.to_vec()),
        screen in prop::sample::select(MovementScreen::ALL.to_vec()),
        strategy in prop::sample::select(keel_core::model::Strategy::ALL.to_vec()),
        session_minutes in prop::option::of(5u32..90),
        weakness in any::<bool>(),
        weekly_km in prop::option::of(15.0f64..140.0),
        goal in goal(),
        today in a_date(),
        start_offset in prop::option::of(-10i64..40),
        overrides in overrides(),
    ) -> (Profile, Date) {
        let goal = match goal {
            GoalGen::Race(r, d) => Goal::Race { race: r, date: today.saturating_add(Span::new().days(d)) },
            GoalGen::Fitness => Goal::Fitness,
            GoalGen::OffSeason => Goal::OffSeason,
        };
        let profile = Profile {
            athlete: Athlete {
                name: "P".into(), age, body_mass_kg: mass, experience, equipment,
                movement_screen: screen, units: Units::Km, sex: None, hr_rest: None, hr_max: None, avoid: vec![],
            },
            preferences: Preferences { strategy, session_minutes, correcting_weakness: weakness },
            goal,
            start: start_offset.map(|o| today.saturating_add(Span::new().days(o))),
            week,
            weekly_km,
            overrides,
            schedule: None,
            exercise_aliases: vec![],
            strength_days: [false; 7],
        };
        (profile, today)
    }
}
