//! Planning one full 24-week half-marathon season (placement search and prescription for
//! every week).

use criterion::{criterion_group, criterion_main, Criterion};
use jiff::civil::date;
use keel_core::model::*;
use keel_core::planner::plan_season;
use std::hint::black_box;

fn profile() -> Profile {
    let run = |t, m| {
        vec![RunSpec {
            run_type: t,
            minutes: Some(m),
            km: None,
        }]
    };
    Profile {
        athlete: Athlete {
            name: "Bench".into(),
            age: 38,
            body_mass_kg: 62.0,
            experience: Experience::Intermediate,
            equipment: vec![Equipment::Kettlebell, Equipment::Dumbbell, Equipment::Band],
            movement_screen: MovementScreen::Pass,
            units: Units::Km,
            sex: None,
            hr_rest: None,
            hr_max: None,
            avoid: vec![],
        },
        preferences: Preferences {
            strategy: Strategy::Stack,
            session_minutes: Some(40),
            correcting_weakness: false,
        },
        // 2027-01-04 + 23 weeks: the race is on the Sunday of week 24.
        goal: Goal::Race {
            race: RaceDistance::Half,
            date: date(2027, 6, 20),
        },
        start: Some(date(2027, 1, 4)),
        week: [
            run(RunType::Easy, 40.0),
            run(RunType::Intervals, 60.0),
            run(RunType::Recovery, 30.0),
            run(RunType::Tempo, 50.0),
            vec![],
            run(RunType::Long, 110.0),
            run(RunType::Easy, 45.0),
        ],
        weekly_km: None,
        overrides: vec![],
        schedule: None,
        exercise_aliases: vec![],
        strength_days: [false; 7],
    }
}

fn bench(c: &mut Criterion) {
    let p = profile();
    let today = date(2026, 12, 20);
    let plan = plan_season(&p, today, None).expect("plan");
    assert_eq!(plan.weeks.len(), 24);
    c.bench_function("plan_season 24 weeks", |b| {
        b.iter(|| plan_season(black_box(&p), black_box(today), None))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
