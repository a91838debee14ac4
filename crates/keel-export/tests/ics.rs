//! iCalendar export: round trip through an independent parser, a pinned week, UID
//! stability, SEQUENCE bumps and line folding.

// Test fixtures are literals: a failure here is a broken test, not bad user input.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use icalendar::Component;
use jiff::civil::{date, time, Date};
use keel_core::dose::{Amount, Dose, Unit};
use keel_core::model::*;
use keel_core::plan::*;
use keel_export::ics::{write_ics, IcsOptions, SequenceRecord};

fn athlete() -> Athlete {
    Athlete {
        name: "Alex".into(),
        age: 38,
        body_mass_kg: 62.0,
        experience: Experience::Intermediate,
        equipment: vec![Equipment::Kettlebell, Equipment::Dumbbell],
        movement_screen: MovementScreen::Pass,
        units: Units::Km,
        sex: None,
        hr_rest: None,
        hr_max: None,
        avoid: vec![],
    }
}

fn run(t: RunType, minutes: u32, km: Option<f64>) -> Session {
    Session::Run(RunSession {
        run_type: t,
        minutes,
        km,
    })
}

fn lower(timing: Timing) -> Session {
    Session::Strength(StrengthSession {
        focus: Focus::Lower,
        intensity: Intensity::Moderate,
        minutes: 40,
        timing,
        warm_up: vec!["leg swings".into(), "glute bridges".into()],
        exercises: vec![
            PrescribedExercise {
                id: "goblet-squat".into(),
                name: "Goblet squat".into(),
                dose: Dose::new(
                    3,
                    Amount::new(Unit::Reps, 8, 10, false).expect("amount"),
                    Some(2),
                ),
                tempo: "3-1-1".into(),
                equipment: vec![Equipment::Kettlebell],
                load: Some("16 kg".into()),
                easier: Some("bodyweight-squat".into()),
                harder: None,
            },
            PrescribedExercise {
                id: "single-leg-rdl".into(),
                name: "Single-leg Romanian deadlift".into(),
                dose: Dose::new(
                    3,
                    Amount::new(Unit::Reps, 8, 8, false).expect("amount"),
                    Some(2),
                ),
                tempo: "3-1-1".into(),
                equipment: vec![Equipment::Dumbbell],
                load: None,
                easier: None,
                harder: None,
            },
        ],
        why: vec![
            Why::new(
                "stack-hard-days",
                "Lifting on the intervals day keeps the easy days easy; hard days hard, easy days easy.",
            ),
            Why::new("reps-by-phase", "Base phase: 8-10 reps, building a foundation; no failure."),
        ],
    })
}

fn upper() -> Session {
    Session::Strength(StrengthSession {
        focus: Focus::Upper,
        intensity: Intensity::Light,
        minutes: 30,
        timing: Timing::Separate,
        warm_up: vec![],
        exercises: vec![PrescribedExercise {
            id: "push-up".into(),
            name: "Push-up".into(),
            dose: Dose::new(
                3,
                Amount::new(Unit::Reps, 12, 12, false).expect("amount"),
                Some(3),
            ),
            tempo: "2-0-1".into(),
            equipment: vec![Equipment::Bodyweight],
            load: None,
            easier: None,
            harder: None,
        }],
        why: vec![Why::new(
            "frequency-by-phase",
            "Two sessions a week in the base phase.",
        )],
    })
}

