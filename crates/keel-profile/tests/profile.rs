//! keel-profile against whole files: the examples, every key, and every kind of error
//! (snapshots of the messages users read).

use jiff::civil::date;
use keel_core::model::*;
use keel_profile::{parse_profile, parse_profile_as_of, parse_week, ErrorKind, ProfileError};

const ISSUE_PROFILE: &str = r#"[athlete]
name = "Alex"
age = 38
body_mass_kg = 62.0
experience = "intermediate"
equipment = ["bodyweight", "kettlebell", "dumbbell"]
movement_screen = "pass"
units = "km"

[preferences]
strategy = "stack"
session_minutes = 40

[goal]
race = "half-marathon"
race_date = "2027-04-25"

[plan]
start = "2027-01-04"

[week]
mon = "easy 40min"
tue = "intervals 60min"
wed = "recovery 30min"
thu = "tempo 50min"
fri = "rest"
sat = "long 110min"
sun = "easy 8km"
"#;

fn example(name: &str) -> String {
    let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).expect(&path)
}

fn run(t: RunType, minutes: Option<f64>, km: Option<f64>) -> RunSpec {
    RunSpec {
        run_type: t,
        minutes,
        km,
    }
}

#[test]
fn the_issue_profile_is_accepted_as_written() {
    let p = parse_profile("half.toml", ISSUE_PROFILE).expect("valid");
    assert_eq!(p.athlete.name, "Alex");
    assert_eq!(p.athlete.age, 38);
    assert_eq!(p.athlete.body_mass_kg, 62.0);
    assert_eq!(p.athlete.experience, Experience::Intermediate);
    assert_eq!(
        p.athlete.equipment,
        vec![
            Equipment::Bodyweight,
            Equipment::Kettlebell,
            Equipment::Dumbbell
        ]
    );
    assert_eq!(p.athlete.movement_screen, MovementScreen::Pass);
    assert_eq!(p.athlete.units, Units::Km);
    assert_eq!(p.preferences.strategy, Strategy::Stack);
    assert_eq!(p.preferences.session_minutes, Some(40));
    assert!(!p.preferences.correcting_weakness);
    assert_eq!(
        p.goal,
        Goal::Race {
            race: RaceDistance::Half,
            date: date(2027, 4, 25)
        }
    );
    assert_eq!(p.start, Some(date(2027, 1, 4)));
    assert_eq!(p.week[0], vec![run(RunType::Easy, Some(40.0), None)]);
    assert_eq!(p.week[1], vec![run(RunType::Intervals, Some(60.0), None)]);
    assert_eq!(p.week[4], vec![run(RunType::Rest, None, None)]);
    assert_eq!(p.week[5], vec![run(RunType::Long, Some(110.0), None)]);
    assert_eq!(p.week[6], vec![run(RunType::Easy, None, Some(8.0))]);
    assert_eq!(p.weekly_km, None);
    assert!(p.overrides.is_empty());
    assert_eq!(p.schedule, None);
    assert!(p.exercise_aliases.is_empty());
}

#[test]
fn the_half_marathon_example_is_the_issue_profile() {
    let a = parse_profile("a", ISSUE_PROFILE).expect("issue");
    let b = parse_profile("b", &example("half-marathon.toml")).expect("example");
    assert_eq!(a, b);
}

#[test]
fn the_marathon_example_uses_every_optional_table() {
    let p = parse_profile("marathon.toml", &example("marathon.toml")).expect("valid");
    assert_eq!(p.athlete.age, 44);
    assert_eq!(p.athlete.sex, Some(Sex::Male));
    assert_eq!((p.athlete.hr_rest, p.athlete.hr_max), (Some(48), Some(178)));
    assert!(p.athlete.has(Equipment::Barbell));
    assert_eq!(p.weekly_km, Some(90.0));
    assert_eq!(p.week[2].len(), 2, "two runs on Wednesday, in order");
    assert_eq!(p.week[2][1].run_type, RunType::Recovery);
    assert_eq!(p.week[5][0].minutes, Some(150.0));
    assert_eq!(p.overrides.len(), 1);
    assert_eq!(p.overrides[0].week, 10);
    assert_eq!(
        p.overrides[0].days[6],
        Some(vec![run(RunType::Race, None, Some(21.1))])
    );
    assert!(p.overrides[0].days[..6].iter().all(Option::is_none));
    let s = p.schedule.expect("schedule");
    assert_eq!(s.run_time, Some(jiff::civil::time(6, 30, 0, 0)));
    assert_eq!(s.strength_time, Some(jiff::civil::time(18, 0, 0, 0)));
    assert_eq!(s.time_zone.as_deref(), Some("Europe/Paris"));
    assert_eq!(
        p.exercise_aliases,
        vec![
            ("Squat (Barbell)".to_string(), "back-squat".to_string()),
            ("Deadlift (Barbell)".to_string(), "deadlift".to_string())
        ],
        "in file order"
    );
}

