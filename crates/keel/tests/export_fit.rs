//! `keel export fit`: every exported file read back with keel's FIT reader (and Garmin's FIT
//! SDK for Python when available) and compared with the plan; a snapshot of the
//! half-marathon example's first week; loads from the log; errors.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "../../keel-export/tests/fit_sdk/mod.rs"]
mod fit_sdk;

use common::{keel, keel_on, repo_root};
use keel_core::dose::Unit;
use keel_core::plan::{Plan, Session};
use keel_export::fit::{profile_exercise, EXERCISES};
use keel_import::fit::{decode_messages, FitFile, FitMessage};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Before every example's season: the plan starts on the profile's `[plan].start`.
const TODAY: &str = "2026-12-01";

fn fit_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "fit"))
        .collect();
    v.sort();
    v
}

/// `keel export fit ARGS...` with the data directory `data`.
fn export_fit(data: &Path, args: &[&str]) -> common::Output {
    let mut all = vec!["export", "fit"];
    all.extend_from_slice(args);
    keel(data, &all)
}

fn plan_json(example: &str) -> Plan {
    let dir = tempfile::tempdir().unwrap();
    let out = keel(
        dir.path(),
        &[
            "plan",
            "--example",
            example,
            "--format",
            "json",
            "--today",
            TODAY,
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

fn decode(path: &Path) -> FitFile {
    decode_messages(&std::fs::read(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn steps(f: &FitFile) -> Vec<&FitMessage> {
    f.messages_of(27).collect()
}

/// A decoded workout file in words, for the snapshot.
fn render(name: &str, f: &FitFile) -> String {
    let id = f.messages_of(0).next().unwrap();
    let w = f.messages_of(26).next().unwrap();
    let created =
        jiff::Timestamp::from_second(id.unsigned(4).unwrap() as i64 + 631_065_600).unwrap();
    let mut out = format!(
        "{name}: `{}`, file type {}, sport {}/{}, {} steps, created {created}, FIT profile {}\n",
        w.text(8).unwrap(),
        f.file_type().unwrap(),
        w.unsigned(4).unwrap(),
        w.unsigned(11).unwrap(),
        w.unsigned(6).unwrap(),
        f.header.profile_version,
    );
    for s in steps(f) {
        let i = s.unsigned(254).unwrap();
        let how = match (s.unsigned(1), s.unsigned(2)) {
            (Some(29), Some(n)) => format!("{n} reps"),
            (Some(0), Some(ms)) => format!("{} s", ms / 1000),
            (Some(5), _) => "until lap".to_string(),
            other => panic!("unexpected duration {other:?}"),
        };
        let intensity = match s.unsigned(7) {
            Some(0) => "active",
            Some(1) => "rest",
            Some(2) => "warm-up",
            other => panic!("unexpected intensity {other:?}"),
        };
        let _ = write!(out, "{i:>3} {intensity:<7} {how:<9} {}", s.text(0).unwrap());
        if let (Some(c), Some(n)) = (s.unsigned(10), s.unsigned(11)) {
            let row = EXERCISES
                .iter()
                .filter_map(|(_, p)| *p)
                .find(|p| u64::from(p.category) == c && u64::from(p.name) == n)
                .unwrap();
            let _ = write!(out, " [{}/{}]", row.category_name, row.exercise_name);
        }
        if let (Some(kg), Some(unit)) = (s.unsigned(12), s.unsigned(13)) {
            let _ = write!(
                out,
                " @ {} kg (shown in {})",
                kg as f64 / 100.0,
                if unit == 2 { "lb" } else { "kg" }
            );
        }
        out.push('\n');
        if let Some(notes) = s
            .text(8)
            .filter(|n| !n.starts_with("Set ") || n.starts_with("Set 1 of"))
        {
            let _ = writeln!(out, "        {notes}");
        }
    }
    out
}

#[test]
fn half_marathon_first_week_snapshot() {
    let data = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let dir = out_dir.path().to_str().unwrap();
    let out = export_fit(
        data.path(),
        &[
            "--example",
            "half-marathon",
            "--week",
            "1",
            "--out",
            dir,
            "--today",
            TODAY,
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("export_fit_summary", out.stdout.replace(dir, "OUT"));
    let files = fit_files(out_dir.path());
    let names: Vec<_> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap())
        .collect();
    assert_eq!(names, ["2027-01-05-full.fit", "2027-01-07-full.fit"]);
    let mut text = String::new();
    for p in &files {
        let name = p.file_name().unwrap().to_str().unwrap();
        text.push_str(&render(name, &decode(p)));
        text.push('\n');
    }
    insta::assert_snapshot!("export_fit_half_marathon_week_1", text);

    // Byte for byte the same from the same plan, whether given as --example or as the file.
    let again = tempfile::tempdir().unwrap();
    let profile = repo_root().join("examples/half-marathon.toml");
    let out = export_fit(
        data.path(),
        &[
            "--profile",
            profile.to_str().unwrap(),
            "--week",
            "1",
            "--out",
            again.path().to_str().unwrap(),
            "--today",
            "2026-12-24",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    for p in &files {
        let other = again.path().join(p.file_name().unwrap());
        assert_eq!(std::fs::read(p).unwrap(), std::fs::read(other).unwrap());
    }
    assert!(!data.path().join("keel.db").exists(), "no database created");
}

/// Checks every exported file of an example against its plan, with keel's reader and, when
/// available, Garmin's SDK.
fn check_example(example: &str) -> usize {
    let plan = plan_json(example);
    let data = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = export_fit(
        data.path(),
        &[
            "--example",
            example,
            "--weeks",
            "105",
            "--out",
            out_dir.path().to_str().unwrap(),
            "--today",
            TODAY,
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut expected_files = Vec::new();
    let mut sdk = fit_sdk::shared().lock().unwrap_or_else(|e| e.into_inner());
    for day in plan.weeks.iter().flat_map(|w| &w.days) {
        for session in &day.sessions {
            let Session::Strength(st) = session else {
                continue;
            };
            let name = format!("{}-{}.fit", day.date, st.focus);
            assert!(
                !expected_files.contains(&name),
                "two {} sessions on {}",
                st.focus,
                day.date
            );
            let path = out_dir.path().join(&name);
            let f = decode(&path);
            assert_eq!(f.file_type(), Some(5), "{name}: a workout file");
            assert_eq!(
                f.messages_of(26).next().unwrap().unsigned(11),
                Some(20),
                "{name}"
            );
            // Expected sets in order: (exercise name, dose, FIT exercise).
            let sets: Vec<_> = st
                .exercises
                .iter()
                .flat_map(|e| (1..=e.dose.sets).map(move |k| (e, k)))
                .collect();
            let s = steps(&f);
            assert_eq!(
                s.len(),
                1 + 2 * sets.len() - 1,
                "{name}: warm-up, sets and rests"
            );
            let work: Vec<_> = s.iter().filter(|m| m.unsigned(7) == Some(0)).collect();
            assert_eq!(work.len(), sets.len(), "{name}");
            for (m, (e, k)) in work.iter().zip(&sets) {
                let step_name = m.text(0).unwrap();
                assert!(
                    step_name.starts_with(&e.name),
                    "{name}: {step_name} vs {}",
                    e.name
                );
                let notes = m.text(8).unwrap();
                assert!(
                    notes.starts_with(&format!("Set {k} of {}: ", e.dose.sets)),
                    "{notes}"
                );
                // Each unit as the step a watch counts: reps, contacts and slow reps as reps
                // at the top of the range, seconds as a hold (both sides in one step), metres
                // until the lap button with the distance in the notes.
                let a = e.dose.amount;
                let sides = if a.each_side { 2 } else { 1 };
                let expected = match a.unit {
                    Unit::Reps | Unit::Contacts | Unit::SlowReps => {
                        (Some(29), Some(u64::from(a.max)))
                    }
                    Unit::Seconds => (Some(0), Some(u64::from(a.max * sides) * 1000)),
                    Unit::Metres => {
                        assert!(notes.contains(&a.to_string()), "{notes}");
                        (Some(5), None)
                    }
                };
                assert_eq!((m.unsigned(1), m.unsigned(2)), expected, "{name} {}", e.id);
                assert_eq!(
                    notes.contains("reps in reserve"),
                    e.dose.rir.is_some(),
                    "{notes}"
                );
                let fit = profile_exercise(&e.id);
                assert_eq!(
                    m.unsigned(10),
                    fit.map(|p| u64::from(p.category)),
                    "{}",
                    e.id
                );
                assert_eq!(m.unsigned(11), fit.map(|p| u64::from(p.name)), "{}", e.id);
                assert_eq!(m.field(12), None, "no log, no weight");
            }
            if let Some(sdk) = sdk.as_mut() {
                let v = sdk.check(&path);
                check_sdk(
                    &name,
                    &v,
                    &sets
                        .iter()
                        .map(|(e, _)| e.name.as_str())
                        .collect::<Vec<_>>(),
                );
            }
            expected_files.push(name);
        }
    }
    let mut written: Vec<String> = fit_files(out_dir.path())
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap().to_string())
        .collect();
    written.sort();
    expected_files.sort();
    assert_eq!(
        written, expected_files,
        "{example}: one file per strength session"
    );
    expected_files.len()
}

fn check_sdk(name: &str, v: &Value, sets: &[&str]) {
    assert_eq!(v["integrity"], true, "{name}: {v}");
    assert_eq!(v["errors"], serde_json::json!([]), "{name}: {v}");
    assert_eq!(v["file_id"][0]["type"], "workout", "{name}");
    assert_eq!(v["workout"][0]["sport"], "training");
    assert_eq!(v["workout"][0]["sub_sport"], "strength_training");
    let steps = v["steps"].as_array().unwrap();
    assert_eq!(v["workout"][0]["num_valid_steps"], steps.len());
    let work: Vec<&Value> = steps
        .iter()
        .filter(|s| s["intensity"] == "active")
        .collect();
    assert_eq!(work.len(), sets.len(), "{name}");
    for (s, exercise) in work.iter().zip(sets) {
        assert!(
            s["wkt_step_name"].as_str().unwrap().starts_with(exercise),
            "{name}: {s}"
        );
        assert!(
            s["duration_type"] == "reps" && s["duration_reps"].as_u64().unwrap() > 0
                || s["duration_type"] == "time",
            "{name}: {s}"
        );
        if s.get("exercise_category").is_some() {
            assert!(s["exercise_name_resolved"].is_string(), "{name}: {s}");
        }
    }
    assert!(steps
        .iter()
        .filter(|s| s["intensity"] == "rest")
        .all(|s| s["duration_type"] == "time"));
}

#[test]
fn every_exported_file_of_the_examples_matches_the_plan() {
    let mut n = 0;
    for example in ["half-marathon", "marathon", "fitness"] {
        n += check_example(example);
    }
    assert!(n > 60, "only {n} files");
}

#[test]
fn logged_loads_become_weights() {
    let data = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let profile = repo_root().join("examples/half-marathon.toml");
    let d = data.path();
    assert_eq!(
        keel(d, &["profile", "set", profile.to_str().unwrap()]).code,
        0
    );
    // Logged on its day: keel refuses dates after today.
    let out = keel_on(
        d,
        &[
            "log",
            "lift",
            "romanian-deadlift",
            "3x15@16kg",
            "--rir",
            "2",
            "--date",
            "2027-01-05",
        ],
        Some("2027-01-05"),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Week 2 (from Monday 2027-01-11): every set at 16 kg reached 15, so 18 kg.
    let out = export_fit(
        d,
        &[
            "--today",
            "2027-01-11",
            "--out",
            out_dir.path().to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("(week 2)"), "{}", out.stdout);
    let path = out_dir.path().join("2027-01-12-full.fit");
    let f = decode(&path);
    let rdl: Vec<_> = steps(&f)
        .into_iter()
        .filter(|s| s.text(0) == Some("Romanian deadlift"))
        .collect();
    assert_eq!(rdl.len(), 3);
    for s in &rdl {
        assert_eq!(
            (s.unsigned(12), s.unsigned(13)),
            (Some(1800), Some(1)),
            "18 kg shown in kg"
        );
        assert!(
            s.text(8).unwrap().contains("Load: 18 kg"),
            "{:?}",
            s.text(8)
        );
    }
    // Exercises without history carry no weight.
    assert!(steps(&f)
        .iter()
        .filter(|s| s.text(0).is_some_and(|n| n.starts_with("Bulgarian")))
        .all(|s| s.field(12).is_none()));
    let mut sdk = fit_sdk::shared().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(sdk) = sdk.as_mut() {
        let v = sdk.check(&path);
        let rdl: Vec<&Value> = v["steps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["wkt_step_name"] == "Romanian deadlift")
            .collect();
        assert_eq!(rdl.len(), 3);
        for s in rdl {
            assert_eq!(s["exercise_weight"], 18.0);
            assert_eq!(s["weight_display_unit"], "kilogram");
            assert_eq!(s["exercise_name_resolved"], "romanian_deadlift");
        }
    }
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let dir = out_dir.path().to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["--week", "1"], "no profile stored"),
        (
            &["--example", "half-marathon", "--week", "40"],
            "the plan has 16 weeks: there is no week 40",
        ),
        (
            &["--example", "half-marathon", "--from", "2026-01-01"],
            "2026-01-01 is outside the plan, which runs from 2027-01-04 to 2027-04-25",
        ),
        (
            &["--example", "half-marathon", "--week", "1", "--weeks", "2"],
            "cannot be used with",
        ),
        (
            &["--example", "half-marathon", "--from", "2027-02-30"],
            "--from",
        ),
    ];
    for (args, needle) in cases {
        let mut all = vec!["--out", dir];
        if !args.contains(&"--today") {
            all.extend_from_slice(&["--today", TODAY]);
        }
        all.extend_from_slice(args);
        let out = export_fit(data.path(), &all);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
    }
    // The stored profile's season is over after its race.
    let profile = repo_root().join("examples/half-marathon.toml");
    assert_eq!(
        keel(data.path(), &["profile", "set", profile.to_str().unwrap()]).code,
        0
    );
    let out = export_fit(data.path(), &["--out", dir, "--today", "2027-06-01"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("the season ended on 2027-04-25: choose a week with --week N"),
        "{}",
        out.stderr
    );
    let missing = out_dir.path().join("GARMIN/NewFiles");
    let out = export_fit(
        data.path(),
        &[
            "--example",
            "half-marathon",
            "--week",
            "1",
            "--out",
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("expected an existing directory"),
        "{}",
        out.stderr
    );
    assert!(fit_files(out_dir.path()).is_empty());
    assert!(!missing.exists());
}

#[test]
fn the_activity_importer_still_rejects_workout_files() {
    let data = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = export_fit(
        data.path(),
        &[
            "--example",
            "fitness",
            "--week",
            "1",
            "--out",
            out_dir.path().to_str().unwrap(),
            "--today",
            TODAY,
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let first = fit_files(out_dir.path()).remove(0);
    let out = keel(data.path(), &["import", first.to_str().unwrap()]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(
        all.contains("FIT file of type `workout`, not an activity"),
        "{all}"
    );
}