fn week(index: u32, start: Date, lower_minutes: u32) -> PlanWeek {
    let day = |i: i64, sessions: Vec<Session>| {
        let d = start.checked_add(jiff::Span::new().days(i)).unwrap();
        PlanDay {
            date: d,
            weekday: Weekday::of(d),
            rest: sessions.is_empty(),
            sessions,
        }
    };
    let mut tue_lower = lower(Timing::AfterRun);
    if let Session::Strength(s) = &mut tue_lower {
        s.minutes = lower_minutes;
    }
    PlanWeek {
        index,
        start,
        phase: Phase::Base,
        deload: false,
        run_minutes: 330,
        run_km: None,
        days: vec![
            day(0, vec![run(RunType::Easy, 40, None)]),
            day(1, vec![run(RunType::Intervals, 60, None), tue_lower]),
            day(2, vec![run(RunType::Recovery, 30, None)]),
            day(3, vec![run(RunType::Tempo, 50, None), upper()]),
            day(4, vec![]),
            day(5, vec![run(RunType::Long, 110, None)]),
            day(6, vec![run(RunType::Easy, 45, Some(8.0))]),
        ],
        adjustments: vec![],
    }
}

fn plan(lower_minutes_week2: u32) -> Plan {
    Plan {
        schema: PLAN_SCHEMA.into(),
        athlete: athlete(),
        goal: Goal::Race {
            race: RaceDistance::Half,
            date: date(2027, 4, 25),
        },
        strategy: Strategy::Stack,
        warnings: vec![],
        weeks: vec![
            week(1, date(2027, 1, 4), 40),
            week(2, date(2027, 1, 11), lower_minutes_week2),
        ],
        nutrition: Nutrition {
            protein_g: [99, 124],
            carbohydrate_moderate_g: [310, 434],
            carbohydrate_high_g: [372, 496],
            carbohydrate_days: vec![],
            why: vec![],
        },
    }
}

fn export(plan: &Plan, opts: &IcsOptions) -> (String, Vec<SequenceRecord>) {
    let mut buf = Vec::new();
    let recs = write_ics(plan, opts, &mut buf).unwrap();
    (String::from_utf8(buf).unwrap(), recs)
}

fn unfold(s: &str) -> String {
    s.replace("\r\n ", "")
}

#[test]
fn round_trip_through_icalendar_parser_all_day() {
    let p = plan(40);
    let (text, recs) = export(&p, &IcsOptions::default());
    let cal: icalendar::Calendar = text.parse().expect("parses");
    let events: Vec<_> = cal.events().collect();
    // 6 runs + 2 strength sessions a week, two weeks.
    assert_eq!(events.len(), 16);
    assert_eq!(recs.len(), 16);

    let mut expected = Vec::new();
    for w in &p.weeks {
        for d in &w.days {
            for s in &d.sessions {
                expected.push((d.date, s.clone()));
            }
        }
    }
    assert_eq!(expected.len(), events.len());
    let mut uids = std::collections::BTreeSet::new();
    for (ev, (d, s)) in events.iter().zip(&expected) {
        let uid = ev.get_uid().expect("uid");
        assert!(uid.ends_with("@keel"), "{uid}");
        assert!(uids.insert(uid.to_string()), "duplicate uid {uid}");
        assert_eq!(ev.get_sequence(), Some(0));
        assert!(ev.get_timestamp().is_some(), "DTSTAMP present and UTC");
        let start = ev.get_start().expect("start");
        let end = ev.get_end().expect("end");
        match (start, end) {
            (icalendar::DatePerhapsTime::Date(a), icalendar::DatePerhapsTime::Date(b)) => {
                assert_eq!(a.to_string(), d.to_string());
                assert_eq!(b.to_string(), d.tomorrow().unwrap().to_string());
            }
            other => panic!("expected all-day dates, got {other:?}"),
        }
        let summary = ev.get_summary().expect("summary");
        let desc = ev.get_description().expect("description");
        match s {
            Session::Run(r) => {
                assert!(summary.contains(r.run_type.as_str()), "{summary}");
                assert!(summary.contains(&format!("{} min", r.minutes)), "{summary}");
            }
            Session::Strength(st) => {
                assert_eq!(
                    summary,
                    format!(
                        "Strength: {}, {}, {} min",
                        st.focus, st.intensity, st.minutes
                    )
                );
                for ex in &st.exercises {
                    assert!(desc.contains(&ex.name), "{desc}");
                    assert!(desc.contains(&ex.dose.to_string()), "{desc}");
                    assert!(desc.contains(&format!("tempo {}", ex.tempo)), "{desc}");
                }
                for w in &st.why {
                    assert!(desc.contains(&format!("[{}]", w.rule)), "{desc}");
                }
            }
        }
    }
}

