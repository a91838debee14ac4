//! Coach mode in the real server against a real PostgreSQL, continued: kept pages and
//! sessions (a write through this server shows on the next request; a write or a logout
//! through another server on the same database shows soon after, announced over
//! LISTEN/NOTIFY and waited for with a bounded poll); `/api/` refusals in JSON; an athlete
//! with an account joining a second coach; changing a password.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod coach_common;
mod common;

use std::net::SocketAddr;
use std::time::Duration;

use coach_common::*;
use common::{csrf_of, today, Session};
use keel_web::{Config, Server};

/// A second server on the database at `url`; stops when the sender is dropped.
async fn second_server(url: &str) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    server_reading(url, None).await
}

/// A server on the database at `url` whose dashboard reads `read` when given.
async fn server_reading(
    url: &str,
    read: Option<&str>,
) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let mut config = Config::new(std::path::PathBuf::new());
    config.bind = "127.0.0.1:0".parse().unwrap();
    config.today = Some(today());
    config.database = Some(url.to_string());
    config.read_database = read.map(str::to_string);
    let server = Server::bind(config).await.unwrap();
    let addr = server.addr;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.run(async move {
        let _ = rx.await;
    }));
    (addr, tx)
}

/// The dashboard row's last check-in cell.
fn checkin_cell(dashboard: &str) -> String {
    let i = dashboard
        .find("<td class=\"checkin\">")
        .unwrap_or_else(|| panic!("a row: {dashboard}"));
    let rest = &dashboard[i..];
    rest[..rest.find("</td>").unwrap()].to_string()
}

/// A check-in through the log page's form.
async fn check_in(s: &mut Session) {
    let log = s.get("/log").await.text();
    let t = csrf_of(&log, "checkin-form");
    let r = s
        .post_form("/checkin", &[("csrf", &t), ("soreness_legs", "2")], &[])
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
}

