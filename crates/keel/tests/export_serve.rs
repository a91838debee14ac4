//! `keel export ics` and `keel serve` from the command line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn keel(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_keel"));
    c.arg("--data-dir")
        .arg(data)
        .env_remove("KEEL_TOKEN")
        .env_remove("KEEL_DATA_DIR")
        .env_remove("KEEL_TODAY")
        .env_remove("COLUMNS");
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

/// `keel serve` on a free port; killed on drop.
struct Served {
    child: std::process::Child,
    port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(data: &Path, today: &str) -> Served {
    use std::io::BufRead;
    let mut child = keel(data)
        .args(["serve", "--port", "0", "--today", today])
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut line = String::new();
    std::io::BufReader::new(stderr)
        .read_line(&mut line)
        .unwrap();
    let port = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    Served { child, port }
}

fn http_get(port: u16, path: &str) -> (u16, Vec<u8>) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    assert!(
        !head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked"),
        "{head}"
    );
    (status, raw[split + 4..].to_vec())
}

#[test]
fn web_api_serves_the_same_json_as_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(keel(d)
        .args(["profile", "set"])
        .arg(example("half-marathon.toml"))
        .status()
        .unwrap()
        .success());
    for args in [
        vec![
            "log",
            "run",
            "tempo",
            "50min",
            "--distance",
            "10km",
            "--rpe",
            "7",
            "--date",
            "2027-01-11",
        ],
        vec![
            "log",
            "lift",
            "goblet-squat",
            "3x10@16kg",
            "--rir",
            "2",
            "--date",
            "2027-01-12",
        ],
        vec![
            "checkin",
            "--date",
            "2027-01-13",
            "--soreness-legs",
            "4",
            "--fatigue",
            "3",
        ],
    ] {
        // Logged on the server's day: nothing can be logged for a day after today.
        let out = keel(d)
            .env("KEEL_TODAY", "2027-01-13")
            .args(&args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let cli = |args: &[&str]| {
        let out = keel(d).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let server = serve(d, "2027-01-13");
    let (status, today) = http_get(server.port, "/api/today");
    assert_eq!(status, 200);
    assert_eq!(
        String::from_utf8_lossy(&today),
        String::from_utf8_lossy(&cli(&["today", "--date", "2027-01-13", "--format", "json"]))
    );
    assert!(String::from_utf8_lossy(&today).contains("soreness-vs-running"));
    let (status, plan) = http_get(server.port, "/api/plan");
    assert_eq!(status, 200);
    let example_path = example("half-marathon.toml");
    let example_path = example_path.to_str().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&plan),
        String::from_utf8_lossy(&cli(&[
            "plan",
            example_path,
            "--today",
            "2027-01-13",
            "--format",
            "json"
        ]))
    );
    let (status, load) = http_get(server.port, "/api/load?weeks=3&date=2027-01-13");
    assert_eq!(status, 200);
    assert_eq!(
        String::from_utf8_lossy(&load),
        String::from_utf8_lossy(&cli(&[
            "load",
            "--weeks",
            "3",
            "--date",
            "2027-01-13",
            "--format",
            "json"
        ]))
    );
}

/// One anchor rule: for a stored profile without `[plan].start`, `keel plan`, `keel today`,
/// `keel export ics` and `/api/plan` show the same season (from the Monday after the day
/// the profile was stored) and the same current week, adapted to the same log.
#[test]
fn stored_profile_without_start_plans_the_same_dates_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = std::fs::read_to_string(example("fitness.toml")).unwrap();
    assert!(
        !text.contains("start ="),
        "the example must have no [plan].start"
    );
    assert!(keel(d)
        .args(["profile", "set"])
        .arg(example("fitness.toml"))
        .status()
        .unwrap()
        .success());
    let run = |args: &[&str]| {
        let out = keel(d).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let json = |bytes: &[u8]| -> serde_json::Value { serde_json::from_slice(bytes).unwrap() };
    // The season's first Monday, whatever day the test runs: the stored day anchors it.
    let first = json(&run(&["plan", "--format", "json"]));
    let start: jiff::civil::Date = first["weeks"][0]["start"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(start.weekday(), jiff::civil::Weekday::Monday);
    // Planning from a later day does not move a stored profile's season.
    let later = start.checked_add(jiff::Span::new().days(9)).unwrap();
    let date = start.checked_add(jiff::Span::new().days(2)).unwrap();
    let (later_s, date_s) = (later.to_string(), date.to_string());
    // An ill, sore check-in on the day (logged on that day), so the current week is adapted.
    let out = keel(d)
        .env("KEEL_TODAY", &date_s)
        .args([
            "checkin",
            "--date",
            &date_s,
            "--soreness-legs",
            "5",
            "--ill",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan_bytes = run(&["plan", "--today", &date_s, "--format", "json"]);
    let plan = json(&plan_bytes);
    assert_eq!(plan["weeks"][0]["start"], start.to_string());
    let shifted = json(&run(&["plan", "--today", &later_s, "--format", "json"]));
    assert_eq!(shifted["weeks"][0]["start"], start.to_string());
    let today = json(&run(&["today", "--date", &date_s, "--format", "json"]));
    assert_eq!(today["date"], date_s);
    assert_eq!(today["week"]["index"], 1);
    let week = &plan["weeks"][0];
    let day = week["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["date"] == date_s)
        .expect("the day is in week 1");
    assert_eq!(
        today["sessions"], day["sessions"],
        "keel plan and keel today"
    );
    assert!(
        !today["adjustments"].as_array().unwrap().is_empty(),
        "the check-in adapts the week"
    );
    let server = serve(d, &date_s);
    let (status, api) = http_get(server.port, "/api/plan");
    assert_eq!(status, 200);
    assert_eq!(
        String::from_utf8_lossy(&api),
        String::from_utf8_lossy(&plan_bytes),
        "/api/plan and keel plan"
    );
    drop(server);
    let ics =
        String::from_utf8(run(&["export", "ics", "--today", &date_s, "--weeks", "1"])).unwrap();
    let tuesday = start.checked_add(jiff::Span::new().days(1)).unwrap();
    assert!(
        ics.contains(&format!(
            "DTSTART;VALUE=DATE:{}",
            tuesday.strftime("%Y%m%d")
        )),
        "the calendar starts the same week: {ics}"
    );
}