#[test]
fn tuesday_titles_and_timing() {
    let (text, _) = export(&plan(40), &IcsOptions::default());
    let cal: icalendar::Calendar = text.parse().unwrap();
    let tue: Vec<_> = cal
        .events()
        .filter(|e| matches!(e.get_start(), Some(icalendar::DatePerhapsTime::Date(d)) if d.to_string() == "2027-01-05"))
        .collect();
    assert_eq!(tue.len(), 2);
    assert_eq!(tue[0].get_summary(), Some("Run: intervals, 60 min"));
    assert_eq!(
        tue[1].get_summary(),
        Some("Strength: lower, moderate, 40 min")
    );
    let desc = tue[1].get_description().unwrap();
    assert!(desc.contains("right after the day's run"), "{desc}");
    assert!(
        desc.contains("Goblet squat: 3 x 8-10, 2 in reserve, tempo 3-1-1, load: 16 kg"),
        "{desc}"
    );
    // Each exercise's cue, under it.
    for id in ["goblet-squat", "single-leg-rdl"] {
        let cue = keel_core::exercises::find(id).expect("in the library").cue;
        assert!(desc.contains(&format!("\n   {cue}\n")), "{id}: {desc}");
    }
    // The sunday run shows its distance.
    assert!(text.contains("SUMMARY:Run: easy\\, 8 km\\, 45 min"));
}

#[test]
fn snapshot_one_week() {
    let mut p = plan(40);
    p.weeks.truncate(1);
    let (text, _) = export(&p, &IcsOptions::default());
    insta::assert_snapshot!("one_week_all_day", text);
}

