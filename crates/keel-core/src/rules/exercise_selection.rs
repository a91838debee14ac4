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
