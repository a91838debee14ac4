//! Unit tests of adaptation, on a hand-built plan.

use super::*;
use crate::activity::{LoggedSet, SetType, StrengthWorkout};
use crate::exercises;
use crate::model::{
    Athlete, Equipment, Experience, Focus, Goal, Intensity, MovementScreen, MuscleGroup, Phase,
    RunType, Strategy, Units, Weekday,
};
use crate::plan::{
    Nutrition, PlanDay, PrescribedExercise, RunSession, Session, StrengthSession, Timing, Why,
    PLAN_SCHEMA,
};
use crate::readiness::{self, Severity, Signal};
use jiff::civil::date;

/// A prescribed exercise from the library, equipped with `eq`.
fn ex(id: &str, eq: Equipment) -> PrescribedExercise {
    let x = exercises::find(id).expect("library exercise");
    PrescribedExercise {
        id: id.to_string(),
        name: x.name.to_string(),
        dose: crate::prescription::dose_of(x, Phase::Base, 3, 2),
        tempo: "3-1-1".to_string(),
        equipment: vec![eq],
        load: None,
        easier: x.easier.map(str::to_string),
        harder: x.harder.map(str::to_string),
    }
}

fn strength(focus: Focus, intensity: Intensity) -> Session {
    let exercises = match focus {
        Focus::Lower => vec![
            ex("goblet-squat", Equipment::Kettlebell),
            ex("romanian-deadlift", Equipment::Dumbbell),
        ],
        Focus::Upper => vec![ex("push-up", Equipment::Bodyweight)],
        _ => vec![
            ex("reverse-lunge", Equipment::Dumbbell),
            ex("bent-over-row", Equipment::Dumbbell),
            ex("dead-bug", Equipment::Bodyweight),
        ],
    };
    Session::Strength(StrengthSession {
        focus,
        intensity,
        minutes: 40,
        timing: Timing::AfterRun,
        warm_up: vec!["leg swings".to_string()],
        exercises,
        why: vec![Why::new("stack-hard-days", "placed after the quality run")],
    })
}

fn run(t: RunType, minutes: u32) -> Session {
    Session::Run(RunSession {
        run_type: t,
        minutes,
        km: None,
    })
}

/// The usual week: Mon easy + light upper, Tue intervals + lower, Wed recovery, Thu tempo
/// + full, Fri rest, Sat long, Sun easy.
fn week(index: u32, start: Date, long: u32) -> PlanWeek {
    let days: Vec<Vec<Session>> = vec![
        vec![
            run(RunType::Easy, 40),
            strength(Focus::Upper, Intensity::Light),
        ],
        vec![
            run(RunType::Intervals, 50),
            strength(Focus::Lower, Intensity::Heavy),
        ],
        vec![run(RunType::Recovery, 30)],
        vec![
            run(RunType::Tempo, 45),
            strength(Focus::Full, Intensity::Moderate),
        ],
        vec![],
        vec![run(RunType::Long, long)],
        vec![run(RunType::Easy, 30)],
    ];
    let days: Vec<PlanDay> = days
        .into_iter()
        .enumerate()
        .map(|(i, sessions)| {
            let d = start
                .checked_add(jiff::Span::new().days(i as i64))
                .expect("test date");
            PlanDay {
                date: d,
                weekday: Weekday::of(d),
                rest: sessions.is_empty(),
                sessions,
            }
        })
        .collect();
    let run_minutes = 40 + 50 + 30 + 45 + long + 30;
    PlanWeek {
        index,
        start,
        phase: Phase::Base,
        deload: false,
        run_minutes,
        run_km: None,
        days,
        adjustments: Vec::new(),
    }
}

fn plan(longs: &[u32]) -> Plan {
    let mut start = date(2025, 3, 3);
    let mut weeks = Vec::new();
    for (i, &l) in longs.iter().enumerate() {
        weeks.push(week(i as u32 + 1, start, l));
        start = start
            .checked_add(jiff::Span::new().days(7))
            .expect("test date");
    }
    Plan {
        schema: PLAN_SCHEMA.to_string(),
        athlete: Athlete {
            name: "Ada".to_string(),
            age: 34,
            body_mass_kg: 60.0,
            experience: Experience::Intermediate,
            equipment: vec![Equipment::Dumbbell, Equipment::Kettlebell],
            movement_screen: MovementScreen::Pass,
            units: Units::Km,
            sex: None,
            hr_rest: None,
            hr_max: None,
            avoid: vec![],
        },
        goal: Goal::Fitness,
        strategy: Strategy::Stack,
        warnings: Vec::new(),
        weeks,
        nutrition: Nutrition {
            protein_g: [96, 132],
            carbohydrate_moderate_g: [300, 420],
            carbohydrate_high_g: [360, 600],
            carbohydrate_days: Vec::new(),
            why: Vec::new(),
        },
    }
}

