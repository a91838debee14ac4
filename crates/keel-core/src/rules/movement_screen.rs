//! `movement-screen`: a failed screen means bodyweight competency and mobility work only.

use super::Verdict;
use crate::model::Equipment;
use crate::plan::StrengthSession;

/// The rule id.
pub const ID: &str = "movement-screen";

/// Warnings for exercises using external load, for an athlete who failed the screen.
pub fn check_session(session: &StrengthSession, day: usize) -> Vec<Verdict> {
    session
        .exercises
        .iter()
        .filter(|e| e.equipment.iter().any(|q| *q != Equipment::Bodyweight))
        .map(|e| Verdict::new(ID, day, None, format!(
            "{} uses external load; until the movement screen passes, keep to bodyweight and mobility.",
            e.name
        )))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Focus, Intensity};
    use crate::plan::{PrescribedExercise, Timing};

    #[test]
    fn external_load_is_flagged() {
        let ex = |q: Equipment| PrescribedExercise {
            id: "x".into(),
            name: "X".into(),
            dose: crate::dose::Dose::new(
                2,
                crate::dose::Amount::new(crate::dose::Unit::Reps, 10, 10, false).expect("amount"),
                Some(2),
            ),
            tempo: "3-1-1".into(),
            equipment: vec![q],
            load: None,
            easier: None,
            harder: None,
        };
        let mut s = StrengthSession {
            focus: Focus::Lower,
            intensity: Intensity::Bodyweight,
            minutes: 30,
            timing: Timing::Separate,
            warm_up: vec![],
            exercises: vec![ex(Equipment::Bodyweight)],
            why: vec![],
        };
        assert!(check_session(&s, 0).is_empty());
        s.exercises.push(ex(Equipment::Kettlebell));
        assert_eq!(check_session(&s, 0).len(), 1);
    }
}
