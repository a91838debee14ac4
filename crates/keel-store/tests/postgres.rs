//! What only the PostgreSQL backend has: many athletes in one database (each handle sees
//! only its own athlete), concurrent writers, the schema version row, unreachable servers,
//! the batch windows of jobs over many athletes, and the schema parity with SQLite.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::civil::{date, Date};
use jiff::{Timestamp, ToSpan};
use keel_core::activity::{Activity, CheckIn, LoggedSet, SetType, Sport, StrengthWorkout};
use keel_core::edits::Swap;
use keel_core::marks::{Mark, MarkStatus};
use keel_store::testing::{self, TestDb};
use keel_store::{
    content_hash, AdjustmentsInForce, CalendarRecord, FileOutcome, NewAdjustment, NewFile,
    PgDatabase, PlanEdit, SqliteStore, Store, StoreError, Window, WindowStore, SCHEMA_VERSION,
};
use std::collections::{BTreeMap, BTreeSet};

fn run(start: &str, minutes: i64) -> Activity {
    Activity {
        source: format!("{start}.fit"),
        sport: Sport::Run,
        name: Some("Run".into()),
        start: start.parse().expect("time"),
        elapsed_s: (minutes * 60) as f64,
        moving_s: None,
        distance_m: Some(8000.0),
        elevation_gain_m: None,
        avg_hr: Some(140),
        max_hr: None,
        avg_cadence: None,
        avg_power_w: None,
        rpe: Some(4.0),
        run_type: None,
        samples: Vec::new(),
        laps: Vec::new(),
        partial: None,
    }
}

fn lifts(day: Date, name: &str) -> StrengthWorkout {
    StrengthWorkout {
        source: "strong.csv".into(),
        date: day,
        start: None,
        name: name.into(),
        duration_s: Some(1800.0),
        rpe: None,
        notes: None,
        sets: (1..=3)
            .map(|i| LoggedSet {
                exercise: "goblet-squat".into(),
                order: i,
                weight_kg: Some(16.0),
                reps: Some(10),
                rpe: None,
                rir: Some(2.0),
                set_type: SetType::Normal,
                duration_s: None,
            })
            .collect(),
    }
}

fn adj(d: Date, rule: &str) -> NewAdjustment {
    NewAdjustment {
        date: d,
        rule: rule.into(),
        kind: "fewer-sets".into(),
        text: format!("{rule} on {d}"),
        detail: None,
    }
}

fn swap_since(since: Date, with: &str) -> PlanEdit {
    PlanEdit::Swap(Swap {
        exercise: "goblet-squat".into(),
        with: with.into(),
        since,
    })
}

fn setup(test: &str) -> Option<(TestDb, PgDatabase)> {
    let t = testing::fresh(test)?;
    let db = t.connect();
    Some((t, db))
}

