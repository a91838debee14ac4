//! Moves: a strength session to another day of its week, checked there by the hard rules the
//! planner keeps (`keel check`'s own checker), the week's other sessions shifted around it.

use super::strength_sessions;
use crate::check::{self, Violation};
use crate::model::{Focus, RunType};
use crate::plan::{Plan, PlanDay, Session, StrengthSession, Timing, Why};
use crate::rules::week::focus_phrase;
use crate::rules::{
    easy_day_support, hard_run_24h, prefer_short_days, race_72h, race_recovery, rest_day,
    run_then_lift, runner_choice, same_muscle_48h, spread_sessions, stack_hard_days,
    upper_on_recovery,
};
use jiff::civil::Date;

/// A move the hard rules bar: the rule, why, and the nearest days of the week that would
/// take the session (nearest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The rule id that bars the new day.
    pub rule: &'static str,
    /// Why, for the runner.
    pub text: String,
    /// The nearest days of the week where the session breaks no hard rule.
    pub nearest: Vec<Date>,
}

/// Why a session cannot move.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    /// A date is not a day of the plan.
    #[error("{date} is not a day of the plan")]
    OutsidePlan {
        /// The date.
        date: Date,
    },
    /// No strength session (of the focus asked) on the day.
    #[error("no {} session is planned on {date}{}", focus.map(focus_phrase).unwrap_or("strength"), if holds.is_empty() { String::new() } else { format!(" (it holds {})", holds.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(", ")) })]
    NoSession {
        /// The day.
        date: Date,
        /// The focus asked for.
        focus: Option<Focus>,
        /// The foci of the day's strength sessions.
        holds: Vec<Focus>,
    },
    /// Several strength sessions on the day and no focus given.
    #[error("{date} holds {} strength sessions: say which with --session {}", holds.len(), holds.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(" or --session "))]
    Several {
        /// The day.
        date: Date,
        /// Their foci.
        holds: Vec<Focus>,
    },
    /// The new day is in another week.
    #[error("a session moves within its week ({monday} to {sunday}); {to} is in another week")]
    OtherWeek {
        /// The week's Monday.
        monday: Date,
        /// The week's Sunday.
        sunday: Date,
        /// The day asked for.
        to: Date,
    },
    /// The session is already on that day.
    #[error("the session is already on {date}")]
    SameDay {
        /// The day.
        date: Date,
    },
    /// The new day holds a session the runner moved there.
    #[error("{date} already holds a session you moved there; move that one first")]
    Occupied {
        /// The day.
        date: Date,
    },
    /// A hard rule bars the new day.
    #[error("{}", .0.text)]
    Refused(Refusal),
}

/// A move made: the re-planned plan, the session's focus, and what else changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// The plan with the session on its new day and the week re-planned around it.
    pub plan: Plan,
    /// The moved session's focus.
    pub focus: Focus,
    /// The week's other sessions that shifted, lightened or left, each with its rule.
    pub shifted: Vec<Why>,
}

/// Rules whose reasons say why a session sits on its day: they no longer hold once it moves.
const PLACEMENT_RULES: &[&str] = &[
    stack_hard_days::ID,
    easy_day_support::ID,
    prefer_short_days::ID,
    spread_sessions::ID,
    upper_on_recovery::ID,
    run_then_lift::ID,
    hard_run_24h::ID,
    same_muscle_48h::ID,
    race_72h::ID,
];

type Pos = (usize, usize);

fn pos(plan: &Plan, date: Date) -> Option<Pos> {
    plan.weeks.iter().enumerate().find_map(|(wi, w)| {
        w.days
            .iter()
            .position(|d| d.date == date)
            .map(|di| (wi, di))
    })
}

fn day_name(d: Date) -> String {
    d.strftime("%A").to_string()
}

fn has_run(day: &PlanDay) -> bool {
    day.sessions
        .iter()
        .any(|s| matches!(s, Session::Run(r) if r.run_type != RunType::Rest))
}

fn has_strength(day: &PlanDay) -> bool {
    day.sessions
        .iter()
        .any(|s| matches!(s, Session::Strength(_)))
}

/// Takes the `k`-th strength session off a day; an emptied day is a rest day again.
fn take(day: &mut PlanDay, k: usize) -> StrengthSession {
    let idx = day
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(s, Session::Strength(_)))
        .nth(k)
        .map(|(i, _)| i)
        .unwrap_or_else(|| unreachable!("the caller found the session"));
    let Session::Strength(st) = day.sessions.remove(idx) else {
        unreachable!("filtered on strength")
    };
    day.rest = day.sessions.is_empty();
    st
}

/// Puts a session on a day, after its runs (or on its own on a day without one).
fn put(day: &mut PlanDay, mut st: StrengthSession) {
    st.timing = if has_run(day) {
        Timing::AfterRun
    } else {
        Timing::Separate
    };
    day.sessions.push(Session::Strength(st));
    day.rest = false;
}

