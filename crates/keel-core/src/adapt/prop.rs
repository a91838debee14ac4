//! Property tests: for random plans (random profiles through the planner) and random
//! signals, adaptation never breaks a hard rule and only writes rule ids that exist.

use super::*;
use crate::model::{Athlete, Equipment, RunType, Units, Weekday};
use crate::model::{
    Experience, Goal, MovementScreen, Preferences, Profile, RaceDistance, RunSpec,
    Strategy as Placement,
};
use crate::plan::{RunSession, Session};
use crate::planner::plan_season;
use crate::readiness::{self, Severity, Signal};
use crate::rules;
use proptest::prelude::*;
use std::collections::BTreeSet;

fn run_spec() -> impl Strategy<Value = Vec<RunSpec>> {
    (0usize..9, 20u32..150).prop_map(|(t, m)| {
        let run_type = RunType::ALL[t];
        vec![RunSpec {
            run_type,
            minutes: (run_type != RunType::Rest).then_some(f64::from(m)),
            km: None,
        }]
    })
}

fn profile() -> impl Strategy<Value = (Profile, Option<u32>)> {
    (
        proptest::array::uniform7(run_spec()),
        proptest::collection::vec(0usize..Equipment::ALL.len(), 0..4),
        18u32..75,
        0usize..3,
        any::<bool>(),
        any::<bool>(),
        (0usize..4, 6i64..30, 0usize..5),
        4u32..14,
    )
        .prop_map(
            |(mut week, eq, age, exp, screen, stack, (goal, race_weeks, dist), weeks)| {
                // At least one running day.
                if !week
                    .iter()
                    .flatten()
                    .any(|r| !matches!(r.run_type, RunType::Rest | RunType::Cross))
                {
                    week[0] = vec![RunSpec {
                        run_type: RunType::Easy,
                        minutes: Some(40.0),
                        km: None,
                    }];
                }
                let start = jiff::civil::date(2027, 1, 4);
                let (goal, weeks) = match goal {
                    0 | 1 => (
                        Goal::Race {
                            race: RaceDistance::ALL[dist],
                            date: start
                                .checked_add(jiff::Span::new().days(race_weeks * 7 - 2))
                                .expect("race date"),
                        },
                        None,
                    ),
                    2 => (Goal::Fitness, Some(weeks)),
                    _ => (Goal::OffSeason, Some(weeks)),
                };
                let mut equipment: Vec<Equipment> =
                    eq.into_iter().map(|i| Equipment::ALL[i]).collect();
                equipment.sort();
                equipment.dedup();
                let profile = Profile {
                    athlete: Athlete {
                        name: "P".to_string(),
                        age,
                        body_mass_kg: 60.0,
                        experience: Experience::ALL[exp],
                        equipment,
                        movement_screen: if screen {
                            MovementScreen::Pass
                        } else {
                            MovementScreen::Fail
                        },
                        units: Units::Km,
                        sex: None,
                        hr_rest: None,
                        hr_max: None,
                        avoid: vec![],
                    },
                    preferences: Preferences {
                        strategy: if stack {
                            Placement::Stack
                        } else {
                            Placement::Easy
                        },
                        session_minutes: None,
                        correcting_weakness: false,
                    },
                    goal,
                    start: Some(start),
                    week,
                    weekly_km: None,
                    overrides: Vec::new(),
                    schedule: None,
                    exercise_aliases: Vec::new(),
                    strength_days: [false; 7],
                };
                (profile, weeks)
            },
        )
}

const NAMES: &[(&str, &str)] = &[
    ("persistent-fatigue", readiness::RULE_OVERTRAINING),
    ("poor-sleep", readiness::RULE_SLEEP),
    ("lingering-soreness", readiness::RULE_OVERTRAINING),
    ("leg-soreness-high", readiness::RULE_SORENESS),
    ("illness", readiness::RULE_OVERTRAINING),
    ("frequent-illness", readiness::RULE_OVERTRAINING),
    ("low-mood", readiness::RULE_OVERTRAINING),
    ("low-motivation", readiness::RULE_OVERTRAINING),
    ("declining-performance", readiness::RULE_OVERTRAINING),
    ("hard-lift-yesterday", readiness::RULE_SORENESS),
    ("baseline-fatigue", readiness::RULE_OVERTRAINING),
    ("baseline-sleep", readiness::RULE_SLEEP),
];

fn signals() -> impl Strategy<Value = Vec<Signal>> {
    proptest::collection::vec((0usize..NAMES.len(), 0usize..3), 0..4).prop_map(|v| {
        v.into_iter()
            .map(|(i, s)| Signal {
                name: NAMES[i].0,
                rule: NAMES[i].1,
                severity: [Severity::Mild, Severity::Moderate, Severity::Strong][s],
                text: format!("sign {i}"),
            })
            .collect()
    })
}

