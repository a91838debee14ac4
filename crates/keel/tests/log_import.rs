//! `keel log`, `keel import` and `keel profile` end to end: the real binary on a temporary
//! data directory, with the shared real activity files.

// Helpers outside #[test] functions: a panic there is a failed test too.
#![allow(clippy::unwrap_used)]

mod common;

use common::{keel, Output as Out};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `../shared/data/activity-files` beside the repository (`../../../shared` from this
/// crate); from a worktree nested deeper, the nearest ancestor holding it.
fn shared(rel: &str) -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let documented = manifest.join("../../../shared/data/activity-files");
    let root = if documented.is_dir() {
        documented
    } else {
        manifest
            .ancestors()
            .map(|a| a.join("shared/data/activity-files"))
            .find(|p| p.is_dir())
            .expect("shared/data/activity-files beside the repository")
    };
    root.join(rel)
}

fn fit(name: &str) -> PathBuf {
    shared(&format!("python-fitparse/tests/files/{name}"))
}

fn list_json(data: &Path) -> serde_json::Value {
    let out = keel(
        data,
        &["log", "list", "--since", "1990-01-01", "--format", "json"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).expect("keel.log/1 JSON")
}

fn count(v: &serde_json::Value, key: &str) -> usize {
    v[key].as_array().map_or(0, Vec::len)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).expect("gzip");
    gz.finish().expect("gzip")
}

/// A number after `label` in the import summary, e.g. `Imported 6 files` -> 6.
fn figure(summary: &str, label: &str) -> usize {
    let at = summary
        .find(label)
        .unwrap_or_else(|| panic!("`{label}` not in:\n{summary}"));
    summary[at + label.len()..]
        .trim_start()
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number after `{label}` in:\n{summary}"))
}

