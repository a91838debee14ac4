//! Reading the plan (issue 11, "Read it"): `keel plan`'s season overview and current week at
//! the widths of a phone and a laptop (`COLUMNS`), the week choice and its errors, `--why`,
//! Markdown pages, `keel today` on a phone, `keel explain`, `keel exercises`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs keel with `COLUMNS` set (or not), from the repository root, on `data`.
fn keel_at(
    data: &Path,
    columns: Option<u32>,
    today: Option<&str>,
    args: &[&str],
) -> common::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_keel"));
    cmd.arg("--data-dir")
        .arg(data)
        .args(args)
        .current_dir(common::repo_root())
        .env("TZ", "UTC")
        .env_remove("KEEL_DATA_DIR")
        .env_remove("KEEL_TODAY")
        .env_remove("COLUMNS");
    if let Some(c) = columns {
        cmd.env("COLUMNS", c.to_string());
    }
    if let Some(t) = today {
        cmd.env("KEEL_TODAY", t);
    }
    let out = cmd.output().expect("run keel");
    common::Output {
        code: out.status.code().expect("an exit code"),
        stdout: String::from_utf8(out.stdout).expect("utf-8"),
        stderr: String::from_utf8(out.stderr).expect("utf-8"),
    }
}

/// A data directory without a log (read-only commands do not create it).
fn no_log() -> PathBuf {
    std::env::temp_dir().join(format!("keel-read-it-no-log-{}", std::process::id()))
}

/// `keel ARGS` printing to a pipe, expected to succeed (Markdown and JSON have no width).
fn ok_raw(args: &[&str]) -> String {
    let out = keel_at(&no_log(), Some(60), None, args);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    out.stdout
}

/// `keel ARGS` printing to a pipe at `columns`, expected to succeed.
fn ok(columns: u32, args: &[&str]) -> String {
    let out = keel_at(&no_log(), Some(columns), None, args);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    for line in out.stdout.lines() {
        assert!(
            line.chars().count() <= columns as usize,
            "{args:?} at {columns}: {line}"
        );
    }
    out.stdout
}

/// `keel ARGS`, expected to exit 2 with a message.
fn usage_error(args: &[&str]) -> String {
    let out = keel_at(&no_log(), Some(100), None, args);
    assert_eq!(out.code, 2, "{args:?}: {}", out.stdout);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    out.stderr
}

const HM: [&str; 4] = ["plan", "--example", "half-marathon", "--today"];

fn plan(columns: u32, today: &str, more: &[&str]) -> String {
    let mut args = HM.to_vec();
    args.push(today);
    args.extend_from_slice(more);
    ok(columns, &args)
}

mod plan {
    use super::*;

    /// Week 2 of the half-marathon season, on a phone.
    #[test]
    fn default_view_at_60_columns() {
        insta::assert_snapshot!(plan(60, "2027-01-12", &[]));
    }

    /// The same on a laptop.
    #[test]
    fn default_view_at_100_columns() {
        insta::assert_snapshot!(plan(100, "2027-01-12", &[]));
    }

    /// Before the season: the overview and week 1.
    #[test]
    fn before_the_season_shows_the_first_week() {
        let text = plan(100, "2026-11-22", &[]);
        assert!(text.contains(">  1  4-10 Jan"), "{text}");
        assert!(
            text.contains("Week 1 of 16 · 4-10 Jan 2027 · base"),
            "{text}"
        );
        assert!(!text.contains("Week 2 of 16"), "{text}");
    }

    /// The default view is short: the overview (one line a week) and one week.
    #[test]
    fn default_view_is_a_page_not_a_season() {
        let text = plan(100, "2027-01-12", &[]);
        assert!(text.lines().count() < 100, "{}", text.lines().count());
        assert_eq!(text.matches("Week ").count(), 1);
        let all = plan(100, "2027-01-12", &["--all"]);
        for w in 1..=16 {
            assert!(all.contains(&format!("Week {w} of 16 · ")), "week {w}");
        }
        assert!(all.lines().count() < 600, "{}", all.lines().count());
    }

    /// A deload week with every reason (`--why`): each sentence once, the others by id.
    #[test]
    fn week_4_with_why() {
        insta::assert_snapshot!(plan(100, "2026-11-22", &["--week", "4", "--why"]));
    }

    /// `--from DATE --weeks N`: the taper and race weeks, without the overview.
    #[test]
    fn from_a_date_for_two_weeks() {
        let text = plan(100, "2026-11-22", &["--from", "2027-04-14", "--weeks", "2"]);
        assert!(
            text.contains("Week 15 of 16 · 12-18 Apr 2027 · taper"),
            "{text}"
        );
        assert!(
            text.contains("Week 16 of 16 · 19-25 Apr 2027 · race week"),
            "{text}"
        );
        assert!(!text.contains("Season (> this week)"), "{text}");
        assert!(!text.contains("Week 14 "), "{text}");
    }

