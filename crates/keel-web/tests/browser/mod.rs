//! Browser test support: headless Chromium driven through ChromeDriver (fantoccini).
//! Without chromedriver a test fails with a clear message when `CI=true`, and is skipped
//! with a notice otherwise. Screenshots go to `target/e2e-screenshots/`.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};

pub const CHROME_FLAGS: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
];

pub fn find_on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

pub fn chromium_binary() -> Option<PathBuf> {
    let fixed = PathBuf::from("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed);
    }
    find_on_path("chromium").or_else(|| find_on_path("chromium-browser"))
}

/// ChromeDriver and Chromium, or `None` (after failing on CI) when they are missing.
pub fn browser_tools() -> Option<(PathBuf, PathBuf)> {
    match (find_on_path("chromedriver"), chromium_binary()) {
        (Some(d), Some(c)) => Some((d, c)),
        _ => {
            let msg = "e2e: chromedriver and chromium are required for the browser tests; \
                       install Debian's `chromium` and `chromium-driver` (.ci/run does)";
            if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
                panic!("{msg}");
            }
            eprintln!("SKIPPED: {msg}");
            None
        }
    }
}

/// A ChromeDriver process, killed on drop.
pub struct Driver {
    child: Child,
    url: String,
    _profile_dir: tempfile::TempDir,
    chromium: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub async fn start_driver(driver: &Path, chromium: &Path) -> Driver {
    let port = free_port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    // Readiness: ChromeDriver accepts connections once it is up (bounded retries).
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
        _profile_dir: tempfile::tempdir().unwrap(),
        chromium: chromium.to_path_buf(),
    }
}

pub async fn browser(d: &Driver) -> Client {
    let mut args: Vec<String> = CHROME_FLAGS.iter().map(|s| s.to_string()).collect();
    args.push(format!(
        "--user-data-dir={}",
        d._profile_dir.path().display()
    ));
    args.push("--window-size=1280,1600".into());
    let caps = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": { "binary": d.chromium, "args": args }
    });
    let serde_json::Value::Object(caps) = caps else {
        unreachable!()
    };
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&d.url)
        .await
        .expect("a ChromeDriver session")
}

pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Saves the page at desktop width, then at phone width, and restores the desktop size.
pub async fn shoot(c: &Client, name: &str) {
    let dir = screenshot_dir();
    std::fs::write(
        dir.join(format!("{name}-desktop.png")),
        c.screenshot().await.unwrap(),
    )
    .unwrap();
    c.set_window_size(390, 1800).await.unwrap();
    std::fs::write(
        dir.join(format!("{name}-phone.png")),
        c.screenshot().await.unwrap(),
    )
    .unwrap();
    c.set_window_size(1280, 1600).await.unwrap();
}

pub async fn wait_for(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("waiting for `{css}`: {e}"))
}

/// Chooses `value` in the `select[name=NAME]` of the form `form_css`, then submits it.
pub async fn choose_and_submit(c: &Client, form_css: &str, name: &str, value: &str) {
    let form = wait_for(c, form_css).await;
    form.find(Locator::Css(&format!("select[name={name}]")))
        .await
        .unwrap()
        .select_by_value(value)
        .await
        .unwrap();
    form.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}