#[test]
fn the_fitness_example_has_no_race_and_reads_miles() {
    let p = parse_profile("fitness.toml", &example("fitness.toml")).expect("valid");
    assert_eq!(p.goal, Goal::Fitness);
    assert_eq!(p.start, None);
    assert_eq!(p.athlete.units, Units::Mi);
    assert_eq!(p.preferences.strategy, Strategy::Easy);
    let tue = p.week[1][0].km.expect("km");
    assert!((tue - 3.0 * KM_PER_MILE).abs() < 1e-9);
    assert_eq!(p.week[6][0].run_type, RunType::Cross);
}

const MINIMAL: &str = "[athlete]\nage = 30\nbody_mass_kg = 70\n\n[week]\nsat = \"long 1h30\"\n";

#[test]
fn defaults_fill_everything_optional() {
    let p = parse_profile("min.toml", MINIMAL).expect("valid");
    assert_eq!(p.athlete.name, "Runner");
    assert_eq!(p.athlete.experience, Experience::Intermediate);
    assert_eq!(p.athlete.equipment, vec![Equipment::Bodyweight]);
    assert_eq!(p.athlete.movement_screen, MovementScreen::Pass);
    assert_eq!(p.athlete.units, Units::Km);
    assert_eq!(p.preferences.strategy, Strategy::Stack);
    assert_eq!(p.goal, Goal::Fitness);
    assert!(
        p.week[..5].iter().all(Vec::is_empty),
        "unlisted days are rest days"
    );
    assert_eq!(p.week[5][0].minutes, Some(90.0));
}

#[test]
fn optional_keys() {
    let text = format!(
        "{MINIMAL}weekly_mi = 20\n\n[goal]\nkind = \"off-season\"\n\n[preferences]\ncorrecting_weakness = true\n"
    );
    let p = parse_profile("x.toml", &text).expect("valid");
    assert_eq!(p.goal, Goal::OffSeason);
    assert!(p.preferences.correcting_weakness);
    assert!((p.weekly_km.expect("km") - 20.0 * KM_PER_MILE).abs() < 1e-9);

    let text = MINIMAL.replace(
        "body_mass_kg = 70",
        "body_mass_kg = 70\nsex = \"female\"\nequipment = \"kettlebell\"",
    );
    let p = parse_profile("x.toml", &text).expect("valid");
    assert_eq!(p.athlete.sex, Some(Sex::Female));
    assert_eq!(
        p.athlete.equipment,
        vec![Equipment::Bodyweight, Equipment::Kettlebell]
    );
}

#[test]
fn dates_may_be_toml_dates_and_race_kind_may_be_explicit() {
    let text = ISSUE_PROFILE
        .replace(
            "race_date = \"2027-04-25\"",
            "race_date = 2027-04-25\nkind = \"race\"",
        )
        .replace("start = \"2027-01-04\"", "start = 2027-01-04");
    let p = parse_profile("x.toml", &text).expect("valid");
    assert_eq!(p.start, Some(date(2027, 1, 4)));
    assert!(matches!(p.goal, Goal::Race { .. }));
}

#[test]
fn day_lists_and_overrides() {
    let text = ISSUE_PROFILE.to_string()
        + "\n[[weeks]]\nweek = 7\nsat = \"race 21km\"\nsun = []\n\n[[weeks]]\nweek = 15\ntue = [\"easy 20min\", \"easy 20min\"]\n";
    let p = parse_profile("x.toml", &text).expect("valid");
    assert_eq!(p.overrides.len(), 2);
    assert_eq!(
        p.overrides[0].days[5],
        Some(vec![run(RunType::Race, None, Some(21.0))])
    );
    assert_eq!(
        p.overrides[0].days[6],
        Some(vec![]),
        "an empty list is a rest day"
    );
    assert_eq!(p.overrides[1].week, 15);
    assert_eq!(p.overrides[1].days[1].as_ref().map(Vec::len), Some(2));
}

