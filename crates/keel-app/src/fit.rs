//! Planned strength sessions as FIT workouts for a watch: the one adapter from a planned
//! session to keel-export's [`Workout`]. Which weeks to export is [`crate::weeks`]' choice,
//! re-exported here.
//!
//! The adapter reads the plan's typed dose ([`keel_core::dose::Dose`]): each unit becomes the
//! step the watch can count (reps, contacts and slow reps as reps at the top of the range,
//! seconds as a timed hold) or, for metres, which a watch in a strength activity does not
//! measure, a step that ends at the lap button with the distance in its notes. Rest between
//! sets is the prescription's own ([`PrescribedExercise::rest_seconds`]).
//!
//! Invariants: one file per strength session with at least one exercise; file names are
//! unique within an export (`DATE-FOCUS.fit`, then `-2`, `-3`); every set is one step, with
//! a rest step between sets and none after the last.

use jiff::civil::Date;
use keel_core::dose::{Amount, Unit};
use keel_core::model::Focus;
use keel_core::plan::{PlanWeek, PrescribedExercise, Session, StrengthSession};
use keel_core::rules::controlled_tempo;
use keel_export::fit::{
    exercise_for, Dose, SetStep, Sport, Step, Weight, WeightUnit, Workout, MAX_WEIGHT_KG,
};

/// Kilograms in a pound.
const KG_PER_LB: f64 = 0.453_592_37;

pub use crate::weeks::{select, Weeks, WeeksError};

/// One workout file to write.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkoutFile {
    /// The session's date.
    pub date: Date,
    /// The session's focus.
    pub focus: Focus,
    /// `DATE-FOCUS.fit`, unique within the export.
    pub file_name: String,
    /// What to write.
    pub workout: Workout,
}

/// A workout file for every strength session of `weeks` that has exercises, in date order.
pub fn workout_files(weeks: &[PlanWeek]) -> Vec<WorkoutFile> {
    let mut files: Vec<WorkoutFile> = Vec::new();
    for day in weeks.iter().flat_map(|w| &w.days) {
        for session in &day.sessions {
            let Session::Strength(s) = session else {
                continue;
            };
            let Some(workout) = workout(day.date, s) else {
                continue;
            };
            let stem = format!("{}-{}", day.date, s.focus);
            let taken = files
                .iter()
                .filter(|f| f.date == day.date && f.focus == s.focus)
                .count();
            let file_name = match taken {
                0 => format!("{stem}.fit"),
                n => format!("{stem}-{}.fit", n + 1),
            };
            files.push(WorkoutFile {
                date: day.date,
                focus: s.focus,
                file_name,
                workout,
            });
        }
    }
    files
}

/// The adapter: a planned strength session as a workout, or `None` when it has no
/// exercise. A warm-up step (when the session has one), then one step per set of each
/// exercise with a rest step between sets.
pub fn workout(date: Date, s: &StrengthSession) -> Option<Workout> {
    let mut steps = Vec::new();
    if !s.warm_up.is_empty() {
        steps.push(Step::WarmUp {
            notes: s.warm_up.join("; "),
        });
    }
    for e in &s.exercises {
        let dose = dose(&e.dose.amount);
        let weight = weight(e.load.as_deref());
        for set in 1..=e.dose.sets {
            steps.push(Step::Set(SetStep {
                name: e.name.clone(),
                exercise: exercise_for(&e.id),
                dose,
                weight,
                notes: notes(e, set),
            }));
            steps.push(Step::Rest {
                seconds: e.rest_seconds(s.intensity),
            });
        }
    }
    // Nothing to rest for after the last set.
    if matches!(steps.last(), Some(Step::Rest { .. })) {
        steps.pop();
    }
    if !steps.iter().any(|s| matches!(s, Step::Set(_))) {
        return None;
    }
    Some(Workout {
        name: format!("{}, {}", focus_name(s.focus), date.strftime("%a %-d %b")),
        sport: Sport::StrengthTraining,
        date,
        steps,
    })
}

fn focus_name(f: Focus) -> &'static str {
    match f {
        Focus::Lower => "Lower body",
        Focus::Upper => "Upper body",
        Focus::Full => "Full body",
        Focus::Core => "Core",
        Focus::Mobility => "Mobility",
    }
}

/// The prescription in words for one set, cue last (the writer cuts long notes): the
/// amount with its unit, reps in reserve where the dose has it, the tempo of a controlled lift
/// or how to move for other kinds, the load advice.
fn notes(e: &PrescribedExercise, set: u32) -> String {
    let d = &e.dose;
    let mut n = format!("Set {set} of {}: {}", d.sets, amount_words(&d.amount));
    if let Some(rir) = d.rir {
        n.push_str(&format!(", {rir} reps in reserve"));
    }
    if e.tempo == controlled_tempo::TEMPO {
        n.push_str(&format!(", tempo {}.", e.tempo));
    } else if e.tempo.is_empty() {
        n.push('.');
    } else {
        n.push_str(&format!(", {}.", e.tempo));
    }
    if let Some(load) = &e.load {
        n.push_str(&format!(" Load: {load}."));
    }
    if let Some(x) = e.library() {
        n.push(' ');
        n.push_str(x.cue);
    }
    n
}

/// The amount as the notes say it: `8-10 reps each side`, `20-30 s`, `30-40 m each side`.
fn amount_words(a: &Amount) -> String {
    match a.unit {
        Unit::Reps => {
            let range = Amount {
                each_side: false,
                ..*a
            };
            let side = if a.each_side { " each side" } else { "" };
            format!("{range} reps{side}")
        }
        _ => a.to_string(),
    }
}

