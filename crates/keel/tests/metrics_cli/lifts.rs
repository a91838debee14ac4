//! `keel lifts`.

use super::common::*;

#[test]
fn text_summary_of_every_lift() {
    let dir = tempfile::tempdir().unwrap();
    season(dir.path());
    let out = keel(dir.path(), &["lifts", "--date", "2025-03-16"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Step-ups were only ever done for 12 reps: no estimate, no row.
    assert!(!out.stdout.contains("step-up"));
    insta::assert_snapshot!("lifts_text", out.stdout);
}

#[test]
fn detail_of_one_lift() {
    let dir = tempfile::tempdir().unwrap();
    season(dir.path());
    let out = keel(
        dir.path(),
        &[
            "lifts",
            "--exercise",
            "goblet-squat",
            "--date",
            "2025-03-16",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains("romanian-deadlift"));
    // Week 1: 16 kg x 8 -> 16 x (1 + 8/30) = 20.27; week 5: 20 kg x 8 -> 25.33.
    assert!(out.stdout.contains("16 kg x 8"));
    assert!(out.stdout.contains("20.3"));
    assert!(out.stdout.contains("25.3"));
    insta::assert_snapshot!("lifts_detail_goblet_squat", out.stdout);
}

#[test]
fn json_lists_points_per_lift() {
    let dir = tempfile::tempdir().unwrap();
    season(dir.path());
    let out = keel(
        dir.path(),
        &["lifts", "--date", "2025-03-16", "--format", "json"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["schema"], "keel.lifts/1");
    let lifts = v["lifts"].as_array().unwrap();
    let names: Vec<&str> = lifts
        .iter()
        .map(|l| l["exercise"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["goblet-squat", "romanian-deadlift"]);
    // Romanian deadlift: the 10-rep set counts, the 12-rep set does not:
    // 24 x (1 + 10/30) = 32 every week.
    let rdl = lifts[1]["points"].as_array().unwrap();
    assert_eq!(rdl.len(), 8);
    assert!(rdl.iter().all(|p| p["reps"] == 10 && p["e1rm_kg"] == 32.0));
}

#[test]
fn unknown_lift_is_an_error_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    season(dir.path());
    let out = keel(
        dir.path(),
        &[
            "lifts",
            "--exercise",
            "goblet-squats",
            "--date",
            "2025-03-16",
        ],
    );
    assert_eq!(out.code, 2);
    insta::assert_snapshot!("lifts_unknown_exercise", out.stderr);
}

#[test]
fn empty_log() {
    let dir = tempfile::tempdir().unwrap();
    let out = keel(dir.path(), &["lifts", "--date", "2025-03-16"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("No working sets of 1-10 reps"));
}
