//! One door for writes: the same runs, lifts and check-ins typed into `keel log` /
//! `keel checkin` and into the web app's forms store exactly the same records (and the
//! same adjustments in force).

#![allow(clippy::unwrap_used)]

mod common;

use common::{keel_on, repo_root};
use keel_store::{SqliteStore, Store};
use std::io::{BufRead, Read, Write};
use std::path::Path;

const TODAY: &str = "2027-01-13";

/// `keel serve` on a free port with a fixed day; killed on drop.
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

fn serve(data: &Path) -> Served {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_keel"))
        .arg("--data-dir")
        .arg(data)
        .args(["serve", "--port", "0", "--today", TODAY])
        .env("TZ", "UTC")
        .env_remove("KEEL_TOKEN")
        .env_remove("KEEL_DATA_DIR")
        .env_remove("KEEL_TODAY")
        .env_remove("COLUMNS")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stderr.take().unwrap())
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

/// A browser-like client: keeps the CSRF cookie, reads each form's token from the page.
struct Browser {
    port: u16,
    cookie: String,
}

impl Browser {
    fn send(&mut self, head: String, body: &[u8]) -> (u16, String, String) {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.write_all(head.as_bytes()).unwrap();
        s.write_all(body).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        for line in head.lines() {
            if let Some(v) = line.strip_prefix("set-cookie: ") {
                self.cookie = v.split(';').next().unwrap().to_string();
            }
        }
        (status, head.to_string(), body.to_string())
    }

    fn token(&mut self, form: &str) -> String {
        let port = self.port;
        let head = format!(
            "GET /log HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {}\r\nConnection: close\r\n\r\n",
            self.cookie
        );
        let (_, _, page) = self.send(head, b"");
        let at = page.find(&format!("id=\"{form}\"")).unwrap();
        let key = "name=\"csrf\" value=\"";
        let i = page[at..].find(key).unwrap() + at + key.len();
        page[i..i + page[i..].find('"').unwrap()].to_string()
    }

