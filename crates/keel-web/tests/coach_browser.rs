//! Coach mode in a real browser against a real PostgreSQL: a coach logs in and invites an
//! athlete; the athlete opens the link, creates their account and checks in with sore
//! legs; the coach gives them a profile, the dashboard shows the signal and the session
//! adaptation changed, and the coach moves one of the athlete's sessions on their week.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;
mod coach_common;
mod common;

use browser::*;
use coach_common::PASSWORD;
use fantoccini::{Client, Locator};

async fn fill(c: &Client, css: &str, text: &str) {
    let e = wait_for(c, css).await;
    e.clear().await.unwrap();
    e.send_keys(text).await.unwrap();
}

async fn click(c: &Client, css: &str) {
    wait_for(c, css).await.click().await.unwrap();
}

async fn log_in(c: &Client, base: &str, email: &str) {
    c.goto(&format!("{base}/login")).await.unwrap();
    fill(c, "#email", email).await;
    fill(c, "#password", PASSWORD).await;
    click(c, "#login-submit").await;
}

async fn log_out(c: &Client, base: &str) {
    c.goto(&format!("{base}/account")).await.unwrap();
    click(c, "#logout").await;
    wait_for(c, "#login-form").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coach_invites_an_athlete_whose_sore_legs_show_on_the_dashboard() {
    let Some((driver_bin, chromium)) = browser_tools() else {
        return;
    };
    let Some(srv) = coach_common::start("coach_browser", &["coach@example.org"]).await else {
        return;
    };
    let base = format!("http://127.0.0.1:{}", srv.addr.port());
    let driver = start_driver(&driver_bin, &chromium).await;
    let c = browser(&driver).await;

    // The coach logs in and invites an athlete.
    log_in(&c, &base, "coach@example.org").await;
    wait_for(&c, "#no-athletes").await;
    click(&c, "#invite").await;
    click(&c, "#invite-create").await;
    let link = wait_for(&c, "#invite-link").await.text().await.unwrap();
    assert!(link.starts_with(&format!("{base}/invite/")), "{link}");
    shoot(&c, "coach-invite").await;
    log_out(&c, &base).await;

    // The athlete opens the link, creates an account and checks in with sore legs.
    c.goto(&link).await.unwrap();
    fill(&c, "#name", "Sam Runner").await;
    fill(&c, "#email", "sam@example.org").await;
    fill(&c, "#password", PASSWORD).await;
    click(&c, "#accept-submit").await;
    wait_for(&c, "#checkin-form").await;
    let legs = wait_for(&c, "#soreness_legs").await;
    legs.select_by_value("5").await.unwrap();
    let fatigue = wait_for(&c, "#fatigue").await;
    fatigue.select_by_value("4").await.unwrap();
    click(&c, "#checkin-form button[type=submit]").await;
    let notice = wait_for(&c, "#notice").await.text().await.unwrap();
    assert!(notice.contains("Check-in saved"), "{notice}");
    // The link worked once.
    c.goto(&link).await.unwrap();
    let msg = wait_for(&c, "#error-message").await.text().await.unwrap();
    assert!(msg.contains("not valid"), "{msg}");
    log_out(&c, &base).await;

    // The coach gives Sam a profile, then reads the dashboard.
    log_in(&c, &base, "coach@example.org").await;
    let name = wait_for(&c, "#athletes .athlete-name").await;
    assert_eq!(name.text().await.unwrap(), "Sam Runner");
    click(&c, "#athletes .athlete-name").await;
    // No profile yet: the page says where to give one.
    let msg = wait_for(&c, "#error-message").await.text().await.unwrap();
    assert!(msg.contains("/profile"), "{msg}");
    c.goto(&format!("{base}/profile")).await.unwrap();
    let (_, toml) = common::example_profile();
    wait_for(&c, "#toml").await;
    c.execute(
        "document.getElementById('toml').value = arguments[0];",
        vec![serde_json::json!(toml)],
    )
    .await
    .unwrap();
    click(&c, "#profile-submit").await;
    let saved = wait_for(&c, "#notice").await.text().await.unwrap();
    assert!(saved.contains("Profile saved"), "{saved}");
    click(&c, "#nav-home").await;
    let signals = wait_for(&c, "#athletes .signals")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        signals.contains("sore"),
        "the leg soreness signal: {signals}"
    );
    let adjustments = wait_for(&c, "#athletes .adjustments")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        adjustments.contains("[soreness-vs-running]") && adjustments.contains("moves to"),
        "the session adaptation moved, with its rule id: {adjustments}"
    );
    let checkin = wait_for(&c, "#athletes .checkin")
        .await
        .text()
        .await
        .unwrap();
    assert!(checkin.contains("0 d ago"), "{checkin}");
    shoot(&c, "coach-dashboard").await;
    // The filter for athletes without a recent check-in leaves Sam out.
    click(&c, "#filter-stale").await;
    wait_for(&c, "#no-athletes").await;

    // The coach moves Sam's Tuesday session to Saturday from Sam's week page.
    c.goto(&format!("{base}/")).await.unwrap();
    choose_and_submit(&c, "#move-2027-01-12-full", "to", "2027-01-16").await;
    let notice = wait_for(&c, "#notice").await.text().await.unwrap();
    assert!(notice.contains("Session moved"), "{notice}");
    assert!(c.find(Locator::Css("#move-2027-01-12-full")).await.is_err());
    wait_for(&c, "#day-2027-01-16 .move-form").await;
    shoot(&c, "coach-moved").await;
    c.close().await.unwrap();
}
