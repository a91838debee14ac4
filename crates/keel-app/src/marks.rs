//! Done and skipped, and compliance: one door for `keel done`, `keel skip`, the web week
//! page's buttons, and the compliance line of `keel today`, `keel load` and the web.
//!
//! A logged or imported workout on the day of a planned session marks it done by itself
//! (`keel_core::marks`); a mark by hand says so when the log cannot (done without logging,
//! skipped on purpose). A skipped session is never made up by doubling another: the plan is
//! not changed by a mark at all.

use jiff::civil::Date;
use jiff::ToSpan;
use keel_core::activity::StrengthWorkout;
use keel_core::marks::{self, Compliance, Mark, MarkStatus, SessionState};
use keel_core::plan::Session;
use keel_store::Store;

use crate::checkin::MAX_NOTE_CHARS;
use crate::edits::{require_stored, EditError};
use crate::plan::Planned;
use crate::AppError;

/// Whether the plan in force (with the runner's edits) holds a strength session on `date`.
fn has_session(planned: &Planned, date: Date) -> bool {
    planned
        .base
        .weeks
        .iter()
        .flat_map(|w| &w.days)
        .filter(|d| d.date == date)
        .flat_map(|d| &d.sessions)
        .any(|s| matches!(s, Session::Strength(_)))
}

/// A note as typed: trimmed, at most 500 characters, no control characters.
fn note(text: &str) -> Result<Option<String>, AppError> {
    let t = text.trim();
    if t.chars().count() > MAX_NOTE_CHARS {
        return Err(EditError::Note(format!("keep it to {MAX_NOTE_CHARS} characters")).into());
    }
    if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(EditError::Note("it holds control characters".into()).into());
    }
    Ok((!t.is_empty()).then(|| t.to_string()))
}

/// Marks the strength session on `date` done or skipped (with a note, for skipped ones):
/// there must be one in the plan in force, and a session is done only once its day has
/// come. A new mark for the day replaces the old one.
pub fn mark(
    store: &mut impl Store,
    planned: &Planned,
    date: Date,
    status: MarkStatus,
    why: &str,
    today: Date,
) -> Result<Mark, AppError> {
    require_stored(planned)?;
    if !has_session(planned, date) {
        return Err(EditError::NoSession(date).into());
    }
    if status == MarkStatus::Done && date > today {
        return Err(EditError::Future { date, today }.into());
    }
    let m = Mark {
        date,
        status,
        note: note(why)?,
    };
    store.put_session_mark(&m)?;
    Ok(m)
}

/// Removes the mark of `date` (the log decides again whether its session was done).
pub fn unmark(store: &mut impl Store, planned: &Planned, date: Date) -> Result<(), AppError> {
    require_stored(planned)?;
    if store.delete_session_mark(date)? {
        Ok(())
    } else {
        Err(EditError::NoMark(date).into())
    }
}

/// The marks (for the stored profile's plan only: marks belong to it) and the strength
/// workouts dated `from..=to`.
fn logged(
    store: &impl Store,
    planned: &Planned,
    from: Date,
    to: Date,
) -> Result<(Vec<Mark>, Vec<StrengthWorkout>), AppError> {
    let marks = if planned.stored() {
        store.session_marks(from, to)?
    } else {
        Vec::new()
    };
    let workouts = store
        .workouts(from, to)?
        .into_iter()
        .map(|w| w.workout)
        .collect();
    Ok((marks, workouts))
}

/// Where each strength session of the plan in force dated `from..=to` stands on `today`.
pub fn states(
    store: &impl Store,
    planned: &Planned,
    from: Date,
    to: Date,
    today: Date,
) -> Result<Vec<SessionState>, AppError> {
    let (marks, workouts) = logged(store, planned, from, to)?;
    Ok(marks::states(
        &planned.base,
        from,
        to,
        today,
        &marks,
        &workouts,
        &planned.profile.profile.exercise_aliases,
    ))
}

/// Compliance on `today`: done / due over the 28 days ending today (see
/// [`keel_core::marks::compliance`]).
pub fn compliance(
    store: &impl Store,
    planned: &Planned,
    today: Date,
) -> Result<Compliance, AppError> {
    let from = today.saturating_sub((marks::WINDOW_DAYS - 1).days());
    let (marks, workouts) = logged(store, planned, from, today)?;
    Ok(marks::compliance(
        &planned.base,
        today,
        &marks,
        &workouts,
        &planned.profile.profile.exercise_aliases,
    ))
}

/// Compliance as `keel.today/1` and `keel.load/1` carry it: the window, the counts, the
/// ratio (done / planned, two decimals; `null` when nothing was due) and the line people
/// read.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ComplianceJson {
    /// First day of the window.
    pub from: Date,
    /// Last day of the window (the day shown).
    pub to: Date,
    /// Strength sessions due (mobility not counted).
    pub planned: u32,
    /// Done: marked done, or matched by a logged or imported workout.
    pub done: u32,
    /// Marked skipped.
    pub skipped: u32,
    /// Neither, and the day has passed.
    pub missed: u32,
    /// done / planned.
    pub ratio: Option<f64>,
    /// The sentence shown in text and on the web.
    pub text: String,
}

impl From<&Compliance> for ComplianceJson {
    fn from(c: &Compliance) -> Self {
        ComplianceJson {
            from: c.from,
            to: c.to,
            planned: c.planned,
            done: c.done,
            skipped: c.skipped,
            missed: c.missed,
            ratio: c.ratio().map(|r| (r * 100.0).round() / 100.0),
            text: c.line(),
        }
    }
}
