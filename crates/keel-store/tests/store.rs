//! keel-store against real databases: the behaviour every backend keeps runs on SQLite and
//! on PostgreSQL (`on_both_backends!`); what only one backend has (SQLite files, pragmas) is
//! tested on it alone.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod common;

use common::Backend;

use jiff::civil::{date, Date};
use jiff::{Timestamp, ToSpan};
use keel_core::activity::{
    Activity, CheckIn, Lap, LoggedSet, Sample, SetType, Sport, StrengthWorkout,
};
use keel_core::model::RunType;
use keel_store::{
    content_hash, FileOutcome, FileResult, InsertOutcome, NewAdjustment, NewFile, SqliteStore,
    Store, StoreError, SCHEMA_VERSION,
};

fn t(s: &str) -> Timestamp {
    s.parse().expect("test timestamp")
}

/// A run as a watch FIT file gives it: every channel at 1 Hz.
fn fit_run(start: Timestamp, secs: u32) -> Activity {
    let samples = (0..=secs)
        .map(|i| Sample {
            t: f64::from(i),
            distance_m: Some(f64::from(i) * 3.0),
            hr: Some(130 + (i % 20) as u16),
            speed_mps: Some(3.0),
            altitude_m: Some(200.0 + f64::from(i % 30)),
            cadence: Some(86),
            power_w: None,
            lat: Some(46.0 + f64::from(i) * 1e-5),
            lon: Some(14.0 + f64::from(i) * 1e-5),
        })
        .collect();
    Activity {
        source: "run.fit".into(),
        sport: Sport::Run,
        name: None,
        start,
        elapsed_s: f64::from(secs),
        moving_s: Some(f64::from(secs) - 5.0),
        distance_m: Some(f64::from(secs) * 3.0),
        elevation_gain_m: Some(42.0),
        avg_hr: Some(140),
        max_hr: Some(151),
        avg_cadence: Some(86),
        avg_power_w: None,
        rpe: None,
        run_type: None,
        samples,
        laps: vec![
            Lap {
                start,
                elapsed_s: f64::from(secs) / 2.0,
                distance_m: Some(1500.0),
                avg_hr: Some(135),
                max_hr: Some(145),
            },
            Lap {
                start: start + jiff::SignedDuration::from_secs(i64::from(secs) / 2),
                elapsed_s: f64::from(secs) / 2.0,
                distance_m: Some(1500.0),
                avg_hr: Some(145),
                max_hr: Some(151),
            },
        ],
        partial: None,
    }
}

/// The same run exported as GPX: positions, altitude and time only, every 5 s.
fn gpx_run(start: Timestamp, secs: u32) -> Activity {
    let samples = (0..=secs)
        .step_by(5)
        .map(|i| Sample {
            t: f64::from(i),
            altitude_m: Some(200.0),
            lat: Some(46.0 + f64::from(i) * 1e-5),
            lon: Some(14.0 + f64::from(i) * 1e-5),
            ..Sample::default()
        })
        .collect();
    Activity {
        source: "run.gpx".into(),
        sport: Sport::Run,
        name: Some("Morning Run".into()),
        start,
        elapsed_s: f64::from(secs),
        moving_s: None,
        distance_m: Some(f64::from(secs) * 2.98),
        elevation_gain_m: None,
        avg_hr: None,
        max_hr: None,
        avg_cadence: None,
        avg_power_w: None,
        rpe: Some(4.0),
        run_type: None,
        samples,
        laps: vec![],
        partial: None,
    }
}

fn file(name: &str, bytes: &[u8], format: &str) -> NewFile {
    NewFile {
        path: format!("/tmp/in/{name}"),
        name: name.into(),
        content_hash: content_hash(bytes),
        size: Some(bytes.len() as u64),
        format: format.into(),
    }
}

fn workout(name: &str, day: Date, start: Option<Timestamp>, source: &str) -> StrengthWorkout {
    let set = |order, exercise: &str, kg, reps, set_type| LoggedSet {
        exercise: exercise.into(),
        order,
        weight_kg: kg,
        reps: Some(reps),
        rpe: None,
        rir: Some(2.0),
        set_type,
        duration_s: None,
    };
    StrengthWorkout {
        source: source.into(),
        date: day,
        start,
        name: name.into(),
        duration_s: Some(2400.0),
        rpe: Some(7.0),
        notes: Some("felt good".into()),
        sets: vec![
            set(1, "goblet-squat", Some(12.0), 10, SetType::Warmup),
            set(2, "goblet-squat", Some(16.0), 10, SetType::Normal),
            set(4, "Bench Press (Barbell)", Some(60.0), 8, SetType::Failure),
            set(5, "push-up", None, 15, SetType::Drop),
        ],
    }
}

