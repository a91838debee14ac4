//! What adaptation reads besides the plan: readiness signals, leg soreness, logged running
//! load, the last hard lift and the strength log, gathered for one date.

use crate::activity::{Activity, CheckIn, StrengthWorkout};
use crate::load;
use crate::model::Athlete;
use crate::readiness::{self, RunLoadIncrease, Signal};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

/// The last logged strength session.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LastStrength {
    /// Its date.
    pub date: Date,
    /// Session RPE (CR-10), when logged.
    pub rpe: Option<f64>,
}

/// Everything adaptation looks at besides the plan and the date. All optional: an empty
/// value changes nothing but filling loads (and the plan's own load increase).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AdaptInputs {
    /// Readiness signals in force on the date ([`readiness::signals`]).
    pub signals: Vec<Signal>,
    /// Leg soreness (1-5, 5 worst) from the check-ins of the week up to the date: the
    /// soreness that matters is the one on the day before a key run of the date's week.
    pub soreness_legs: Vec<(Date, u8)>,
    /// `run-load-increase` verdicts from logged running, each with where it comes from
    /// (`"logged this week"`); the plan's own is added here and the highest tier wins.
    pub run_load: Vec<(String, RunLoadIncrease)>,
    /// The last logged strength session.
    pub last_strength: Option<LastStrength>,
    /// The strength log, for loads (`progression`, `periodic-reset`).
    pub workouts: Vec<StrengthWorkout>,
    /// Days holding a strength session the runner moved there (`runner-choice`): adaptation
    /// may lighten such a session, never move it.
    #[serde(default)]
    pub moved: Vec<Date>,
}

impl AdaptInputs {
    /// Everything the log says for `date`: readiness signals, the past week's leg soreness, the
    /// logged `run-load-increase` of this week so far and of last week, the last hard
    /// strength session (RPE from the log, never a default) and the strength log.
    ///
    /// Only records on or before `date` are used.
    pub fn from_log(
        date: Date,
        checkins: &[CheckIn],
        activities: &[Activity],
        workouts: &[StrengthWorkout],
        athlete: Option<&Athlete>,
        tz: &TimeZone,
    ) -> AdaptInputs {
        let workouts: Vec<StrengthWorkout> = workouts
            .iter()
            .filter(|w| w.date <= date)
            .cloned()
            .collect();
        let signals = readiness::signals(date, checkins, activities, &workouts, tz);
        let week_before = date.saturating_sub(jiff::Span::new().days(7));
        let soreness_legs = readiness::by_date(checkins, date)
            .range(week_before..=date)
            .filter_map(|(d, c)| c.soreness_legs.map(|l| (*d, l)))
            .collect();
        let from = date.saturating_sub(jiff::Span::new().days(35));
        let series = load::series(activities, &workouts, athlete, tz, from, date);
        let last_week = date.saturating_sub(jiff::Span::new().days(7));
        let run_load = [("logged this week", date), ("logged last week", last_week)]
            .into_iter()
            .filter_map(|(basis, day)| {
                readiness::run_load_increase_logged(&series, day).map(|r| (basis.to_string(), r))
            })
            .collect();
        let yesterday = date.saturating_sub(jiff::Span::new().days(1));
        let last_strength = workouts
            .iter()
            .filter(|w| w.date >= yesterday)
            .filter_map(|w| {
                let l = load::strength_load(w);
                (l.source != load::LoadSource::StrengthDefault).then_some(LastStrength {
                    date: w.date,
                    rpe: Some(l.rpe),
                })
            })
            .max_by(|a, b| {
                (a.date, a.rpe.unwrap_or(0.0))
                    .partial_cmp(&(b.date, b.rpe.unwrap_or(0.0)))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
        AdaptInputs {
            signals,
            soreness_legs,
            run_load,
            last_strength,
            workouts,
            moved: Vec::new(),
        }
    }
}