fn inputs() -> impl Strategy<Value = AdaptInputs> {
    (
        signals(),
        proptest::option::of((0i64..2, 1u8..=5)),
        proptest::option::of((100.0f64..160.0, proptest::option::of(80.0f64..140.0))),
        proptest::option::of((0i64..2, 6.0f64..10.0)),
        proptest::collection::vec(
            (
                0i64..3,
                0usize..crate::exercises::LIBRARY.len(),
                4.0f64..10.0,
            ),
            0..3,
        ),
    )
        .prop_map(|(signals, soreness_legs, load, lift, logged)| AdaptInputs {
            signals,
            // Dated relative to the date below.
            soreness_legs: soreness_legs
                .map(|(back, l)| {
                    vec![(
                        jiff::civil::date(2000, 1, 1)
                            .checked_add(jiff::Span::new().days(back))
                            .expect("date"),
                        l,
                    )]
                })
                .unwrap_or_default(),
            run_load: load
                .map(|(now, long)| {
                    vec![(
                        "logged".to_string(),
                        readiness::run_load_increase(
                            now,
                            &[100.0, 100.0, 100.0],
                            long.map(|_| 100.0),
                            long,
                        ),
                    )]
                })
                .unwrap_or_default(),
            // Filled in relative to the date below.
            last_strength: lift.map(|(back, rpe)| LastStrength {
                date: jiff::civil::date(2000, 1, 1)
                    .checked_add(jiff::Span::new().days(back))
                    .expect("date"),
                rpe: Some(rpe),
            }),
            // Lifts logged on the days before the date (re-dated below), planned or not.
            workouts: logged
                .into_iter()
                .map(|(back, i, rpe)| crate::activity::StrengthWorkout {
                    source: "manual".into(),
                    date: jiff::civil::date(2000, 1, 1)
                        .checked_add(jiff::Span::new().days(back))
                        .expect("date"),
                    start: None,
                    name: "Strength".into(),
                    duration_s: None,
                    rpe: Some(rpe),
                    notes: None,
                    sets: vec![crate::activity::LoggedSet {
                        exercise: crate::exercises::LIBRARY[i].id.to_string(),
                        order: 1,
                        weight_kg: Some(20.0),
                        reps: Some(8),
                        rpe: None,
                        rir: Some(2.0),
                        set_type: crate::activity::SetType::Normal,
                        duration_s: None,
                    }],
                })
                .collect(),
            moved: Vec::new(),
        })
}

/// Hard violations of every week, as (week index, rule, weekday).
/// Hard-rule violations of `plan` as the adapter sees it: each day up to `date` that holds a
/// logged lift shows that lift in place of what was planned (the runner did that, not the
/// plan), so a planned session replaced by a logged one is not counted against a change.
fn hard(plan: &Plan, date: Date, inputs: &AdaptInputs) -> BTreeSet<(u32, String, Weekday)> {
    let seen = super::engine::Adapter::new(
        plan.clone(),
        date,
        super::logged::logged_lifts(&inputs.workouts, date),
    );
    let mut out = BTreeSet::new();
    for (i, w) in plan.weeks.iter().enumerate() {
        for v in crate::check::hard_violations_of(&seen.view(plan, i)) {
            out.insert((w.index, v.rule, v.weekday));
        }
    }
    out
}