#[test]
fn a_handle_sees_and_changes_only_its_own_athlete() {
    let Some((_t, db)) = setup("isolation") else {
        return;
    };
    let (a, b) = (TestDb::athlete(&db, "A"), TestDb::athlete(&db, "B"));
    let mut sa = db.athlete(a).unwrap();
    let mut sb = db.athlete(b).unwrap();
    sa.set_profile("a.toml", "a = 1").unwrap();
    let act = sa
        .insert_activity(&run("2027-01-04T06:00:00Z", 40), None)
        .unwrap()
        .id();
    let w = sa
        .insert_workout(&lifts(date(2027, 1, 4), "A"))
        .unwrap()
        .id();
    sa.put_checkin(&CheckIn::empty(date(2027, 1, 4))).unwrap();
    sa.sync_adjustments(
        date(2027, 1, 4),
        date(2027, 1, 10),
        &[adj(date(2027, 1, 5), "sleep")],
    )
    .unwrap();
    let file = NewFile {
        path: "x.csv".into(),
        name: "x.csv".into(),
        content_hash: content_hash(b"x"),
        size: None,
        format: "strong-csv".into(),
    };
    sa.import_file(&file, &[], &[lifts(date(2027, 1, 6), "B")])
        .unwrap();
    sa.put_calendar_records(&[CalendarRecord {
        uid: "u@keel".into(),
        content_hash: "h".into(),
        sequence: 1,
    }])
    .unwrap();

    let before = sb.data_version().unwrap();
    assert_eq!(sb.counts().unwrap(), keel_store::Counts::default());
    assert_eq!(sb.latest_profile().unwrap(), None);
    assert!(sb
        .activities(Timestamp::MIN, Timestamp::MAX, true)
        .unwrap()
        .is_empty());
    assert_eq!(
        sb.activity(act).unwrap(),
        None,
        "another athlete's id finds nothing"
    );
    assert!(sb.workouts(Date::MIN, Date::MAX).unwrap().is_empty());
    assert!(sb.checkins(Date::MIN, Date::MAX).unwrap().is_empty());
    assert!(sb
        .adjustments(Date::MIN, Date::MAX, false)
        .unwrap()
        .is_empty());
    assert!(sb.calendar_records().unwrap().is_empty());
    assert!(sb.recent_files(10).unwrap().is_empty());
    assert_eq!(sb.file_by_hash(&file.content_hash).unwrap(), None);
    // Nor can it change them.
    assert!(!sb.delete_activity(act).unwrap());
    assert!(!sb.delete_workout(w).unwrap());
    assert!(matches!(
        sb.append_sets(w, &lifts(date(2027, 1, 4), "A").sets),
        Err(StoreError::Invalid {
            field: "workout",
            ..
        })
    ));
    let a_adj = sa.adjustments(Date::MIN, Date::MAX, false).unwrap()[0].id;
    assert!(!sb.set_adjustment_active(a_adj, false).unwrap());
    // The same file is B's to import: hashes are per athlete.
    assert!(matches!(
        sb.import_file(&file, &[], &[lifts(date(2027, 1, 6), "B")])
            .unwrap(),
        FileOutcome::Stored { .. }
    ));
    assert!(sb.data_version().unwrap() > before);
    let counts = sa.counts().unwrap();
    assert_eq!(
        (
            counts.activities,
            counts.workouts,
            counts.sets,
            counts.checkins
        ),
        (1, 2, 6, 1),
        "A's rows are untouched"
    );
    assert_eq!(sa.counts().unwrap().adjustments_active, 1);
}

#[test]
fn plan_edits_and_marks_belong_to_their_athlete() {
    let Some((_t, db)) = setup("edits scoped") else {
        return;
    };
    let (a, b) = (TestDb::athlete(&db, "A"), TestDb::athlete(&db, "B"));
    let mut sa = db.athlete(a).unwrap();
    let mut sb = db.athlete(b).unwrap();
    let day = date(2027, 1, 5);
    let mark = Mark {
        date: day,
        status: MarkStatus::Skipped,
        note: Some("sick".into()),
    };
    let ea = sa.put_plan_edit(&swap_since(day, "step-up")).unwrap();
    sa.put_session_mark(&mark).unwrap();
    let va = sa.data_version().unwrap();
    assert!(sb.plan_edits().unwrap().is_empty());
    assert!(sb.session_marks(Date::MIN, Date::MAX).unwrap().is_empty());
    // B cannot delete A's rows, and B's own edit of the same key is B's own row.
    assert!(!sb.delete_plan_edit(ea).unwrap());
    assert!(!sb.delete_session_mark(day).unwrap());
    let eb = sb.put_plan_edit(&swap_since(day, "reverse-lunge")).unwrap();
    assert_ne!(ea, eb);
    sb.put_session_mark(&Mark {
        status: MarkStatus::Done,
        note: None,
        ..mark.clone()
    })
    .unwrap();
    assert_eq!(
        sa.data_version().unwrap(),
        va,
        "B's writes leave A's version"
    );
    assert_eq!(sa.plan_edits().unwrap()[0].edit, swap_since(day, "step-up"));
    assert_eq!(sa.session_marks(day, day).unwrap(), vec![mark]);
    assert!(sa.delete_plan_edit(ea).unwrap());
    assert_eq!(sb.plan_edits().unwrap()[0].id, eb);
}

