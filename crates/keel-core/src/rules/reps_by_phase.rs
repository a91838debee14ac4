//! `reps-by-phase`: sets and reps follow the training phase.

use super::Verdict;
use crate::model::Phase;
use crate::plan::StrengthSession;

/// The rule id.
pub const ID: &str = "reps-by-phase";

/// Sets and reps ranges for a phase (both inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dose {
    /// Working sets per exercise.
    pub sets: (u32, u32),
    /// Reps per set.
    pub reps: (u32, u32),
}

/// The book's dose for a phase; fitness uses 8-12 and recovery the base range at 1-2 sets.
pub fn dose(phase: Phase) -> Dose {
    match phase {
        Phase::Base => Dose {
            sets: (2, 3),
            reps: (10, 15),
        },
        Phase::Build => Dose {
            sets: (2, 3),
            reps: (8, 10),
        },
        Phase::Peak | Phase::Taper | Phase::Race => Dose {
            sets: (1, 2),
            reps: (8, 10),
        },
        Phase::OffSeason => Dose {
            sets: (3, 4),
            reps: (6, 12),
        },
        Phase::Fitness => Dose {
            sets: (2, 3),
            reps: (8, 12),
        },
        Phase::Recovery => Dose {
            sets: (1, 2),
            reps: (10, 15),
        },
    }
}

/// The phase's rep range (10-15 base, 8-10 build, ...), as progression reads it.
pub fn range(phase: Phase) -> crate::dose::RepRange {
    let (low, high) = dose(phase).reps;
    crate::dose::RepRange::new(low, high).unwrap_or(crate::dose::RepRange { low: 8, high: 10 })
}

/// A sentence for the session's `why`.
pub fn explain(phase: Phase) -> String {
    let d = dose(phase);
    let name = crate::text::capitalise(phase.as_str());
    format!(
        "{name} phase: {}-{} sets of {}-{} reps.",
        d.sets.0, d.sets.1, d.reps.0, d.reps.1
    )
}

/// Warnings for exercises whose sets exceed the phase's range (deload weeks may go lower).
pub fn check_session(session: &StrengthSession, phase: Phase, day: usize) -> Vec<Verdict> {
    let d = dose(phase);
    session
        .exercises
        .iter()
        .filter(|e| e.dose.sets > d.sets.1 || e.dose.sets == 0)
        .map(|e| {
            Verdict::new(
                ID,
                day,
                None,
                format!(
                    "{}: {} sets, where the {phase} phase calls for {}-{}.",
                    e.name, e.dose.sets, d.sets.0, d.sets.1
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doses_follow_the_book() {
        assert_eq!(
            dose(Phase::Base),
            Dose {
                sets: (2, 3),
                reps: (10, 15)
            }
        );
        assert_eq!(dose(Phase::Build).reps, (8, 10));
        assert_eq!(dose(Phase::Taper).sets, (1, 2));
        assert_eq!(dose(Phase::OffSeason).sets, (3, 4));
        assert!(explain(Phase::Base).contains("10-15"));
    }
}
