//! Plan edits and session marks as the columns both backends store: an edit is
//! (kind, date, subject, target) text, a mark's status is `done` or `skipped`.
//!
//! Invariants: [`edit_row`] refuses what [`edit_from_row`] could not read back (empty
//! exercise ids, dates outside the storable years), so a stored edit always decodes.

use crate::{PlanEdit, Result, StoreError};
use jiff::civil::Date;
use keel_core::edits::{Move, Swap};
use keel_core::marks::MarkStatus;

/// An edit's columns.
pub(crate) struct EditRow {
    /// `swap` or `move`.
    pub kind: &'static str,
    /// A swap's first day, a move's planned day.
    pub date: Date,
    /// A swap's planned exercise id, a move's focus.
    pub subject: String,
    /// A swap's exercise id done instead, a move's new day (`YYYY-MM-DD`).
    pub target: String,
}

fn decode(what: &'static str, detail: impl ToString) -> StoreError {
    StoreError::Decode {
        what,
        detail: detail.to_string(),
    }
}

/// The columns of `edit`, validated.
pub(crate) fn edit_row(edit: &PlanEdit) -> Result<EditRow> {
    let nonempty = |field: &'static str, v: &str| {
        if v.trim().is_empty() {
            Err(StoreError::Invalid {
                field,
                detail: "must not be empty".into(),
            })
        } else {
            Ok(())
        }
    };
    let date = crate::check::storable_date;
    Ok(match edit {
        PlanEdit::Swap(s) => {
            nonempty("swap exercise", &s.exercise)?;
            nonempty("swap replacement", &s.with)?;
            EditRow {
                kind: "swap",
                date: date("swap date", s.since)?,
                subject: s.exercise.clone(),
                target: s.with.clone(),
            }
        }
        PlanEdit::Move(m) => EditRow {
            kind: "move",
            date: date("move date", m.from)?,
            subject: m.focus.as_str().to_string(),
            target: date("move target date", m.to)?.to_string(),
        },
    })
}

/// The edit stored as these columns.
pub(crate) fn edit_from_row(
    kind: &str,
    date: Date,
    subject: String,
    target: String,
) -> Result<PlanEdit> {
    Ok(match kind {
        "swap" => PlanEdit::Swap(Swap {
            exercise: subject,
            with: target,
            since: date,
        }),
        "move" => PlanEdit::Move(Move {
            from: date,
            focus: subject.parse().map_err(|e| decode("move focus", e))?,
            to: target
                .parse()
                .map_err(|e| decode("move target date", format!("{target}: {e}")))?,
        }),
        other => return Err(decode("plan edit kind", other)),
    })
}

/// A stored mark status.
pub(crate) fn mark_status(s: &str) -> Result<MarkStatus> {
    s.parse().map_err(|e| decode("mark status", e))
}