#[test]
fn timed_events_with_time_zone() {
    let mut p = plan(40);
    p.weeks.truncate(1);
    let opts = IcsOptions {
        run_time: Some(time(7, 0, 0, 0)),
        strength_time: Some(time(18, 0, 0, 0)),
        time_zone: Some(jiff::tz::TimeZone::get("Europe/Paris").unwrap()),
        ..IcsOptions::default()
    };
    let (text, _) = export(&p, &opts);
    let cal: icalendar::Calendar = text.parse().unwrap();
    let starts: Vec<String> =
        cal.events()
            .map(|e| match e.get_start().unwrap() {
                icalendar::DatePerhapsTime::DateTime(
                    icalendar::CalendarDateTime::WithTimezone { date_time, tzid },
                ) => format!("{} {tzid}", date_time),
                other => panic!("expected TZID date-time, got {other:?}"),
            })
            .collect();
    assert_eq!(starts[1], "2027-01-05 07:00:00 Europe/Paris"); // intervals
    assert_eq!(starts[2], "2027-01-05 08:00:00 Europe/Paris"); // lower, right after
    assert_eq!(starts[5], "2027-01-07 18:00:00 Europe/Paris"); // upper, separate
    let u = unfold(&text);
    assert!(u.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"));
    assert!(u.contains("TZOFFSETTO:+0100"));
    assert!(
        u.contains("TZOFFSETTO:+0200"),
        "DST observance within the year before"
    );
    insta::assert_snapshot!("one_week_timed_paris", text);
}

#[test]
fn uids_stable_across_exports_and_content() {
    let (a, ra) = export(&plan(40), &IcsOptions::default());
    let (b, rb) = export(&plan(40), &IcsOptions::default());
    assert_eq!(a, b, "same plan, byte-identical export");
    let (_, rc) = export(&plan(30), &IcsOptions::default());
    let uids = |r: &[SequenceRecord]| r.iter().map(|x| x.uid.clone()).collect::<Vec<_>>();
    assert_eq!(uids(&ra), uids(&rb));
    assert_eq!(uids(&ra), uids(&rc), "a changed session keeps its UID");
}

#[test]
fn sequence_bumps_only_for_changed_sessions() {
    let (first, r1) = export(&plan(40), &IcsOptions::default());
    let known: BTreeMap<String, SequenceRecord> =
        r1.iter().map(|r| (r.uid.clone(), r.clone())).collect();
    let opts = IcsOptions {
        known,
        ..IcsOptions::default()
    };
    // Unchanged: nothing moves.
    let (same, r_same) = export(&plan(40), &opts);
    assert_eq!(first, same);
    assert!(r_same.iter().all(|r| r.sequence == 0));
    // Week 2's Tuesday lower session shrinks to 30 min.
    let (changed, r2) = export(&plan(30), &opts);
    // The session itself, and that day's run (its description lists the day in order).
    let bumped: Vec<&SequenceRecord> = r2.iter().filter(|r| r.sequence > 0).collect();
    assert_eq!(bumped.len(), 2, "{bumped:?}");
    let cal: icalendar::Calendar = changed.parse().unwrap();
    let mut summaries: Vec<(String, String, u32)> = bumped
        .iter()
        .map(|b| {
            let ev = cal
                .events()
                .find(|e| e.get_uid() == Some(b.uid.as_str()))
                .unwrap();
            let start = format!("{:?}", ev.get_start().unwrap());
            (
                ev.get_summary().unwrap().to_string(),
                start,
                ev.get_sequence().unwrap(),
            )
        })
        .collect();
    summaries.sort();
    assert_eq!(summaries[0].0, "Run: intervals, 60 min");
    assert_eq!(summaries[1].0, "Strength: lower, moderate, 30 min");
    assert!(
        summaries
            .iter()
            .all(|s| s.1.contains("2027-01-12") && s.2 == 1),
        "{summaries:?}"
    );
    // And again from the new records: a second change goes to 2.
    let known2 = r2.iter().map(|r| (r.uid.clone(), r.clone())).collect();
    let (_, r3) = export(
        &plan(20),
        &IcsOptions {
            known: known2,
            ..IcsOptions::default()
        },
    );
    assert_eq!(r3.iter().map(|r| r.sequence).max(), Some(2));
}

#[test]
fn weeks_from_today() {
    let p = plan(40);
    let opts = IcsOptions {
        from: Some(date(2027, 1, 13)),
        ..IcsOptions::default()
    };
    let (text, recs) = export(&p, &opts);
    assert_eq!(recs.len(), 8);
    assert!(!text.contains("DTSTART;VALUE=DATE:20270104"));
    assert!(
        text.contains("DTSTART;VALUE=DATE:20270111"),
        "the whole current week"
    );
    let before = IcsOptions {
        from: Some(date(2026, 12, 1)),
        weeks: Some(1),
        ..IcsOptions::default()
    };
    assert_eq!(
        export(&p, &before).1.len(),
        8,
        "before the plan: its first week"
    );
}

#[test]
fn long_lines_fold_at_75_octets_and_unfold_back() {
    let mut p = plan(40);
    if let Session::Strength(s) = &mut p.weeks[0].days[1].sessions[1] {
        s.why.push(Why::new(
            "soreness-vs-running",
            "Legs still sore (4/5) — the lunges are swapped for step-ups; ünïcödé text, commas, semicolons; and a backslash \\ must survive folding intact.",
        ));
    }
    let (text, _) = export(&p, &IcsOptions::default());
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains('\n'), "bare LF in {line:?}");
    }
    assert!(
        text.lines().count() > 0 && text.contains("\r\n "),
        "something was folded"
    );
    let cal: icalendar::Calendar = text.parse().unwrap();
    let desc = cal
        .events()
        .find_map(|e| {
            e.get_description()
                .filter(|d| d.contains("soreness-vs-running"))
        })
        .unwrap()
        .to_string();
    assert!(
        desc.contains("ünïcödé text") && desc.contains("swapped for step-ups"),
        "{desc}"
    );
}
