//! `keel load`.

use super::common::*;

#[test]
fn text_report_over_three_weeks() {
    let dir = tempfile::tempdir().unwrap();
    season(dir.path());
    let out = keel(
        dir.path(),
        &["load", "--weeks", "3", "--date", "2025-03-16"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    // Each source appears with its own words.
    for source in [
        "RPE from the log",
        "Strava perceived exertion",
        "estimated from heart rate, Banister TRIMP",
        "default RPE for the run type",
        "from the sets' RPE / reps in reserve",
    ] {
        assert!(out.stdout.contains(source), "missing `{source}`");
    }
    assert!(out.stdout.contains("Impellizzeri"));
    // The profile's anchors are named with the estimate.
    assert!(out
        .stdout
        .contains("HRmax 190 bpm (from the profile) and HRrest 50 bpm"));
    insta::assert_snapshot!("load_text_3_weeks", out.stdout);
}

#[test]
fn json_report_for_one_week() {
    let dir = tempfile::tempdir().unwrap();
    season(dir.path());
    let out = keel(
        dir.path(),
        &[
            "load",
            "--weeks",
            "1",
            "--date",
            "2025-03-16",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["schema"], "keel.load/1");
    assert_eq!(v["from"], "2025-03-10");
    assert_eq!(v["days"].as_array().unwrap().len(), 7);
    let week = &v["weeks"][0];
    assert_eq!(week["start"], "2025-03-10");
    assert_eq!(week["complete"], true);
    // Week 8: easy 8 + tempo 10.5 + Strava 6 + long 22 km = 46.5 km.
    assert!((week["run_km"].as_f64().unwrap() - 46.5).abs() < 1e-9);
    // Easy run on Monday: logged RPE 3 x 40 min = 120 AU.
    let monday = &v["days"][0];
    assert_eq!(monday["sessions"][0]["source"], "logged-rpe");
    assert_eq!(monday["sessions"][0]["load"], 120.0);
    // 8 weeks of data: the ratio is shown.
    assert!(v["days"][6]["acwr_ewma"].is_number());
    insta::assert_json_snapshot!("load_json_1_week", v);
}

#[test]
fn ratio_hidden_in_the_first_28_days() {
    let dir = tempfile::tempdir().unwrap();
    season(dir.path());
    // Data starts Monday 2025-01-20: up to 2025-02-16 (day 27) the ratio is hidden.
    let out = keel(
        dir.path(),
        &[
            "load",
            "--weeks",
            "1",
            "--date",
            "2025-02-16",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(v["days"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["acwr_ewma"].is_null() && d["acwr_rolling"].is_null()));
    let out = keel(
        dir.path(),
        &["load", "--weeks", "1", "--date", "2025-02-16"],
    );
    assert!(out
        .stdout
        .contains("ACWR     ·······  hidden: fewer than 28 days of data"));
    assert!(out.stdout.contains("the ratio shows from 2025-02-17"));
    // The next day it shows.
    let out = keel(
        dir.path(),
        &[
            "load",
            "--weeks",
            "1",
            "--date",
            "2025-02-17",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(v["days"][0]["acwr_ewma"].is_number());
}

#[test]
fn empty_log_says_so_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("fresh");
    let out = keel(&data, &["load", "--date", "2025-03-16"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("load_empty", out.stdout);
    assert!(
        !data.exists(),
        "a read-only command must not create the data directory"
    );
}

#[test]
fn bad_arguments_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = keel(dir.path(), &["load", "--date", "2025-02-30"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--date"), "{}", out.stderr);
    let out = keel(dir.path(), &["load", "--weeks", "0"]);
    assert_eq!(out.code, 2);
}
