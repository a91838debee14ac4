//! Walks the whole shared activity-file folder and checks every FIT, GPX and TCX file
//! against `reference.jsonl` (fitdecode, gpxpy, python-tcxparser).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use keel_core::activity::{Activity, Sport};
use keel_import::fit::{FitContent, FitDecoder, KeelFitDecoder};
use keel_import::{decode, Decoded, ErrorKind, ImportError};
use serde_json::Value;

mod common;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if let Some(ext) = p.extension().and_then(|e| e.to_str()) {
            if ["fit", "gpx", "tcx"].contains(&ext.to_ascii_lowercase().as_str()) {
                out.push(p);
            }
        }
    }
}

fn ts(v: &Value) -> Option<Timestamp> {
    let s = v.as_str()?;
    s.parse::<Timestamp>().ok().or_else(|| {
        s.parse::<jiff::civil::DateTime>().ok().map(|d| {
            d.to_zoned(jiff::tz::TimeZone::UTC)
                .expect("utc")
                .timestamp()
        })
    })
}

fn close_s(a: Timestamp, b: Timestamp) -> bool {
    (a.as_millisecond() - b.as_millisecond()).abs() <= 1000
}

fn within_pct(ours: f64, theirs: f64, pct: f64) -> bool {
    if theirs == 0.0 {
        return ours.abs() < 1.0;
    }
    ((ours - theirs) / theirs).abs() * 100.0 <= pct
}

/// The reference's FIT sport/sub_sport names mapped to keel's sports, independently of the
/// decoder's numeric table.
fn fit_sport(sport: &Value, sub: &Value) -> Sport {
    match (sport.as_str(), sub.as_str()) {
        (Some("running"), Some("treadmill")) => Sport::Treadmill,
        (Some("running"), Some("trail")) => Sport::TrailRun,
        (Some("running"), _) => Sport::Run,
        (Some("cycling"), _) => Sport::Ride,
        (Some("walking"), _) | (Some("hiking"), _) => Sport::Walk,
        (Some("swimming"), _) => Sport::Swim,
        (Some("training"), Some("strength_training")) => Sport::Strength,
        _ => Sport::Other,
    }
}

fn activities(name: &str, r: Result<Decoded, ImportError>) -> Vec<Activity> {
    match r {
        Ok(Decoded::Activities(a)) => a,
        Ok(other) => panic!("{name}: expected activities, got {other:?}"),
        Err(e) => panic!("{name}: expected activities, got error: {e}"),
    }
}

fn rejected(name: &str, r: Result<Decoded, ImportError>, kind: ErrorKind, needle: &str) {
    match r {
        Err(e) => {
            assert_eq!(e.kind(), kind, "{name}: {e}");
            assert!(
                e.to_string().contains(needle),
                "{name}: message `{e}` should mention `{needle}`"
            );
        }
        Ok(d) => panic!("{name}: expected a {kind} rejection, got {d:?}"),
    }
}

/// Compares our activities with the reference's sessions (one activity per session).
fn check_sessions(name: &str, acts: &[Activity], sessions: &[Value], raw: &FitContent) {
    let mut refs: Vec<&Value> = Vec::new();
    for s in sessions {
        if !refs.contains(&s) {
            refs.push(s); // chained copies repeat identical sessions
        }
    }
    assert_eq!(acts.len(), refs.len(), "{name}: one activity per session");
    for (a, s) in acts.iter().zip(&refs) {
        let start = ts(&s["start_time"]).expect("reference start");
        assert!(
            close_s(a.start, start),
            "{name}: start {} vs {start}",
            a.start
        );
        let el = s["total_elapsed_time"].as_f64().expect("elapsed");
        assert!(
            (a.elapsed_s - el).abs() <= 1.0,
            "{name}: elapsed {} vs {el}",
            a.elapsed_s
        );
        if let Some(t) = s["total_timer_time"].as_f64() {
            assert!(
                (a.moving_s.expect("moving") - t).abs() <= 1.0,
                "{name}: timer"
            );
        }
        if let Some(d) = s["total_distance"].as_f64() {
            let ours = a.distance_m.expect("distance");
            assert!(within_pct(ours, d, 0.5), "{name}: distance {ours} vs {d}");
        }
        assert_eq!(
            a.sport,
            fit_sport(&s["sport"], &s["sub_sport"]),
            "{name}: sport"
        );
        if let Some(hr) = s["avg_heart_rate"].as_u64() {
            assert_eq!(a.avg_hr, Some(hr as u16), "{name}: avg hr");
        }
    }
    let samples: usize = acts.iter().map(|a| a.samples.len()).sum();
    assert!(
        samples <= raw.records.len(),
        "{name}: samples never exceed records"
    );
    assert!(samples > 0 || raw.records.is_empty(), "{name}: samples");
}

