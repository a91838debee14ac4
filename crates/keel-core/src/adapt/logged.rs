//! Lifts the runner logged, planned or not, as the hard rules see them.
//!
//! A logged workout counts as a session of the focus its exercises load (legs, upper body,
//! trunk) at the intensity its effort says: heavy at session RPE 8 or more or a set at 1 rep in
//! reserve or less, light at RPE 4 or less, moderate otherwise. Exercises keel does not know
//! are left out.

use crate::activity::{SetType, StrengthWorkout};
use crate::exercises::{self, Exercise, Region};
use crate::model::{Focus, Intensity};
use crate::rules::week::{focus_phrase, Lift};
use crate::text::join_and;
use jiff::civil::Date;
use std::collections::HashMap;

/// A logged workout as the placement rules see it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LoggedLift {
    pub date: Date,
    pub focus: Focus,
    pub intensity: Intensity,
    /// Names of the exercises that loaded the legs (for the sentence).
    pub leg_work: Vec<String>,
}

impl LoggedLift {
    /// The lift for the rules.
    pub fn lift(&self) -> Lift {
        Lift {
            focus: self.focus,
            intensity: self.intensity,
            minutes: None,
            separate: false,
        }
    }

    /// What it was, for a sentence: "leg work (goblet squat)".
    pub fn describe(&self) -> String {
        if self.leg_work.is_empty() {
            format!("{} work", focus_phrase(self.focus))
        } else {
            format!("leg work ({})", join_and(&self.leg_work))
        }
    }
}

/// The lifts logged on or before `date`, one per day (workouts of a day together).
///
/// One pass over the workouts sorted by date; each exercise name is looked up in the
/// library once.
pub(super) fn logged_lifts(workouts: &[StrengthWorkout], date: Date) -> Vec<LoggedLift> {
    let mut upto: Vec<&StrengthWorkout> = workouts.iter().filter(|w| w.date <= date).collect();
    // Stable: a day's workouts keep their order.
    upto.sort_by_key(|w| w.date);
    let mut known: HashMap<&str, Option<&'static Exercise>> = HashMap::new();
    upto.chunk_by(|a, b| a.date == b.date)
        .filter_map(|day| of_day(day[0].date, day.iter().copied(), &mut known))
        .collect()
}

fn of_day<'a>(
    date: Date,
    workouts: impl Iterator<Item = &'a StrengthWorkout>,
    known: &mut HashMap<&'a str, Option<&'static Exercise>>,
) -> Option<LoggedLift> {
    let (mut legs, mut upper, mut core, mut heavy, mut light) = (false, false, false, false, true);
    let mut leg_work: Vec<String> = Vec::new();
    for w in workouts {
        let rpe = w.rpe.filter(|r| r.is_finite());
        heavy |= rpe.is_some_and(|r| r >= 8.0);
        light &= rpe.is_some_and(|r| r <= 4.0);
        for s in w.sets.iter().filter(|s| s.set_type != SetType::Warmup) {
            let Some(x) = *known.entry(s.exercise.as_str()).or_insert_with(|| {
                exercises::find(&s.exercise).or_else(|| exercises::match_name(&s.exercise))
            }) else {
                continue;
            };
            heavy |= s.rir.is_some_and(|r| r <= 1.0) || s.rpe.is_some_and(|r| r >= 9.0);
            match x.region() {
                Region::Legs => {
                    legs = true;
                    let name = x.name.to_lowercase();
                    if !leg_work.contains(&name) {
                        leg_work.push(name);
                    }
                }
                Region::Upper => upper = true,
                Region::Core => core = true,
                Region::Mobility => {}
            }
        }
    }
    let focus = match (legs, upper, core) {
        (true, true, _) => Focus::Full,
        (true, false, _) => Focus::Lower,
        (false, true, _) => Focus::Upper,
        (false, false, true) => Focus::Core,
        _ => return None,
    };
    let intensity = if heavy {
        Intensity::Heavy
    } else if light {
        Intensity::Light
    } else {
        Intensity::Moderate
    };
    Some(LoggedLift {
        date,
        focus,
        intensity,
        leg_work,
    })
}