#[test]
fn the_same_file_imported_twice_at_once_is_stored_once() {
    let Some((_t, db)) = setup("concurrent import") else {
        return;
    };
    let a = TestDb::athlete(&db, "A");
    let file = NewFile {
        path: "w.fit".into(),
        name: "w.fit".into(),
        content_hash: content_hash(b"watch"),
        size: Some(5),
        format: "fit".into(),
    };
    let act = run("2027-01-04T06:00:00Z", 45);
    let outcomes: Vec<FileOutcome> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let (db, file, act) = (&db, &file, &act);
                scope.spawn(move || {
                    let mut s = db.athlete(a).unwrap();
                    s.import_file(file, std::slice::from_ref(act), &[]).unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let stored = outcomes
        .iter()
        .filter(|o| matches!(o, FileOutcome::Stored { .. }))
        .count();
    assert_eq!(stored, 1, "{outcomes:?}");
    let s = db.athlete(a).unwrap();
    assert_eq!(s.counts().unwrap().activities, 1);
    assert_eq!(s.counts().unwrap().files, 1);
}

#[test]
fn two_handles_see_each_others_commits_and_versions() {
    let Some((_t, db)) = setup("two handles") else {
        return;
    };
    let a = TestDb::athlete(&db, "A");
    let mut web = db.athlete(a).unwrap();
    let cli = db.athlete(a).unwrap();
    let v = cli.data_version().unwrap();
    web.set_profile("p.toml", "x = 1").unwrap();
    assert_eq!(cli.latest_profile().unwrap().unwrap().toml, "x = 1");
    assert!(cli.data_version().unwrap() > v);
    // A second database object (another server process) sees the same.
    let other = PgDatabase::connect(_t.url()).unwrap();
    assert_eq!(
        other.athlete(a).unwrap().data_version().unwrap(),
        cli.data_version().unwrap()
    );
}

#[test]
fn migrations_run_once_and_a_newer_schema_is_refused() {
    let Some((t, db)) = setup("schema version") else {
        return;
    };
    assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
    // Connecting again to an up-to-date schema changes nothing.
    let again = PgDatabase::connect(t.url()).unwrap();
    assert_eq!(again.schema_version().unwrap(), SCHEMA_VERSION);
    let mut c = postgres::Client::connect(t.url(), postgres::NoTls).unwrap();
    c.execute(
        "UPDATE keel_schema SET version = $1",
        &[&(SCHEMA_VERSION as i32 + 3)],
    )
    .unwrap();
    let err = PgDatabase::connect(t.url()).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found, .. } if found == SCHEMA_VERSION + 3),
        "{err}"
    );
    assert!(err.to_string().contains("upgrade keel"));
}

#[test]
fn concurrent_first_connections_migrate_once() {
    let Some(t) = testing::fresh("concurrent migrations") else {
        return;
    };
    let results: Vec<_> = std::thread::scope(|scope| {
        let hs: Vec<_> = (0..3)
            .map(|_| scope.spawn(|| PgDatabase::connect(t.url()).map(|db| db.schema_version())))
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for r in results {
        assert_eq!(r.unwrap().unwrap(), SCHEMA_VERSION);
    }
}

#[test]
fn bad_urls_and_unreachable_servers_are_named() {
    let err = PgDatabase::connect("postgres://nobody@").unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Invalid {
                field: "database URL",
                ..
            } | StoreError::Unreachable(_)
        ),
        "{err:?}"
    );
    let err = PgDatabase::connect("not a url at all = =").unwrap_err();
    assert!(matches!(err, StoreError::Invalid { .. }), "{err:?}");
    // Port 1 on the loopback: refused at once.
    let err = PgDatabase::connect("postgres://keel:secret-password@127.0.0.1:1/keel").unwrap_err();
    assert!(matches!(err, StoreError::Unreachable(_)), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("keel@127.0.0.1:1/keel"), "{text}");
    assert!(
        !text.contains("secret-password"),
        "no password in messages: {text}"
    );
}

/// Every table and its columns, with the backends' spelling of times made the same
/// (`start_ms` on SQLite is `start_at` on PostgreSQL) and PostgreSQL's athlete columns and
/// accounts tables left out.
fn normalise(col: &str) -> String {
    match col.strip_suffix("_ms") {
        Some(base) if base.ends_with("_at") => base.to_string(),
        Some(base) => format!("{base}_at"),
        None => col.to_string(),
    }
}

