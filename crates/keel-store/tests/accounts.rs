//! Coach mode's accounts on a real PostgreSQL (a fresh schema per test).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::{Timestamp, ToSpan};
use keel_store::accounts::{AccountError, Accounts, Role, Secret};
use keel_store::testing::{self, TestDb};
use keel_store::{PgDatabase, Store};

fn setup(test: &str) -> Option<(TestDb, PgDatabase)> {
    let t = testing::fresh(test)?;
    let db = t.connect();
    Some((t, db))
}

fn now() -> Timestamp {
    "2027-01-10T08:00:00Z".parse().unwrap()
}

#[test]
fn emails_are_unique_and_found_whatever_their_case() {
    let Some((_t, db)) = setup("emails") else {
        return;
    };
    let u = db
        .create_user(" Coach@Example.org ", "$argon2id$x", Role::Coach)
        .unwrap();
    assert_eq!(u.email, "Coach@Example.org", "trimmed, case kept");
    assert_eq!(u.role, Role::Coach);
    for other in [
        "coach@example.org",
        "COACH@EXAMPLE.ORG",
        "Coach@Example.org",
    ] {
        let err = db.create_user(other, "h", Role::Athlete).unwrap_err();
        assert!(matches!(err, AccountError::EmailTaken(_)), "{other}: {err}");
    }
    let found = db.user_by_email("coach@EXAMPLE.org").unwrap().unwrap();
    assert_eq!(found, u);
    assert_eq!(db.user(u.id).unwrap(), Some(u.clone()));
    assert!(db.user_by_email("nobody@example.org").unwrap().is_none());
    assert!(db.set_password_hash(u.id, "$argon2id$y").unwrap());
    assert_eq!(db.user(u.id).unwrap().unwrap().password_hash, "$argon2id$y");
    for bad in ["", "   ", "a\nb@example.org"] {
        assert!(matches!(
            db.create_user(bad, "h", Role::Coach),
            Err(AccountError::Store(keel_store::StoreError::Invalid {
                field: "email",
                ..
            }))
        ));
    }
}

#[test]
fn athletes_belong_to_one_athlete_user_or_await_a_login() {
    let Some((_t, db)) = setup("athletes") else {
        return;
    };
    let ath = db
        .create_user("run@example.org", "h", Role::Athlete)
        .unwrap();
    let coach = db
        .create_user("coach@example.org", "h", Role::Coach)
        .unwrap();
    let a = db.create_athlete("Alex", Some(ath.id), None).unwrap();
    assert_eq!(db.athlete_of_user(ath.id).unwrap(), Some(a));
    assert!(matches!(
        db.create_athlete("Again", Some(ath.id), None),
        Err(AccountError::AlreadyAnAthlete)
    ));
    assert!(matches!(
        db.create_athlete("Coach", Some(coach.id), None),
        Err(AccountError::WrongRole(_))
    ));
    let info = db.athlete_info(a).unwrap();
    assert_eq!(
        (info.name.as_str(), info.user, info.email.as_deref()),
        ("Alex", Some(ath.id), Some("run@example.org"))
    );
    // A coach's athlete without a login, with the email they will be invited at.
    let b = db
        .create_athlete("Blake", None, Some("Blake@Example.org"))
        .unwrap();
    assert_eq!(db.athlete_by_email("blake@example.org").unwrap(), Some(b));
    assert_eq!(db.athlete_by_email("RUN@example.org").unwrap(), Some(a));
    assert!(matches!(
        db.create_user("blake@example.org", "h", Role::Athlete),
        Err(AccountError::EmailTaken(_))
    ));
    assert!(matches!(
        db.create_athlete("Dup", None, Some("COACH@example.org")),
        Err(AccountError::EmailTaken(_))
    ));
    // Every athlete has a training log with a data version from the start.
    assert_eq!(db.athlete(b).unwrap().data_version().unwrap(), 0);
    assert_eq!(db.athletes_after(None, 10).unwrap(), vec![a, b]);
    assert_eq!(db.athletes_after(Some(a), 10).unwrap(), vec![b]);
    assert_eq!(db.athletes_after(None, 1).unwrap(), vec![a]);
}

