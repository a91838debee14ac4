//! `exercise-selection`: exercises from the library, within the athlete's equipment.

use super::Verdict;
use crate::exercises;
use crate::model::Athlete;
use crate::plan::StrengthSession;

/// The rule id.
pub const ID: &str = "exercise-selection";

/// Warnings for exercises unknown to the library or needing equipment the athlete lacks.
pub fn check_session(session: &StrengthSession, athlete: &Athlete, day: usize) -> Vec<Verdict> {
    let mut out = Vec::new();
    for e in &session.exercises {
        if exercises::find(&e.id).is_none() {
            out.push(Verdict::new(
                ID,
                day,
                None,
                format!("`{}` is not in the exercise library.", e.id),
            ));
        }
        if let Some(q) = e.equipment.iter().find(|q| !athlete.has(**q)) {
            out.push(Verdict::new(
                ID,
                day,
                None,
                format!(
                    "{} needs a {q}, which is not in the athlete's equipment.",
                    e.name
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Equipment, Experience, Focus, Intensity, MovementScreen, Units};
    use crate::plan::{PrescribedExercise, Timing};

    #[test]
    fn unknown_ids_and_missing_equipment_are_flagged() {
        let athlete = Athlete {
            name: "A".into(),
            age: 30,
            body_mass_kg: 60.0,
            experience: Experience::Beginner,
            equipment: vec![Equipment::Dumbbell],
            movement_screen: MovementScreen::Pass,
            units: Units::Km,
            sex: None,
            hr_rest: None,
            hr_max: None,
            avoid: vec![],
        };
        let ex = |id: &str, q: Equipment| PrescribedExercise {
            id: id.into(),
            name: id.into(),
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
            intensity: Intensity::Moderate,
            minutes: 30,
            timing: Timing::AfterRun,
            warm_up: vec!["x".into()],
            exercises: vec![ex("romanian-deadlift", Equipment::Dumbbell)],
            why: vec![],
        };
        assert!(check_session(&s, &athlete, 0).is_empty());
        s.exercises.push(ex("deadlift", Equipment::Barbell));
        s.exercises.push(ex("curl", Equipment::Dumbbell));
        assert_eq!(check_session(&s, &athlete, 0).len(), 2);
    }
}
