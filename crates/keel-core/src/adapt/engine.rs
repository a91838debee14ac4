//! The adapter's workbench: positions in the plan, the sessions at them, changes tried against
//! the hard rules (with what was logged laid over the plan) and recorded once per session.
//!
//! Invariants:
//! - a change is kept only when it adds no hard-rule violation in the weeks it touches,
//!   counting logged lifts the plan did not hold (`same-muscle-48h`, `hard-run-24h`);
//! - a slot (a day's strength session, its run, or the whole day) settled by one change is
//!   not changed again by a later rule, so every session ends in one final state and is
//!   described by one line per change (`settle`, `settled`).

use super::logged::LoggedLift;
use super::{Change, ChangeKind};
use crate::model::{Athlete, Focus, Intensity, MovementScreen, Phase, RunType, Weekday};
use crate::plan::{Plan, PlanWeek, RunSession, Session, StrengthSession, Timing, Why};
use crate::prescription;
use crate::rules::week::{self, focus_phrase};
use jiff::civil::Date;

/// Position of a day: week index and day index.
pub(super) type Pos = (usize, usize);

/// What of a day a change decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    /// The day's strength session.
    Strength,
    /// The day's run.
    Run,
}

pub(super) struct Adapter {
    pub plan: Plan,
    pub date: Date,
    pub changes: Vec<Change>,
    /// Lifts logged up to the date, laid over the plan for the hard rules.
    pub logged: Vec<LoggedLift>,
    /// Slots decided by a change, by date; `true` for a session moved (or lightened) for
    /// sore legs or a logged lift, which strong signs may still turn into mobility.
    settled: Vec<(Date, Slot, bool)>,
    /// Days holding a session the runner moved there (`runner-choice`): never moved again.
    pub pinned: Vec<Date>,
}

impl Adapter {
    pub fn new(plan: Plan, date: Date, logged: Vec<LoggedLift>) -> Adapter {
        Adapter {
            plan,
            date,
            changes: Vec::new(),
            logged,
            settled: Vec::new(),
            pinned: Vec::new(),
        }
    }

    /// Days of week `wi` from the date on.
    pub fn horizon(&self, wi: usize) -> Vec<Pos> {
        self.plan.weeks[wi]
            .days
            .iter()
            .enumerate()
            .filter(|(_, d)| d.date >= self.date)
            .map(|(di, _)| (wi, di))
            .collect()
    }

    /// Days from the date on in week `wi` and the next week.
    pub fn horizon2(&self, wi: usize) -> Vec<Pos> {
        let mut h = self.horizon(wi);
        if wi + 1 < self.plan.weeks.len() {
            h.extend((0..self.plan.weeks[wi + 1].days.len()).map(|di| (wi + 1, di)));
        }
        h
    }

    /// The position of a date in the plan.
    pub fn pos_of(&self, date: Date) -> Option<Pos> {
        self.plan.weeks.iter().enumerate().find_map(|(wi, w)| {
            w.days
                .iter()
                .position(|d| d.date == date)
                .map(|di| (wi, di))
        })
    }

    /// Positions from `from` on, in order, through `weeks` weeks (the week of `from` first).
    pub fn positions_from(&self, from: Date, weeks: usize) -> Vec<Pos> {
        let Some((w0, _)) = self.pos_of(from) else {
            return Vec::new();
        };
        (w0..(w0 + weeks).min(self.plan.weeks.len()))
            .flat_map(|wi| (0..self.plan.weeks[wi].days.len()).map(move |di| (wi, di)))
            .filter(|&pos| self.day_date(pos) >= from)
            .collect()
    }

    pub fn day_date(&self, (wi, di): Pos) -> Date {
        self.plan.weeks[wi].days[di].date
    }

    pub fn weekday(&self, pos: Pos) -> Weekday {
        Weekday::of(self.day_date(pos))
    }

    pub fn strength(&self, (wi, di): Pos) -> Option<&StrengthSession> {
        self.plan.weeks[wi].days[di]
            .sessions
            .iter()
            .find_map(|s| match s {
                Session::Strength(st) => Some(st),
                Session::Run(_) => None,
            })
    }

