//! The runner's plan edits (swaps, moves) and session marks: stored, replaced, deleted, read
//! back in order, kept across reopening, and every write that changes a row moves the data
//! version (the web caches depend on it) while a write that changes nothing does not.

use jiff::civil::date;
use keel_core::edits::{Move, Swap};
use keel_core::marks::{Mark, MarkStatus};
use keel_core::model::Focus;
use keel_store::{PlanEdit, SqliteStore, Store, StoreError};

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

#[test]
fn edits_are_stored_replaced_and_deleted_in_order() {
    let mut s = SqliteStore::open_in_memory().unwrap();
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

#[test]
fn marks_one_per_day() {
    let mut s = SqliteStore::open_in_memory().unwrap();
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
