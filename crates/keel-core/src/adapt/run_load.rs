//! `run-load-increase`: strength gives way when running load rises.

use super::engine::{Adapter, Pos, Slot};
use super::{ChangeKind, RULE_LOAD};
use crate::exercises;
use crate::model::{Athlete, Focus, MovementScreen, Phase};
use crate::plan::{PrescribedExercise, Session};
use crate::prescription;
use crate::readiness::{RunLoadIncrease, RunLoadTier};
use crate::rules::controlled_tempo;
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
                !self.settled(pos, Slot::Strength)
                    && self
                        .strength(pos)
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
                    let effect = format!(
                        "one strength session fewer this week ({}'s {} session is dropped). \
                         Running is not cut.",
                        self.weekday(pos).name(),
                        focus_phrase(focus)
                    );
                    self.record_because(pos, RULE_LOAD, ChangeKind::DropSession, &why, &effect);
                    self.settle(pos, Slot::Strength);
                }
            }
        }
        let lifting: Vec<Pos> = lifting
            .into_iter()
            .filter(|&pos| self.strength(pos).is_some())
            .collect();
        // One set fewer and simpler variants of one session make one change, in one line.
        for pos in lifting {
            let (w, d) = pos;
            let phase = self.plan.weeks[w].phase;
            let athlete = self.plan.athlete.clone();
            let (fewer, simplify) = (load.sets_fewer() > 0, load.simplify());
            let mut cut = false;
            let mut swapped = Vec::new();
            let kept = self.try_apply(&[w], |p| {
                for s in &mut p.weeks[w].days[d].sessions {
                    let Session::Strength(st) = s else { continue };
                    for e in &mut st.exercises {
                        if fewer && e.dose.sets > 1 {
                            e.dose.sets -= 1;
                            cut = true;
                        }
                        if let Some(next) = simplify
                            .then(|| easier_variant(&athlete, phase, e))
                            .flatten()
                        {
                            swapped.push(format!("{} -> {}", e.name, next.name));
                            *e = next;
                        }
                    }
                }
            });
            if !kept {
                continue;
            }
            let day = self.weekday(pos).name();
            let (kind, effect) = match (cut, swapped.is_empty()) {
                (true, false) => (
                    ChangeKind::Simplify,
                    format!(
                        "one set fewer per exercise and simpler exercises on {day} ({}).",
                        swapped.join(", ")
                    ),
                ),
                (true, true) => (
                    ChangeKind::FewerSets,
                    format!("one set fewer per exercise on {day}."),
                ),
                (false, false) => (
                    ChangeKind::Simplify,
                    format!("simpler exercises on {day} ({}).", swapped.join(", ")),
                ),
                (false, true) => continue,
            };
            self.record_because(pos, RULE_LOAD, kind, &why, &effect);
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

/// The exercise one step down its chain (`easier`), with equipment the athlete has: the
/// sets and reserve stay, the amount is the easier exercise's own (a plank held in seconds
/// steps down to dead bugs in reps). `None` without a usable easier variant.
fn easier_variant(
    athlete: &Athlete,
    phase: Phase,
    e: &PrescribedExercise,
) -> Option<PrescribedExercise> {
    let ex = exercises::find(e.easier.as_deref()?).filter(|x| !athlete.avoids(x.id))?;
    let bodyweight_only = athlete.movement_screen == MovementScreen::Fail;
    let equipment = ex.equip_with(|q| athlete.has(q), bodyweight_only)?;
    Some(PrescribedExercise {
        id: ex.id.to_string(),
        name: ex.name.to_string(),
        dose: prescription::dose_of(ex, phase, e.dose.sets, e.dose.rir.unwrap_or(2)),
        tempo: controlled_tempo::tempo(ex.kind).to_string(),
        equipment: equipment.to_vec(),
        load: None,
        easier: ex.easier.map(str::to_string),
        harder: ex.harder.map(str::to_string),
    })
}