fn all(store: &dyn Store) -> Vec<keel_store::StoredActivity> {
    store
        .activities(Timestamp::MIN, Timestamp::MAX, true)
        .expect("all activities")
}

#[test]
fn open_creates_directory_migrates_and_reopens_idempotently() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/keel.db");
    {
        let mut store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        store
            .set_profile("me.toml", "[athlete]\nname = \"A\"\n")
            .unwrap();
        let mode: String = store
            .connection()
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = store
            .connection()
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
    }
    assert!(path.exists());
    let schema = |s: &SqliteStore| -> Vec<String> {
        let mut stmt = s
            .connection()
            .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let first = SqliteStore::open(&path).unwrap();
    let before = schema(&first);
    drop(first);
    let again = SqliteStore::open(&path).unwrap();
    assert_eq!(again.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(
        schema(&again),
        before,
        "re-opening must not change the schema"
    );
    assert_eq!(
        again.counts().unwrap().profiles,
        1,
        "data survives re-opening"
    );
}

#[test]
fn a_newer_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keel.db");
    let store = SqliteStore::open(&path).unwrap();
    store
        .connection()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 5)
        .unwrap();
    drop(store);
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found, .. } if found == SCHEMA_VERSION + 5),
        "{err}"
    );
    assert!(err.to_string().contains("upgrade keel"));
}

#[test]
fn a_file_that_is_not_a_database_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keel.db");
    std::fs::write(&path, b"this is not sqlite, just some text that is long enough to matter....................................................").unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase(_)), "{err:?}");
    assert!(err.to_string().contains("keel.db"), "{err}");
}

fn profile_latest_wins_and_history_is_kept(b: &mut Backend) {
    let s = b.store();
    assert_eq!(s.latest_profile().unwrap(), None);
    let a = s.set_profile("old.toml", "a = 1").unwrap();
    let b = s.set_profile("new.toml", "a = 2").unwrap();
    let latest = s.latest_profile().unwrap().unwrap();
    assert_eq!(
        (latest.id, latest.source.as_str(), latest.toml.as_str()),
        (b, "new.toml", "a = 2")
    );
    let history: Vec<_> = s
        .profile_history()
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(history, vec![b, a]);
}

fn activity_round_trips_with_samples_and_laps(b: &mut Backend) {
    let s = b.store();
    let mut a = fit_run(t("2024-05-04T06:30:00Z"), 600);
    a.name = Some("Tempo".into());
    a.rpe = Some(6.5);
    a.run_type = Some(RunType::Tempo);
    a.partial = Some("truncated after 600 s".into());
    a.avg_power_w = Some(250);
    let id = s.insert_activity(&a, Some("sha256:x")).unwrap();
    assert!(matches!(id, InsertOutcome::Inserted(_)));
    let back = s.activity(id.id()).unwrap().unwrap();
    assert_eq!(back.sample_count, 601);
    assert_eq!(back.content_hash.as_deref(), Some("sha256:x"));
    // Samples are stored at 1 mm / 1e-7 degree resolution; the test data sits on that grid
    // except lat/lon, so compare those within half a quantum.
    let mut expected = a.clone();
    for (e, b) in expected.samples.iter_mut().zip(&back.activity.samples) {
        assert!((e.lat.unwrap() - b.lat.unwrap()).abs() <= 5e-8);
        assert!((e.lon.unwrap() - b.lon.unwrap()).abs() <= 5e-8);
        e.lat = b.lat;
        e.lon = b.lon;
    }
    assert_eq!(back.activity, expected);

    let listed = s
        .activities(t("2024-05-04T00:00:00Z"), t("2024-05-05T00:00:00Z"), false)
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].activity.samples.is_empty() && listed[0].activity.laps.is_empty());
    assert_eq!(listed[0].sample_count, 601);
    assert!(s
        .activities(
            t("2024-05-04T06:30:00.001Z"),
            t("2024-05-05T00:00:00Z"),
            false
        )
        .unwrap()
        .is_empty());

    let counts = s.counts().unwrap();
    assert_eq!(
        (counts.activities, counts.samples, counts.laps),
        (1, 601, 2)
    );
    assert!(s.delete_activity(id.id()).unwrap());
    let counts = s.counts().unwrap();
    assert_eq!(
        (counts.activities, counts.samples, counts.laps),
        (0, 0, 0),
        "samples and laps cascade"
    );
    assert_eq!(b.rows("activity_samples"), 0);
}

