//! Browser end-to-end tests: headless Chromium driven through ChromeDriver (fantoccini),
//! against the real server on a free port with a temporary database and a profile.
//!
//! Needs Debian's `chromium` and `chromium-driver` (installed by `.ci/run`). Without
//! chromedriver the test fails with a clear message when `CI=true`, and is skipped with a
//! notice otherwise. Screenshots of each page go to `target/e2e-screenshots/`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;
mod common;

use std::time::Duration;

use browser::*;
use common::*;
use fantoccini::{Client, Locator};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_walkthrough() {
    let Some((driver_bin, chromium)) = browser_tools() else {
        return;
    };
    let srv = start(Options::default()).await;
    let base = format!("http://{}", srv.addr);
    let driver = start_driver(&driver_bin, &chromium).await;
    let c = browser(&driver).await;

    // Week: the planned sessions are on the page, strength sessions expand.
    c.goto(&format!("{base}/")).await.unwrap();
    let runs = c
        .find_all(Locator::Css(".block[data-kind=run]"))
        .await
        .unwrap();
    let lifts = c
        .find_all(Locator::Css("details.block.strength"))
        .await
        .unwrap();
    assert!(runs.len() >= 5, "runs on the week page: {}", runs.len());
    assert!(!lifts.is_empty(), "strength sessions on the week page");
    assert!(runs[0].text().await.unwrap().contains("Run: "));
    let summary = lifts[0].find(Locator::Css("summary")).await.unwrap();
    summary.click().await.unwrap();
    let list = lifts[0].find(Locator::Css("ol.exercises")).await.unwrap();
    assert!(list.text().await.unwrap().contains("in reserve"));
    shoot(&c, "week").await;

    c.goto(&format!("{base}/season")).await.unwrap();
    assert_eq!(
        c.find_all(Locator::Css("svg.chart-wide"))
            .await
            .unwrap()
            .len(),
        2
    );
    shoot(&c, "season").await;

    // Log: a check-in with sore legs (4 of 5) the day before Thursday's tempo run.
    c.goto(&format!("{base}/log")).await.unwrap();
    let form = c.find(Locator::Id("checkin-form")).await.unwrap();
    form.find(Locator::Id("soreness_legs"))
        .await
        .unwrap()
        .select_by_value("4")
        .await
        .unwrap();
    form.find(Locator::Id("fatigue"))
        .await
        .unwrap()
        .select_by_value("3")
        .await
        .unwrap();
    form.find(Locator::Id("sleep_h"))
        .await
        .unwrap()
        .send_keys("7")
        .await
        .unwrap();
    form.find(Locator::Id("checkin-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let notice = wait_for(&c, "#notice").await;
    assert!(notice.text().await.unwrap().contains("Check-in saved"));
    let table = c
        .find(Locator::Id("checkins"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(table.contains('4'), "{table}");
    // The plan reacts: the next lower-body session moves away from the key run, with its
    // reason on the day it moved to.
    c.goto(&format!("{base}/")).await.unwrap();
    let adjusted = c.find(Locator::Css(".day.adjusted")).await.unwrap();
    let text = adjusted.text().await.unwrap();
    assert!(text.contains("soreness-vs-running"), "{text}");
    assert!(text.contains("Strength: full"), "{text}");
    shoot(&c, "week-adjusted").await;
    c.goto(&format!("{base}/log")).await.unwrap();

    // A run and a lift through their forms.
    let run = c.find(Locator::Id("run-form")).await.unwrap();
    run.find(Locator::Id("run_type"))
        .await
        .unwrap()
        .select_by_value("tempo")
        .await
        .unwrap();
    run.find(Locator::Id("duration"))
        .await
        .unwrap()
        .send_keys("50min")
        .await
        .unwrap();
    run.find(Locator::Id("distance"))
        .await
        .unwrap()
        .send_keys("10km")
        .await
        .unwrap();
    run.find(Locator::Id("rpe"))
        .await
        .unwrap()
        .send_keys("7")
        .await
        .unwrap();
    run.find(Locator::Id("run-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_url(&c, "done=run").await;
    let lift = c.find(Locator::Id("lift-form")).await.unwrap();
    lift.find(Locator::Id("exercise"))
        .await
        .unwrap()
        .send_keys("goblet-squat")
        .await
        .unwrap();
    lift.find(Locator::Id("sets"))
        .await
        .unwrap()
        .send_keys("3x10@16kg")
        .await
        .unwrap();
    lift.find(Locator::Id("lift-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_url(&c, "done=lift").await;
    let workouts = c
        .find(Locator::Id("workouts"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(workouts.contains("goblet-squat 3x10@16kg"), "{workouts}");

    // Upload a real FIT file and see it in the log.
    let fit =
        shared("data/activity-files/python-fitparse/tests/files/activity-small-fenix2-run.fit");
    let input = c.find(Locator::Id("file")).await.unwrap();
    input
        .send_keys(&fit.canonicalize().unwrap().display().to_string())
        .await
        .unwrap();
    c.find(Locator::Id("upload-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_url(&c, "done=upload").await;
    let notice = wait_for(&c, "#notice").await.text().await.unwrap();
    assert!(notice.contains("Upload done: 1 activities"), "{notice}");
    let acts = c
        .find(Locator::Id("activities"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        acts.contains("activity-small-fenix2-run.fit") || acts.contains("run"),
        "{acts}"
    );
    shoot(&c, "log").await;

    // Load: the charts are SVG drawn by keel.
    c.goto(&format!("{base}/load")).await.unwrap();
    let charts = c
        .find_all(Locator::Css("figure.chart-box svg.chart-wide"))
        .await
        .unwrap();
    assert_eq!(charts.len(), 6);
    for svg in &charts {
        assert!(
            svg.find(Locator::Css("title")).await.is_ok(),
            "each chart has a title"
        );
    }
    let paths = c.find_all(Locator::Css("svg.chart path")).await.unwrap();
    assert!(!paths.is_empty());
    shoot(&c, "load").await;

    // The calendar feed, fetched by the page's own origin.
    let ics = c
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             fetch('/calendar.ics').then(r => r.text()).then(done, e => done('error: ' + e));",
            vec![],
        )
        .await
        .unwrap();
    let ics = ics.as_str().unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
    assert!(ics.contains("BEGIN:VEVENT") && ics.contains("SUMMARY:Strength: "));

    c.close().await.unwrap();
}

/// Waits (bounded) until the browser's address contains `part`.
async fn wait_for_url(c: &Client, part: &str) {
    for _ in 0..300 {
        if c.current_url().await.unwrap().as_str().contains(part) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the browser never reached a page with `{part}` in its address");
}
