//! `reps-in-reserve`: end sets with 1-2 reps in reserve; no routine failure.

use super::Verdict;
use crate::model::Intensity;
use crate::plan::StrengthSession;

/// The rule id.
pub const ID: &str = "reps-in-reserve";

/// Reps in reserve for a set: 1 for heavy work, 2 otherwise, one more in a deload week.
pub fn rir(intensity: Intensity, deload: bool) -> u32 {
    let base = if intensity == Intensity::Heavy { 1 } else { 2 };
    base + u32::from(deload)
}

/// Warnings for sets planned to failure (0 reps in reserve).
pub fn check_session(session: &StrengthSession, day: usize) -> Vec<Verdict> {
    session
        .exercises
        .iter()
        .filter(|e| e.dose.rir == Some(0))
        .map(|e| {
            Verdict::new(
                ID,
                day,
                None,
                format!(
                    "{} is planned to failure; leave 1-2 reps in reserve.",
                    e.name
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_or_two_in_reserve_plus_one_in_deload() {
        assert_eq!(rir(Intensity::Heavy, false), 1);
        assert_eq!(rir(Intensity::Moderate, false), 2);
        assert_eq!(rir(Intensity::Moderate, true), 3);
        for i in Intensity::ALL {
            assert!((1..=2).contains(&rir(*i, false)));
        }
    }
}
