//! The log page's forms: raw submitted strings, validated into keel-core values or into
//! per-field errors that re-render the form (with what was typed) and store nothing.

use std::collections::BTreeMap;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use keel_core::activity::{Activity, CheckIn, LoggedSet, SetType, Sport};
use keel_core::model::RunType;
use keel_profile::{parse_amount, Amount};
use serde::Deserialize;

/// Field name -> message, shown next to the field.
pub type FieldErrors = BTreeMap<&'static str, String>;

/// Source recorded for everything logged by hand (same as the CLI's `keel log`).
pub const MANUAL: &str = "manual";

/// The run form as submitted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RunForm {
    /// CSRF token.
    pub csrf: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Run type id.
    pub run_type: String,
    /// `45min`, `1h15`, `1:15`.
    pub duration: String,
    /// `8km`, `5mi`, or empty.
    pub distance: String,
    /// 1-10 or empty.
    pub rpe: String,
}

/// The lift form as submitted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LiftForm {
    /// CSRF token.
    pub csrf: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Exercise id or name.
    pub exercise: String,
    /// `3x10@16kg`, several separated by spaces.
    pub sets: String,
    /// Reps in reserve, or empty.
    pub rir: String,
}

/// The check-in form as submitted. Rated items are `1`..`5` or empty (not answered).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CheckinForm {
    /// CSRF token.
    pub csrf: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Hours slept.
    pub sleep_h: String,
    /// 1-5.
    pub sleep_quality: String,
    /// 1-5.
    pub fatigue: String,
    /// 1-5.
    pub soreness_legs: String,
    /// 1-5.
    pub soreness_upper: String,
    /// 1-5.
    pub mood: String,
    /// 1-5.
    pub stress: String,
    /// 1-5.
    pub motivation: String,
    /// Checkbox: present when ticked.
    pub ill: Option<String>,
    /// Free text.
    pub note: String,
}

/// One rated check-in item: form field, label, and what 1 and 5 mean (5 = worst).
pub const CHECKIN_ITEMS: [(&str, &str, &str, &str); 7] = [
    ("sleep_quality", "Sleep quality", "great", "very poor"),
    ("fatigue", "Fatigue", "fresh", "exhausted"),
    ("soreness_legs", "Leg soreness", "none", "very sore"),
    ("soreness_upper", "Upper-body soreness", "none", "very sore"),
    ("mood", "Mood", "great", "very low"),
    ("stress", "Stress", "relaxed", "very stressed"),
    ("motivation", "Motivation", "eager", "none"),
];

fn parse_date(s: &str, today: Date, errors: &mut FieldErrors) -> Option<Date> {
    let s = s.trim();
    if s.is_empty() {
        return Some(today);
    }
    match s.parse::<Date>() {
        Ok(d) if d > today => {
            errors.insert(
                "date",
                format!("{d} is in the future; log what happened, up to today ({today})"),
            );
            None
        }
        Ok(d) => Some(d),
        Err(_) => {
            errors.insert("date", format!("`{s}` is not a date; expected YYYY-MM-DD"));
            None
        }
    }
}

fn parse_opt_number(
    field: &'static str,
    s: &str,
    lo: f64,
    hi: f64,
    what: &str,
    errors: &mut FieldErrors,
) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    match s.replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() && (lo..=hi).contains(&v) => Some(v),
        _ => {
            errors.insert(field, format!("`{s}`: expected {what} from {lo} to {hi}"));
            None
        }
    }
}

