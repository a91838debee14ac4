//! Fixes for `keel check`'s findings: a sentence and the edits it stands for.
//!
//! Fixes are computed in the order the findings are shown, each on the week with the earlier
//! fixes already applied, so they are jointly valid: applying them all (see `check::apply_fixes`)
//! leaves a week with no hard-rule finding, and no two fixes send sessions to the same day
//! when the rules forbid it. A finding an earlier fix already cleared says so.

use crate::model::{Focus, Intensity, RunType, Strategy, Weekday};
use crate::rules::week::{focus_phrase, run_phrase, Day, Item, Lift, Week};
use crate::rules::{self, Verdict};
use crate::text::lowercase_first;

/// One change to a week, by position in the week as it stands when the edit is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Move the strength session at `(day, item)` to the end of day `to` (after its runs).
    Move {
        /// Day of the session.
        day: usize,
        /// Its position in the day.
        item: usize,
        /// The day it goes to.
        to: usize,
    },
    /// Turn the strength session at `(day, item)` into one of `focus` at `intensity`.
    Replace {
        /// Day of the session.
        day: usize,
        /// Its position in the day.
        item: usize,
        /// New focus.
        focus: Focus,
        /// New intensity.
        intensity: Intensity,
    },
    /// Put the strength session at `(day, item)` after the day's runs.
    AfterRuns {
        /// Day of the session.
        day: usize,
        /// Its position in the day.
        item: usize,
    },
    /// Remove the entry at `(day, item)`.
    Remove {
        /// Day of the entry.
        day: usize,
        /// Its position in the day.
        item: usize,
    },
    /// Remove the day's runs and cross-training.
    RemoveRuns {
        /// The day.
        day: usize,
    },
}

impl Edit {
    /// Applies the edit; an edit whose position does not hold what it expects does nothing.
    pub fn apply(&self, w: &mut Week) {
        match *self {
            Edit::Move { day, item, to } => {
                let Some(lift) = lift_at(w, day, item) else {
                    return;
                };
                if to > 6 {
                    return;
                }
                w.days[day].items.remove(item);
                w.days[to].items.push(Item::Strength(Lift {
                    separate: false,
                    ..lift
                }));
            }
            Edit::Replace {
                day,
                item,
                focus,
                intensity,
            } => {
                if let Some(lift) = lift_at(w, day, item) {
                    w.days[day].items[item] = Item::Strength(Lift {
                        focus,
                        intensity,
                        ..lift
                    });
                }
            }
            Edit::AfterRuns { day, item } => {
                if let Some(lift) = lift_at(w, day, item) {
                    w.days[day].items.remove(item);
                    w.days[day].items.push(Item::Strength(lift));
                }
            }
            Edit::Remove { day, item } => {
                if day < 7 && item < w.days[day].items.len() {
                    w.days[day].items.remove(item);
                }
            }
            Edit::RemoveRuns { day } => {
                if day < 7 {
                    w.days[day].items.retain(|i| matches!(i, Item::Strength(_)));
                }
            }
        }
    }
}

/// What fixes depend on besides the week: where sessions should go (the strategy, stack by
/// default) and the phase (how many sessions it wants).
#[derive(Debug, Clone, Copy)]
pub(super) struct Prefs {
    pub strategy: Strategy,
    pub phase: Option<crate::model::Phase>,
}

/// A fix: what to tell the runner, and the edits it stands for.
pub(super) type Fix = (String, Vec<Edit>);

fn text(s: impl Into<String>) -> Fix {
    (s.into(), Vec::new())
}

/// A position in a week: (day, entry).
type At = (usize, usize);

/// Where an original entry now stands, edits being applied one after another.
#[derive(Debug, Clone)]
pub(super) struct Tracker {
    /// (original position, current position; `None` once removed), for every strength entry.
    items: Vec<(At, Option<At>)>,
}

