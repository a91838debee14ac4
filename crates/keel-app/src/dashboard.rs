//! One athlete's row of a coach's dashboard: what the coach reads every morning, computed
//! through the same services as `keel today` and `keel load` (so the row never disagrees
//! with the athlete's own pages).
//!
//! Compliance is keel-app's ([`crate::marks`]): a strength session is done when the
//! athlete marked it done or a logged or imported workout matched it, over this week and
//! the four weeks ending today.

use jiff::civil::Date;
use jiff::ToSpan;
use keel_core::marks::Status;
use keel_core::model::{Focus, Goal};
use keel_store::Store;

use crate::clock::Clock;
use crate::plan::{plan_in_force, ProfileSource};
use crate::AppError;

/// Days of the compliance window.
pub const COMPLIANCE_DAYS: i64 = keel_core::marks::WINDOW_DAYS;

/// What the dashboard shows of one athlete. Everything is `None`/empty when unknown (no
/// profile, no log).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// Today where the athlete lives.
    pub today: Option<Date>,
    /// Readiness in one line (`good`, `caution: ...`, `back off: ...`).
    pub readiness: String,
    /// Whether the readiness says back off.
    pub back_off: bool,
    /// The readiness signals in force, by id.
    pub signals: Vec<String>,
    /// The adjustments in force: (date, rule id, reason).
    pub adjustments: Vec<(Date, String, String)>,
    /// Strength sessions (not mobility) in the plan in force this week (Monday to Sunday).
    pub week_planned: u32,
    /// Of those, done so far (marked done, or matched by a logged workout).
    pub week_done: u32,
    /// Strength sessions due in the [`COMPLIANCE_DAYS`] days ending today (today's once
    /// done or skipped), as `keel today`'s compliance counts them.
    pub month_planned: u32,
    /// Of those, done.
    pub month_done: u32,
    /// Of those, marked skipped.
    pub month_skipped: u32,
    /// Running minutes of the last 7 days against the 7 days before, percent (`None` when
    /// there was no running before).
    pub run_load_change: Option<f64>,
    /// Acute:chronic workload ratio (EWMA) today, when warmed up.
    pub acwr: Option<f64>,
    /// Date of the last check-in, if any in the last 60 days.
    pub last_checkin: Option<Date>,
    /// When the last file was imported (UTC date).
    pub last_import: Option<Date>,
    /// The next race: (date, distance).
    pub next_race: Option<(Date, String)>,
    /// Why the plan could not be made (no profile, invalid profile), if it could not.
    pub problem: Option<String>,
}

impl Row {
    /// Days since the last check-in (`None`: none in 60 days).
    pub fn days_since_checkin(&self) -> Option<i64> {
        let (t, c) = (self.today?, self.last_checkin?);
        Some((t - c).get_days().into())
    }
}

/// The row of the athlete whose log `store` is, today by `clock`.
pub fn row(store: &impl Store, clock: &Clock) -> Result<Row, AppError> {
    let source = ProfileSource::Stored;
    let local = crate::clock::local_for(Some(store), &source, clock)?;
    let today = local.today;
    let mut row = Row {
        today: Some(today),
        ..Row::default()
    };
    let from = today.saturating_sub(60.days());
    row.last_checkin = store.checkins(from, today)?.last().map(|c| c.date);
    row.last_import = store
        .recent_files(1)?
        .first()
        .map(|f| f.imported_at.to_zoned(jiff::tz::TimeZone::UTC).date());
    let planned = match plan_in_force(Some(store), &source, today, today, None, &local.tz) {
        Ok(p) => p,
        Err(AppError::NoProfile) => {
            row.problem = Some("no profile".into());
            return Ok(row);
        }
        Err(e @ (AppError::Profile(_) | AppError::StoredProfile(_) | AppError::Plan { .. })) => {
            row.problem = Some(crate::text::line(&e.to_string()).to_string());
            return Ok(row);
        }
        Err(e) => return Err(e),
    };
    if let Some(inputs) = &planned.inputs {
        row.readiness = keel_core::adapt::readiness_summary(&inputs.signals);
        row.back_off = row.readiness.starts_with("back off");
        row.signals = inputs.signals.iter().map(|s| s.name.to_string()).collect();
    }
    row.adjustments = planned
        .changes
        .iter()
        .map(|c| (c.date, c.rule.clone(), c.text.clone()))
        .collect();
    if let Goal::Race { race, date } = &planned.profile.profile.goal {
        if *date >= today {
            row.next_race = Some((*date, race.to_string()));
        }
    }
    // This week (Monday to Sunday) and the four weeks to today, as `keel today` counts
    // them: a strength session (not mobility) is done when marked so or matched by a
    // logged or imported workout.
    let monday = today.saturating_sub(i64::from(today.weekday().to_monday_zero_offset()).days());
    let sunday = monday.saturating_add(6.days());
    for s in crate::marks::states(store, &planned, monday, sunday, today)? {
        if s.focus == Focus::Mobility {
            continue;
        }
        row.week_planned += 1;
        row.week_done += u32::from(s.status == Status::Done);
    }
    let c = crate::marks::compliance(store, &planned, today)?;
    row.month_planned = c.planned;
    row.month_done = c.done;
    row.month_skipped = c.skipped;
    let profile = &planned.profile.profile;
    let series = crate::load::series(Some(store), Some(profile), &local.tz, today, 3)?;
    let minutes = |skip: usize| -> f64 {
        series
            .days
            .iter()
            .rev()
            .skip(skip)
            .take(7)
            .map(|d| d.run_minutes)
            .sum()
    };
    let (this, before) = (minutes(0), minutes(7));
    if series.days.len() >= 14 && before > 0.0 {
        row.run_load_change = Some((this / before - 1.0) * 100.0);
    }
    row.acwr = series.days.last().and_then(|d| d.acwr_ewma);
    Ok(row)
}
