//! `core-not-legs`: a session described as core or upper body, and any session the day before
//! a hard run, holds no exercise that loads the legs (Copenhagen planks, tibialis raises, full
//! get-ups, carries and lunges are leg work; a half get-up is not). A session's focus is true
//! of every exercise in it, because `same-muscle-48h` and `hard-run-24h` reason about focus.

use super::Verdict;
use crate::exercises::{self, Region};
use crate::model::Focus;
use crate::plan::StrengthSession;

/// The rule id.
pub const ID: &str = "core-not-legs";

/// Whether an exercise of `region` belongs in a session of `focus`: legs only in lower and
/// full sessions, upper-body work in upper and full ones, trunk work anywhere but mobility,
/// mobility anywhere.
pub fn fits(focus: Focus, region: Region) -> bool {
    match region {
        Region::Mobility => true,
        Region::Legs => focus.loads_legs(),
        Region::Upper => matches!(focus, Focus::Upper | Focus::Full),
        Region::Core => focus != Focus::Mobility,
    }
}

/// Warnings for exercises the session's focus does not describe, and for leg work the day
/// before a hard run.
pub fn check_session(session: &StrengthSession, day: usize, before_hard_run: bool) -> Vec<Verdict> {
    let mut out = Vec::new();
    for e in &session.exercises {
        let Some(x) = exercises::find(&e.id) else {
            continue;
        };
        if !fits(session.focus, x.region()) {
            out.push(Verdict::new(
                ID,
                day,
                None,
                format!(
                    "{} is {} work, not {} work.",
                    e.name,
                    match x.region() {
                        Region::Legs => "leg",
                        Region::Upper => "upper-body",
                        Region::Core => "core",
                        Region::Mobility => "mobility",
                    },
                    super::week::focus_phrase(session.focus)
                ),
            ));
        } else if before_hard_run && x.loads_legs() {
            out.push(Verdict::new(
                ID,
                day,
                None,
                format!("{} loads the legs the day before a hard run.", e.name),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn focus_is_true_of_every_exercise() {
        assert!(!fits(Focus::Core, Region::Legs));
        assert!(!fits(Focus::Upper, Region::Legs));
        assert!(fits(Focus::Lower, Region::Core));
        assert!(!fits(Focus::Lower, Region::Upper));
        assert!(fits(Focus::Full, Region::Upper));
        assert!(!fits(Focus::Mobility, Region::Core));
    }
}