impl Tracker {
    pub fn new(w: &Week) -> Tracker {
        let mut items = Vec::new();
        for (d, day) in w.days.iter().enumerate() {
            for (k, _) in day.lifts() {
                items.push(((d, k), Some((d, k))));
            }
        }
        Tracker { items }
    }

    /// The current position of the entry first at `orig`; `None` once removed.
    pub fn now(&self, orig: (usize, usize)) -> Option<(usize, usize)> {
        self.items
            .iter()
            .find(|(o, _)| *o == orig)
            .and_then(|(_, c)| *c)
    }

    /// Applies `e` to `w`, keeping the positions up to date.
    pub fn apply(&mut self, w: &mut Week, e: Edit) {
        match e {
            Edit::Move { day, item, to } => {
                if lift_at(w, day, item).is_none() || to > 6 {
                    return;
                }
                let new_k = w.days[to].items.len() - usize::from(to == day);
                self.shift_out(day, item, Some((to, new_k)));
            }
            Edit::AfterRuns { day, item } => {
                if lift_at(w, day, item).is_none() {
                    return;
                }
                let new_k = w.days[day].items.len() - 1;
                self.shift_out(day, item, Some((day, new_k)));
            }
            Edit::Remove { day, item } => self.shift_out(day, item, None),
            Edit::RemoveRuns { day } => {
                let runs_before = |k: usize| {
                    w.days[day].items[..k]
                        .iter()
                        .filter(|i| matches!(i, Item::Run { .. }))
                        .count()
                };
                for (_, cur) in self.items.iter_mut() {
                    if let Some((d, k)) = cur {
                        if *d == day {
                            *k -= runs_before(*k);
                        }
                    }
                }
            }
            Edit::Replace { .. } => {}
        }
        e.apply(w);
    }

    /// The entry at `(day, item)` leaves that position for `to`; the later entries of the day
    /// move up one.
    fn shift_out(&mut self, day: usize, item: usize, to: Option<(usize, usize)>) {
        for (_, cur) in self.items.iter_mut() {
            match cur {
                Some((d, k)) if *d == day && *k == item => *cur = to,
                Some((d, k)) if *d == day && *k > item => *k -= 1,
                _ => {}
            }
        }
    }
}

fn lift_at(w: &Week, d: usize, k: usize) -> Option<Lift> {
    match w.days.get(d)?.items.get(k)? {
        Item::Strength(l) => Some(*l),
        Item::Run { .. } => None,
    }
}

/// Whether a new week adds no hard finding to the old one's (those about the entry `(d, k)`
/// left aside: that is the one being fixed), and has none about the entry now at `(nd, nk)`.
/// Findings compare by rule and sentence, which name days and sessions, not positions: a fix
/// may not trade one broken rule for another.
fn acceptable(old: &Week, d: usize, k: usize, new: &Week, nd: usize, nk: usize) -> bool {
    // Each finding of the new week must match one of the old week's, one for one: the same
    // sentence twice ("two upper-body sessions on Friday") is two findings.
    let mut before: Vec<(&str, String)> = rules::hard_verdicts(old)
        .into_iter()
        .filter(|v| !(v.day == d && v.item == Some(k)))
        .map(|v| (v.rule, v.text))
        .collect();
    rules::hard_verdicts(new).into_iter().all(|v| {
        if v.day == nd && v.item == Some(nk) {
            return false;
        }
        match before
            .iter()
            .position(|(r, t)| *r == v.rule && *t == v.text)
        {
            Some(i) => {
                before.swap_remove(i);
                true
            }
            None => false,
        }
    })
}

/// Whether the lift at `(d, k)` can move to the end of day `t` breaking no hard rule.
pub(crate) fn move_ok(w: &Week, d: usize, k: usize, t: usize) -> bool {
    let Some(lift) = lift_at(w, d, k) else {
        return false;
    };
    if t == d || t > 6 || !rules::rest_day::allows_strength(&w.days[t]) {
        return false;
    }
    let mut n = w.clone();
    n.days[d].items.remove(k);
    n.days[t].items.push(Item::Strength(Lift {
        separate: false,
        ..lift
    }));
    let nk = n.days[t].items.len() - 1;
    acceptable(w, d, k, &n, t, nk)
}

