//! The runner's plan edits (swaps, moves) and session marks: stored, replaced, deleted, read
//! back in order, kept across reopening, and every write that changes a row moves the data
//! version (the web caches depend on it) while a write that changes nothing does not. On
//! both backends (`on_both_backends!`); surviving a reopened file and a file made before
//! the server's accounts step are SQLite's alone.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod common;

use common::Backend;

use jiff::civil::date;
use keel_core::edits::{Move, Swap};
use keel_core::marks::{Mark, MarkStatus};
use keel_core::model::Focus;
use keel_store::{PlanEdit, SqliteStore, Store, StoreError, SCHEMA_VERSION};

on_both_backends!(
    edits_are_stored_replaced_and_deleted_in_order,
    marks_one_per_day,
    bad_edits_and_marks_are_refused_and_change_nothing,
);

fn swap(ex: &str, with: &str, d: u8) -> PlanEdit {
    PlanEdit::Swap(Swap {
        exercise: ex.into(),
        with: with.into(),
        since: date(2027, 1, d as i8),
    })
}

fn mv(from: u8, to: u8) -> PlanEdit {
    PlanEdit::Move(Move {
        from: date(2027, 1, from as i8),
        focus: Focus::Lower,
        to: date(2027, 1, to as i8),
    })
}

fn edits_are_stored_replaced_and_deleted_in_order(t: &mut Backend) {
    let s = t.store();
    assert!(s.plan_edits().unwrap().is_empty());
    let v0 = s.data_version().unwrap();
    let a = s
        .put_plan_edit(&swap("goblet-squat", "reverse-lunge", 5))
        .unwrap();
    let b = s.put_plan_edit(&mv(7, 8)).unwrap();
    let v1 = s.data_version().unwrap();
    assert!(v1 > v0);
    // The same edit again: same row, nothing written.
    assert_eq!(s.put_plan_edit(&mv(7, 8)).unwrap(), b);
    assert_eq!(s.data_version().unwrap(), v1);
    // Another target for the same (kind, day, subject): replaced in place, order kept.
    assert_eq!(s.put_plan_edit(&mv(7, 9)).unwrap(), b);
    let v2 = s.data_version().unwrap();
    assert!(v2 > v1);
    let c = s
        .put_plan_edit(&swap("goblet-squat", "step-up", 12))
        .unwrap();
    let all = s.plan_edits().unwrap();
    assert_eq!(
        all.iter()
            .map(|e| (e.id, e.edit.clone()))
            .collect::<Vec<_>>(),
        vec![
            (a, swap("goblet-squat", "reverse-lunge", 5)),
            (b, mv(7, 9)),
            (c, swap("goblet-squat", "step-up", 12)),
        ]
    );
    assert!(s.delete_plan_edit(b).unwrap());
    assert!(!s.delete_plan_edit(b).unwrap());
    assert!(s.data_version().unwrap() > v2);
    assert_eq!(s.plan_edits().unwrap().len(), 2);
    let err = s.put_plan_edit(&swap(" ", "step-up", 5)).unwrap_err();
    assert!(matches!(err, StoreError::Invalid { .. }), "{err}");
}

fn marks_one_per_day(t: &mut Backend) {
    let s = t.store();
    let done = Mark {
        date: date(2027, 1, 5),
        status: MarkStatus::Done,
        note: None,
    };
    let skipped = Mark {
        date: date(2027, 1, 7),
        status: MarkStatus::Skipped,
        note: Some("work trip".into()),
    };
    s.put_session_mark(&done).unwrap();
    s.put_session_mark(&skipped).unwrap();
    let v = s.data_version().unwrap();
    s.put_session_mark(&skipped).unwrap();
    assert_eq!(s.data_version().unwrap(), v, "the same mark writes nothing");
    assert_eq!(
        s.session_marks(date(2027, 1, 1), date(2027, 1, 31))
            .unwrap(),
        vec![done.clone(), skipped.clone()]
    );
    assert_eq!(
        s.session_marks(date(2027, 1, 6), date(2027, 1, 6)).unwrap(),
        vec![]
    );
    // A new mark for the day replaces the old one.
    let redone = Mark {
        status: MarkStatus::Done,
        note: None,
        ..skipped.clone()
    };
    s.put_session_mark(&redone).unwrap();
    assert!(s.data_version().unwrap() > v);
    assert_eq!(
        s.session_marks(date(2027, 1, 7), date(2027, 1, 7)).unwrap(),
        vec![redone]
    );
    assert!(s.delete_session_mark(date(2027, 1, 7)).unwrap());
    assert!(!s.delete_session_mark(date(2027, 1, 7)).unwrap());
    assert_eq!(
        s.session_marks(date(2027, 1, 1), date(2027, 1, 31))
            .unwrap(),
        vec![done]
    );
    assert_eq!(t.rows("session_marks"), 1);
}