#[test]
fn every_shared_file_agrees_with_the_reference() {
    let Some(root) = common::shared_activity_files() else {
        eprintln!("SKIPPED: shared activity files not found (clone shared/ beside the repo)");
        return;
    };
    let reference: HashMap<String, Value> = std::fs::read_to_string(root.join("reference.jsonl"))
        .expect("reference.jsonl")
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("json line");
            (v["file"].as_str().expect("file").to_string(), v)
        })
        .collect();
    let mut files = Vec::new();
    walk(&root, &mut files);
    assert!(
        files.len() >= 70,
        "expected the whole folder, found {}",
        files.len()
    );
    let mut checked = HashMap::<&str, usize>::new();
    for path in &files {
        let rel = path
            .strip_prefix(&root)
            .expect("under root")
            .to_string_lossy()
            .replace('\\', "/");
        let r = reference
            .get(&rel)
            .unwrap_or_else(|| panic!("{rel}: no reference line"));
        let bytes = std::fs::read(path).expect("read");
        let name = rel.as_str();
        let result = decode(name, &bytes);
        let outcome = match r["format"].as_str().expect("format") {
            "fit" => check_fit(name, r, &bytes, result),
            "gpx" => check_gpx(name, r, result),
            "tcx" => check_tcx(name, r, result),
            f => panic!("{name}: unknown format {f}"),
        };
        *checked.entry(outcome).or_default() += 1;
    }
    eprintln!("reference check: {checked:?}");
    assert_eq!(checked.values().sum::<usize>(), reference.len());
}

