//! The runner's own changes to the plan in force (`runner-choice`): swaps and moves, one door
//! for `keel swap`, `keel move` and the web week page's controls.
//!
//! Edits belong to the stored profile's plan. Each is validated on the plan as the runner
//! sees it (with the edits already made), then stored; [`StoredEdits::apply`] lays them over
//! the season every time the plan in force is computed (`crate::plan::plan_in_force`), before
//! adaptation. Nothing here reads the clock: "today" comes from the caller.

use std::sync::Arc;

use jiff::civil::Date;
use keel_core::edits::{self, Alternative, Edited, Move, MoveError, Swap, SwapError};
use keel_core::exercises::{self, Exercise, LIBRARY};
use keel_core::model::Focus;
use keel_core::plan::{Plan, Why};
use keel_store::{Id, PlanEdit, Store};

use crate::plan::Planned;
use crate::AppError;

/// The edits stored in the log, in the order they apply.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoredEdits {
    /// Moves, with their row ids.
    pub moves: Vec<(Id, Move)>,
    /// Swaps, with their row ids.
    pub swaps: Vec<(Id, Swap)>,
}

impl StoredEdits {
    /// The moves, in order.
    pub fn move_list(&self) -> Vec<Move> {
        self.moves.iter().map(|(_, m)| *m).collect()
    }

    /// The swaps, in order.
    pub fn swap_list(&self) -> Vec<Swap> {
        self.swaps.iter().map(|(_, s)| s.clone()).collect()
    }

    /// The season with these edits laid over it (moves, then swaps), and the days holding a
    /// session the runner moved there; the season itself, shared, without edits.
    pub fn apply(&self, season: &Arc<Plan>) -> (Arc<Plan>, Vec<Date>) {
        if self.moves.is_empty() && self.swaps.is_empty() {
            return (Arc::clone(season), Vec::new());
        }
        let edited = edits::apply(season, &self.move_list(), &self.swap_list());
        (Arc::new(edited.plan), edited.moved)
    }

    /// [`StoredEdits::apply`] taking the season by value (not copied when there is no edit).
    pub fn apply_owned(&self, season: Plan) -> Edited {
        if self.moves.is_empty() && self.swaps.is_empty() {
            return Edited {
                plan: season,
                moved: Vec::new(),
                skipped: Vec::new(),
            };
        }
        edits::apply(&season, &self.move_list(), &self.swap_list())
    }
}

/// Reads the stored edits.
pub fn read(store: &impl Store) -> Result<StoredEdits, AppError> {
    let mut out = StoredEdits::default();
    for e in store.plan_edits()? {
        match e.edit {
            PlanEdit::Move(m) => out.moves.push((e.id, m)),
            PlanEdit::Swap(s) => out.swaps.push((e.id, s)),
        }
    }
    Ok(out)
}

/// Why an edit or a mark was not made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The plan in force comes from a profile file, not the stored profile.
    #[error("swaps, moves and marks change the stored profile's plan, the one in force; this plan comes from a profile file: store it with `keel profile set FILE` first")]
    NotStored,
    /// An exercise id that is not in the library.
    #[error("`{given}` is not an exercise of keel's library{}", suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
    UnknownExercise {
        /// What was given.
        given: String,
        /// The closest library id, when one is close.
        suggestion: Option<String>,
    },
    /// The swap cannot be made.
    #[error(transparent)]
    Swap(#[from] SwapError),
    /// The move cannot be made (a rule refusing it is [`MoveError::Refused`]).
    #[error(transparent)]
    Move(#[from] MoveError),
    /// `--undo` of a swap that is not stored.
    #[error("no swap of `{0}` is stored (see `keel swap --list`)")]
    NoSwap(String),
    /// `--undo` of a move that is not stored.
    #[error("no move from or to {0} is stored (see `keel move --list`)")]
    NoMove(Date),
    /// Nothing to mark on the day.
    #[error("no strength session is planned on {0}")]
    NoSession(Date),
    /// A session marked done before its day.
    #[error("{date} is after today ({today}): mark a session done once it is done")]
    Future {
        /// The day given.
        date: Date,
        /// Today.
        today: Date,
    },
    /// `--undo` of a mark that is not stored.
    #[error("no mark is stored for {0}")]
    NoMark(Date),
    /// A note that is too long or holds control characters.
    #[error("--why: {0}")]
    Note(String),
}

/// Edits need the stored profile's plan.
pub(crate) fn require_stored(planned: &Planned) -> Result<(), AppError> {
    if planned.stored() {
        Ok(())
    } else {
        Err(EditError::NotStored.into())
    }
}

/// A library exercise from an id as typed, with the closest id suggested when unknown.
pub fn library_exercise(id: &str) -> Result<&'static Exercise, AppError> {
    let id = id.trim();
    exercises::find(id).ok_or_else(|| {
        let ids: Vec<&str> = LIBRARY.iter().map(|e| e.id).collect();
        EditError::UnknownExercise {
            given: id.to_string(),
            suggestion: keel_profile::closest(id, &ids).map(str::to_string),
        }
        .into()
    })
}

