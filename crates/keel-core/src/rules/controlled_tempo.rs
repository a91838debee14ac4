//! `controlled-tempo`: lower in 3-4 s, pause, lift with control (3-1-1), full range.

use super::Verdict;
use crate::exercises::{self, Dosing};
use crate::plan::StrengthSession;

/// The rule id.
pub const ID: &str = "controlled-tempo";

/// Tempo of a controlled rep: seconds lowering, pausing, lifting.
pub const TEMPO: &str = "3-1-1";

/// Seconds one controlled rep takes.
pub const REP_SECONDS: u32 = 5;

/// The tempo string for an exercise dosed this way.
pub fn tempo(dosing: Dosing) -> &'static str {
    match dosing {
        Dosing::Reps | Dosing::RepsEachSide => TEMPO,
        Dosing::Hold | Dosing::HoldEachSide => "hold",
        Dosing::Ballistic => "explosive up, controlled down",
        Dosing::Mobility => "slow, breathe",
    }
}

/// Warnings for rep-based exercises whose lowering phase is under 3 s.
pub fn check_session(session: &StrengthSession, day: usize) -> Vec<Verdict> {
    session
        .exercises
        .iter()
        .filter(|e| {
            exercises::find(&e.id)
                .is_some_and(|x| matches!(x.dosing, Dosing::Reps | Dosing::RepsEachSide))
                && e.tempo
                    .split('-')
                    .next()
                    .and_then(|s| s.parse::<u32>().ok())
                    .is_none_or(|s| s < 3)
        })
        .map(|e| {
            Verdict::new(
                ID,
                day,
                None,
                format!(
                    "{}: lower over 3-4 s (tempo {TEMPO}), not {}.",
                    e.name, e.tempo
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reps_are_controlled() {
        assert_eq!(tempo(Dosing::Reps), "3-1-1");
        assert_eq!(tempo(Dosing::Hold), "hold");
    }
}