/// Polls `cond` up to 200 times, 50 ms apart (a bound, not a speed requirement).
async fn eventually<F, Fut>(mut cond: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..200 {
        if cond().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_shows_a_write_through_this_server_on_the_next_request() {
    let Some(srv) = start("fresh_here", &["coach@example.org"]).await else {
        return;
    };
    let mut coach = login(srv.addr, "coach@example.org").await;
    let link = invite(&mut coach).await;
    let mut alice = accept(srv.addr, &link, "Alice", "alice@example.org").await;
    assert_eq!(store_profile(&mut alice, false).await.status, 200);
    let before = coach.get("/coach").await.text();
    assert_eq!(athlete_ids(&before).len(), 1, "the invite's athlete shows");
    assert!(
        checkin_cell(&before).contains("none in 60 days"),
        "{before}"
    );
    assert_eq!(
        coach.get("/coach").await.text(),
        before,
        "kept while nothing changed"
    );
    check_in(&mut alice).await;
    let after = coach.get("/coach").await.text();
    assert!(checkin_cell(&after).contains("0 d ago"), "{after}");
    // Leaving the coach takes the row off at once.
    let account = alice.get("/account").await.text();
    let i = account.find("action=\"/account/coaches/").unwrap() + "action=\"".len();
    let path = &account[i..i + account[i..].find('"').unwrap()];
    let r = alice
        .post_form(path, &[("csrf", &token(&alice, "leave"))], &[])
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert!(athlete_ids(&coach.get("/coach").await.text()).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_or_a_logout_through_another_server_shows_soon_after() {
    let Some(srv) = start("fresh_elsewhere", &["coach@example.org"]).await else {
        return;
    };
    let (other, _stop) = second_server(srv.url()).await;
    let mut coach = login(srv.addr, "coach@example.org").await;
    let link = invite(&mut coach).await;
    let mut alice = accept(srv.addr, &link, "Alice", "alice@example.org").await;
    assert_eq!(store_profile(&mut alice, false).await.status, 200);
    // The coach's session, used on the other server, which keeps it and the page.
    let mut there = Session {
        addr: other,
        cookies: coach.cookies.clone(),
    };
    let before = there.get("/coach").await.text();
    assert!(
        checkin_cell(&before).contains("none in 60 days"),
        "{before}"
    );
    check_in(&mut alice).await;
    let shown = eventually(|| {
        let mut s = Session {
            addr: other,
            cookies: coach.cookies.clone(),
        };
        async move { checkin_cell(&s.get("/coach").await.text()).contains("0 d ago") }
    })
    .await;
    assert!(shown, "the other server shows the check-in");
    // Logging out here ends the session there too.
    let r = coach
        .post_form("/logout", &[("csrf", &token(&coach, "logout"))], &[])
        .await;
    assert_eq!(r.status, 303);
    let ended = eventually(|| {
        let mut s = Session {
            addr: other,
            cookies: there.cookies.clone(),
        };
        async move { s.get("/coach").await.status == 401 }
    })
    .await;
    assert!(ended, "the other server forgets the session");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_routes_refuse_in_json_and_pages_in_html() {
    let Some(srv) = start("api_json", &["coach@example.org"]).await else {
        return;
    };
    let mut nobody = Session::new(srv.addr);
    let mut forged = Session::new(srv.addr);
    set_cookie(&mut forged, "keel_session", &"c".repeat(64));
    let mut coach = login(srv.addr, "coach@example.org").await;
    for path in ["/api/plan", "/api/today", "/api/load"] {
        for (who, s, status) in [
            ("no session", &mut nobody, 401),
            ("a forged session", &mut forged, 401),
            ("a coach with no athlete open", &mut coach, 404),
        ] {
            let r = s.get(path).await;
            assert_eq!(r.status, status, "{path}, {who}: {}", r.text());
            assert_eq!(
                r.header("content-type"),
                Some("application/json"),
                "{path}, {who}"
            );
            let j = r.json();
            assert_eq!(j["error"]["status"], status, "{path}, {who}: {j}");
            assert!(j["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()));
        }
    }
    // Pages keep their HTML.
    let r = nobody.get("/").await;
    assert_eq!(r.status, 401);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    let r = coach.get("/").await;
    assert_eq!(r.status, 404);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_athlete_logged_in_joins_a_second_coach_with_their_own_account() {
    let Some(srv) = start("join", &["coach1@example.org", "coach2@example.org"]).await else {
        return;
    };
    let mut coach1 = login(srv.addr, "coach1@example.org").await;
    let mut coach2 = login(srv.addr, "coach2@example.org").await;
    let link = invite(&mut coach1).await;
    let mut alice = accept(srv.addr, &link, "Alice", "alice@example.org").await;
    let link = invite(&mut coach2).await;
    // A coach opening the link gets the sign-up form, and cannot join.
    let page = coach1.get(&link).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("id=\"accept-form\""));
    let r = coach1
        .post_form(
            &link,
            &[("csrf", &token(&coach1, "accept")), ("join", "1")],
            &[],
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.text());
    // Nobody logged in cannot join either.
    let mut nobody = Session::new(srv.addr);
    nobody.get("/login").await;
    let r = nobody
        .post_form(
            &link,
            &[("csrf", &token(&nobody, "accept")), ("join", "1")],
            &[],
        )
        .await;
    assert_eq!(r.status, 401, "{}", r.text());
    // Alice, logged in, is offered to join coach 2, not a sign-up form.
    let page = alice.get(&link).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    assert!(html.contains("Join coach coach2@example.org"), "{html}");
    assert!(!html.contains("id=\"accept-form\""));
    let t = csrf_of(&html, "join-form");
    let r = alice
        .post_form(&link, &[("csrf", &t), ("join", "1")], &[])
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("location"), Some("/account"));
    let account = alice.get("/account").await.text();
    assert!(account.contains("coach1@example.org") && account.contains("coach2@example.org"));
    // Both coaches see the same athlete; the link is used.
    let ids1 = athlete_ids(&coach1.get("/coach").await.text());
    let ids2 = athlete_ids(&coach2.get("/coach").await.text());
    assert_eq!(ids1.len(), 1);
    assert_eq!(ids1, ids2);
    assert_eq!(alice.get(&link).await.status, 404);
    let r = alice
        .post_form(&link, &[("csrf", &t), ("join", "1")], &[])
        .await;
    assert_eq!(r.status, 404, "{}", r.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_change_needs_the_current_one_and_ends_the_other_sessions() {
    let Some(srv) = start("password", &["coach@example.org"]).await else {
        return;
    };
    let mut here = login(srv.addr, "coach@example.org").await;
    let mut elsewhere = login(srv.addr, "coach@example.org").await;
    let page = here.get("/account").await.text();
    let t = csrf_of(&page, "password-form");
    let new = "a brand new long password";
    for (old, new_pw, status, says) in [
        (
            "not the password",
            new,
            422,
            "The current password is wrong.",
        ),
        (
            PASSWORD,
            "short",
            422,
            "The new password: the password must be",
        ),
    ] {
        let r = here
            .post_form(
                "/account/password",
                &[("csrf", &t), ("old", old), ("new", new_pw)],
                &[],
            )
            .await;
        assert_eq!(r.status, status, "{}", r.text());
        assert!(r.text().contains(says), "{}", r.text());
    }
    assert_eq!(
        elsewhere.get("/coach").await.status,
        200,
        "nothing changed yet"
    );
    let r = here
        .post_form(
            "/account/password",
            &[("csrf", &t), ("old", PASSWORD), ("new", new)],
            &[],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("location"), Some("/account?password=changed"));
    let page = here.get("/account?password=changed").await;
    assert_eq!(page.status, 200, "this browser stays logged in");
    assert!(page.text().contains("Password changed"));
    assert_eq!(
        elsewhere.get("/coach").await.status,
        401,
        "other sessions end"
    );
    // The old password no longer opens the account; the new one does.
    let mut s = Session::new(srv.addr);
    let t = csrf_of(&s.get("/login").await.text(), "login-form");
    let r = s
        .post_form(
            "/login",
            &[
                ("csrf", &t),
                ("email", "coach@example.org"),
                ("password", PASSWORD),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, 401);
    let r = s
        .post_form(
            "/login",
            &[
                ("csrf", &t),
                ("email", "coach@example.org"),
                ("password", new),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let hash = blocking({
        let db = srv.db().clone();
        move || {
            use keel_store::Accounts;
            db.user_by_email("coach@example.org")
                .unwrap()
                .unwrap()
                .password_hash
        }
    })
    .await;
    assert!(hash.starts_with("$argon2id$"), "{hash}");
}

/// A copy of schema `from` as schema `to`, every table with its rows (what a replica holds
/// for reads; no keys or triggers needed).
fn copy_schema(from: &str, to: &str) -> String {
    let admin = std::env::var("KEEL_TEST_DATABASE_URL").unwrap();
    let mut c = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
    c.batch_execute(&format!("CREATE SCHEMA {to}")).unwrap();
    let tables: Vec<String> = c
        .query(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
            &[&from],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    for t in tables {
        c.batch_execute(&format!("CREATE TABLE {to}.{t} AS TABLE {from}.{t}"))
            .unwrap();
    }
    keel_store::testing::with_search_path(&admin, to)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_reads_the_replica_given_and_everything_else_the_primary() {
    let Some(srv) = start("replica_reads", &["coach@example.org"]).await else {
        return;
    };
    let mut coach = login(srv.addr, "coach@example.org").await;
    let link = invite(&mut coach).await;
    let mut alice = accept(srv.addr, &link, "Alice", "alice@example.org").await;
    assert_eq!(store_profile(&mut alice, false).await.status, 200);

    // The "replica": a copy in which the athlete is named differently, so a page shows
    // which database it read.
    let (from, url) = (srv.schema().to_string(), srv.url().to_string());
    let to = format!("{from}_replica");
    let replica = {
        let to = to.clone();
        blocking(move || {
            let replica = copy_schema(&from, &to);
            let mut c = postgres::Client::connect(&replica, postgres::NoTls).unwrap();
            c.batch_execute("UPDATE athletes SET name = 'Alice on the replica'")
                .unwrap();
            replica
        })
        .await
    };

    let (addr, _stop) = server_reading(&url, Some(&replica)).await;
    // Sessions are the primary's: the coach logs in through the second server.
    let mut coach2 = login(addr, "coach@example.org").await;
    let dash = coach2.get("/coach").await.text();
    assert!(dash.contains("Alice on the replica"), "{dash}");
    // The athlete's own pages read the primary.
    let mut alice2 = login(addr, "alice@example.org").await;
    let week = alice2.get("/").await;
    assert_eq!(week.status, 200);
    // And the server without a replica reads the primary.
    let dash = coach.get("/coach").await.text();
    assert!(
        dash.contains("Alice") && !dash.contains("on the replica"),
        "{dash}"
    );

    let admin = std::env::var("KEEL_TEST_DATABASE_URL").unwrap();
    blocking(move || {
        let mut c = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
        c.batch_execute(&format!("DROP SCHEMA {to} CASCADE"))
            .unwrap();
    })
    .await;
}

#[test]
fn a_replica_without_its_database_is_refused() {
    let mut config = Config::new(std::path::PathBuf::new());
    config.read_database = Some("postgres://replica/keel".into());
    let e = config.validate().unwrap_err();
    assert!(e.to_string().contains("--read-database"), "{e}");
}