    pub fn run(&self, (wi, di): Pos) -> Option<&RunSession> {
        self.plan.weeks[wi].days[di]
            .sessions
            .iter()
            .find_map(|s| match s {
                Session::Run(r) if r.run_type != RunType::Rest => Some(r),
                _ => None,
            })
    }

    /// Strength sessions (not mobility) in the whole of week `wi`.
    pub fn training_sessions(&self, wi: usize) -> usize {
        (0..self.plan.weeks[wi].days.len())
            .filter(|&di| {
                self.strength((wi, di))
                    .is_some_and(|s| s.focus != Focus::Mobility)
            })
            .count()
    }

    /// Whether a change already decided the slot at `pos`.
    pub fn settled(&self, pos: Pos, slot: Slot) -> bool {
        let d = self.day_date(pos);
        self.settled.iter().any(|s| s.0 == d && s.1 == slot)
    }

    /// Whether the strength session at `pos` was moved or lightened (and nothing else yet).
    pub fn moved(&self, pos: Pos) -> bool {
        let d = self.day_date(pos);
        self.settled
            .iter()
            .any(|s| s.0 == d && s.1 == Slot::Strength && s.2)
    }

    /// Marks the slot at `pos` final: no later rule changes it.
    pub fn settle(&mut self, pos: Pos, slot: Slot) {
        let d = self.day_date(pos);
        self.settled.retain(|s| !(s.0 == d && s.1 == slot));
        self.settled.push((d, slot, false));
    }

    /// Marks the strength session at `pos` moved or lightened: later rules leave it, but
    /// strong signs may still make it mobility (in the same line).
    pub fn settle_moved(&mut self, pos: Pos) {
        let d = self.day_date(pos);
        self.settled
            .retain(|s| !(s.0 == d && s.1 == Slot::Strength));
        self.settled.push((d, Slot::Strength, true));
    }

    /// Appends `more` to the line of the change that moved or lightened the session at `pos`
    /// (in the list, the week's adjustments and the session's reasons), so the session keeps
    /// one line for its final state.
    pub fn amend_move(&mut self, pos: Pos, more: &str) -> bool {
        let d = self.day_date(pos);
        let Some(c) = self
            .changes
            .iter_mut()
            .rev()
            .find(|c| c.date == d && matches!(c.kind, ChangeKind::Move | ChangeKind::Lighten))
        else {
            return false;
        };
        let old = c.text.clone();
        let new = format!("{}{more}", old.trim_end_matches('.'));
        c.text = new.clone();
        let rule = c.rule.clone();
        for week in &mut self.plan.weeks {
            let sessions = week.days.iter_mut().flat_map(|d| d.sessions.iter_mut());
            let reasons = sessions.flat_map(|s| match s {
                Session::Strength(st) => st.why.iter_mut(),
                Session::Run(_) => [].iter_mut(),
            });
            for y in week.adjustments.iter_mut().chain(reasons) {
                if y.text == old {
                    y.text = new.clone();
                }
            }
        }
        // A session prescribed anew (made mobility) carries the line as its last reason.
        let (w, di) = pos;
        for s in &mut self.plan.weeks[w].days[di].sessions {
            if let Session::Strength(st) = s {
                if !st.why.iter().any(|y| y.text == new) {
                    st.why.push(Why::new(&rule, new.clone()));
                }
            }
        }
        true
    }

