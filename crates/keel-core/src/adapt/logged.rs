//! Lifts the runner logged, planned or not, in the hard rules: a logged leg session the day
//! before a planned one is the same muscles within 48 h (`same-muscle-48h`), and a logged leg
//! session the day before a hard run is what `hard-run-24h` keeps away from it.
//!
//! A logged workout counts as a session of the focus its exercises load (legs, upper body,
//! trunk) at the intensity its effort says: heavy at session RPE 8 or more or a set at 1 rep in
//! reserve or less, light at RPE 4 or less, moderate otherwise. Exercises keel does not know
//! are left out.

use super::engine::{Adapter, Pos, Slot};
use super::ChangeKind;
use crate::activity::{SetType, StrengthWorkout};
use crate::exercises::{self, Region};
use crate::model::{Focus, Intensity, Weekday};
use crate::rules::week::{focus_phrase, Lift};
use crate::rules::{hard_run_24h, same_muscle_48h};
use crate::text::join_and;
use jiff::civil::Date;

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
    fn describe(&self) -> String {
        if self.leg_work.is_empty() {
            format!("{} work", focus_phrase(self.focus))
        } else {
            format!("leg work ({})", join_and(&self.leg_work))
        }
    }
}

/// The lifts logged on or before `date`, one per day (workouts of a day together).
pub(super) fn logged_lifts(workouts: &[StrengthWorkout], date: Date) -> Vec<LoggedLift> {
    let mut days: Vec<Date> = workouts
        .iter()
        .filter(|w| w.date <= date)
        .map(|w| w.date)
        .collect();
    days.sort();
    days.dedup();
    days.into_iter()
        .filter_map(|d| of_day(d, workouts.iter().filter(|w| w.date == d)))
        .collect()
}

fn of_day<'a>(
    date: Date,
    workouts: impl Iterator<Item = &'a StrengthWorkout>,
) -> Option<LoggedLift> {
    let (mut legs, mut upper, mut core, mut heavy, mut light) = (false, false, false, false, true);
    let mut leg_work: Vec<String> = Vec::new();
    for w in workouts {
        let rpe = w.rpe.filter(|r| r.is_finite());
        heavy |= rpe.is_some_and(|r| r >= 8.0);
        light &= rpe.is_some_and(|r| r <= 4.0);
        for s in w.sets.iter().filter(|s| s.set_type != SetType::Warmup) {
            let Some(x) =
                exercises::find(&s.exercise).or_else(|| exercises::match_name(&s.exercise))
            else {
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

impl Adapter {
    /// A logged lift the day before a planned session loading the same muscles: the planned
    /// session moves to a later day of its week where the hard rules allow it, or becomes
    /// work the logged lift left alone (`same-muscle-48h`).
    pub(super) fn logged_conflicts(&mut self) {
        let logged = self.logged.clone();
        for l in &logged {
            let Ok(next) = l.date.tomorrow() else {
                continue;
            };
            if next < self.date {
                continue;
            }
            let Some(pos) = self.pos_of(next) else {
                continue;
            };
            if self.settled(pos, Slot::Strength) || self.logged.iter().any(|x| x.date == next) {
                continue;
            }
            let Some(st) = self.strength(pos) else {
                continue;
            };
            if !same_muscle_48h::conflict((l.focus, l.intensity), (st.focus, st.intensity)) {
                continue;
            }
            let focus = st.focus;
            let why = format!(
                "You logged {} on {}: {}'s {} session would load the same muscles within 48 h",
                l.describe(),
                Weekday::of(l.date).name(),
                self.weekday(pos).name(),
                focus_phrase(focus)
            );
            let spare = if l.focus.loads_legs() {
                Focus::Upper
            } else {
                Focus::Core
            };
            self.move_or_lighten(pos, same_muscle_48h::ID, &why, &[spare, Focus::Mobility]);
        }
    }

    /// Moves the strength session at `pos` to a later day of its week that holds a run and
    /// no strength (easy days first), else turns it into the first of `lighter` the hard
    /// rules allow; one line either way. The session leaves its old day, so it never shows on
    /// two days, even when that day is already past. Returns whether anything changed.
    pub(super) fn move_or_lighten(
        &mut self,
        pos: Pos,
        rule: &str,
        why: &str,
        lighter: &[Focus],
    ) -> bool {
        let Some(focus) = self.strength(pos).map(|s| s.focus) else {
            return false;
        };
        let (w, d) = pos;
        let from_day = self.weekday(pos).name();
        let mut targets: Vec<(bool, usize)> = (d + 1..self.plan.weeks[w].days.len())
            .filter(|&to| {
                self.strength((w, to)).is_none()
                    && !self.settled((w, to), Slot::Run)
                    && !self.settled((w, to), Slot::Strength)
            })
            .filter_map(|to| self.run((w, to)).map(|r| (r.run_type.is_hard(), to)))
            .collect();
        targets.sort();
        for (_, to) in targets {
            let target = (w, to);
            if self.move_strength(pos, target) {
                // Recomputed later in the week, the same move is found again: a target already
                // past is where the session was done, so it stays there without a line.
                if self.day_date(target) >= self.date {
                    let text = format!(
                        "{why}: {from_day}'s {} session moves to {}.",
                        focus_phrase(focus),
                        self.weekday(target).name()
                    );
                    self.record(target, rule, ChangeKind::Move, text);
                }
                self.settle_moved(target);
                return true;
            }
        }
        if self.day_date(pos) < self.date {
            return false;
        }
        for &to in lighter.iter().filter(|f| **f != focus) {
            if self.refocus(pos, to) {
                let text = format!(
                    "{why}: {from_day}'s {} session is lightened to {} work.",
                    focus_phrase(focus),
                    focus_phrase(to)
                );
                self.record(pos, rule, ChangeKind::Lighten, text);
                self.settle_moved(pos);
                return true;
            }
        }
        false
    }

    /// A logged leg session the day before a hard run: a word to run it easy if the legs are
    /// heavy (`hard-run-24h`); keel never changes the run for it. At most one suggestion a
    /// run.
    pub(super) fn logged_before_hard_run(&mut self) {
        let logged = self.logged.clone();
        for l in logged
            .iter()
            .filter(|l| hard_run_24h::forbids(l.focus, l.intensity))
        {
            let Ok(next) = l.date.tomorrow() else {
                continue;
            };
            if next < self.date {
                continue;
            }
            let Some(pos) = self.pos_of(next) else {
                continue;
            };
            let Some(run) = self.run(pos).filter(|r| r.run_type.is_hard()).cloned() else {
                continue;
            };
            if self
                .changes
                .iter()
                .any(|c| c.date == next && c.kind == ChangeKind::Suggest)
                || self.settled(pos, Slot::Run)
            {
                continue;
            }
            let text = format!(
                "You logged {} on {}, the day before {}'s {} run: the legs may not have had their 24 h. keel does not change the run; run it easy if they feel heavy.",
                l.describe(),
                Weekday::of(l.date).name(),
                self.weekday(pos).name(),
                run.run_type
            );
            self.record(pos, hard_run_24h::ID, ChangeKind::Suggest, text);
        }
    }
}
