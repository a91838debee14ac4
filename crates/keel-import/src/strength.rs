//! Strength-training logs: Strong and Hevy CSV exports, grouped into workouts.
//!
//! Exercise names are kept exactly as exported (mapping to library ids happens elsewhere).
//! Times in these exports are local wall-clock times without a zone, so a workout keeps its
//! local `date` and `start` stays `None` (keel never guesses a time zone).
//! RIR is derived from RPE as `10 - RPE` when only RPE is logged.

use jiff::civil::DateTime;
use keel_core::activity::{LoggedSet, SetType, StrengthWorkout};

use csv::StringRecord;

use crate::csvutil::{self, parse_datetime, read_header, CsvRows, Row};
use crate::error::ImportError;

/// Kilograms per pound.
pub const KG_PER_LB: f64 = 0.453_592_37;

/// Unit of a weight column whose header does not say (Strong's legacy `Weight`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WeightUnit {
    /// Kilograms (the default).
    #[default]
    Kg,
    /// Pounds.
    Lb,
}

fn reader(bytes: &[u8], delim: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(bytes)
}

/// `;` when the first line has more semicolons than commas (Strong's 2025 semicolon layout).
fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let line = bytes.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let semi = line.iter().filter(|&&b| b == b';').count();
    let comma = line.iter().filter(|&&b| b == b',').count();
    if semi > comma {
        b';'
    } else {
        b','
    }
}

/// Parses a duration: seconds (`2134`), or `1h 5m`, `35m`, `45s`, `1h 5m 3s`.
pub fn parse_duration(s: &str) -> Option<f64> {
    let s = s.trim();
    if let Ok(v) = s.parse::<f64>() {
        return (v.is_finite() && v >= 0.0).then_some(v);
    }
    let mut total = 0.0;
    let mut any = false;
    for tok in s.split_whitespace() {
        let (num, unit) = tok.split_at(tok.find(|c: char| c.is_ascii_alphabetic())?);
        let v: f64 = num.parse().ok()?;
        total += v * match unit {
            "h" => 3600.0,
            "m" | "min" => 60.0,
            "s" => 1.0,
            _ => return None,
        };
        any = true;
    }
    any.then_some(total)
}

/// Workouts in the order their first row appears, found by key in constant time (an
/// export of 10,000 workouts would otherwise be searched once per new workout).
#[derive(Default)]
struct Groups {
    workouts: Vec<StrengthWorkout>,
    by_key: std::collections::HashMap<String, usize>,
}

impl Groups {
    fn into_workouts(self) -> Vec<StrengthWorkout> {
        self.workouts
    }
}

fn push_set(
    groups: &mut Groups,
    key: String,
    make: impl FnOnce() -> StrengthWorkout,
    mut set: LoggedSet,
) {
    let idx = match groups.by_key.get(&key) {
        Some(&i) => i,
        None => {
            groups.workouts.push(make());
            let i = groups.workouts.len() - 1;
            groups.by_key.insert(key, i);
            i
        }
    };
    let w = &mut groups.workouts[idx];
    set.order = w.sets.len() as u32 + 1;
    w.sets.push(set);
}

fn reps(row: &Row<'_>, c: Option<usize>) -> Result<Option<u32>, ImportError> {
    match row.num(c)? {
        None => Ok(None),
        Some(v) if (0.0..=10_000.0).contains(&v) => Ok(Some(v.round() as u32)),
        Some(v) => Err(row.err(
            c.unwrap_or(0),
            format!("expected a rep count 0 to 10000, found {v}"),
        )),
    }
}

fn rpe(row: &Row<'_>, c: Option<usize>) -> Result<Option<f64>, ImportError> {
    match row.num(c)? {
        None => Ok(None),
        Some(v) if (0.0..=10.0).contains(&v) => Ok(Some(v)),
        Some(v) => Err(row.err(
            c.unwrap_or(0),
            format!("expected an RPE 0 to 10, found {v}"),
        )),
    }
}

/// Parses a Strong CSV export (legacy comma, 2025 semicolon or 2025 comma layout). A
/// `Weight` column without unit is taken as kilograms; see [`parse_strong_with_unit`].
///
/// A row that cannot be read (a bad date, weight or set order) is left out and listed in
/// [`CsvRows::skipped`]; the other rows are kept. Only an unreadable header fails the file.
pub fn parse_strong(bytes: &[u8], source: &str) -> Result<CsvRows<StrengthWorkout>, ImportError> {
    parse_strong_with_unit(bytes, source, WeightUnit::Kg)
}

