//! `progression` and `periodic-reset`: each coming exercise's load from the log.

use super::engine::Adapter;
use super::{NO_HISTORY_LOAD, RULE_RESET};
use crate::activity::StrengthWorkout;
use crate::model::{Equipment, Units};
use crate::plan::{Session, Why};
use crate::progression::{self, show_load, Loading, Target, WeekKind};
use crate::text::capitalise;
use jiff::civil::Date;

impl Adapter {
    /// Fills each coming exercise's load from the log (`progression`); deload weeks and the
    /// first week of a new block are lighter (`periodic-reset`). While readiness is not
    /// `ready`, no load goes up (`readiness-holds-load`); mobility work takes no load.
    pub(super) fn loads(&mut self, wi: usize, workouts: &[StrengthWorkout], hold: bool) {
        let pounds = self.plan.athlete.units == Units::Mi;
        // Past deload weeks were deliberately light: progression skips them.
        let skip: Vec<Date> = self.plan.weeks[..wi]
            .iter()
            .filter(|w| w.deload)
            .flat_map(|w| w.days.iter().map(|d| d.date))
            .collect();
        for (w, d) in self.horizon2(wi) {
            let week = &self.plan.weeks[w];
            let kind = if week.deload {
                WeekKind::Deload
            } else if w > 0 && self.plan.weeks[w - 1].phase != week.phase {
                WeekKind::NewBlock
            } else {
                WeekKind::Normal
            };
            for s in &mut self.plan.weeks[w].days[d].sessions {
                let Session::Strength(st) = s else { continue };
                let mut rules: Vec<&'static str> = Vec::new();
                for e in &mut st.exercises {
                    let loading = Loading {
                        equipment: main_equipment(&e.equipment),
                        pounds,
                    };
                    let Some(range) = e.dose.amount.rep_range() else {
                        continue;
                    };
                    let target = Target {
                        range,
                        loading,
                        week: kind,
                        skip: skip.clone(),
                        hold,
                    };
                    match progression::next_prescription(workouts, &e.id, &target) {
                        Some(rx) => {
                            e.dose.amount = e.dose.amount.with_range(rx.reps);
                            if let Some(t) = rx.tempo {
                                e.tempo = t.to_string();
                            }
                            e.load = rx
                                .load_kg
                                .map(|kg| format!("{} ({})", show_load(kg, loading), rx.reason))
                                .or_else(|| Some(capitalise(&rx.reason)));
                            if !rules.contains(&rx.rule) {
                                rules.push(rx.rule);
                            }
                        }
                        None if loading.is_loaded() && e.load.is_none() => {
                            e.load = Some(NO_HISTORY_LOAD.to_string());
                        }
                        None => {}
                    }
                }
                for rule in rules {
                    let text = match rule {
                        RULE_RESET => {
                            "Lighter loads and more reps this week, for technique and recovery."
                        }
                        progression::RULE_HOLD => {
                            "Readiness is down: loads that were due to go up are held this time."
                        }
                        _ => "Loads come from your log: double progression within the rep range.",
                    };
                    let why = Why::new(rule, text);
                    if !st.why.contains(&why) {
                        st.why.push(why);
                    }
                }
            }
        }
    }
}

/// The equipment whose steps a prescribed exercise progresses by: the loaded one, if any.
fn main_equipment(equipment: &[Equipment]) -> Equipment {
    [
        Equipment::Barbell,
        Equipment::Kettlebell,
        Equipment::Dumbbell,
        Equipment::Machine,
        Equipment::Band,
    ]
    .into_iter()
    .find(|e| equipment.contains(e))
    .unwrap_or(Equipment::Bodyweight)
}