fn activities_encoded_beforehand_are_stored_as_the_same_rows(b: &mut Backend) {
    use keel_store::samples::{encode, EncodedActivity};
    let s = b.store();
    let a = fit_run(t("2024-05-04T06:30:00Z"), 600);
    let mut gpx = gpx_run(t("2024-05-06T06:30:00Z"), 900);
    gpx.laps.clear();
    let encoded = EncodedActivity::new(a.clone());
    assert_eq!(encoded.encoded(), Some(&encode(&a.samples).unwrap()[..]));
    let out = s
        .import_encoded(
            &file("two.fit", b"two", "fit"),
            &[encoded, EncodedActivity::new(gpx.clone())],
            &[],
        )
        .unwrap();
    assert!(
        matches!(out, FileOutcome::Stored { result: FileResult::Imported, ref activities, .. }
            if activities.len() == 2),
        "{out:?}"
    );
    // The same rows as a file stored without the blobs.
    let stored = all(&*s);
    let mut reference = Backend::sqlite();
    reference
        .store()
        .import_file(&file("two.fit", b"two", "fit"), &[a, gpx], &[])
        .unwrap();
    let expected = all(&*reference.store());
    let strip = |v: Vec<keel_store::StoredActivity>| {
        v.into_iter()
            .map(|x| (x.sample_count, x.content_hash, x.activity))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(stored), strip(expected));

    // Samples the encoder refuses have no blob: the store refuses them as it always did,
    // and nothing is written.
    let mut bad = fit_run(t("2024-05-08T06:30:00Z"), 300);
    bad.samples[200].speed_mps = Some(f64::NAN);
    let bad = EncodedActivity::new(bad);
    assert_eq!(bad.encoded(), None);
    let before = s.counts().unwrap();
    let err = s
        .import_encoded(&file("bad.fit", b"bad", "fit"), &[bad], &[])
        .unwrap_err();
    assert!(err.to_string().contains("sample 200: speed_mps"), "{err}");
    assert_eq!(s.counts().unwrap(), before);
}

fn workouts_round_trip_and_manual_sets_append(b: &mut Backend) {
    let s = b.store();
    let w = workout(
        "Lower A",
        date(2024, 5, 6),
        Some(t("2024-05-06T17:00:00Z")),
        "strong.csv",
    );
    let id = s.insert_workout(&w).unwrap().id();
    let got = s.workouts(date(2024, 5, 6), date(2024, 5, 6)).unwrap();
    assert_eq!(got.len(), 1);
    let mut expected = w.clone();
    // Orders are renumbered from 1 in input order.
    for (i, set) in expected.sets.iter_mut().enumerate() {
        set.order = i as u32 + 1;
    }
    assert_eq!(got[0].workout, expected);
    assert_eq!(got[0].id, id);

    let manual = workout("Strength", date(2024, 5, 7), None, "manual");
    let m = s.insert_workout(&manual).unwrap().id();
    s.append_sets(m, &manual.sets[..1]).unwrap();
    let got = s.workouts(date(2024, 5, 7), date(2024, 5, 7)).unwrap();
    let orders: Vec<u32> = got[0].workout.sets.iter().map(|s| s.order).collect();
    assert_eq!(orders, vec![1, 2, 3, 4, 5]);
    assert!(matches!(
        s.append_sets(999, &manual.sets),
        Err(StoreError::Invalid {
            field: "workout",
            ..
        })
    ));

    assert_eq!(s.workouts(Date::MIN, Date::MAX).unwrap().len(), 2);
    assert!(s.workouts(date(2024, 5, 8), Date::MAX).unwrap().is_empty());
    assert!(s.delete_workout(id).unwrap());
    assert_eq!(s.counts().unwrap().sets, 5);
}