/// Placement preference of day `t` for `lift` under the strategy (stack by default).
fn day_rank(w: &Week, from: usize, t: usize, lift: &Lift, strategy: Strategy) -> i32 {
    let day = &w.days[t];
    let s = match strategy {
        Strategy::Stack => rules::stack_hard_days::day_score(day),
        Strategy::Easy => rules::easy_day_support::day_score(day),
    };
    let neighbours = [t.checked_sub(1), Some(t + 1)]
        .into_iter()
        .flatten()
        .filter(|&n| n < 7 && n != from && w.days[n].lifts().count() > 0)
        .count() as i32;
    s + rules::prefer_short_days::day_score(day) + rules::upper_on_recovery::bonus(day, lift.focus)
        - neighbours * rules::spread_sessions::gap_penalty(1)
        - 10 * day.lifts().count() as i32
}

/// The best day to move `(d, k)` to among those `filter` admits.
fn best_move(
    w: &Week,
    d: usize,
    k: usize,
    ctx: &Prefs,
    filter: impl Fn(&Day) -> bool,
) -> Option<usize> {
    let lift = lift_at(w, d, k)?;
    let strategy = ctx.strategy;
    (0..7)
        .filter(|&t| filter(&w.days[t]) && move_ok(w, d, k, t))
        .max_by_key(|&t| (day_rank(w, d, t, &lift, strategy), std::cmp::Reverse(t)))
}

fn move_text(w: &Week, lift: &Lift, t: usize) -> String {
    let day = &w.days[t];
    match day.key_run() {
        Some(r) => format!(
            "Move the {} session to {}, after {}.",
            focus_phrase(lift.focus),
            Weekday::from_index(t).name(),
            run_phrase(r)
        ),
        None => format!(
            "Move the {} session to {}.",
            focus_phrase(lift.focus),
            Weekday::from_index(t).name()
        ),
    }
}

fn move_fix(w: &Week, d: usize, k: usize, t: usize) -> Fix {
    let Some(lift) = lift_at(w, d, k) else {
        return text("");
    };
    (
        move_text(w, &lift, t),
        vec![Edit::Move {
            day: d,
            item: k,
            to: t,
        }],
    )
}

/// A lighter session that would break no hard rule on the same day, as prose and focus.
fn lighter(w: &Week, d: usize, k: usize) -> Option<(&'static str, Focus, Intensity)> {
    let lift = lift_at(w, d, k)?;
    let options = [
        (Focus::Upper, Intensity::Light, "a light upper-body session"),
        (Focus::Core, Intensity::Light, "light core work"),
        (Focus::Mobility, Intensity::Bodyweight, "mobility work"),
    ];
    options.into_iter().find_map(|(f, i, text)| {
        if f == lift.focus && i == lift.intensity {
            return None;
        }
        let mut n = w.clone();
        n.days[d].items[k] = Item::Strength(Lift {
            focus: f,
            intensity: i,
            ..lift
        });
        acceptable(w, d, k, &n, d, k).then_some((text, f, i))
    })
}

