//! Handler tests over real HTTP: the server on port 0 with a temporary database.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use keel_store::{SqliteStore, Store};

fn counts(db: &std::path::Path) -> keel_store::Counts {
    SqliteStore::open(db).unwrap().counts().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn log_page_renders_forms_and_sets_csrf_cookie() {
    let srv = start(Options::default()).await;
    let mut s = Session::new(srv.addr);
    let r = s.get("/log").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    for id in ["checkin-form", "run-form", "lift-form", "upload-form"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(s.cookies.iter().any(|c| c.starts_with("keel_csrf=")));
    // Each form has its own token.
    assert_ne!(csrf_of(&html, "checkin-form"), csrf_of(&html, "run-form"));
    assert!(
        html.contains("5 (very sore)"),
        "the 1-5 scale with 5 = worst"
    );
    // Security headers on every page.
    assert_eq!(r.header("x-frame-options"), Some("DENY"));
    assert!(r
        .header("content-security-policy")
        .unwrap()
        .contains("default-src 'self'"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checkin_is_stored_and_shown() {
    let srv = start(Options::default()).await;
    let mut s = Session::new(srv.addr);
    let html = s.get("/log").await.text();
    let token = csrf_of(&html, "checkin-form");
    let r = s
        .post_form(
            "/checkin",
            &[
                ("csrf", &token),
                ("soreness_legs", "4"),
                ("fatigue", "3"),
                ("sleep_h", "6.5"),
                ("note", "legs heavy"),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("location"), Some("/log?done=checkin"));
    let stored = SqliteStore::open(&srv.db)
        .unwrap()
        .checkins(today(), today())
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].soreness_legs, Some(4));
    assert_eq!(stored[0].sleep_h, Some(6.5));
    let page = s.get("/log?done=checkin").await.text();
    assert!(page.contains("Check-in saved."));
    assert!(page.contains("id=\"checkins\""));
    // A second one the same day replaces the first and says so.
    let token = csrf_of(&page, "checkin-form");
    let r = s
        .post_form("/checkin", &[("csrf", &token), ("soreness_legs", "2")], &[])
        .await;
    assert_eq!(r.header("location"), Some("/log?done=checkin&replaced=1"));
    assert_eq!(counts(&srv.db).checkins, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_without_valid_csrf_token_are_refused() {
    let srv = start(Options::default()).await;
    let mut s = Session::new(srv.addr);
    let html = s.get("/log").await.text();
    let checkin_token = csrf_of(&html, "checkin-form");
    // No token.
    let r = s
        .post_form("/checkin", &[("soreness_legs", "4")], &[])
        .await;
    assert_eq!(r.status, 403);
    assert!(r.text().contains("reload the page"));
    // Another form's token.
    let run_token = csrf_of(&html, "run-form");
    let r = s
        .post_form(
            "/checkin",
            &[("csrf", &run_token), ("soreness_legs", "4")],
            &[],
        )
        .await;
    assert_eq!(r.status, 403);
    // Right token, but no cookie (another browser).
    let mut other = Session::new(srv.addr);
    let r = other
        .post_form(
            "/checkin",
            &[("csrf", &checkin_token), ("soreness_legs", "4")],
            &[],
        )
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(counts(&srv.db).checkins, 0, "nothing stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_posts_are_refused() {
    let srv = start(Options::default()).await;
    let mut s = Session::new(srv.addr);
    let html = s.get("/log").await.text();
    let token = csrf_of(&html, "checkin-form");
    let fields = [("csrf", token.as_str()), ("soreness_legs", "4")];
    let r = s
        .post_form("/checkin", &fields, &[("Origin", "http://evil.example")])
        .await;
    assert_eq!(r.status, 403);
    assert!(r.text().contains("evil.example"));
    let r = s
        .post_form("/checkin", &fields, &[("Sec-Fetch-Site", "cross-site")])
        .await;
    assert_eq!(r.status, 403);
    // Another port on localhost is "same-site", still not this server.
    let r = s
        .post_form("/checkin", &fields, &[("Sec-Fetch-Site", "same-site")])
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(counts(&srv.db).checkins, 0);
    // The same request from this origin works.
    let r = s.post_form("/checkin", &fields, &[]).await;
    assert_eq!(r.status, 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_run_form_rerenders_with_errors_and_stores_nothing() {
    let srv = start(Options::default()).await;
    let mut s = Session::new(srv.addr);
    let html = s.get("/log").await.text();
    let token = csrf_of(&html, "run-form");
    let r = s
        .post_form(
            "/log/run",
            &[
                ("csrf", &token),
                ("run_type", "easy"),
                ("duration", "45 parsecs"),
                ("distance", "8km"),
                ("rpe", "12"),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, 422);
    let page = r.text();
    assert!(
        page.contains("id=\"duration-error\""),
        "error next to the duration field"
    );
    assert!(page.contains("id=\"rpe-error\""));
    assert!(
        !page.contains("id=\"distance-error\""),
        "valid fields have no error"
    );
    assert!(
        page.contains("value=\"45 parsecs\""),
        "what was typed is kept"
    );
    assert!(page.contains("value=\"8km\""));
    assert_eq!(counts(&srv.db).activities, 0);
    // Fixed, it is stored and listed.
    let token = csrf_of(&page, "run-form");
    let r = s
        .post_form(
            "/log/run",
            &[
                ("csrf", &token),
                ("run_type", "easy"),
                ("duration", "45min"),
                ("distance", "8km"),
                ("rpe", "3"),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(counts(&srv.db).activities, 1);
    let page = s.get("/log").await.text();
    assert!(page.contains("8.0 km") && page.contains("45 min"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lift_form_appends_to_the_days_workout() {
    let srv = start(Options::default()).await;
    let mut s = Session::new(srv.addr);
    let html = s.get("/log").await.text();
    let bad = s
        .post_form(
            "/log/lift",
            &[
                ("csrf", &csrf_of(&html, "lift-form")),
                ("exercise", "goblet-squat"),
                ("sets", "3x10@16"),
            ],
            &[],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.text().contains("id=\"sets-error\""));
    assert_eq!(counts(&srv.db).workouts, 0);
    for spec in ["3x10@16kg", "2x8@20kg"] {
        let html = s.get("/log").await.text();
        let r = s
            .post_form(
                "/log/lift",
                &[
                    ("csrf", &csrf_of(&html, "lift-form")),
                    ("exercise", "goblet-squat"),
                    ("sets", spec),
                    ("rir", "2"),
                ],
                &[],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.text());
    }
    let c = counts(&srv.db);
    assert_eq!((c.workouts, c.sets), (1, 5));
    let page = s.get("/log").await.text();
    assert!(
        page.contains("goblet-squat 3x10@16kg, goblet-squat 2x8@20kg"),
        "{page}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fit_upload_is_imported_and_listed() {
    let srv = start(Options::default()).await;
    let mut s = Session::new(srv.addr);
    let html = s.get("/log").await.text();
    let token = csrf_of(&html, "upload-form");
    let bytes = std::fs::read(shared(
        "data/activity-files/python-fitparse/tests/files/activity-small-fenix2-run.fit",
    ))
    .unwrap();
    let r = s
        .post_multipart("/upload", &token, "activity-small-fenix2-run.fit", &bytes)
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert!(r
        .header("location")
        .unwrap()
        .starts_with("/log?done=upload&a=1"));
    assert_eq!(counts(&srv.db).activities, 1);
    let page = s.get(r.header("location").unwrap()).await.text();
    assert!(page.contains("Upload done: 1 activities"));
    assert!(page.contains("id=\"activities\""));
    assert!(page.contains("activity-small-fenix2-run.fit"));
    // The same file again adds nothing.
    let token = csrf_of(&page, "upload-form");
    let r = s
        .post_multipart("/upload", &token, "activity-small-fenix2-run.fit", &bytes)
        .await;
    assert_eq!(r.status, 303);
    assert!(r.header("location").unwrap().contains("a=0&w=0&d=1"));
    assert_eq!(counts(&srv.db).activities, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_uploads_show_the_reason() {
    let srv = start(Options::default()).await;
    let mut s = Session::new(srv.addr);
    let html = s.get("/log").await.text();
    let r = s
        .post_multipart(
            "/upload",
            &csrf_of(&html, "upload-form"),
            "notes.fit",
            b"this is not a FIT file at all",
        )
        .await;
    assert_eq!(r.status, 422);
    let page = r.text();
    assert!(page.contains("id=\"upload-error\""));
    assert!(page.contains("Nothing was imported"), "{page}");
    assert_eq!(counts(&srv.db).activities, 0);
    // No file chosen.
    let r = s
        .post_multipart("/upload", &csrf_of(&page, "upload-form"), "", b"")
        .await;
    assert_eq!(r.status, 422);
    assert!(r.text().contains("Choose a file"));
    // Without the token, refused before reading the file.
    let r = s.post_multipart("/upload", "forged", "a.fit", b"x").await;
    assert_eq!(r.status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_over_the_limit_are_refused() {
    let srv = start(Options {
        upload_limit: 4096,
        ..Options::default()
    })
    .await;
    let mut s = Session::new(srv.addr);
    let html = s.get("/log").await.text();
    let bytes = std::fs::read(shared(
        "data/activity-files/python-fitparse/tests/files/activity-small-fenix2-run.fit",
    ))
    .unwrap();
    assert!(bytes.len() > 4096);
    let r = s
        .post_multipart("/upload", &csrf_of(&html, "upload-form"), "big.fit", &bytes)
        .await;
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.text().contains("larger than the limit"));
    assert_eq!(counts(&srv.db).activities, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_is_required_on_every_request() {
    let token = "s3cret-token-123";
    let srv = start(Options {
        token: Some(token.into()),
        ..Options::default()
    })
    .await;
    for path in [
        "/log",
        "/load",
        "/static/keel.css",
        "/calendar.ics",
        "/nope",
    ] {
        let r = get(srv.addr, path).await;
        assert_eq!(r.status, 401, "{path}");
        assert!(!r.text().contains("keel_csrf"), "no secrets in the refusal");
    }
    let r = get(srv.addr, "/api/plan").await;
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["error"]["status"], 401);
    let wrong = request(
        srv.addr,
        "GET",
        "/log",
        &[("Authorization", "Bearer nope-nope-nope")],
        b"",
    )
    .await;
    assert_eq!(wrong.status, 401);
    let auth = format!("Bearer {token}");
    let ok = request(
        srv.addr,
        "GET",
        "/log",
        &[("Authorization", auth.as_str())],
        b"",
    )
    .await;
    assert_eq!(ok.status, 200);
    // ?token= sets a cookie and redirects to the same page without it.
    let mut s = Session::new(srv.addr);
    let r = s.get(&format!("/load?weeks=6&token={token}")).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/load?weeks=6"));
    assert!(r.header("set-cookie").unwrap().contains("HttpOnly"));
    assert_eq!(s.get("/load?weeks=6").await.status, 200);
    let r = get(srv.addr, "/log?token=wrong").await;
    assert_eq!(r.status, 401);
}

#[test]
fn non_loopback_bind_needs_a_token() {
    let mut c = keel_web::Config::new("unused.db".into());
    c.bind = "0.0.0.0:8080".parse().unwrap();
    let e = c.validate().unwrap_err();
    assert!(e.to_string().contains("--token"), "{e}");
    c.token = Some("short".into());
    assert!(c.validate().is_err(), "too short");
    c.token = Some("has space; and semicolon".into());
    assert!(c.validate().is_err(), "unsafe in a cookie or URL");
    c.token = Some("long-enough-token".into());
    assert!(c.validate().is_ok());
    let mut local = keel_web::Config::new("unused.db".into());
    local.bind = "[::1]:8080".parse().unwrap();
    assert!(local.validate().is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_today_and_unknown_api_routes() {
    let srv = start(Options::default()).await;
    let r = get(srv.addr, "/api/today").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let j = r.json();
    assert_eq!(j["schema"], "keel.today/1");
    assert_eq!(j["date"], "2027-01-13");
    assert_eq!(j["week"]["index"], 2);
    assert!(j["sessions"].is_array() && j["nutrition"]["protein_g"].is_array());
    // Outside the season: still keel.today/1, with no sessions and a note.
    let r = get(srv.addr, "/api/today?date=2031-01-01").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let j = r.json();
    assert_eq!(j["schema"], "keel.today/1");
    assert_eq!(j["sessions"], serde_json::json!([]));
    assert!(j["week"].is_null());
    assert!(j["note"]
        .as_str()
        .unwrap()
        .contains("Nothing planned for 2031-01-01"));
    let r = get(srv.addr, "/api/today?date=tomorrow").await;
    assert_eq!(r.status, 400);
    let r = get(srv.addr, "/api/nope").await;
    assert_eq!(r.status, 404);
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("/api/nope"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sore_legs_move_the_next_lower_body_session_with_its_reason() {
    let srv = start(Options::default()).await;
    let mut s = Session::new(srv.addr);
    let before = s.get("/").await.text();
    let day = |html: &str, iso: &str| {
        let i = html.find(&format!("id=\"day-{iso}\"")).unwrap();
        let start = html[..i].rfind("<li").unwrap();
        let end = html[i..].find("</li>").unwrap() + i;
        html[start..end].to_string()
    };
    // Thursday: tempo, then a full-body session right after; no adjustments yet.
    assert!(day(&before, "2027-01-14").contains("Strength: full"));
    assert!(!before.contains("soreness-vs-running"));
    let html = s.get("/log").await.text();
    let r = s
        .post_form(
            "/checkin",
            &[
                ("csrf", &csrf_of(&html, "checkin-form")),
                ("soreness_legs", "4"),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, 303);
    let after = s.get("/").await.text();
    let thu = day(&after, "2027-01-14");
    assert!(
        !thu.contains("Strength:"),
        "Thursday's session left the day before... {thu}"
    );
    let sun = day(&after, "2027-01-17");
    assert!(
        sun.contains("day adjusted") || sun.contains(" adjusted\""),
        "{sun}"
    );
    assert!(sun.contains("Strength: full"), "{sun}");
    assert!(sun.contains("<code>soreness-vs-running</code>"), "{sun}");
    assert!(sun.contains("moves to Sunday"), "{sun}");
    // The cause is said once, for the week; the change on its day.
    assert_eq!(
        after.matches("eg soreness 4/5 on Wednesday").count(),
        1,
        "{after}"
    );
    assert!(
        after.contains("Because leg soreness 4/5 on Wednesday"),
        "{after}"
    );
    // Recorded as the CLI does, so `keel plan`/`keel today` agree.
    let stored = SqliteStore::open(&srv.db)
        .unwrap()
        .adjustments(today(), jiff::civil::date(2027, 1, 31), true)
        .unwrap();
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(stored[0].adjustment.rule, "soreness-vs-running");
    // The signal clears: the session goes back, the adjustment is cleared.
    let html = s.get("/log").await.text();
    s.post_form(
        "/checkin",
        &[
            ("csrf", &csrf_of(&html, "checkin-form")),
            ("soreness_legs", "1"),
        ],
        &[],
    )
    .await;
    let cleared = s.get("/").await.text();
    assert!(day(&cleared, "2027-01-14").contains("Strength: full"));
    let active = SqliteStore::open(&srv.db)
        .unwrap()
        .adjustments(today(), jiff::civil::date(2027, 1, 31), true)
        .unwrap();
    assert!(active.is_empty(), "{active:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load_page_and_api() {
    let srv = start(Options::default()).await;
    let mut s = Session::new(srv.addr);
    let html = s.get("/log").await.text();
    let r = s
        .post_form(
            "/log/run",
            &[
                ("csrf", &csrf_of(&html, "run-form")),
                ("run_type", "tempo"),
                ("duration", "50min"),
                ("distance", "10km"),
                ("rpe", "7"),
                ("date", "2027-01-11"),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, 303);
    let page = s.get("/load").await;
    assert_eq!(page.status, 200, "{}", page.text());
    let page = page.text();
    assert_eq!(page.matches("<svg class=\"chart chart-wide\"").count(), 6);
    assert_eq!(page.matches("<svg class=\"chart chart-narrow\"").count(), 6);
    for id in [
        "chart-running",
        "chart-load",
        "chart-fitness",
        "chart-acwr",
        "chart-e1rm",
        "chart-checkins",
    ] {
        assert!(page.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(page.contains("Impellizzeri"), "the ratio's caveat is shown");
    let j = get(srv.addr, "/api/load?weeks=4").await;
    assert_eq!(j.status, 200);
    let j = j.json();
    assert_eq!(j["schema"], "keel.load/1");
    let weeks = j["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 4);
    let last = weeks.last().unwrap();
    assert_eq!(last["run_km"], 10.0);
    assert_eq!(last["run_load"], 350.0, "RPE 7 x 50 min");
    let bad = get(srv.addr, "/api/load?weeks=zero").await;
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("weeks=zero"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_pages_and_broken_profiles_render_error_pages() {
    let srv = start(Options::default()).await;
    let r = get(srv.addr, "/nope").await;
    assert_eq!(r.status, 404);
    assert!(r.text().contains("There is no page at /nope"));
    // A stored profile that no longer validates: a page that says so, no internals.
    SqliteStore::open(&srv.db)
        .unwrap()
        .set_profile("broken.toml", "[athlete]\nname = 3\n")
        .unwrap();
    let r = get(srv.addr, "/season").await;
    assert_eq!(r.status, 422);
    let t = r.text();
    assert!(t.contains("broken.toml"), "{t}");
    assert!(!t.contains("panicked") && !t.contains("src/"), "{t}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_profile_explains_what_to_do() {
    let srv = start(Options {
        store_profile: false,
        ..Options::default()
    })
    .await;
    let r = get(srv.addr, "/").await;
    assert_eq!(r.status, 409);
    assert!(r.text().contains("keel profile set"));
    let r = get(srv.addr, "/api/plan").await;
    assert_eq!(r.status, 409);
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("keel profile set"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_reads_and_writes_all_succeed() {
    let srv = start(Options::default()).await;
    let mut s = Session::new(srv.addr);
    let html = s.get("/log").await.text();
    let token = csrf_of(&html, "checkin-form");
    let cookie = s.cookies.join("; ");
    let origin = format!("http://{}", srv.addr);
    let mut tasks = Vec::new();
    for i in 0..24 {
        let (addr, token, cookie, origin) =
            (srv.addr, token.clone(), cookie.clone(), origin.clone());
        tasks.push(tokio::spawn(async move {
            if i % 2 == 0 {
                get(addr, "/load").await.status
            } else {
                let day = format!("2027-01-{:02}", 1 + i / 2);
                let body = format!("csrf={token}&date={day}&fatigue=3");
                request(
                    addr,
                    "POST",
                    "/checkin",
                    &[
                        ("Content-Type", "application/x-www-form-urlencoded"),
                        ("Cookie", &cookie),
                        ("Origin", &origin),
                    ],
                    body.as_bytes(),
                )
                .await
                .status
            }
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 303),
        "{statuses:?}"
    );
    assert_eq!(counts(&srv.db).checkins, 12);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn week_page_shows_the_current_week_in_order() {
    let srv = start(Options::default()).await;
    let r = get(srv.addr, "/").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    // 2027-01-13 is in week 2 of the example (plan starts 2027-01-04).
    assert!(html.contains("Week 2 <small>of"), "{html}");
    assert!(html.contains("id=\"day-2027-01-13\""));
    assert!(html.contains("day today"), "today is marked");
    // Tuesday: the intervals run first, marked hard.
    let tue = &html
        [html.find("id=\"day-2027-01-12\"").unwrap()..html.find("id=\"day-2027-01-13\"").unwrap()];
    assert!(tue.contains("Run: intervals, 60 min"), "{tue}");
    assert!(tue.contains("block run hard"));
    // Strength sessions show their exercises with cues; the reasons are behind one line.
    assert!(html.contains("<section class=\"block strength\""));
    assert!(html.contains("<ol class=\"exercises\">"));
    assert!(html.contains("in reserve · tempo 3-1-1"));
    assert!(html.contains("<details class=\"why\">"));
    // Blocks follow the plan's order: a strength session done right after the run comes
    // after it on the page.
    assert!(
        html.contains("right after the run"),
        "the example stacks strength on run days"
    );
    for (i, _) in html.match_indices("right after the run") {
        let day_start = html[..i].rfind("<li class=\"day").unwrap();
        let day = &html[day_start..i];
        assert!(day.contains("data-kind=\"run\""), "a run precedes: {day}");
    }
    assert!(
        html.contains("rel=\"prev\" href=\"/?week=1\"")
            && html.contains("rel=\"next\" href=\"/?week=3\"")
    );
    let w1 = get(srv.addr, "/?week=1").await;
    assert_eq!(w1.status, 200);
    assert!(w1.text().contains("Week 1 <small>of"));
    let bad = get(srv.addr, "/?week=99").await;
    assert_eq!(bad.status, 400);
    assert!(bad.text().contains("the plan has weeks 1 to"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn season_page_has_band_chart_and_race() {
    let srv = start(Options::default()).await;
    let r = get(srv.addr, "/season").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(html.contains("half-marathon on 25 Apr 2027"));
    assert_eq!(html.matches("<svg class=\"chart chart-wide\"").count(), 2);
    assert!(html.contains(">base</text>"), "phase band labelled");
    assert!(html.contains(">R</text>"), "race week marked");
    assert!(
        html.contains(">T</text>") || html.contains("taper"),
        "taper marked"
    );
    assert!(html.contains("tr class=\"current\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_plan_is_the_cli_json() {
    let srv = start(Options::default()).await;
    let r = get(srv.addr, "/api/plan").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let j = r.json();
    assert_eq!(j["schema"], "keel.plan/1");
    assert_eq!(j["athlete"]["name"], "Alex");
    // Byte-identical to the shared writer the CLI uses.
    let (name, toml) = example_profile();
    let profile = keel_profile::parse_profile(&name, &toml).unwrap();
    let plan = keel_core::planner::plan_season(&profile, today(), None).unwrap();
    let mut expected = Vec::new();
    keel_export::json::write_plan_json(&plan, &mut expected).unwrap();
    assert_eq!(r.body, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calendar_feed_parses_and_bumps_sequence_on_change() {
    let srv = start(Options::default()).await;
    let r = get(srv.addr, "/calendar.ics").await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    let text = r.text();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    let n_events = text.matches("BEGIN:VEVENT").count();
    assert!(n_events > 20, "{n_events}");
    // From the current week: nothing before Monday 2027-01-11.
    assert!(!text.contains("DTSTART;VALUE=DATE:20270105"));
    assert!(text.contains("DTSTART;VALUE=DATE:20270111"));
    assert!(!text.contains("SEQUENCE:1"));
    // The same plan again: byte-identical.
    assert_eq!(get(srv.addr, "/calendar.ics").await.text(), text);
    // Shorten the strength sessions: those events get SEQUENCE 1, UIDs unchanged.
    let (name, toml) = example_profile();
    let toml = toml.replace("session_minutes = 40", "session_minutes = 30");
    SqliteStore::open(&srv.db)
        .unwrap()
        .set_profile(&name, &toml)
        .unwrap();
    let changed = get(srv.addr, "/calendar.ics").await.text();
    assert!(changed.contains("SEQUENCE:1"));
    let uids = |t: &str| {
        t.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&text), uids(&changed));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strava_zip_upload_takes_names_and_effort_and_refuses_unsafe_entries() {
    use std::io::Write;
    let fit = std::fs::read(shared(
        "data/activity-files/python-fitparse/tests/files/garmin-fenix-5-run.fit",
    ))
    .unwrap();
    let csv = "Activity ID,Activity Date,Activity Name,Activity Type,Filename,Perceived Exertion\n\
8,\"May 1, 2024, 6:00:00 AM\",Hill reps with Sam,Run,activities/8.fit,6\n";
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in [
        ("export/activities.csv", csv.as_bytes().to_vec()),
        ("export/activities/8.fit", fit),
        ("../evil.fit", b"nope".to_vec()),
        ("export/media/photo.jpg", vec![1, 2, 3]),
    ] {
        w.start_file(name, opts).unwrap();
        w.write_all(&bytes).unwrap();
    }
    let zip = w.finish().unwrap().into_inner();
    let srv = start(Options::default()).await;
    let mut s = Session::new(srv.addr);
    let html = s.get("/log").await.text();
    let r = s
        .post_multipart(
            "/upload",
            &csrf_of(&html, "upload-form"),
            "export_123.zip",
            &zip,
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(
        r.header("location"),
        Some("/log?done=upload&a=1&w=0&d=0&r=1")
    );
    let page = s.get("/log").await.text();
    assert!(
        page.contains("Hill reps with Sam"),
        "the Strava name is kept"
    );
    assert!(
        page.contains("../evil.fit"),
        "the refused entry is listed with its reason"
    );
    let store = SqliteStore::open(&srv.db).unwrap();
    let acts = store
        .activities(jiff::Timestamp::MIN, jiff::Timestamp::MAX, false)
        .unwrap();
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0].activity.rpe, Some(6.0));
}

/// Each strength session: its exercises with their cues in view, its one reason as the
/// summary of a closed `<details>`, its other reasons inside (each sentence once on the
/// page, later sessions naming the rules already given).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn week_page_shows_cues_and_keeps_reasons_behind_the_session() {
    let srv = start(Options::default()).await;
    let html = get(srv.addr, "/").await.text();
    let sessions: Vec<&str> = html
        .split("<section class=\"block strength\"")
        .skip(1)
        .map(|s| &s[..s.find("</section>").unwrap()])
        .collect();
    assert_eq!(sessions.len(), 2, "{html}");
    for s in &sessions {
        // The reasons are collapsed (no `open`), the summary is the placement reason.
        let details = &s[s.find("<details class=\"why\">").expect("reasons")..];
        let summary = &details[..details.find("</summary>").unwrap()];
        assert!(summary.contains("Why: After "), "{summary}");
        assert!(
            summary.contains("<code>stack-hard-days</code>"),
            "{summary}"
        );
        assert!(!s.contains("<details class=\"why\" open"));
        // Each exercise, with its cue outside the details.
        let exercises = &s[s.find("<ol class=\"exercises\">").unwrap()..];
        for id in exercises.split("data-exercise=\"").skip(1) {
            let id = &id[..id.find('"').unwrap()];
            let cue = keel_core::exercises::find(id).expect("a library id").cue;
            let cue = cue.replace('\'', "&#39;");
            assert!(
                exercises.contains(&format!("<span class=\"cue\">{cue}</span>")),
                "{id}: {exercises}"
            );
        }
    }
    // The second session names the reasons the first gave instead of repeating them.
    assert_eq!(html.matches("Lift after the run, not before").count(), 1);
    assert!(sessions[1].contains("Also, as above:"), "{}", sessions[1]);
    // The shared warm-up and load advice are said once, for the week.
    assert_eq!(html.matches("Warm-up before each session:").count(), 1);
    assert!(!html.contains("<p class=\"warmup\">"));
}

/// The stylesheet served prints without navigation or forms, days never split across
/// pages (that a week fits one page is the browser test's to see).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_week_prints_without_navigation() {
    let srv = start(Options::default()).await;
    let css = get(srv.addr, "/static/keel.css").await.text();
    let print = &css[css.find("@media print").expect("a print stylesheet")..];
    let hidden = &print[..print.find("{ display: none").expect("hidden in print")];
    let hidden = &hidden[hidden.rfind('\n').unwrap()..];
    for x in ["header.top", "footer", ".pager", "form"] {
        assert!(hidden.contains(x), "{x} hidden in print: {hidden}");
    }
    assert!(print.contains("@page"));
    let day = &print[print.find("\n  .day {").expect("a print rule for days")..];
    assert!(
        day[..day.find('}').unwrap()].contains("break-inside: avoid"),
        "{day}"
    );
}