fn checkin_second_same_day_replaces_first(b: &mut Backend) {
    let s = b.store();
    let mut c = CheckIn {
        date: date(2024, 5, 6),
        sleep_h: Some(6.5),
        sleep_quality: Some(3),
        fatigue: Some(4),
        soreness_legs: Some(4),
        soreness_upper: Some(1),
        mood: Some(2),
        stress: Some(3),
        motivation: Some(2),
        ill: false,
        note: Some("long day".into()),
    };
    assert_eq!(s.put_checkin(&c).unwrap(), None);
    let first = c.clone();
    c.fatigue = Some(2);
    c.ill = true;
    assert_eq!(s.put_checkin(&c).unwrap(), Some(first));
    let other = CheckIn {
        date: date(2024, 5, 8),
        ..c.clone()
    };
    s.put_checkin(&other).unwrap();
    assert_eq!(
        s.checkins(date(2024, 5, 1), date(2024, 5, 7)).unwrap(),
        vec![c.clone()]
    );
    assert_eq!(s.checkins(Date::MIN, Date::MAX).unwrap().len(), 2);

    let bad = CheckIn {
        fatigue: Some(6),
        ..c.clone()
    };
    let err = s.put_checkin(&bad).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Invalid {
                field: "fatigue",
                ..
            }
        ),
        "{err}"
    );
    let bad = CheckIn {
        sleep_h: Some(25.0),
        ..c
    };
    assert!(matches!(
        s.put_checkin(&bad),
        Err(StoreError::Invalid {
            field: "sleep_h",
            ..
        })
    ));
}

fn adjustments_sync_adds_keeps_and_clears(b: &mut Backend) {
    let s = b.store();
    let adj = |d: i8, rule: &str, kind: &str| NewAdjustment {
        date: date(2024, 5, d),
        rule: rule.into(),
        kind: kind.into(),
        text: format!("{rule} on {d}"),
        detail: None,
    };
    let (from, to) = (date(2024, 5, 6), date(2024, 5, 12));
    let r = s
        .sync_adjustments(
            from,
            to,
            &[
                adj(7, "sleep", "one-set-fewer"),
                adj(8, "soreness-vs-running", "drop-to-mobility"),
            ],
        )
        .unwrap();
    assert_eq!((r.added, r.kept, r.cleared), (2, 0, 0));
    let r = s
        .sync_adjustments(from, to, &[adj(7, "sleep", "one-set-fewer")])
        .unwrap();
    assert_eq!((r.added, r.kept, r.cleared), (0, 1, 1));
    let active = s.adjustments(from, to, true).unwrap();
    assert_eq!(active.len(), 1);
    assert_eq!(active[0].adjustment.rule, "sleep");
    let everything = s.adjustments(from, to, false).unwrap();
    assert_eq!(everything.len(), 2);
    assert!(everything
        .iter()
        .any(|a| !a.active && a.cleared_at.is_some()));
    // The signal comes back: the same adjustment is re-activated, not duplicated.
    let r = s
        .sync_adjustments(
            from,
            to,
            &[
                adj(7, "sleep", "one-set-fewer"),
                adj(8, "soreness-vs-running", "drop-to-mobility"),
            ],
        )
        .unwrap();
    assert_eq!((r.added, r.kept, r.cleared), (1, 1, 0));
    assert_eq!(s.adjustments(from, to, false).unwrap().len(), 2);
    assert_eq!(s.counts().unwrap().adjustments_active, 2);
    // Outside the range: refused, nothing changed.
    assert!(s
        .sync_adjustments(from, to, &[adj(20, "sleep", "x")])
        .is_err());
    assert_eq!(s.counts().unwrap().adjustments_active, 2);
    let id = active[0].id;
    assert!(s.set_adjustment_active(id, false).unwrap());
    assert_eq!(s.adjustments(from, to, true).unwrap().len(), 1);
}

fn same_file_twice_adds_nothing(b: &mut Backend) {
    let s = b.store();
    let bytes = b"fit bytes";
    let f = file("run.fit", bytes, "fit");
    let a = fit_run(t("2024-05-04T06:30:00Z"), 1800);
    let first = s.import_file(&f, std::slice::from_ref(&a), &[]).unwrap();
    let FileOutcome::Stored {
        result, activities, ..
    } = first
    else {
        panic!("{first:?}")
    };
    assert_eq!(result, FileResult::Imported);
    assert!(matches!(activities[..], [InsertOutcome::Inserted(_)]));
    let before = s.counts().unwrap();
    let again = s.import_file(&f, &[a], &[]).unwrap();
    assert!(
        matches!(again, FileOutcome::AlreadyImported(ref f) if f.activities == 1),
        "{again:?}"
    );
    assert_eq!(s.counts().unwrap(), before);
    assert_eq!(
        s.file_by_hash(&content_hash(bytes)).unwrap().unwrap().name,
        "run.fit"
    );
}