    /// Applies `f` to the plan; keeps it only when no hard rule is newly broken in the
    /// weeks it touches (logged lifts included). Returns whether it was kept.
    ///
    /// `f` changes only the weeks named in `weeks` (checked in debug builds): those alone
    /// are kept aside to be put back, not the whole season.
    pub fn try_apply(&mut self, weeks: &[usize], f: impl FnOnce(&mut Plan)) -> bool {
        let old = self.violations_around(&self.plan, weeks);
        let saved: Vec<(usize, PlanWeek)> = weeks
            .iter()
            .map(|&w| (w, self.plan.weeks[w].clone()))
            .collect();
        #[cfg(debug_assertions)]
        let whole = self.plan.clone();
        f(&mut self.plan);
        #[cfg(debug_assertions)]
        {
            let mut others = self.plan.clone();
            for (w, week) in &saved {
                others.weeks[*w] = week.clone();
            }
            debug_assert!(others == whole, "try_apply changed a week it did not name");
        }
        let new = self.violations_around(&self.plan, weeks);
        if new.iter().all(|v| old.contains(v)) {
            true
        } else {
            for (w, week) in saved.into_iter().rev() {
                self.plan.weeks[w] = week;
            }
            false
        }
    }

    /// Records a change: in the list, in the week's adjustments and, when the day holds a
    /// strength session, in its `why`.
    pub fn record(&mut self, pos: Pos, rule: &str, kind: ChangeKind, text: String) {
        self.record_change(pos, rule, kind, text, String::new());
    }

    /// Records a change made because of `cause` (the signs, the load, a logged lift): its
    /// text is `"{cause}: {effect}"`, and the cause is kept apart so that changes sharing it
    /// are printed under it once.
    pub fn record_because(
        &mut self,
        pos: Pos,
        rule: &str,
        kind: ChangeKind,
        cause: &str,
        effect: &str,
    ) {
        let text = format!("{cause}: {effect}");
        self.record_change(pos, rule, kind, text, cause.to_string());
    }

    fn record_change(
        &mut self,
        pos: Pos,
        rule: &str,
        kind: ChangeKind,
        text: String,
        cause: String,
    ) {
        let date = self.day_date(pos);
        let why = Why::new(rule, text.clone());
        let week = &mut self.plan.weeks[pos.0];
        if !week.adjustments.contains(&why) {
            week.adjustments.push(why.clone());
        }
        for s in &mut week.days[pos.1].sessions {
            if let Session::Strength(st) = s {
                st.why.push(why.clone());
            }
        }
        self.changes.push(Change {
            date,
            rule: rule.to_string(),
            kind,
            text,
            cause,
        });
    }

    /// Replaces the strength session at `pos` by one of `focus` in the same slot, prescribed
    /// for the athlete; returns whether kept.
    pub fn refocus(&mut self, pos: Pos, focus: Focus) -> bool {
        let (wi, di) = pos;
        let phase = self.plan.weeks[wi].phase;
        let deload = self.plan.weeks[wi].deload;
        self.try_apply(&[wi], |p| {
            let athlete = p.athlete.clone();
            for s in &mut p.weeks[wi].days[di].sessions {
                if let Session::Strength(st) = s {
                    *st = session_of(&athlete, phase, deload, st, focus);
                }
            }
        })
    }

    /// Removes the strength session at `pos`; an emptied day becomes a rest day.
    pub fn drop_strength(&mut self, pos: Pos) -> bool {
        let (wi, di) = pos;
        self.try_apply(&[wi], |p| {
            let day = &mut p.weeks[wi].days[di];
            day.sessions.retain(|s| !matches!(s, Session::Strength(_)));
            day.rest = day.sessions.is_empty();
        })
    }

