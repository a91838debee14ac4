//! Property tests: random running weeks and profiles never yield a plan that breaks a hard
//! rule, checked both with the rule functions and by re-checking each planned week as a
//! runner-written week with `check_week`.

use keel_core::check::{check_week, CheckContext, Level};
use keel_core::model::*;
use keel_core::plan::{Plan, PlanDay, PlanWeek, Session};
use keel_core::planner::{monday_of, plan_season, PlanError};
use keel_core::rules;
use proptest::prelude::*;

mod common;
use common::profile_and_today;

fn to_entries(day: &PlanDay) -> Vec<DayEntry> {
    day.sessions
        .iter()
        .map(|s| match s {
            Session::Run(r) => DayEntry::Run(RunSpec {
                run_type: r.run_type,
                minutes: Some(f64::from(r.minutes)),
                km: r.km,
            }),
            Session::Strength(s) => DayEntry::Strength(StrengthSpec {
                focus: s.focus,
                intensity: Some(s.intensity),
                minutes: Some(f64::from(s.minutes)),
                separate: s.timing == keel_core::plan::Timing::Separate,
            }),
        })
        .collect()
}

fn to_spec(w: &PlanWeek) -> WeekSpec {
    WeekSpec {
        days: std::array::from_fn(|i| to_entries(&w.days[i])),
        ..WeekSpec::default()
    }
}

fn sets(w: &PlanWeek) -> u32 {
    keel_core::planner::total_sets(w)
}

fn all_whys(plan: &Plan) -> impl Iterator<Item = &keel_core::plan::Why> {
    plan.warnings
        .iter()
        .chain(plan.nutrition.why.iter())
        .chain(plan.weeks.iter().flat_map(|w| {
            w.adjustments
                .iter()
                .chain(
                    w.days
                        .iter()
                        .flat_map(|d| &d.sessions)
                        .flat_map(|s| match s {
                            Session::Strength(s) => s.why.iter(),
                            Session::Run(_) => [].iter(),
                        }),
                )
        }))
}

fn runs_have_rest_day(w: &PlanWeek) -> bool {
    w.days
        .iter()
        .any(|d| !d.sessions.iter().any(|s| matches!(s, Session::Run(_))))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn plans_never_break_a_hard_rule((profile, today) in profile_and_today(), weeks in prop::option::of(1u32..30)) {
        let has_running = profile.week.iter().flatten().any(|r| !matches!(r.run_type, RunType::Rest | RunType::Cross));
        let result = plan_season(&profile, today, weeks);
        let plan = match result {
            Err(PlanError::NoRunningDays) => { prop_assert!(!has_running); return Ok(()); }
            Err(PlanError::RaceBeforeStart { race, start }) => {
                prop_assert!(race < start);
                let s = profile.start.map(monday_of).unwrap_or(start);
                prop_assert_eq!(s, start);
                return Ok(());
            }
            Err(e) => { prop_assert!(false, "unexpected error {e}"); unreachable!() }
            Ok(p) => p,
        };
        prop_assert!(has_running);
        prop_assert!(!plan.weeks.is_empty());
        // Every reason names a rule of the book.
        for y in all_whys(&plan) {
            prop_assert!(rules::exists(&y.rule), "unknown rule {}", y.rule);
        }
        for (i, w) in plan.weeks.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| &plan.weeks[j]);
            let next = plan.weeks.get(i + 1);
            // 1. the rule functions
            let v = keel_core::check::hard_violations(w, prev, next);
            prop_assert!(v.is_empty(), "week {}: {:#?}", w.index, v);
            // 2. the same week re-checked as a runner-written week
            let ctx = CheckContext {
                prev_sunday: prev.map(|p| to_entries(&p.days[6])),
                next_monday: next.map(|n| to_entries(&n.days[0])),
                ..CheckContext::default()
            };
            let errors: Vec<_> = check_week(&to_spec(w), &ctx)
                .into_iter()
                .filter(|v| v.severity == Level::Error)
                .filter(|v| v.rule != "rest-day" || runs_have_rest_day(w))
                .collect();
            prop_assert!(errors.is_empty(), "week {}: {:#?}\n{:#?}", w.index, errors, w.days);
            prop_assert_eq!(w.days.len(), 7);
            for (di, d) in w.days.iter().enumerate() {
                for s in &d.sessions {
                    if let Session::Strength(s) = s {
                        let v = rules::session_verdicts(s, w.phase, &profile.athlete, di);
                        prop_assert!(v.is_empty(), "week {}: {:#?}", w.index, v);
                    }
                }
                let has_run = d.sessions.iter().any(|s| matches!(s, Session::Run(_)));
                let has_lift = d.sessions.iter().any(|s| matches!(s, Session::Strength(_)));
                prop_assert!(!has_lift || has_run, "strength on a rest day {}", d.date);
                prop_assert_eq!(d.rest, d.sessions.is_empty());
                // strength always after the day's runs
                let first_lift = d.sessions.iter().position(|s| matches!(s, Session::Strength(_)));
                let last_run = d.sessions.iter().rposition(|s| matches!(s, Session::Run(_)));
                if let (Some(f), Some(l)) = (first_lift, last_run) { prop_assert!(f > l); }
                for s in &d.sessions {
                    if let Session::Strength(s) = s {
                        prop_assert!(!s.exercises.is_empty());
                        prop_assert!(s.minutes >= 10 && s.minutes <= 70, "{} min", s.minutes);
                        for e in &s.exercises {
                            prop_assert!(e.dose.rir.is_none_or(|r| r >= 1));
                            prop_assert!(e.equipment.iter().all(|q| profile.athlete.has(*q)), "{} needs {:?}", e.id, e.equipment);
                            prop_assert!(keel_core::exercises::find(&e.id).is_some());
                            if profile.athlete.movement_screen == MovementScreen::Fail {
                                prop_assert_eq!(&e.equipment, &vec![Equipment::Bodyweight]);
                                prop_assert!(e.load.is_none());
                            }
                        }
                    }
                }
            }
        }
        // The race sits on its date, as a race run of the goal's distance.
        if let Goal::Race { race, date } = profile.goal {
            let last = plan.weeks.last().expect("weeks");
            let shown_all = weeks.is_none() || last.phase == Phase::Race;
            if shown_all {
                prop_assert_eq!(last.phase, Phase::Race);
                let d = last.days.iter().find(|d| d.date == date).expect("race day in the last week");
                let races: Vec<_> = d.sessions.iter().filter_map(|s| match s { Session::Run(r) if r.run_type == RunType::Race => Some(r), _ => None }).collect();
                prop_assert_eq!(races.len(), 1);
                prop_assert_eq!(races[0].km, Some(race.km()));
                prop_assert_eq!(d.sessions.len(), 1, "nothing else on race day");
            }
        } else {
            prop_assert_eq!(plan.weeks.len() as u32, weeks.unwrap_or(12));
        }
    }

    #[test]
    fn deload_weeks_have_fewer_sets_than_the_week_before((mut profile, today) in profile_and_today()) {
        profile.overrides.clear();
        let Ok(plan) = plan_season(&profile, today, Some(16)) else { return Ok(()) };
        for pair in plan.weeks.windows(2) {
            let (before, deload) = (&pair[0], &pair[1]);
            // A deload cannot go below one set of each exercise the week's coverage needs.
            let at_one_set = deload.days.iter().flat_map(|d| &d.sessions).all(|s| match s {
                Session::Strength(s) => s.exercises.iter().all(|e| e.dose.sets == 1),
                Session::Run(_) => true,
            });
            if deload.deload && sets(before) > 0 && !at_one_set {
                prop_assert!(sets(deload) < sets(before), "week {}: {} sets vs {} the week before", deload.index, sets(deload), sets(before));
            }
        }
    }
}