fn signal(name: &'static str, text: &str) -> Signal {
    Signal {
        name,
        rule: if name == "poor-sleep" {
            "sleep"
        } else {
            "overtraining-signals"
        },
        severity: Severity::Moderate,
        text: text.to_string(),
    }
}

fn summary(a: &Adapted) -> Vec<(String, String, &'static str, String)> {
    a.changes
        .iter()
        .map(|c| {
            (
                c.date.to_string(),
                c.rule.clone(),
                c.kind.as_str(),
                c.text.clone(),
            )
        })
        .collect()
}

fn day(p: &Plan, d: Date) -> &PlanDay {
    p.weeks
        .iter()
        .flat_map(|w| w.days.iter())
        .find(|x| x.date == d)
        .expect("day in plan")
}

fn strength_of(p: &Plan, d: Date) -> Option<&StrengthSession> {
    day(p, d).sessions.iter().find_map(|s| match s {
        Session::Strength(st) => Some(st),
        Session::Run(_) => None,
    })
}

fn run_of(p: &Plan, d: Date) -> Option<&RunSession> {
    day(p, d).sessions.iter().find_map(|s| match s {
        Session::Run(r) => Some(r),
        Session::Strength(_) => None,
    })
}

#[test]
fn nothing_in_changes_nothing() {
    let p = plan(&[90, 90, 90, 90]);
    let a = adjust(&p, date(2025, 3, 19), &AdaptInputs::default());
    assert!(a.changes.is_empty());
    // Only loads were filled: the structure is the same.
    assert_eq!(a.plan.weeks[2].days.len(), p.weeks[2].days.len());
    for (x, y) in a.plan.weeks.iter().zip(&p.weeks) {
        assert_eq!(x.adjustments, y.adjustments);
    }
}

#[test]
fn three_short_nights_and_high_fatigue_scale_back_and_soften_the_next_hard_run() {
    let p = plan(&[90, 90, 90, 90]);
    let inputs = AdaptInputs {
        signals: vec![
            signal("poor-sleep", "under 7 h on 3 of the last 5 nights"),
            signal(
                "persistent-fatigue",
                "fatigue 4 or worse on 3 of the last 4 days",
            ),
        ],
        ..AdaptInputs::default()
    };
    let a = adjust(&p, date(2025, 3, 18), &inputs);
    let why = "Under 7 h on 3 of the last 5 nights; fatigue 4 or worse on 3 of the last 4 days";
    // One line per session, each a final state: the run first, then the strength.
    assert_eq!(
        summary(&a),
        vec![
            (
                "2025-03-18".to_string(),
                "overtraining-signals".to_string(),
                "run-to-cross",
                format!(
                    "{why}: keel changed your run: Tuesday's intervals run becomes 45 min of \
                     easy cross-training. This is the only case where keel touches a run, \
                     because the signs are strong."
                )
            ),
            (
                "2025-03-18".to_string(),
                "overtraining-signals".to_string(),
                "to-mobility",
                format!("{why}: Tuesday's lower-body session becomes mobility work.")
            ),
            (
                "2025-03-20".to_string(),
                "overtraining-signals".to_string(),
                "to-mobility",
                format!("{why}: Thursday's full-body session becomes mobility work.")
            ),
        ]
    );
    let tue = run_of(&a.plan, date(2025, 3, 18)).expect("run");
    assert_eq!((tue.run_type, tue.minutes), (RunType::Cross, 45));
    // Monday is past: untouched. The week records the changes.
    assert_eq!(
        strength_of(&a.plan, date(2025, 3, 17)).map(|s| s.focus),
        Some(Focus::Upper)
    );
    assert_eq!(a.plan.weeks[2].adjustments.len(), 3);
    assert_eq!(
        strength_of(&a.plan, date(2025, 3, 20)).map(|s| s.why.last().map(|w| w.rule.clone())),
        Some(Some("overtraining-signals".to_string()))
    );
    // Next week's structure is untouched (only loads are filled).
    assert!(a.plan.weeks[3].adjustments.is_empty());
    for (x, y) in a.plan.weeks[3].days.iter().zip(&p.weeks[3].days) {
        assert_eq!(x.sessions.len(), y.sessions.len());
        assert_eq!(x.rest, y.rest);
    }
}