    /// Moves the strength session at `from` to the end of the day `to` (after its run);
    /// returns whether kept.
    pub fn move_strength(&mut self, from: Pos, to: Pos) -> bool {
        let Some(moved) = self.strength(from).cloned() else {
            return false;
        };
        let weeks: Vec<usize> = if from.0 == to.0 {
            vec![from.0]
        } else {
            vec![from.0, to.0]
        };
        self.try_apply(&weeks, |p| {
            let src = &mut p.weeks[from.0].days[from.1];
            src.sessions.retain(|s| !matches!(s, Session::Strength(_)));
            src.rest = src.sessions.is_empty();
            let mut st = moved;
            st.timing = Timing::AfterRun;
            let dst = &mut p.weeks[to.0].days[to.1];
            dst.sessions.push(Session::Strength(st));
            dst.rest = false;
        })
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
        // A session the runner moved stays where they put it: lightened, never moved.
        let pinned = self.pinned.contains(&self.day_date(pos));
        let mut targets: Vec<(bool, usize)> = (d + 1..self.plan.weeks[w].days.len())
            .filter(|_| !pinned)
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
                    let effect = format!(
                        "{from_day}'s {} session moves to {}.",
                        focus_phrase(focus),
                        self.weekday(target).name()
                    );
                    self.record_because(target, rule, ChangeKind::Move, why, &effect);
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
                let effect = format!(
                    "{from_day}'s {} session is lightened to {} work.",
                    focus_phrase(focus),
                    focus_phrase(to)
                );
                self.record_because(pos, rule, ChangeKind::Lighten, why, &effect);
                self.settle_moved(pos);
                return true;
            }
        }
        false
    }

    /// Hard-rule violations in the weeks given and their neighbours, with the logged lifts
    /// laid over the plan, as comparable strings.
    fn violations_around(&self, plan: &Plan, weeks: &[usize]) -> Vec<String> {
        let mut out = Vec::new();
        for &wi in weeks {
            let lo = wi.saturating_sub(1);
            let hi = (wi + 1).min(plan.weeks.len().saturating_sub(1));
            for w in lo..=hi {
                let view = self.view(plan, w);
                out.extend(
                    crate::check::hard_violations_of(&view)
                        .into_iter()
                        .map(|v| {
                            format!(
                                "{} {} {} {}",
                                plan.weeks[w].index, v.rule, v.weekday, v.text
                            )
                        }),
                );
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Week `w` as the rules see it: the plan, with each day up to the date that holds a
    /// logged lift showing that lift instead of (or besides) what was planned.
    pub(super) fn view(&self, plan: &Plan, w: usize) -> week::Week {
        let prev = w.checked_sub(1).and_then(|p| plan.weeks.get(p));
        let next = plan.weeks.get(w + 1);
        let mut view = week::from_plan(&plan.weeks[w], prev, next);
        if self.logged.is_empty() {
            return view;
        }
        let lay = |day: &mut week::Day, date: Date| {
            if let Some(l) = self.logged.iter().find(|l| l.date == date) {
                day.items.retain(|i| !matches!(i, week::Item::Strength(_)));
                day.items.push(week::Item::Strength(l.lift()));
            }
        };
        for (i, d) in plan.weeks[w].days.iter().enumerate() {
            lay(&mut view.days[i], d.date);
        }
        if let (Some(p), Some(day)) = (prev.and_then(|p| p.days.get(6)), view.prev.as_mut()) {
            lay(day, p.date);
        }
        if let (Some(n), Some(day)) = (next.and_then(|n| n.days.first()), view.next.as_mut()) {
            lay(day, n.date);
        }
        view
    }
}

/// A session of `focus` in place of `st`: same slot, prescribed for the athlete;
/// light, or bodyweight for mobility.
pub(crate) fn session_of(
    athlete: &Athlete,
    phase: Phase,
    deload: bool,
    st: &StrengthSession,
    focus: Focus,
) -> StrengthSession {
    let intensity = if focus == Focus::Mobility {
        Intensity::Bodyweight
    } else {
        Intensity::Light
    };
    let minutes = if focus == Focus::Mobility {
        st.minutes.clamp(10, 20)
    } else {
        st.minutes.min(30)
    };
    let competency = athlete.movement_screen == MovementScreen::Fail;
    let program = prescription::program::standalone(focus, phase, competency);
    let rx = prescription::prescribe(
        &prescription::Request {
            athlete,
            focus,
            intensity,
            phase,
            minutes,
            after_run: st.timing == Timing::AfterRun,
            deload,
            program: &program,
        },
        None,
    );
    StrengthSession {
        focus,
        intensity,
        minutes: rx.minutes,
        timing: st.timing,
        warm_up: rx.warm_up,
        exercises: rx.exercises,
        // The replaced session's reasons (its dose, its placement for leg work) no longer
        // hold; the prescription's do, and the adjustment adds its own.
        why: rx.why,
    }
}