#[test]
fn today_is_a_parameter_for_date_checks() {
    let no_start = ISSUE_PROFILE.replace("[plan]\nstart = \"2027-01-04\"\n", "");
    assert!(parse_profile_as_of("x", &no_start, date(2026, 11, 22)).is_ok());
    let e = parse_profile_as_of("x", &no_start, date(2027, 5, 1)).expect_err("past");
    assert!(matches!(*e.kind, ErrorKind::ImpossibleDate { .. }));
    assert!(
        e.to_string().contains("in the past (today is 2027-05-01)"),
        "{e}"
    );
    let e = parse_profile_as_of("x", &no_start, date(2025, 1, 1)).expect_err("far");
    assert!(e.to_string().contains("more than 2 years ahead"), "{e}");
    assert!(
        parse_profile("x", &no_start).is_ok(),
        "no today, no clock check"
    );
}

// ---- week files -------------------------------------------------------------------------

#[test]
fn week_files_hold_runs_and_strength_in_order() {
    let text = "[week]\nmon = [\"easy 40min\", \"strength lower heavy 40min\"]\ntue = \"intervals 60min\"\nsun = \"rest\"\n";
    let w = parse_week("w.toml", text).expect("valid");
    assert_eq!(
        w.days[0],
        vec![
            DayEntry::Run(run(RunType::Easy, Some(40.0), None)),
            DayEntry::Strength(StrengthSpec {
                focus: Focus::Lower,
                intensity: Some(Intensity::Heavy),
                minutes: Some(40.0),
                separate: false
            })
        ]
    );
    assert_eq!(w.days[1].len(), 1);
    assert!(w.days[2].is_empty());
    assert_eq!(
        w.days[6],
        vec![DayEntry::Run(run(RunType::Rest, None, None))]
    );
}

#[test]
fn am_and_pm_put_strength_before_or_after_the_days_runs() {
    let text = "[week]\nmon = [\"strength upper light 30min pm\", \"easy 40min\"]\n\
                tue = [\"tempo 50min\", \"strength lower am\"]\n\
                wed = [\"easy 30min\", \"strength core separate\"]\nsun = \"rest\"\n";
    let w = parse_week("w.toml", text).expect("valid");
    let kinds = |d: usize| -> Vec<(bool, bool)> {
        w.days[d]
            .iter()
            .map(|e| match e {
                DayEntry::Strength(s) => (true, s.separate),
                DayEntry::Run(_) => (false, false),
            })
            .collect()
    };
    assert_eq!(
        kinds(0),
        vec![(false, false), (true, true)],
        "pm: after the run"
    );
    assert_eq!(
        kinds(1),
        vec![(true, true), (false, false)],
        "am: before the run"
    );
    assert_eq!(kinds(2), vec![(false, false), (true, true)], "as written");
}

#[test]
fn a_full_profile_is_a_week_file_too() {
    let w = parse_week("half.toml", ISSUE_PROFILE).expect("valid");
    assert_eq!(
        w.days[3],
        vec![DayEntry::Run(run(RunType::Tempo, Some(50.0), None))]
    );
    assert!(w
        .days
        .iter()
        .flatten()
        .all(|e| matches!(e, DayEntry::Run(_))));
}

#[test]
fn the_rule_book_sample_weeks_parse() {
    for name in ["week-002.toml", "week-004.toml"] {
        let w = parse_week(name, &example(name)).expect(name);
        let strength = w
            .days
            .iter()
            .flatten()
            .filter(|e| matches!(e, DayEntry::Strength(_)))
            .count();
        assert!(strength >= 2, "{name}: {strength}");
    }
}

// ---- errors -----------------------------------------------------------------------------

fn profile_err(text: &str) -> ProfileError {
    match parse_profile("half.toml", text) {
        Ok(p) => panic!("accepted: {p:?}"),
        Err(e) => e,
    }
}

fn with(from: &str, to: &str) -> String {
    assert!(ISSUE_PROFILE.contains(from), "{from}");
    ISSUE_PROFILE.replacen(from, to, 1)
}

/// Line and column of `needle` (1-based), to check where an error points.
fn pos(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect(needle);
    let line = text[..at].matches('\n').count() + 1;
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, col)
}

