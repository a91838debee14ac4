//! The one week shape every placement rule reads: seven days of runs and strength sessions in
//! the order they happen, plus the neighbouring Sunday and Monday.
//!
//! Both a runner's [`WeekSpec`] and a planned [`PlanWeek`] convert into it, so `check` and the
//! planner judge weeks with the same code.

use crate::model::{DayEntry, Focus, Intensity, RunType, WeekSpec, Weekday};
use crate::plan::{PlanDay, PlanWeek, Session, Timing};

/// One entry of a day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Item {
    /// A run or cross-training session (never `rest`).
    Run {
        /// Run type.
        run_type: RunType,
        /// Minutes, when known.
        minutes: Option<f64>,
    },
    /// A strength session.
    Strength(Lift),
}

/// A strength session as the rules see it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lift {
    /// Focus.
    pub focus: Focus,
    /// Intensity (moderate when the runner did not say).
    pub intensity: Intensity,
    /// Minutes, when known.
    pub minutes: Option<f64>,
    /// Planned at least 6 h away from the day's runs.
    pub separate: bool,
}

/// One day: entries in order, and whether it was marked `rest`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Day {
    /// Entries in the order they happen (no `rest` markers).
    pub items: Vec<Item>,
    /// The runner wrote `rest` for this day.
    pub marked_rest: bool,
}

impl Day {
    /// A rest day holds nothing at all (a `rest` marker is allowed).
    pub fn is_rest(&self) -> bool {
        self.items.is_empty()
    }
    /// Run types of the day's runs and cross-training, in order.
    pub fn runs(&self) -> impl Iterator<Item = (RunType, Option<f64>)> + '_ {
        self.items.iter().filter_map(|i| match i {
            Item::Run { run_type, minutes } => Some((*run_type, *minutes)),
            Item::Strength(_) => None,
        })
    }
    /// Strength sessions with their position in `items`.
    pub fn lifts(&self) -> impl Iterator<Item = (usize, &Lift)> + '_ {
        self.items.iter().enumerate().filter_map(|(k, i)| match i {
            Item::Strength(l) => Some((k, l)),
            Item::Run { .. } => None,
        })
    }
    /// Whether the day holds a hard run (intervals, tempo, hills, long, race).
    pub fn has_hard_run(&self) -> bool {
        self.runs().any(|(t, _)| t.is_hard())
    }
    /// Whether the day holds a race.
    pub fn has_race(&self) -> bool {
        self.runs().any(|(t, _)| t == RunType::Race)
    }
    /// The hardest run of the day, for prose ("the intervals").
    pub fn key_run(&self) -> Option<RunType> {
        self.runs()
            .map(|(t, _)| t)
            .max_by_key(|t| (t.is_hard(), *t != RunType::Cross))
    }
    /// Total minutes of runs (cross-training included), unknown durations counted as 0.
    pub fn run_minutes(&self) -> f64 {
        self.runs().map(|(_, m)| m.unwrap_or(0.0)).sum()
    }
}

/// Seven days, Monday first, with the days just outside the week when known.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Week {
    /// Monday..Sunday.
    pub days: [Day; 7],
    /// The Sunday before this week, when known.
    pub prev: Option<Day>,
    /// The Monday after this week, when known.
    pub next: Option<Day>,
}

impl Week {
    /// Day `i` where -1 is the previous Sunday and 7 the next Monday.
    pub fn day(&self, i: isize) -> Option<&Day> {
        match i {
            -1 => self.prev.as_ref(),
            7 => self.next.as_ref(),
            0..=6 => self.days.get(i as usize),
            _ => None,
        }
    }
}

/// Converts a day as the runner wrote it.
pub fn day_from_entries(entries: &[DayEntry]) -> Day {
    let mut day = Day::default();
    for e in entries {
        match e {
            DayEntry::Run(r) if r.run_type == RunType::Rest => day.marked_rest = true,
            DayEntry::Run(r) => day.items.push(Item::Run {
                run_type: r.run_type,
                minutes: r.minutes,
            }),
            DayEntry::Strength(s) => day.items.push(Item::Strength(Lift {
                focus: s.focus,
                intensity: s.intensity.unwrap_or(Intensity::Moderate),
                minutes: s.minutes,
                separate: s.separate,
            })),
        }
    }
    day
}

/// Converts a day of the usual running week (runs only).
pub fn day_from_runs(runs: &[crate::model::RunSpec]) -> Day {
    let entries: Vec<DayEntry> = runs.iter().copied().map(DayEntry::Run).collect();
    day_from_entries(&entries)
}

/// Converts a runner's week.
pub fn from_spec(spec: &WeekSpec) -> Week {
    Week {
        days: std::array::from_fn(|i| day_from_entries(&spec.days[i])),
        prev: None,
        next: None,
    }
}

/// Converts a planned day.
pub fn day_from_plan(day: &PlanDay) -> Day {
    let mut out = Day {
        items: Vec::new(),
        marked_rest: day.rest,
    };
    for s in &day.sessions {
        match s {
            Session::Run(r) if r.run_type == RunType::Rest => out.marked_rest = true,
            Session::Run(r) => out.items.push(Item::Run {
                run_type: r.run_type,
                minutes: Some(f64::from(r.minutes)),
            }),
            Session::Strength(s) => out.items.push(Item::Strength(Lift {
                focus: s.focus,
                intensity: s.intensity,
                minutes: Some(f64::from(s.minutes)),
                separate: s.timing == Timing::Separate,
            })),
        }
    }
    out
}

/// Converts a planned week with its neighbours' boundary days.
pub fn from_plan(week: &PlanWeek, prev: Option<&PlanWeek>, next: Option<&PlanWeek>) -> Week {
    let day = |i: usize| week.days.get(i).map(day_from_plan).unwrap_or_default();
    Week {
        days: std::array::from_fn(day),
        prev: prev.and_then(|w| w.days.get(6)).map(day_from_plan),
        next: next.and_then(|w| w.days.first()).map(day_from_plan),
    }
}

/// The weekday of index `i` (0..7), clamped into the week for boundary days.
pub fn weekday(i: isize) -> Weekday {
    Weekday::from_index(i.clamp(0, 6) as usize)
}

/// "the intervals", "the easy run": how prose names a day's run.
pub fn run_phrase(t: RunType) -> &'static str {
    match t {
        RunType::Easy => "the easy run",
        RunType::Recovery => "the recovery run",
        RunType::Intervals => "the intervals",
        RunType::Tempo => "the tempo run",
        RunType::Hills => "the hill session",
        RunType::Long => "the long run",
        RunType::Race => "the race",
        RunType::Cross => "the cross-training",
        RunType::Rest => "the rest day",
    }
}

/// "lower-body", "full-body", "upper-body", "core", "mobility".
pub fn focus_phrase(f: Focus) -> &'static str {
    match f {
        Focus::Lower => "lower-body",
        Focus::Upper => "upper-body",
        Focus::Full => "full-body",
        Focus::Core => "core",
        Focus::Mobility => "mobility",
    }
}
