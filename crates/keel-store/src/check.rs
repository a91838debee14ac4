//! Checks every backend makes before it writes: the same values are refused with the same
//! field names whichever database holds the log.

use crate::{NewAdjustment, Result, StoreError};
use jiff::civil::Date;
use keel_core::activity::{Activity, CheckIn, LoggedSet};

/// `v` when it is a number (not NaN or infinite), else an error naming `field`.
pub(crate) fn finite(field: &'static str, v: Option<f64>) -> Result<Option<f64>> {
    match v {
        Some(x) if !x.is_finite() => Err(StoreError::Invalid {
            field,
            detail: format!("{x} is not a number"),
        }),
        _ => Ok(v),
    }
}

/// Stored dates lie in the years 1 to 9999 (SQLite keeps them as text that sorts only in
/// that range; PostgreSQL keeps the same range so both backends accept the same log).
pub(crate) fn storable_date(field: &'static str, d: Date) -> Result<Date> {
    if !(1..=9999).contains(&d.year()) {
        return Err(StoreError::Invalid {
            field,
            detail: format!("{d} is outside the years 1 to 9999"),
        });
    }
    Ok(d)
}

/// A range bound clamped into the storable years, so `Date::MIN..=Date::MAX` means "all".
pub(crate) fn clamp_date(d: Date) -> Date {
    d.clamp(jiff::civil::date(1, 1, 1), jiff::civil::date(9999, 12, 31))
}

pub(crate) fn activity(a: &Activity) -> Result<()> {
    if !a.elapsed_s.is_finite() || a.elapsed_s < 0.0 {
        return Err(StoreError::Invalid {
            field: "elapsed_s",
            detail: format!("{} must be a non-negative number of seconds", a.elapsed_s),
        });
    }
    finite("moving_s", a.moving_s)?;
    finite("distance_m", a.distance_m)?;
    finite("elevation_gain_m", a.elevation_gain_m)?;
    finite("rpe", a.rpe)?;
    for lap in &a.laps {
        finite("lap elapsed_s", Some(lap.elapsed_s))?;
        finite("lap distance_m", lap.distance_m)?;
    }
    Ok(())
}

pub(crate) fn set(s: &LoggedSet) -> Result<()> {
    if s.exercise.trim().is_empty() {
        return Err(StoreError::Invalid {
            field: "exercise",
            detail: "empty exercise name".into(),
        });
    }
    finite("weight_kg", s.weight_kg)?;
    finite("set rpe", s.rpe)?;
    finite("rir", s.rir)?;
    finite("set duration_s", s.duration_s)?;
    Ok(())
}

pub(crate) fn checkin(c: &CheckIn) -> Result<()> {
    let items: [(&'static str, Option<u8>); 7] = [
        ("sleep_quality", c.sleep_quality),
        ("fatigue", c.fatigue),
        ("soreness_legs", c.soreness_legs),
        ("soreness_upper", c.soreness_upper),
        ("mood", c.mood),
        ("stress", c.stress),
        ("motivation", c.motivation),
    ];
    for (field, v) in items {
        if let Some(v) = v {
            if !(1..=5).contains(&v) {
                return Err(StoreError::Invalid {
                    field,
                    detail: format!("{v} is outside the scale 1 to 5"),
                });
            }
        }
    }
    if let Some(h) = c.sleep_h {
        if !h.is_finite() || !(0.0..=24.0).contains(&h) {
            return Err(StoreError::Invalid {
                field: "sleep_h",
                detail: format!("{h} is not between 0 and 24 hours"),
            });
        }
    }
    storable_date("check-in date", c.date)?;
    Ok(())
}

/// Rule, kind and text present, the date storable.
pub(crate) fn adjustment(a: &NewAdjustment) -> Result<Date> {
    for (field, v) in [("rule", &a.rule), ("kind", &a.kind), ("text", &a.text)] {
        if v.trim().is_empty() {
            return Err(StoreError::Invalid {
                field,
                detail: "must not be empty".into(),
            });
        }
    }
    storable_date("adjustment date", a.date)
}

/// The dates of a sync all fall inside its range.
pub(crate) fn sync_range(from: Date, to: Date, current: &[NewAdjustment]) -> Result<()> {
    if let Some(a) = current.iter().find(|a| a.date < from || a.date > to) {
        return Err(StoreError::Invalid {
            field: "adjustment date",
            detail: format!("{} is outside {from}..={to}", a.date),
        });
    }
    Ok(())
}

/// An import carries at least one record.
pub(crate) fn import(name: &str, activities: usize, workouts: usize) -> Result<()> {
    if activities == 0 && workouts == 0 {
        return Err(StoreError::Invalid {
            field: "file",
            detail: format!("{name}: no activity or workout to store"),
        });
    }
    Ok(())
}