fn located(text: &str, needle: &str) -> String {
    let e = profile_err(text);
    assert_eq!((e.line, e.column), pos(text, needle), "{e}");
    assert!(e
        .to_string()
        .starts_with(&format!("half.toml:{}:{}: ", e.line, e.column)));
    e.to_string()
}

#[test]
fn error_unknown_run_type() {
    let text = with("thu = \"tempo 50min\"", "thu = \"tempo-run 50min\"");
    insta::assert_snapshot!(located(&text, "tempo-run"));
}

#[test]
fn error_unknown_key() {
    let text = with("body_mass_kg", "bodymass_kg");
    insta::assert_snapshot!(located(&text, "bodymass_kg"));
}

#[test]
fn error_key_in_the_wrong_table() {
    let text = with(
        "start = \"2027-01-04\"",
        "start = \"2027-01-04\"\nweekly_km = 40",
    );
    insta::assert_snapshot!(located(&text, "weekly_km"));
}

#[test]
fn error_unknown_table() {
    let text = ISSUE_PROFILE.to_string() + "\n[preference]\nstrategy = \"easy\"\n";
    insta::assert_snapshot!(located(&text, "preference]"));
}

#[test]
fn error_malformed_duration() {
    let text = with("long 110min", "long 1h75");
    insta::assert_snapshot!(located(&text, "1h75"));
}

#[test]
fn error_duration_without_unit() {
    let text = with("easy 40min", "easy 40");
    insta::assert_snapshot!(located(&text, "40\""));
}

#[test]
fn error_run_without_amount() {
    let text = with("recovery 30min", "recovery");
    insta::assert_snapshot!(located(&text, "recovery\""));
}

#[test]
fn error_wrong_type() {
    let text = with("age = 38", "age = \"38\"");
    insta::assert_snapshot!(located(&text, "\"38\""));
}

#[test]
fn error_wrong_type_for_a_day() {
    let text = with("sat = \"long 110min\"", "sat = 110");
    insta::assert_snapshot!(located(&text, "110"));
}

#[test]
fn error_out_of_range() {
    let text = with("age = 38", "age = 380");
    insta::assert_snapshot!(located(&text, "380"));
}

#[test]
fn error_unknown_enum_value() {
    let text = with(
        "experience = \"intermediate\"",
        "experience = \"intermedate\"",
    );
    insta::assert_snapshot!(located(&text, "\"intermedate\""));
    let text = with(
        "\"kettlebell\", \"dumbbell\"",
        "\"kettlebells\", \"dumbbell\"",
    );
    insta::assert_snapshot!("error_unknown_equipment", located(&text, "\"kettlebells\""));
    let text = with("race = \"half-marathon\"", "race = \"half\"");
    insta::assert_snapshot!("error_unknown_race", located(&text, "\"half\""));
}

#[test]
fn error_race_before_start() {
    let text = with("race_date = \"2027-04-25\"", "race_date = \"2026-12-20\"");
    insta::assert_snapshot!(located(&text, "\"2026-12-20\""));
}

#[test]
fn error_race_too_far_ahead() {
    let text = with("race_date = \"2027-04-25\"", "race_date = \"2029-04-29\"");
    insta::assert_snapshot!(located(&text, "\"2029-04-29\""));
}

#[test]
fn error_date_that_does_not_exist() {
    let text = with("race_date = \"2027-04-25\"", "race_date = \"2027-02-30\"");
    insta::assert_snapshot!(located(&text, "\"2027-02-30\""));
    let text = with("race_date = \"2027-04-25\"", "race_date = \"25/04/2027\"");
    insta::assert_snapshot!("error_date_format", located(&text, "\"25/04/2027\""));
}

#[test]
fn error_start_not_a_monday() {
    let text = with("start = \"2027-01-04\"", "start = \"2027-01-06\"");
    insta::assert_snapshot!(located(&text, "\"2027-01-06\""));
}

#[test]
fn error_no_running_days() {
    let mut text = ISSUE_PROFILE.to_string();
    for run in [
        "easy 40min",
        "intervals 60min",
        "recovery 30min",
        "tempo 50min",
        "long 110min",
        "easy 8km",
    ] {
        text = text.replacen(run, "rest", 1);
    }
    text = text.replacen("sat = \"rest\"", "sat = \"cross 60min\"", 1);
    insta::assert_snapshot!(located(&text, "[week]"));
}

