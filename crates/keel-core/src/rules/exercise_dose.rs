//! `exercise-dose`: each kind of exercise in its own unit: reps for strength lifts, seconds
//! for holds, 1-5 reps a side for get-ups, foot contacts for plyometrics, metres for carries,
//! slow reps with no reps-in-reserve target for mobility.

use super::Verdict;
use crate::dose::Unit;
use crate::exercises::{self, Kind, Pattern};
use crate::plan::StrengthSession;

/// The rule id.
pub const ID: &str = "exercise-dose";

/// Hold lengths the book gives, seconds: planks 20-45, Copenhagen planks 15-30.
pub const HOLD_SECONDS: (u32, u32) = (15, 45);

/// Get-up reps a side.
pub const GET_UP_REPS: (u32, u32) = (1, 5);

/// Warnings for exercises dosed in a unit that does not fit them.
pub fn check_session(session: &StrengthSession, day: usize) -> Vec<Verdict> {
    let mut out = Vec::new();
    for e in &session.exercises {
        let Some(x) = exercises::find(&e.id) else {
            continue;
        };
        let a = &e.dose.amount;
        let wrong = if a.unit != x.unit() {
            Some(format!("counted in {}, not {}", x.unit(), a.unit))
        } else if e.dose.rir.is_some() && !x.has_rir() {
            Some("given reps in reserve, which only strength lifts and swings have".to_string())
        } else if x.kind == Kind::Hold && (a.min < HOLD_SECONDS.0 || a.max > HOLD_SECONDS.1) {
            Some(format!(
                "held {a}, outside {}-{} s",
                HOLD_SECONDS.0, HOLD_SECONDS.1
            ))
        } else if x.kind == Kind::GetUp && a.max > GET_UP_REPS.1 {
            Some(format!("{a}: get-ups are 1-5 slow reps a side"))
        } else if x.pattern == Pattern::LateralHip && x.kind == Kind::Hold && a.max > 30 {
            Some(format!("held {a}: Copenhagen planks are 15-30 s"))
        } else if a.each_side != x.each_side {
            Some(format!(
                "{a}: it is done {} side",
                if x.each_side { "one" } else { "on both" }
            ))
        } else {
            None
        };
        if let Some(w) = wrong {
            out.push(Verdict::new(ID, day, None, format!("{} is {w}.", e.name)));
        }
        if x.kind == Kind::Mobility && a.unit != Unit::SlowReps {
            out.push(Verdict::new(
                ID,
                day,
                None,
                format!("{} is mobility: slow reps, no effort target.", e.name),
            ));
        }
    }
    out
}