/// Hard-rule findings in week `wi` and its neighbours, keyed for comparison.
fn findings(plan: &Plan, wi: usize) -> Vec<(String, Violation)> {
    let lo = wi.saturating_sub(1);
    let hi = (wi + 1).min(plan.weeks.len().saturating_sub(1));
    let mut out: Vec<(String, Violation)> = Vec::new();
    for w in lo..=hi {
        let prev = w.checked_sub(1).and_then(|p| plan.weeks.get(p));
        let next = plan.weeks.get(w + 1);
        for v in check::hard_violations(&plan.weeks[w], prev, next) {
            let key = format!(
                "{} {} {} {}",
                plan.weeks[w].index, v.rule, v.weekday, v.text
            );
            if !out.iter().any(|(k, _)| *k == key) {
                out.push((key, v));
            }
        }
    }
    out
}

/// What `plan` breaks that `before` (its findings) did not; `None` when nothing new.
fn new_finding(before: &[(String, Violation)], plan: &Plan, wi: usize) -> Option<Violation> {
    findings(plan, wi)
        .into_iter()
        .find(|(k, _)| !before.iter().any(|(b, _)| b == k))
        .map(|(_, v)| v)
}

/// Days a session may never go whatever its focus: race day and the day after a race
/// (`race-recovery`).
fn barred(plan: &Plan, at: Pos) -> Option<(&'static str, String)> {
    let day = &plan.weeks[at.0].days[at.1];
    let race = |d: &PlanDay| {
        d.sessions
            .iter()
            .any(|s| matches!(s, Session::Run(r) if r.run_type == RunType::Race))
    };
    if race(day) {
        return Some((
            race_72h::ID,
            format!("{} is race day: no strength then.", day_name(day.date)),
        ));
    }
    let yesterday = day.date.yesterday().ok().and_then(|y| pos(plan, y));
    if yesterday.is_some_and(|(w, d)| race(&plan.weeks[w].days[d])) {
        return Some((
            race_recovery::ID,
            format!(
                "{} is the day after a race: it holds no strength.",
                day_name(day.date)
            ),
        ));
    }
    None
}

/// `st` placed at `at` in `plan`, when that breaks no hard rule `plan` did not already
/// break; else the rule and why.
fn try_put(plan: &Plan, at: Pos, st: &StrengthSession) -> Result<Plan, (&'static str, String)> {
    if let Some(b) = barred(plan, at) {
        return Err(b);
    }
    let before = findings(plan, at.0);
    let mut cand = plan.clone();
    put(&mut cand.weeks[at.0].days[at.1], st.clone());
    match new_finding(&before, &cand, at.0) {
        None => Ok(cand),
        // Said of this week, not as `keel check` says it of a written week.
        Some(v) if v.rule == rest_day::ID && !v.text.contains("marked as a rest day") => Err((
            rest_day::ID,
            format!(
                "{} is the week's only day without training, and every week keeps one true rest day.",
                day_name(cand.weeks[at.0].days[at.1].date)
            ),
        )),
        Some(v) => Err((rule_id(&v.rule), v.text)),
    }
}

/// The registry's static id for a finding's rule.
fn rule_id(rule: &str) -> &'static str {
    crate::rules::find(rule).map_or(runner_choice::ID, |r| r.id)
}

/// The reasons of `st` without those about where it sat, with `first` in front.
fn replace_placement(st: &mut StrengthSession, first: Why) {
    st.why
        .retain(|w| !PLACEMENT_RULES.contains(&w.rule.as_str()));
    st.why.insert(0, first);
}

/// The days of week `wi` other than `around`, nearest to it first (earlier on ties).
fn by_distance(plan: &Plan, wi: usize, around: usize) -> Vec<usize> {
    let mut days: Vec<usize> = (0..plan.weeks[wi].days.len())
        .filter(|&d| d != around)
        .collect();
    days.sort_by_key(|&d| (d.abs_diff(around), d));
    days
}