#[test]
fn error_missing_keys() {
    let text = with("age = 38\n", "");
    insta::assert_snapshot!(located(&text, "[athlete]"));
    let text = with("race_date = \"2027-04-25\"\n", "");
    insta::assert_snapshot!("error_missing_race_date", located(&text, "[goal]"));
    let e = profile_err("[week]\nmon = \"easy 30min\"\n");
    assert_eq!((e.line, e.column), (1, 1));
    insta::assert_snapshot!("error_missing_athlete", e.to_string());
}

#[test]
fn error_toml_syntax() {
    let text = with("age = 38", "age = 38 years");
    let e = profile_err(&text);
    assert!(matches!(*e.kind, ErrorKind::Syntax { .. }));
    assert_eq!(e.line, pos(&text, "age").0);
    insta::assert_snapshot!(e.to_string());
}

#[test]
fn error_conflicts() {
    let text = with(
        "race = \"half-marathon\"",
        "kind = \"fitness\"\nrace = \"half-marathon\"",
    );
    insta::assert_snapshot!("error_goal_conflict", located(&text, "race ="));
    let text = with(
        "sun = \"easy 8km\"",
        "sun = \"easy 8km\"\nweekly_km = 50\nweekly_mi = 30",
    );
    insta::assert_snapshot!("error_weekly_both", located(&text, "weekly_mi"));
    let text = with("fri = \"rest\"", "fri = [\"rest\", \"easy 20min\"]");
    insta::assert_snapshot!("error_rest_mixed", located(&text, "[\"rest\""));
    let text = ISSUE_PROFILE.to_string()
        + "[[weeks]]\nweek = 3\nsat = \"long 2h\"\n[[weeks]]\nweek = 3\nsun = \"rest\"\n";
    let at = text.rfind("week = 3").expect("second");
    let e = profile_err(&text);
    assert_eq!(e.line, text[..at].matches('\n').count() + 1);
    insta::assert_snapshot!("error_duplicate_override", e.to_string());
}

#[test]
fn error_strength_in_the_profile_week() {
    let text = with(
        "mon = \"easy 40min\"",
        "mon = [\"easy 40min\", \"strength lower 30min\"]",
    );
    insta::assert_snapshot!(located(&text, "strength lower"));
}

#[test]
fn error_schedule_and_aliases() {
    let text = ISSUE_PROFILE.to_string() + "\n[schedule]\nrun_time = \"7am\"\n";
    insta::assert_snapshot!("error_bad_time", located(&text, "\"7am\""));
    let text = ISSUE_PROFILE.to_string() + "\n[exercises]\n\"Squat (Barbell)\" = \"Back Squat\"\n";
    insta::assert_snapshot!("error_bad_alias", located(&text, "\"Back Squat\""));
}

#[test]
fn errors_point_inside_strings_and_survive_unicode() {
    let text =
        with("name = \"Alex\"", "name = \"Zoë Ångström\"").replacen("easy 8km", "easy 8kms", 1);
    let e = profile_err(&text);
    assert_eq!((e.line, e.column), pos(&text, "8kms"));
    let text = "# Zoë's week ✓\n[week]\nmon = \"éasy 40min\"\n";
    let e = parse_week("w.toml", text).expect_err("bad");
    assert_eq!((e.line, e.column), (3, 8));
}

#[test]
fn week_file_errors() {
    let text = "[week]\nmon = [\"easy 40min\", \"strength legs heavy\"]\ntue = \"intervals 1h\"\n";
    let e = parse_week("w.toml", text).expect_err("legs");
    assert_eq!((e.line, e.column), pos(text, "legs heavy"));
    insta::assert_snapshot!("week_error_focus", e.to_string());
    let text = "mon = \"easy 40min\"\n";
    let e = parse_week("w.toml", text).expect_err("top");
    insta::assert_snapshot!("week_error_day_at_top", e.to_string());
    let text = "[week]\nmon = [\"strength upper 20min\"]\n";
    let e = parse_week("w.toml", text).expect_err("no run");
    assert!(matches!(*e.kind, ErrorKind::NoRunningDays { .. }));
}

#[test]
fn error_unknown_exercise_id() {
    let text = ISSUE_PROFILE.to_string() + "\n[exercises]\n\"Squat (Barbell)\" = \"back-squats\"\n";
    insta::assert_snapshot!(located(&text, "\"back-squats\""));
}