#[test]
fn both_backends_end_with_the_same_tables_and_columns() {
    let Some((t, _db)) = setup("schema parity") else {
        return;
    };
    let sqlite = SqliteStore::open_in_memory().unwrap();
    let mut lite: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let tables: Vec<String> = {
        let mut stmt = sqlite
            .connection()
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    for table in tables {
        let mut stmt = sqlite
            .connection()
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap();
        let cols: BTreeSet<String> = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(|c| normalise(&c.unwrap()))
            .filter(|c| !(table == "data_version" && c == "id"))
            .collect();
        lite.insert(table, cols);
    }
    let server_only = [
        "keel_schema",
        "athletes",
        "users",
        "coach_athletes",
        "sessions",
        "invites",
        "coach_notes",
        "calendar_feeds",
        "login_attempts",
    ];
    let mut c = postgres::Client::connect(t.url(), postgres::NoTls).unwrap();
    let mut pg: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in c
        .query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema()",
            &[],
        )
        .unwrap()
    {
        let (table, col): (String, String) = (r.get(0), r.get(1));
        if server_only.contains(&table.as_str()) || col == "athlete_id" {
            pg.entry(table).or_default();
            continue;
        }
        pg.entry(table).or_default().insert(col);
    }
    for t in server_only {
        assert!(pg.remove(t).is_some(), "PostgreSQL has {t}");
    }
    assert_eq!(
        lite, pg,
        "SQLite (left) and PostgreSQL (right) schemas differ"
    );
}

