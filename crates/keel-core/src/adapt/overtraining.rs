//! `overtraining-signals`, `sleep` and `age-recovery`: scaling back when check-ins show it.
//!
//! Strong signs (illness, two kinds of sign, a strong sign) decide first and for the whole
//! horizon: one extra rest day on a day without a hard run, the next hard run softened (never a
//! race), every other strength session mobility (dropped when ill). Every session they touch is
//! settled, so nothing later moves or changes it again, and each day gets one line per session.

use super::engine::{Adapter, Pos, Slot};
use super::signals::{distinct_kinds, SignalKind};
use super::{ChangeKind, RULE_AGE, RULE_OVERTRAINING, RULE_SLEEP};
use crate::model::{Focus, Intensity, RunType};
use crate::plan::Session;
use crate::readiness::Signal;
use crate::rules::week::{focus_phrase, run_phrase};
use crate::text::{capitalise, join_and, lowercase_first};

/// The sentence opening every change: the signs themselves.
fn signs_text(signals: &[(SignalKind, &Signal)]) -> String {
    capitalise(
        &signals
            .iter()
            .map(|(_, s)| s.text.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    )
}

impl Adapter {
    /// Days the readiness of the date speaks for: the rest of its week, and tomorrow when the
    /// date is the week's last day (`keel today` shows tomorrow).
    fn readiness_horizon(&self, wi: usize) -> Vec<Pos> {
        let mut h = self.horizon(wi);
        let last = self.plan.weeks[wi].days.last().map(|d| d.date);
        if last == Some(self.date) && wi + 1 < self.plan.weeks.len() {
            h.push((wi + 1, 0));
        }
        h
    }

    /// Strong signs: the whole horizon scales back, and the sessions touched are settled.
    pub(super) fn overtraining_strong(&mut self, wi: usize, signals: &[(SignalKind, &Signal)]) {
        let ill = signals.iter().any(|(k, _)| *k == SignalKind::Illness);
        let what = signs_text(signals);
        let horizon = self.readiness_horizon(wi);
        // The next hard run (never a race: that is the runner's call).
        let next_hard = horizon.iter().copied().find(|&pos| {
            self.run(pos)
                .is_some_and(|r| r.run_type.is_hard() && r.run_type != RunType::Race)
        });
        // An extra rest day: the first coming day without a hard run that is not rest yet,
        // when none is left this week, and always when ill.
        let rest_ahead = horizon
            .iter()
            .any(|&(w, d)| self.plan.weeks[w].days[d].rest);
        if !rest_ahead || ill {
            let candidate = horizon.iter().copied().find(|&pos| {
                let day = &self.plan.weeks[pos.0].days[pos.1];
                Some(pos) != next_hard
                    && !day.rest
                    && !self.settled(pos, Slot::Strength)
                    && !self.settled(pos, Slot::Run)
                    && self.run(pos).is_none_or(|r| !r.run_type.is_hard())
            });
            if let Some(pos) = candidate {
                self.rest_day(pos, &what);
            }
        }
        if let Some(pos) = next_hard {
            self.soften_run(pos, ill, &what);
        }
        for pos in horizon {
            let moved = self.moved(pos);
            if self.settled(pos, Slot::Strength) && !moved {
                continue;
            }
            let Some(st) = self.strength(pos) else {
                continue;
            };
            if st.focus == Focus::Mobility && !ill {
                self.settle(pos, Slot::Strength);
                continue;
            }
            let focus = st.focus;
            let day = self.weekday(pos).name();
            if moved {
                // Moved for sore legs or a logged lift earlier: the same line says what it
                // became, so the session keeps one line.
                let (kept, becomes) = if ill {
                    (self.drop_strength(pos), "is dropped until you are well")
                } else {
                    (self.refocus(pos, Focus::Mobility), "becomes mobility work")
                };
                if kept {
                    let more = format!("; then, with {}, it {becomes}.", lowercase_first(&what));
                    self.amend_move(pos, &more);
                }
            } else if ill {
                if self.drop_strength(pos) {
                    let effect = format!(
                        "{day}'s {} session is dropped until you are well.",
                        focus_phrase(focus)
                    );
                    let kind = ChangeKind::DropSession;
                    self.record_because(pos, RULE_OVERTRAINING, kind, &what, &effect);
                }
            } else if self.refocus(pos, Focus::Mobility) {
                let effect = format!(
                    "{day}'s {} session becomes mobility work.",
                    focus_phrase(focus)
                );
                self.record_because(
                    pos,
                    RULE_OVERTRAINING,
                    ChangeKind::ToMobility,
                    &what,
                    &effect,
                );
            }
            self.settle(pos, Slot::Strength);
        }
    }

    /// Turns the day at `pos` into an extra rest day, in one line naming what is off.
    fn rest_day(&mut self, pos: Pos, what: &str) {
        let (w, d) = pos;
        let run = self.run(pos).map(|r| r.run_type);
        let focus = self.strength(pos).map(|s| s.focus);
        let kept = self.try_apply(&[w], |p| {
            let day = &mut p.weeks[w].days[d];
            day.sessions.clear();
            day.rest = true;
        });
        if !kept {
            return;
        }
        let day = self.weekday(pos).name();
        let mut off: Vec<String> = Vec::new();
        if let Some(t) = run {
            off.push(run_phrase(t).to_string());
        }
        if let Some(f) = focus {
            off.push(format!("the {} session", focus_phrase(f)));
        }
        let effect = match (off.is_empty(), run.is_some()) {
            (true, _) => format!("{day} becomes an extra rest day."),
            (false, true) => format!(
                "{day} becomes an extra rest day ({} off). keel changed your run here \
                 because the signs are strong.",
                join_and(&off)
            ),
            (false, false) => format!("{day} becomes an extra rest day ({} off).", join_and(&off)),
        };
        self.record_because(pos, RULE_OVERTRAINING, ChangeKind::RestDay, what, &effect);
        self.settle(pos, Slot::Run);
        self.settle(pos, Slot::Strength);
    }

    /// The next hard run: rest when ill (the day's strength with it), else easy
    /// cross-training of at most 45 min. The only case where keel touches a run.
    fn soften_run(&mut self, pos: Pos, ill: bool, what: &str) {
        let (wi, di) = pos;
        let Some(run) = self.run(pos).cloned() else {
            return;
        };
        let focus = self.strength(pos).map(|s| s.focus);
        let day = self.weekday(pos).name();
        let kept = self.try_apply(&[wi], |p| {
            let d = &mut p.weeks[wi].days[di];
            if ill {
                d.sessions.clear();
                d.rest = true;
            } else {
                for s in &mut d.sessions {
                    if let Session::Run(r) = s {
                        if r.run_type == run.run_type {
                            r.run_type = RunType::Cross;
                            r.minutes = r.minutes.min(45);
                            r.km = None;
                        }
                    }
                }
            }
        });
        if !kept {
            return;
        }
        let t = run.run_type;
        if ill {
            let also = focus
                .map(|f| format!(" and the {} session is off", focus_phrase(f)))
                .unwrap_or_default();
            let effect = format!(
                "keel changed your run: {day}'s {t} run becomes rest{also}. This is the \
                 only case where keel touches a run: train again when you are well."
            );
            self.record_because(pos, RULE_OVERTRAINING, ChangeKind::RunToRest, what, &effect);
            self.settle(pos, Slot::Strength);
        } else {
            let mins = run.minutes.min(45);
            let effect = format!(
                "keel changed your run: {day}'s {t} run becomes {mins} min of easy \
                 cross-training. This is the only case where keel touches a run, because \
                 the signs are strong."
            );
            self.record_because(
                pos,
                RULE_OVERTRAINING,
                ChangeKind::RunToCross,
                what,
                &effect,
            );
        }
        self.settle(pos, Slot::Run);
    }

    /// One sign: an extra rest day where no run is planned, or the next strength session
    /// to mobility; the other strength sessions one step lighter. Sessions already settled
    /// (moved for sore legs or a logged lift) are left as they are.
    ///
    /// When the one sign is sore legs, only sessions that load the legs are dropped.
    pub(super) fn overtraining_mild(&mut self, wi: usize, signals: &[(SignalKind, &Signal)]) {
        let kinds = distinct_kinds(signals);
        let rule = if kinds == [SignalKind::Sleep] {
            RULE_SLEEP
        } else {
            RULE_OVERTRAINING
        };
        let legs_only = kinds == [SignalKind::Soreness];
        let what = signs_text(signals);
        let horizon: Vec<Pos> = self
            .readiness_horizon(wi)
            .into_iter()
            .filter(|&pos| !self.settled(pos, Slot::Strength))
            .collect();
        let candidate = |a: &Adapter, pos: Pos| {
            a.strength(pos).is_some_and(|st| {
                st.focus != Focus::Mobility && (!legs_only || st.focus.loads_legs())
            })
        };
        let mut handled = None;
        for &pos in &horizon {
            if !candidate(self, pos) || self.run(pos).is_some() {
                continue;
            }
            let focus = self.strength(pos).map(|s| s.focus).unwrap_or(Focus::Full);
            if self.drop_strength(pos) {
                let effect = format!(
                    "{day}'s {focus} session is dropped for an extra rest day.",
                    day = self.weekday(pos).name(),
                    focus = focus_phrase(focus)
                );
                self.record_because(pos, rule, ChangeKind::RestDay, &what, &effect);
                handled = Some(pos);
                break;
            }
        }
        if handled.is_none() {
            for &pos in &horizon {
                if !candidate(self, pos) {
                    continue;
                }
                let focus = self.strength(pos).map(|s| s.focus).unwrap_or(Focus::Full);
                if self.refocus(pos, Focus::Mobility) {
                    let effect = format!(
                        "{day}'s {focus} session becomes mobility work.",
                        day = self.weekday(pos).name(),
                        focus = focus_phrase(focus)
                    );
                    self.record_because(pos, rule, ChangeKind::ToMobility, &what, &effect);
                    handled = Some(pos);
                    break;
                }
            }
        }
        if let Some(pos) = handled {
            self.settle(pos, Slot::Strength);
        }
        for &pos in &horizon {
            if Some(pos) == handled {
                continue;
            }
            let Some(st) = self.strength(pos) else {
                continue;
            };
            if st.focus == Focus::Mobility {
                continue;
            }
            let from = st.intensity;
            let to = lighter(from);
            if to == from {
                continue;
            }
            let (wi, di) = pos;
            let kept = self.try_apply(&[wi], |p| {
                for s in &mut p.weeks[wi].days[di].sessions {
                    if let Session::Strength(st) = s {
                        st.intensity = to;
                        for e in &mut st.exercises {
                            if let Some(r) = e.dose.rir.as_mut() {
                                *r += 1;
                            }
                        }
                    }
                }
            });
            if kept {
                let effect = format!(
                    "{day}'s session is {to} instead of {from}, with one more rep in reserve.",
                    day = self.weekday(pos).name(),
                );
                self.record_because(pos, rule, ChangeKind::LowerIntensity, &what, &effect);
            }
        }
    }

    /// Slow recovery: prefer 2 strength sessions over 3.
    pub(super) fn slow_recovery(&mut self, wi: usize, signal: &Signal) {
        if self.training_sessions(wi) < 3 {
            return;
        }
        let last = self.horizon(wi).into_iter().rev().find(|&pos| {
            !self.settled(pos, Slot::Strength)
                && self
                    .strength(pos)
                    .is_some_and(|s| s.focus != Focus::Mobility)
        });
        if let Some(pos) = last {
            let focus = self.strength(pos).map(|s| s.focus).unwrap_or(Focus::Full);
            if self.drop_strength(pos) {
                let effect = format!(
                    "recovery is slow, so 2 strength sessions this week instead of 3 \
                     ({}'s {} session is dropped).",
                    self.weekday(pos).name(),
                    focus_phrase(focus)
                );
                let cause = capitalise(&signal.text);
                self.record_because(pos, RULE_AGE, ChangeKind::DropSession, &cause, &effect);
                self.settle(pos, Slot::Strength);
            }
        }
    }
}

fn lighter(i: Intensity) -> Intensity {
    match i {
        Intensity::Heavy => Intensity::Moderate,
        Intensity::Moderate => Intensity::Light,
        other => other,
    }
}