/// The README documents the formats with examples: they must stay valid.
#[test]
fn the_readme_examples_parse() {
    let path = format!("{}/../../README.md", env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(&path).expect("README");
    let blocks: Vec<&str> = readme
        .split("```toml\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .collect();
    assert!(blocks.len() >= 2, "a profile and a week file");
    let p = parse_profile("README profile", blocks[0]).expect("README profile");
    assert_eq!(p.overrides.len(), 1);
    assert!(p.schedule.is_some() && !p.exercise_aliases.is_empty());
    assert_eq!(p.athlete.sex, Some(Sex::Female));
    let w = parse_week("README week", blocks[1]).expect("README week");
    assert_eq!(w.days[0].len(), 2);
}

/// `wed = "strength"` keeps a day without a run free for strength; it shares the day with
/// nothing, and belongs to the usual week only.
#[test]
fn strength_days_in_the_usual_week() {
    let text = with("fri = \"rest\"", "fri = \"strength\"");
    let p = parse_profile("half.toml", &text).expect("valid");
    assert_eq!(
        p.strength_days,
        [false, false, false, false, true, false, false]
    );
    assert!(p.week[4].is_empty());
    let text = with("fri = \"rest\"", "fri = [\"Strength\"]");
    assert!(
        parse_profile("half.toml", &text)
            .expect("valid")
            .strength_days[4]
    );
    // Every other profile has none.
    assert_eq!(
        parse_profile("half.toml", ISSUE_PROFILE)
            .expect("valid")
            .strength_days,
        [false; 7]
    );
    let text = with("fri = \"rest\"", "fri = [\"easy 30min\", \"strength\"]");
    insta::assert_snapshot!(
        "error_strength_day_with_a_run",
        located(&text, "[\"easy 30min\"")
    );
    let text = ISSUE_PROFILE.to_string() + "\n[[weeks]]\nweek = 3\nfri = \"strength\"\n";
    insta::assert_snapshot!(
        "error_strength_day_in_an_override",
        located(&text, "\"strength\"\n")
    );
}

/// A week file for `keel check` takes `strength` alone too.
#[test]
fn week_files_take_strength_days() {
    let w = parse_week(
        "w.toml",
        "[week]\nmon = \"easy 40min\"\nwed = \"strength\"\nsat = [\"long 90min\", \"strength lower\"]\n",
    )
    .expect("valid");
    assert_eq!(
        w.strength_days,
        [false, false, true, false, false, false, false]
    );
    assert!(w.days[2].is_empty());
}

/// `[exercises]` holds app names (string values) and `avoid` (a list of ids) side by side.
#[test]
fn exercises_to_avoid() {
    let text = ISSUE_PROFILE.to_string()
        + "\n[exercises]\n\"Squat (Barbell)\" = \"back-squat\"\navoid = [\"bulgarian-split-squat\", \"burpee\"]\n";
    let e = profile_err(&text);
    assert!(e.kind.to_string().contains("`burpee`"), "{e}");
    let text = ISSUE_PROFILE.to_string()
        + "\n[exercises]\n\"Squat (Barbell)\" = \"back-squat\"\navoid = [\"bulgarian-split-squat\", \"copenhagen-plank\"]\n";
    let p = parse_profile("half.toml", &text).expect("valid");
    assert_eq!(
        p.athlete.avoid,
        vec!["bulgarian-split-squat", "copenhagen-plank"]
    );
    assert_eq!(
        p.exercise_aliases,
        vec![("Squat (Barbell)".to_string(), "back-squat".to_string())]
    );
    // A single string is a list of one.
    let text = ISSUE_PROFILE.to_string() + "\n[exercises]\navoid = \"push-up\"\n";
    let p = parse_profile("half.toml", &text).expect("valid");
    assert_eq!(p.athlete.avoid, vec!["push-up"]);
    let text = ISSUE_PROFILE.to_string() + "\n[exercises]\navoid = [\"bulgarian-split-squats\"]\n";
    insta::assert_snapshot!(
        "error_unknown_exercise_to_avoid",
        located(&text, "\"bulgarian-split-squats\"")
    );
    let text = ISSUE_PROFILE.to_string() + "\n[exercises]\navoids = [\"push-up\"]\n";
    insta::assert_snapshot!("error_avoid_misspelt", located(&text, "avoids"));
}