fn fit_after_gpx_replaces_in_place_and_keeps_the_name(b: &mut Backend) {
    let s = b.store();
    let start = t("2024-05-04T06:30:00Z");
    let gpx = gpx_run(start + 20.seconds(), 3610);
    let fit = fit_run(start, 3600);
    let g = s
        .import_file(&file("run.gpx", b"gpx", "gpx"), &[gpx], &[])
        .unwrap();
    let FileOutcome::Stored { activities: ga, .. } = g else {
        panic!()
    };
    let f = s
        .import_file(
            &file("run.fit", b"fit", "fit"),
            std::slice::from_ref(&fit),
            &[],
        )
        .unwrap();
    let FileOutcome::Stored {
        activities: fa,
        result,
        ..
    } = f
    else {
        panic!()
    };
    assert_eq!(fa, vec![InsertOutcome::Replaced(ga[0].id())]);
    assert_eq!(result, FileResult::Imported);
    let stored = all(s);
    assert_eq!(stored.len(), 1);
    let a = &stored[0].activity;
    assert_eq!(a.source, "run.fit");
    assert_eq!(a.samples.len(), fit.samples.len());
    assert_eq!(a.laps.len(), 2);
    assert_eq!(
        a.name.as_deref(),
        Some("Morning Run"),
        "name kept from the poorer copy"
    );
    assert_eq!(a.rpe, Some(4.0));
    assert_eq!(stored[0].content_hash, Some(content_hash(b"fit")));
}

fn gpx_after_fit_is_a_duplicate_that_fills_missing_fields(b: &mut Backend) {
    let s = b.store();
    let start = t("2024-05-04T06:30:00Z");
    let fit = fit_run(start, 3600);
    let id = s.insert_activity(&fit, Some("sha256:fit")).unwrap().id();
    let out = s
        .import_file(
            &file("run.gpx", b"gpx", "gpx"),
            &[gpx_run(start - 45.seconds(), 3500)],
            &[],
        )
        .unwrap();
    let FileOutcome::Stored {
        activities, result, ..
    } = out
    else {
        panic!()
    };
    assert_eq!(activities, vec![InsertOutcome::Duplicate(id)]);
    assert_eq!(result, FileResult::Duplicate);
    let stored = all(s);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].activity.source, "run.fit");
    assert_eq!(stored[0].activity.samples.len(), 3601);
    assert_eq!(stored[0].activity.name.as_deref(), Some("Morning Run"));
}

fn near_but_different_activities_are_both_kept(b: &mut Backend) {
    let s = b.store();
    let start = t("2024-05-04T06:30:00Z");
    s.insert_activity(&fit_run(start, 3600), None).unwrap();
    // 61 s later: outside the window.
    let o = s
        .insert_activity(&gpx_run(start + 61.seconds(), 3600), None)
        .unwrap();
    assert!(matches!(o, InsertOutcome::Inserted(_)));
    // Same start, 6% longer: a different activity.
    let o = s
        .insert_activity(&gpx_run(start, 3600 * 106 / 100), None)
        .unwrap();
    assert!(matches!(o, InsertOutcome::Inserted(_)));
    // Manual entries are never merged, even on top of one another.
    let mut m = gpx_run(start, 3600);
    m.source = "manual".into();
    assert!(matches!(
        s.insert_activity(&m, None).unwrap(),
        InsertOutcome::Inserted(_)
    ));
    assert!(matches!(
        s.insert_activity(&m, None).unwrap(),
        InsertOutcome::Inserted(_)
    ));
    assert_eq!(s.counts().unwrap().activities, 5);
}

