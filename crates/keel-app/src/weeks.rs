//! Which weeks of a plan a command shows or exports: the one choice behind `keel plan`
//! (text and Markdown) and `keel export fit`, with the same flags and the same errors.
//!
//! Invariants: a selection is a non-empty run of consecutive weeks in plan order; a week
//! number, a date or "today" outside the plan is an error that names the plan's span, never
//! an empty selection.

use jiff::civil::Date;
use keel_core::plan::{Plan, PlanWeek};

/// Which weeks of the plan to show or export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weeks {
    /// `count` weeks from the week holding today (the first week before the season starts).
    Current {
        /// Number of weeks, at least 1.
        count: u32,
    },
    /// Week `n` of the plan (1 = the first).
    Number(u32),
    /// `count` weeks from the week holding `date`.
    From {
        /// A date in the plan.
        date: Date,
        /// Number of weeks, at least 1.
        count: u32,
    },
    /// Every week of the plan.
    All,
}

impl Weeks {
    /// The choice the flags `--week N`, `--from DATE`, `--weeks N` and `--all` make (the
    /// command line refuses `--week` or `--all` with the others): the current week when
    /// none is given.
    pub fn from_flags(
        week: Option<u32>,
        from: Option<Date>,
        weeks: Option<u32>,
        all: bool,
    ) -> Weeks {
        match (all, week, from) {
            (true, _, _) => Weeks::All,
            (false, Some(n), _) => Weeks::Number(n),
            (false, None, Some(date)) => Weeks::From {
                date,
                count: weeks.unwrap_or(1),
            },
            (false, None, None) => Weeks::Current {
                count: weeks.unwrap_or(1),
            },
        }
    }
}

/// Why the weeks asked for cannot be chosen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WeeksError {
    /// `--week N` beyond the plan.
    #[error("the plan has {weeks} weeks: there is no week {week}")]
    NoSuchWeek {
        /// The week asked for.
        week: u32,
        /// How many the plan has.
        weeks: usize,
    },
    /// A date outside the plan.
    #[error("{date} is outside the plan, which runs from {first} to {last}")]
    OutsidePlan {
        /// The date asked for.
        date: Date,
        /// The plan's first day.
        first: Date,
        /// The plan's last day.
        last: Date,
    },
    /// Today is after the season's end.
    #[error("the season ended on {last}: choose a week with --week N")]
    SeasonOver {
        /// The plan's last day.
        last: Date,
    },
    /// The plan has no weeks.
    #[error("the plan has no weeks")]
    Empty,
}

/// The index of the week holding `date`.
pub fn holding(plan: &Plan, date: Date) -> Option<usize> {
    plan.weeks
        .iter()
        .position(|w| w.days.iter().any(|d| d.date == date))
}

/// The current week's index: the week holding `today`, the first one before the season
/// starts, `None` once it has ended (or when the plan has no weeks).
pub fn current(plan: &Plan, today: Date) -> Option<usize> {
    let first = plan.weeks.first()?;
    if today < first.start {
        return Some(0);
    }
    holding(plan, today)
}

/// The weeks chosen, in order.
pub fn select(plan: &Plan, today: Date, weeks: Weeks) -> Result<&[PlanWeek], WeeksError> {
    let all = &plan.weeks[..];
    let (Some(first), Some(last_week)) = (all.first(), all.last()) else {
        return Err(WeeksError::Empty);
    };
    let first_day = first.start;
    let last_day = last_week.days.last().map_or(last_week.start, |d| d.date);
    let (from, count) = match weeks {
        Weeks::All => return Ok(all),
        Weeks::Number(n) => {
            let i = usize::try_from(n).unwrap_or(usize::MAX);
            if i == 0 || i > all.len() {
                return Err(WeeksError::NoSuchWeek {
                    week: n,
                    weeks: all.len(),
                });
            }
            (i - 1, 1)
        }
        Weeks::Current { count } => match current(plan, today) {
            Some(i) => (i, count),
            None => return Err(WeeksError::SeasonOver { last: last_day }),
        },
        Weeks::From { date, count } => match holding(plan, date) {
            Some(i) => (i, count),
            None => {
                return Err(WeeksError::OutsidePlan {
                    date,
                    first: first_day,
                    last: last_day,
                })
            }
        },
    };
    let count = usize::try_from(count.max(1)).unwrap_or(usize::MAX);
    Ok(&all[from..from.saturating_add(count).min(all.len())])
}