/// Whether a day of a planned week holds a run.
fn has_run(d: &PlanDay) -> bool {
    d.sessions.iter().any(|s| matches!(s, Session::Run(_)))
}

/// Whether a day of a planned week holds a strength session.
fn has_lift(d: &PlanDay) -> bool {
    d.sessions.iter().any(|s| matches!(s, Session::Strength(_)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Strength-only days (`wed = "strength"`): strength lands on a day without a run only when
    /// the runner marked that weekday for strength, and a week with a day without a run keeps
    /// at least one of them free of everything (`rest-day`): when it has a single day without
    /// a run, no strength goes there. The hard rules hold as in any plan.
    #[test]
    fn strength_only_days_never_take_the_single_rest_day(
        (mut profile, today) in profile_and_today(),
        marked in prop::array::uniform7(any::<bool>()),
        weeks in prop::option::of(1u32..20),
    ) {
        profile.strength_days = std::array::from_fn(|d| marked[d] && profile.week[d].is_empty());
        let Ok(plan) = plan_season(&profile, today, weeks) else { return Ok(()) };
        for (i, w) in plan.weeks.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| &plan.weeks[j]);
            let next = plan.weeks.get(i + 1);
            let v = keel_core::check::hard_violations(w, prev, next);
            prop_assert!(v.is_empty(), "week {}: {:#?}", w.index, v);
            let runless: Vec<&PlanDay> = w.days.iter().filter(|d| !has_run(d)).collect();
            if !runless.is_empty() {
                prop_assert!(
                    runless.iter().any(|d| d.sessions.is_empty()),
                    "week {}: no true rest day left: {:#?}", w.index, w.days
                );
            }
            if runless.len() == 1 {
                prop_assert!(!has_lift(runless[0]), "week {}: strength on the single rest day {}", w.index, runless[0].date);
            }
            for (di, d) in w.days.iter().enumerate() {
                if has_lift(d) && !has_run(d) {
                    prop_assert!(profile.strength_days[di], "week {}: strength on {} without a run, a day not kept for strength", w.index, d.date);
                }
            }
        }
    }
}