fn runs(day: &crate::plan::PlanDay) -> Vec<RunSession> {
    day.sessions
        .iter()
        .filter_map(|s| match s {
            Session::Run(r) => Some(r.clone()),
            Session::Strength(_) => None,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn adaptation_never_breaks_a_hard_rule(
        (profile, weeks) in profile(),
        mut inputs in inputs(),
        day in 0usize..200,
    ) {
        let today = jiff::civil::date(2027, 1, 1);
        let plan = plan_season(&profile, today, weeks);
        prop_assume!(plan.is_ok());
        let plan = plan.expect("checked");
        let days: Vec<Date> = plan.weeks.iter().flat_map(|w| w.days.iter().map(|d| d.date)).collect();
        prop_assume!(!days.is_empty());
        let date = days[day % days.len()];
        if let Some(l) = &mut inputs.last_strength {
            let back = l.date.since(jiff::civil::date(2000, 1, 1)).map(|s| s.get_days()).unwrap_or(0);
            l.date = date.checked_sub(jiff::Span::new().days(i64::from(back))).expect("date");
        }
        for w in &mut inputs.workouts {
            let back = w.date.since(jiff::civil::date(2000, 1, 1)).map(|s| s.get_days()).unwrap_or(0);
            w.date = date.checked_sub(jiff::Span::new().days(i64::from(back))).expect("date");
        }
        for (d, _) in &mut inputs.soreness_legs {
            let back = d.since(jiff::civil::date(2000, 1, 1)).map(|s| s.get_days()).unwrap_or(0);
            *d = date.checked_sub(jiff::Span::new().days(i64::from(back))).expect("date");
        }
        let a = adjust(&plan, date, &inputs);

        // No hard rule broken that the plan did not already break.
        let before = hard(&plan, date, &inputs);
        let after = hard(&a.plan, date, &inputs);
        let new: Vec<_> = after.difference(&before).collect();
        prop_assert!(new.is_empty(), "new hard violations: {:?}\nchanges: {:#?}", new, a.changes);

        // Every rule id written exists in the rule book.
        for c in &a.changes {
            prop_assert!(rules::exists(&c.rule), "unknown rule {}", c.rule);
            prop_assert!(c.date >= date, "a change in the past: {:?}", c);
            // A cause opens its text, which goes on with the effect; views print the cause
            // once and an effect per change.
            if !c.cause.is_empty() {
                prop_assert_eq!(format!("{}: {}", c.cause, c.effect()), c.text.clone());
            }
            // A change to a strength session is in the reasons of the session it leaves, with
            // the same text (also after a later change amends it).
            let to_session = matches!(
                c.kind,
                ChangeKind::Move
                    | ChangeKind::Lighten
                    | ChangeKind::ToMobility
                    | ChangeKind::LowerIntensity
                    | ChangeKind::FewerSets
                    | ChangeKind::Simplify
            );
            let day = a.plan.weeks.iter().flat_map(|w| &w.days).find(|d| d.date == c.date);
            for s in day.into_iter().filter(|_| to_session).flat_map(|d| &d.sessions) {
                if let Session::Strength(st) = s {
                    prop_assert!(st.why.iter().any(|y| y.text == c.text), "{:?} not in {:?}", c, st.why);
                }
            }
        }
        for w in &a.plan.weeks {
            for why in &w.adjustments {
                prop_assert!(rules::exists(&why.rule), "unknown rule {}", why.rule);
            }
            for d in &w.days {
                for s in &d.sessions {
                    if let Session::Strength(st) = s {
                        for why in &st.why {
                            prop_assert!(rules::exists(&why.rule), "unknown rule {}", why.rule);
                        }
                    }
                }
            }
        }

        // The past is untouched, but for a session moved within its week (it then shows on
        // its new day only); a run changes only through strong overtraining signals, with a
        // change on that day that says so. No session shows on two days, and each session
        // ends in one final state with one line.
        let strength_count = |w: &crate::plan::PlanWeek| {
            w.days.iter().flat_map(|d| &d.sessions).filter(|s| matches!(s, Session::Strength(_))).count()
        };
        for (w0, w1) in plan.weeks.iter().zip(&a.plan.weeks) {
            prop_assert_eq!(w0.days.len(), w1.days.len());
            prop_assert!(strength_count(w1) <= strength_count(w0), "week {}: more sessions", w1.index);
            for (d0, d1) in w0.days.iter().zip(&w1.days) {
                let lifts = |d: &crate::plan::PlanDay| d.sessions.iter().filter(|s| matches!(s, Session::Strength(_))).count();
                prop_assert!(lifts(d1) <= lifts(d0).max(1), "{}: two sessions", d1.date);
                if d0.date < date && d0 != d1 {
                    prop_assert_eq!(runs(d0), runs(d1));
                    prop_assert!(lifts(d0) == 1 && lifts(d1) == 0, "past {} changed", d0.date);
                    prop_assert_eq!(strength_count(w0), strength_count(w1), "moved out of its week");
                }
                if runs(d0) != runs(d1) {
                    let said = a.changes.iter().any(|c| {
                        c.date == d0.date
                            && c.rule == "overtraining-signals"
                            && c.text.contains("keel changed your run")
                    });
                    prop_assert!(said, "run changed silently on {}: {:?}", d0.date, a.changes);
                }
            }
        }

        let terminal = |k: ChangeKind| matches!(k, ChangeKind::DropSession | ChangeKind::ToMobility | ChangeKind::Move | ChangeKind::Lighten | ChangeKind::RestDay);
        for c in &a.changes {
            let same: Vec<_> = a.changes.iter().filter(|x| x.date == c.date && terminal(x.kind)).collect();
            prop_assert!(same.len() <= 1, "{:#?}", same);
            if c.kind == ChangeKind::RestDay {
                prop_assert_eq!(a.changes.iter().filter(|x| x.date == c.date).count(), 1, "{:#?}", a.changes);
            }
        }

        // A pure function: the same inputs give the same result.
        prop_assert_eq!(adjust(&plan, date, &inputs).changes, a.changes);
    }
}
