//! What a reader of the plan sees, decided once for every view (terminal text, Markdown,
//! the web): the season overview, and weeks with one reason per strength session, every
//! exercise's cue, the adjustments in force grouped by their cause, and no sentence twice.
//!
//! The layouts (`keel`'s terminal text, [`crate::markdown`], keel-web's templates) only
//! arrange what a [`Reader`] hands them.
//!
//! Invariants:
//! - Within one reading (one output), a sentence is handed out once: a note, a warm-up or a
//!   load advice already shown comes back as [`Said::Before`] with the place it was shown, a
//!   reason already shown comes back as its rule id only, a cue already shown as `None`.
//! - Each adjustment in force is handed out once, with its effect; its cause once per week.
//! - A strength session's reason is its placement reason ([`StrengthSession::placement_reason`]),
//!   or, when an adjustment changed it, that adjustment.

use std::collections::HashMap;

use jiff::civil::Date;
use keel_core::adapt::Change;
use keel_core::model::{Equipment, Goal, Phase};
use keel_core::plan::{Plan, PlanDay, PlanWeek, PrescribedExercise, Session, StrengthSession, Why};

/// Sentences already shown in one output, each with the place it was first shown.
#[derive(Debug, Default, Clone)]
pub struct Seen {
    first: HashMap<String, String>,
}

impl Seen {
    /// Nothing shown yet.
    pub fn new() -> Seen {
        Seen::default()
    }

    /// Records `sentence` as shown at `place`, or returns the place it was shown first.
    pub fn show(&mut self, sentence: &str, place: &str) -> Option<String> {
        match self.first.get(sentence) {
            Some(p) => Some(p.clone()),
            None => {
                self.first.insert(sentence.to_string(), place.to_string());
                None
            }
        }
    }

    /// Whether `sentence` was shown.
    pub fn was_shown(&self, sentence: &str) -> bool {
        self.first.contains_key(sentence)
    }
}

/// A sentence to show, or the place it was shown before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said<T> {
    /// Shown here for the first time.
    New(T),
    /// Shown before, at this place ("week 1", "Tue 5 Jan").
    Before(String),
}

/// One line of the season overview.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekLine {
    /// 1-based index.
    pub index: u32,
    /// Monday.
    pub start: Date,
    /// Sunday.
    pub end: Date,
    /// Phase.
    pub phase: Phase,
    /// A deload week.
    pub deload: bool,
    /// Planned running minutes.
    pub run_minutes: u32,
    /// Planned running kilometres, when known.
    pub run_km: Option<f64>,
    /// Strength sessions (mobility included).
    pub strength: usize,
    /// The goal race's day, when it falls in this week.
    pub race: Option<Date>,
    /// The week holding today (the first before the season).
    pub current: bool,
}

impl WeekLine {
    /// `4-10 Jan`, `29 Mar-4 Apr`, `28 Dec-3 Jan`.
    pub fn dates(&self) -> String {
        if self.start.month() == self.end.month() {
            format!("{}-{}", self.start.day(), self.end.strftime("%-d %b"))
        } else {
            format!(
                "{}-{}",
                self.start.strftime("%-d %b"),
                self.end.strftime("%-d %b")
            )
        }
    }

    /// What sets the week apart: `deload`, `race Sun 25 Apr`, or nothing.
    pub fn mark(&self) -> String {
        let mut marks: Vec<String> = Vec::new();
        if self.deload {
            marks.push("deload".into());
        }
        if let Some(r) = self.race {
            marks.push(format!("race {}", r.strftime("%a %-d %b")));
        }
        marks.join(", ")
    }
}

/// The season overview: one line per week.
pub fn overview(plan: &Plan, current: Option<usize>) -> Vec<WeekLine> {
    let race = match plan.goal {
        Goal::Race { date, .. } => Some(date),
        _ => None,
    };
    plan.weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let end = w.days.last().map_or(w.start, |d| d.date);
            WeekLine {
                index: w.index,
                start: w.start,
                end,
                phase: w.phase,
                deload: w.deload,
                run_minutes: w.run_minutes,
                run_km: w.run_km,
                strength: strength_count(w),
                race: race.filter(|r| *r >= w.start && *r <= end),
                current: current == Some(i),
            }
        })
        .collect()
}

/// A week's dates: `11-17 Jan 2027`, `29 Mar-4 Apr 2027`, `28 Dec 2026-3 Jan 2027`.
pub fn week_dates(w: &PlanWeek) -> String {
    let (start, end) = (w.start, w.days.last().map_or(w.start, |d| d.date));
    if start.year() != end.year() {
        format!(
            "{}-{}",
            start.strftime("%-d %b %Y"),
            end.strftime("%-d %b %Y")
        )
    } else if start.month() != end.month() {
        format!("{}-{}", start.strftime("%-d %b"), end.strftime("%-d %b %Y"))
    } else {
        format!("{}-{}", start.day(), end.strftime("%-d %b %Y"))
    }
}