    /// Every Markdown week of the examples stays within a printed page: at most 72 lines
    /// once wrapped at 100 characters (an A4 page at 10 pt holds about 70). A proxy for the
    /// printed page; the browser test prints the web week, which reads the same, and counts
    /// its pages.
    #[test]
    fn each_markdown_week_fits_a_page() {
        for (example, today) in [
            ("half-marathon", "2026-12-01"),
            ("marathon", "2026-11-22"),
            ("fitness", "2026-11-22"),
        ] {
            let md = ok_raw(&[
                "plan",
                "--example",
                example,
                "--today",
                today,
                "--format",
                "markdown",
                "--all",
            ]);
            let weeks: Vec<&str> = md.split("\n## Week ").skip(1).collect();
            assert!(weeks.len() >= 12, "{example}: {} weeks", weeks.len());
            for w in weeks {
                let lines: usize = w
                    .trim_end()
                    .lines()
                    .map(|l| l.chars().count().div_ceil(100).max(1))
                    .sum();
                let name = &w[..w.find(':').unwrap_or(0)];
                assert!(lines <= 72, "{example} week {name}: {lines} lines");
            }
        }
    }

    /// A week on its own page, in Markdown.
    #[test]
    fn markdown_week_5() {
        insta::assert_snapshot!(ok_raw(&[
            "plan",
            "--example",
            "marathon",
            "--today",
            "2026-11-22",
            "--format",
            "markdown",
            "--week",
            "5"
        ]));
    }

    /// After the season: the overview and a note, exit 0.
    #[test]
    fn after_the_season_says_so() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let set = keel_at(
            &data,
            None,
            Some("2026-12-01"),
            &["profile", "set", "examples/half-marathon.toml"],
        );
        assert_eq!(set.code, 0, "{}", set.stderr);
        let out = keel_at(&data, Some(100), Some("2027-06-01"), &["plan"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stdout.contains("Season (> this week)"),
            "{}",
            out.stdout
        );
        assert!(
            out.stdout
                .contains("The season ended on 2027-04-25: choose a week with --week N; --all shows every week."),
            "{}",
            out.stdout
        );
    }

    /// The week choice is `keel export fit`'s, with the same errors (exit 2).
    #[test]
    fn weeks_outside_the_plan_and_flags_that_clash_exit_2() {
        let mut args = HM.to_vec();
        args.extend_from_slice(&["2026-11-22", "--week", "40"]);
        assert!(usage_error(&args).contains("the plan has 16 weeks: there is no week 40"));
        let mut args = HM.to_vec();
        args.extend_from_slice(&["2026-11-22", "--from", "2027-06-01"]);
        assert!(usage_error(&args)
            .contains("2027-06-01 is outside the plan, which runs from 2027-01-04 to 2027-04-25"));
        for clash in [
            &["--week", "2", "--all"][..],
            &["--week", "2", "--weeks", "2"],
            &["--all", "--from", "2027-01-04"],
        ] {
            let mut args = HM.to_vec();
            args.push("2026-11-22");
            args.extend_from_slice(clash);
            assert!(
                usage_error(&args).contains("cannot be used with"),
                "{clash:?}"
            );
        }
        let mut args = HM.to_vec();
        args.extend_from_slice(&["2026-11-22", "--format", "json", "--week", "2"]);
        assert!(usage_error(&args).contains("--format json is always the whole season"));
        // The same choice in `keel export fit`.
        let out = keel_at(
            &no_log(),
            Some(100),
            None,
            &[
                "export",
                "fit",
                "--example",
                "half-marathon",
                "--today",
                "2026-11-22",
                "--week",
                "40",
            ],
        );
        assert_eq!(out.code, 2);
        assert!(out
            .stderr
            .contains("the plan has 16 weeks: there is no week 40"));
    }

    /// JSON stays the whole season, with the cue of each exercise.
    #[test]
    fn json_is_the_whole_season_with_cues() {
        let out = ok_raw(&[
            "plan",
            "--example",
            "half-marathon",
            "--today",
            "2026-11-22",
            "--format",
            "json",
        ]);
        let json: serde_json::Value = serde_json::from_str(&out).expect("json");
        let weeks = json["weeks"].as_array().expect("weeks");
        assert_eq!(weeks.len(), 16);
        let mut exercises = 0;
        for ex in weeks
            .iter()
            .flat_map(|w| w["days"].as_array().expect("days"))
            .flat_map(|d| d["sessions"].as_array().expect("sessions"))
            .filter(|s| s["kind"] == "strength")
            .flat_map(|s| s["exercises"].as_array().expect("exercises"))
        {
            let id = ex["id"].as_str().expect("id");
            let cue = keel_core::exercises::find(id).expect("a library id").cue;
            assert_eq!(ex["cue"], cue, "{id}");
            exercises += 1;
        }
        assert!(exercises > 50);
    }
}