/// [`parse_strong`] with the unit of a unit-less `Weight` column given.
pub fn parse_strong_with_unit(
    bytes: &[u8],
    source: &str,
    unitless: WeightUnit,
) -> Result<CsvRows<StrengthWorkout>, ImportError> {
    let mut rdr = reader(bytes, sniff_delimiter(bytes));
    let mut records = rdr.records();
    let header = read_header(&mut records, "a Strong header row")?;
    let c_date = header.require(&["date"], "Strong CSV")?;
    let c_wname = header.require(&["workout name"], "Strong CSV")?;
    let c_ex = header.require(&["exercise name"], "Strong CSV")?;
    let c_order = header.require(&["set order"], "Strong CSV")?;
    let c_num = header.find(&["workout #"]);
    let c_dur = header.find(&["duration", "duration (sec)", "duration (s)"]);
    let (c_w, w_factor) = if let Some(i) = header.find(&["weight (kg)", "weight (kgs)"]) {
        (Some(i), 1.0)
    } else if let Some(i) = header.find(&["weight (lb)", "weight (lbs)"]) {
        (Some(i), KG_PER_LB)
    } else {
        let f = if unitless == WeightUnit::Lb {
            KG_PER_LB
        } else {
            1.0
        };
        (header.find(&["weight"]), f)
    };
    let c_reps = header.find(&["reps"]);
    let c_rpe = header.find(&["rpe"]);
    let c_secs = header.find(&["seconds"]);
    let c_notes = header.find(&["workout notes"]);
    let mut groups = Groups::default();
    let one = |rec: &StringRecord| -> Result<(), ImportError> {
        let row = Row::new(rec, &header);
        let order = row.get(Some(c_order)).unwrap_or("");
        let exercise = row.get(Some(c_ex)).unwrap_or("");
        if order.eq_ignore_ascii_case("rest timer") || exercise.eq_ignore_ascii_case("rest timer") {
            return Ok(());
        }
        let set_type = match order.to_ascii_uppercase().as_str() {
            "W" => SetType::Warmup,
            "D" => SetType::Drop,
            "F" => SetType::Failure,
            o if o.parse::<u32>().is_ok() => SetType::Normal,
            _ => {
                return Err(row.err(
                    c_order,
                    format!(
                        "expected a set number, `W`, `D`, `F` or `Rest Timer`, found `{order}`"
                    ),
                ))
            }
        };
        if exercise.is_empty() {
            return Err(row.err(c_ex, "expected an exercise name, found an empty cell"));
        }
        let date_s = row.get(Some(c_date)).unwrap_or("");
        let Some(dt) = parse_datetime(date_s, &["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]) else {
            return Err(row.err(
                c_date,
                format!("expected a date like `2024-11-28 17:36:08`, found `{date_s}`"),
            ));
        };
        let wname = row.get(Some(c_wname)).unwrap_or("Workout").to_string();
        let duration = match row.get(c_dur) {
            None => None,
            Some(s) => Some(parse_duration(s).ok_or_else(|| {
                row.err(
                    c_dur.unwrap_or(0),
                    format!("expected a duration like `1h 5m` or seconds, found `{s}`"),
                )
            })?),
        };
        let key = match row.get(c_num) {
            Some(n) => format!("#{n}"),
            None => format!("{date_s}\u{1f}{wname}"),
        };
        let weight = row.num(c_w)?.map(|w| w * w_factor).filter(|w| *w != 0.0);
        let rpe = rpe(&row, c_rpe)?;
        let secs = row.num(c_secs)?.filter(|s| *s > 0.0);
        let set = LoggedSet {
            exercise: exercise.to_string(),
            order: 0,
            weight_kg: weight,
            reps: reps(&row, c_reps)?,
            rpe,
            rir: rpe.map(|r| (10.0 - r).max(0.0)),
            set_type,
            duration_s: secs,
        };
        let notes = row.get(c_notes).map(str::to_string);
        push_set(
            &mut groups,
            key,
            || workout(source, dt, wname, duration, notes),
            set,
        );
        Ok(())
    };
    let skipped = csvutil::each_row(records, &header, one);
    Ok(CsvRows {
        rows: groups.into_workouts(),
        skipped,
    })
}

fn workout(
    source: &str,
    dt: DateTime,
    name: String,
    duration: Option<f64>,
    notes: Option<String>,
) -> StrengthWorkout {
    StrengthWorkout {
        source: source.to_string(),
        date: dt.date(),
        start: None,
        name,
        duration_s: duration,
        rpe: None,
        notes,
        sets: Vec::new(),
    }
}

const HEVY_DATES: &[&str] = &[
    "%d %b %Y, %H:%M",
    "%d %b %Y, %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
];

/// Parses a Hevy CSV export (`weight_kg` or `weight_lbs`; set types warmup, normal,
/// failure, dropset; dates like `15 Sep 2025, 07:48`). Rows that cannot be read are left
/// out and listed, as in [`parse_strong`].
pub fn parse_hevy(bytes: &[u8], source: &str) -> Result<CsvRows<StrengthWorkout>, ImportError> {
    let mut rdr = reader(bytes, b',');
    let mut records = rdr.records();
    let header = read_header(&mut records, "a Hevy header row")?;
    let c_title = header.require(&["title"], "Hevy CSV")?;
    let c_start = header.require(&["start time"], "Hevy CSV")?;
    let c_ex = header.require(&["exercise title"], "Hevy CSV")?;
    let c_end = header.find(&["end time"]);
    let c_desc = header.find(&["description"]);
    let c_type = header.find(&["set type"]);
    let (c_w, w_factor) = match header.find(&["weight kg"]) {
        Some(i) => (Some(i), 1.0),
        None => (header.find(&["weight lbs", "weight lb"]), KG_PER_LB),
    };
    let c_reps = header.find(&["reps"]);
    let c_secs = header.find(&["duration seconds"]);
    let c_rpe = header.find(&["rpe"]);
    let mut groups = Groups::default();
    let one = |rec: &StringRecord| -> Result<(), ImportError> {
        let row = Row::new(rec, &header);
        let start_s = row.get(Some(c_start)).unwrap_or("");
        let Some(start) = parse_datetime(start_s, HEVY_DATES) else {
            return Err(row.err(
                c_start,
                format!("expected a date like `15 Sep 2025, 07:48`, found `{start_s}`"),
            ));
        };
        let end = match row.get(c_end) {
            None => None,
            Some(s) => Some(parse_datetime(s, HEVY_DATES).ok_or_else(|| {
                row.err(
                    c_end.unwrap_or(0),
                    format!("expected a date like `15 Sep 2025, 09:13`, found `{s}`"),
                )
            })?),
        };
        let exercise = row.get(Some(c_ex)).unwrap_or("");
        if exercise.is_empty() {
            return Err(row.err(c_ex, "expected an exercise title, found an empty cell"));
        }
        let set_type = match row.get(c_type).map(str::to_ascii_lowercase).as_deref() {
            None | Some("normal") => SetType::Normal,
            Some("warmup") | Some("warm-up") | Some("warm_up") => SetType::Warmup,
            Some("dropset") | Some("drop") => SetType::Drop,
            Some("failure") => SetType::Failure,
            Some(other) => {
                return Err(row.err(
                    c_type.unwrap_or(0),
                    format!(
                        "expected a set type warmup, normal, failure or dropset, found `{other}`"
                    ),
                ))
            }
        };
        let title = row.get(Some(c_title)).unwrap_or("Workout").to_string();
        let rpe = rpe(&row, c_rpe)?;
        let set = LoggedSet {
            exercise: exercise.to_string(),
            order: 0,
            weight_kg: row.num(c_w)?.map(|w| w * w_factor).filter(|w| *w != 0.0),
            reps: reps(&row, c_reps)?,
            rpe,
            rir: rpe.map(|r| (10.0 - r).max(0.0)),
            set_type,
            duration_s: row.num(c_secs)?.filter(|s| *s > 0.0),
        };
        let duration = end
            .and_then(|e| start.until(e).ok())
            .and_then(|sp| sp.total(jiff::Unit::Second).ok())
            .filter(|s| *s >= 0.0);
        let notes = row.get(c_desc).map(str::to_string);
        let key = format!("{start_s}\u{1f}{title}");
        push_set(
            &mut groups,
            key,
            || workout(source, start, title, duration, notes),
            set,
        );
        Ok(())
    };
    let skipped = csvutil::each_row(records, &header, one);
    Ok(CsvRows {
        rows: groups.into_workouts(),
        skipped,
    })
}