/// The fuel advice beside protein and carbohydrate: refuelling always, the rest (true rest,
/// active recovery) with every reason (`full`).
pub fn fuel_advice(plan: &Plan, full: bool) -> impl Iterator<Item = &Why> {
    plan.nutrition.why.iter().filter(move |w| {
        w.rule != "protein" && w.rule != "carbohydrate" && (full || w.rule == "refuel")
    })
}

/// Strength sessions in a week.
pub fn strength_count(w: &PlanWeek) -> usize {
    w.days
        .iter()
        .flat_map(|d| &d.sessions)
        .filter(|s| matches!(s, Session::Strength(_)))
        .count()
}

/// Adjustments that share a cause (and rule): the cause is said once, then each effect.
#[derive(Debug, Clone)]
pub struct CauseGroup<'a> {
    /// The rule id.
    pub rule: &'a str,
    /// What in the log led to them; empty for advice that stands alone.
    pub cause: &'a str,
    /// The changes, in the order they were made.
    pub changes: Vec<&'a Change>,
}

/// The changes grouped by (rule, cause), in the order each group first appears; changes
/// without a cause each make their own group.
pub fn group_changes<'a>(changes: impl IntoIterator<Item = &'a Change>) -> Vec<CauseGroup<'a>> {
    let mut groups: Vec<CauseGroup<'a>> = Vec::new();
    for c in changes {
        let same = groups
            .iter_mut()
            .find(|g| !c.cause.is_empty() && g.cause == c.cause && g.rule == c.rule);
        match same {
            Some(g) => g.changes.push(c),
            None => groups.push(CauseGroup {
                rule: &c.rule,
                cause: &c.cause,
                changes: vec![c],
            }),
        }
    }
    groups
}

/// Whether a reason is the line of an adjustment in force.
pub fn is_change(why: &Why, changes: &[Change]) -> bool {
    changes.iter().any(|c| c.text == why.text)
}

/// The warm-up when every strength session of the week has the same one.
pub fn shared_warm_up(w: &PlanWeek) -> Option<&[String]> {
    let mut warm_ups = strength_sessions(w).map(|st| st.warm_up.as_slice());
    let first = warm_ups.next()?;
    (!first.is_empty() && warm_ups.all(|other| other == first)).then_some(first)
}

/// The load advice when every loaded exercise of the week has the same.
pub fn shared_load(w: &PlanWeek) -> Option<&str> {
    let mut loads =
        strength_sessions(w).flat_map(|st| st.exercises.iter().filter_map(|e| e.load.as_deref()));
    let first = loads.next()?;
    loads.all(|l| l == first).then_some(first)
}

fn strength_sessions(w: &PlanWeek) -> impl Iterator<Item = &StrengthSession> {
    w.days
        .iter()
        .flat_map(|d| &d.sessions)
        .filter_map(|s| match s {
            Session::Strength(st) => Some(st),
            Session::Run(_) => None,
        })
}

/// The value most items share (the first one on ties); `None` when there are none.
pub fn most_common<T: PartialEq + Copy>(items: impl Iterator<Item = T> + Clone) -> Option<T> {
    let mut best: Option<(T, usize)> = None;
    for x in items.clone() {
        let n = items.clone().filter(|y| *y == x).count();
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((x, n));
        }
    }
    best.map(|(x, _)| x)
}

/// A week as a reader sees it.
#[derive(Debug, Clone)]
pub struct WeekReading<'a> {
    /// The week.
    pub week: &'a PlanWeek,
    /// Number of weeks in the plan.
    pub of: usize,
    /// Adjustments in force this week, by cause.
    pub changes: Vec<CauseGroup<'a>>,
    /// The week's notes (deload, phase, taper, caps) not shown before.
    pub notes: Vec<&'a Why>,
    /// The warm-up when every session shares it.
    pub warm_up: Option<Said<&'a [String]>>,
    /// The load advice when every loaded exercise shares it.
    pub load: Option<Said<&'a str>>,
    /// The days, Monday first.
    pub days: Vec<DayReading<'a>>,
}

/// A day as a reader sees it.
#[derive(Debug, Clone)]
pub struct DayReading<'a> {
    /// The day.
    pub day: &'a PlanDay,
    /// Its sessions in order.
    pub sessions: Vec<SessionReading<'a>>,
}