/// The fix for verdict `v`, found on the week `w` as earlier fixes left it.
pub(super) fn fix_for(v: &Verdict, w: &Week, ctx: &Prefs) -> Fix {
    use rules::*;
    let (day, item) = (v.day, v.item);
    let day_name = Weekday::from_index(day).name();
    match (v.rule, item) {
        (run_then_lift::ID, Some(k)) => {
            let Some(lift) = lift_at(w, day, k) else { return text("") };
            let mut n = w.clone();
            n.days[day].items.remove(k);
            n.days[day].items.push(Item::Strength(lift));
            let nk = n.days[day].items.len() - 1;
            if acceptable(w, day, k, &n, day, nk) {
                let run = w.days[day].key_run().map(run_phrase).unwrap_or("the run");
                let before_hard = w.days[day].items[k + 1..]
                    .iter()
                    .any(|i| matches!(i, Item::Run { run_type, .. } if run_type.is_hard()));
                let edits = vec![Edit::AfterRuns { day, item: k }];
                if before_hard {
                    (format!("Do the {} session after {run} on {day_name}: strength never comes before a hard run, even hours apart.", focus_phrase(lift.focus)), edits)
                } else {
                    (format!("Do the {} session after {run} on {day_name}, or, if at least {} h lie between them, mark it `separate` (e.g. `strength {} light 30min separate`).", focus_phrase(lift.focus), run_then_lift::HOURS_APART, lift.focus), edits)
                }
            } else {
                relocate(w, day, k, ctx)
            }
        }
        (hard_run_24h::ID | race_72h::ID | same_muscle_48h::ID | rest_day::ID, Some(k)) => relocate(w, day, k, ctx),
        (hard_run_24h::ID | same_muscle_48h::ID, None) => {
            text("Move the Sunday session earlier in that week, or make it light upper-body or core work.")
        }
        (rest_day::ID, None) => {
            let d = &w.days[day];
            let runs: Vec<&str> = d.runs().map(|(t, _)| run_phrase(t)).collect();
            let mut s = format!("Make {day_name} a rest day: drop {}", if runs.is_empty() { "its sessions".to_string() } else { runs.join(" and ") });
            // The day's sessions move first (each on the week as the earlier moves leave it),
            // then its runs go.
            let mut edits = Vec::new();
            let mut n = w.clone();
            loop {
                let first = n.days[day].lifts().next().map(|(k, l)| (k, *l));
                let Some((k, l)) = first else { break };
                let target = best_move(&n, day, k, ctx, |_| true);
                let e = match target {
                    Some(t) => {
                        s.push_str(&format!(" and move its {} session to {}", focus_phrase(l.focus), Weekday::from_index(t).name()));
                        Edit::Move { day, item: k, to: t }
                    }
                    None => {
                        s.push_str(&format!(" and its {} session", focus_phrase(l.focus)));
                        Edit::Remove { day, item: k }
                    }
                };
                e.apply(&mut n);
                edits.push(e);
            }
            edits.push(Edit::RemoveRuns { day });
            s.push('.');
            (s, edits)
        }
        (run_priority::ID, _) => text(format!("Put the key run back on {day_name} and fit strength around it.")),
        (stack_hard_days::ID, Some(k)) => soft_move(w, day, k, ctx, |d| d.runs().any(|(t, _)| t.is_quality())),
        (easy_day_support::ID, Some(k)) => soft_move(w, day, k, ctx, |d| d.runs().count() > 0 && !d.has_hard_run()),
        (prefer_short_days::ID, Some(k)) => {
            let here = w.days[day].run_minutes();
            soft_move(w, day, k, ctx, |d| d.runs().count() > 0 && d.run_minutes() + 30.0 <= here)
        }
        (spread_sessions::ID, Some(k)) => {
            let lifts: Vec<bool> = w.days.iter().map(|d| d.lifts().any(|(_, l)| spread_sessions::counts(l))).collect();
            // A day with no strength and no other strength day beside it (the moved one aside).
            let busy = |n: usize| n != day && lifts[n];
            let alone = |t: usize| !lifts[t] && (t == 0 || !busy(t - 1)) && (t == 6 || !busy(t + 1));
            let best = (0..7).filter(|&t| alone(t)).filter(|&t| move_ok(w, day, k, t)).max_by_key(|&t| {
                lift_at(w, day, k).map(|l| day_rank(w, day, t, &l, ctx.strategy)).unwrap_or(0)
            });
            match best {
                Some(t) => move_fix(w, day, k, t),
                None => text("Leave at least one day between strength sessions, or merge the two into one."),
            }
        }
        (upper_on_recovery::ID, Some(k)) => {
            let alt = best_move(w, day, k, ctx, |d| !matches!(d.key_run(), Some(RunType::Recovery | RunType::Cross)));
            match alt {
                Some(t) => {
                    let (s, e) = move_fix(w, day, k, t);
                    (format!("Make it an upper-body or core session, or {}", lowercase_first(&s)), e)
                }
                None => text("Make it an upper-body or core session."),
            }
        }
        (high_mileage_cap::ID, _) => text(format!(
            "From {:.0} km a week keep at most {} sessions of {}-{} min, each lower, upper or core rather than full-body.",
            high_mileage_cap::KM, high_mileage_cap::MAX_SESSIONS, high_mileage_cap::MINUTES.0, high_mileage_cap::MINUTES.1
        )),
        (session_length::ID, _) => text("Keep it to 30-60 min (35-45 at high mileage); a short 10-20 min session is fine on a busy day."),
        (frequency_by_phase::ID, _) => {
            let (lo, hi) = ctx.phase.map(frequency_by_phase::range).unwrap_or((2, 3));
            text(format!("Plan {lo}-{hi} strength sessions this week (mobility sessions do not count)."))
        }
        ("age-recovery", _) => text(format!("Keep 2 strength sessions this week: drop the one on {day_name} or make it mobility.")),
        (true_rest::ID, _) => text(format!("Drop the workout on {day_name} to keep it a true rest day, or rest on another day.")),
        (back_to_back_hard::ID, _) => text(back_to_back_fix(w, day)),
        _ => text("See `keel rules` for this rule."),
    }
}