fn check_fit(
    name: &str,
    r: &Value,
    bytes: &[u8],
    result: Result<Decoded, ImportError>,
) -> &'static str {
    let raw = KeelFitDecoder.decode(bytes).expect("raw FIT decode");
    let file = name.rsplit('/').next().expect("file name");
    if r["ok"].as_bool() == Some(true) {
        let d = &r["details"];
        // Raw decoding agrees with fitdecode whatever happens next.
        assert_eq!(
            raw.records.len() as u64,
            d["n_records"].as_u64().expect("n"),
            "{name}: records"
        );
        assert_eq!(
            raw.n_files as u64,
            d["fit_headers"].as_u64().expect("h"),
            "{name}: chained files"
        );
        assert!(
            raw.problems.is_empty(),
            "{name}: clean file, problems {:?}",
            raw.problems
        );
        let types: Vec<&str> = d["file_types"]
            .as_array()
            .expect("types")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        if !types.contains(&"activity") {
            rejected(
                name,
                result,
                ErrorKind::NotAnActivity,
                &format!("FIT file of type `{}`, not an activity", types[0]),
            );
            return "fit rejected: not an activity";
        }
        if r["start_time"].is_u64() {
            // FR70-era files: only device-relative times, nothing to anchor a date to.
            rejected(name, result, ErrorKind::NotAnActivity, "device-relative");
            let s = &d["sessions"][0];
            let ours = &raw.sessions[0];
            assert_eq!(
                ours.start_time.map(u64::from),
                s["start_time"].as_u64(),
                "{name}"
            );
            let el = s["total_elapsed_time"].as_f64().expect("el");
            assert!(
                (ours.total_elapsed_time.expect("el") - el).abs() < 0.01,
                "{name}"
            );
            if let Some(dist) = s["total_distance"].as_f64() {
                // The compressed speed/distance trap: records must not double-count.
                let last = raw
                    .records
                    .iter()
                    .rev()
                    .find_map(|r| r.distance)
                    .expect("distance");
                assert!(
                    within_pct(last, dist, 0.5),
                    "{name}: record distance {last} vs session {dist}"
                );
            }
            return "fit rejected: device-relative time";
        }
        if d["sessions"].as_array().is_some_and(Vec::is_empty) && d["first_record_ts"].is_null() {
            rejected(name, result, ErrorKind::NotAnActivity, "no session");
            return "fit rejected: no time at all";
        }
        let acts = activities(name, result);
        assert!(
            acts.iter().all(|a| a.partial.is_none()),
            "{name}: clean file is not partial"
        );
        check_sessions(
            name,
            &acts,
            d["sessions"].as_array().expect("sessions"),
            &raw,
        );
        return "fit ok";
    }
    // The reference could not parse it strictly: compare with its lenient decode and say
    // how much we recovered.
    let len = &r["lenient"];
    let ld = &len["details"];
    let lenient_records = ld["n_records"].as_u64().expect("lenient records") as usize;
    let acts = activities(name, result);
    match file {
        "coros-pace-2-cycling-misaligned-fields.fit" => {
            // Field sizes that do not match their type are read as far as they fit: the
            // whole file decodes, nothing lost.
            assert!(raw.problems.is_empty(), "{name}: {:?}", raw.problems);
            assert_eq!(raw.records.len(), lenient_records, "{name}");
            check_sessions(name, &acts, ld["sessions"].as_array().expect("s"), &raw);
            "fit recovered: complete"
        }
        "strava-android-app-201.10-b1218918.fit" => {
            // fitdecode stops at the first short record (473 records); re-sync goes on.
            assert!(
                raw.records.len() > 10 * lenient_records,
                "{name}: {} records",
                raw.records.len()
            );
            check_sessions(name, &acts, ld["sessions"].as_array().expect("s"), &raw);
            let a = &acts[0];
            let last = a.samples.last().expect("samples").t;
            assert!(
                (last - a.elapsed_s).abs() <= 5.0,
                "{name}: samples cover the session ({last})"
            );
            assert!(
                a.samples.windows(2).all(|w| w[0].t <= w[1].t),
                "{name}: time order"
            );
            let partial = a.partial.as_deref().expect("partial");
            assert!(partial.contains("out of sync"), "{name}: {partial}");
            "fit recovered: re-synchronised"
        }
        "nick.fit" => {
            // Cut before the session summary: one activity from the records.
            assert_eq!(acts.len(), 1);
            let a = &acts[0];
            assert!(
                close_s(a.start, ts(&ld["first_record_ts"]).expect("first")),
                "{name}"
            );
            let span = ts(&ld["last_record_ts"]).expect("last").as_second()
                - ts(&ld["first_record_ts"]).expect("first").as_second();
            assert!((a.elapsed_s - span as f64).abs() <= 1.0, "{name}: elapsed");
            assert_eq!(a.sport, Sport::Ride);
            assert_eq!(raw.records.len(), lenient_records);
            let partial = a.partial.as_deref().expect("partial");
            assert!(
                partial.contains("no session summary") && partial.contains("17 bytes lost"),
                "{name}: {partial}"
            );
            "fit recovered: from records"
        }
        _ => {
            // Bad CRC, truncated tail, corrupt chained header: the activity is whole, the
            // damage is reported.
            assert_eq!(raw.records.len(), lenient_records, "{name}");
            check_sessions(name, &acts, ld["sessions"].as_array().expect("s"), &raw);
            let partial = acts[0].partial.as_deref().expect("partial");
            let why = r["error"].as_str().expect("error");
            let expected = if why.contains("CRC") {
                "CRC mismatch"
            } else if why.contains("not a FIT file") {
                "not a FIT file header"
            } else {
                "bytes lost"
            };
            assert!(
                partial.contains(expected),
                "{name}: {partial} should say {expected}"
            );
            "fit recovered: damage reported"
        }
    }
}