#[test]
fn a_coach_reaches_only_linked_athletes_and_an_athlete_can_leave() {
    let Some((_t, db)) = setup("links") else {
        return;
    };
    let c1 = db.create_user("c1@example.org", "h", Role::Coach).unwrap();
    let c2 = db.create_user("c2@example.org", "h", Role::Coach).unwrap();
    let a = db.create_athlete("Ann", None, None).unwrap();
    let b = db.create_athlete("Ben", None, None).unwrap();
    assert!(db.link(c1.id, a).unwrap());
    assert!(!db.link(c1.id, a).unwrap(), "linked already");
    assert!(db.link(c2.id, a).unwrap(), "many coaches per athlete");
    assert!(db.link(c1.id, b).unwrap());
    assert_eq!(db.coached_athlete(c1.id, a.get()).unwrap(), Some(a));
    assert_eq!(db.coached_athlete(c2.id, b.get()).unwrap(), None);
    assert_eq!(db.coached_athlete(c2.id, 999_999).unwrap(), None);
    let names: Vec<String> = db
        .athletes_of_coach(c1.id)
        .unwrap()
        .into_iter()
        .map(|x| x.name)
        .collect();
    assert_eq!(names, ["Ann", "Ben"]);
    let coaches: Vec<_> = db
        .coaches_of(a)
        .unwrap()
        .into_iter()
        .map(|u| u.id)
        .collect();
    assert_eq!(coaches, vec![c1.id, c2.id]);
    assert!(db.unlink(c1.id, a).unwrap());
    assert!(!db.unlink(c1.id, a).unwrap());
    assert_eq!(db.coached_athlete(c1.id, a.get()).unwrap(), None);
    let ath = db.create_user("x@example.org", "h", Role::Athlete).unwrap();
    assert!(matches!(
        db.link(ath.id, b),
        Err(AccountError::WrongRole(_))
    ));
}