/// A session as a reader sees it.
#[derive(Debug, Clone)]
pub enum SessionReading<'a> {
    /// A run.
    Run(&'a keel_core::plan::RunSession),
    /// A strength session.
    Strength(StrengthReading<'a>),
}

/// Why a strength session is as it is, in one line.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason<'a> {
    /// Its placement reason, shown here first.
    New(&'a Why),
    /// Its placement reason, the same sentence as at an earlier place.
    Before {
        /// The rule id.
        rule: &'a str,
        /// Where it was shown.
        place: String,
    },
    /// An adjustment in force changed it (its line is with the week's adjustments).
    Changed(&'a Change),
    /// No reason recorded.
    None,
}

/// A strength session as a reader sees it.
#[derive(Debug, Clone)]
pub struct StrengthReading<'a> {
    /// The session.
    pub session: &'a StrengthSession,
    /// Its one line of reason.
    pub reason: Reason<'a>,
    /// With `why`: its other reasons not shown before, each with its sentence.
    pub also: Vec<&'a Why>,
    /// With `why`: the rule ids of its other reasons already shown.
    pub also_before: Vec<&'a str>,
    /// The warm-up, unless the week's shared warm-up says it.
    pub warm_up: Option<Said<&'a [String]>>,
    /// Reps in reserve most of its exercises share (said once in the headline).
    pub rir: Option<u32>,
    /// Tempo most of its exercises share (said once in the headline).
    pub tempo: Option<&'a str>,
    /// The load advice most of its loaded exercises share, unless the week's says it.
    pub load: Option<Said<&'a str>>,
    /// The exercises in order.
    pub exercises: Vec<ExerciseReading<'a>>,
}

/// An exercise as a reader sees it.
#[derive(Debug, Clone)]
pub struct ExerciseReading<'a> {
    /// The exercise.
    pub exercise: &'a PrescribedExercise,
    /// Its cue, unless this output showed it already.
    pub cue: Option<&'static str>,
    /// Its own load advice, when the session's or the week's does not say it.
    pub load: Option<&'a str>,
    /// Reps in reserve, when it differs from the session's.
    pub rir: Option<u32>,
    /// Tempo, when it differs from the session's and says something ("hold" does not).
    pub tempo: Option<&'a str>,
    /// Equipment worth naming (not bodyweight, not a word of its name).
    pub gear: Vec<&'static str>,
}

impl ExerciseReading<'_> {
    /// `Bulgarian split squat · 2 x 10-15 each side · dumbbell · RIR 3 · tempo 2-0-1`.
    pub fn line(&self) -> String {
        let e = self.exercise;
        let mut parts = vec![e.name.clone(), e.dose.to_string()];
        if !self.gear.is_empty() {
            parts.push(self.gear.join(" + "));
        }
        if let Some(r) = self.rir {
            parts.push(format!("RIR {r}"));
        }
        if let Some(t) = self.tempo {
            if t.starts_with(|c: char| c.is_ascii_digit()) {
                parts.push(format!("tempo {t}"));
            } else {
                parts.push(t.to_string());
            }
        }
        parts.join(" · ")
    }
}

/// Builds readings of one output, remembering what it has shown.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    plan: &'a Plan,
    changes: &'a [Change],
    why: bool,
    seen: Seen,
}