mod today {
    use super::*;

    fn stored(dir: &Path) -> PathBuf {
        let data = dir.join("data");
        let set = keel_at(
            &data,
            None,
            Some("2026-12-01"),
            &["profile", "set", "examples/half-marathon.toml"],
        );
        assert_eq!(set.code, 0, "{}", set.stderr);
        data
    }

    fn today(data: &Path, columns: u32, date: &str) -> String {
        let out = keel_at(data, Some(columns), Some(date), &["today"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        for line in out.stdout.lines() {
            assert!(line.chars().count() <= columns as usize, "{line}");
        }
        out.stdout
    }

    /// An ordinary Tuesday on a phone: about 25 lines at 100 columns, a few more at 60.
    #[test]
    fn an_ordinary_day_fits_a_phone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = stored(dir.path());
        let wide = today(&data, 100, "2027-01-12");
        assert!(wide.lines().count() <= 30, "{}", wide.lines().count());
        insta::assert_snapshot!("today_at_100_columns", wide);
        insta::assert_snapshot!("today_at_60_columns", today(&data, 60, "2027-01-12"));
    }

    /// A bad week: each cause once, one line per change, and `keel explain` of the day the
    /// change reaches.
    #[test]
    fn a_bad_week_says_each_cause_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = stored(dir.path());
        for d in ["2027-01-10", "2027-01-11", "2027-01-12"] {
            let out = keel_at(
                &data,
                None,
                Some("2027-01-12"),
                &["checkin", "--date", d, "--sleep", "6", "--fatigue", "4"],
            );
            assert_eq!(out.code, 0, "{}", out.stderr);
        }
        let text = today(&data, 100, "2027-01-12");
        assert_eq!(
            text.matches("Fatigue rated 4").count() + text.matches("fatigue rated 4").count(),
            1,
            "{text}"
        );
        insta::assert_snapshot!("today_after_a_bad_week", text);
        let out = keel_at(
            &data,
            Some(100),
            Some("2027-01-12"),
            &["explain", "2027-01-14"],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        insta::assert_snapshot!("explain_after_a_bad_week", out.stdout);
        let out = keel_at(
            &data,
            Some(100),
            Some("2027-01-12"),
            &["explain", "2027-06-01"],
        );
        assert_eq!(out.code, 2);
        assert!(
            out.stderr.contains("2027-06-01 is outside the plan"),
            "{}",
            out.stderr
        );
    }
}

mod explain {
    use super::*;

    /// A deload Tuesday of the marathon example, without a log: every exercise, every rule.
    #[test]
    fn a_day_in_full() {
        insta::assert_snapshot!(ok(
            100,
            &[
                "explain",
                "--example",
                "marathon",
                "--today",
                "2026-11-22",
                "2027-03-09"
            ]
        ));
    }
}

mod exercises {
    use super::*;

    #[test]
    fn one_exercise_in_full() {
        insta::assert_snapshot!(ok(100, &["exercises", "romanian-deadlift"]));
    }

    #[test]
    fn one_pattern_at_60_columns() {
        insta::assert_snapshot!(ok(60, &["exercises", "single-leg"]));
    }

    #[test]
    fn the_whole_library_by_pattern() {
        // Wide enough that no cue wraps.
        let text = ok(400, &["exercises"]);
        for e in keel_core::exercises::LIBRARY {
            assert!(
                text.contains(&format!("  {} · {}", e.id, e.name)),
                "{}",
                e.id
            );
            assert_eq!(text.matches(e.cue).count(), 1, "{}", e.id);
        }
        for p in keel_core::exercises::Pattern::ALL {
            assert!(text.contains(&format!("\n{} (", p.as_str())), "{p}");
        }
    }

    #[test]
    fn an_unknown_id_suggests_the_closest() {
        let err = usage_error(&["exercises", "goblet"]);
        assert!(err.contains("did you mean `goblet-squat`?"), "{err}");
        let err = usage_error(&["exercises", "singel-leg"]);
        assert!(err.contains("did you mean `single-leg`?"), "{err}");
        let err = usage_error(&["exercises", "zzzz"]);
        assert!(err.contains("`keel exercises` lists them all"), "{err}");
    }
}
