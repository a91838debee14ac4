//! The runner's own changes to the plan (`runner-choice`): exercises swapped for another of
//! the same pattern, and strength sessions moved to another day of their week.
//!
//! Pure, like the planner: [`apply`] lays the stored edits over a planned season, moves
//! first (each checked against the hard rules on its new day, the week's other sessions
//! shifted around it), then swaps (each checked in every session it reaches). An edit that no
//! longer holds (the profile changed, a hard rule now bars it) is left out and the week says
//! why. Adaptation runs on the edited plan and never moves a session the runner moved
//! ([`Edited::moved`]).
//!
//! Invariants (tested): an edited plan breaks no hard rule its planned weeks did not; every
//! reason names a rule of the book; a swapped-in exercise is of the swapped exercise's
//! pattern, within the athlete's equipment and movement screen, not on the avoid list, and
//! true to its session's focus (`core-not-legs`).

mod moves;
mod swap;

pub use moves::{move_session, MoveError, Moved, Refusal};
pub use swap::{alternatives, swap_reason, Alternative, SwapError};

use crate::model::Focus;
use crate::plan::{Plan, Session, StrengthSession, Why};
use crate::rules::runner_choice;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// An exercise swapped for another from a date on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Swap {
    /// The library id the plan prescribes.
    pub exercise: String,
    /// The library id to do instead (the planned one itself puts it back from `since` on).
    pub with: String,
    /// The first day it applies to.
    pub since: Date,
}

/// A strength session moved to another day of its week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Move {
    /// The day the plan puts it on.
    pub from: Date,
    /// Its focus (which session of that day).
    pub focus: Focus,
    /// The day it moves to (same week).
    pub to: Date,
}

/// A plan with the runner's edits laid over it.
#[derive(Debug, Clone, PartialEq)]
pub struct Edited {
    /// The edited plan.
    pub plan: Plan,
    /// Days holding a session the runner moved there: adaptation never moves these.
    pub moved: Vec<Date>,
    /// Edits that did not apply, each with why (also in their week's adjustments).
    pub skipped: Vec<Why>,
}

/// Lays `moves` (in order) and then `swaps` over `plan`.
pub fn apply(plan: &Plan, moves: &[Move], swaps: &[Swap]) -> Edited {
    let mut out = Edited {
        plan: plan.clone(),
        moved: Vec::new(),
        skipped: Vec::new(),
    };
    for m in moves {
        match move_session(&out.plan, &out.moved, m.from, Some(m.focus), m.to) {
            Ok(done) => {
                out.plan = done.plan;
                out.moved.retain(|d| *d != m.from);
                out.moved.push(m.to);
            }
            Err(e) => {
                let Some(wi) = week_index(&out.plan, m.from) else {
                    continue;
                };
                let why = match e {
                    MoveError::Refused(r) => Why::new(
                        r.rule,
                        format!(
                            "Your move of {}'s {} session to {} is not used: {}",
                            m.from.strftime("%A"),
                            crate::rules::week::focus_phrase(m.focus),
                            m.to.strftime("%A"),
                            r.text
                        ),
                    ),
                    other => Why::new(
                        runner_choice::ID,
                        format!("Your move to {} is not used: {other}.", m.to.strftime("%A")),
                    ),
                };
                note(&mut out.plan, wi, &why);
                out.skipped.push(why);
            }
        }
    }
    swap::apply_swaps(&mut out, swaps);
    out
}

/// The index of the week holding `date`.
pub(crate) fn week_index(plan: &Plan, date: Date) -> Option<usize> {
    plan.weeks
        .iter()
        .position(|w| w.days.iter().any(|d| d.date == date))
}

/// Adds a reason to a week's adjustments once.
pub(crate) fn note(plan: &mut Plan, wi: usize, why: &Why) {
    let adj = &mut plan.weeks[wi].adjustments;
    if !adj.contains(why) {
        adj.push(why.clone());
    }
}

/// The strength sessions of a day.
pub(crate) fn strength_sessions(
    sessions: &mut [Session],
) -> impl Iterator<Item = &mut StrengthSession> {
    sessions.iter_mut().filter_map(|s| match s {
        Session::Strength(st) => Some(st),
        Session::Run(_) => None,
    })
}

#[cfg(test)]
mod tests;