/// Moves the strength session of `focus` (any, when the day holds one) on `from` to `to`, a
/// day of the same week, and re-plans the week around it: the week's other sessions keep
/// their days where the hard rules allow, else shift to the nearest day that does, else are
/// lightened to core or mobility work, else left out this week. Sessions on the days in
/// `pinned` (moved there by the runner) never shift.
///
/// Refused ([`MoveError::Refused`]) when a hard rule (`keel check`'s checker, neighbouring
/// weeks included) bars the session on `to`, with the nearest days that would take it.
pub fn move_session(
    plan: &Plan,
    pinned: &[Date],
    from: Date,
    focus: Option<Focus>,
    to: Date,
) -> Result<Moved, MoveError> {
    let (wi, fi) = pos(plan, from).ok_or(MoveError::OutsidePlan { date: from })?;
    let (wj, ti) = pos(plan, to).ok_or(MoveError::OutsidePlan { date: to })?;
    let week = &plan.weeks[wi];
    if wj != wi {
        return Err(MoveError::OtherWeek {
            monday: week.days[0].date,
            sunday: week.days[week.days.len() - 1].date,
            to,
        });
    }
    if fi == ti {
        return Err(MoveError::SameDay { date: to });
    }
    let holds: Vec<Focus> = week.days[fi]
        .sessions
        .iter()
        .filter_map(|s| match s {
            Session::Strength(st) => Some(st.focus),
            Session::Run(_) => None,
        })
        .collect();
    let k = match focus {
        Some(f) => holds.iter().position(|h| *h == f),
        None if holds.len() > 1 => {
            return Err(MoveError::Several { date: from, holds });
        }
        None => (!holds.is_empty()).then_some(0),
    }
    .ok_or_else(|| MoveError::NoSession {
        date: from,
        focus,
        holds: holds.clone(),
    })?;
    if pinned.contains(&to) && has_strength(&week.days[ti]) {
        return Err(MoveError::Occupied { date: to });
    }
    // The week without its sessions, except those the runner pinned.
    let mut base = plan.clone();
    let session = take(&mut base.weeks[wi].days[fi], k);
    let mut others: Vec<(usize, StrengthSession)> = Vec::new();
    for d in 0..base.weeks[wi].days.len() {
        let date = base.weeks[wi].days[d].date;
        if pinned.contains(&date) {
            continue;
        }
        while has_strength(&base.weeks[wi].days[d]) {
            others.push((d, take(&mut base.weeks[wi].days[d], 0)));
        }
    }
    let free = |p: &Plan, d: usize| !has_strength(&p.weeks[wi].days[d]);
    let mut cur = match try_put(&base, (wi, ti), &session) {
        Ok(p) => p,
        Err((rule, text)) => {
            let nearest = by_distance(&base, wi, ti)
                .into_iter()
                .filter(|&d| free(&base, d) && try_put(&base, (wi, d), &session).is_ok())
                .take(3)
                .map(|d| base.weeks[wi].days[d].date)
                .collect();
            return Err(MoveError::Refused(Refusal {
                rule,
                text,
                nearest,
            }));
        }
    };
    let what = focus_phrase(session.focus);
    let mut shifted = Vec::new();
    for (orig, st) in others {
        let orig_name = day_name(cur.weeks[wi].days[orig].date);
        let mut tries: Vec<usize> = vec![orig];
        tries.extend(by_distance(&cur, wi, orig));
        // Why its own day would not do: taken by the moved session, or a rule.
        let blocked: (&'static str, String) = if !free(&cur, orig) {
            (
                runner_choice::ID,
                format!("your {what} session now takes {orig_name}"),
            )
        } else {
            match try_put(&cur, (wi, orig), &st) {
                Ok(p) => {
                    cur = p;
                    continue;
                }
                Err((rule, text)) => (rule, text.trim_end_matches('.').to_string()),
            }
        };
        let placed = tries
            .iter()
            .skip(1)
            .filter(|&&d| free(&cur, d))
            .find_map(|&d| try_put(&cur, (wi, d), &st).ok().map(|p| (d, p)));
        let (rule, reason) = blocked;
        if let Some((d, p)) = placed {
            cur = p;
            let text = format!(
                "After your move, {orig_name}'s {} session moves to {}: {reason}.",
                focus_phrase(st.focus),
                day_name(cur.weeks[wi].days[d].date)
            );
            let why = Why::new(rule, text);
            for s in strength_sessions(&mut cur.weeks[wi].days[d].sessions) {
                if s.focus == st.focus {
                    replace_placement(s, why.clone());
                }
            }
            shifted.push(why);
            continue;
        }
        let lighter = [Focus::Core, Focus::Mobility]
            .into_iter()
            .filter(|f| *f != st.focus)
            .find_map(|f| {
                let light = crate::adapt::session_of(
                    &cur.athlete,
                    cur.weeks[wi].phase,
                    cur.weeks[wi].deload,
                    &st,
                    f,
                );
                tries
                    .iter()
                    .filter(|&&d| free(&cur, d))
                    .find_map(|&d| try_put(&cur, (wi, d), &light).ok().map(|p| (d, f, p)))
            });
        let why = match lighter {
            Some((d, f, p)) => {
                cur = p;
                Why::new(
                    rule,
                    format!(
                        "After your move, {orig_name}'s {} session becomes {} work on {}: {reason}.",
                        focus_phrase(st.focus),
                        focus_phrase(f),
                        day_name(cur.weeks[wi].days[d].date)
                    ),
                )
            }
            None => Why::new(
                rule,
                format!(
                    "After your move, {orig_name}'s {} session is left out this week: {reason}, and no other day takes it.",
                    focus_phrase(st.focus)
                ),
            ),
        };
        shifted.push(why);
    }
    let line = Why::new(
        runner_choice::ID,
        format!(
            "You moved {}'s {what} session to {}; the hard rules hold there.",
            day_name(from),
            day_name(to)
        ),
    );
    for s in strength_sessions(&mut cur.weeks[wi].days[ti].sessions) {
        if s.focus == session.focus && s.exercises == session.exercises {
            replace_placement(s, line.clone());
        }
    }
    let adj = &mut cur.weeks[wi].adjustments;
    for w in std::iter::once(&line).chain(&shifted) {
        if !adj.contains(w) {
            adj.push(w.clone());
        }
    }
    Ok(Moved {
        plan: cur,
        focus: session.focus,
        shifted,
    })
}