#[test]
fn log_run_lift_and_list_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    for args in [
        &[
            "log",
            "run",
            "tempo",
            "45min",
            "--distance",
            "10km",
            "--rpe",
            "7",
            "--date",
            "2024-05-06",
        ][..],
        &[
            "log",
            "lift",
            "goblet-squat",
            "3x10@16kg",
            "1x8@35lb",
            "--rir",
            "2",
            "--date",
            "2024-05-06",
        ],
        &["log", "lift", "push-up", "2x12", "--date", "2024-05-06"],
        &[
            "log",
            "run",
            "easy",
            "1h05",
            "--date",
            "2024-05-07",
            "--sport",
            "trail-run",
        ],
        &[
            "log",
            "lift",
            "single-leg-rdl",
            "3x8@12kg",
            "--rpe",
            "8",
            "--date",
            "2024-05-08",
            "--name",
            "Lower B",
        ],
        &[
            "log",
            "run",
            "long",
            "1:50",
            "--distance",
            "13.1mi",
            "--date",
            "2024-04-20",
        ],
    ] {
        let out = keel(&d, args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(out.stdout.starts_with("Logged"), "{}", out.stdout);
    }
    assert!(
        d.join("keel.db").exists(),
        "the data directory is created on first use"
    );
    let out = keel(
        &d,
        &["log", "list", "--since", "2024-05-01", "--format", "json"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("log_list_json", out.stdout);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["schema"], "keel.log/1");
    // Exactly these keys (their order is pinned by the snapshot).
    let keys = |o: &serde_json::Value| {
        let mut k: Vec<String> = o.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let sorted = |k: &[&str]| {
        let mut k: Vec<String> = k.iter().map(|s| s.to_string()).collect();
        k.sort();
        k
    };
    assert_eq!(keys(&v), sorted(&["schema", "activities", "strength"]));
    assert_eq!(
        keys(&v["activities"][0]),
        sorted(&[
            "id",
            "source",
            "sport",
            "start",
            "elapsed_s",
            "moving_s",
            "distance_m",
            "avg_hr",
            "records",
            "partial"
        ])
    );
    assert_eq!(
        keys(&v["strength"][0]),
        sorted(&["id", "date", "name", "sets"])
    );
    assert_eq!(
        keys(&v["strength"][0]["sets"][0]),
        sorted(&["exercise", "weight_kg", "reps", "rir", "type"])
    );
    // --since leaves the April long run out.
    assert_eq!(count(&v, "activities"), 2);
    // Lifts on one day form one session; a named session is its own.
    assert_eq!(count(&v, "strength"), 2);
    assert_eq!(v["strength"][0]["sets"].as_array().unwrap().len(), 6);

    let out = keel(&d, &["log", "list", "--since", "2024-04-01"]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!("log_list_text", out.stdout);
}

#[test]
fn bad_log_input_exits_2_naming_the_field_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (args, needle) in [
        (&["log", "run", "jog", "45min"][..], "TYPE `jog`"),
        (&["log", "run", "easy", "45"], "DURATION `45`"),
        (&["log", "run", "easy", "10km"], "is a distance"),
        (
            &["log", "run", "easy", "45min", "--distance", "ten"],
            "--distance `ten`",
        ),
        (&["log", "run", "easy", "45min", "--rpe", "12"], "--rpe"),
        (
            &["log", "run", "easy", "45min", "--date", "2024-13-01"],
            "--date `2024-13-01`",
        ),
        (&["log", "lift", "goblet-squat", "3x10@16"], "LOAD `16`"),
        (
            &["log", "lift", "goblet-squat", "3xten"],
            "SETSxREPS `3xten`",
        ),
        (&["log", "lift", "Zercher Carry", "3x10"], "`zercher-carry`"),
        (
            &["log", "lift", "goblet-squat", "3x10", "--rir=-1"],
            "--rir",
        ),
        (
            &["log", "list", "--since", "last week"],
            "--since `last week`",
        ),
    ] {
        let out = keel(d, args);
        assert_eq!(out.code, 2, "{args:?}: {}{}", out.stdout, out.stderr);
        assert!(out.stderr.contains(needle), "{args:?}: {}", out.stderr);
    }
    let v = list_json(d);
    assert_eq!((count(&v, "activities"), count(&v, "strength")), (0, 0));
}

#[test]
fn profile_set_show_and_bad_profile() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = keel(d, &["profile", "show"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("keel profile set"), "{}", out.stderr);
    assert!(
        !d.join("keel.db").exists(),
        "showing nothing creates nothing"
    );

    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/half-marathon.toml");
    let text = std::fs::read_to_string(&example).unwrap();
    let out = keel(d, &["profile", "set", example.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = keel(d, &["profile", "show"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout
            .starts_with("# keel profile from half-marathon.toml"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.ends_with(&text),
        "show prints the stored TOML as given"
    );

    let bad = d.join("bad.toml");
    std::fs::write(&bad, text.replacen("[athlete]", "[athelete]", 1)).unwrap();
    let out = keel(d, &["profile", "set", bad.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("bad.toml:"),
        "names the file and line: {}",
        out.stderr
    );
    let out = keel(d, &["profile", "show"]);
    assert!(
        out.stdout.ends_with(&text),
        "a rejected profile does not replace the stored one"
    );

    let out = keel(
        d,
        &["profile", "set", d.join("missing.toml").to_str().unwrap()],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("missing.toml"), "{}", out.stderr);
    let out = keel(d, &["profile", "show", "--history"]);
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
}

#[test]
fn mixed_folder_imports_good_files_rejects_bad_ones_and_reimports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (d, m) = (dir.path().join("data"), dir.path().join("watch"));
    std::fs::create_dir_all(m.join("sub")).unwrap();
    for f in [
        "garmin-fenix-5-run.fit",
        "activity-small-fenix2-run.fit",
        "Settings.fit",
        "activity-unexpected-eof.fit",
    ] {
        std::fs::copy(fit(f), m.join(f)).unwrap();
    }
    std::fs::copy(
        shared("gpxpy/test_files/around-visnjan-with-car.gpx"),
        m.join("sub/visnjan.gpx"),
    )
    .unwrap();
    std::fs::copy(
        shared("python-tcxparser/tests/files/test.tcx"),
        m.join("sub/test.tcx"),
    )
    .unwrap();
    let morning = std::fs::read(fit("2013-02-06-12-11-14.fit")).unwrap();
    std::fs::write(m.join("sub/morning.fit.gz"), gzip(&morning)).unwrap();
    let walk = std::fs::read(fit("garmin-fenix-5-walk.fit")).unwrap();
    std::fs::write(m.join("cut.fit"), &walk[..300]).unwrap();
    std::fs::write(m.join("empty.gpx"), b"").unwrap();
    std::fs::write(m.join("notes.tcx"), b"hello").unwrap();
    std::fs::write(m.join("readme.txt"), b"not an activity").unwrap();

    let out = keel(&d, &["import", m.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let s = &out.stdout;
    assert_eq!(figure(s, "Imported"), 6, "{s}");
    assert_eq!(figure(s, "files:"), 6, "activities added: {s}");
    assert_eq!(figure(s, "Duplicates:"), 0);
    assert_eq!(figure(s, "Partial:"), 1);
    assert!(
        s.contains("activity-unexpected-eof.fit: "),
        "partial file named: {s}"
    );
    assert_eq!(figure(s, "Rejected:"), 4);
    for bad in [
        "Settings.fit: FIT file of type `settings`",
        "cut.fit: ",
        "empty.gpx: ",
        "notes.tcx: ",
    ] {
        assert!(s.contains(bad), "`{bad}` in {s}");
    }
    assert_eq!(figure(s, "Skipped"), 1);
    assert!(
        out.stderr.is_empty(),
        "no progress bar when stderr is not a terminal: {}",
        out.stderr
    );

    let v = list_json(&d);
    assert_eq!(count(&v, "activities"), 6);
    let partial: Vec<_> = v["activities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| !a["partial"].is_null())
        .collect();
    assert_eq!(partial.len(), 1);
    assert!(v["activities"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["records"].as_u64() > Some(0)));

    // Again: every good file is a duplicate by content hash; the bad ones are still bad, so
    // nothing new could be imported and there were errors: exit 2.
    let again = keel(&d, &["import", m.to_str().unwrap()]);
    assert_eq!(again.code, 2, "{}", again.stdout);
    assert_eq!(figure(&again.stdout, "Imported"), 0);
    assert_eq!(figure(&again.stdout, "Duplicates:"), 6);
    assert!(again.stderr.contains("nothing could be imported"));
    assert_eq!(list_json(&d), v, "re-importing added nothing");

    // Only good files, all known: everything is a duplicate, which is success.
    let good = keel(
        &d,
        &[
            "import",
            m.join("sub").to_str().unwrap(),
            m.join("garmin-fenix-5-run.fit").to_str().unwrap(),
        ],
    );
    assert_eq!(good.code, 0, "{}", good.stdout);
    assert_eq!(figure(&good.stdout, "Duplicates:"), 4);
}

#[test]
fn nothing_importable_exits_2_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    let bad = dir.path().join("bad.fit");
    std::fs::write(&bad, b"\x0e\x10garbage that is not a FIT file at all").unwrap();
    let out = keel(
        &d,
        &[
            "import",
            bad.to_str().unwrap(),
            dir.path().join("nope.gpx").to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert_eq!(figure(&out.stdout, "Rejected:"), 2);
    assert!(out.stdout.contains("bad.fit: "), "{}", out.stdout);
    assert!(
        out.stdout.contains("nope.gpx: cannot read"),
        "{}",
        out.stdout
    );
    let empty = dir.path().join("empty-folder");
    std::fs::create_dir(&empty).unwrap();
    let out = keel(&d, &["import", empty.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no importable files"), "{}", out.stderr);
}

#[test]
fn the_whole_shared_folder_imports_and_reimports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let root = shared("");
    let out = keel(d, &["import", root.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let first = list_json(d);
    assert!(count(&first, "activities") >= 30, "{}", out.stdout);
    assert!(count(&first, "strength") > 100, "{}", out.stdout);
    // Every rejection names its file and a reason.
    let rejected = figure(&out.stdout, "Rejected:");
    let lines: Vec<&str> = out
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("Rejected:"))
        .skip(1)
        .take(rejected)
        .collect();
    assert_eq!(lines.len(), rejected);
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("  ") && l.contains(": ")),
        "{lines:?}"
    );
    let again = keel(d, &["import", root.to_str().unwrap()]);
    assert_eq!(figure(&again.stdout, "Imported"), 0, "{}", again.stdout);
    assert_eq!(list_json(d), first);
}

/// Distinct values of the first `key_fields` fields of each data row, split on `sep`.
fn distinct_workouts(text: &str, sep: char, key_fields: std::ops::Range<usize>) -> usize {
    let mut keys: Vec<String> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(sep).collect::<Vec<_>>()[key_fields.clone()].join("|"))
        .collect();
    keys.sort();
    keys.dedup();
    keys.len()
}

#[test]
fn strong_and_hevy_csv_import_counts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let strong = shared("strong-statistics/data_sample/sample_strong.csv");
    let text = std::fs::read_to_string(&strong).unwrap();
    let workouts = distinct_workouts(&text, ',', 0..1);
    let sets = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.contains("Rest Timer"))
        .count();
    let out = keel(d, &["import", strong.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        figure(&out.stdout, "replaced by a richer copy,"),
        workouts,
        "{}",
        out.stdout
    );
    let v = list_json(d);
    assert_eq!(count(&v, "strength"), workouts);
    let logged: usize = v["strength"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["sets"].as_array().unwrap().len())
        .sum();
    assert_eq!(logged, sets);

    // The semicolon export of the same workouts adds nothing new.
    let semi =
        shared("strong-statistics/data_sample/sample_strong__a2821e2_2025-09_semicolon_format.csv");
    let out = keel(d, &["import", semi.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stdout);

    let hevy = shared("strong-statistics/data_sample/sample_hevy.csv");
    let text = std::fs::read_to_string(&hevy).unwrap();
    let hevy_workouts = distinct_workouts(&text, ',', 0..2);
    let before = count(&list_json(d), "strength");
    let out = keel(d, &["import", hevy.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(
        figure(&out.stdout, "replaced by a richer copy,"),
        hevy_workouts,
        "{}",
        out.stdout
    );
    assert_eq!(count(&list_json(d), "strength"), before + hevy_workouts);
}

fn strava_files() -> Vec<(&'static str, Vec<u8>)> {
    let csv = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Distance,Perceived Exertion\n\
               1,\"Aug 15, 2015, 2:45:02 PM\",Evening tempo,Run,2832,9.0,activities/1.fit.gz,9012.0,7\n\
               2,\"Dec 18, 2020, 6:15:50 AM\",Drive-by walk,Walk,514,2.7,activities/2.gpx,2736.0,\n\
               3,\"Jan 1, 2021, 8:00:00 AM\",Manual entry,Run,1800,5.0,,5000.0,4\n";
    let run = std::fs::read(fit("activity-small-fenix2-run.fit")).unwrap();
    let gpx = std::fs::read(shared("gpxpy/test_files/around-visnjan-with-car.gpx")).unwrap();
    vec![
        ("activities.csv", csv.as_bytes().to_vec()),
        ("activities/1.fit.gz", gzip(&run)),
        ("activities/2.gpx", gpx),
        ("media/photo.jpg", vec![0xff, 0xd8, 0xff]),
        ("profile.csv", b"Athlete ID,Email\n1,a@b.c\n".to_vec()),
    ]
}

fn check_strava_import(d: &Path, out: &Out) {
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(figure(&out.stdout, "Imported"), 2, "{}", out.stdout);
    assert_eq!(figure(&out.stdout, "Rejected:"), 0, "{}", out.stdout);
    let text = keel(d, &["log", "list", "--since", "2015-01-01"]).stdout;
    assert!(text.contains("\"Evening tempo\""), "{text}");
    assert!(text.contains("RPE 7"), "{text}");
    assert!(text.contains("\"Drive-by walk\""), "{text}");
    assert!(text.contains("[strava:activities/1.fit.gz]"), "{text}");
    let v = list_json(d);
    let sports: Vec<&str> = v["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["sport"].as_str().unwrap())
        .collect();
    assert_eq!(sports, ["run", "walk"]);
}

#[test]
fn strava_export_zipped() {
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("export_123.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in strava_files() {
        zip.start_file(name, opts).unwrap();
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap();
    let d = dir.path().join("data");
    let out = keel(&d, &["import", zip_path.to_str().unwrap()]);
    check_strava_import(&d, &out);
    let again = keel(&d, &["import", zip_path.to_str().unwrap()]);
    assert_eq!(figure(&again.stdout, "Duplicates:"), 2, "{}", again.stdout);
}

#[test]
fn strava_export_unpacked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("export_123");
    for (name, bytes) in strava_files() {
        let p = root.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    let d = dir.path().join("data");
    let out = keel(&d, &["import", root.to_str().unwrap()]);
    check_strava_import(&d, &out);
    // activities.csv alone names files it does not contain: a clear rejection.
    let out = keel(
        &d,
        &["import", root.join("activities.csv").to_str().unwrap()],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stdout.contains("import the whole export"),
        "{}",
        out.stdout
    );
}

#[test]
fn imported_names_map_to_library_ids_and_profile_aliases() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/half-marathon.toml");
    let mut text = std::fs::read_to_string(example).unwrap();
    text.push_str(
        "\n[exercises]\n\"Squat (Dumbbell)\" = \"goblet-squat\"\n\"Calf Press on Seated Leg Press\" = \"bent-knee-calf-raise\"\n",
    );
    let profile = d.join("me.toml");
    std::fs::write(&profile, text).unwrap();
    assert_eq!(
        keel(d, &["profile", "set", profile.to_str().unwrap()]).code,
        0
    );
    let strong = shared("strong-statistics/data_sample/sample_strong.csv");
    assert_eq!(keel(d, &["import", strong.to_str().unwrap()]).code, 0);
    let v = list_json(d);
    let mut names: std::collections::BTreeMap<String, usize> = Default::default();
    for w in v["strength"].as_array().unwrap() {
        for s in w["sets"].as_array().unwrap() {
            *names
                .entry(s["exercise"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    // Aliases from the profile first, then the library's names, otherwise kept as exported.
    assert_eq!(names.get("goblet-squat"), Some(&8), "{names:?}");
    assert_eq!(names.get("bent-knee-calf-raise"), Some(&3), "{names:?}");
    assert_eq!(names.get("bent-over-row"), Some(&3), "{names:?}");
    assert_eq!(names.get("back-squat"), Some(&10), "{names:?}");
    assert!(names.contains_key("Leg Extension (Machine)"), "{names:?}");
    assert!(!names.keys().any(|n| n.starts_with("Squat (")), "{names:?}");
}

#[test]
fn keel_data_dir_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_keel"))
            .args(args)
            .env("KEEL_DATA_DIR", dir.path().join("env-data"))
            .env("TZ", "UTC")
            .output()
            .unwrap()
    };
    let out = run(&["log", "run", "easy", "30min", "--date", "2024-05-06"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("env-data/keel.db").exists());
    // The flag wins over the environment.
    let other = dir.path().join("flag-data");
    let out = keel(
        &other,
        &["log", "list", "--since", "2024-01-01", "--format", "json"],
    );
    assert!(out.stdout.contains("\"activities\": []"), "{}", out.stdout);
    let out = run(&["log", "list", "--since", "2024-01-01", "--format", "json"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"elapsed_s\": 1800.0"));
}
