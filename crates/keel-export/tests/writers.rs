//! The Markdown and JSON writers on a real planned season.

use jiff::civil::date;
use keel_core::check::{Level, Violation};
use keel_core::model::*;
use keel_core::plan::{Plan, Session};
use keel_export::json::{write_check_json, write_plan_json};
use keel_export::markdown::write_plan_markdown;

fn run(t: RunType, minutes: f64) -> Vec<RunSpec> {
    vec![RunSpec {
        run_type: t,
        minutes: Some(minutes),
        km: None,
    }]
}

fn plan() -> Plan {
    let profile = Profile {
        athlete: Athlete {
            name: "Pat | Lee".into(),
            age: 41,
            body_mass_kg: 60.0,
            experience: Experience::Intermediate,
            equipment: vec![Equipment::Bodyweight, Equipment::Dumbbell],
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
            race: RaceDistance::K10,
            date: date(2027, 3, 7),
        },
        start: Some(date(2027, 1, 4)),
        week: [
            run(RunType::Easy, 40.0),
            run(RunType::Intervals, 50.0),
            vec![],
            run(RunType::Tempo, 40.0),
            vec![],
            run(RunType::Long, 80.0),
            run(RunType::Easy, 30.0),
        ],
        weekly_km: None,
        overrides: vec![],
        schedule: None,
        exercise_aliases: vec![],
        strength_days: [false; 7],
    };
    keel_core::planner::plan_season(&profile, date(2026, 12, 1), None).expect("plan")
}

#[test]
fn json_round_trips_to_the_same_plan() {
    let plan = plan();
    let mut out = Vec::new();
    write_plan_json(&plan, &mut out).expect("write");
    let text = String::from_utf8(out).expect("utf8");
    assert!(text.ends_with("}\n"));
    assert!(
        text.contains("\"schema\": \"keel.plan/1\""),
        "pretty-printed"
    );
    let back: Plan = serde_json::from_str(&text).expect("parse");
    assert_eq!(back, plan);
}

#[test]
fn markdown_has_a_heading_and_table_per_week_and_every_exercise() {
    let plan = plan();
    let mut out = Vec::new();
    write_plan_markdown(&plan, &mut out).expect("write");
    let md = String::from_utf8(out).expect("utf8");
    assert!(md.starts_with("# Strength plan for Pat | Lee: 10k on 2027-03-07\n"));
    for w in &plan.weeks {
        assert!(md.contains(&format!("\n## Week {} of {}: ", w.index, plan.weeks.len())));
        for s in w.days.iter().flat_map(|d| &d.sessions) {
            if let Session::Strength(st) = s {
                for e in &st.exercises {
                    assert!(md.contains(&format!("(`{}`)", e.id)), "{}", e.id);
                }
                // Every reason is there, with its sentence once and its rule id.
                for why in &st.why {
                    assert_eq!(md.matches(why.text.as_str()).count(), 1, "{}", why.text);
                    assert!(md.contains(&format!("`{}`", why.rule)));
                }
            }
        }
    }
    assert_eq!(md.matches("| Day | Sessions |").count(), plan.weeks.len());
    // Table rows keep their pipes: nothing in a cell can break a table (the season's rows
    // have six columns, the days' two).
    for line in md
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Day") && !l.starts_with("| Week"))
    {
        let pipes = line.matches('|').count() - line.matches("\\|").count();
        assert!(pipes == 3 || pipes == 7, "{line}");
    }
    assert!(md.contains(&format!(
        "Protein: {}-{} g a day",
        plan.nutrition.protein_g[0], plan.nutrition.protein_g[1]
    )));
}

#[test]
fn check_json_has_the_schema_and_fields() {
    let v = vec![Violation {
        rule: "hard-run-24h".into(),
        severity: Level::Error,
        weekday: Weekday::Mon,
        text: "Lower body the day before intervals.".into(),
        fix: "Move it to Tuesday, after the intervals.".into(),
        edits: vec![],
    }];
    let mut out = Vec::new();
    write_check_json(&v, &mut out).expect("write");
    let json: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(json["schema"], "keel.check/1");
    assert_eq!(json["violations"][0]["rule"], "hard-run-24h");
    assert_eq!(json["violations"][0]["severity"], "error");
    assert_eq!(json["violations"][0]["weekday"], "mon");
    assert_eq!(
        json["violations"][0]["fix"],
        "Move it to Tuesday, after the intervals."
    );
    let mut empty = Vec::new();
    write_check_json(&[], &mut empty).expect("write");
    let json: serde_json::Value = serde_json::from_slice(&empty).expect("json");
    assert_eq!(json["violations"], serde_json::json!([]));
}
