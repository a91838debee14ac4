//! `run-load-increase`: strength gives way when running load rises.

use super::{Adapter, ChangeKind, Pos, RULE_LOAD};
use crate::exercises;
use crate::model::{Athlete, Focus, MovementScreen};
use crate::plan::{PrescribedExercise, Session};
use crate::readiness::{RunLoadIncrease, RunLoadTier};
use crate::rules::week::focus_phrase;

impl Adapter {
    pub(super) fn run_load(&mut self, wi: usize, load: &RunLoadIncrease, basis: &str) {
        let pct = load.increase.map_or(0.0, |i| i * 100.0);
        let pct_text = percent(pct);
        let by_volume = pct > 10.0;
        let long = load
            .long_run_increase
            .filter(|_| load.tier == RunLoadTier::OneSessionFewer && pct <= 30.0)
            .map(|g| g * 100.0);
        let why = match long {
            Some(g) if !by_volume => {
                format!("The long run is {g:.0}% longer than your longest before ({basis})")
            }
            Some(g) => format!(
                "Running load is up {pct_text} on the mean of the weeks before and the long run \
                 is {g:.0}% longer than your longest before ({basis})"
            ),
            None => {
                format!("Running load is up {pct_text} on the mean of the weeks before ({basis})")
            }
        };
        let horizon = self.horizon(wi);
        let lifting: Vec<Pos> = horizon
            .iter()
            .copied()
            .filter(|&pos| {
                self.strength(pos)
                    .is_some_and(|s| s.focus != Focus::Mobility && !s.exercises.is_empty())
            })
            .collect();
        if load.tier == RunLoadTier::OneSessionFewer {
            let count = self.training_sessions(wi);
            // Drop the session that loads the legs most, the latest first.
            let victim = lifting
                .iter()
                .copied()
                .max_by_key(|&pos| (self.strength(pos).map(|s| legs_weight(s.focus)), pos));
            if let (true, Some(pos)) = (count >= 2, victim) {
                let focus = self.strength(pos).map(|s| s.focus).unwrap_or(Focus::Full);
                if self.drop_strength(pos) {
                    let text = format!(
                        "{why}: one strength session fewer this week ({}'s {} session is dropped). \
                         Running is not cut.",
                        self.weekday(pos).name(),
                        focus_phrase(focus)
                    );
                    self.record(pos, RULE_LOAD, ChangeKind::DropSession, text);
                }
            }
        }
        let lifting: Vec<Pos> = lifting
            .into_iter()
            .filter(|&pos| self.strength(pos).is_some())
            .collect();
        if load.sets_fewer() > 0 {
            for &pos in &lifting {
                let (w, d) = pos;
                let mut cut = false;
                let kept = self.try_apply(&[w], |p| {
                    for s in &mut p.weeks[w].days[d].sessions {
                        if let Session::Strength(st) = s {
                            for e in &mut st.exercises {
                                if e.dose.sets > 1 {
                                    e.dose.sets -= 1;
                                    cut = true;
                                }
                            }
                        }
                    }
                });
                if kept && cut {
                    let text = format!(
                        "{why}: one set fewer per exercise on {}.",
                        self.weekday(pos).name()
                    );
                    self.record(pos, RULE_LOAD, ChangeKind::FewerSets, text);
                }
            }
        }
        if load.simplify() {
            for &pos in &lifting {
                let (w, d) = pos;
                let mut swapped = Vec::new();
                let athlete = self.plan.athlete.clone();
                let kept = self.try_apply(&[w], |p| {
                    for s in &mut p.weeks[w].days[d].sessions {
                        if let Session::Strength(st) = s {
                            for e in &mut st.exercises {
                                if let Some(next) = easier_variant(&athlete, e) {
                                    swapped.push(format!("{} -> {}", e.name, next.name));
                                    *e = next;
                                }
                            }
                        }
                    }
                });
                if kept && !swapped.is_empty() {
                    let text = format!(
                        "{why}: simpler exercises on {} ({}).",
                        self.weekday(pos).name(),
                        swapped.join(", ")
                    );
                    self.record(pos, RULE_LOAD, ChangeKind::Simplify, text);
                }
            }
        }
    }
}

fn legs_weight(f: Focus) -> u8 {
    match f {
        Focus::Full => 3,
        Focus::Lower => 2,
        Focus::Upper | Focus::Core => 1,
        Focus::Mobility => 0,
    }
}

/// A percentage for a sentence: whole percent, but one decimal when rounding would land on
/// a tier threshold (an increase of 10.4% is "above 10%", so it must not read "10%").
fn percent(p: f64) -> String {
    let whole = p.round();
    if [10.0, 20.0, 30.0].contains(&whole) && (p - whole).abs() > 1e-9 {
        format!("{p:.1}%")
    } else {
        format!("{whole:.0}%")
    }
}

/// The exercise one step down its chain (`easier`), with equipment the athlete has; the
/// dose (sets, reps, reserve, tempo) stays. `None` without a usable easier variant.
fn easier_variant(athlete: &Athlete, e: &PrescribedExercise) -> Option<PrescribedExercise> {
    let ex = exercises::find(e.easier.as_deref()?)?;
    let bodyweight_only = athlete.movement_screen == MovementScreen::Fail;
    let equipment = ex.equip_with(|q| athlete.has(q), bodyweight_only)?;
    Some(PrescribedExercise {
        id: ex.id.to_string(),
        name: ex.name.to_string(),
        equipment: equipment.to_vec(),
        load: None,
        easier: ex.easier.map(str::to_string),
        harder: ex.harder.map(str::to_string),
        ..e.clone()
    })
}
