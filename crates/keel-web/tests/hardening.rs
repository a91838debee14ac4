//! Reproductions of issue 9 against the real server: DNS rebinding, an open redirect,
//! extreme dates, `/api/today` outside the season, an entity-expansion upload, and the
//! limit on uploads imported at once.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use keel_store::{SqliteStore, Store};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

fn counts(db: &std::path::Path) -> keel_store::Counts {
    SqliteStore::open(db).unwrap().counts().unwrap()
}

/// Defect 3: with `Host: evil.example` a page once handed out its cookie and form
/// tokens, and a POST with matching Host and Origin overwrote a check-in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_for_other_host_names_are_refused() {
    let srv = start(Options {
        allow_hosts: vec!["keel.home".into()],
        ..Options::default()
    })
    .await;
    let r = request(srv.addr, "GET", "/log", &[("Host", "evil.example")], b"").await;
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(r.cookies().is_empty(), "no cookie for another host");
    assert!(!r.text().contains("name=\"csrf\""), "no form token");
    assert!(r.text().contains("--allow-host"), "{}", r.text());
    // The rebinding attack: a page on evil.example posts to it, now resolving here.
    let mut s = Session::new(srv.addr);
    let html = s.get("/log").await.text();
    let token = csrf_of(&html, "checkin-form");
    let r = s
        .post_form(
            "/checkin",
            &[("csrf", &token), ("fatigue", "5")],
            &[
                ("Host", "evil.example:80"),
                ("Origin", "http://evil.example:80"),
            ],
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.text());
    assert_eq!(counts(&srv.db).checkins, 0);
    // The server's own names still work.
    let port = srv.addr.port();
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("keel.home:{port}"),
    ] {
        let r = request(srv.addr, "GET", "/log", &[("Host", &host)], b"").await;
        assert_eq!(r.status, 200, "{host}");
    }
    let r = get(srv.addr, "/api/plan").await;
    assert_eq!(r.status, 200);
}

/// Defect 6: `//evil.example/?token=...` once answered `Location: //evil.example/`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_redirect_stays_on_this_server() {
    let token = "s3cret-token-123";
    let srv = start(Options {
        token: Some(token.into()),
        ..Options::default()
    })
    .await;
    for (path, want) in [
        (format!("//evil.example/?token={token}"), "/evil.example/"),
        (format!("/\\evil.example/?token={token}"), "/evil.example/"),
        (format!("/log?token={token}&week=2"), "/log?week=2"),
    ] {
        let r = get(srv.addr, &path).await;
        assert_eq!(r.status, 303, "{path}");
        assert_eq!(r.header("location"), Some(want), "{path}");
    }
}

/// Defect 7: extreme dates once answered 500 (and the CLI stored a check-in for 9999).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extreme_dates_are_refused_at_input() {
    let srv = start(Options::default()).await;
    for path in [
        "/api/load?date=9999-12-31",
        "/api/today?date=-009999-01-01",
        "/api/today?date=1899-12-31",
        "/load?date=2201-01-01",
    ] {
        let r = get(srv.addr, path).await;
        assert_eq!(r.status, 400, "{path}: {}", r.text());
        assert!(
            r.text().contains("1900-01-01 to 2200-12-31"),
            "{path}: {}",
            r.text()
        );
    }
    let mut s = Session::new(srv.addr);
    let html = s.get("/log").await.text();
    let token = csrf_of(&html, "checkin-form");
    let r = s
        .post_form(
            "/checkin",
            &[("csrf", &token), ("date", "9999-12-31"), ("fatigue", "3")],
            &[],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(counts(&srv.db).checkins, 0);
}

/// Defect 10: before the season starts, `/api/today` once answered 404.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_today_before_the_season_is_a_document_with_a_note() {
    let srv = start(Options::default()).await;
    let r = get(srv.addr, "/api/today?date=2027-01-01").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let j = r.json();
    assert_eq!(j["schema"], "keel.today/1");
    assert_eq!(j["date"], "2027-01-01");
    assert_eq!(j["sessions"], serde_json::json!([]));
    assert!(j["week"].is_null());
    assert_eq!(
        j["note"],
        "Nothing planned for 2027-01-01: the season starts on 2027-01-04."
    );
    assert!(j["nutrition"]["protein_g"].is_array());
}

/// Defect 1 through the web: an entity-expansion GPX once killed `keel serve`. It is
/// refused with its name and the limit, and the server goes on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entity_expansion_upload_is_refused_and_the_server_lives() {
    let srv = start(Options::default()).await;
    let entity = "x".repeat(100_000);
    let doc = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [<!ENTITY e \"{entity}\">]>\n<gpx><trk><name>{}</name></trk></gpx>",
        "&e;".repeat(20_000)
    );
    let mut s = Session::new(srv.addr);
    let html = s.get("/log").await.text();
    let r = s
        .post_multipart(
            "/upload",
            &csrf_of(&html, "upload-form"),
            "laughs.gpx",
            doc.as_bytes(),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.text().contains("laughs.gpx"), "{}", r.text());
    assert!(r.text().contains("the limit is no DTD"), "{}", r.text());
    assert_eq!(
        get(srv.addr, "/api/plan").await.status,
        200,
        "still serving"
    );
}

/// Defect 2: uploads imported at once are limited; the next one is told to come back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_upload_while_one_is_imported_gets_503_and_retry_after() {
    let srv = start(Options::default()).await;
    let mut s = Session::new(srv.addr);
    let html = s.get("/log").await.text();
    let token = csrf_of(&html, "upload-form");
    // The first upload: headers and the start of its body, then it waits.
    let boundary = "----keelslow";
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.gpx\"\r\n\r\n<gpx>"
    );
    let mut slow = TcpStream::connect(srv.addr).await.unwrap();
    let req = format!(
        "POST /upload HTTP/1.1\r\nHost: {}\r\nOrigin: http://{}\r\nCookie: {}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: 1000000\r\n\r\n{head}",
        srv.addr,
        srv.addr,
        s.cookies.join("; ")
    );
    slow.write_all(req.as_bytes()).await.unwrap();
    slow.flush().await.unwrap();
    // Let the server start on it (the permit is taken before the body is read).
    let mut busy = None;
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        let r = s
            .post_multipart("/upload", &token, "run.gpx", b"<gpx></gpx>")
            .await;
        if r.status == 503 {
            busy = Some(r);
            break;
        }
    }
    let r = busy.expect("a second upload while the first is read gets 503");
    assert_eq!(r.header("retry-after"), Some("5"), "{:?}", r.headers);
    assert!(r.text().contains("Try again"), "{}", r.text());
    drop(slow);
    // Once the first is gone, uploads are taken again.
    let mut ok = false;
    for _ in 0..100 {
        let r = s
            .post_multipart("/upload", &token, "empty.gpx", b"<gpx></gpx>")
            .await;
        if r.status != 503 {
            ok = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(ok, "the permit came back");
}