#[test]
fn batch_windows_answer_as_the_athletes_own_handles_do() {
    let Some((t, db)) = setup("windows") else {
        return;
    };
    let ids: Vec<_> = (0..3)
        .map(|i| TestDb::athlete(&db, &format!("A{i}")))
        .collect();
    let day = date(2027, 3, 10);
    for (n, &a) in ids.iter().enumerate() {
        let mut s = db.athlete(a).unwrap();
        if n < 2 {
            s.set_profile("p.toml", &format!("n = {n}")).unwrap();
            s.set_profile("p.toml", &format!("n = {n}0")).unwrap();
        }
        for d in 0..40i64 {
            let when = day.saturating_sub((d * 3).days());
            let start = format!("{when}T06:{:02}:00Z", n * 10);
            s.insert_activity(&run(&start, 30 + d), None).unwrap();
            s.insert_workout(&lifts(when, &format!("W{d}"))).unwrap();
            let mut c = CheckIn::empty(when);
            c.fatigue = Some((d % 5 + 1) as u8);
            s.put_checkin(&c).unwrap();
        }
        s.sync_adjustments(day, day.saturating_add(6.days()), &[adj(day, "sleep")])
            .unwrap();
        s.sync_adjustments(day, day.saturating_add(6.days()), &[])
            .unwrap();
        // Edits of long ago still apply; marks are read in the window.
        s.put_plan_edit(&swap_since(date(2020, 1, 1), &format!("ex-{n}")))
            .unwrap();
        s.put_plan_edit(&swap_since(day, "step-up")).unwrap();
        for d in [0i64, 5, 200] {
            s.put_session_mark(&Mark {
                date: day.saturating_sub(d.days()),
                status: MarkStatus::Done,
                note: Some(format!("{n}")),
            })
            .unwrap();
        }
    }
    // Every first set rewritten: its row now lies after the others on disk, so a read that
    // trusted the table's order would give the sets out of order.
    let mut raw = postgres::Client::connect(t.url(), postgres::NoTls).unwrap();
    let moved = raw
        .execute(
            "UPDATE strength_sets SET reps = reps + 0 WHERE ord = 1",
            &[],
        )
        .unwrap();
    assert_eq!(moved, 3 * 40);
    let window = Window {
        from: day.saturating_sub(60.days()),
        to: day,
        adjustments_to: day.saturating_add(13.days()),
    };
    let read = db.windows(&ids, window).unwrap();
    assert_eq!(read.len(), 3);
    for (w, &a) in read.into_iter().zip(&ids) {
        let s = db.athlete(a).unwrap();
        let mut ws = WindowStore::new(w);
        assert_eq!(ws.athlete(), a);
        assert_eq!(ws.latest_profile().unwrap(), s.latest_profile().unwrap());
        assert_eq!(ws.data_version().unwrap(), s.data_version().unwrap());
        let (from, to) = (day.saturating_sub(30.days()), day);
        assert_eq!(
            ws.checkins(from, to).unwrap(),
            s.checkins(from, to).unwrap()
        );
        assert_eq!(
            ws.workouts(from, to).unwrap(),
            s.workouts(from, to).unwrap()
        );
        let t0: Timestamp = "2027-02-01T00:00:00Z".parse().unwrap();
        let t1: Timestamp = "2027-03-11T00:00:00Z".parse().unwrap();
        assert_eq!(
            ws.activities(t0, t1, false).unwrap(),
            s.activities(t0, t1, false).unwrap()
        );
        assert_eq!(
            ws.adjustments(day, day.saturating_add(13.days()), false)
                .unwrap(),
            s.adjustments(day, day.saturating_add(13.days()), false)
                .unwrap()
        );
        assert_eq!(ws.plan_edits().unwrap(), s.plan_edits().unwrap());
        assert_eq!(ws.plan_edits().unwrap().len(), 2);
        assert_eq!(
            ws.session_marks(from, to).unwrap(),
            s.session_marks(from, to).unwrap()
        );
        assert_eq!(ws.session_marks(from, to).unwrap().len(), 2);
        // Outside the window: refused, never a short answer.
        assert!(ws.checkins(day.saturating_sub(90.days()), day).is_err());
        assert!(ws
            .session_marks(day.saturating_sub(300.days()), day)
            .is_err());
        assert!(ws.put_plan_edit(&swap_since(day, "x")).is_err());
        assert!(ws.activities(Timestamp::MIN, t1, false).is_err());
        assert!(ws.activities(t0, t1, true).is_err());
        assert!(ws.set_profile("x", "y").is_err());
        // Recording what is recorded leaves nothing to write; anything else is kept.
        let (a0, a1) = (day, day.saturating_add(6.days()));
        ws.sync_adjustments(a0, a1, &[]).unwrap();
        assert_eq!(ws.take_pending(), None);
        let sync = ws.sync_adjustments(a0, a1, &[adj(day, "sleep")]).unwrap();
        assert_eq!(sync.added, 1);
        assert_eq!(
            ws.take_pending(),
            Some(AdjustmentsInForce {
                athlete: a,
                from: a0,
                to: a1,
                current: vec![adj(day, "sleep")]
            })
        );
    }
    // A batch's adjustments in force are written in one go, each athlete's version moved.
    let before: Vec<u64> = ids
        .iter()
        .map(|&a| db.athlete(a).unwrap().data_version().unwrap())
        .collect();
    let syncs: Vec<AdjustmentsInForce> = ids
        .iter()
        .take(2)
        .map(|&a| AdjustmentsInForce {
            athlete: a,
            from: day,
            to: day.saturating_add(6.days()),
            current: vec![adj(day.saturating_add(1.day()), "run-load-increase")],
        })
        .collect();
    assert_eq!(db.sync_adjustments_many(&syncs).unwrap(), 2);
    assert_eq!(
        db.sync_adjustments_many(&syncs).unwrap(),
        0,
        "already recorded"
    );
    for (i, &a) in ids.iter().enumerate() {
        let s = db.athlete(a).unwrap();
        let active = s
            .adjustments(day, day.saturating_add(6.days()), true)
            .unwrap();
        assert_eq!(active.len(), usize::from(i < 2));
        assert_eq!(s.data_version().unwrap() > before[i], i < 2);
    }
}

