//! The week page's controls over real HTTP: swap (a page of alternatives, then a POST),
//! move, done and skipped, each with its CSRF token, writing through keel-app; refusals
//! re-render with the reason and store nothing; compliance on the week and load pages.
//! Today is Wednesday 13 Jan 2027 (week 2): strength on Tue 12 and Thu 14, Fri 15 rest.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use keel_store::{SqliteStore, Store};

fn edits(db: &std::path::Path) -> usize {
    SqliteStore::open(db).unwrap().plan_edits().unwrap().len()
}

fn marks(db: &std::path::Path) -> Vec<keel_core::marks::Mark> {
    let from = jiff::civil::date(2027, 1, 1);
    let to = jiff::civil::date(2027, 12, 31);
    SqliteStore::open(db)
        .unwrap()
        .session_marks(from, to)
        .unwrap()
}

/// The strength blocks of one day of the week page (from its `id="day-DATE"` on).
fn day_html<'a>(html: &'a str, date: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"day-{date}\""))
        .unwrap_or_else(|| panic!("day {date} on the page"));
    let rest = &html[start..];
    let end = rest[1..].find("id=\"day-").map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn week_page_has_the_controls_and_compliance() {
    let srv = start(Options::default()).await;
    let mut s = Session::new(srv.addr);
    let html = s.get("/").await.text();
    for id in [
        "move-2027-01-12-full",
        "mark-2027-01-12-full",
        "move-2027-01-14-full",
    ] {
        assert!(!csrf_of(&html, id).is_empty(), "{id}");
    }
    assert!(html.contains("id=\"swap-2027-01-14-full\""));
    // Done only once the day has come; skip any time.
    let thu = day_html(&html, "2027-01-14");
    assert!(!thu.contains("value=\"done\""), "{thu}");
    assert!(thu.contains("value=\"skipped\""), "{thu}");
    assert!(day_html(&html, "2027-01-12").contains("value=\"done\""));
    assert!(html.contains("Strength done: 0 of 3 sessions in the last 4 weeks (0%); 3 missed."));
    let load = s.get("/load").await.text();
    assert!(load.contains("id=\"compliance\""), "compliance on /load");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn swap_lists_alternatives_within_the_equipment_and_persists() {
    let srv = start(Options::default()).await;
    let mut s = Session::new(srv.addr);
    let r = s.get("/swap?date=2027-01-12&exercise=goblet-squat").await;
    assert_eq!(r.status, 200);
    let page = r.text();
    assert!(page.contains("value=\"bodyweight-squat\""), "{page}");
    assert!(!page.contains("value=\"back-squat\""));
    let token = csrf_of(&page, "swap-form");
    let form = |with: &'static str| {
        [
            ("date", "2027-01-12"),
            ("exercise", "goblet-squat"),
            ("with", with),
        ]
    };
    // No token, another site, a barbell lift, nothing chosen: refused, nothing stored.
    let r = s.post_form("/swap", &form("bodyweight-squat"), &[]).await;
    assert_eq!(r.status, 403);
    let mut fields = form("bodyweight-squat").to_vec();
    fields.push(("csrf", &token));
    let r = s
        .post_form("/swap", &fields, &[("Origin", "http://evil.example")])
        .await;
    assert_eq!(r.status, 403);
    let mut barbell = form("back-squat").to_vec();
    barbell.push(("csrf", &token));
    let r = s.post_form("/swap", &barbell, &[]).await;
    assert_eq!(r.status, 422);
    assert!(r.text().contains("needs barbell"), "{}", r.text());
    let mut empty = form("").to_vec();
    empty.push(("csrf", &token));
    assert_eq!(s.post_form("/swap", &empty, &[]).await.status, 422);
    let r = s.get("/swap?date=2027-02-30&exercise=goblet-squat").await;
    assert_eq!(r.status, 400);
    assert_eq!(edits(&srv.db), 0);

    // The swap: back to the week, the exercise replaced from that day on.
    let r = s.post_form("/swap", &fields, &[]).await;
    assert_eq!(r.status, 303, "{}", r.text());
    let to = r.header("location").unwrap().to_string();
    assert!(to.starts_with("/?week=2&done=swap"), "{to}");
    assert_eq!(edits(&srv.db), 1);
    let week = s.get(&to).await.text();
    assert!(week.contains("Swap saved"), "notice");
    let tue = day_html(&week, "2027-01-12");
    assert!(tue.contains("<strong>Bodyweight squat</strong>"), "{tue}");
    assert!(!tue.contains("<strong>Goblet squat</strong>"), "{tue}");
    assert!(tue.contains("Bodyweight squat in place of Goblet squat: your swap from Tue 12 Jan."));
    let next = s.get("/?week=3").await.text();
    assert!(day_html(&next, "2027-01-19").contains("<strong>Bodyweight squat</strong>"));
    // Undo from the swap page.
    let page = s
        .get("/swap?date=2027-01-12&exercise=bodyweight-squat")
        .await
        .text();
    let undo = csrf_of(&page, "swap-undo-form");
    let r = s
        .post_form(
            "/swap/undo",
            &[
                ("csrf", &undo),
                ("date", "2027-01-12"),
                ("exercise", "goblet-squat"),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(edits(&srv.db), 0);
    assert!(day_html(&s.get("/?week=2").await.text(), "2027-01-12")
        .contains("<strong>Goblet squat</strong>"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn move_is_refused_with_the_rule_or_stored_and_replanned() {
    let srv = start(Options::default()).await;
    let mut s = Session::new(srv.addr);
    let html = s.get("/").await.text();
    let token = csrf_of(&html, "move-2027-01-14-full");
    let mv = |to: &'static str| [("date", "2027-01-14"), ("focus", "full"), ("to", to)];
    let mut rest = mv("2027-01-15").to_vec();
    rest.push(("csrf", &token));
    // Another form's token is refused.
    let mark_token = csrf_of(&html, "mark-2027-01-14-full");
    let mut wrong = mv("2027-01-17").to_vec();
    wrong.push(("csrf", &mark_token));
    assert_eq!(s.post_form("/move", &wrong, &[]).await.status, 403);
    // To Friday, the only rest day: the rule and the nearest days that work.
    let r = s.post_form("/move", &rest, &[]).await;
    assert_eq!(r.status, 422);
    let text = r.text();
    assert!(text.contains("[rest-day]"), "{text}");
    assert!(
        text.contains(
            "Nearest days that work: Thu 14 Jan (its planned day), Sat 16 Jan, Sun 17 Jan."
        ),
        "{text}"
    );
    // Bad input.
    let mut other_week = mv("2027-02-17").to_vec();
    other_week.push(("csrf", &token));
    assert_eq!(s.post_form("/move", &other_week, &[]).await.status, 422);
    let mut bad_date = mv("next friday").to_vec();
    bad_date.push(("csrf", &token));
    assert_eq!(s.post_form("/move", &bad_date, &[]).await.status, 400);
    assert_eq!(edits(&srv.db), 0);

    // To Sunday: stored, and the week shows the session there.
    let mut sunday = mv("2027-01-17").to_vec();
    sunday.push(("csrf", &token));
    let r = s.post_form("/move", &sunday, &[]).await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(edits(&srv.db), 1);
    let week = s.get(r.header("location").unwrap()).await.text();
    assert!(week.contains("Session moved"));
    assert!(day_html(&week, "2027-01-17").contains("Strength"), "Sunday");
    assert!(
        !day_html(&week, "2027-01-14").contains("move-form"),
        "Thursday"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn done_and_skipped_marks_and_compliance() {
    let srv = start(Options::default()).await;
    let mut s = Session::new(srv.addr);
    let html = s.get("/").await.text();
    let tue = csrf_of(&html, "mark-2027-01-12-full");
    let thu = csrf_of(&html, "mark-2027-01-14-full");
    // Done on a day still to come: refused.
    let r = s
        .post_form(
            "/mark",
            &[("csrf", &thu), ("date", "2027-01-14"), ("status", "done")],
            &[],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.text().contains("after today"), "{}", r.text());
    let r = s
        .post_form(
            "/mark",
            &[("csrf", &thu), ("date", "2027-01-14"), ("status", "maybe")],
            &[],
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(marks(&srv.db).is_empty());
    // Skipped with a reason.
    let r = s
        .post_form(
            "/mark",
            &[
                ("csrf", &tue),
                ("date", "2027-01-12"),
                ("status", "skipped"),
                ("why", "work trip"),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let week = s.get(r.header("location").unwrap()).await.text();
    assert!(day_html(&week, "2027-01-12").contains("skipped: work trip"));
    assert!(week.contains("not made up by doubling"));
    assert!(week
        .contains("Strength done: 0 of 3 sessions in the last 4 weeks (0%); 1 skipped, 2 missed."));
    assert_eq!(marks(&srv.db).len(), 1);
    // Undone; then a logged lift marks it done by itself.
    let r = s
        .post_form(
            "/mark",
            &[("csrf", &tue), ("date", "2027-01-12"), ("status", "undo")],
            &[],
        )
        .await;
    assert_eq!(r.status, 303);
    assert!(marks(&srv.db).is_empty());
    let log = s.get("/log").await.text();
    let r = s
        .post_form(
            "/log/lift",
            &[
                ("csrf", &csrf_of(&log, "lift-form")),
                ("date", "2027-01-12"),
                ("exercise", "goblet-squat"),
                ("sets", "3x10@16kg"),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let week = s.get("/?week=2").await.text();
    assert!(
        day_html(&week, "2027-01-12").contains("done (logged: "),
        "{}",
        day_html(&week, "2027-01-12")
    );
    assert!(week.contains("Strength done: 1 of 3"));
    assert!(s
        .get("/load")
        .await
        .text()
        .contains("Strength done: 1 of 3"));
}