/// The exercise the plan prescribes where `shown` is on `date`: the swapped exercise when
/// `shown` is there by a swap in force, else `shown` itself.
fn planned_exercise(
    edits: &StoredEdits,
    shown: &'static Exercise,
    date: Date,
) -> &'static Exercise {
    let swaps = edits.swap_list();
    let in_force = |x: &str| {
        swaps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.exercise == x && s.since <= date)
            .max_by_key(|(i, s)| (s.since, *i))
            .map(|(_, s)| s)
    };
    swaps
        .iter()
        .filter(|s| s.with == shown.id)
        .find(|s| in_force(&s.exercise).is_some_and(|f| f.with == shown.id))
        .and_then(|s| exercises::find(&s.exercise))
        .unwrap_or(shown)
}

/// What `keel swap DATE EXERCISE` shows: the exercise on that day, the one the plan
/// prescribes there (different when a swap is in force), and the alternatives.
#[derive(Debug, Clone)]
pub struct SwapChoices {
    /// The day.
    pub date: Date,
    /// The exercise shown on that day.
    pub shown: &'static Exercise,
    /// The exercise the plan prescribes (the swap is stored against it).
    pub planned: &'static Exercise,
    /// What may replace it there, closest in demand first.
    pub alternatives: Vec<Alternative>,
}

/// The alternatives to `exercise` in the session on `date` of the plan in force (with the
/// runner's edits).
pub fn swap_choices(
    planned: &Planned,
    date: Date,
    exercise: &str,
) -> Result<SwapChoices, AppError> {
    let shown = library_exercise(exercise)?;
    let alternatives =
        edits::alternatives(&planned.base, date, shown.id).map_err(EditError::from)?;
    Ok(SwapChoices {
        date,
        shown,
        planned: planned_exercise(&planned.edits, shown, date),
        alternatives,
    })
}

/// A swap made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Swapped {
    /// The exercise the plan prescribes.
    pub planned: &'static Exercise,
    /// The exercise done instead from `since` on (the planned one: the swap is undone from
    /// that day on).
    pub with: &'static Exercise,
    /// The first day it applies to.
    pub since: Date,
}

/// Swaps `exercise` in the session on `date` for `with`, from that day on: `with` must be
/// one of [`swap_choices`]'s alternatives (or the exercise the plan prescribes, which puts
/// it back from that day on).
pub fn swap(
    store: &mut impl Store,
    planned: &Planned,
    date: Date,
    exercise: &str,
    with: &str,
) -> Result<Swapped, AppError> {
    require_stored(planned)?;
    let choices = swap_choices(planned, date, exercise)?;
    let with = library_exercise(with)?;
    edits::swap_reason(&planned.base, date, choices.shown.id, with.id).map_err(EditError::from)?;
    let swap = Swap {
        exercise: choices.planned.id.to_string(),
        with: with.id.to_string(),
        since: date,
    };
    let same_day = planned
        .edits
        .swaps
        .iter()
        .find(|(_, s)| s.exercise == swap.exercise && s.since == date);
    match same_day {
        // Back to the planned exercise on the day a swap started: no swap at all.
        Some((id, _)) if with.id == choices.planned.id => {
            store.delete_plan_edit(*id)?;
        }
        _ => {
            store.put_plan_edit(&PlanEdit::Swap(swap))?;
        }
    }
    Ok(Swapped {
        planned: choices.planned,
        with,
        since: date,
    })
}

/// Removes every stored swap of `exercise` (named as planned or as swapped in); how many.
pub fn undo_swap(
    store: &mut impl Store,
    planned: &Planned,
    exercise: &str,
) -> Result<usize, AppError> {
    require_stored(planned)?;
    let ex = library_exercise(exercise)?;
    let ids: Vec<Id> = planned
        .edits
        .swaps
        .iter()
        .filter(|(_, s)| s.exercise == ex.id || s.with == ex.id)
        .map(|(id, _)| *id)
        .collect();
    if ids.is_empty() {
        return Err(EditError::NoSwap(ex.id.to_string()).into());
    }
    for id in &ids {
        store.delete_plan_edit(*id)?;
    }
    Ok(ids.len())
}

/// A move made.
#[derive(Debug, Clone, PartialEq)]
pub struct MoveDone {
    /// The day the plan put the session on.
    pub planned: Date,
    /// The day it is on now.
    pub to: Date,
    /// Its focus.
    pub focus: Focus,
    /// What else in the week changed, each with its rule.
    pub shifted: Vec<Why>,
    /// It went back to its planned day: the move was removed.
    pub back: bool,
}

