//! The runner's own changes to the plan, end to end through the binary: swaps (kept in the
//! store, within the athlete's equipment), moves (refused with the rule and the nearest
//! days, or accepted and re-planned), done and skipped (by hand, by `keel log lift`, by an
//! imported Strong CSV) and compliance. Today is Wednesday 13 Jan 2027, week 2 of the
//! example half-marathon season: strength on Tue 12 and Thu 14, Fri 15 the only rest day.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{keel_on, repo_root, Output};
use std::path::Path;

const TODAY: &str = "2027-01-13";

fn run(dir: &Path, args: &[&str]) -> Output {
    keel_on(dir, args, Some(TODAY))
}

/// A data directory with the example profile stored.
fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let profile = repo_root().join("examples/half-marathon.toml");
    let o = run(dir.path(), &["profile", "set", profile.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    dir
}

fn json(o: &Output) -> serde_json::Value {
    assert_eq!(o.code, 0, "{}", o.stderr);
    serde_json::from_str(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", o.stdout))
}

fn plan(dir: &Path) -> serde_json::Value {
    json(&run(dir, &["plan", "--format", "json"]))
}

/// The library ids of the strength exercises planned on `date`.
fn exercises_on(plan: &serde_json::Value, date: &str) -> Vec<String> {
    plan["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["days"].as_array().unwrap())
        .filter(|d| d["date"] == date)
        .flat_map(|d| d["sessions"].as_array().unwrap())
        .filter(|s| s["kind"] == "strength")
        .flat_map(|s| s["exercises"].as_array().unwrap())
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

/// Every (date, exercise id) of the plan's strength sessions.
fn all_exercises(plan: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for d in plan["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["days"].as_array().unwrap())
    {
        let date = d["date"].as_str().unwrap();
        for e in exercises_on(plan, date) {
            out.push((date.to_string(), e));
        }
    }
    out
}

fn strength_days(plan: &serde_json::Value, week: usize) -> Vec<String> {
    plan["weeks"][week]["days"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["sessions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["kind"] == "strength")
        })
        .map(|d| d["date"].as_str().unwrap().to_string())
        .collect()
}

fn compliance(dir: &Path, cmd: &str) -> serde_json::Value {
    json(&run(dir, &[cmd, "--format", "json"]))["compliance"].clone()
}

#[test]
fn swap_offers_only_what_the_equipment_allows_and_persists_from_its_day_on() {
    let d = setup();
    let dir = d.path();
    let before = plan(dir);
    assert!(exercises_on(&before, "2027-01-12").contains(&"goblet-squat".to_string()));

    // The alternatives: same pattern, within bodyweight, kettlebell and dumbbell.
    let o = run(dir, &["swap", "2027-01-12", "goblet-squat"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("bodyweight-squat"), "{}", o.stdout);
    assert!(!o.stdout.contains("barbell"), "{}", o.stdout);
    assert!(!o.stdout.contains("back-squat"), "{}", o.stdout);

    // A barbell lift is refused as bad input, naming the equipment; nothing is stored.
    let o = run(
        dir,
        &["swap", "2027-01-12", "goblet-squat", "--with", "back-squat"],
    );
    assert_eq!(o.code, 2, "{}", o.stdout);
    assert!(o.stderr.contains("needs barbell"), "{}", o.stderr);
    for bad in [
        &[
            "swap",
            "2027-01-12",
            "no-such-lift",
            "--with",
            "bodyweight-squat",
        ][..],
        &[
            "swap",
            "2027-13-40",
            "goblet-squat",
            "--with",
            "bodyweight-squat",
        ],
        &[
            "swap",
            "2027-01-13",
            "goblet-squat",
            "--with",
            "bodyweight-squat",
        ],
    ] {
        let o = run(dir, bad);
        assert_eq!(o.code, 2, "{bad:?}: {}", o.stdout);
        assert!(o.stderr.starts_with("keel: "), "{}", o.stderr);
    }
    assert_eq!(
        run(dir, &["swap", "--list"]).stdout.trim(),
        "No swaps stored."
    );
    assert_eq!(plan(dir), before);

    // The swap holds from that day on, in a new process, every week after.
    let o = run(
        dir,
        &[
            "swap",
            "2027-01-12",
            "goblet-squat",
            "--with",
            "bodyweight-squat",
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(run(dir, &["swap", "--list"])
        .stdout
        .contains("goblet-squat -> bodyweight-squat from 2027-01-12"));
    let after = plan(dir);
    let swapped: Vec<_> = all_exercises(&after);
    assert!(
        swapped
            .iter()
            .all(|(date, id)| id != "goblet-squat" || date.as_str() < "2027-01-12"),
        "goblet-squat still planned after the swap"
    );
    assert!(exercises_on(&after, "2027-01-12").contains(&"bodyweight-squat".to_string()));
    assert!(exercises_on(&after, "2027-01-19").contains(&"bodyweight-squat".to_string()));
    // Before its day the plan is as it was.
    assert_eq!(
        exercises_on(&after, "2027-01-05"),
        exercises_on(&before, "2027-01-05")
    );

    // Undone, the plan prescribes it again.
    let o = run(dir, &["swap", "--undo", "goblet-squat"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(plan(dir), before);
}

#[test]
fn avoided_exercises_are_never_prescribed() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let text = std::fs::read_to_string(repo_root().join("examples/half-marathon.toml")).unwrap();
    let file = dir.join("avoid.toml");
    std::fs::write(
        &file,
        format!("{text}\n[exercises]\navoid = [\"goblet-squat\", \"bulgarian-split-squat\"]\n"),
    )
    .unwrap();
    let o = run(dir, &["profile", "set", file.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let p = plan(dir);
    let all = all_exercises(&p);
    assert!(!all.is_empty());
    assert!(all
        .iter()
        .all(|(_, id)| id != "goblet-squat" && id != "bulgarian-split-squat"));
    // Nor offered as a swap.
    let date = &all[0].0;
    let id = &all[0].1;
    let o = run(dir, &["swap", date, id]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(!o.stdout.contains("goblet-squat  "), "{}", o.stdout);
    assert!(
        !o.stdout.contains("bulgarian-split-squat  "),
        "{}",
        o.stdout
    );
}

#[test]
fn move_to_the_rest_day_is_refused_with_the_rule_and_the_nearest_days() {
    let d = setup();
    let dir = d.path();
    let before = plan(dir);
    let o = run(dir, &["move", "2027-01-14", "--to", "2027-01-15"]);
    assert_eq!(o.code, 1, "{}\n{}", o.stdout, o.stderr);
    assert!(o.stderr.contains("[rest-day]"), "{}", o.stderr);
    assert!(
        o.stderr.contains(
            "Nearest days that work: Thursday 14 Jan (its planned day), Saturday 16 Jan, Sunday 17 Jan."
        ),
        "{}",
        o.stderr
    );
    // The day before Thursday's tempo run: hard-run-24h.
    let o = run(dir, &["move", "2027-01-14", "--to", "2027-01-13"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("[hard-run-24h]"), "{}", o.stderr);
    // Bad input: exit 2, nothing stored.
    for bad in [
        &["move", "2027-01-14", "--to", "2027-02-17"][..],
        &["move", "2027-01-15", "--to", "2027-01-16"],
        &["move", "14/01/2027", "--to", "2027-01-16"],
        &[
            "move",
            "2027-01-14",
            "--to",
            "2027-01-16",
            "--session",
            "sideways",
        ],
    ] {
        let o = run(dir, bad);
        assert_eq!(o.code, 2, "{bad:?}: {}", o.stderr);
    }
    assert_eq!(
        run(dir, &["move", "--list"]).stdout.trim(),
        "No moves stored."
    );
    assert_eq!(plan(dir), before);
}

#[test]
fn move_accepted_is_stored_and_the_week_replanned() {
    let d = setup();
    let dir = d.path();
    let before = plan(dir);
    assert_eq!(strength_days(&before, 1), ["2027-01-12", "2027-01-14"]);
    let o = run(dir, &["move", "2027-01-14", "--to", "2027-01-17"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout
            .contains("Moved the full-body session of Thursday 14 Jan to Sunday 17 Jan"),
        "{}",
        o.stdout
    );
    let after = plan(dir);
    assert_eq!(strength_days(&after, 1), ["2027-01-12", "2027-01-17"]);
    // The moved session keeps its exercises; the other weeks are as they were.
    assert_eq!(
        exercises_on(&after, "2027-01-17"),
        exercises_on(&before, "2027-01-14")
    );
    assert_eq!(after["weeks"][2], before["weeks"][2]);
    assert!(run(dir, &["move", "--list"])
        .stdout
        .contains("2027-01-14 -> 2027-01-17"));
    // Back on its planned day, the plan is whole again.
    let o = run(dir, &["move", "--undo", "2027-01-17"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(plan(dir), before);
}

/// A session the adaptation moved (sore legs the day before the tempo run: Thursday's
/// session shows on Sunday) is moved from the day the runner sees it on; the move is stored
/// from its planned day, and a day that shows nothing still says so.
#[test]
fn a_session_the_adaptation_moved_is_moved_from_where_it_shows() {
    let d = setup();
    let dir = d.path();
    let o = run(dir, &["checkin", "--soreness-legs", "5"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(strength_days(&plan(dir), 1), ["2027-01-12", "2027-01-17"]);
    let o = run(dir, &["move", "2027-01-17", "--to", "2027-01-16"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout
            .contains("Moved the full-body session of Thursday 14 Jan to Saturday 16 Jan"),
        "{}",
        o.stdout
    );
    assert!(run(dir, &["move", "--list"])
        .stdout
        .contains("2027-01-14 -> 2027-01-16"));
    assert_eq!(strength_days(&plan(dir), 1), ["2027-01-12", "2027-01-16"]);
    // Sunday shows nothing any more: nothing to move from there.
    let o = run(dir, &["move", "2027-01-17", "--to", "2027-01-15"]);
    assert_eq!(o.code, 2, "{}", o.stdout);
    assert!(
        o.stderr
            .contains("no strength session is planned on 2027-01-17"),
        "{}",
        o.stderr
    );
}

#[test]
fn a_lift_logged_on_the_day_marks_the_session_done() {
    let d = setup();
    let dir = d.path();
    let c = compliance(dir, "load");
    assert_eq!(
        (c["planned"].as_u64(), c["done"].as_u64()),
        (Some(3), Some(0))
    );
    assert_eq!(c["missed"], 3);
    // A lift on a day without a planned session does not count.
    let o = run(
        dir,
        &[
            "log",
            "lift",
            "goblet-squat",
            "3x10@16kg",
            "--date",
            "2027-01-06",
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(compliance(dir, "load")["done"], 0);
    // On Tuesday's session day, it does.
    let o = run(
        dir,
        &[
            "log",
            "lift",
            "goblet-squat",
            "3x10@16kg",
            "--date",
            "2027-01-12",
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let c = compliance(dir, "today");
    assert_eq!(
        (c["planned"].as_u64(), c["done"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(
        c["text"],
        "Strength done: 1 of 3 sessions in the last 4 weeks (33%); 2 missed."
    );
    assert_eq!(compliance(dir, "load"), c);
    let o = run(dir, &["today"]);
    assert!(o.stdout.contains("Strength done: 1 of 3"), "{}", o.stdout);
}

#[test]
fn an_imported_strong_csv_marks_the_sessions_done() {
    let d = setup();
    let dir = d.path();
    let csv = dir.join("strong.csv");
    std::fs::write(
        &csv,
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n\
         2027-01-05 18:40:00,\"Legs\",40m,\"Bulgarian Split Squat (Dumbbell)\",1,12.0,10.0,0,0.0,\n\
         2027-01-05 18:40:00,\"Legs\",40m,\"Bulgarian Split Squat (Dumbbell)\",2,12.0,10.0,0,0.0,\n\
         2027-01-05 18:40:00,\"Legs\",40m,\"Romanian Deadlift (Dumbbell)\",1,20.0,12.0,0,0.0,\n\
         2027-01-07 19:05:00,\"Full\",35m,\"Glute Bridge\",1,0.0,15.0,0,0.0,\n\
         2027-01-07 19:05:00,\"Full\",35m,\"Glute Bridge\",2,0.0,15.0,0,0.0,\n",
    )
    .unwrap();
    let o = run(dir, &["import", csv.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}\n{}", o.stdout, o.stderr);
    let c = compliance(dir, "load");
    assert_eq!(
        (
            c["planned"].as_u64(),
            c["done"].as_u64(),
            c["missed"].as_u64()
        ),
        (Some(3), Some(2), Some(1)),
        "{c}"
    );
    // A mark by hand wins over the log: Thursday 7 skipped after all.
    let o = run(dir, &["skip", "2027-01-07", "--why", "felt ill"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let c = compliance(dir, "load");
    assert_eq!(
        (c["done"].as_u64(), c["skipped"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn a_skipped_session_is_not_made_up_by_doubling_another() {
    let d = setup();
    let dir = d.path();
    let before = plan(dir);
    let o = run(dir, &["skip", "2027-01-12", "--why", "work trip"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("not made up later"), "{}", o.stdout);
    assert!(
        o.stdout.contains(
            "Strength done: 0 of 3 sessions in the last 4 weeks (0%); 1 skipped, 2 missed."
        ),
        "{}",
        o.stdout
    );
    // The plan is exactly what it was: no session grows, none is added.
    assert_eq!(plan(dir), before);
    let o = run(dir, &["done", "2027-01-07"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let c = compliance(dir, "today");
    assert_eq!(
        (
            c["done"].as_u64(),
            c["skipped"].as_u64(),
            c["missed"].as_u64()
        ),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(plan(dir), before);
    // Bad input: exit 2 and the marks stay as they were.
    for bad in [
        &["done", "2027-01-14"][..],
        &["skip", "2027-01-15"],
        &["done", "yesterdayish"],
        &["done", "--undo", "2027-01-06"],
    ] {
        let o = run(dir, bad);
        assert_eq!(o.code, 2, "{bad:?}: {}", o.stderr);
    }
    assert_eq!(compliance(dir, "today"), c);
    // Taken back, the day is missed again.
    let o = run(dir, &["skip", "--undo", "2027-01-12"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(compliance(dir, "today")["missed"], 2);
}

#[test]
fn a_strength_only_day_takes_a_session_instead_of_the_long_run_day() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let text = std::fs::read_to_string(repo_root().join("examples/half-marathon.toml")).unwrap();
    // Three run days (Tue, Thu, Sat); Sunday kept for strength, the rest are rest days.
    let text = text
        .replace("mon = \"easy 40min\"", "mon = \"rest\"")
        .replace("wed = \"recovery 30min\"", "wed = \"rest\"")
        .replace("sun = \"easy 8km\"", "sun = \"strength\"");
    let file = dir.join("three.toml");
    std::fs::write(&file, &text).unwrap();
    let o = run(dir, &["plan", file.to_str().unwrap(), "--format", "json"]);
    let p = json(&o);
    assert_eq!(
        strength_days(&p, 0),
        ["2027-01-05", "2027-01-07", "2027-01-10"]
    );
    let sunday = &p["weeks"][0]["days"][6];
    assert_eq!(sunday["sessions"].as_array().unwrap().len(), 1, "{sunday}");
    assert!(sunday
        .to_string()
        .contains("a day without a run that you keep for strength"));
    // Without the mark the third session goes after the long run.
    let plain = text.replace("sun = \"strength\"", "sun = \"rest\"");
    std::fs::write(&file, plain).unwrap();
    let p = json(&run(
        dir,
        &["plan", file.to_str().unwrap(), "--format", "json"],
    ));
    assert_eq!(
        strength_days(&p, 0),
        ["2027-01-05", "2027-01-07", "2027-01-09"]
    );
}
