//! Shared by the integration-test binaries (each `mod common;`): running the `keel` binary
//! on a temporary data directory. Not a test binary itself (cargo builds only the files
//! directly in `tests/` and `tests/*/main.rs`).

// Each binary uses its own part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// What a run of the binary printed and returned.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `keel --data-dir DIR ARGS...` in UTC, with no inherited `KEEL_DATA_DIR` or
/// `KEEL_TODAY`, stdin closed (so nothing prompts).
pub fn keel(dir: &Path, args: &[&str]) -> Output {
    keel_on(dir, args, None)
}

/// [`keel`] with `KEEL_TODAY` set: the binary's today is `today` (scenarios dated ahead).
pub fn keel_on(dir: &Path, args: &[&str], today: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_keel"));
    cmd.arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("TZ", "UTC")
        .env_remove("KEEL_DATA_DIR")
        .env_remove("KEEL_TODAY")
        .env_remove("COLUMNS");
    if let Some(t) = today {
        cmd.env("KEEL_TODAY", t);
    }
    let out = cmd.output().expect("run keel");
    Output {
        code: out
            .status
            .code()
            .expect("keel exited with a code, not a signal"),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// The repository root, where `examples/` is.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Like [`keel`], but the run is killed after `secs` seconds and the test fails: for inputs
/// that once made keel hang (a FIFO, an endless device).
pub fn keel_within(dir: &Path, args: &[&str], secs: u64) -> Output {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_keel"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("TZ", "UTC")
        .env_remove("KEEL_DATA_DIR")
        .env_remove("KEEL_TODAY")
        .env_remove("COLUMNS")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run keel");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("keel {args:?} did not finish within {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut stdout = String::new();
    let mut stderr = String::new();
    if let Some(mut o) = child.stdout.take() {
        o.read_to_string(&mut stdout).expect("stdout");
    }
    if let Some(mut e) = child.stderr.take() {
        e.read_to_string(&mut stderr).expect("stderr");
    }
    Output {
        code: status
            .code()
            .expect("keel exited with a code, not a signal"),
        stdout,
        stderr,
    }
}
