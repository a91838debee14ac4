//! Cached pages are never stale: a write from another process (here another connection to
//! the same file, as `keel import` or `keel checkin` would make) shows on the next request,
//! and repeated views of an unchanged log write nothing.

mod common;

use common::{get, start, today, Options};
use jiff::ToSpan;
use keel_core::activity::{Activity, Sport};
use keel_store::{SqliteStore, Store};

fn run_today(minutes: f64) -> Activity {
    let start = today()
        .to_zoned(jiff::tz::TimeZone::system())
        .expect("today is a time here")
        .timestamp()
        + 7.hours();
    Activity {
        source: "manual".into(),
        sport: Sport::Run,
        name: Some("Fresh run".into()),
        start,
        elapsed_s: minutes * 60.0,
        moving_s: None,
        distance_m: Some(10_000.0),
        elevation_gain_m: None,
        avg_hr: None,
        max_hr: None,
        avg_cadence: None,
        avg_power_w: None,
        rpe: Some(6.0),
        run_type: None,
        samples: Vec::new(),
        laps: Vec::new(),
        partial: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_processs_writes_show_on_the_next_request() {
    let srv = start(Options::default()).await;
    let before = get(srv.addr, "/api/load?weeks=1").await.json();
    let again = get(srv.addr, "/api/load?weeks=1").await.json();
    assert_eq!(before, again, "an unchanged log gives the same document");
    let log_before = get(srv.addr, "/log").await.text();
    assert!(!log_before.contains("Fresh run"));

    SqliteStore::open(&srv.db)
        .unwrap()
        .insert_activity(&run_today(50.0), None)
        .unwrap();

    let after = get(srv.addr, "/api/load?weeks=1").await.json();
    let load = |j: &serde_json::Value| j["weeks"][0]["load"].as_f64().unwrap();
    assert_eq!(
        load(&after) - load(&before),
        300.0,
        "RPE 6 x 50 min: {after}"
    );
    assert!(get(srv.addr, "/log").await.text().contains("Fresh run"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn viewing_an_unchanged_log_writes_nothing() {
    let srv = start(Options::default()).await;
    for path in ["/api/today", "/calendar.ics", "/", "/season", "/api/plan"] {
        assert_eq!(get(srv.addr, path).await.status, 200, "{path}");
    }
    // The first views record the adjustments in force and the calendar's SEQUENCEs.
    let settled = SqliteStore::open(&srv.db).unwrap().data_version().unwrap();
    for _ in 0..3 {
        for path in [
            "/api/today",
            "/calendar.ics",
            "/",
            "/season",
            "/api/plan",
            "/log",
            "/load",
        ] {
            assert_eq!(get(srv.addr, path).await.status, 200, "{path}");
        }
    }
    assert_eq!(
        SqliteStore::open(&srv.db).unwrap().data_version().unwrap(),
        settled,
        "page views of an unchanged log must not write"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_checkin_through_keel_app_shows_with_its_adjustments_at_once() {
    use keel_app::checkin::{checkin_from_input, record, CheckinInput};
    use keel_app::clock::{local_for, Clock};
    use keel_app::log::Field;
    use keel_app::plan::ProfileSource;

    let srv = start(Options::default()).await;
    // Viewed (and cached) before the check-in.
    for path in ["/", "/api/today?date=2027-01-17"] {
        let body = get(srv.addr, path).await.text();
        assert!(!body.contains("soreness-vs-running"), "{path}: {body}");
    }
    // `keel checkin --soreness-legs 4` from another process: the check-in and the
    // adjustments it brings are stored by keel-app on another connection.
    let mut store = SqliteStore::open(&srv.db).unwrap();
    let clock = Clock::fixed(today(), jiff::tz::TimeZone::system());
    let local = local_for(Some(&store), &ProfileSource::Stored, &clock).unwrap();
    let mut input = CheckinInput::default();
    input.rated.insert(Field::SorenessLegs, "4".into());
    let checkin = checkin_from_input(&input, &local).unwrap();
    let recorded = record(&mut store, &checkin, &ProfileSource::Stored, &local).unwrap();
    assert_eq!(recorded.adjustments, Ok(1));
    // Both the page and the API show the moved session on the next request.
    for path in ["/", "/api/today?date=2027-01-17"] {
        let body = get(srv.addr, path).await.text();
        assert!(body.contains("soreness-vs-running"), "{path}: {body}");
    }
}