fn imported_workouts_are_deduplicated_across_exports(b: &mut Backend) {
    let s = b.store();
    let w1 = workout(
        "Lower A",
        date(2024, 5, 6),
        Some(t("2024-05-06T17:00:00Z")),
        "strong.csv",
    );
    let w2 = workout(
        "Upper",
        date(2024, 5, 8),
        Some(t("2024-05-08T17:00:00Z")),
        "strong.csv",
    );
    let first = s
        .import_file(
            &file("strong-1.csv", b"one", "strong-csv"),
            &[],
            std::slice::from_ref(&w1),
        )
        .unwrap();
    assert!(matches!(
        first,
        FileOutcome::Stored {
            result: FileResult::Imported,
            ..
        }
    ));
    // A later, cumulative export: the old workout is a duplicate, the new one is added.
    let second = s
        .import_file(&file("strong-2.csv", b"two", "strong-csv"), &[], &[w1, w2])
        .unwrap();
    let FileOutcome::Stored { workouts, .. } = second else {
        panic!()
    };
    assert!(matches!(
        workouts[..],
        [InsertOutcome::Duplicate(_), InsertOutcome::Inserted(_)]
    ));
    assert_eq!(s.counts().unwrap().workouts, 2);
    let files = s.recent_files(10).unwrap();
    assert_eq!(files[0].workouts, 1);
    assert_eq!(files[1].workouts, 1);
}

fn partial_files_are_recorded_as_partial(b: &mut Backend) {
    let s = b.store();
    let mut a = fit_run(t("2024-05-04T06:30:00Z"), 100);
    a.partial = Some("file ends at byte 5120 of 9000".into());
    let out = s
        .import_file(&file("cut.fit", b"cut", "fit"), &[a], &[])
        .unwrap();
    assert!(matches!(
        out,
        FileOutcome::Stored {
            result: FileResult::Partial,
            ..
        }
    ));
    let f = &s.recent_files(1).unwrap()[0];
    assert_eq!(f.result, FileResult::Partial);
    assert_eq!(f.detail.as_deref(), Some("file ends at byte 5120 of 9000"));
}

fn rejected_files_are_recorded_and_can_be_retried(b: &mut Backend) {
    let s = b.store();
    let f = file("bad.fit", b"bad", "fit");
    s.record_rejected(&f, "not a FIT file: header says .FIX")
        .unwrap();
    assert_eq!(
        s.file_by_hash(&f.content_hash).unwrap(),
        None,
        "a rejection does not block a retry"
    );
    let recent = s.recent_files(5).unwrap();
    assert_eq!(recent[0].result, FileResult::Rejected);
    assert_eq!(
        recent[0].detail.as_deref(),
        Some("not a FIT file: header says .FIX")
    );
    assert!(matches!(
        s.import_file(&f, &[], &[]),
        Err(StoreError::Invalid { field: "file", .. })
    ));
}

fn a_failure_mid_file_leaves_nothing(b: &mut Backend) {
    let s = b.store();
    let good = fit_run(t("2024-05-04T06:30:00Z"), 300);
    // The second activity has a sample the encoder refuses, after the first was written.
    let mut bad = fit_run(t("2024-05-05T06:30:00Z"), 300);
    bad.samples[200].speed_mps = Some(f64::NAN);
    let err = s
        .import_file(&file("two.fit", b"two", "fit"), &[good.clone(), bad], &[])
        .unwrap_err();
    assert!(err.to_string().contains("sample 200: speed_mps"), "{err}");
    assert_eq!(s.counts().unwrap(), keel_store::Counts::default());

    // Same with a workout whose third set is invalid, after activity and workout rows.
    let mut w = workout("Lower", date(2024, 5, 6), None, "hevy.csv");
    w.sets[2].exercise = "  ".into();
    let err = s
        .import_file(&file("mixed", b"mixed", "hevy-csv"), &[good], &[w])
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Invalid {
                field: "exercise",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(s.counts().unwrap(), keel_store::Counts::default());
    assert_eq!(s.file_by_hash(&content_hash(b"mixed")).unwrap(), None);
}

#[test]
fn disk_full_and_read_only_are_reported_clearly_and_roll_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = SqliteStore::open(dir.path().join("keel.db")).unwrap();
    s.insert_activity(&fit_run(t("2024-05-01T06:00:00Z"), 60), None)
        .unwrap();
    let pages: i64 = s
        .connection()
        .pragma_query_value(None, "page_count", |r| r.get(0))
        .unwrap();
    // Cap the file at its current size: the next big write runs out of room.
    s.connection()
        .pragma_update(None, "max_page_count", pages)
        .unwrap();
    let err = s
        .insert_activity(&fit_run(t("2024-05-04T06:30:00Z"), 20_000), None)
        .unwrap_err();
    assert!(matches!(err, StoreError::DiskFull), "{err:?}");
    assert!(err.to_string().contains("disk is full"));
    assert_eq!(
        s.counts().unwrap().activities,
        1,
        "the failed insert left nothing"
    );

    s.connection()
        .pragma_update(None, "query_only", true)
        .unwrap();
    let err = s.set_profile("p.toml", "x").unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly), "{err:?}");
    assert!(err.to_string().contains("read-only"));
}

