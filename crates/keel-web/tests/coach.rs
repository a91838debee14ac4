//! Coach mode in the real server against a real PostgreSQL: accounts, sessions, invites,
//! and every route of [`keel_web::ROUTES`] keeping each athlete's data to them and their
//! coaches.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod coach_common;
mod common;

use coach_common::*;
use common::{csrf_of, Session};
use keel_store::{Accounts, Counts, PgDatabase, Store};

/// Everything the isolation test needs: athlete A (Alice, coached by coach 1) has data;
/// athlete B (Bob) and coach 2 are the outsiders.
struct World {
    srv: CoachServer,
    coach1: Session,
    alice: Session,
    /// Alice's athlete id.
    a: i64,
    bob: Session,
    coach2: Session,
    /// Alice's calendar feed path.
    feed: String,
}

async fn counts(db: &PgDatabase, email: &str) -> Counts {
    let db = db.clone();
    let email = email.to_string();
    blocking(move || {
        let a = db.athlete_by_email(&email).unwrap().unwrap();
        db.athlete(a).unwrap().counts().unwrap()
    })
    .await
}

async fn alice_counts(w: &World) -> Counts {
    counts(w.srv.db(), "alice@example.org").await
}

async fn world(test: &str) -> Option<World> {
    let srv = start(test, &["coach1@example.org", "coach2@example.org"]).await?;
    let mut coach1 = login(srv.addr, "coach1@example.org").await;
    let mut coach2 = login(srv.addr, "coach2@example.org").await;
    let link = invite(&mut coach1).await;
    let mut alice = accept(srv.addr, &link, "Alice", "alice@example.org").await;
    // The link works once.
    assert_eq!(Session::new(srv.addr).get(&link).await.status, 404);
    let link = invite(&mut coach2).await;
    let mut bob = accept(srv.addr, &link, "Bob", "bob@example.org").await;
    assert_eq!(store_profile(&mut alice, false).await.status, 200);
    assert_eq!(store_profile(&mut bob, true).await.status, 200);
    // Alice has sore legs and a logged lift: her pages differ from Bob's.
    let log = alice.get("/log").await.text();
    let t = csrf_of(&log, "checkin-form");
    let r = alice
        .post_form(
            "/checkin",
            &[("csrf", &t), ("soreness_legs", "5"), ("fatigue", "4")],
            &[],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let t = csrf_of(&log, "lift-form");
    let r = alice
        .post_form(
            "/log/lift",
            &[
                ("csrf", &t),
                ("exercise", "goblet-squat"),
                ("sets", "3x8@20kg"),
                ("name", "alice marker session"),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let acct = alice.get("/account").await;
    let r = alice
        .post_form(
            "/account/feed",
            &[("csrf", &token(&alice, "feed")), ("action", "rotate")],
            &[],
        )
        .await;
    assert_eq!(r.status, 200, "{} {}", r.text(), acct.status);
    let html = r.text();
    let i = html.find("/feed/").unwrap();
    let feed = html[i..i + html[i..].find('<').unwrap()].to_string();
    let dash = coach1.get("/coach").await.text();
    let ids = athlete_ids(&dash);
    assert_eq!(ids.len(), 1, "coach 1 coaches Alice only: {dash}");
    let a = ids[0];
    assert!(athlete_ids(&coach2.get("/coach").await.text()) != ids);
    let r = coach1.get(&format!("/coach/athletes/{a}")).await;
    assert_eq!(r.status, 303);
    Some(World {
        srv,
        coach1,
        alice,
        a,
        bob,
        coach2,
        feed,
    })
}

/// A page with its forms' CSRF tokens left out.
fn without_tokens(html: &str) -> String {
    let mark = "name=\"csrf\" value=\"";
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find(mark) {
        out.push_str(&rest[..i + mark.len()]);
        rest = &rest[i + mark.len()..];
        rest = &rest[rest.find('"').unwrap_or(rest.len())..];
    }
    out.push_str(rest);
    out
}

/// A GET page of the athlete's log: Alice and her coach see Alice's; Bob, even naming
/// Alice in the athlete cookie, sees exactly his own; coach 2 naming her gets 404.
async fn own_page(w: &mut World, path: &str) {
    let alices = w.alice.get(path).await;
    assert_eq!(alices.status, 200, "{path}: {}", alices.text());
    let coachs = w.coach1.get(path).await;
    assert_eq!(coachs.status, 200, "{path}");
    let bobs = w.bob.get(path).await;
    assert_eq!(bobs.status, 200, "{path}");
    assert!(
        alices.body != bobs.body,
        "{path}: the test needs Alice's page to differ from Bob's"
    );
    // Pages with forms carry per-browser tokens; the others are the same page (the week
    // page, once its controls' tokens are left out).
    if !path.contains("log") && path != "/profile" {
        assert!(
            without_tokens(&alices.text()) == without_tokens(&coachs.text()),
            "{path}: the coach sees what Alice sees"
        );
    }
    set_cookie(&mut w.bob, "keel_athlete", &w.a.to_string());
    let bob_naming_alice = w.bob.get(path).await;
    assert!(
        bob_naming_alice.body == bobs.body,
        "{path}: an athlete's cookie cannot open another athlete"
    );
    set_cookie(&mut w.coach2, "keel_athlete", &w.a.to_string());
    let r = w.coach2.get(path).await;
    assert_eq!(r.status, 404, "{path}: {}", r.text());
    assert!(!r.text().contains("alice marker"));
    // Nobody logged in: 401.
    assert_eq!(
        Session::new(w.srv.addr).get(path).await.status,
        401,
        "{path}"
    );
}

/// A POST writing into the log: coach 2 naming Alice gets 404 and nothing of Alice's
/// changes; Bob naming Alice writes (if anything) into his own log only.
async fn own_form(w: &mut World, path: &str, form: &str, fields: &[(&str, &str)]) {
    let before = alice_counts(w).await;
    let bob_before = counts(w.srv.db(), "bob@example.org").await;
    set_cookie(&mut w.coach2, "keel_athlete", &w.a.to_string());
    let _ = w.coach2.get("/account").await;
    let mut f = vec![("csrf", token(&w.coach2, form))];
    f.extend(fields.iter().map(|(k, v)| (*k, v.to_string())));
    let f2: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = w.coach2.post_form(path, &f2, &[]).await;
    assert_eq!(r.status, 404, "{path} by coach 2: {}", r.text());
    set_cookie(&mut w.bob, "keel_athlete", &w.a.to_string());
    let mut f = vec![("csrf", token(&w.bob, form))];
    f.extend(fields.iter().map(|(k, v)| (*k, v.to_string())));
    let f2: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = w.bob.post_form(path, &f2, &[]).await;
    assert!(r.status < 500, "{path} by Bob: {}", r.text());
    assert_eq!(
        alice_counts(w).await,
        before,
        "{path}: Alice's log unchanged"
    );
    let bob_after = counts(w.srv.db(), "bob@example.org").await;
    if path != "/profile" {
        assert_ne!(
            bob_after, bob_before,
            "{path}: Bob's own form went to his log"
        );
    }
    let r = Session::new(w.srv.addr).post_form(path, &f2, &[]).await;
    assert!(
        matches!(r.status, 401 | 403),
        "{path} without a session: {}",
        r.status
    );
}

/// What the week page's controls store in an athlete's log: (plan edits, session marks).
async fn changes(db: &PgDatabase, email: &str) -> (usize, usize) {
    let db = db.clone();
    let email = email.to_string();
    blocking(move || {
        let a = db.athlete_by_email(&email).unwrap().unwrap();
        let s = db.athlete(a).unwrap();
        let (from, to) = (jiff::civil::date(2000, 1, 1), jiff::civil::date(2100, 1, 1));
        (
            s.plan_edits().unwrap().len(),
            s.session_marks(from, to).unwrap().len(),
        )
    })
    .await
}

/// A control of the week page (swap, undo, move, mark): coach 2 naming Alice gets 404,
/// Bob naming Alice reaches his own plan only (which may refuse it), no session gets 401
/// or 403, and none of them changes Alice's log; then her coach does it on her week and it
/// is stored in her log (`by_coach`: the change it makes to her edits and marks).
async fn own_change(
    w: &mut World,
    path: &str,
    form: &str,
    fields: &[(&str, &str)],
    by_coach: (isize, isize),
) {
    let alice = "alice@example.org";
    let before = (alice_counts(w).await, changes(w.srv.db(), alice).await);
    let with = |t: String| -> Vec<(String, String)> {
        let mut f = vec![("csrf".to_string(), t)];
        f.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        f
    };
    set_cookie(&mut w.coach2, "keel_athlete", &w.a.to_string());
    let _ = w.coach2.get("/account").await;
    let f = with(token(&w.coach2, form));
    let f2: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = w.coach2.post_form(path, &f2, &[]).await;
    assert_eq!(r.status, 404, "{path} by coach 2: {}", r.text());
    set_cookie(&mut w.bob, "keel_athlete", &w.a.to_string());
    let f = with(token(&w.bob, form));
    let f2: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = w.bob.post_form(path, &f2, &[]).await;
    assert!(r.status < 500, "{path} by Bob: {}", r.text());
    assert!(!r.text().contains("alice marker"), "{path} by Bob");
    let r = Session::new(w.srv.addr).post_form(path, &f2, &[]).await;
    assert!(
        matches!(r.status, 401 | 403),
        "{path} without a session: {}",
        r.status
    );
    assert_eq!(
        (alice_counts(w).await, changes(w.srv.db(), alice).await),
        before,
        "{path}: Alice's log unchanged by outsiders"
    );
    // Her coach, on her week.
    let f = with(token(&w.coach1, form));
    let f2: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = w.coach1.post_form(path, &f2, &[]).await;
    assert_eq!(r.status, 303, "{path} by Alice's coach: {}", r.text());
    let after = changes(w.srv.db(), alice).await;
    let delta = (
        after.0 as isize - before.1 .0 as isize,
        after.1 as isize - before.1 .1 as isize,
    );
    assert_eq!(
        delta, by_coach,
        "{path} by Alice's coach: stored in her log"
    );
}

async fn check_route(w: &mut World, methods: &str, path: &str) {
    let a = w.a;
    match path {
        "/" | "/season" | "/log" | "/load" | "/calendar.ics" | "/api/plan" | "/api/today"
        | "/api/load" => own_page(w, path).await,
        "/log/run" => {
            own_form(
                w,
                path,
                "run",
                &[
                    ("duration", "30min"),
                    ("distance", "5km"),
                    ("run_type", "easy"),
                ],
            )
            .await
        }
        "/log/lift" => {
            own_form(
                w,
                path,
                "lift",
                &[("exercise", "goblet-squat"), ("sets", "2x5@10kg")],
            )
            .await
        }
        "/checkin" => own_form(w, path, "checkin", &[("soreness_legs", "1")]).await,
        "/swap" => {
            // The alternatives page: Alice and her coach see it; coach 2 naming her gets
            // 404; Bob naming her gets his own plan's answer, never hers.
            let page = "/swap?date=2027-01-12&exercise=goblet-squat";
            let r = w.alice.get(page).await;
            assert_eq!(r.status, 200, "{}", r.text());
            assert_eq!(w.coach1.get(page).await.status, 200);
            set_cookie(&mut w.coach2, "keel_athlete", &a.to_string());
            assert_eq!(w.coach2.get(page).await.status, 404);
            set_cookie(&mut w.bob, "keel_athlete", &a.to_string());
            let r = w.bob.get(page).await;
            assert!(r.status < 500, "{}", r.text());
            assert_eq!(Session::new(w.srv.addr).get(page).await.status, 401);
            let swap = [
                ("date", "2027-01-12"),
                ("exercise", "goblet-squat"),
                ("with", "bodyweight-squat"),
            ];
            own_change(w, path, "swap", &swap, (1, 0)).await;
        }
        "/swap/undo" => {
            let undo = [("date", "2027-01-12"), ("exercise", "goblet-squat")];
            own_change(w, path, "swap-undo", &undo, (-1, 0)).await;
        }
        "/move" => {
            // Alice's sore legs already moved Thursday's session to Sunday for today's
            // plan; her coach moves it to Saturday.
            let week = w.alice.get("/").await.text();
            assert!(week.contains("id=\"move-2027-01-17-"), "{week}");
            let mv = [
                ("date", "2027-01-14"),
                ("focus", "full"),
                ("to", "2027-01-16"),
            ];
            own_change(w, path, "move", &mv, (1, 0)).await;
            // Alice's week follows her coach's move.
            let moved = w.alice.get("/").await.text();
            assert!(moved.contains("id=\"move-2027-01-16-"), "{moved}");
            assert!(!moved.contains("id=\"move-2027-01-17-"), "{moved}");
        }
        "/mark" => {
            let skip = [
                ("date", "2027-01-12"),
                ("status", "skipped"),
                ("why", "travel"),
            ];
            own_change(w, path, "mark", &skip, (0, 1)).await;
        }
        "/upload" => {
            set_cookie(&mut w.coach2, "keel_athlete", &a.to_string());
            let bytes = std::fs::read(common::shared(
                "data/activity-files/python-fitparse/tests/files/activity-small-fenix2-run.fit",
            ))
            .unwrap();
            let before = alice_counts(w).await;
            let t = token(&w.coach2, "upload");
            let r = w.coach2.post_multipart(path, &t, "run.fit", &bytes).await;
            assert_eq!(r.status, 404, "upload by coach 2: {}", r.text());
            set_cookie(&mut w.bob, "keel_athlete", &a.to_string());
            let t = token(&w.bob, "upload");
            let r = w.bob.post_multipart(path, &t, "run.fit", &bytes).await;
            assert!(r.status < 500, "{}", r.text());
            assert_eq!(
                alice_counts(w).await,
                before,
                "upload: Alice's log unchanged"
            );
        }
        "/profile" => {
            own_page(w, path).await;
            let (_, toml) = common::example_profile();
            own_form(w, path, "profile", &[("toml", &toml)]).await;
        }
        "/static/keel.css" | "/static/upload.js" => {
            // Public assets, the same for everyone: no athlete data.
            let r = common::get(w.srv.addr, path).await;
            assert_eq!(r.status, 200);
        }
        "/login" => {
            // Alice's email with a wrong password opens nothing.
            let mut s = Session::new(w.srv.addr);
            let t = csrf_of(&s.get(path).await.text(), "login-form");
            let r = s
                .post_form(
                    path,
                    &[
                        ("csrf", &t),
                        ("email", "alice@example.org"),
                        ("password", "wrong password!"),
                    ],
                    &[],
                )
                .await;
            assert_eq!(r.status, 401, "{}", r.text());
            assert!(!r.cookies().iter().any(|c| c.starts_with("keel_session=")));
            assert_eq!(s.get("/log").await.status, 401);
        }
        "/logout" => {
            // Bob logging out ends his session only.
            let mut bob = login(w.srv.addr, "bob@example.org").await;
            let _ = bob.get("/account").await;
            let t = token(&bob, "logout");
            let r = bob.post_form(path, &[("csrf", &t)], &[]).await;
            assert_eq!(r.status, 303);
            assert_eq!(bob.get("/log").await.status, 401, "logged out");
            assert_eq!(w.alice.get("/log").await.status, 200, "Alice still in");
        }
        "/home" => {
            assert_eq!(w.alice.get(path).await.header("location"), Some("/"));
            assert_eq!(w.coach2.get(path).await.header("location"), Some("/coach"));
        }
        "/account" => {
            // Coach 1's note reaches Alice, and only her.
            let t = token(&w.coach1, "note");
            let r = w
                .coach1
                .post_form(
                    &format!("/coach/athletes/{a}/note"),
                    &[("csrf", &t), ("text", "easy week, alice")],
                    &[],
                )
                .await;
            assert_eq!(r.status, 303, "{}", r.text());
            assert!(w.alice.get(path).await.text().contains("easy week, alice"));
            set_cookie(&mut w.bob, "keel_athlete", &a.to_string());
            let bobs = w.bob.get(path).await.text();
            assert!(!bobs.contains("easy week, alice"));
            assert!(!bobs.contains("coach1@example.org"));
        }
        "/account/feed" => {
            // Bob rotating or revoking touches his own feed only.
            for action in ["rotate", "revoke"] {
                let t = token(&w.bob, "feed");
                let r = w
                    .bob
                    .post_form(path, &[("csrf", &t), ("action", action)], &[])
                    .await;
                assert!(r.status < 400, "{action}: {}", r.text());
            }
            assert_eq!(common::get(w.srv.addr, &w.feed).await.status, 200);
            // A coach has no feed of their own here.
            let t = token(&w.coach2, "feed");
            let r = w
                .coach2
                .post_form(path, &[("csrf", &t), ("action", "rotate")], &[])
                .await;
            assert_eq!(r.status, 403);
        }
        "/account/password" => {
            // Bob changes his own password (and back): Alice's session and password stay.
            let other = "another long enough password";
            for (old, new) in [(PASSWORD, other), (other, PASSWORD)] {
                let t = token(&w.bob, "password");
                let r = w
                    .bob
                    .post_form(path, &[("csrf", &t), ("old", old), ("new", new)], &[])
                    .await;
                assert_eq!(r.status, 303, "{}", r.text());
            }
            assert_eq!(w.alice.get("/account").await.status, 200);
            login(w.srv.addr, "alice@example.org").await;
            // A wrong current password changes nothing; no session, no change.
            let t = token(&w.bob, "password");
            let r = w
                .bob
                .post_form(
                    path,
                    &[("csrf", &t), ("old", "a wrong password"), ("new", other)],
                    &[],
                )
                .await;
            assert_eq!(r.status, 422, "{}", r.text());
            login(w.srv.addr, "bob@example.org").await;
            let mut nobody = Session::new(w.srv.addr);
            nobody.get("/login").await;
            let t = token(&nobody, "password");
            let r = nobody
                .post_form(
                    path,
                    &[("csrf", &t), ("old", PASSWORD), ("new", other)],
                    &[],
                )
                .await;
            assert_eq!(r.status, 401);
        }
        "/account/coaches/{id}/leave" => {
            let coach1_id = blocking({
                let db = w.srv.db().clone();
                move || {
                    db.user_by_email("coach1@example.org")
                        .unwrap()
                        .unwrap()
                        .id
                        .get()
                }
            })
            .await;
            let p = format!("/account/coaches/{coach1_id}/leave");
            let t = token(&w.bob, "leave");
            let r = w.bob.post_form(&p, &[("csrf", &t)], &[]).await;
            assert_eq!(r.status, 404, "Bob cannot cut Alice from her coach");
            let t = token(&w.coach2, "leave");
            let r = w.coach2.post_form(&p, &[("csrf", &t)], &[]).await;
            assert_eq!(r.status, 403);
            assert_eq!(w.coach1.get("/").await.status, 200, "still Alice's coach");
        }
        "/feed/{file}" => {
            let r = common::get(w.srv.addr, &w.feed).await;
            assert_eq!(r.status, 200, "{}", r.text());
            assert!(r.text().starts_with("BEGIN:VCALENDAR"));
            let wrong = format!("/feed/{}.ics", "0".repeat(64));
            assert_eq!(common::get(w.srv.addr, &wrong).await.status, 404);
            assert_eq!(common::get(w.srv.addr, "/feed/x.ics").await.status, 404);
        }
        "/invite/{token}" => {
            // A used or unknown invite opens nothing, for anyone.
            let unknown = format!("/invite/{}", "a".repeat(64));
            assert_eq!(w.bob.get(&unknown).await.status, 404);
            let t = token(&w.bob, "accept");
            let r = w
                .bob
                .post_form(
                    &unknown,
                    &[
                        ("csrf", &t),
                        ("name", "Eve"),
                        ("email", "eve@example.org"),
                        ("password", PASSWORD),
                    ],
                    &[],
                )
                .await;
            assert_eq!(r.status, 404, "{}", r.text());
            // Nor does joining with an account.
            let r = w
                .bob
                .post_form(&unknown, &[("csrf", &t), ("join", "1")], &[])
                .await;
            assert_eq!(r.status, 404, "{}", r.text());
        }
        "/coach" => {
            let r = w.coach2.get(path).await;
            assert_eq!(r.status, 200);
            assert!(
                !r.text().contains("Alice"),
                "coach 2's dashboard lists no Alice"
            );
            assert_eq!(w.bob.get(path).await.status, 403);
            assert!(w.coach1.get(path).await.text().contains("Alice"));
        }
        "/coach/invite" => {
            assert_eq!(w.bob.get(path).await.status, 403);
            let t = token(&w.bob, "invite");
            let r = w.bob.post_form(path, &[("csrf", &t)], &[]).await;
            assert_eq!(r.status, 403, "an athlete cannot invite");
        }
        "/coach/athletes/{id}" => {
            let p = format!("/coach/athletes/{a}");
            assert_eq!(w.coach2.get(&p).await.status, 404);
            assert_eq!(w.bob.get(&p).await.status, 403);
            assert_eq!(w.coach1.get(&p).await.status, 303);
            assert_eq!(w.coach2.get("/coach/athletes/999999").await.status, 404);
        }
        "/coach/athletes/{id}/note" => {
            let p = format!("/coach/athletes/{a}/note");
            assert_eq!(w.coach1.get(&p).await.status, 200);
            assert_eq!(w.coach2.get(&p).await.status, 404);
            assert_eq!(w.bob.get(&p).await.status, 403);
            for s in [&mut w.coach2, &mut w.bob] {
                let t = token(s, "note");
                let r = s
                    .post_form(&p, &[("csrf", &t), ("text", "intruder note")], &[])
                    .await;
                assert!(matches!(r.status, 403 | 404), "{}", r.status);
            }
            assert!(!w
                .alice
                .get("/account")
                .await
                .text()
                .contains("intruder note"));
        }
        other => panic!("{methods} {other} has no isolation test: add one to check_route"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_keeps_an_athletes_data_to_them_and_their_coaches() {
    let Some(mut w) = world("every_route_isolation").await else {
        return;
    };
    for (methods, path) in keel_web::ROUTES {
        check_route(&mut w, methods, path).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_are_hashed_http_only_and_expire_and_logins_are_rate_limited() {
    let Some(srv) = start("sessions", &["coach@example.org"]).await else {
        return;
    };
    let mut s = Session::new(srv.addr);
    let page = s.get("/login").await;
    let t = csrf_of(&page.text(), "login-form");
    let r = s
        .post_form(
            "/login",
            &[
                ("csrf", &t),
                ("email", "COACH@example.org"),
                ("password", PASSWORD),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, 303, "emails in any case");
    let set = r
        .headers
        .iter()
        .find(|(k, v)| k.eq_ignore_ascii_case("set-cookie") && v.starts_with("keel_session="))
        .map(|(_, v)| v.clone())
        .unwrap();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax"),
        "{set}"
    );
    assert!(set.contains("Max-Age=1209600"), "{set}");
    assert!(
        !set.contains("Secure"),
        "plain http on a loopback address: {set}"
    );
    let secret = set
        .trim_start_matches("keel_session=")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    // Only the hash is stored.
    let url = srv.url().to_string();
    let secret2 = secret.clone();
    let stored: Vec<String> = blocking(move || {
        let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        c.query("SELECT encode(id_hash, 'hex') FROM sessions", &[])
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect()
    })
    .await;
    use sha2::Digest;
    let digest: String = sha2::Sha256::digest(secret2.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        stored,
        vec![digest],
        "only the SHA-256 of the secret is stored"
    );
    assert_eq!(s.get("/coach").await.status, 200);
    // A forged session is nobody.
    let mut forged = Session::new(srv.addr);
    set_cookie(&mut forged, "keel_session", &"b".repeat(64));
    assert_eq!(forged.get("/coach").await.status, 401);
    // Five wrong passwords, then even the right one is refused for a while.
    let mut attacker = Session::new(srv.addr);
    let t = csrf_of(&attacker.get("/login").await.text(), "login-form");
    for _ in 0..5 {
        let r = attacker
            .post_form(
                "/login",
                &[
                    ("csrf", &t),
                    ("email", "coach@example.org"),
                    ("password", "guess guess guess"),
                ],
                &[],
            )
            .await;
        assert_eq!(r.status, 401);
        assert!(
            r.text().contains("wrong email or password")
                || r.text().contains("Wrong email or password")
        );
    }
    let r = attacker
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
    assert_eq!(r.status, 429, "{}", r.text());
    assert!(!r.cookies().iter().any(|c| c.starts_with("keel_session=")));
    // The session opened before keeps working; logging out ends it.
    let t = token(&s, "logout");
    assert_eq!(
        s.post_form("/logout", &[("csrf", &t)], &[]).await.status,
        303
    );
    set_cookie(&mut s, "keel_session", &secret);
    assert_eq!(
        s.get("/coach").await.status,
        401,
        "a revoked session is nobody"
    );
}