/// A batch's sync leaves each athlete's adjustments and version as syncing them one by one
/// through the athlete's own handle does: new ones added, changed texts rewritten, ones
/// no longer in force cleared, cleared ones brought back, the same entry twice stored once,
/// one athlete synced twice in a batch (in order), and an athlete deleted since skipped.
#[test]
fn a_batch_sync_records_what_one_by_one_syncs_record() {
    let Some((t, db)) = setup("sync_many") else {
        return;
    };
    // Pairs: the first of each synced in batches, the second one by one.
    let pairs: Vec<_> = (0..3)
        .map(|i| {
            (
                TestDb::athlete(&db, &format!("Batch {i}")),
                TestDb::athlete(&db, &format!("One {i}")),
            )
        })
        .collect();
    let day = date(2027, 3, 10);
    let (from, to) = (day, day.saturating_add(13.days()));
    let at = |d: i64| day.saturating_add(d.days());
    let with_text = |d: i64, rule: &str, text: &str| NewAdjustment {
        text: text.into(),
        ..adj(at(d), rule)
    };
    // Each night: every pair's set in force (by pair index).
    let nights: Vec<Vec<Vec<NewAdjustment>>> = vec![
        vec![
            vec![adj(at(0), "sleep"), adj(at(2), "sore-legs")],
            vec![adj(at(1), "sleep")],
            vec![],
        ],
        vec![
            // Changed text; one cleared; one added.
            vec![with_text(0, "sleep", "shorter"), adj(at(5), "run-load")],
            vec![],
            vec![adj(at(3), "sleep"), adj(at(3), "sleep")],
        ],
        vec![
            // The cleared one back; the rest unchanged.
            vec![
                with_text(0, "sleep", "shorter"),
                adj(at(5), "run-load"),
                adj(at(2), "sore-legs"),
            ],
            vec![adj(at(1), "sleep")],
            vec![adj(at(3), "sleep")],
        ],
    ];
    let view = |a| {
        let s = db.athlete(a).unwrap();
        let rows: Vec<_> = s
            .adjustments(from, to, false)
            .unwrap()
            .into_iter()
            .map(|x| (x.adjustment, x.active, x.cleared_at.is_some()))
            .collect();
        (rows, s.data_version().unwrap())
    };
    let start: Vec<_> = pairs.iter().map(|&(b, o)| (view(b).1, view(o).1)).collect();
    for (n, night) in nights.iter().enumerate() {
        let syncs: Vec<AdjustmentsInForce> = pairs
            .iter()
            .zip(night)
            .map(|(&(b, _), current)| AdjustmentsInForce {
                athlete: b,
                from,
                to,
                current: current.clone(),
            })
            .collect();
        let changed = db.sync_adjustments_many(&syncs).unwrap();
        let mut expected = 0;
        for (&(_, o), current) in pairs.iter().zip(night) {
            let before = view(o).1;
            db.athlete(o)
                .unwrap()
                .sync_adjustments(from, to, current)
                .unwrap();
            expected += usize::from(view(o).1 != before);
        }
        assert_eq!(changed, expected, "night {n}: athletes changed");
        for (&(b, o), (vb, vo)) in pairs.iter().zip(&start) {
            let (rows_b, ver_b) = view(b);
            let (rows_o, ver_o) = view(o);
            assert_eq!(rows_b, rows_o, "night {n}");
            assert_eq!(ver_b - vb, ver_o - vo, "night {n}: versions moved alike");
        }
    }
    // One athlete twice in a batch: applied in order, the last one in force.
    let (b, o) = pairs[0];
    let twice = [
        AdjustmentsInForce {
            athlete: b,
            from,
            to,
            current: vec![adj(at(4), "first")],
        },
        AdjustmentsInForce {
            athlete: b,
            from,
            to,
            current: vec![adj(at(6), "second")],
        },
    ];
    assert_eq!(
        db.sync_adjustments_many(&twice).unwrap(),
        2,
        "each sync changed"
    );
    let mut s = db.athlete(o).unwrap();
    s.sync_adjustments(from, to, &[adj(at(4), "first")])
        .unwrap();
    s.sync_adjustments(from, to, &[adj(at(6), "second")])
        .unwrap();
    drop(s);
    assert_eq!(view(b).0, view(o).0);
    // An athlete deleted since its batch was read: skipped, the others written.
    let gone = TestDb::athlete(&db, "Gone");
    let mut raw = postgres::Client::connect(t.url(), postgres::NoTls).unwrap();
    raw.execute("DELETE FROM athletes WHERE id = $1", &[&gone.get()])
        .unwrap();
    let (b1, _) = pairs[1];
    let syncs = [gone, b1].map(|a| AdjustmentsInForce {
        athlete: a,
        from,
        to,
        current: vec![adj(at(7), "late")],
    });
    assert_eq!(db.sync_adjustments_many(&syncs).unwrap(), 1);
    assert!(view(b1)
        .0
        .iter()
        .any(|(a, active, _)| a.rule == "late" && *active));
}
