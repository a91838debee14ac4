//! `overtraining-signals`, `sleep` and `age-recovery`: scaling back when check-ins show it.

use super::signals::{distinct_kinds, is_strong, SignalKind};
use super::{Adapter, ChangeKind, Pos, RULE_AGE, RULE_OVERTRAINING, RULE_SLEEP};
use crate::model::{Focus, Intensity, RunType};
use crate::plan::Session;
use crate::readiness::Signal;
use crate::rules::week::focus_phrase;
use crate::text::capitalise;

impl Adapter {
    pub(super) fn overtraining(&mut self, wi: usize, signals: &[(SignalKind, &Signal)]) {
        let ill = signals.iter().any(|(k, _)| *k == SignalKind::Illness);
        let kinds = distinct_kinds(signals);
        let strong = is_strong(signals);
        let rule = if kinds == [SignalKind::Sleep] {
            RULE_SLEEP
        } else {
            RULE_OVERTRAINING
        };
        let what = capitalise(
            &signals
                .iter()
                .map(|(_, s)| s.text.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        );
        let horizon = self.horizon(wi);
        if strong {
            self.overtraining_strong(wi, &horizon, ill, &what);
        } else {
            let legs_only = kinds == [SignalKind::Soreness];
            self.overtraining_mild(&horizon, rule, &what, legs_only);
        }
    }

    /// One sign: an extra rest day where no run is planned, or the next strength session
    /// to mobility; the other strength sessions one step lighter.
    ///
    /// When the one sign is sore legs, only sessions that load the legs are dropped.
    fn overtraining_mild(&mut self, horizon: &[Pos], rule: &str, what: &str, legs_only: bool) {
        let mut handled = None;
        for &pos in horizon {
            let Some(st) = self.strength(pos) else {
                continue;
            };
            if st.focus == Focus::Mobility
                || self.run(pos).is_some()
                || (legs_only && !st.focus.loads_legs())
            {
                continue;
            }
            let focus = st.focus;
            if self.drop_strength(pos) {
                let text = format!(
                    "{what}: {day}'s {focus} session is dropped for an extra rest day.",
                    day = self.weekday(pos).name(),
                    focus = focus_phrase(focus)
                );
                self.record(pos, rule, ChangeKind::RestDay, text);
                handled = Some(pos);
                break;
            }
        }
        if handled.is_none() {
            for &pos in horizon {
                let Some(st) = self.strength(pos) else {
                    continue;
                };
                if st.focus == Focus::Mobility || (legs_only && !st.focus.loads_legs()) {
                    continue;
                }
                let focus = st.focus;
                if self.make_mobility(pos) {
                    let text = format!(
                        "{what}: {day}'s {focus} session becomes mobility work.",
                        day = self.weekday(pos).name(),
                        focus = focus_phrase(focus)
                    );
                    self.record(pos, rule, ChangeKind::ToMobility, text);
                    handled = Some(pos);
                    break;
                }
            }
        }
        for &pos in horizon {
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
                let text = format!(
                    "{what}: {day}'s session is {to} instead of {from}, with one more rep in reserve.",
                    day = self.weekday(pos).name(),
                );
                self.record(pos, rule, ChangeKind::LowerIntensity, text);
            }
        }
    }

    /// Illness or two or more signs: strength becomes mobility (dropped when ill), an extra
    /// rest day (converting an easy run day if needed), and the next hard run becomes easy
    /// cross-training (rest when ill). The only case where keel touches a run.
    fn overtraining_strong(&mut self, wi: usize, horizon: &[Pos], ill: bool, what: &str) {
        let rule = RULE_OVERTRAINING;
        for &pos in horizon {
            let Some(st) = self.strength(pos) else {
                continue;
            };
            if st.focus == Focus::Mobility && !ill {
                continue;
            }
            let focus = st.focus;
            let day = self.weekday(pos).name();
            if ill {
                if self.drop_strength(pos) {
                    let text = format!(
                        "{what}: {day}'s {} session is dropped until you are well.",
                        focus_phrase(focus)
                    );
                    self.record(pos, rule, ChangeKind::DropSession, text);
                }
            } else if self.make_mobility(pos) {
                let text = format!(
                    "{what}: {day}'s {} session becomes mobility work.",
                    focus_phrase(focus)
                );
                self.record(pos, rule, ChangeKind::ToMobility, text);
            }
        }
        // The next hard run (never a race: that is the runner's call).
        let next_hard = horizon.iter().copied().find(|&pos| {
            self.run(pos)
                .is_some_and(|r| r.run_type.is_hard() && r.run_type != RunType::Race)
        });
        if let Some(pos) = next_hard {
            self.soften_run(pos, ill, what);
        }
        // An extra rest day: the first coming day without a hard run that is not rest yet.
        let has_rest_ahead = horizon
            .iter()
            .any(|&(w, d)| self.plan.weeks[w].days[d].rest);
        if !has_rest_ahead || ill {
            let candidate = horizon.iter().copied().find(|&pos| {
                let day = &self.plan.weeks[pos.0].days[pos.1];
                !day.rest && self.run(pos).is_none_or(|r| !r.run_type.is_hard())
            });
            if let Some(pos) = candidate {
                let (w, d) = pos;
                let run = self.run(pos).map(|r| r.run_type);
                if self.try_apply(&[wi], |p| {
                    let day = &mut p.weeks[w].days[d];
                    day.sessions.clear();
                    day.rest = true;
                }) {
                    let day = self.weekday(pos).name();
                    let text = match run {
                        Some(t) => format!(
                            "{what}: {day} becomes an extra rest day. keel changed your run here \
                             (the {t} run is off) because the signs are strong."
                        ),
                        None => format!("{what}: {day} becomes an extra rest day."),
                    };
                    self.record(pos, rule, ChangeKind::RestDay, text);
                }
            }
        }
    }

    fn soften_run(&mut self, pos: Pos, ill: bool, what: &str) {
        let (wi, di) = pos;
        let Some(run) = self.run(pos).cloned() else {
            return;
        };
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
            let text = format!(
                "{what}: keel changed your run: {day}'s {t} run becomes rest. This is the only \
                 case where keel touches a run: train again when you are well."
            );
            self.record(pos, RULE_OVERTRAINING, ChangeKind::RunToRest, text);
        } else {
            let mins = run.minutes.min(45);
            let text = format!(
                "{what}: keel changed your run: {day}'s {t} run becomes {mins} min of easy \
                 cross-training. This is the only case where keel touches a run, because \
                 the signs are strong."
            );
            self.record(pos, RULE_OVERTRAINING, ChangeKind::RunToCross, text);
        }
    }

    /// Slow recovery: prefer 2 strength sessions over 3.
    pub(super) fn slow_recovery(&mut self, wi: usize, signal: &Signal) {
        if self.training_sessions(wi) < 3 {
            return;
        }
        let last = self.horizon(wi).into_iter().rev().find(|&pos| {
            self.strength(pos)
                .is_some_and(|s| s.focus != Focus::Mobility)
        });
        if let Some(pos) = last {
            let focus = self.strength(pos).map(|s| s.focus).unwrap_or(Focus::Full);
            if self.drop_strength(pos) {
                let text = format!(
                    "{}: recovery is slow, so 2 strength sessions this week instead of 3 \
                     ({}'s {} session is dropped).",
                    capitalise(&signal.text),
                    self.weekday(pos).name(),
                    focus_phrase(focus)
                );
                self.record(pos, RULE_AGE, ChangeKind::DropSession, text);
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
