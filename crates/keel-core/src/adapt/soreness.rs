//! `soreness-vs-running`: sore legs before a key run, a very hard lift before a hard run.

use super::inputs::LastStrength;
use super::{Adapter, ChangeKind, RULE_SORENESS, SORE_LEGS, VERY_HARD_RPE};
use crate::model::{Focus, Weekday};
use crate::plan::{Session, Timing};
use crate::rules::week::focus_phrase;
use jiff::civil::Date;

impl Adapter {
    /// Sore legs the day before a key run: the next lower-body session moves to a valid later
    /// day of its week, or is lightened.
    ///
    /// Recomputed on any later day of that week, the same move is found again (it is chosen
    /// among all later days, as on the sore day): the target day keeps the moved session
    /// until it is done, while a source day already past stays as it was planned.
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
            let why = format!(
                "Leg soreness {legs}/5 on {}, the day before {}'s {} run",
                Weekday::of(sore_day).name(),
                Weekday::of(key_date).name(),
                key.run_type
            );
            self.sore_legs_session(sore_day, &why);
        }
    }

    fn sore_legs_session(&mut self, sore_day: Date, why: &str) {
        // The next lower-body session from the sore day on, in its week or the next.
        let Some(pos) = self
            .positions_from(sore_day, 2)
            .into_iter()
            .find(|&pos| self.strength(pos).is_some_and(|s| s.focus.loads_legs()))
        else {
            return;
        };
        let focus = self.strength(pos).map(|s| s.focus).unwrap_or(Focus::Lower);
        let (w, d) = pos;
        let from_day = self.weekday(pos).name();
        let past = self.day_date(pos) < self.date;
        // Move: a later day of the same week holding a run and no strength yet; easy days
        // first, then the earliest.
        let mut targets: Vec<(bool, usize)> = (d + 1..self.plan.weeks[w].days.len())
            .filter(|&to| self.strength((w, to)).is_none())
            .filter_map(|to| self.run((w, to)).map(|r| (r.run_type.is_hard(), to)))
            .collect();
        targets.sort();
        for (_, to) in targets {
            let target = (w, to);
            let Some(moved) = self.strength(pos).cloned() else {
                return;
            };
            let snapshot = self.plan.clone();
            let kept = self.try_apply(&[w], |p| {
                let wk = &mut p.weeks[w];
                if !past {
                    wk.days[d]
                        .sessions
                        .retain(|s| !matches!(s, Session::Strength(_)));
                    wk.days[d].rest = wk.days[d].sessions.is_empty();
                }
                let mut st = moved;
                st.timing = Timing::AfterRun;
                wk.days[to].sessions.push(Session::Strength(st));
                wk.days[to].rest = false;
            });
            if kept {
                if self.day_date(target) < self.date {
                    // Moved to a day already past: done; the past is not rewritten.
                    self.plan = snapshot;
                    return;
                }
                let text = format!(
                    "{why}: {from_day}'s {} session moves to {}.",
                    focus_phrase(focus),
                    self.weekday(target).name()
                );
                self.record(target, RULE_SORENESS, ChangeKind::Move, text);
                return;
            }
        }
        if past {
            return;
        }
        // Lighten: to work that spares the legs, else mobility.
        let spare = if focus == Focus::Full {
            Focus::Upper
        } else {
            Focus::Core
        };
        for to in [spare, Focus::Mobility] {
            if self.refocus(pos, to) {
                let text = format!(
                    "{why}: {from_day}'s {} session is lightened to {} work.",
                    focus_phrase(focus),
                    focus_phrase(to)
                );
                self.record(pos, RULE_SORENESS, ChangeKind::Lighten, text);
                return;
            }
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
