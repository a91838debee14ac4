//! `keel export ics` and `keel serve` from the command line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn keel(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_keel"));
    c.arg("--data-dir")
        .arg(data)
        .env_remove("KEEL_TOKEN")
        .env_remove("KEEL_DATA_DIR");
    c
}

fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
}

#[test]
fn export_ics_from_a_file_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let out = keel(dir.path())
        .args([
            "export",
            "ics",
            "--today",
            "2027-01-13",
            "--weeks",
            "1",
            "--profile",
        ])
        .arg(example("half-marathon.toml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    // Week 2 of the example: 6 runs and its strength sessions, from Monday 2027-01-11.
    assert!(text.contains("DTSTART;VALUE=DATE:20270111"));
    assert!(
        !text.contains("DTSTART;VALUE=DATE:20270118"),
        "one week only"
    );
    assert!(text.contains("SUMMARY:Run: intervals\\, 60 min"));
    assert!(text.contains("SUMMARY:Strength: "));
    // No database is created by an export from a file.
    assert!(!dir.path().join("keel.db").exists());
}

#[test]
fn export_ics_bumps_sequence_for_changed_sessions_of_the_stored_profile() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("p.toml");
    std::fs::write(
        &profile,
        std::fs::read_to_string(example("half-marathon.toml")).unwrap(),
    )
    .unwrap();
    assert!(keel(dir.path())
        .args(["profile", "set"])
        .arg(&profile)
        .status()
        .unwrap()
        .success());
    let ics = dir.path().join("keel.ics");
    let export = || {
        let out = keel(dir.path())
            .args([
                "export",
                "ics",
                "--today",
                "2027-01-13",
                "--weeks",
                "2",
                "--out",
            ])
            .arg(&ics)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read_to_string(&ics).unwrap()
    };
    let first = export();
    assert!(!first.contains("SEQUENCE:1"));
    assert_eq!(export(), first, "same plan, same file");
    let shorter = std::fs::read_to_string(&profile)
        .unwrap()
        .replace("session_minutes = 40", "session_minutes = 30");
    std::fs::write(&profile, shorter).unwrap();
    assert!(keel(dir.path())
        .args(["profile", "set"])
        .arg(&profile)
        .status()
        .unwrap()
        .success());
    let second = export();
    assert!(
        second.contains("SEQUENCE:1"),
        "changed sessions are re-sent with SEQUENCE 1"
    );
    let uids = |t: &str| {
        t.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&first), uids(&second));
}

#[test]
fn export_without_profile_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = keel(dir.path()).args(["export", "ics"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("keel profile set"));
}

#[test]
fn serve_refuses_a_public_address_without_token() {
    let dir = tempfile::tempdir().unwrap();
    let out = keel(dir.path())
        .args(["serve", "--bind", "0.0.0.0", "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--token") && err.contains("KEEL_TOKEN"),
        "{err}"
    );
}
