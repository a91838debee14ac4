//! Strava bulk export: `activities.csv`, the index that names each activity's file.
//!
//! Header names vary by export version (`Activity ID` vs `id`, ...) and some names appear
//! twice: the first `Distance` is in the athlete's display units (km or miles), the second
//! in metres; the first `Elapsed Time` and the second are both seconds. Columns are found
//! by name (case-insensitive, `_` = space), the metre distance by its second occurrence.

use jiff::Timestamp;
use keel_core::activity::{Activity, Sport};

use csv::StringRecord;

use crate::csvutil::{self, parse_datetime, read_header, CsvRows, Row};
use crate::error::ImportError;

/// One row of `activities.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct StravaActivityRow {
    /// Strava activity id.
    pub id: String,
    /// Activity name as the athlete typed it.
    pub name: Option<String>,
    /// Strava's type as written (`Run`, `Trail Run`, `Ride`, ...).
    pub activity_type: Option<String>,
    /// The type mapped to a keel sport.
    pub sport: Sport,
    /// Start (Strava writes UTC).
    pub date: Option<Timestamp>,
    /// Perceived exertion, 1-10.
    pub rpe: Option<f64>,
    /// The activity file inside the export (`activities/123.fit.gz`); `None` for manual
    /// entries without a file.
    pub filename: Option<String>,
    /// Elapsed seconds.
    pub elapsed_s: Option<f64>,
    /// Distance in metres (from the second `Distance` column, when present).
    pub distance_m: Option<f64>,
}

/// Maps a Strava activity type to a keel sport.
pub fn sport_from_strava(t: &str) -> Sport {
    match t.trim().to_ascii_lowercase().replace(' ', "").as_str() {
        "run" => Sport::Run,
        "trailrun" => Sport::TrailRun,
        "virtualrun" | "treadmill" => Sport::Treadmill,
        "walk" | "hike" => Sport::Walk,
        "ride" | "virtualride" | "ebikeride" | "mountainbikeride" | "gravelride" | "velomobile" => {
            Sport::Ride
        }
        "swim" => Sport::Swim,
        "weighttraining" | "crossfit" => Sport::Strength,
        _ => Sport::Other,
    }
}

const DATE_FORMATS: &[&str] = &[
    "%b %d, %Y, %I:%M:%S %p",
    "%b %d, %Y %I:%M:%S %p",
    "%d %b %Y, %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%SZ",
];

/// Parses `activities.csv` bytes into rows. A row that cannot be read (no id, a bad date,
/// an exertion outside 1-10) is left out and listed with its row and column; the other rows
/// are kept. Only an unreadable header fails the file.
pub fn parse_strava_csv(bytes: &[u8]) -> Result<CsvRows<StravaActivityRow>, ImportError> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = rdr.records();
    let header = read_header(&mut records, "a header row")?;
    let c_id = header.require(&["activity id", "id"], "Strava activities.csv")?;
    let c_date = header.find(&["activity date", "date"]);
    let c_name = header.find(&["activity name", "name"]);
    let c_type = header.find(&["activity type", "type"]);
    let c_file = header.find(&["filename"]);
    let c_rpe = header.find(&["perceived exertion"]);
    let c_elapsed = header.find(&["elapsed time", "elapsed time (s)"]);
    let c_dist_m = header.nth(&["distance"], 1);
    let one = |rec: &StringRecord| -> Result<StravaActivityRow, ImportError> {
        let row = Row::new(rec, &header);
        let Some(id) = row.get(Some(c_id)) else {
            return Err(row.err(c_id, "expected an activity id, found an empty cell"));
        };
        let date = match row.get(c_date) {
            None => None,
            Some(s) => match parse_datetime(s, DATE_FORMATS) {
                Some(dt) => dt
                    .to_zoned(jiff::tz::TimeZone::UTC)
                    .ok()
                    .map(|z| z.timestamp()),
                None => {
                    return Err(row.err(
                        c_date.unwrap_or(0),
                        format!("expected a date like `Mar 18, 2018, 7:17:22 PM`, found `{s}`"),
                    ))
                }
            },
        };
        let rpe = row.num(c_rpe)?;
        if let (Some(r), Some(c)) = (rpe, c_rpe) {
            if !(1.0..=10.0).contains(&r) {
                return Err(row.err(c, format!("expected perceived exertion 1 to 10, found {r}")));
            }
        }
        let activity_type = row.get(c_type).map(str::to_string);
        Ok(StravaActivityRow {
            id: id.to_string(),
            name: row.get(c_name).map(str::to_string),
            sport: activity_type
                .as_deref()
                .map(sport_from_strava)
                .unwrap_or(Sport::Other),
            activity_type,
            date,
            rpe,
            filename: row.get(c_file).map(str::to_string),
            elapsed_s: row.num(c_elapsed)?,
            distance_m: row.num(c_dist_m)?,
        })
    };
    let mut rows = Vec::new();
    let skipped = csvutil::each_row(records, &header, |rec| {
        rows.push(one(rec)?);
        Ok(())
    });
    Ok(CsvRows { rows, skipped })
}

/// Attaches what Strava knows to an activity decoded from the file the row names: the
/// name, perceived exertion (Strava's 1-10 scale, kept as is on keel's CR-10 field), and
/// the sport when the file's is generic (`other`) or Strava's is more specific (a trail or
/// treadmill run recorded as a plain run).
pub fn attach_strava(activity: &mut Activity, row: &StravaActivityRow) {
    if row.name.is_some() {
        activity.name = row.name.clone();
    }
    if row.rpe.is_some() {
        activity.rpe = row.rpe;
    }
    let more_specific =
        activity.sport == Sport::Run && matches!(row.sport, Sport::TrailRun | Sport::Treadmill);
    if (activity.sport == Sport::Other && row.sport != Sport::Other) || more_specific {
        activity.sport = row.sport;
    }
}
