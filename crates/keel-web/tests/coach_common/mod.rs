//! Coach mode's test harness: the real server on port 0 over a fresh PostgreSQL schema
//! (`KEEL_TEST_DATABASE_URL`; skipped with a notice without it, failing under `CI=true`),
//! accounts made through the real pages.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;

use hmac::{Hmac, Mac};
use keel_store::testing::TestDb;
use keel_store::PgDatabase;
use keel_web::{Config, Server};
use sha2::Sha256;

use crate::common::{csrf_of, example_profile, today, Resp, Session};

pub const PASSWORD: &str = "a long enough password";

/// A coach-mode server and its database.
pub struct CoachServer {
    pub addr: SocketAddr,
    db: Option<PgDatabase>,
    test_db: Option<TestDb>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for CoachServer {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        // Dropping the schema and closing connections block: not on an async thread.
        let (t, db) = (self.test_db.take(), self.db.take());
        let _ = std::thread::spawn(move || drop((t, db))).join();
    }
}

impl CoachServer {
    /// The server's database (accounts, athletes' logs).
    pub fn db(&self) -> &PgDatabase {
        self.db.as_ref().unwrap()
    }

    /// The connection string of the test schema.
    pub fn url(&self) -> &str {
        self.test_db.as_ref().unwrap().url()
    }

    /// The test schema's name.
    pub fn schema(&self) -> &str {
        self.test_db.as_ref().unwrap().schema()
    }
}

/// Runs blocking database work off the async threads.
pub async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.unwrap()
}

/// Starts coach mode on a fresh schema with the given coaches, or `None` (skipped).
pub async fn start(test: &str, coaches: &[&str]) -> Option<CoachServer> {
    let test = test.to_string();
    let coaches: Vec<String> = coaches.iter().map(|c| c.to_string()).collect();
    let (test_db, db) = blocking(move || {
        let t = keel_store::testing::fresh(&test)?;
        let db = t.connect();
        for c in &coaches {
            keel_app::accounts::add_coach(&db, c, PASSWORD).unwrap();
        }
        Some((t, db))
    })
    .await?;
    let mut config = Config::new(std::path::PathBuf::new());
    config.bind = "127.0.0.1:0".parse().unwrap();
    config.today = Some(today());
    config.database = Some(test_db.url().to_string());
    let server = Server::bind(config).await.unwrap();
    let addr = server.addr;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.run(async move {
        let _ = rx.await;
    }));
    Some(CoachServer {
        addr,
        db: Some(db),
        test_db: Some(test_db),
        stop: Some(tx),
    })
}

/// The CSRF token the server expects from `session` for `form` (the session's
/// `keel_csrf` cookie keyed HMAC), so that a refused request is refused for who is
/// asking, not for a missing token.
pub fn token(session: &Session, form: &str) -> String {
    let secret = session
        .cookies
        .iter()
        .find_map(|c| c.strip_prefix("keel_csrf="))
        .expect("a CSRF cookie: GET a page first");
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(b"keel-csrf/1\0");
    mac.update(form.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Sets (or replaces) a cookie in a session.
pub fn set_cookie(s: &mut Session, name: &str, value: &str) {
    s.cookies.retain(|c| !c.starts_with(&format!("{name}=")));
    s.cookies.push(format!("{name}={value}"));
}

/// Logs in through the login form; panics unless it succeeds.
pub async fn login(addr: SocketAddr, email: &str) -> Session {
    let mut s = Session::new(addr);
    let page = s.get("/login").await;
    assert_eq!(page.status, 200, "{}", page.text());
    let t = csrf_of(&page.text(), "login-form");
    let r = s
        .post_form(
            "/login",
            &[("csrf", &t), ("email", email), ("password", PASSWORD)],
            &[],
        )
        .await;
    assert_eq!(r.status, 303, "login of {email}: {}", r.text());
    assert_eq!(r.header("location"), Some("/home"));
    s
}

/// The invite link a coach's dashboard hands out (the path part).
pub async fn invite(coach: &mut Session) -> String {
    let dash = coach.get("/coach").await;
    assert_eq!(dash.status, 200, "{}", dash.text());
    assert!(dash.text().contains("href=\"/coach/invite\""));
    let page = coach.get("/coach/invite").await;
    assert_eq!(page.status, 200, "{}", page.text());
    let t = csrf_of(&page.text(), "invite-form");
    let r = coach.post_form("/coach/invite", &[("csrf", &t)], &[]).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    let start = html.find("id=\"invite-link\">").unwrap() + "id=\"invite-link\">".len();
    let link = &html[start..start + html[start..].find('<').unwrap()];
    let path = &link[link.find("/invite/").unwrap()..];
    path.to_string()
}

/// Accepts an invite as a new athlete through the page; returns their session.
pub async fn accept(addr: SocketAddr, path: &str, name: &str, email: &str) -> Session {
    let mut s = Session::new(addr);
    let page = s.get(path).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let t = csrf_of(&page.text(), "accept-form");
    let r = s
        .post_form(
            path,
            &[
                ("csrf", &t),
                ("name", name),
                ("email", email),
                ("password", PASSWORD),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert!(r.cookies().iter().any(|c| c.starts_with("keel_session=")));
    s
}

/// Stores the example profile through the profile page, with its race a week later when
/// `later` (so that two athletes' plans differ).
pub async fn store_profile(s: &mut Session, later: bool) -> Resp {
    let page = s.get("/profile").await;
    assert_eq!(page.status, 200, "{}", page.text());
    let t = csrf_of(&page.text(), "profile-form");
    let (_, mut toml) = example_profile();
    if later {
        toml = toml.replace("race_date = \"2027-04-25\"", "race_date = \"2027-05-02\"");
    }
    s.post_form("/profile", &[("csrf", &t), ("toml", &toml)], &[])
        .await
}

/// The athlete ids on a coach's dashboard, in page order.
pub fn athlete_ids(dashboard_html: &str) -> Vec<i64> {
    dashboard_html
        .match_indices("<tr id=\"athlete-")
        .filter_map(|(i, m)| {
            let rest = &dashboard_html[i + m.len()..];
            rest[..rest.find('"')?].parse().ok()
        })
        .collect()
}
