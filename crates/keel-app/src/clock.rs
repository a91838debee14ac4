//! Time as the front ends hand it in: the moment read once by each program, the time zone
//! the runner lives in, and the dates keel accepts.
//!
//! This crate never reads the clock: the binary and the web server each read it in one
//! place and pass a [`Clock`]. The time zone is resolved here, once, for everyone: the
//! profile's `[schedule].time_zone` when it names one, else the system's (`TZ` or
//! `/etc/localtime`, read by the program with [`crate::tz::system`] along with the clock).

use jiff::civil::{date, Date};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use keel_core::model::Profile;
use keel_store::Store;

use crate::plan::ProfileSource;
use crate::AppError;

/// The first date keel accepts from a flag, a form or a query.
pub const EARLIEST_DATE: Date = date(1900, 1, 1);
/// The last date keel accepts.
pub const LATEST_DATE: Date = date(2200, 12, 31);

/// `date` when it lies within [`EARLIEST_DATE`]..=[`LATEST_DATE`], else what is accepted.
pub fn check_date(d: Date) -> Result<Date, String> {
    if (EARLIEST_DATE..=LATEST_DATE).contains(&d) {
        Ok(d)
    } else {
        Err(format!(
            "{d} is outside the dates keel accepts ({EARLIEST_DATE} to {LATEST_DATE})"
        ))
    }
}

/// A date as typed: `YYYY-MM-DD` within the accepted range.
pub fn parse_date(s: &str) -> Result<Date, String> {
    let s = s.trim();
    let d = s
        .parse::<Date>()
        .map_err(|_| "expected a date as YYYY-MM-DD".to_string())?;
    check_date(d)
}

/// A day of the plan as typed: `today`, `yesterday`, `tomorrow` or `YYYY-MM-DD` (any day,
/// past or coming).
pub fn parse_day(s: &str, today: Date) -> Result<Date, String> {
    match s.trim() {
        "today" => Ok(today),
        "yesterday" => today.yesterday().map_err(|e| e.to_string()),
        "tomorrow" => today.tomorrow().map_err(|e| e.to_string()),
        other => parse_date(other).map_err(|e| {
            if e.starts_with("expected") {
                "expected a date as YYYY-MM-DD, `today`, `yesterday` or `tomorrow`".to_string()
            } else {
                e
            }
        }),
    }
}

/// A date as typed for logging: empty or `today` is today, `yesterday`, or `YYYY-MM-DD`;
/// never after today (log what happened).
pub fn parse_log_date(s: &str, today: Date) -> Result<Date, String> {
    let d = match s.trim() {
        "" | "today" => today,
        "yesterday" => today.yesterday().map_err(|e| e.to_string())?,
        other => parse_date(other).map_err(|e| {
            if e.starts_with("expected") {
                "expected a date as YYYY-MM-DD, `today` or `yesterday`".to_string()
            } else {
                e
            }
        })?,
    };
    if d > today {
        return Err(format!(
            "{d} is after today ({today}): log what happened, up to today"
        ));
    }
    Ok(d)
}

/// The moment a command or request runs and the system's time zone, read once by the
/// program that holds it.
#[derive(Debug, Clone)]
pub struct Clock {
    now: Timestamp,
    system: TimeZone,
    fixed_today: Option<Date>,
}

/// Today and now where the runner lives.
#[derive(Debug, Clone)]
pub struct Local {
    /// The runner's time zone.
    pub tz: TimeZone,
    /// Today's date there.
    pub today: Date,
    /// The moment, for "just now" (a run logged today ends now).
    pub now: Timestamp,
}

impl Clock {
    /// A clock read at `now`, with the system's time zone.
    pub fn new(now: Timestamp, system: TimeZone) -> Clock {
        Clock {
            now,
            system,
            fixed_today: None,
        }
    }

    /// A fixed day (demos, tests): today is `today` in every time zone, and "now" is its
    /// noon in the system's time zone.
    pub fn fixed(today: Date, system: TimeZone) -> Clock {
        let now = today
            .at(12, 0, 0, 0)
            .to_zoned(system.clone())
            .map_or(Timestamp::UNIX_EPOCH, |z| z.timestamp());
        Clock {
            now,
            system,
            fixed_today: Some(today),
        }
    }

    /// The system's time zone.
    pub fn system_tz(&self) -> &TimeZone {
        &self.system
    }

    /// Today and now in `tz`.
    pub fn local(&self, tz: TimeZone) -> Local {
        let today = self
            .fixed_today
            .unwrap_or_else(|| self.now.to_zoned(tz.clone()).date());
        Local {
            tz,
            today,
            now: self.now,
        }
    }

    /// Today and now in the system's time zone.
    pub fn system_local(&self) -> Local {
        self.local(self.system.clone())
    }
}

/// The runner's time zone: the profile's `[schedule].time_zone` when it names one (the
/// profile parser checked it), else the system's.
pub fn time_zone(profile: Option<&Profile>, system: &TimeZone) -> Result<TimeZone, AppError> {
    match profile
        .and_then(|p| p.schedule.as_ref())
        .and_then(|s| s.time_zone.as_deref())
    {
        Some(name) => crate::tz::named(name).map_err(|error| AppError::TimeZone {
            name: name.to_string(),
            error,
        }),
        None => Ok(system.clone()),
    }
}

/// Today and now for the profile in force (`source`): in its time zone, else the
/// system's. A profile that does not validate gives the system's (the caller reports it
/// when it plans).
pub fn local_for(
    store: Option<&impl Store>,
    source: &ProfileSource,
    clock: &Clock,
) -> Result<Local, AppError> {
    let profile = match source {
        ProfileSource::File { name, text } => keel_profile::parse_profile(name, text).ok(),
        ProfileSource::Stored => match store {
            Some(s) => s
                .latest_profile()?
                .and_then(|p| keel_profile::parse_profile(&p.source, &p.toml).ok()),
            None => None,
        },
    };
    Ok(clock.local(time_zone(profile.as_ref(), clock.system_tz())?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_bounded_and_logging_stops_at_today() {
        let today = date(2027, 1, 13);
        assert_eq!(parse_date("2027-01-12"), Ok(date(2027, 1, 12)));
        assert!(parse_date("9999-12-31")
            .unwrap_err()
            .contains("1900-01-01 to 2200-12-31"));
        assert!(parse_date("-009999-01-01").is_err());
        assert!(parse_date("1899-12-31").is_err());
        assert!(parse_date("2027-02-30").unwrap_err().contains("YYYY-MM-DD"));
        assert_eq!(parse_log_date("", today), Ok(today));
        assert_eq!(parse_log_date("yesterday", today), Ok(date(2027, 1, 12)));
        assert!(parse_log_date("2027-01-14", today)
            .unwrap_err()
            .contains("after today"));
        assert!(parse_log_date("9999-12-31", today)
            .unwrap_err()
            .contains("outside"));
    }

    #[test]
    fn the_local_day_follows_the_time_zone() {
        // 23:30 UTC on the 13th is already the 14th in Paris.
        let now: Timestamp = "2027-01-13T23:30:00Z".parse().unwrap();
        let clock = Clock::new(now, TimeZone::UTC);
        assert_eq!(clock.system_local().today, date(2027, 1, 13));
        let paris = TimeZone::get("Europe/Paris").unwrap();
        assert_eq!(clock.local(paris).today, date(2027, 1, 14));
        let fixed = Clock::fixed(date(2027, 1, 13), TimeZone::UTC);
        assert_eq!(
            fixed
                .local(TimeZone::get("Pacific/Auckland").unwrap())
                .today,
            date(2027, 1, 13)
        );
    }
}