/// Moves the strength session on `from` (of `focus`, when the day holds more than one) to
/// `to`, a day of the same week, when the hard rules allow it there; the week's other
/// sessions shift around it. A session already moved moves again from its planned day (one
/// stored move each); moving it back to that day removes the move.
///
/// A rule that bars `to` is [`EditError::Move`] with [`MoveError::Refused`], naming the rule
/// and the nearest days that would take the session.
pub fn move_session(
    store: &mut impl Store,
    planned: &Planned,
    from: Date,
    focus: Option<Focus>,
    to: Date,
) -> Result<MoveDone, AppError> {
    require_stored(planned)?;
    // A session the runner moved here before: it moves again from its planned day.
    let earlier = planned.edits.moves.iter().find(|(_, m)| {
        m.to == from && planned.moved.contains(&from) && focus.is_none_or(|f| f == m.focus)
    });
    let others: Vec<Move> = planned
        .edits
        .moves
        .iter()
        .filter(|(id, _)| Some(*id) != earlier.map(|e| e.0))
        .map(|(_, m)| *m)
        .collect();
    let before = edits::apply(&planned.season, &others, &[]);
    let (origin, focus) = match earlier {
        Some((_, m)) => (m.from, Some(m.focus)),
        None => adapted_origin(planned, &before.plan, from, focus).unwrap_or((from, focus)),
    };
    if let (Some((id, m)), true) = (earlier, to == origin) {
        store.delete_plan_edit(*id)?;
        return Ok(MoveDone {
            planned: m.from,
            to,
            focus: m.focus,
            shifted: Vec::new(),
            back: true,
        });
    }
    let moved = edits::move_session(&before.plan, &before.moved, origin, focus, to)
        .map_err(EditError::from)?;
    if let Some((id, _)) = earlier {
        // Stored again at the end, so the order edits apply in is the order they were checked.
        store.delete_plan_edit(*id)?;
    }
    store.put_plan_edit(&PlanEdit::Move(Move {
        from: origin,
        focus: moved.focus,
        to,
    }))?;
    Ok(MoveDone {
        planned: origin,
        to,
        focus: moved.focus,
        shifted: moved.shifted,
        back: false,
    })
}

/// The planned day and focus of the session the plan in force shows on `from` when the
/// adaptation moved it there (a sore-legs move, say): the runner moves the session they see,
/// so the move starts from its planned day. `None` when `from` holds a planned session of
/// `focus` already, or nothing adaptation moved.
fn adapted_origin(
    planned: &Planned,
    before: &Plan,
    from: Date,
    focus: Option<Focus>,
) -> Option<(Date, Option<Focus>)> {
    let strength_on = |plan: &Plan, date: Date| -> Vec<keel_core::plan::StrengthSession> {
        plan.weeks
            .iter()
            .flat_map(|w| &w.days)
            .filter(|d| d.date == date)
            .flat_map(|d| &d.sessions)
            .filter_map(|s| match s {
                keel_core::plan::Session::Strength(st) => Some(st.clone()),
                keel_core::plan::Session::Run(_) => None,
            })
            .collect()
    };
    let planned_here = strength_on(before, from);
    if planned_here
        .iter()
        .any(|s| focus.is_none_or(|f| f == s.focus))
    {
        return None;
    }
    let shown = strength_on(&planned.plan, from);
    let session = shown.iter().find(|s| focus.is_none_or(|f| f == s.focus))?;
    // The adaptation's move is dated on the day it moved the session to.
    planned.changes.iter().find(|c| {
        c.kind == keel_core::adapt::ChangeKind::Move
            && c.date == from
            && session.why.iter().any(|w| w.text == c.text)
    })?;
    // Its planned day: the one day of the week that holds fewer sessions after the
    // adaptation than before it (the adaptation may also have changed the focus).
    let week = before
        .weeks
        .iter()
        .find(|w| w.days.iter().any(|d| d.date == from))?;
    let mut origins = week.days.iter().filter(|d| {
        d.date != from
            && strength_on(&planned.plan, d.date).len() < strength_on(before, d.date).len()
    });
    let (Some(day), None) = (origins.next(), origins.next()) else {
        return None;
    };
    let there = strength_on(before, day.date);
    let focus = match there.as_slice() {
        [one] => one.focus,
        _ => there
            .iter()
            .map(|s| s.focus)
            .find(|f| *f == session.focus)?,
    };
    Some((day.date, Some(focus)))
}

/// Removes the stored moves from or to `date`; how many.
pub fn undo_move(store: &mut impl Store, planned: &Planned, date: Date) -> Result<usize, AppError> {
    require_stored(planned)?;
    let ids: Vec<Id> = planned
        .edits
        .moves
        .iter()
        .filter(|(_, m)| m.from == date || m.to == date)
        .map(|(id, _)| *id)
        .collect();
    if ids.is_empty() {
        return Err(EditError::NoMove(date).into());
    }
    for id in &ids {
        store.delete_plan_edit(*id)?;
    }
    Ok(ids.len())
}

/// The plan in force after an edit or a mark, on `today`, with the adjustments in force
/// recorded again (the plan they apply to changed).
pub fn replan(store: &mut impl Store, local: &crate::clock::Local) -> Result<Planned, AppError> {
    let planned = crate::plan::plan_in_force(
        Some(&*store),
        &crate::plan::ProfileSource::Stored,
        local.today,
        local.today,
        None,
        &local.tz,
    )?;
    crate::adapt::record(store, local.today, &planned.changes)?;
    Ok(planned)
}