fn bad_edits_and_marks_are_refused_and_change_nothing(t: &mut Backend) {
    let s = t.store();
    let v = s.data_version().unwrap();
    for bad in [
        swap("goblet-squat", "", 5),
        PlanEdit::Move(Move {
            from: date(2027, 1, 5),
            focus: Focus::Lower,
            to: date(0, 6, 1),
        }),
    ] {
        let err = s.put_plan_edit(&bad).unwrap_err();
        assert!(matches!(err, StoreError::Invalid { .. }), "{err}");
    }
    let err = s
        .put_session_mark(&Mark {
            date: date(-5, 1, 1),
            status: MarkStatus::Done,
            note: None,
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid { .. }), "{err}");
    assert!(!s.delete_plan_edit(12345).unwrap());
    assert!(!s.delete_session_mark(date(2027, 1, 5)).unwrap());
    assert_eq!(s.data_version().unwrap(), v);
    // The whole range of dates reads back every mark, and nothing was stored.
    assert!(s
        .session_marks(jiff::civil::Date::MIN, jiff::civil::Date::MAX)
        .unwrap()
        .is_empty());
    assert_eq!(t.rows("plan_edits"), 0);
}

#[test]
fn edits_and_marks_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keel.db");
    {
        let mut s = SqliteStore::open(&path).unwrap();
        s.put_plan_edit(&mv(5, 6)).unwrap();
        s.put_session_mark(&Mark {
            date: date(2027, 1, 5),
            status: MarkStatus::Skipped,
            note: None,
        })
        .unwrap();
    }
    let s = SqliteStore::open(&path).unwrap();
    assert_eq!(s.plan_edits().unwrap()[0].edit, mv(5, 6));
    assert_eq!(
        s.session_marks(date(2027, 1, 1), date(2027, 1, 31))
            .unwrap()
            .len(),
        1
    );
}

/// Files made when the plan edits were version 4 and the set tally version 5 (before the
/// server's accounts step took number 4) already hold those steps: opening them records the
/// current version, keeps their rows and does not apply a step twice.
#[test]
fn files_numbered_before_the_accounts_step_open() {
    let base = [
        include_str!("../migrations/0001_initial.sql"),
        include_str!("../migrations/0002_calendar_sequences.sql"),
        include_str!("../migrations/0003_data_version.sql"),
        include_str!("../migrations/0005_plan_edits_and_marks.sql"),
    ];
    let tally = include_str!("../migrations/0006_workout_set_tally.sql");
    for (old_version, with_tally) in [(4, false), (5, true)] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keel.db");
        {
            let c = rusqlite::Connection::open(&path).unwrap();
            for sql in base.iter().chain(with_tally.then_some(&tally)) {
                c.execute_batch(sql).unwrap();
            }
            c.execute(
                "INSERT INTO session_marks (date, status, note, marked_at_ms) \
                 VALUES ('2027-01-05', 'done', NULL, 0)",
                [],
            )
            .unwrap();
            c.pragma_update(None, "user_version", old_version).unwrap();
        }
        let mut s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION, "{old_version}");
        assert_eq!(
            s.session_marks(date(2027, 1, 1), date(2027, 1, 31))
                .unwrap()
                .len(),
            1
        );
        // The tally's columns are there and written.
        let mut w = keel_core::activity::StrengthWorkout {
            source: "manual".into(),
            date: date(2027, 1, 5),
            start: None,
            name: "Lifts".into(),
            duration_s: None,
            rpe: None,
            notes: None,
            sets: Vec::new(),
        };
        w.sets.push(keel_core::activity::LoggedSet {
            exercise: "goblet-squat".into(),
            order: 1,
            weight_kg: None,
            reps: Some(8),
            rpe: Some(7.0),
            rir: None,
            set_type: keel_core::activity::SetType::Normal,
            duration_s: None,
        });
        s.insert_workout(&w).unwrap();
        let got = s
            .workout_summaries(date(2027, 1, 1), date(2027, 1, 31))
            .unwrap();
        assert_eq!(got, vec![keel_core::load::WorkoutSummary::of(&w)]);
    }
}
