//! Garmin's FIT SDK for Python as a second decoder for the tests: a python with the
//! `garmin-fit-sdk` package, named by `KEEL_FIT_SDK_PYTHON` (`.ci/run` makes a virtualenv
//! and sets it). Without it the tests that need it skip with a notice, except under
//! `CI=true`, where they fail.
//!
//! One python process answers every file (one JSON line a path), so property tests can
//! ask it for each case.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Mutex, OnceLock};

/// The environment variable naming the python to run.
pub const ENV: &str = "KEEL_FIT_SDK_PYTHON";

const SCRIPT: &str = include_str!("check.py");

/// A running python with the SDK.
pub struct Sdk {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Drop for Sdk {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Sdk {
    /// Decodes the file at `path` with the SDK: see `check.py` for the answer's fields.
    pub fn check(&mut self, path: &Path) -> serde_json::Value {
        writeln!(self.stdin, "{}", path.display()).unwrap();
        self.stdin.flush().unwrap();
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        assert!(!line.is_empty(), "the FIT SDK's python stopped answering");
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert!(
            v.get("exception").is_none(),
            "FIT SDK failed on {}: {v}",
            path.display()
        );
        v
    }
}

fn unavailable(why: String) -> Option<Sdk> {
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("Garmin's FIT SDK is needed under CI=true: {why}");
    }
    eprintln!("SKIPPED: {why}; run .ci/run (or set {ENV} to a python with garmin-fit-sdk)");
    None
}

/// Starts the SDK's python, or says why it cannot (see the module docs).
pub fn start() -> Option<Sdk> {
    let Some(python) = std::env::var_os(ENV) else {
        return unavailable(format!("{ENV} is not set"));
    };
    let probe = Command::new(&python)
        .args(["-c", "import garmin_fit_sdk"])
        .output();
    match probe {
        Ok(o) if o.status.success() => {}
        Ok(o) => {
            return unavailable(format!(
                "{} cannot import garmin_fit_sdk: {}",
                Path::new(&python).display(),
                String::from_utf8_lossy(&o.stderr).trim()
            ))
        }
        Err(e) => return unavailable(format!("cannot run {}: {e}", Path::new(&python).display())),
    }
    let mut child = Command::new(&python)
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the FIT SDK's python");
    let stdin = child.stdin.take().unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    Some(Sdk {
        child,
        stdin,
        stdout,
    })
}

/// One SDK process shared by the tests of a binary (`None` when unavailable).
pub fn shared() -> &'static Mutex<Option<Sdk>> {
    static SDK: OnceLock<Mutex<Option<Sdk>>> = OnceLock::new();
    SDK.get_or_init(|| Mutex::new(start()))
}