/// Noon local time on `date`, as UTC: a hand-logged session has a date but no clock time,
/// and noon keeps it on the same calendar day in any nearby time zone.
pub fn noon_utc(date: Date, tz: &TimeZone) -> jiff::Timestamp {
    date.to_datetime(Time::constant(12, 0, 0, 0))
        .to_zoned(tz.clone())
        .map(|z| z.timestamp())
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

impl RunForm {
    /// A manual activity, or the errors per field.
    pub fn validate(&self, today: Date, tz: &TimeZone) -> Result<Activity, FieldErrors> {
        let mut e = FieldErrors::new();
        let date = parse_date(&self.date, today, &mut e);
        let run_type = match self.run_type.trim().parse::<RunType>() {
            Ok(RunType::Rest) => {
                e.insert("run_type", "rest is not a run; pick the kind of run".into());
                None
            }
            Ok(t) => Some(t),
            Err(_) => {
                e.insert(
                    "run_type",
                    format!(
                        "choose one of: {}",
                        RunType::ids()
                            .into_iter()
                            .filter(|i| *i != "rest")
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                None
            }
        };
        let minutes = match parse_amount(self.duration.trim()) {
            Ok(Amount::Minutes(m)) if m <= 24.0 * 60.0 => Some(m),
            Ok(Amount::Minutes(_)) => {
                e.insert(
                    "duration",
                    "a run of more than 24 hours? Check the duration".into(),
                );
                None
            }
            Ok(Amount::Km(_)) => {
                e.insert(
                    "duration",
                    "that is a distance; give the time, e.g. `45min` or `1h15`".into(),
                );
                None
            }
            Err(msg) if self.duration.trim().is_empty() => {
                e.insert("duration", format!("required: {msg}"));
                None
            }
            Err(msg) => {
                e.insert("duration", msg);
                None
            }
        };
        let km = if self.distance.trim().is_empty() {
            None
        } else {
            match parse_amount(self.distance.trim()) {
                Ok(Amount::Km(k)) if k <= 400.0 => Some(k),
                Ok(Amount::Km(_)) => {
                    e.insert("distance", "more than 400 km? Check the distance".into());
                    None
                }
                Ok(Amount::Minutes(_)) => {
                    e.insert(
                        "distance",
                        "that is a duration; give a distance like `8km` or `5mi`".into(),
                    );
                    None
                }
                Err(msg) => {
                    e.insert("distance", msg);
                    None
                }
            }
        };
        let rpe = parse_opt_number("rpe", &self.rpe, 1.0, 10.0, "an effort (RPE)", &mut e);
        match (date, run_type, minutes, e.is_empty()) {
            (Some(date), Some(run_type), Some(minutes), true) => Ok(Activity {
                source: MANUAL.into(),
                sport: if run_type == RunType::Cross {
                    Sport::Other
                } else {
                    Sport::Run
                },
                name: Some(format!("{run_type} run")),
                start: noon_utc(date, tz),
                elapsed_s: minutes * 60.0,
                moving_s: Some(minutes * 60.0),
                distance_m: km.map(|k| k * 1000.0),
                elevation_gain_m: None,
                avg_hr: None,
                max_hr: None,
                avg_cadence: None,
                avg_power_w: None,
                rpe,
                run_type: Some(run_type),
                samples: vec![],
                laps: vec![],
                partial: None,
            }),
            _ => Err(e),
        }
    }
}

/// Parses set groups: `3x10@16kg`, `3x10` (bodyweight), `2x8@35lb`, several separated by
/// spaces or commas. Returns (sets, reps, kg) per group.
pub fn parse_sets(s: &str) -> Result<Vec<(u32, u32, Option<f64>)>, String> {
    let groups: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|g| !g.is_empty())
        .collect();
    if groups.is_empty() {
        return Err("required: sets x reps, e.g. `3x10@16kg` (or `3x10` for bodyweight)".into());
    }
    let mut out = Vec::new();
    for g in groups {
        let lower = g.to_ascii_lowercase();
        let (sr, load) = match lower.split_once('@') {
            Some((a, b)) => (a, Some(b)),
            None => (lower.as_str(), None),
        };
        let bad = || format!("`{g}`: expected sets x reps with an optional load, e.g. `3x10@16kg`");
        let (sets, reps) = sr
            .split_once(['x', '×'])
            .ok_or_else(bad)
            .and_then(|(a, b)| {
                Ok((
                    a.parse::<u32>().map_err(|_| bad())?,
                    b.parse::<u32>().map_err(|_| bad())?,
                ))
            })?;
        if !(1..=20).contains(&sets) || !(1..=100).contains(&reps) {
            return Err(format!("`{g}`: sets must be 1-20 and reps 1-100"));
        }
        let kg = match load {
            None | Some("bw") | Some("bodyweight") => None,
            Some(l) => {
                let (num, factor) = if let Some(n) = l.strip_suffix("kg") {
                    (n, 1.0)
                } else if let Some(n) = l.strip_suffix("lbs").or_else(|| l.strip_suffix("lb")) {
                    (n, 0.453_592_37)
                } else {
                    return Err(format!(
                        "`{g}`: give the load in kg or lb, e.g. `16kg` or `35lb`"
                    ));
                };
                match num.replace(',', ".").parse::<f64>() {
                    Ok(v) if v.is_finite() && v > 0.0 && v <= 500.0 => {
                        Some((v * factor * 100.0).round() / 100.0)
                    }
                    _ => {
                        return Err(format!(
                            "`{g}`: the load must be a number above 0, up to 500"
                        ))
                    }
                }
            }
        };
        out.push((sets, reps, kg));
    }
    Ok(out)
}

impl LiftForm {
    /// (date, exercise, sets), or the errors per field.
    pub fn validate(&self, today: Date) -> Result<(Date, Vec<LoggedSet>), FieldErrors> {
        let mut e = FieldErrors::new();
        let date = parse_date(&self.date, today, &mut e);
        let exercise = self.exercise.trim();
        if exercise.is_empty() {
            e.insert(
                "exercise",
                "required: the exercise, e.g. goblet-squat".into(),
            );
        } else if exercise.chars().count() > 80 || exercise.chars().any(char::is_control) {
            e.insert(
                "exercise",
                "an exercise name is one line of at most 80 characters".into(),
            );
        }
        let groups = match parse_sets(&self.sets) {
            Ok(g) => g,
            Err(msg) => {
                e.insert("sets", msg);
                vec![]
            }
        };
        let rir = parse_opt_number("rir", &self.rir, 0.0, 10.0, "reps in reserve", &mut e);
        let Some(date) = date.filter(|_| e.is_empty()) else {
            return Err(e);
        };
        let mut sets = Vec::new();
        for (n, reps, kg) in groups {
            for _ in 0..n {
                sets.push(LoggedSet {
                    exercise: exercise.to_string(),
                    order: sets.len() as u32 + 1,
                    weight_kg: kg,
                    reps: Some(reps),
                    rpe: None,
                    rir,
                    set_type: SetType::Normal,
                    duration_s: None,
                });
            }
        }
        Ok((date, sets))
    }
}

impl CheckinForm {
    /// The value of a rated field by name.
    pub fn item(&self, field: &str) -> &str {
        match field {
            "sleep_quality" => &self.sleep_quality,
            "fatigue" => &self.fatigue,
            "soreness_legs" => &self.soreness_legs,
            "soreness_upper" => &self.soreness_upper,
            "mood" => &self.mood,
            "stress" => &self.stress,
            "motivation" => &self.motivation,
            _ => "",
        }
    }

    /// A check-in, or the errors per field.
    pub fn validate(&self, today: Date) -> Result<CheckIn, FieldErrors> {
        let mut e = FieldErrors::new();
        let date = parse_date(&self.date, today, &mut e);
        let sleep_h = parse_opt_number("sleep_h", &self.sleep_h, 0.0, 24.0, "hours", &mut e);
        let mut rated = BTreeMap::new();
        for (field, label, _, _) in CHECKIN_ITEMS {
            let v = self.item(field).trim();
            if v.is_empty() {
                continue;
            }
            match v.parse::<u8>() {
                Ok(n) if (1..=5).contains(&n) => {
                    rated.insert(field, n);
                }
                _ => {
                    e.insert(field, format!("{label}: choose 1 to 5 (5 = worst)"));
                }
            }
        }
        let ill = self.ill.is_some();
        let note = self.note.trim();
        if note.chars().count() > 500 {
            e.insert("note", "keep the note under 500 characters".into());
        }
        if e.is_empty() && rated.is_empty() && sleep_h.is_none() && !ill && note.is_empty() {
            e.insert("form", "Answer at least one question before saving.".into());
        }
        let Some(date) = date.filter(|_| e.is_empty()) else {
            return Err(e);
        };
        let get = |f: &str| rated.get(f).copied();
        Ok(CheckIn {
            date,
            sleep_h,
            sleep_quality: get("sleep_quality"),
            fatigue: get("fatigue"),
            soreness_legs: get("soreness_legs"),
            soreness_upper: get("soreness_upper"),
            mood: get("mood"),
            stress: get("stress"),
            motivation: get("motivation"),
            ill,
            note: (!note.is_empty()).then(|| note.to_string()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn sets_grammar() {
        assert_eq!(parse_sets("3x10@16kg").unwrap(), vec![(3, 10, Some(16.0))]);
        assert_eq!(parse_sets("3x10").unwrap(), vec![(3, 10, None)]);
        assert_eq!(
            parse_sets("1x5@60kg, 2x5@70kg").unwrap(),
            vec![(1, 5, Some(60.0)), (2, 5, Some(70.0))]
        );
        assert_eq!(parse_sets("2x8@35lb").unwrap(), vec![(2, 8, Some(15.88))]);
        assert!(parse_sets("3x").unwrap_err().contains("3x10@16kg"));
        assert!(parse_sets("3x10@16").unwrap_err().contains("kg or lb"));
        assert!(parse_sets("").is_err());
    }

    #[test]
    fn run_form_errors_per_field() {
        let f = RunForm {
            date: "2027-13-01".into(),
            run_type: "jog".into(),
            duration: "8km".into(),
            distance: "40min".into(),
            rpe: "11".into(),
            ..RunForm::default()
        };
        let e = f.validate(date(2027, 1, 10), &TimeZone::UTC).unwrap_err();
        assert_eq!(
            e.keys().copied().collect::<Vec<_>>(),
            vec!["date", "distance", "duration", "rpe", "run_type"]
        );
    }

    #[test]
    fn run_form_ok() {
        let f = RunForm {
            date: "2027-01-09".into(),
            run_type: "easy".into(),
            duration: "45min".into(),
            distance: "8km".into(),
            rpe: "3".into(),
            ..RunForm::default()
        };
        let a = f.validate(date(2027, 1, 10), &TimeZone::UTC).unwrap();
        assert_eq!(a.elapsed_s, 2700.0);
        assert_eq!(a.distance_m, Some(8000.0));
        assert_eq!(a.start.to_string(), "2027-01-09T12:00:00Z");
    }

    #[test]
    fn checkin_needs_something_and_valid_scale() {
        let today = date(2027, 1, 10);
        let empty = CheckinForm::default().validate(today).unwrap_err();
        assert!(empty.contains_key("form"));
        let bad = CheckinForm {
            soreness_legs: "7".into(),
            ..CheckinForm::default()
        };
        assert!(bad
            .validate(today)
            .unwrap_err()
            .contains_key("soreness_legs"));
        let ok = CheckinForm {
            soreness_legs: "4".into(),
            sleep_h: "6.5".into(),
            ..CheckinForm::default()
        }
        .validate(today)
        .unwrap();
        assert_eq!(ok.soreness_legs, Some(4));
        assert_eq!(ok.sleep_h, Some(6.5));
        assert_eq!(ok.date, today);
    }
}
