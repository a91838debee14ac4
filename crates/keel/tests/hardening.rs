//! Reproductions of the hostile inputs of issue 9 against the real binary: special files,
//! terminal injection, entries sharing a name, a bad index row, and exit codes.

#![allow(clippy::unwrap_used)]

mod common;

use common::{keel, keel_within};
use std::io::Write;
use std::path::Path;

const GPX: &str = r#"<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>
<trkpt lat="46.0" lon="14.0"><time>2024-05-01T06:00:00Z</time></trkpt>
<trkpt lat="46.001" lon="14.0"><time>2024-05-01T06:10:00Z</time></trkpt></trkseg></trk></gpx>"#;

fn gpx_on(day: &str) -> String {
    GPX.replace("2024-05-01", day)
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

/// Defect 4: a FIFO named `x.fit`, alone or in a folder, once hung the import forever;
/// `/dev/zero` was read past the cap. Only regular files are read, the others are named.
#[test]
fn special_files_are_named_and_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let folder = dir.path().join("watch");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("run.gpx"), gpx_on("2024-05-01")).unwrap();
    mkfifo(&folder.join("x.fit"));
    let lone = dir.path().join("lone.fit");
    mkfifo(&lone);

    let out = keel_within(&data, &["import", folder.to_str().unwrap()], 60);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("Imported 1 file"), "{}", out.stdout);
    assert!(
        out.stdout.contains("Not regular files: 1 skipped"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("x.fit: a FIFO (named pipe), not a regular file"),
        "{}",
        out.stdout
    );

    let out = keel_within(&data, &["import", lone.to_str().unwrap(), "/dev/zero"], 60);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("lone.fit: a FIFO"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("/dev/zero: a character device, not a regular file"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.contains("no importable files"), "{}", out.stderr);
}

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, bytes) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Defect 5: an entry name with an escape sequence and a line break once printed a forged
/// "Imported 999 files" line; names and reasons are printed with controls escaped.
#[test]
fn names_and_snippets_are_printed_with_controls_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let evil = "activities/\u{1b}[2J\nImported 999 files: all good.gpx";
    let zip = zip_with(&[(evil, b"<gpx><trk>not closed")]);
    let path = dir.path().join("export.zip");
    std::fs::write(&path, zip).unwrap();
    let out = keel(&data, &["import", path.to_str().unwrap()]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(!out.stdout.contains('\u{1b}'), "{:?}", out.stdout);
    assert!(
        !out.stdout.lines().any(|l| l.starts_with("Imported 999")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("activities/\\u{1b}[2J\\nImported 999 files: all good.gpx"),
        "{}",
        out.stdout
    );
}

/// Defect 9: two entries with the same name are both imported and counted; a bad row of
/// `activities.csv` is reported once, with its row, column and value, and the other rows
/// still name their files.
#[test]
fn an_export_counts_every_entry_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let csv = "Activity ID,Activity Date,Activity Name,Activity Type,Filename,Perceived Exertion\n\
1,\"May 1, 2024, 6:00:00 AM\",Good one,Run,activities/1.gpx,5\n\
2,\"May 2, 2024, 6:00:00 AM\",Bad one,Run,activities/2.gpx,11\n";
    // The zip crate writes no repeated name: write `activities/3.gpx` twice, renaming the
    // second in the bytes afterwards (same length).
    let first = gpx_on("2024-05-03");
    let second = gpx_on("2024-05-04");
    let mut zip = zip_with(&[
        ("export/activities.csv", csv.as_bytes()),
        ("export/activities/1.gpx", gpx_on("2024-05-01").as_bytes()),
        ("export/activities/2.gpx", gpx_on("2024-05-02").as_bytes()),
        ("export/activities/3.gpx", first.as_bytes()),
        ("export/activities/9.gpx", second.as_bytes()),
    ]);
    let from = b"export/activities/9.gpx";
    let to = b"export/activities/3.gpx";
    let mut i = 0;
    while let Some(at) = zip[i..].windows(from.len()).position(|w| w == from) {
        zip[i + at..i + at + to.len()].copy_from_slice(to);
        i += at + to.len();
    }
    let path = dir.path().join("export.zip");
    std::fs::write(&path, zip).unwrap();
    let out = keel(&data, &["import", path.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let s = &out.stdout;
    assert!(s.contains("Imported 4 files: 4 activities added"), "{s}");
    assert!(s.contains("Rejected: 0 files."), "{s}");
    assert_eq!(
        s.matches("Perceived Exertion").count(),
        1,
        "the bad row is reported once: {s}"
    );
    assert!(
        s.contains("export.zip!export/activities.csv: row 3, column `Perceived Exertion`: expected perceived exertion 1 to 10, found 11"),
        "{s}"
    );
    assert!(
        s.contains("Strava index") && s.contains("1 activity named"),
        "{s}"
    );
    let list = keel(&data, &["log", "list", "--since", "2024-01-01"]);
    assert!(list.stdout.contains("\"Good one\""), "{}", list.stdout);
    assert!(list.stdout.matches("run").count() >= 4, "{}", list.stdout);
}

/// Exit codes: 2 for bad input, 1 when the machine fails (here the database file is not a
/// database); nothing is half-written either way.
#[test]
fn exit_codes_tell_bad_input_from_a_failing_machine() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = keel(&data, &["log", "run", "jog", "45min"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("keel.db"), vec![b'x'; 4096]).unwrap();
    for args in [
        &["log", "run", "easy", "45min"][..],
        &["checkin", "--fatigue", "3"],
        &["log", "list"],
    ] {
        let out = keel(&data, args);
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("not a keel database"), "{}", out.stderr);
    }
    let gpx = dir.path().join("run.gpx");
    std::fs::write(&gpx, gpx_on("2024-05-01")).unwrap();
    let out = keel(&data, &["import", gpx.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
}

/// Defect 10: `keel today --format json` before the season starts once printed a sentence.
/// It is `keel.today/1` with no sessions and a note, exit 0; the text says the same.
#[test]
fn today_as_json_is_json_on_every_day() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let profile = common::repo_root().join("examples/half-marathon.toml");
    let out = keel(&data, &["profile", "set", profile.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = keel(
        &data,
        &["today", "--date", "2027-01-01", "--format", "json"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(v["schema"], "keel.today/1");
    assert_eq!(v["sessions"], serde_json::json!([]));
    assert!(v["week"].is_null());
    assert_eq!(
        v["note"],
        "Nothing planned for 2027-01-01: the season starts on 2027-01-04."
    );
    let out = keel(&data, &["today", "--date", "2027-01-01"]);
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stdout.trim(),
        "Nothing planned for 2027-01-01: the season starts on 2027-01-04."
    );
    // Dates keel does not accept are bad input.
    let out = keel(
        &data,
        &["today", "--date", "9999-12-31", "--format", "json"],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stdout.is_empty());
}
