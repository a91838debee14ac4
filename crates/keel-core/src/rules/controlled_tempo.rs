//! `controlled-tempo`: lower in 3-4 s, pause, lift with control (3-1-1), full range.

use super::Verdict;
use crate::exercises::{self, Kind};
use crate::plan::StrengthSession;

/// The rule id.
pub const ID: &str = "controlled-tempo";

/// Tempo of a controlled rep: seconds lowering, pausing, lifting.
pub const TEMPO: &str = "3-1-1";

/// Seconds one controlled rep takes.
pub const REP_SECONDS: u32 = 5;

/// The tempo string for an exercise dosed this way.
pub fn tempo(kind: Kind) -> &'static str {
    match kind {
        Kind::Lift => TEMPO,
        Kind::Hold => "hold",
        Kind::Ballistic => "explosive up, controlled down",
        Kind::GetUp => "slow, step by step",
        Kind::Carry => "walk tall",
        Kind::Plyometric => "quick and springy",
        Kind::Mobility => "slow, breathe",
    }
}

/// Warnings for rep-based exercises whose lowering phase is under 3 s.
pub fn check_session(session: &StrengthSession, day: usize) -> Vec<Verdict> {
    session
        .exercises
        .iter()
        .filter(|e| {
            exercises::find(&e.id).is_some_and(|x| x.kind == Kind::Lift)
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
        assert_eq!(tempo(Kind::Lift), "3-1-1");
        assert_eq!(tempo(Kind::Hold), "hold");
    }
}
