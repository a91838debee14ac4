use super::*;
use crate::model::{
    Athlete, Equipment, Experience, Goal, MovementScreen, Preferences, RaceDistance, RunSpec,
    RunType, Strategy, Units, WeekOverride,
};
use crate::plan::{PlanDay, StrengthSession};
use crate::rules;
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
            avoid: vec![],
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
        strength_days: [false; 7],
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
        let v = crate::check::hard_violations(w, prev, plan.weeks.get(i + 1));
        assert!(v.is_empty(), "week {}: {v:#?}", w.index);
        for (di, d) in w.days.iter().enumerate() {
            for s in strength(d) {
                let v = rules::session_verdicts(s, w.phase, &plan.athlete, di);
                assert!(v.is_empty(), "week {}: {v:#?}", w.index);
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

fn sessions(w: &PlanWeek) -> Vec<(usize, &StrengthSession)> {
    w.days
        .iter()
        .enumerate()
        .flat_map(|(i, d)| strength(d).into_iter().map(move |s| (i, s)))
        .collect()
}

/// A marathoner at about 90 km a week.
fn marathoner() -> Profile {
    let mut p = alex();
    p.goal = Goal::Race {
        race: RaceDistance::Marathon,
        date: date(2027, 5, 2),
    };
    p.week = [
        run(RunType::Easy, 60.0),
        run(RunType::Intervals, 75.0),
        run(RunType::Easy, 60.0),
        run(RunType::Tempo, 70.0),
        vec![],
        run(RunType::Long, 150.0),
        run(RunType::Recovery, 50.0),
    ];
    p.weekly_km = Some(90.0);
    p.preferences.session_minutes = None;
    p
}

#[test]
fn high_mileage_caps_sessions_rotates_focus_and_keeps_35_to_45_min() {
    let plan = plan_season(&marathoner(), date(2026, 12, 1), None).expect("plan");
    assert_sound(&plan);
    for w in &plan.weeks {
        let s = sessions(w);
        assert!(s.len() <= 2, "week {}", w.index);
        for (_, s) in &s {
            assert_ne!(s.focus, Focus::Full, "week {}", w.index);
            assert!(s.minutes <= 45, "week {}: {} min", w.index, s.minutes);
        }
        if matches!(w.phase, Phase::Base | Phase::Build) {
            assert!(w.adjustments.iter().any(|a| a.rule == "high-mileage-cap"));
            let focuses: Vec<Focus> = s.iter().map(|(_, s)| s.focus).collect();
            assert!(
                focuses.windows(2).all(|f| f[0] != f[1]),
                "week {} repeats {focuses:?}",
                w.index
            );
        }
    }
    // Whatever the preference, normal base weeks hold 35-45 min sessions; shorter ones
    // (build and peak at maintenance volume, deload, taper, race week) say why in their
    // `session-length` reason, and none is longer than 45 min.
    for pref in [None, Some(20), Some(40), Some(60)] {
        let mut p = marathoner();
        p.preferences.session_minutes = pref;
        let plan = plan_season(&p, date(2026, 12, 1), None).expect("plan");
        for w in &plan.weeks {
            for (_, s) in sessions(w) {
                let normal = !w.deload && w.phase == Phase::Base;
                assert!(s.minutes <= 45, "week {}: {} min", w.index, s.minutes);
                if normal && s.focus != Focus::Mobility {
                    assert!(
                        (35..=45).contains(&s.minutes),
                        "{pref:?} week {} {}: {} min",
                        w.index,
                        s.focus,
                        s.minutes
                    );
                } else if s.minutes < 35 {
                    let why = s
                        .why
                        .iter()
                        .find(|y| y.rule == "session-length")
                        .expect("reason");
                    assert!(
                        why.text.contains("deload")
                            || why.text.contains("for normal weeks")
                            || why.text.contains("holds fewer sets"),
                        "week {}: {}",
                        w.index,
                        why.text
                    );
                }
            }
        }
    }
    // The second session rotates between upper body and core from week to week.
    let second = |w: &PlanWeek| {
        sessions(w)
            .iter()
            .map(|(_, s)| s.focus)
            .filter(|f| *f != Focus::Lower)
            .collect::<Vec<_>>()
    };
    assert_ne!(second(&plan.weeks[0]), second(&plan.weeks[1]));
}

#[test]
fn failed_screen_gets_bodyweight_and_mobility_only() {
    let mut p = alex();
    p.athlete.movement_screen = MovementScreen::Fail;
    p.athlete.equipment.push(crate::model::Equipment::Barbell);
    let plan = plan_season(&p, date(2026, 12, 1), None).expect("plan");
    assert_sound(&plan);
    let mut seen = 0;
    for w in &plan.weeks {
        for (_, s) in sessions(w) {
            seen += 1;
            assert_eq!(s.intensity, Intensity::Bodyweight);
            assert!(s.why.iter().any(|y| y.rule == "movement-screen"));
            for e in &s.exercises {
                assert_eq!(
                    e.equipment,
                    vec![crate::model::Equipment::Bodyweight],
                    "{}",
                    e.id
                );
                assert!(e.load.is_none());
            }
            assert!(
                s.exercises.iter().any(|e| crate::exercises::find(&e.id)
                    .is_some_and(|x| x.pattern == crate::exercises::Pattern::Mobility))
                    || s.focus == Focus::Upper
                    || s.focus == Focus::Core
            );
        }
    }
    assert!(seen > 10);
}

#[test]
fn fitness_runner_gets_twelve_fitness_weeks_of_two_sessions() {
    let mut p = alex();
    p.goal = Goal::Fitness;
    p.start = None;
    let plan = plan_season(&p, date(2027, 3, 3), None).expect("plan");
    assert_eq!(plan.weeks.len(), 12);
    assert_eq!(plan.weeks[0].start, date(2027, 3, 8));
    assert!(plan.weeks.iter().all(|w| w.phase == Phase::Fitness));
    assert!(plan.weeks.iter().all(|w| sessions(w).len() == 2));
    let deloads: Vec<u32> = plan
        .weeks
        .iter()
        .filter(|w| w.deload)
        .map(|w| w.index)
        .collect();
    assert_eq!(deloads, vec![4, 8, 12]);
    // deload running: 25% less than the template
    assert!(plan.weeks[3].run_minutes <= plan.weeks[2].run_minutes * 3 / 4 + 5);
    assert_sound(&plan);
    let p2 = Profile {
        goal: Goal::OffSeason,
        ..p
    };
    let plan = plan_season(&p2, date(2027, 3, 3), Some(6)).expect("plan");
    assert_eq!(plan.weeks.len(), 6);
    assert!(plan.weeks.iter().all(|w| w.phase == Phase::OffSeason));
    assert!(sessions(&plan.weeks[0])
        .iter()
        .all(|(_, s)| s.intensity == Intensity::Heavy
            || !s.focus.loads_legs()
            || s.intensity == Intensity::Light));
}

#[test]
fn age_forty_deloads_every_third_week_and_keeps_two_sessions() {
    let mut p = alex();
    p.athlete.age = 45;
    p.weekly_km = Some(30.0); // base would ask for 3 sessions below 48 km
    let plan = plan_season(&p, date(2026, 12, 1), None).expect("plan");
    assert_sound(&plan);
    let deloads: Vec<u32> = plan
        .weeks
        .iter()
        .filter(|w| w.deload)
        .map(|w| w.index)
        .collect();
    assert_eq!(&deloads[..2], &[3, 6]);
    assert!(plan.weeks.iter().all(|w| sessions(w).len() <= 2));
    assert!(plan.weeks[0]
        .adjustments
        .iter()
        .any(|a| a.rule == "age-recovery"));
    let mut young = alex();
    young.weekly_km = Some(30.0);
    let plan = plan_season(&young, date(2026, 12, 1), None).expect("plan");
    assert_eq!(
        sessions(&plan.weeks[0]).len(),
        3,
        "base under 48 km: 3 sessions"
    );
}

#[test]
fn week_without_rest_day_is_planned_with_a_warning() {
    let mut p = alex();
    p.week[4] = run(RunType::Easy, 30.0);
    let plan = plan_season(&p, date(2026, 12, 1), None).expect("plan");
    assert!(plan.warnings.iter().any(|w| w.rule == "rest-day"));
    assert_sound(&plan);
    assert!(!plan_season(&alex(), date(2026, 12, 1), None)
        .expect("plan")
        .warnings
        .iter()
        .any(|w| w.rule == "rest-day"));
}

#[test]
fn start_not_on_a_monday_moves_back_with_a_warning() {
    let mut p = alex();
    p.start = Some(date(2027, 1, 6));
    let plan = plan_season(&p, date(2026, 12, 1), None).expect("plan");
    assert_eq!(plan.weeks[0].start, date(2027, 1, 4));
    assert!(plan
        .warnings
        .iter()
        .any(|w| w.rule == "phase-by-date" && w.text.contains("Wednesday")));
}

#[test]
fn taper_cuts_running_40_to_60_percent_and_keeps_one_light_session() {
    let plan = plan_season(&alex(), date(2026, 12, 1), None).expect("plan");
    let usual = plan.weeks[0].run_minutes as f64;
    for w in plan.weeks.iter().filter(|w| w.phase == Phase::Taper) {
        let cut = 1.0 - w.run_minutes as f64 / usual;
        assert!((0.4..=0.6).contains(&cut), "week {} cut {cut}", w.index);
        let s = sessions(w);
        assert_eq!(s.len(), 1);
        assert!(matches!(
            s[0].1.intensity,
            Intensity::Light | Intensity::Bodyweight
        ));
        // intensity kept: the same run types as the template week
        let types = |w: &PlanWeek| {
            w.days
                .iter()
                .flat_map(|d| &d.sessions)
                .filter_map(|s| match s {
                    Session::Run(r) => Some(r.run_type),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(types(w), types(&plan.weeks[0]));
    }
}

#[test]
fn race_week_has_one_early_upper_core_or_mobility_session() {
    let plan = plan_season(&alex(), date(2026, 12, 1), None).expect("plan");
    let w = plan.weeks.last().expect("race week");
    let s = sessions(w);
    assert!(s.len() <= 1);
    for (d, s) in s {
        assert!(d <= 2, "early in the week");
        assert!(matches!(
            s.focus,
            Focus::Upper | Focus::Core | Focus::Mobility
        ));
    }
}

#[test]
fn override_race_is_respected_and_sunday_to_monday_spacing_counts() {
    let mut p = alex();
    // Week 5: a 10k tune-up race on Saturday instead of the long run.
    let mut days: [Option<Vec<RunSpec>>; 7] = Default::default();
    days[5] = Some(vec![RunSpec {
        run_type: RunType::Race,
        minutes: None,
        km: Some(10.0),
    }]);
    p.overrides = vec![WeekOverride { week: 5, days }];
    // Monday intervals make Sunday the day before a hard run.
    p.week[0] = run(RunType::Intervals, 50.0);
    let plan = plan_season(&p, date(2026, 12, 1), None).expect("plan");
    assert_sound(&plan);
    let w5 = &plan.weeks[4];
    assert!(w5
        .adjustments
        .iter()
        .any(|a| a.rule == "run-priority" && a.text.contains("Saturday")));
    for (d, s) in sessions(w5) {
        if (2..5).contains(&d) {
            assert!(!s.focus.loads_legs(), "leg work {d} days before the race");
        }
    }
    for w in &plan.weeks {
        for (d, s) in sessions(w) {
            if d == 6 {
                assert!(!s.focus.loads_legs() && s.intensity != Intensity::Heavy);
            }
        }
    }
}

#[test]
fn one_running_day_reduces_sessions_and_says_why() {
    let mut p = alex();
    p.week = Default::default();
    p.week[2] = run(RunType::Easy, 40.0);
    p.weekly_km = Some(30.0);
    let plan = plan_season(&p, date(2026, 12, 1), None).expect("plan");
    assert_sound(&plan);
    let w = &plan.weeks[0];
    assert_eq!(sessions(w).len(), 1);
    let a = w
        .adjustments
        .iter()
        .find(|a| a.rule == "frequency-by-phase")
        .expect("adjustment");
    assert!(a.text.contains("Wednesday"), "{}", a.text);
}

#[test]
fn plan_is_deterministic_and_json_has_the_contract_fields() {
    let a = plan_season(&alex(), date(2026, 12, 1), None).expect("plan");
    let b = plan_season(&alex(), date(2026, 12, 1), None).expect("plan");
    assert_eq!(a, b);
    let j = serde_json::to_value(&a).expect("json");
    assert_eq!(j["schema"], "keel.plan/1");
    let w = &j["weeks"][0];
    for k in [
        "index",
        "start",
        "phase",
        "deload",
        "run_minutes",
        "days",
        "adjustments",
    ] {
        assert!(!w[k].is_null(), "{k}");
    }
    let d = &w["days"][1];
    assert_eq!(d["weekday"], "tue");
    assert_eq!(d["sessions"][0]["kind"], "run");
    assert_eq!(d["sessions"][1]["kind"], "strength");
    assert_eq!(d["sessions"][1]["timing"], "after_run");
    let ex = &d["sessions"][1]["exercises"][0];
    for k in ["id", "name", "sets", "reps", "rir", "tempo", "equipment"] {
        assert!(!ex[k].is_null(), "{k}");
    }
}

#[test]
fn race_week_long_run_becomes_a_short_shake_out() {
    // The marathoner's 150-min long run sits the day before the Sunday race.
    let plan = plan_season(&marathoner(), date(2026, 12, 1), None).expect("plan");
    let race_week = plan.weeks.last().expect("weeks");
    assert_eq!(race_week.phase, Phase::Race);
    let runs = |d: &PlanDay| -> Vec<(RunType, u32)> {
        d.sessions
            .iter()
            .filter_map(|s| match s {
                Session::Run(r) => Some((r.run_type, r.minutes)),
                Session::Strength(_) => None,
            })
            .collect()
    };
    assert_eq!(runs(&race_week.days[5]), vec![(RunType::Easy, 20)]);
    assert!(race_week.days[6]
        .sessions
        .iter()
        .any(|s| matches!(s, Session::Run(r) if r.run_type == RunType::Race)));
    // Race week follows its own rules: no high-mileage rotation said of it.
    assert!(!race_week
        .adjustments
        .iter()
        .any(|a| a.rule == "high-mileage-cap"));
    // A week with one session does not claim a rotation it does not have.
    for w in &plan.weeks {
        let n = sessions(w).len();
        for a in w
            .adjustments
            .iter()
            .filter(|a| a.rule == "high-mileage-cap")
        {
            assert_eq!(
                a.text.contains("rotating"),
                n >= 2,
                "week {}: {}",
                w.index,
                a.text
            );
        }
    }
}

#[test]
fn a_race_the_day_after_a_hard_run_gets_a_word() {
    let mut p = marathoner();
    let mut days: [Option<Vec<RunSpec>>; 7] = Default::default();
    days[6] = Some(vec![RunSpec {
        run_type: RunType::Race,
        minutes: None,
        km: Some(21.1),
    }]);
    p.overrides = vec![WeekOverride { week: 3, days }];
    let plan = plan_season(&p, date(2026, 12, 1), None).expect("plan");
    let said = |w: &PlanWeek| {
        w.adjustments
            .iter()
            .any(|a| a.rule == "run-priority" && a.text.contains("the day after the long run"))
    };
    assert!(said(&plan.weeks[2]), "{:#?}", plan.weeks[2].adjustments);
    // Saturday's long run stays: keel never moves runs.
    assert!(plan.weeks[2].days[5]
        .sessions
        .iter()
        .any(|s| matches!(s, Session::Run(r) if r.run_type == RunType::Long)));
    // Without a hard run the day before, nothing is said.
    let mut p = alex();
    let mut days: [Option<Vec<RunSpec>>; 7] = Default::default();
    days[5] = Some(vec![RunSpec {
        run_type: RunType::Race,
        minutes: None,
        km: Some(10.0),
    }]);
    p.overrides = vec![WeekOverride { week: 5, days }];
    let plan = plan_season(&p, date(2026, 12, 1), None).expect("plan");
    assert!(!plan.weeks.iter().any(said));
}

/// Issue 8, point 9: the ultra runner's header and high-mileage note agree on the usual week's
/// kilometres; the day after the 50 km holds no run; derived runs keep 20 minutes.
#[test]
fn an_ultra_season_says_one_weekly_distance_and_rests_after_the_race() {
    let mut p = alex();
    p.goal = Goal::Race {
        race: RaceDistance::Ultra,
        date: date(2027, 4, 24),
    };
    p.weekly_km = Some(110.0);
    p.week[4] = run(RunType::Easy, 20.0);
    let plan = plan_season(&p, date(2026, 12, 1), None).expect("plan");
    let first = &plan.weeks[0];
    assert_eq!(first.run_km, Some(110.0));
    let note = first
        .adjustments
        .iter()
        .find(|y| y.rule == "high-mileage-cap")
        .expect("high mileage note");
    assert!(note.text.starts_with("About 110 km"), "{}", note.text);
    let race_week = plan.weeks.last().expect("weeks");
    let race_day = race_week
        .days
        .iter()
        .position(|d| d.date == date(2027, 4, 24))
        .expect("race day");
    for d in &race_week.days[race_day + 1..] {
        assert!(d.sessions.is_empty(), "{}: {:?}", d.date, d.sessions);
        assert!(d.rest);
    }
    assert!(race_week
        .adjustments
        .iter()
        .any(|y| y.rule == "race-recovery"));
    // No run keel derives is shorter than 20 min (15 for race-week shake-outs), and the
    // template's 20-min Friday run keeps its length.
    for w in &plan.weeks {
        for d in &w.days {
            for s in &d.sessions {
                if let Session::Run(r) = s {
                    let floor = if w.phase == Phase::Race { 15 } else { 20 };
                    assert!(r.minutes >= floor, "week {} {}: {:?}", w.index, d.date, r);
                }
            }
        }
    }
}

/// Issue 8, point 9: a race set by an override late in a week makes the next week a
/// recovery week of easy running, with mobility only.
#[test]
fn a_tune_up_race_on_sunday_makes_the_next_week_a_recovery_week() {
    let mut p = alex();
    let mut days: [Option<Vec<RunSpec>>; 7] = Default::default();
    days[6] = Some(vec![RunSpec {
        run_type: RunType::Race,
        minutes: None,
        km: Some(10.0),
    }]);
    p.overrides = vec![WeekOverride { week: 5, days }];
    let plan = plan_season(&p, date(2026, 12, 1), None).expect("plan");
    let w = &plan.weeks[5];
    assert_eq!(w.phase, Phase::Recovery);
    for d in &w.days {
        for s in &d.sessions {
            match s {
                Session::Run(r) => assert!(!r.run_type.is_hard(), "{}: {:?}", d.date, r),
                Session::Strength(st) => assert_eq!(st.focus, Focus::Mobility),
            }
        }
    }
    // The day after the race holds no strength.
    assert!(strength(&w.days[0]).is_empty());
}