fn invalid_values_name_their_field(b: &mut Backend) {
    let s = b.store();
    let mut a = fit_run(t("2024-05-04T06:30:00Z"), 60);
    a.elapsed_s = -1.0;
    assert!(matches!(
        s.insert_activity(&a, None),
        Err(StoreError::Invalid {
            field: "elapsed_s",
            ..
        })
    ));
    a.elapsed_s = 60.0;
    a.distance_m = Some(f64::INFINITY);
    assert!(matches!(
        s.insert_activity(&a, None),
        Err(StoreError::Invalid {
            field: "distance_m",
            ..
        })
    ));
    let w = workout("x", date(0, 1, 1), None, "manual");
    assert!(matches!(
        s.insert_workout(&w),
        Err(StoreError::Invalid {
            field: "workout date",
            ..
        })
    ));
    assert_eq!(s.counts().unwrap(), keel_store::Counts::default());
}

#[test]
fn two_connections_share_one_file() {
    // The web server and the CLI open the same database; each sees the other's commits.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keel.db");
    let mut cli = SqliteStore::open(&path).unwrap();
    let web = SqliteStore::open(&path).unwrap();
    assert_eq!(web.latest_profile().unwrap(), None);
    cli.set_profile("p.toml", "x = 1").unwrap();
    assert_eq!(web.latest_profile().unwrap().unwrap().toml, "x = 1");
}

fn a_complete_copy_beats_a_richer_partial_one(b: &mut Backend) {
    let s = b.store();
    let start = t("2024-05-04T06:30:00Z");
    let mut cut = fit_run(start, 3600);
    cut.partial = Some("file truncated at byte 90000".into());
    let id = s.insert_activity(&cut, None).unwrap().id();
    let out = s.insert_activity(&gpx_run(start, 3600), None).unwrap();
    assert_eq!(out, InsertOutcome::Replaced(id));
    let stored = s.activity(id).unwrap().unwrap();
    assert_eq!(stored.activity.partial, None);
    assert_eq!(stored.activity.source, "run.gpx");
}

fn short_activities_allow_the_start_window_in_duration(b: &mut Backend) {
    let s = b.store();
    let start = t("2024-05-04T06:30:00Z");
    // 10 and 10:50 minutes: 8% apart, but within a minute: one recording trimmed differently.
    let id = s.insert_activity(&fit_run(start, 600), None).unwrap().id();
    let out = s
        .insert_activity(&gpx_run(start + 10.seconds(), 650), None)
        .unwrap();
    assert_eq!(out, InsertOutcome::Duplicate(id));
}

#[test]
fn the_store_works_behind_a_trait_object() {
    // The web server holds `Box<dyn Store + Send>`; either backend slots in the same way.
    let mut s: Box<dyn Store + Send> = Box::new(SqliteStore::open_in_memory().unwrap());
    s.set_profile("p.toml", "x = 1").unwrap();
    assert_eq!(s.counts().unwrap().profiles, 1);
    if let Some(Backend::Pg(pg, _db, _schema)) = Backend::postgres("trait object") {
        let mut s: Box<dyn Store + Send> = Box::new(pg);
        s.set_profile("p.toml", "x = 1").unwrap();
        assert_eq!(s.counts().unwrap().profiles, 1);
    }
}

on_both_backends!(
    profile_latest_wins_and_history_is_kept,
    activity_round_trips_with_samples_and_laps,
    activities_encoded_beforehand_are_stored_as_the_same_rows,
    workouts_round_trip_and_manual_sets_append,
    checkin_second_same_day_replaces_first,
    adjustments_sync_adds_keeps_and_clears,
    same_file_twice_adds_nothing,
    fit_after_gpx_replaces_in_place_and_keeps_the_name,
    gpx_after_fit_is_a_duplicate_that_fills_missing_fields,
    near_but_different_activities_are_both_kept,
    imported_workouts_are_deduplicated_across_exports,
    partial_files_are_recorded_as_partial,
    rejected_files_are_recorded_and_can_be_retried,
    a_failure_mid_file_leaves_nothing,
    invalid_values_name_their_field,
    a_complete_copy_beats_a_richer_partial_one,
    short_activities_allow_the_start_window_in_duration,
);