/// An easy day between two hard runs: the nearest day a hard run could go instead.
fn back_to_back_fix(w: &Week, day: usize) -> String {
    let hard = |d: usize| w.days[d % 7].has_hard_run();
    let free = (0..7)
        .find(|&t| t != day && !hard(t) && !hard(t + 6) && !hard(t + 1) && !w.days[t].is_rest());
    let name = Weekday::from_index(day).name();
    match free {
        Some(t) => format!(
            "Keep an easy or rest day between hard runs: if your week allows, move {name}'s hard run to {}, or make it an easy run.",
            Weekday::from_index(t).name()
        ),
        None => format!("Keep an easy or rest day between hard runs: make {name}'s run an easy one if your week allows."),
    }
}

/// Fix for a hard finding on one session: the best day to move it to, and a lighter option.
fn relocate(w: &Week, day: usize, k: usize, ctx: &Prefs) -> Fix {
    let Some(lift) = lift_at(w, day, k) else {
        return text("");
    };
    let lighter = lighter(w, day, k);
    let day_name = Weekday::from_index(day).name();
    match (best_move(w, day, k, ctx, |_| true), lighter) {
        (Some(t), Some((l, _, _))) => (
            format!("{} Or keep {day_name} with {l} instead.", move_text(w, &lift, t)),
            vec![Edit::Move { day, item: k, to: t }],
        ),
        (Some(t), None) => move_fix(w, day, k, t),
        (None, Some((l, focus, intensity))) => (
            format!("No day can take this session without breaking a hard rule; make it {l}, or drop it this week."),
            vec![Edit::Replace { day, item: k, focus, intensity }],
        ),
        (None, None) => (
            "No day can take this session without breaking a hard rule; drop it this week.".to_string(),
            vec![Edit::Remove { day, item: k }],
        ),
    }
}

fn soft_move(w: &Week, day: usize, k: usize, ctx: &Prefs, filter: impl Fn(&Day) -> bool) -> Fix {
    match best_move(w, day, k, ctx, filter) {
        Some(t) => move_fix(w, day, k, t),
        None => text("Leave it where it is if no other day suits you."),
    }
}
