//! What the log before a week contributes to the load series: one load a day.
//!
//! Fitness, fatigue and the ACWR smooth over the whole history, but of the days before the
//! shown weeks they read only each day's total load. A [`History`] holds those totals, so a
//! series of the same weeks can be computed from it and the shown weeks' sessions alone
//! ([`super::series_after`]), to the bit the same as from the whole log, and kept between
//! runs as a few bytes a day ([`History::to_bytes`]).
//!
//! Invariants: `daily` has one entry for each day `first..until` (none without a first
//! day); a day's load adds its activities in start order, then its workouts in the given
//! order, as [`super::series_of_summaries`] does.

use super::{
    activity_effort, dated_in, days_between, strength_effort, ActivitySummary, HrProfile,
    WorkoutSummary,
};
use crate::model::Athlete;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// The daily loads of the log before a date.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    /// The first day with a session before `until`, if any.
    pub first: Option<Date>,
    /// The day after the history: the Monday the shown weeks start on.
    pub until: Date,
    /// The load of each day `first..until`.
    pub daily: Vec<f64>,
}

/// What [`History::to_bytes`] starts with; a different start is not a history.
const MAGIC: &[u8; 4] = b"KLH1";

impl History {
    /// The history of the sessions dated before `until` (activities by their start's local
    /// date in `tz`); sessions from `until` on are ignored. A strength-sport activity on a
    /// day with a logged workout is skipped, as in the series.
    pub fn before(
        activities: &[ActivitySummary],
        workouts: &[WorkoutSummary],
        athlete: Option<&Athlete>,
        tz: &TimeZone,
        until: Date,
    ) -> History {
        let hr = athlete.map(HrProfile::of);
        let (dated, lifts) = dated_in(activities, workouts, tz, |d| d < until);
        let lifts = lifts.into_iter();
        let first = dated
            .iter()
            .map(|(d, _)| *d)
            .chain(lifts.clone().map(|w| w.date))
            .min();
        let Some(start) = first else {
            return History {
                first: None,
                until,
                daily: Vec::new(),
            };
        };
        let index = |d: Date| days_between(start, d);
        let mut daily = vec![0.0; index(until)];
        for (date, a) in &dated {
            let (minutes, rpe, _) = activity_effort(a, hr.as_ref());
            daily[index(*date)] += rpe * minutes;
        }
        for w in lifts {
            let (minutes, _, rpe, _) = strength_effort(w);
            daily[index(w.date)] += rpe * minutes;
        }
        History {
            first,
            until,
            daily,
        }
    }

    /// The history as bytes: the magic, `first` (or none), `until`, then each day's load as a
    /// little-endian `f64` (exact: the series from it is the same to the bit).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + 1 + 8 + 8 * self.daily.len());
        out.extend_from_slice(MAGIC);
        match self.first {
            Some(d) => {
                out.push(1);
                put_date(&mut out, d);
            }
            None => out.push(0),
        }
        put_date(&mut out, self.until);
        for v in &self.daily {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// A history from [`History::to_bytes`]; `None` for anything else (a wrong magic, a
    /// date out of range, or days that do not match the dates).
    pub fn from_bytes(bytes: &[u8]) -> Option<History> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let (&flag, rest) = rest.split_first()?;
        let (first, rest) = match flag {
            0 => (None, rest),
            1 => {
                let (d, rest) = take_date(rest)?;
                (Some(d), rest)
            }
            _ => return None,
        };
        let (until, rest) = take_date(rest)?;
        let days = match first {
            Some(f) if f < until => days_between(f, until),
            Some(_) => return None,
            None => 0,
        };
        if rest.len() != days * 8 {
            return None;
        }
        let daily = rest
            .chunks_exact(8)
            .map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes")))
            .collect();
        Some(History {
            first,
            until,
            daily,
        })
    }
}

fn put_date(out: &mut Vec<u8>, d: Date) {
    out.extend_from_slice(&d.year().to_le_bytes());
    out.push(d.month() as u8);
    out.push(d.day() as u8);
}

fn take_date(bytes: &[u8]) -> Option<(Date, &[u8])> {
    let (d, rest) = bytes.split_first_chunk::<4>()?;
    let year = i16::from_le_bytes([d[0], d[1]]);
    let date = Date::new(year, i8::try_from(d[2]).ok()?, i8::try_from(d[3]).ok()?).ok()?;
    Some((date, rest))
}