impl<'a> Reader<'a> {
    /// A reader of `plan` with the adjustments in force (`changes`); `why` adds every
    /// session's other reasons.
    pub fn new(plan: &'a Plan, changes: &'a [Change], why: bool) -> Reader<'a> {
        Reader {
            plan,
            changes,
            why,
            seen: Seen::new(),
        }
    }

    /// What this output has shown so far.
    pub fn seen(&mut self) -> &mut Seen {
        &mut self.seen
    }

    /// Reasons not shown before (for season warnings and fuel advice), marking them shown.
    pub fn fresh<'w>(
        &mut self,
        whys: impl IntoIterator<Item = &'w Why>,
        place: &str,
    ) -> Vec<&'w Why> {
        whys.into_iter()
            .filter(|w| self.seen.show(&w.text, place).is_none())
            .collect()
    }

    /// A week as the reader sees it after what this output showed before.
    pub fn week(&mut self, week: &'a PlanWeek) -> WeekReading<'a> {
        let place = format!("week {}", week.index);
        let dates: Vec<Date> = week.days.iter().map(|d| d.date).collect();
        let changes = group_changes(self.changes.iter().filter(|c| dates.contains(&c.date)));
        let mut notes = Vec::new();
        for n in &week.adjustments {
            if !is_change(n, self.changes) && self.seen.show(&n.text, &place).is_none() {
                notes.push(n);
            }
        }
        let warm_up = shared_warm_up(week).map(|items| self.said_list(items, &place));
        let load = shared_load(week).map(|l| self.said(l, &place));
        let days = week
            .days
            .iter()
            .map(|d| DayReading {
                day: d,
                sessions: d
                    .sessions
                    .iter()
                    .map(|s| match s {
                        Session::Run(r) => SessionReading::Run(r),
                        Session::Strength(st) => SessionReading::Strength(self.strength(
                            d,
                            st,
                            warm_up.is_none(),
                            load.is_none(),
                        )),
                    })
                    .collect(),
            })
            .collect();
        WeekReading {
            week,
            of: self.plan.weeks.len(),
            changes,
            notes,
            warm_up,
            load,
            days,
        }
    }

    /// A strength session on `day`; `own_warm_up` and `own_load` when the week does not say
    /// them for every session.
    pub fn strength(
        &mut self,
        day: &PlanDay,
        st: &'a StrengthSession,
        own_warm_up: bool,
        own_load: bool,
    ) -> StrengthReading<'a> {
        let place = day.date.strftime("%a %-d %b").to_string();
        let changed = self
            .changes
            .iter()
            .find(|c| st.why.iter().any(|w| w.text == c.text));
        let placement = st.placement_reason();
        let reason = match (changed, placement) {
            (Some(c), _) => Reason::Changed(c),
            (None, Some(w)) => match self.seen.show(&w.text, &place) {
                None => Reason::New(w),
                Some(before) => Reason::Before {
                    rule: &w.rule,
                    place: before,
                },
            },
            (None, None) => Reason::None,
        };
        let (mut also, mut also_before) = (Vec::new(), Vec::new());
        if self.why {
            let as_reason = match reason {
                Reason::New(w) => Some(w),
                Reason::Before { .. } => placement,
                Reason::Changed(_) | Reason::None => None,
            };
            for w in &st.why {
                if Some(w) == as_reason || is_change(w, self.changes) {
                    continue;
                }
                match self.seen.show(&w.text, &place) {
                    None => also.push(w),
                    Some(_) if !also_before.contains(&w.rule.as_str()) => {
                        also_before.push(w.rule.as_str())
                    }
                    Some(_) => {}
                }
            }
        }
        let rir = most_common(st.exercises.iter().filter_map(|e| e.dose.rir));
        let tempo = most_common(st.exercises.iter().map(|e| e.tempo.as_str()));
        let warm_up =
            (own_warm_up && !st.warm_up.is_empty()).then(|| self.said_list(&st.warm_up, &place));
        // The advice most loaded exercises share is said once; the others on their lines.
        let loads = st.exercises.iter().filter_map(|e| e.load.as_deref());
        let shared = most_common(loads.clone()).filter(|l| {
            own_load
                && (loads.clone().filter(|x| x == l).count() >= 2 || loads.clone().count() == 1)
        });
        let load = shared.map(|l| self.said(l, &place));
        let exercises = st
            .exercises
            .iter()
            .map(|e| ExerciseReading {
                exercise: e,
                cue: e.cue().filter(|c| self.seen.show(c, &place).is_none()),
                load: e.load.as_deref().filter(|l| own_load && Some(*l) != shared),
                rir: e.dose.rir.filter(|r| Some(*r) != rir),
                tempo: Some(e.tempo.as_str()).filter(|t| Some(*t) != tempo && *t != "hold"),
                gear: gear(e),
            })
            .collect();
        StrengthReading {
            session: st,
            reason,
            also,
            also_before,
            warm_up,
            rir,
            tempo,
            load,
            exercises,
        }
    }

    fn said<'t>(&mut self, text: &'t str, place: &str) -> Said<&'t str> {
        match self.seen.show(text, place) {
            None => Said::New(text),
            Some(p) => Said::Before(p),
        }
    }

    fn said_list<'t>(&mut self, items: &'t [String], place: &str) -> Said<&'t [String]> {
        match self.seen.show(&items.join("; "), place) {
            None => Said::New(items),
            Some(p) => Said::Before(p),
        }
    }
}

/// Equipment worth naming beside an exercise: not bodyweight, and not a word of its name
/// ("Kettlebell swing (kettlebell)" says it twice).
pub fn gear(e: &PrescribedExercise) -> Vec<&'static str> {
    let name = e.name.to_lowercase();
    e.equipment
        .iter()
        .filter(|q| **q != Equipment::Bodyweight)
        .map(|q| q.as_str())
        .filter(|q| !name.contains(q))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_is_new_once() {
        let mut seen = Seen::new();
        assert_eq!(seen.show("Lift after the run.", "Tue 5 Jan"), None);
        assert_eq!(
            seen.show("Lift after the run.", "Thu 7 Jan"),
            Some("Tue 5 Jan".to_string())
        );
        assert!(seen.was_shown("Lift after the run."));
    }
}
