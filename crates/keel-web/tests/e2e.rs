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
use fantoccini::wd::{PrintConfiguration, PrintSize};
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

    // Week: the planned sessions are on the page; a strength session shows its exercises
    // and cues, and its one reason opens onto the others.
    c.goto(&format!("{base}/")).await.unwrap();
    let runs = c
        .find_all(Locator::Css(".block[data-kind=run]"))
        .await
        .unwrap();
    let lifts = c
        .find_all(Locator::Css("section.block.strength"))
        .await
        .unwrap();
    assert!(runs.len() >= 5, "runs on the week page: {}", runs.len());
    assert!(!lifts.is_empty(), "strength sessions on the week page");
    assert!(runs[0].text().await.unwrap().contains("Run: "));
    let cue = lifts[0]
        .find(Locator::Css("ol.exercises .cue"))
        .await
        .unwrap();
    assert!(cue.is_displayed().await.unwrap(), "cues are in view");
    let why = lifts[0].find(Locator::Css("details.why")).await.unwrap();
    let more = why.find(Locator::Css("ul li")).await.unwrap();
    assert!(
        !more.is_displayed().await.unwrap(),
        "the other reasons start closed"
    );
    why.find(Locator::Css("summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(more.is_displayed().await.unwrap(), "the reasons open");
    assert!(more.text().await.unwrap().contains(' '));
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
    assert_eq!(
        print_pages(&c, PrintSize::A4).await,
        1,
        "the adjusted week prints on one page"
    );
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

/// Every week of the plan reads at 360 px wide (nothing wider than the screen, cues in
/// view, reasons closed; a screenshot of the current week at that width) and prints on one
/// page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn week_pages_fit_a_phone_and_print_one_page_each() {
    let Some((driver_bin, chromium)) = browser_tools() else {
        return;
    };
    let srv = start(Options::default()).await;
    let base = format!("http://{}", srv.addr);
    let driver = start_driver(&driver_bin, &chromium).await;
    let c = browser(&driver).await;
    c.set_window_size(360, 2000).await.unwrap();

    let mut week = 1;
    loop {
        c.goto(&format!("{base}/?week={week}")).await.unwrap();
        let widths = c
            .execute(
                "return [window.innerWidth, document.documentElement.scrollWidth,\
                  Math.max(...[...document.querySelectorAll('main *')]\
                    .map(e => e.getBoundingClientRect().right))];",
                vec![],
            )
            .await
            .unwrap();
        let w: Vec<f64> = serde_json::from_value(widths).unwrap();
        assert_eq!(w[0], 360.0, "the window is phone-wide");
        assert!(
            w[1] <= w[0],
            "week {week}: the page scrolls sideways ({w:?})"
        );
        assert!(
            w[2] <= w[0],
            "week {week}: something is wider than the screen ({w:?})"
        );
        for cue in c.find_all(Locator::Css(".cue")).await.unwrap() {
            assert!(
                cue.is_displayed().await.unwrap(),
                "week {week}: a cue hidden"
            );
        }
        let open = c.find_all(Locator::Css("details[open]")).await.unwrap();
        assert!(open.is_empty(), "week {week}: reasons start closed");
        if week == 2 {
            // The example's current week (today is 2027-01-13).
            let dir = screenshot_dir();
            std::fs::write(dir.join("week-360.png"), c.screenshot().await.unwrap()).unwrap();
        }

        for (paper, size) in [("A4", PrintSize::A4), ("Letter", PrintSize::US_LETTER)] {
            let pdf = print_pages(&c, size).await;
            assert_eq!(pdf, 1, "week {week} prints on one {paper} page");
        }

        if c.find(Locator::Css("a[rel=next]")).await.is_err() {
            break;
        }
        week += 1;
    }
    assert!(week >= 10, "every week of the season visited: {week}");
    c.close().await.unwrap();
}

/// Prints the page on `size` paper (1 cm margins) and counts the PDF's pages.
async fn print_pages(c: &Client, size: PrintSize) -> usize {
    let config = PrintConfiguration::builder().size(size).build().unwrap();
    let pdf = c.print(config).await.unwrap();
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    pdf_pages(&pdf)
}

/// Pages in a PDF: its `/Type /Page` objects (not `/Pages`).
fn pdf_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && w[needle.len()] != b's')
        .count()
}

/// Waits for the strength session of `date` on the week page.
async fn open_session(c: &Client, date: &str) {
    wait_for(c, &format!("#day-{date} section.block.strength")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_swap_and_move() {
    let Some((driver_bin, chromium)) = browser_tools() else {
        return;
    };
    let srv = start(Options::default()).await;
    let base = format!("http://{}", srv.addr);
    let driver = start_driver(&driver_bin, &chromium).await;
    let c = browser(&driver).await;

    // Swap: from Tuesday's session, the alternatives to the goblet squat, then one of them.
    c.goto(&format!("{base}/")).await.unwrap();
    open_session(&c, "2027-01-12").await;
    choose_and_submit(&c, "#swap-2027-01-12-full", "exercise", "goblet-squat").await;
    wait_for_url(&c, "/swap?").await;
    let list = wait_for(&c, "#swap-form").await.text().await.unwrap();
    assert!(list.contains("Bodyweight squat"), "{list}");
    assert!(!list.contains("barbell"), "{list}");
    shoot(&c, "swap").await;
    c.find(Locator::Css("input[name=with][value=bodyweight-squat]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Id("swap-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_url(&c, "done=swap").await;
    let notice = wait_for(&c, "#notice").await.text().await.unwrap();
    assert!(notice.contains("Swap saved"), "{notice}");
    open_session(&c, "2027-01-12").await;
    let tue = c
        .find(Locator::Css("#day-2027-01-12 ol.exercises"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        tue.contains("Bodyweight squat") && !tue.contains("Goblet squat"),
        "{tue}"
    );

    // Move: Thursday's session to Friday, the only rest day, is refused with the rule and
    // the nearest days; to Sunday it moves.
    open_session(&c, "2027-01-14").await;
    let move_form = "#move-2027-01-14-full";
    choose_and_submit(&c, move_form, "to", "2027-01-15").await;
    let err = wait_for(&c, "#week-error").await.text().await.unwrap();
    assert!(err.contains("[rest-day]"), "{err}");
    assert!(err.contains("Nearest days that work"), "{err}");
    shoot(&c, "move-refused").await;
    open_session(&c, "2027-01-14").await;
    choose_and_submit(&c, move_form, "to", "2027-01-17").await;
    wait_for_url(&c, "done=move").await;
    let sunday = wait_for(&c, "#day-2027-01-17").await.text().await.unwrap();
    assert!(sunday.contains("Strength"), "{sunday}");
    let thursday = c
        .find(Locator::Id("day-2027-01-14"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!thursday.contains("Strength"), "{thursday}");
    shoot(&c, "week-moved").await;

    c.close().await.unwrap();
}