    fn post(&mut self, path: &str, form: &str, fields: &[(&str, &str)]) {
        let token = self.token(form);
        let body = std::iter::once(("csrf", token.as_str()))
            .chain(fields.iter().copied())
            .map(|(k, v)| format!("{k}={}", enc(v)))
            .collect::<Vec<_>>()
            .join("&");
        let port = self.port;
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nCookie: {}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.cookie,
            body.len()
        );
        let (status, head, page) = self.send(head, body.as_bytes());
        assert_eq!(status, 303, "{path} {fields:?}: {head}\n{page}");
    }
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn with_profile(dir: &Path) {
    let out = keel_on(
        dir,
        &[
            "profile",
            "set",
            repo_root()
                .join("examples/half-marathon.toml")
                .to_str()
                .unwrap(),
        ],
        Some(TODAY),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// What a log holds, in a comparable form (ids and import times left out).
fn contents(db: &Path) -> String {
    let s = SqliteStore::open(db).unwrap();
    let mut out = String::new();
    for a in s
        .activities(jiff::Timestamp::MIN, jiff::Timestamp::MAX, true)
        .unwrap()
    {
        let a = a.activity;
        out.push_str(&format!(
            "run {} {} {:?} {} {:?} {:?} {:?} {:?} {:?}\n",
            a.source,
            a.sport,
            a.run_type,
            a.start,
            a.elapsed_s,
            a.moving_s,
            a.distance_m,
            a.rpe,
            a.name
        ));
    }
    let (from, to) = (jiff::civil::date(2026, 1, 1), jiff::civil::date(2028, 1, 1));
    for w in s.workouts(from, to).unwrap() {
        let w = w.workout;
        out.push_str(&format!("workout {} {} {}\n", w.source, w.date, w.name));
        for set in w.sets {
            out.push_str(&format!("  {set:?}\n"));
        }
    }
    for c in s.checkins(from, to).unwrap() {
        out.push_str(&format!("checkin {c:?}\n"));
    }
    for a in s.adjustments(from, to, true).unwrap() {
        out.push_str(&format!("adjustment {:?}\n", a.adjustment));
    }
    out
}

#[test]
fn the_cli_and_the_web_forms_store_the_same_records() {
    let dir = tempfile::tempdir().unwrap();
    let (cli, web) = (dir.path().join("cli"), dir.path().join("web"));
    with_profile(&cli);
    with_profile(&web);

    // Runs: date, type, duration, distance, RPE; a decimal comma, miles, "yesterday",
    // and one for today (it ends now: noon of the fixed day).
    let runs = [
        ("2027-01-11", "tempo", "50min", "10,5km", "7"),
        ("yesterday", "long", "1:50", "13.1mi", ""),
        ("", "easy", "45min", "", "3"),
    ];
    // Lifts: date, exercise (a name from another app, a library id), sets, RIR, session.
    let lifts = [
        ("2027-01-12", "Goblet Squat", "3x10@16kg, 1x8@35lb", "2", ""),
        ("2027-01-12", "single-leg-rdl", "2x8@12,5kg", "", "Lower B"),
        ("2027-01-12", "push-up", "2×12", "", ""),
    ];
    let checkin = [
        ("sleep", "sleep_h", "6,5"),
        ("soreness-legs", "soreness_legs", "4"),
        ("fatigue", "fatigue", "3"),
        ("note", "note", "legs heavy"),
    ];

    for (date, t, dur, dist, rpe) in runs {
        let mut args = vec!["log", "run", t, dur];
        for (flag, v) in [("--date", date), ("--distance", dist), ("--rpe", rpe)] {
            if !v.is_empty() {
                args.extend([flag, v]);
            }
        }
        let out = keel_on(&cli, &args, Some(TODAY));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    }
    for (date, ex, sets, rir, name) in lifts {
        let mut args = vec!["log", "lift", ex];
        args.extend(sets.split(' '));
        for (flag, v) in [("--date", date), ("--rir", rir), ("--name", name)] {
            if !v.is_empty() {
                args.extend([flag, v]);
            }
        }
        let out = keel_on(&cli, &args, Some(TODAY));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    }
    let mut args = vec!["checkin", "--date", TODAY];
    for (flag, _, v) in &checkin {
        args.push(match *flag {
            "sleep" => "--sleep",
            "soreness-legs" => "--soreness-legs",
            "fatigue" => "--fatigue",
            _ => "--note",
        });
        args.push(v);
    }
    let out = keel_on(&cli, &args, Some(TODAY));
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);

    let server = serve(&web);
    let mut b = Browser {
        port: server.port,
        cookie: String::new(),
    };
    for (date, t, dur, dist, rpe) in runs {
        b.post(
            "/log/run",
            "run-form",
            &[
                ("date", date),
                ("run_type", t),
                ("duration", dur),
                ("distance", dist),
                ("rpe", rpe),
            ],
        );
    }
    for (date, ex, sets, rir, name) in lifts {
        b.post(
            "/log/lift",
            "lift-form",
            &[
                ("date", date),
                ("exercise", ex),
                ("sets", sets),
                ("rir", rir),
                ("name", name),
            ],
        );
    }
    let mut fields = vec![("date", TODAY)];
    fields.extend(checkin.iter().map(|(_, f, v)| (*f, *v)));
    b.post("/checkin", "checkin-form", &fields);
    drop(server);

    let (c, w) = (
        contents(&cli.join("keel.db")),
        contents(&web.join("keel.db")),
    );
    assert!(
        c.contains("run manual run Some(Tempo) 2027-01-11T12:00:00Z 3000.0"),
        "{c}"
    );
    assert!(c.contains("Some(10500.0)"), "decimal comma: {c}");
    assert!(
        c.contains("2027-01-13T11:15:00Z"),
        "today's run ends now: {c}"
    );
    assert!(c.contains("exercise: \"goblet-squat\""), "resolved: {c}");
    assert!(
        c.contains("weight_kg: Some(15.876)"),
        "pounds to the gram: {c}"
    );
    assert!(c.contains("workout manual 2027-01-12 Lower B"), "{c}");
    assert!(c.contains("workout manual 2027-01-12 Strength"), "{c}");
    assert!(c.contains("soreness_legs: Some(4)"), "{c}");
    assert!(
        c.contains("adjustment"),
        "the check-in's adjustments are recorded: {c}"
    );
    assert_eq!(c, w, "the CLI and the web stored the same");
}