fn check_gpx(name: &str, r: &Value, result: Result<Decoded, ImportError>) -> &'static str {
    let n_points = r["n_points"].as_u64().expect("n_points");
    let start = ts(&r["start_time"]);
    if n_points == 0 {
        rejected(name, result, ErrorKind::NotAnActivity, "no track points");
        return "gpx rejected: no track";
    }
    if start.is_none() {
        rejected(name, result, ErrorKind::NotAnActivity, "none has a time");
        return "gpx rejected: no times";
    }
    let start = start.expect("start");
    if start.as_second() < 315_964_800 {
        rejected(
            name,
            result,
            ErrorKind::NotAnActivity,
            "before GPS time began",
        );
        return "gpx rejected: placeholder times";
    }
    if n_points < 2 || r["duration"].as_f64().is_some_and(|d| d < 1.0) {
        rejected(name, result, ErrorKind::NotAnActivity, "duration");
        return "gpx rejected: no duration";
    }
    if name.ends_with("cerknicko-without-times.gpx") {
        // gpxpy finds times on 6 of 296 points (duration null): a route, not a recording.
        rejected(
            name,
            result,
            ErrorKind::NotAnActivity,
            "of 296 GPX track points have a time",
        );
        return "gpx rejected: mostly untimed";
    }
    let acts = activities(name, result);
    assert_eq!(acts.len(), 1, "{name}");
    let a = &acts[0];
    assert!(
        close_s(a.start, start),
        "{name}: start {} vs {start}",
        a.start
    );
    if let Some(d) = r["duration"].as_f64() {
        // gpxpy's duration sums segment spans: keel's moving time.
        assert!(
            (a.moving_s.expect("moving") - d).abs() <= 1.0,
            "{name}: duration"
        );
    }
    // gpxpy's end is the last point's time; keel's elapsed runs from the earliest to the
    // latest time, so it is never shorter (first_and_last_elevation.gpx ends out of order).
    let end = ts(&r["end_time"]).expect("end");
    let span = (end.as_millisecond() - start.as_millisecond()) as f64 / 1000.0;
    assert!(
        a.elapsed_s >= span - 1.0,
        "{name}: elapsed {} vs {span}",
        a.elapsed_s
    );
    assert!(a.elapsed_s + 1.0 >= a.moving_s.expect("moving"), "{name}");
    let len = r["length_2d"].as_f64().expect("length");
    assert!(
        within_pct(a.distance_m.expect("distance"), len, 0.5),
        "{name}: {:?} vs {len}",
        a.distance_m
    );
    let t = r["track_type"][0].as_str();
    let sport = match t {
        Some("run") => Sport::Run,
        None => Sport::Other,
        Some(other) => panic!("{name}: add track type {other} to the test"),
    };
    assert_eq!(a.sport, sport, "{name}");
    if a.partial.is_none() {
        assert_eq!(
            a.samples.len() as u64,
            n_points,
            "{name}: every point is a sample"
        );
    } else {
        assert!(
            (a.samples.len() as u64) < n_points,
            "{name}: untimed points left out"
        );
    }
    "gpx ok"
}

fn check_tcx(name: &str, r: &Value, result: Result<Decoded, ImportError>) -> &'static str {
    let raw = &r["raw"];
    let acts = activities(name, result);
    assert_eq!(
        acts.len() as u64,
        raw["n_activities"].as_u64().expect("n"),
        "{name}"
    );
    let a = &acts[0];
    assert!(
        close_s(a.start, ts(&r["start_time"]).expect("start")),
        "{name}: start"
    );
    let lap_time = raw["lap_total_time_s"].as_f64().expect("t");
    assert!((a.elapsed_s - lap_time).abs() <= 1.0, "{name}: elapsed");
    assert!(
        (a.elapsed_s - r["duration"].as_f64().expect("d")).abs() <= 1.0,
        "{name}"
    );
    let d = a.distance_m.expect("distance");
    assert!(
        within_pct(d, raw["lap_distance_m"].as_f64().expect("d"), 0.5),
        "{name}"
    );
    assert!(
        within_pct(d, r["distance"].as_f64().expect("d"), 0.5),
        "{name}"
    );
    let sport = match r["sport"].as_str() {
        Some("running") => Sport::Run,
        Some("other") => Sport::Other,
        other => panic!("{name}: add sport {other:?} to the test"),
    };
    assert_eq!(a.sport, sport, "{name}");
    assert_eq!(
        a.samples.len() as u64,
        raw["n_trackpoints"].as_u64().expect("n"),
        "{name}"
    );
    let with_hr = a.samples.iter().filter(|s| s.hr.is_some()).count() as u64;
    assert_eq!(
        with_hr,
        raw["n_trackpoints_with_hr"].as_u64().expect("n"),
        "{name}"
    );
    match r["avg_heart_rate"].as_f64() {
        Some(hr) => assert!(
            (f64::from(a.avg_hr.expect("hr")) - hr).abs() <= 1.0,
            "{name}: hr"
        ),
        None => assert_eq!(a.avg_hr, None),
    }
    assert_eq!(
        a.laps.len() as u64,
        raw["n_laps"].as_u64().expect("laps"),
        "{name}"
    );
    "tcx ok"
}