#[test]
fn one_sign_gives_a_rest_day_or_mobility_and_lighter_sessions_but_never_touches_runs() {
    let p = plan(&[90, 90, 90, 90]);
    let inputs = AdaptInputs {
        signals: vec![signal("poor-sleep", "under 7 h on 3 of the last 5 nights")],
        ..AdaptInputs::default()
    };
    let a = adjust(&p, date(2025, 3, 17), &inputs);
    let s = summary(&a);
    assert_eq!(s[0].1, "sleep");
    assert_eq!(s[0].2, "to-mobility");
    assert_eq!(
        s[0].3,
        "Under 7 h on 3 of the last 5 nights: Monday's upper-body session becomes mobility work."
    );
    assert_eq!(
        s[1..]
            .iter()
            .map(|c| (c.0.as_str(), c.2))
            .collect::<Vec<_>>(),
        vec![
            ("2025-03-18", "lower-intensity"),
            ("2025-03-20", "lower-intensity")
        ]
    );
    assert_eq!(
        s[1].3,
        "Under 7 h on 3 of the last 5 nights: Tuesday's session is moderate instead of heavy, \
         with one more rep in reserve."
    );
    for (x, y) in a.plan.weeks[2].days.iter().zip(&p.weeks[2].days) {
        assert_eq!(
            x.sessions
                .iter()
                .filter(|s| matches!(s, Session::Run(_)))
                .collect::<Vec<_>>(),
            y.sessions
                .iter()
                .filter(|s| matches!(s, Session::Run(_)))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn illness_rests_the_next_hard_run_and_adds_a_rest_day() {
    let p = plan(&[90, 90, 90, 90]);
    let inputs = AdaptInputs {
        signals: vec![signal("illness", "ill today")],
        ..AdaptInputs::default()
    };
    let a = adjust(&p, date(2025, 3, 19), &inputs);
    let s = summary(&a);
    // One line a day: Wednesday's rest, Thursday's run with its session.
    assert_eq!(
        s.iter().map(|c| (c.0.as_str(), c.2)).collect::<Vec<_>>(),
        vec![("2025-03-19", "rest-day"), ("2025-03-20", "run-to-rest")]
    );
    assert_eq!(
        s[0].3,
        "Ill today: Wednesday becomes an extra rest day (the recovery run off). keel changed \
         your run here because the signs are strong."
    );
    assert!(
        s[1].3.contains("keel changed your run") && s[1].3.contains("the full-body session is off"),
        "{}",
        s[1].3
    );
    assert!(day(&a.plan, date(2025, 3, 19)).rest);
    assert!(day(&a.plan, date(2025, 3, 20)).rest);
    // The long run on Saturday is not the next hard run: it stays.
    assert_eq!(
        run_of(&a.plan, date(2025, 3, 22)).map(|r| r.run_type),
        Some(RunType::Long)
    );
}

#[test]
fn sore_legs_the_day_before_intervals_move_the_lower_body_session_to_an_easy_day() {
    let p = plan(&[90, 90, 90, 90]);
    let inputs = AdaptInputs {
        soreness_legs: vec![(date(2025, 3, 17), 4)],
        ..AdaptInputs::default()
    };
    let a = adjust(&p, date(2025, 3, 17), &inputs);
    assert_eq!(
        summary(&a),
        vec![(
            "2025-03-23".to_string(),
            "soreness-vs-running".to_string(),
            "move",
            "Leg soreness 4/5 on Monday, the day before Tuesday's intervals run: \
             Tuesday's lower-body session moves to Sunday."
                .to_string()
        )]
    );
    assert!(strength_of(&a.plan, date(2025, 3, 18)).is_none());
    let sun = strength_of(&a.plan, date(2025, 3, 23)).expect("moved");
    assert_eq!((sun.focus, sun.timing), (Focus::Lower, Timing::AfterRun));
    // On Tuesday, the day of the intervals, Monday's soreness still holds: same change.
    let tue = adjust(&p, date(2025, 3, 18), &inputs);
    assert_eq!(summary(&tue), summary(&a));
    // Later in the week the moved session stays on Sunday and shows on Sunday only, not on
    // Tuesday, past, as well (issue 8: the same session on two days).
    let fri = adjust(&p, date(2025, 3, 21), &inputs);
    assert_eq!(summary(&fri), summary(&a));
    assert!(strength_of(&fri.plan, date(2025, 3, 23)).is_some());
    assert!(strength_of(&fri.plan, date(2025, 3, 18)).is_none());
    // Soreness again on Friday, the day before the long run: the next lower-body session is
    // the one already moved to Sunday, and a session moves once.
    let twice = AdaptInputs {
        soreness_legs: vec![(date(2025, 3, 17), 4), (date(2025, 3, 21), 5)],
        ..AdaptInputs::default()
    };
    let again = adjust(&p, date(2025, 3, 21), &twice);
    assert_eq!(summary(&again), summary(&a));
    assert!(strength_of(&again.plan, date(2025, 3, 23)).is_some());
    // Next week it is over.
    assert!(adjust(&p, date(2025, 3, 24), &inputs).changes.is_empty());
    // The intervals themselves stay.
    assert_eq!(
        run_of(&a.plan, date(2025, 3, 18)).map(|r| r.run_type),
        Some(RunType::Intervals)
    );
}

#[test]
fn sore_legs_with_no_valid_later_day_lighten_the_session() {
    let mut p = plan(&[90, 90, 90, 90]);
    // Sunday now holds hills: no later day can take a lower-body session.
    p.weeks[2].days[6].sessions = vec![run(RunType::Hills, 40)];
    p.weeks[3].days[0].sessions = vec![run(RunType::Tempo, 40)];
    let inputs = AdaptInputs {
        soreness_legs: vec![(date(2025, 3, 17), 5)],
        ..AdaptInputs::default()
    };
    let a = adjust(&p, date(2025, 3, 17), &inputs);
    let s = summary(&a);
    assert_eq!(s.len(), 1);
    assert_eq!((s[0].0.as_str(), s[0].2), ("2025-03-18", "lighten"));
    assert_eq!(
        s[0].3,
        "Leg soreness 5/5 on Monday, the day before Tuesday's intervals run: Tuesday's \
         lower-body session is lightened to core work."
    );
    let tue = strength_of(&a.plan, date(2025, 3, 18)).expect("lightened");
    assert_eq!((tue.focus, tue.intensity), (Focus::Core, Intensity::Light));
    assert!(!tue.exercises.is_empty());
    for e in &tue.exercises {
        let x = exercises::find(&e.id).expect("library");
        assert!(!x.muscles.contains(&MuscleGroup::Legs), "{}", e.id);
    }
}

#[test]
fn mild_soreness_or_no_key_run_tomorrow_changes_nothing() {
    let p = plan(&[90, 90, 90, 90]);
    let sore3 = AdaptInputs {
        soreness_legs: vec![(date(2025, 3, 17), 3)],
        ..AdaptInputs::default()
    };
    assert!(adjust(&p, date(2025, 3, 17), &sore3).changes.is_empty());
    let sore5 = AdaptInputs {
        soreness_legs: vec![(date(2025, 3, 18), 5)],
        ..AdaptInputs::default()
    };
    // Tuesday: Wednesday holds a recovery run.
    assert!(adjust(&p, date(2025, 3, 18), &sore5).changes.is_empty());
}

/// A logged increase: this week's load against 3 weeks of 100.
fn load(pct: f64, long: Option<f64>) -> AdaptInputs {
    AdaptInputs {
        run_load: vec![(
            "logged".to_string(),
            readiness::run_load_increase(
                100.0 + pct,
                &[100.0, 100.0, 100.0],
                long.map(|_| 100.0),
                long.map(|g| 100.0 + g),
            ),
        )],
        ..AdaptInputs::default()
    }
}

#[test]
fn running_up_25_percent_cuts_a_set_and_simplifies_but_keeps_sessions() {
    let p = plan(&[90, 90, 90, 90]);
    let a = adjust(&p, date(2025, 3, 19), &load(25.0, None));
    let why = "Running load is up 25% on the mean of the weeks before (logged)";
    // One change of the session, in one line.
    assert_eq!(
        summary(&a),
        vec![(
            "2025-03-20".to_string(),
            "run-load-increase".to_string(),
            "simplify",
            format!("{why}: one set fewer per exercise and simpler exercises on Thursday (Reverse lunge -> Split squat, Bent-over row -> Inverted row).")
        ),]
    );
    let thu = strength_of(&a.plan, date(2025, 3, 20)).expect("kept");
    assert_eq!(
        thu.exercises
            .iter()
            .map(|e| (e.id.as_str(), e.dose.sets))
            .collect::<Vec<_>>(),
        vec![("split-squat", 2), ("inverted-row", 2), ("dead-bug", 2)]
    );
    assert_eq!(thu.exercises[0].name, "Split squat");
    assert_eq!(thu.exercises[0].easier.as_deref(), Some("bodyweight-squat"));
    // Running is never cut by this rule.
    for (x, y) in a.plan.weeks[2].days.iter().zip(&p.weeks[2].days) {
        assert_eq!(run_of_day(x), run_of_day(y));
    }
}

fn run_of_day(d: &PlanDay) -> Vec<&Session> {
    d.sessions
        .iter()
        .filter(|s| matches!(s, Session::Run(_)))
        .collect()
}

#[test]
fn running_up_12_percent_only_cuts_a_set() {
    let p = plan(&[90, 90, 90, 90]);
    let a = adjust(&p, date(2025, 3, 19), &load(12.0, None));
    assert_eq!(
        a.changes.iter().map(|c| c.kind).collect::<Vec<_>>(),
        vec![ChangeKind::FewerSets]
    );
    let a = adjust(&p, date(2025, 3, 19), &load(10.0, None));
    assert!(a.changes.is_empty());
}

#[test]
fn running_up_35_percent_also_drops_one_session() {
    let p = plan(&[90, 90, 90, 90]);
    let a = adjust(&p, date(2025, 3, 17), &load(35.0, None));
    let s = summary(&a);
    assert_eq!(
        s[0],
        (
            "2025-03-20".to_string(),
            "run-load-increase".to_string(),
            "drop-session",
            "Running load is up 35% on the mean of the weeks before (logged): one strength \
             session fewer this week (Thursday's full-body session is dropped). Running is \
             not cut."
                .to_string()
        )
    );
    assert!(strength_of(&a.plan, date(2025, 3, 20)).is_none());
    assert_eq!(
        s[1..]
            .iter()
            .map(|c| (c.0.as_str(), c.2))
            .collect::<Vec<_>>(),
        vec![("2025-03-17", "simplify"), ("2025-03-18", "simplify"),]
    );
    // Thursday keeps its tempo run and is not a rest day.
    assert!(!day(&a.plan, date(2025, 3, 20)).rest);
}

#[test]
fn one_session_fewer_never_goes_below_one() {
    let p = plan(&[90, 90, 90, 90]);
    // Saturday: only Sunday is left and it holds no strength: the week keeps its sessions.
    let a = adjust(&p, date(2025, 3, 22), &load(40.0, None));
    assert!(a.changes.is_empty());
    let mut p = plan(&[90, 90, 90, 90]);
    for d in [0, 3] {
        p.weeks[2].days[d]
            .sessions
            .retain(|s| matches!(s, Session::Run(_)));
    }
    let a = adjust(&p, date(2025, 3, 17), &load(40.0, None));
    assert!(a.changes.iter().all(|c| c.kind != ChangeKind::DropSession));
    assert!(strength_of(&a.plan, date(2025, 3, 18)).is_some());
}

#[test]
fn a_long_run_25_percent_longer_than_before_drops_one_session_and_lightens_the_rest() {
    // Weeks 1-3 long runs of 100 min, week 4 of 125: the plan itself says so.
    let p = plan(&[100, 100, 100, 125]);
    let inc = planned_run_load(&p, 3).expect("increase");
    assert_eq!(
        inc.long_run_increase.map(|g| (g * 100.0).round()),
        Some(25.0)
    );
    assert!(inc.increase.is_some_and(|i| i < 0.10), "{inc:?}");
    let a = adjust(&p, date(2025, 3, 24), &AdaptInputs::default());
    let s = summary(&a);
    assert_eq!(
        s[..1],
        [(
            "2025-03-27".to_string(),
            "run-load-increase".to_string(),
            "drop-session",
            "The long run is 25% longer than your longest before (planned): one strength \
             session fewer this week (Thursday's full-body session is dropped). Running is \
             not cut."
                .to_string()
        )]
    );
    // The tiers are cumulative: the sessions left lose a set and are simplified.
    assert_eq!(
        s[1..]
            .iter()
            .map(|c| (c.0.as_str(), c.2))
            .collect::<Vec<_>>(),
        vec![("2025-03-24", "simplify"), ("2025-03-25", "simplify"),]
    );
}

#[test]
fn very_hard_lifting_the_day_before_a_tempo_run_suggests_an_easy_run() {
    let p = plan(&[90, 90, 90, 90]);
    let inputs = AdaptInputs {
        last_strength: Some(LastStrength {
            date: date(2025, 3, 19),
            rpe: Some(9.5),
        }),
        ..AdaptInputs::default()
    };
    let a = adjust(&p, date(2025, 3, 20), &inputs);
    assert_eq!(
        summary(&a),
        vec![(
            "2025-03-20".to_string(),
            "soreness-vs-running".to_string(),
            "suggest",
            "Wednesday's strength session was rated RPE 9.5: consider running Thursday's \
             tempo run easy, or resting. keel does not change the run for you."
                .to_string()
        )]
    );
    assert_eq!(
        run_of(&a.plan, date(2025, 3, 20)).map(|r| r.run_type),
        Some(RunType::Tempo)
    );
    // RPE 8 is not very hard; an RPE 9.5 session before an easy day says nothing.
    let mild = AdaptInputs {
        last_strength: Some(LastStrength {
            date: date(2025, 3, 19),
            rpe: Some(8.0),
        }),
        ..AdaptInputs::default()
    };
    assert!(adjust(&p, date(2025, 3, 20), &mild).changes.is_empty());
    let easy_next = AdaptInputs {
        last_strength: Some(LastStrength {
            date: date(2025, 3, 18),
            rpe: Some(9.5),
        }),
        ..AdaptInputs::default()
    };
    assert!(adjust(&p, date(2025, 3, 19), &easy_next).changes.is_empty());
}

#[test]
fn slow_recovery_prefers_two_sessions_over_three() {
    let p = plan(&[90, 90, 90, 90]);
    let inputs = AdaptInputs {
        signals: vec![signal(
            "lingering-soreness",
            "leg soreness 3 or worse for 3 days in a row",
        )],
        ..AdaptInputs::default()
    };
    let a = adjust(&p, date(2025, 3, 17), &inputs);
    let s = summary(&a);
    assert_eq!(
        s[..1],
        [(
            "2025-03-20".to_string(),
            "age-recovery".to_string(),
            "drop-session",
            "Leg soreness 3 or worse for 3 days in a row: recovery is slow, so 2 strength \
             sessions this week instead of 3 (Thursday's full-body session is dropped)."
                .to_string()
        )]
    );
    // Lingering soreness is also a sign: the lower-body session left becomes mobility;
    // Monday's upper-body session is already light and does not load the legs.
    assert_eq!(
        s[1..]
            .iter()
            .map(|c| (c.0.as_str(), c.1.as_str(), c.2))
            .collect::<Vec<_>>(),
        vec![("2025-03-18", "overtraining-signals", "to-mobility")]
    );
}

fn set(exercise: &str, kg: f64, reps: u32, rir: f64) -> LoggedSet {
    LoggedSet {
        exercise: exercise.to_string(),
        order: 1,
        weight_kg: Some(kg),
        reps: Some(reps),
        rpe: None,
        rir: Some(rir),
        set_type: SetType::Normal,
        duration_s: None,
    }
}

fn workout(d: Date, sets: Vec<LoggedSet>) -> StrengthWorkout {
    StrengthWorkout {
        source: "manual".to_string(),
        date: d,
        start: None,
        name: "lower".to_string(),
        duration_s: None,
        rpe: None,
        notes: None,
        sets,
    }
}

/// Week 3 in build (8-10 reps), with Tuesday's lower-body session as in `week`.
fn build_plan() -> Plan {
    let mut p = plan(&[90, 90, 90, 90]);
    for w in &mut p.weeks {
        w.phase = Phase::Build;
        for d in &mut w.days {
            for s in &mut d.sessions {
                if let Session::Strength(st) = s {
                    for e in &mut st.exercises {
                        e.dose.amount = crate::prescription::dose_of(
                            exercises::find(&e.id).expect("library"),
                            Phase::Build,
                            3,
                            2,
                        )
                        .amount;
                    }
                }
            }
        }
    }
    p
}

#[test]
fn three_by_twelve_at_16_kg_with_2_in_reserve_moves_up_one_step_per_equipment() {
    let p = build_plan();
    let sets = ["goblet-squat", "romanian-deadlift"]
        .iter()
        .flat_map(|e| (0..3).map(move |_| set(e, 16.0, 12, 2.0)))
        .collect();
    let inputs = AdaptInputs {
        workouts: vec![workout(date(2025, 3, 11), sets)],
        ..AdaptInputs::default()
    };
    let a = adjust(&p, date(2025, 3, 17), &inputs);
    assert!(a.changes.is_empty());
    let tue = strength_of(&a.plan, date(2025, 3, 18)).expect("lower");
    let ex: Vec<(&str, u32, String)> = tue
        .exercises
        .iter()
        .map(|e| (e.id.as_str(), e.dose.sets, e.dose.amount.to_string()))
        .collect();
    assert_eq!(
        ex,
        vec![
            ("goblet-squat", 3, "8-10".to_string()),
            ("romanian-deadlift", 3, "8-10".to_string())
        ]
    );
    // Kettlebell: the next size; dumbbells: 2 kg steps.
    let kb = tue.exercises[0].load.as_deref().expect("load");
    let db = tue.exercises[1].load.as_deref().expect("load");
    assert!(kb.starts_with("20 kg ("), "{kb}");
    assert!(
        kb.contains("16 kg") && kb.contains("next kettlebell size"),
        "{kb}"
    );
    assert!(db.starts_with("18 kg ("), "{db}");
    assert!(
        db.contains("12, 12, 12") && db.contains("2 in reserve"),
        "{db}"
    );
    assert!(tue.why.iter().any(|w| w.rule == "progression"));
    // Thursday's full-body exercises have no history: choose a load with reserve, and
    // bodyweight work gets no load.
    let thu = strength_of(&a.plan, date(2025, 3, 20)).expect("full");
    assert_eq!(thu.exercises[0].load.as_deref(), Some(NO_HISTORY_LOAD));
    assert_eq!(thu.exercises[2].load, None);
}

#[test]
fn missed_reps_twice_lower_the_load_ten_percent() {
    let p = build_plan();
    let missed = |d| {
        workout(
            d,
            vec![
                set("romanian-deadlift", 20.0, 8, 1.0),
                set("romanian-deadlift", 20.0, 7, 0.0),
                set("romanian-deadlift", 20.0, 6, 0.0),
            ],
        )
    };
    let once = AdaptInputs {
        workouts: vec![missed(date(2025, 3, 13))],
        ..AdaptInputs::default()
    };
    let a = adjust(&p, date(2025, 3, 17), &once);
    let held = strength_of(&a.plan, date(2025, 3, 18))
        .expect("lower")
        .exercises[1]
        .load
        .clone()
        .expect("load");
    assert!(
        held.starts_with("20 kg (") && held.contains("hold"),
        "{held}"
    );
    let twice = AdaptInputs {
        workouts: vec![missed(date(2025, 3, 11)), missed(date(2025, 3, 13))],
        ..AdaptInputs::default()
    };
    let a = adjust(&p, date(2025, 3, 17), &twice);
    let lowered = strength_of(&a.plan, date(2025, 3, 18))
        .expect("lower")
        .exercises[1]
        .load
        .clone()
        .expect("load");
    assert!(
        lowered.starts_with("18 kg (2 sessions in a row at 20 kg"),
        "{lowered}"
    );
}

#[test]
fn deload_weeks_and_new_blocks_are_lighter_with_more_reps() {
    let mut p = build_plan();
    p.weeks[3].deload = true;
    let inputs = AdaptInputs {
        workouts: vec![workout(
            date(2025, 3, 18),
            (0..3)
                .map(|_| set("romanian-deadlift", 20.0, 9, 2.0))
                .collect(),
        )],
        ..AdaptInputs::default()
    };
    let a = adjust(&p, date(2025, 3, 24), &inputs);
    let tue = strength_of(&a.plan, date(2025, 3, 25)).expect("lower");
    let rdl = &tue.exercises[1];
    assert_eq!(rdl.dose.amount.to_string(), "10-12");
    assert!(
        rdl.load
            .as_deref()
            .is_some_and(|l| l.starts_with("16 kg (deload week")),
        "{:?}",
        rdl.load
    );
    assert!(tue.why.iter().any(|w| w.rule == "periodic-reset"));
    // A new block (base -> build) in week 4 instead: the same reset.
    let mut p = build_plan();
    for w in &mut p.weeks[..3] {
        w.phase = Phase::Base;
    }
    let a = adjust(&p, date(2025, 3, 24), &inputs);
    let rdl = &strength_of(&a.plan, date(2025, 3, 25))
        .expect("lower")
        .exercises[1];
    assert!(
        rdl.load
            .as_deref()
            .is_some_and(|l| l.contains("start of a new block")),
        "{:?}",
        rdl.load
    );
}

#[test]
fn a_date_outside_the_plan_changes_nothing() {
    let p = plan(&[90, 90]);
    let inputs = AdaptInputs {
        signals: vec![signal("illness", "ill")],
        ..AdaptInputs::default()
    };
    let a = adjust(&p, date(2025, 1, 1), &inputs);
    assert!(a.changes.is_empty());
    assert_eq!(a.plan, p);
}

#[test]
fn a_race_is_never_turned_into_cross_training() {
    let mut p = plan(&[90, 90]);
    p.weeks[1].days[5].sessions = vec![run(RunType::Race, 60)];
    p.weeks[1].days[3]
        .sessions
        .retain(|s| matches!(s, Session::Run(_)));
    let inputs = AdaptInputs {
        signals: vec![
            signal("persistent-fatigue", "tired"),
            signal("low-mood", "low"),
        ],
        ..AdaptInputs::default()
    };
    let a = adjust(&p, date(2025, 3, 14), &inputs);
    assert_eq!(
        run_of(&a.plan, date(2025, 3, 15)).map(|r| r.run_type),
        Some(RunType::Race)
    );
}

#[test]
fn every_rule_written_is_an_adaptation_rule() {
    for r in ADAPT_RULES {
        assert!(!r.is_empty());
    }
    assert_eq!(ADAPT_RULES.len(), 10);
    for r in ADAPT_RULES {
        assert!(crate::rules::exists(r), "{r}");
    }
}

#[test]
fn fuel_follows_the_day() {
    let p = plan(&[90]);
    let w = &p.weeks[0];
    let f = |i: usize| day_fuel(60.0, &w.days[i]);
    // Saturday's long run: 6-10 g/kg.
    assert_eq!(
        (f(5).load, f(5).carbohydrate_g),
        (DayLoad::High, [360, 600])
    );
    // Tuesday, 50 min intervals + 40 min strength: an hour and a half, 6-10 g/kg.
    assert_eq!(
        (f(1).load, f(1).carbohydrate_g),
        (DayLoad::High, [360, 600])
    );
    // Monday, 40 min easy + 40 min light upper body: about an hour, 5-7 g/kg.
    assert_eq!(
        (f(0).load, f(0).carbohydrate_g),
        (DayLoad::Moderate, [300, 420])
    );
    // A 60 min long run is a moderate day (the rule book's example); 5 h is very high.
    let short = plan(&[60]);
    assert_eq!(
        day_fuel(60.0, &short.weeks[0].days[5]).load,
        DayLoad::Moderate
    );
    let ultra = plan(&[300]);
    let f = day_fuel(60.0, &ultra.weeks[0].days[5]);
    assert_eq!((f.load, f.carbohydrate_g), (DayLoad::VeryHigh, [480, 720]));
    let f = |i: usize| day_fuel(60.0, &w.days[i]);
    // Wednesday, 30 min recovery: light 3-5 g/kg; Friday rest: the same range.
    assert_eq!(
        (f(2).load, f(2).carbohydrate_g),
        (DayLoad::Light, [180, 300])
    );
    assert_eq!(
        (f(4).load, f(4).carbohydrate_g),
        (DayLoad::Rest, [180, 300])
    );
    assert_eq!(f(4).protein_g, [96, 132]);
    assert_eq!(f(5).why[1].rule, "carbohydrate");
    assert_eq!(day_fuel(f64::NAN, &w.days[5]).protein_g, [0, 0]);
}
