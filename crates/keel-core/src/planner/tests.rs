use super::*;
use crate::model::{Athlete, Equipment, Experience, Preferences, Units, WeekOverride};
use jiff::civil::date;

fn run(t: RunType, m: f64) -> Vec<RunSpec> {
    vec![RunSpec {
        run_type: t,
        minutes: Some(m),
        km: None,
    }]
}

/// The profile of the issue: Alex, 38, half-marathon on 2027-04-25.
pub(crate) fn alex() -> Profile {
    Profile {
        athlete: Athlete {
            name: "Alex".into(),
            age: 38,
            body_mass_kg: 62.0,
            experience: Experience::Intermediate,
            equipment: vec![
                Equipment::Bodyweight,
                Equipment::Kettlebell,
                Equipment::Dumbbell,
            ],
            movement_screen: MovementScreen::Pass,
            units: Units::Km,
            sex: None,
            hr_rest: None,
            hr_max: None,
        },
        preferences: Preferences {
            strategy: Strategy::Stack,
            session_minutes: Some(40),
            correcting_weakness: false,
        },
        goal: Goal::Race {
            race: RaceDistance::Half,
            date: date(2027, 4, 25),
        },
        start: Some(date(2027, 1, 4)),
        week: [
            run(RunType::Easy, 40.0),
            run(RunType::Intervals, 60.0),
            run(RunType::Recovery, 30.0),
            run(RunType::Tempo, 50.0),
            vec![RunSpec {
                run_type: RunType::Rest,
                minutes: None,
                km: None,
            }],
            run(RunType::Long, 110.0),
            vec![RunSpec {
                run_type: RunType::Easy,
                minutes: None,
                km: Some(8.0),
            }],
        ],
        weekly_km: None,
        overrides: vec![],
        schedule: None,
        exercise_aliases: vec![],
    }
}

fn strength(day: &PlanDay) -> Vec<&StrengthSession> {
    day.sessions
        .iter()
        .filter_map(|s| match s {
            Session::Strength(s) => Some(s),
            _ => None,
        })
        .collect()
}

fn assert_sound(plan: &Plan) {
    for (i, w) in plan.weeks.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| &plan.weeks[j]);
        let v = rules::hard_violations(w, prev, plan.weeks.get(i + 1));
        assert!(v.is_empty(), "week {}: {v:#?}", w.index);
        for d in &w.days {
            for s in strength(d) {
                for y in &s.why {
                    assert!(rules::exists(&y.rule), "{}", y.rule);
                }
            }
        }
        for y in &w.adjustments {
            assert!(rules::exists(&y.rule), "{}", y.rule);
        }
    }
}

#[test]
fn alex_half_marathon_season() {
    let plan = plan_season(&alex(), date(2026, 12, 1), None).expect("plan");
    assert_eq!(plan.weeks.len(), 16);
    assert_eq!(plan.weeks[0].start, date(2027, 1, 4));
    let last = plan.weeks.last().expect("weeks");
    assert_eq!(last.phase, Phase::Race);
    let race_day = last
        .days
        .iter()
        .find(|d| d.date == date(2027, 4, 25))
        .expect("race day");
    assert!(
        matches!(&race_day.sessions[..], [Session::Run(r)] if r.run_type == RunType::Race && r.km == Some(RaceDistance::Half.km()))
    );
    assert_eq!(plan.weeks[14].phase, Phase::Taper);
    assert_eq!(plan.weeks[13].phase, Phase::Taper);
    assert!(plan.weeks[3].deload && !plan.weeks[2].deload);
    assert_sound(&plan);
    // Stacking: base-week strength follows Tuesday's intervals and Thursday's tempo.
    let w1 = &plan.weeks[0];
    let days: Vec<usize> = (0..7)
        .filter(|&d| !strength(&w1.days[d]).is_empty())
        .collect();
    assert_eq!(days, vec![1, 3], "{:#?}", w1.days);
    assert_eq!(plan.nutrition.protein_g, [99, 136]);
}

#[test]
fn easy_strategy_uses_lighter_days() {
    let mut p = alex();
    p.preferences.strategy = Strategy::Easy;
    let plan = plan_season(&p, date(2026, 12, 1), None).expect("plan");
    assert_sound(&plan);
    let w1 = &plan.weeks[0];
    for d in 0..7 {
        for s in strength(&w1.days[d]) {
            let hard = w1.days[d]
                .sessions
                .iter()
                .any(|x| matches!(x, Session::Run(r) if r.run_type.is_hard()));
            assert!(!hard, "easy strategy put {:?} on a hard day {d}", s.focus);
        }
    }
}

#[test]
fn errors() {
    let mut p = alex();
    p.start = None;
    assert_eq!(
        plan_season(&p, date(2027, 5, 1), None).unwrap_err(),
        PlanError::RaceBeforeStart {
            race: date(2027, 4, 25),
            start: date(2027, 5, 3)
        }
    );
    assert!(matches!(
        plan_season(&p, date(2024, 1, 1), None),
        Err(PlanError::RaceTooFar { .. })
    ));
    p.week = Default::default();
    p.week[2] = run(RunType::Cross, 40.0);
    assert_eq!(
        plan_season(&p, date(2027, 1, 1), None).unwrap_err(),
        PlanError::NoRunningDays
    );
    let mut p = alex();
    p.goal = Goal::Fitness;
    assert_eq!(
        plan_season(&p, date(2027, 1, 1), Some(0)).unwrap_err(),
        PlanError::NoWeeks
    );
    assert!(matches!(
        plan_season(&p, date(2027, 1, 1), Some(500)),
        Err(PlanError::TooManyWeeks { .. })
    ));
    p.athlete.body_mass_kg = f64::NAN;
    assert!(matches!(
        plan_season(&p, date(2027, 1, 1), None),
        Err(PlanError::InvalidBodyMass(_))
    ));
    let mut p = alex();
    p.overrides = vec![WeekOverride {
        week: 0,
        days: Default::default(),
    }];
    assert_eq!(
        plan_season(&p, date(2027, 1, 1), None).unwrap_err(),
        PlanError::OverrideWeekZero(0)
    );
}