#[test]
fn sessions_are_stored_hashed_expire_and_are_revoked() {
    let Some((t, db)) = setup("sessions") else {
        return;
    };
    let u = db.create_user("u@example.org", "h", Role::Athlete).unwrap();
    let s1 = Secret::generate().unwrap();
    let s2 = Secret::generate().unwrap();
    assert_ne!(s1, s2);
    assert_eq!(s1.expose().len(), 64);
    db.create_session(u.id, &s1, now() + 1.hour()).unwrap();
    db.create_session(u.id, &s2, now() + 1.hour()).unwrap();
    let got = db.session(&s1, now()).unwrap().unwrap();
    assert_eq!(got.user, u);
    assert_eq!(got.expires_at, now() + 1.hour());
    assert!(
        db.session(&s1, now() + 2.hours()).unwrap().is_none(),
        "expired"
    );
    assert!(db
        .session(&Secret::from_text("guess"), now())
        .unwrap()
        .is_none());
    // Only the hash is stored: the secret's text is nowhere in the table.
    let mut c = postgres::Client::connect(t.url(), postgres::NoTls).unwrap();
    let raw: Vec<Vec<u8>> = c
        .query("SELECT id_hash FROM sessions", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(raw.len(), 2);
    assert!(raw
        .iter()
        .all(|h| h.len() == 32 && h != s1.expose().as_bytes()));
    assert!(db.revoke_session(&s1).unwrap());
    assert!(!db.revoke_session(&s1).unwrap());
    assert!(db.session(&s1, now()).unwrap().is_none());
    assert!(db.session(&s2, now()).unwrap().is_some());
    let s3 = Secret::generate().unwrap();
    db.create_session(u.id, &s3, now() + 1.hour()).unwrap();
    assert_eq!(db.revoke_sessions_of(u.id).unwrap(), 2);
    assert!(db.session(&s2, now()).unwrap().is_none());
    assert!(db.session(&s3, now()).unwrap().is_none());
}

#[test]
fn an_invite_is_used_once_even_when_accepted_at_the_same_moment() {
    let Some((_t, db)) = setup("invites") else {
        return;
    };
    let coach = db
        .create_user("coach@example.org", "h", Role::Coach)
        .unwrap();
    let token = Secret::generate().unwrap();
    db.create_invite(coach.id, &token, None, now() + (7 * 24).hours())
        .unwrap();
    let inv = db.invite(&token, now()).unwrap().unwrap();
    assert_eq!((inv.coach, inv.athlete), (coach.id, None));
    assert!(
        db.invite(&token, now() + (8 * 24).hours())
            .unwrap()
            .is_none(),
        "expired"
    );
    let results: Vec<_> = std::thread::scope(|scope| {
        let hs: Vec<_> = (0..6)
            .map(|i| {
                let (db, token) = (&db, &token);
                scope.spawn(move || {
                    db.accept_invite(token, now(), &format!("a{i}@example.org"), "h", "Runner")
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let ok: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(ok.len(), 1, "{results:?}");
    assert!(results
        .iter()
        .filter(|r| r.is_err())
        .all(|r| matches!(r, Err(AccountError::InviteUnusable))));
    let acc = ok[0];
    assert_eq!(acc.coach, coach.id);
    assert_eq!(db.athlete_of_user(acc.user).unwrap(), Some(acc.athlete));
    assert_eq!(
        db.coached_athlete(coach.id, acc.athlete.get()).unwrap(),
        Some(acc.athlete)
    );
    // The losers left nothing behind: one athlete user in all.
    let athletes = db.athletes_after(None, 100).unwrap();
    assert_eq!(athletes, vec![acc.athlete]);
    assert!(db.invite(&token, now()).unwrap().is_none());
    assert!(matches!(
        db.accept_invite(&token, now(), "late@example.org", "h", "Late"),
        Err(AccountError::InviteUnusable)
    ));
    assert!(db.user_by_email("late@example.org").unwrap().is_none());
}

#[test]
fn an_invite_for_a_waiting_athlete_gives_them_their_log() {
    let Some((_t, db)) = setup("invite for athlete") else {
        return;
    };
    let coach = db
        .create_user("coach@example.org", "h", Role::Coach)
        .unwrap();
    let other = db
        .create_user("other@example.org", "h", Role::Coach)
        .unwrap();
    let a = db
        .create_athlete("Dana", None, Some("dana@example.org"))
        .unwrap();
    db.athlete(a)
        .unwrap()
        .set_profile("p.toml", "x = 1")
        .unwrap();
    let token = Secret::generate().unwrap();
    // Only a linked coach may invite for an athlete; only a coach may invite at all.
    assert!(matches!(
        db.create_invite(coach.id, &token, Some(a), now() + 24.hours()),
        Err(AccountError::NotFound("athlete"))
    ));
    db.link(coach.id, a).unwrap();
    db.create_invite(coach.id, &token, Some(a), now() + 24.hours())
        .unwrap();
    let expired = Secret::generate().unwrap();
    db.create_invite(coach.id, &expired, Some(a), now() - 1.second())
        .unwrap();
    assert!(matches!(
        db.accept_invite(&expired, now(), "dana@example.org", "h", "Dana"),
        Err(AccountError::InviteUnusable)
    ));
    let acc = db
        .accept_invite(&token, now(), "Dana@Example.org", "h", "ignored")
        .unwrap();
    assert_eq!(
        acc.athlete, a,
        "the waiting athlete, with the log the coach set up"
    );
    assert_eq!(
        db.athlete(acc.athlete)
            .unwrap()
            .latest_profile()
            .unwrap()
            .unwrap()
            .toml,
        "x = 1"
    );
    let info = db.athlete_info(a).unwrap();
    assert_eq!(info.user, Some(acc.user));
    assert_eq!(info.email.as_deref(), Some("Dana@Example.org"));
    // An existing athlete user accepts a second coach's invite as themselves.
    let t2 = Secret::generate().unwrap();
    db.create_invite(other.id, &t2, None, now() + 24.hours())
        .unwrap();
    let again = db.accept_invite_as(&t2, now(), acc.user).unwrap();
    assert_eq!((again.athlete, again.coach), (a, other.id));
    assert_eq!(db.coaches_of(a).unwrap().len(), 2);
    let ath = db.create_user("z@example.org", "h", Role::Athlete).unwrap();
    assert!(matches!(
        db.create_invite(
            ath.id,
            &Secret::generate().unwrap(),
            None,
            now() + 24.hours()
        ),
        Err(AccountError::WrongRole(_))
    ));
}

#[test]
fn notes_feeds_and_login_attempts() {
    let Some((_t, db)) = setup("notes feeds logins") else {
        return;
    };
    let coach = db
        .create_user("coach@example.org", "h", Role::Coach)
        .unwrap();
    let a = db.create_athlete("Eve", None, None).unwrap();
    let b = db.create_athlete("Fay", None, None).unwrap();
    let n1 = db.add_note(a, coach.id, "Easy this week").unwrap();
    let n2 = db.add_note(a, coach.id, "  Race pace on Sat ").unwrap();
    assert_eq!(n2.text, "Race pace on Sat");
    let notes = db.notes(a, 10).unwrap();
    assert_eq!(
        notes.iter().map(|n| n.id).collect::<Vec<_>>(),
        vec![n2.id, n1.id]
    );
    assert!(db.notes(b, 10).unwrap().is_empty());
    assert!(db.add_note(a, coach.id, "   ").is_err());

    let f1 = Secret::generate().unwrap();
    db.rotate_feed_secret(a, &f1).unwrap();
    assert_eq!(db.athlete_by_feed_secret(&f1).unwrap(), Some(a));
    let f2 = Secret::generate().unwrap();
    db.rotate_feed_secret(a, &f2).unwrap();
    assert_eq!(db.athlete_by_feed_secret(&f1).unwrap(), None, "rotated out");
    assert_eq!(db.athlete_by_feed_secret(&f2).unwrap(), Some(a));
    assert_eq!(db.revoke_feed_secrets(a).unwrap(), 1);
    assert_eq!(db.athlete_by_feed_secret(&f2).unwrap(), None);
    assert_eq!(db.revoke_feed_secrets(a).unwrap(), 0);

    let t0 = now();
    for i in 0..3 {
        db.record_login_attempt("Eve@Example.org", "10.0.0.1", false, t0 + i.minutes())
            .unwrap();
    }
    db.record_login_attempt("eve@example.org", "10.0.0.2", true, t0 + 5.minutes())
        .unwrap();
    db.record_login_attempt("zed@example.org", "10.0.0.1", false, t0 + 6.minutes())
        .unwrap();
    let f = db
        .failed_logins_since("EVE@example.org", "10.0.0.1", t0)
        .unwrap();
    assert_eq!((f.by_email, f.by_ip), (3, 4));
    let f = db
        .failed_logins_since("eve@example.org", "10.0.0.9", t0 + 1.minute())
        .unwrap();
    assert_eq!((f.by_email, f.by_ip), (2, 0));
    assert_eq!(db.prune_login_attempts(t0 + 2.minutes()).unwrap(), 2);
    let f = db.failed_logins_since("eve@example.org", "x", t0).unwrap();
    assert_eq!(f.by_email, 1);
}

/// Waits (a bounded number of times) until `changes` announces `want`.
fn announced(changes: &mut keel_store::Changes, want: keel_store::Change) -> bool {
    (0..100).any(|_| {
        changes
            .wait(std::time::Duration::from_millis(100))
            .unwrap()
            .contains(&want)
    })
}

#[test]
fn writes_to_logs_and_accounts_are_announced_to_listeners() {
    use keel_store::Change;
    let Some((_t, db)) = setup("announced") else {
        return;
    };
    let mut changes = db.listen().unwrap();
    let u = db
        .create_user("a@example.org", "$argon2id$x", Role::Athlete)
        .unwrap();
    let a = db.create_athlete("A", Some(u.id), None).unwrap();
    assert!(announced(&mut changes, Change::Data), "a new athlete");
    // A write to the log, through another connection of the pool.
    db.athlete(a)
        .unwrap()
        .put_checkin(&keel_core::activity::CheckIn::empty(jiff::civil::date(
            2027, 1, 4,
        )))
        .unwrap();
    assert!(announced(&mut changes, Change::Data), "a check-in");
    let s = Secret::generate().unwrap();
    db.create_session(u.id, &s, now() + 1.hour()).unwrap();
    db.revoke_session(&s).unwrap();
    assert!(announced(&mut changes, Change::Accounts), "a revocation");
    // Once what is pending is read, a quiet schema announces nothing, whatever other
    // tests write in theirs at the same time.
    let quiet = (0..20).any(|_| {
        changes
            .wait(std::time::Duration::from_millis(200))
            .unwrap()
            .is_empty()
    });
    assert!(quiet);
}
