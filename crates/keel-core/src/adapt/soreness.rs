//! `soreness-vs-running`: sore legs before a key run, a very hard lift before a hard run.

use super::engine::{Adapter, Slot};
use super::inputs::LastStrength;
use super::{ChangeKind, RULE_SORENESS, SORE_LEGS, VERY_HARD_RPE};
use crate::model::{Focus, Weekday};
use jiff::civil::Date;

impl Adapter {
    /// Sore legs the day before a key run: the next lower-body session moves to a valid later
    /// day of its week, or is lightened; a session moves once, whatever the number of sore
    /// days.
    ///
    /// Recomputed on any later day of that week, the same move is found again (it is chosen
    /// among all later days, as on the sore day), and the session shows on its new day only.
    pub(super) fn sore_legs(&mut self, wi: usize, soreness: &[(Date, u8)]) {
        let week_start = self.plan.weeks[wi].start;
        let mut sore: Vec<(Date, u8)> = soreness
            .iter()
            .copied()
            .filter(|(d, l)| *l >= SORE_LEGS && *d <= self.date)
            .collect();
        sore.sort();
        sore.dedup_by_key(|(d, _)| *d);
        for (sore_day, legs) in sore {
            let Ok(key_date) = sore_day.tomorrow() else {
                continue;
            };
            // The key run is in this week, or tomorrow (a Monday of the next week).
            if key_date < week_start {
                continue;
            }
            let Some(key_pos) = self.pos_of(key_date) else {
                continue;
            };
            let Some(key) = self.run(key_pos).filter(|r| r.run_type.is_hard()).cloned() else {
                continue;
            };
            // The next lower-body session from the sore day on, in its week or the next; one
            // already decided (moved, made mobility) stays as it is.
            let Some(pos) = self
                .positions_from(sore_day, 2)
                .into_iter()
                .find(|&pos| self.strength(pos).is_some_and(|s| s.focus.loads_legs()))
            else {
                continue;
            };
            if self.settled(pos, Slot::Strength) {
                continue;
            }
            let why = format!(
                "Leg soreness {legs}/5 on {}, the day before {}'s {} run",
                Weekday::of(sore_day).name(),
                Weekday::of(key_date).name(),
                key.run_type
            );
            let spare = if self.strength(pos).is_some_and(|s| s.focus == Focus::Full) {
                Focus::Upper
            } else {
                Focus::Core
            };
            self.move_or_lighten(pos, RULE_SORENESS, &why, &[spare, Focus::Mobility]);
        }
    }

    /// A very hard strength session the day before a hard run: suggest an easy run or rest.
    pub(super) fn hard_lift(&mut self, wi: usize, last: LastStrength) {
        let Some(rpe) = last.rpe.filter(|&r| r >= VERY_HARD_RPE) else {
            return;
        };
        let Some(next) = last.date.tomorrow().ok() else {
            return;
        };
        if next < self.date {
            return;
        }
        let Some(pos) = self
            .horizon2(wi)
            .into_iter()
            .find(|&pos| self.day_date(pos) == next)
        else {
            return;
        };
        if self.settled(pos, Slot::Run) {
            return;
        }
        let Some(run) = self.run(pos).filter(|r| r.run_type.is_hard()).cloned() else {
            return;
        };
        let lifted = Weekday::of(last.date).name();
        let text = format!(
            "{lifted}'s strength session was rated RPE {rpe}: consider running {}'s {} run \
             easy, or resting. keel does not change the run for you.",
            self.weekday(pos).name(),
            run.run_type
        );
        self.record(pos, RULE_SORENESS, ChangeKind::Suggest, text);
    }
}
