//! The `keel` binary end to end: plan, check, rules and init, with snapshots of what users
//! read and the exit codes scripts rely on (0 ok, 1 rule violations, 2 bad input).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The fixed "today" of every test, so plans do not move with the clock.
const TODAY: &str = "2026-11-22";

struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

fn keel_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_keel"));
    // No training log and no stored profile, whatever the machine holds: a data directory
    // that does not exist (read-only commands never create it).
    let no_store = std::env::temp_dir().join(format!("keel-tests-no-store-{}", std::process::id()));
    cmd.args(args)
        .current_dir(dir)
        .env("KEEL_DATA_DIR", no_store)
        .env_remove("COLUMNS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn keel");
    {
        use std::io::Write;
        let mut input = child.stdin.take().expect("stdin");
        if let Some(text) = stdin {
            input.write_all(text.as_bytes()).expect("write stdin");
        }
    }
    let out = child.wait_with_output().expect("run keel");
    Output {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("utf8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf8 stderr"),
    }
}

/// Runs keel from the repository root, so `examples/...` paths read as in the README.
fn keel(args: &[&str]) -> Output {
    keel_in(&repo_root(), args, None)
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

mod plan {
    use super::*;

    fn plan(example: &str, format: &str) -> String {
        let out = keel(&[
            "plan",
            "--example",
            example,
            "--today",
            TODAY,
            "--format",
            format,
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.is_empty(), "{}", out.stderr);
        out.stdout
    }

    #[test]
    fn text_half_marathon() {
        insta::assert_snapshot!(plan("half-marathon", "text"));
    }

    #[test]
    fn text_marathon() {
        insta::assert_snapshot!(plan("marathon", "text"));
    }

    #[test]
    fn text_fitness() {
        insta::assert_snapshot!(plan("fitness", "text"));
    }

    #[test]
    fn text_fits_100_columns_without_colours() {
        for example in ["half-marathon", "marathon", "fitness"] {
            let text = plan(example, "text");
            assert!(!text.contains('\x1b'), "no ANSI codes when piped");
            for line in text.lines() {
                assert!(line.chars().count() <= 100, "{example}: {line}");
            }
            assert!(text.contains("Protein: "), "fuel at the end");
            assert!(text.contains("Carbohydrate: "));
        }
    }

    #[test]
    fn markdown_half_marathon() {
        insta::assert_snapshot!(plan("half-marathon", "markdown"));
    }

    #[test]
    fn json_half_marathon() {
        let text = plan("half-marathon", "json");
        let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        insta::assert_json_snapshot!(json);
    }

    /// The `keel.plan/1` contract of the issue, field by field, for every example.
    #[test]
    fn json_follows_the_plan_contract() {
        for example in ["half-marathon", "marathon", "fitness"] {
            let json: serde_json::Value =
                serde_json::from_str(&plan(example, "json")).expect("valid JSON");
            assert_eq!(json["schema"], "keel.plan/1");
            assert!(json["athlete"]["name"].is_string());
            assert!(json["warnings"].is_array());
            let weeks = json["weeks"].as_array().expect("weeks");
            assert!(!weeks.is_empty());
            for (i, w) in weeks.iter().enumerate() {
                assert_eq!(w["index"], i as u64 + 1);
                assert!(w["start"].as_str().is_some_and(|s| s.len() == 10));
                assert!(w["phase"].is_string() && w["deload"].is_boolean());
                assert!(w["run_minutes"].is_u64() && w["adjustments"].is_array());
                let days = w["days"].as_array().expect("days");
                assert_eq!(days.len(), 7);
                for (d, day) in days.iter().enumerate() {
                    let ids = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
                    assert_eq!(day["weekday"], ids[d]);
                    assert!(day["date"].is_string() && day["rest"].is_boolean());
                    for s in day["sessions"].as_array().expect("sessions") {
                        match s["kind"].as_str() {
                            Some("run") => {
                                assert!(s["type"].is_string() && s["minutes"].is_u64())
                            }
                            Some("strength") => {
                                for key in ["focus", "intensity", "minutes", "timing"] {
                                    assert!(!s[key].is_null(), "{key}");
                                }
                                for e in s["exercises"].as_array().expect("exercises") {
                                    for key in ["id", "name", "sets", "reps", "tempo", "equipment"]
                                    {
                                        assert!(!e[key].is_null(), "{key}");
                                    }
                                    // The typed amount beside the readable text; reps in
                                    // reserve where it applies (strength lifts).
                                    let a = &e["amount"];
                                    assert!(
                                        a["unit"].is_string()
                                            && a["min"].is_u64()
                                            && a["max"].is_u64()
                                    );
                                    assert!(a["each_side"].is_boolean());
                                    let lift =
                                        keel_core::exercises::find(e["id"].as_str().expect("id"))
                                            .is_some_and(|x| x.has_rir());
                                    assert_eq!(e["rir"].is_u64(), lift, "{e}");
                                    assert!(e["rir"].is_u64() || e.get("rir").is_none());
                                }
                                for why in s["why"].as_array().expect("why") {
                                    let rule = why["rule"].as_str().expect("rule");
                                    assert!(keel_core::rules::exists(rule), "{rule}");
                                    assert!(why["text"].is_string());
                                }
                            }
                            other => panic!("unknown session kind {other:?}"),
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_race_is_a_race_run_on_its_date() {
        let json: serde_json::Value =
            serde_json::from_str(&plan("half-marathon", "json")).expect("json");
        let last = json["weeks"]
            .as_array()
            .and_then(|w| w.last())
            .expect("week");
        let sunday = &last["days"][6];
        assert_eq!(sunday["date"], "2027-04-25");
        assert_eq!(sunday["sessions"][0]["kind"], "run");
        assert_eq!(sunday["sessions"][0]["type"], "race");
    }

    #[test]
    fn weeks_flag_and_profile_file() {
        let out = keel(&[
            "plan",
            "examples/fitness.toml",
            "--today",
            TODAY,
            "--season-weeks",
            "3",
            "--format",
            "json",
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
        assert_eq!(json["weeks"].as_array().map(Vec::len), Some(3));
        assert_eq!(
            json["weeks"][0]["start"], "2026-11-23",
            "the Monday after today"
        );
    }

    #[test]
    fn usage_errors_exit_2() {
        let out = keel(&["plan"]);
        assert_eq!(out.code, 2);
        let out = keel(&["plan", "no-such-profile.toml", "--today", TODAY]);
        assert_eq!(out.code, 2);
        assert!(out
            .stderr
            .contains("cannot read the profile no-such-profile.toml"));
        let out = keel(&["plan", "--example", "half-marathon", "--weeks", "0"]);
        assert_eq!(out.code, 2);
        let out = keel(&["plan", "--example", "half-marathon", "--season-weeks", "0"]);
        assert_eq!(out.code, 2);
        let out = keel(&[
            "plan",
            "--example",
            "half-marathon",
            "--today",
            "2026-13-01",
        ]);
        assert_eq!(out.code, 2);
    }

    #[test]
    fn a_race_in_the_past_is_bad_input() {
        let out = keel(&[
            "plan",
            "--example",
            "half-marathon",
            "--today",
            "2027-06-01",
        ]);
        assert_eq!(out.code, 2);
        assert!(
            out.stderr
                .starts_with("keel: examples/half-marathon.toml:19:13: impossible date"),
            "{}",
            out.stderr
        );
    }
}

mod bad_profiles {
    use super::*;

    const GOOD: &str = include_str!("../../../examples/half-marathon.toml");

    /// Plans `text` as `half.toml`; asserts exit 2, no panic, and a `half.toml:L:C:` message.
    fn bad(text: &str) -> String {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("half.toml"), text).expect("write");
        let out = keel_in(dir.path(), &["plan", "half.toml", "--today", TODAY], None);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stdout.is_empty());
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        let head = out.stderr.lines().next().unwrap_or_default();
        let mut parts = head.trim_start_matches("keel: ").splitn(4, ':');
        assert_eq!(parts.next(), Some("half.toml"), "{head}");
        assert!(
            parts.next().is_some_and(|l| l.parse::<u32>().is_ok()),
            "{head}"
        );
        assert!(
            parts.next().is_some_and(|c| c.parse::<u32>().is_ok()),
            "{head}"
        );
        out.stderr
    }

    fn with(from: &str, to: &str) -> String {
        assert!(GOOD.contains(from), "{from}");
        GOOD.replacen(from, to, 1)
    }

    #[test]
    fn unknown_key() {
        insta::assert_snapshot!(bad(&with("body_mass_kg = 62.0", "body_mass = 62.0")));
    }

    #[test]
    fn bad_run_type() {
        insta::assert_snapshot!(bad(&with("\"tempo 50min\"", "\"tempo-run 50min\"")));
    }

    #[test]
    fn malformed_duration() {
        insta::assert_snapshot!(bad(&with("\"long 110min\"", "\"long 110mn\"")));
    }

    #[test]
    fn race_before_start() {
        insta::assert_snapshot!(bad(&with("\"2027-04-25\"", "\"2026-12-27\"")));
    }

    #[test]
    fn race_more_than_two_years_ahead() {
        insta::assert_snapshot!(bad(&with("\"2027-04-25\"", "\"2028-12-31\"")));
    }

    #[test]
    fn no_running_days() {
        let mut text = GOOD.to_string();
        for run in [
            "easy 40min",
            "intervals 60min",
            "recovery 30min",
            "tempo 50min",
            "long 110min",
            "easy 8km",
        ] {
            text = text.replacen(&format!("\"{run}\""), "\"rest\"", 1);
        }
        insta::assert_snapshot!(bad(&text));
    }

    #[test]
    fn wrong_type() {
        insta::assert_snapshot!(bad(&with("age = 38", "age = \"thirty-eight\"")));
    }

    #[test]
    fn invalid_toml() {
        insta::assert_snapshot!(bad(&with("[week]", "[week")));
    }
}

mod check {
    use super::*;

    #[test]
    fn week_002_breaks_hard_run_24h_on_monday() {
        let out = keel(&["check", "examples/week-002.toml"]);
        assert_eq!(out.code, 1, "an error exits 1: {}", out.stderr);
        assert!(out.stdout.contains("error[hard-run-24h] Monday:"));
        insta::assert_snapshot!(out.stdout);
    }

    #[test]
    fn week_002_as_json() {
        let out = keel(&["check", "examples/week-002.toml", "--format", "json"]);
        assert_eq!(out.code, 1);
        let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
        assert_eq!(json["schema"], "keel.check/1");
        let v = json["violations"].as_array().expect("violations");
        assert!(v.iter().any(|v| v["rule"] == "hard-run-24h"
            && v["severity"] == "error"
            && v["weekday"] == "mon"
            && v["fix"].as_str().is_some_and(|f| !f.is_empty())));
        insta::assert_json_snapshot!(json);
    }

    #[test]
    fn week_004_has_no_error() {
        let out = keel(&["check", "examples/week-004.toml"]);
        assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
        assert!(!out.stdout.contains("error["));
        insta::assert_snapshot!(out.stdout);
        let out = keel(&["check", "examples/week-004.toml", "--format", "json"]);
        assert_eq!(out.code, 0);
        let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
        let v = json["violations"].as_array().expect("violations");
        assert!(v.iter().all(|v| v["severity"] == "warning"));
        insta::assert_json_snapshot!("week_004_as_json", json);
    }

    #[test]
    fn a_profile_is_a_week_too() {
        let out = keel(&["check", "examples/half-marathon.toml", "--format", "json"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }

    #[test]
    fn a_profile_adds_age_strategy_phase_and_distance() {
        let out = keel(&[
            "check",
            "examples/week-002.toml",
            "--profile",
            "examples/half-marathon.toml",
            "--today",
            TODAY,
        ]);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(out.stdout.starts_with(
            "Checked with examples/half-marathon.toml: age 38, strategy `stack`, base phase (the week of 2027-01-04), about 59 km a week."
        ), "{}", out.stdout);
        insta::assert_snapshot!(out.stdout);
        // At 44 three sessions are one too many (`age-recovery`); the marathoner's 90 km
        // make the same week's 40-min full-body sessions a `high-mileage-cap` matter.
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("w.toml"),
            "[week]\nmon = [\"easy 40min\", \"strength upper light 30min\"]\n\
             tue = [\"intervals 60min\", \"strength full 40min\"]\nwed = \"recovery 30min\"\n\
             thu = [\"tempo 50min\", \"strength full 40min\"]\nfri = \"rest\"\nsat = \"long 2h\"\n",
        )
        .expect("write");
        let marathon = repo_root().join("examples/marathon.toml");
        let marathon = marathon.to_str().expect("utf8 path");
        let out = keel_in(
            dir.path(),
            &[
                "check",
                "w.toml",
                "--profile",
                marathon,
                "--today",
                TODAY,
                "--format",
                "json",
            ],
            None,
        );
        let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
        let rules: Vec<&str> = json["violations"]
            .as_array()
            .expect("violations")
            .iter()
            .filter_map(|v| v["rule"].as_str())
            .collect();
        assert!(rules.contains(&"age-recovery"), "{rules:?}");
        assert!(rules.contains(&"high-mileage-cap"), "{rules:?}");
        let out = keel_in(dir.path(), &["check", "w.toml", "--format", "json"], None);
        let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
        let rules: Vec<&str> = json["violations"]
            .as_array()
            .expect("violations")
            .iter()
            .filter_map(|v| v["rule"].as_str())
            .collect();
        assert!(
            !rules.contains(&"age-recovery"),
            "no profile, no age: {rules:?}"
        );
    }

    #[test]
    fn the_stored_profile_is_used_when_no_file_is_given() {
        let data = tempfile::tempdir().expect("tempdir");
        let data_dir = data.path().to_str().expect("utf8 path");
        let profile = repo_root().join("examples/marathon.toml");
        let out = keel(&[
            "--data-dir",
            data_dir,
            "profile",
            "set",
            profile.to_str().expect("utf8"),
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let out = keel(&[
            "--data-dir",
            data_dir,
            "check",
            "examples/week-004.toml",
            "--today",
            TODAY,
        ]);
        assert!(
            out.stdout.starts_with("Checked with the stored profile"),
            "{}",
            out.stdout
        );
        assert!(out.stdout.contains("age 44"), "{}", out.stdout);
    }

    #[test]
    fn strength_hours_apart_is_fine_before_an_easy_run_never_before_a_hard_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let check = |week: &str| {
            std::fs::write(
                dir.path().join("w.toml"),
                format!("[week]\n{week}\nsun = \"rest\"\n"),
            )
            .expect("write");
            keel_in(dir.path(), &["check", "w.toml", "--format", "json"], None)
        };
        let run_then_lift = |out: &Output| -> Vec<String> {
            let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
            json["violations"]
                .as_array()
                .expect("violations")
                .iter()
                .filter(|v| v["rule"] == "run-then-lift")
                .map(|v| format!("{} {}", v["severity"], v["weekday"]))
                .collect()
        };
        // Strength in the morning, easy run in the evening: fine once marked.
        for marked in ["separate", "am"] {
            let out = check(&format!("mon = [\"strength upper light 30min {marked}\", \"easy 40min\"]\nthu = \"tempo 50min\""));
            assert!(run_then_lift(&out).is_empty(), "{marked}: {}", out.stdout);
        }
        // Easy run in the morning, strength in the evening, whichever order it is written in.
        let out = check(
            "mon = [\"strength upper light 30min pm\", \"easy 40min\"]\nthu = \"tempo 50min\"",
        );
        assert!(run_then_lift(&out).is_empty(), "{}", out.stdout);
        // Unmarked before a run: an error.
        let out =
            check("mon = [\"strength upper light 30min\", \"easy 40min\"]\nthu = \"tempo 50min\"");
        assert_eq!(run_then_lift(&out), vec!["\"error\" \"mon\""]);
        // Before a hard run: an error, marked or not.
        let out = check(
            "thu = [\"strength upper light 30min am\", \"tempo 50min\"]\nmon = \"easy 40min\"",
        );
        assert_eq!(out.code, 1);
        assert_eq!(run_then_lift(&out), vec!["\"error\" \"thu\""]);
    }

    #[test]
    fn a_bad_week_file_exits_2_with_its_location() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("w.toml"),
            "[week]\nmon = [\"easy 40min\", \"strength legs 30min\"]\n",
        )
        .expect("write");
        let out = keel_in(dir.path(), &["check", "w.toml"], None);
        assert_eq!(out.code, 2);
        insta::assert_snapshot!(out.stderr);
        let out = keel_in(dir.path(), &["check", "missing.toml"], None);
        assert_eq!(out.code, 2);
    }
}

mod rules {
    use super::*;

    #[test]
    fn lists_every_rule() {
        let out = keel(&["rules"]);
        assert_eq!(out.code, 0);
        for r in keel_core::rules::RULES {
            assert!(out.stdout.contains(r.id), "{}", r.id);
        }
        insta::assert_snapshot!(out.stdout);
    }

    #[test]
    fn shows_one_rule() {
        let out = keel(&["rules", "hard-run-24h"]);
        assert_eq!(out.code, 0);
        insta::assert_snapshot!(out.stdout);
    }

    #[test]
    fn an_unknown_id_exits_2_with_a_suggestion() {
        let out = keel(&["rules", "hard-run-48h"]);
        assert_eq!(out.code, 2);
        assert_eq!(
            out.stderr.trim(),
            "keel: unknown rule `hard-run-48h`; did you mean `hard-run-24h`? (`keel rules` lists them all)"
        );
    }
}

mod init {
    use super::*;

    const FLAGS: &[&str] = &[
        "init",
        "alex.toml",
        "--today",
        TODAY,
        "--race",
        "half-marathon",
        "--race-date",
        "2027-04-25",
        "--age",
        "38",
        "--body-mass",
        "62",
        "--equipment",
        "kettlebell,dumbbell",
        "--week",
        "mon=easy 40min,tue=intervals 60min,wed=recovery 30min,thu=tempo 50min,sat=long 110min,sun=easy 8km",
    ];

    #[test]
    fn flags_write_a_profile_that_plans() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = keel_in(dir.path(), FLAGS, None);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let text = std::fs::read_to_string(dir.path().join("alex.toml")).expect("written");
        assert!(text.contains("# "), "commented");
        let p = keel_profile::parse_profile("alex.toml", &text).expect("parses");
        assert_eq!(p.athlete.age, 38);
        assert_eq!(p.athlete.body_mass_kg, 62.0);
        assert_eq!(p.week[4][0].run_type, keel_core::model::RunType::Rest);
        insta::assert_snapshot!(text);
        let plan = keel_in(
            dir.path(),
            &["plan", "alex.toml", "--today", TODAY, "--format", "json"],
            None,
        );
        assert_eq!(plan.code, 0, "{}", plan.stderr);
        let json: serde_json::Value = serde_json::from_str(&plan.stdout).expect("json");
        assert_eq!(json["weeks"].as_array().map(Vec::len), Some(22));
    }

    #[test]
    fn refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("alex.toml"), "keep me").expect("write");
        let out = keel_in(dir.path(), FLAGS, None);
        assert_eq!(out.code, 2);
        assert!(
            out.stderr.contains("already exists; pass --force"),
            "{}",
            out.stderr
        );
        let kept = std::fs::read_to_string(dir.path().join("alex.toml")).expect("read");
        assert_eq!(kept, "keep me");
        let mut forced = FLAGS.to_vec();
        forced.push("--force");
        assert_eq!(keel_in(dir.path(), &forced, None).code, 0);
    }

    #[test]
    fn answers_on_stdin_with_ask() {
        let dir = tempfile::tempdir().expect("tempdir");
        let answers = "Kim\n45\n80\nbeginner\nbarbell,bench\nno\nmarathon\n2027-05-09\n\
                       easy 45min\nintervals 1h\nrest\ntempo 50min\neasy 5mi\nlong 2h\nrest\neasy\n";
        let out = keel_in(
            dir.path(),
            &["init", "kim.toml", "--ask", "--today", TODAY],
            Some(answers),
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains("Age in years [35]: "), "{}", out.stderr);
        assert!(out.stderr.contains("Movement screen: "), "{}", out.stderr);
        let text = std::fs::read_to_string(dir.path().join("kim.toml")).expect("written");
        let p = keel_profile::parse_profile("kim.toml", &text).expect("parses");
        assert_eq!(p.athlete.name, "Kim");
        assert_eq!(p.athlete.age, 45);
        assert!(p.athlete.has(keel_core::model::Equipment::Barbell));
        assert_eq!(p.preferences.strategy, keel_core::model::Strategy::Easy);
        assert_eq!(
            p.athlete.movement_screen,
            keel_core::model::MovementScreen::Fail
        );
        assert!(matches!(p.goal, keel_core::model::Goal::Race { .. }));
        let plan = keel_in(dir.path(), &["plan", "kim.toml", "--today", TODAY], None);
        assert_eq!(plan.code, 0, "{}", plan.stderr);
    }

    #[test]
    fn bad_flags_exit_2() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = keel_in(
            dir.path(),
            &[
                "init",
                "x.toml",
                "--week",
                "mon=tempo-run 40min",
                "--today",
                TODAY,
            ],
            None,
        );
        assert_eq!(out.code, 2);
        assert!(
            out.stderr.contains("did you mean `tempo`"),
            "{}",
            out.stderr
        );
        assert!(!dir.path().join("x.toml").exists(), "nothing written");
        let out = keel_in(
            dir.path(),
            &["init", "x.toml", "--race", "halfmarathon"],
            None,
        );
        assert_eq!(out.code, 2);
        assert!(
            out.stderr.contains("did you mean `half-marathon`"),
            "{}",
            out.stderr
        );
    }
}