/// The step a watch can count for one set of `a`: reps (strength reps, foot contacts, slow
/// mobility reps) at the top of the range, the goal of double progression; seconds as a
/// hold of the range's top; metres as an open step, since a watch in a strength activity
/// measures no distance (the notes give the metres).
pub fn dose(a: &Amount) -> Dose {
    let per_side = a.each_side;
    match a.unit {
        Unit::Reps | Unit::Contacts | Unit::SlowReps => Dose::Reps {
            count: a.max,
            per_side,
        },
        Unit::Seconds => Dose::Hold {
            seconds: a.max,
            per_side,
        },
        Unit::Metres => Dose::Open,
    }
}

/// The load as a weight when the plan's load advice starts with one (`18 kg (...)`,
/// `40 lb (...)`); advice without a number (no history yet) gives `None`.
pub fn weight(load: Option<&str>) -> Option<Weight> {
    let mut words = load?.split_whitespace();
    let amount: f64 = words.next()?.parse().ok()?;
    let unit = words.next()?.trim_end_matches([',', '.', ';', ':']);
    let w = match unit {
        "kg" => Weight {
            kg: amount,
            shown_in: WeightUnit::Kilograms,
        },
        "lb" => Weight {
            kg: amount * KG_PER_LB,
            shown_in: WeightUnit::Pounds,
        },
        _ => return None,
    };
    (w.kg.is_finite() && w.kg > 0.0 && w.kg <= MAX_WEIGHT_KG).then_some(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_unit_as_the_step_a_watch_counts() {
        let dose_of =
            |unit, min, max, each_side| dose(&Amount::new(unit, min, max, each_side).unwrap());
        let reps = |count, per_side| Dose::Reps { count, per_side };
        assert_eq!(dose_of(Unit::Reps, 8, 10, false), reps(10, false));
        assert_eq!(dose_of(Unit::Reps, 12, 12, false), reps(12, false));
        assert_eq!(dose_of(Unit::Reps, 10, 15, true), reps(15, true));
        assert_eq!(dose_of(Unit::Contacts, 10, 10, false), reps(10, false));
        assert_eq!(dose_of(Unit::Contacts, 8, 8, true), reps(8, true));
        assert_eq!(dose_of(Unit::SlowReps, 5, 6, true), reps(6, true));
        assert_eq!(
            dose_of(Unit::Seconds, 30, 45, false),
            Dose::Hold {
                seconds: 45,
                per_side: false
            }
        );
        assert_eq!(
            dose_of(Unit::Seconds, 15, 30, true),
            Dose::Hold {
                seconds: 30,
                per_side: true
            }
        );
        assert_eq!(dose_of(Unit::Metres, 30, 40, true), Dose::Open);
    }

    #[test]
    fn notes_say_the_unit_and_reps_in_reserve_only_where_the_dose_has_it() {
        use keel_core::dose::Dose as Planned;
        use keel_core::exercises::find;
        let planned = |id: &str, unit, min, max, rir| {
            let x = find(id).unwrap();
            PrescribedExercise {
                id: id.into(),
                name: x.name.into(),
                dose: Planned::new(2, Amount::new(unit, min, max, x.each_side).unwrap(), rir),
                tempo: controlled_tempo::tempo(x.kind).into(),
                equipment: vec![],
                load: None,
                easier: None,
                harder: None,
            }
        };
        let lunge = notes(&planned("reverse-lunge", Unit::Reps, 8, 10, Some(2)), 1);
        assert!(
            lunge.starts_with("Set 1 of 2: 8-10 reps each side, 2 reps in reserve, tempo 3-1-1. "),
            "{lunge}"
        );
        assert!(
            lunge.ends_with(find("reverse-lunge").unwrap().cue),
            "{lunge}"
        );
        let plank = notes(&planned("plank", Unit::Seconds, 20, 30, Some(2)), 2);
        assert!(plank.starts_with("Set 2 of 2: 20-30 s, hold. "), "{plank}");
        assert!(!plank.contains("reserve"), "{plank}");
        let carry = notes(&planned("suitcase-carry", Unit::Metres, 30, 40, None), 1);
        assert!(
            carry.starts_with("Set 1 of 2: 30-40 m each side, walk tall. "),
            "{carry}"
        );
        let pogo = notes(&planned("pogo-hops", Unit::Contacts, 10, 10, None), 1);
        assert!(
            pogo.starts_with("Set 1 of 2: 10 contacts, quick and springy. "),
            "{pogo}"
        );
    }

    #[test]
    fn weights_of_the_load_advice() {
        let kg = |kg| {
            Some(Weight {
                kg,
                shown_in: WeightUnit::Kilograms,
            })
        };
        assert_eq!(
            weight(Some("18 kg (every set at 16 kg reached the top)")),
            kg(18.0)
        );
        assert_eq!(weight(Some("22.5 kg")), kg(22.5));
        let lb = weight(Some("40 lb (go up)")).unwrap();
        assert_eq!(lb.shown_in, WeightUnit::Pounds);
        assert!((lb.kg - 18.143_694_8).abs() < 1e-6);
        assert_eq!(weight(None), None);
        assert_eq!(
            weight(Some(keel_core::adapt::NO_HISTORY_LOAD)),
            None,
            "advice without a number"
        );
        assert_eq!(weight(Some("0 kg")), None);
        assert_eq!(weight(Some("9000 kg")), None);
        assert_eq!(weight(Some("18 stone")), None);
    }
}
