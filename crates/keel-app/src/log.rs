//! Logging by hand, once for every front end: `keel log run|lift` and the web app's forms
//! hand the text the runner typed to [`run_from_input`] / [`lift_from_input`], and store
//! what comes back with [`log_run`] / [`log_lift`]. One set of rules, so the CLI and the
//! web store the same thing from the same input:
//!
//! - dates: `YYYY-MM-DD`, `today` or `yesterday` (empty = today), from 1900 and never after
//!   today;
//! - runs: 1 min to 48 h (ultras run past 24 h), 0.01 to 500 km (`8km`, `5mi`), RPE 1-10;
//!   a run logged for today ends now, one logged for another day starts at noon local
//!   time; no name (the type says what it was);
//! - numbers take a decimal comma as well as a point (`6,5`, `16,5kg`);
//! - lifts: set groups `SETSxREPS[@LOAD]` (`x`, `×` or `*`), separated by spaces,
//!   semicolons, or commas that are not decimal commas; loads in kg or lb (`bw` for
//!   bodyweight), up to 500 kg, kept to the gram; exercise names resolved like imports (the
//!   profile's aliases, then library ids and names; an unknown kebab-case name is the
//!   runner's own exercise); lifts of one day form one session named `Strength` unless a
//!   name starts another.

use std::fmt;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use keel_core::activity::{Activity, LoggedSet, SetType, Sport, StrengthWorkout};
use keel_core::model::RunType;
use keel_profile::{parse_amount, Amount};
use keel_store::{Id, Store};

use crate::clock::{parse_log_date, Local};
use crate::AppError;

/// The source recorded for everything logged by hand.
pub const MANUAL: &str = "manual";
/// The longest run that can be logged, minutes.
pub const MAX_RUN_MINUTES: f64 = 48.0 * 60.0;
/// The longest distance that can be logged, km.
pub const MAX_RUN_KM: f64 = 500.0;
/// The heaviest load, kg.
pub const MAX_LOAD_KG: f64 = 500.0;
/// The name of a day's session when none is given.
pub const DEFAULT_WORKOUT_NAME: &str = "Strength";
/// Kilograms per pound (exact by definition).
pub const KG_PER_LB: f64 = 0.453_592_37;

/// Which input a problem is about, named as each front end names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The date.
    Date,
    /// The run type.
    RunType,
    /// The run's duration.
    Duration,
    /// The run's distance.
    Distance,
    /// Session RPE.
    Rpe,
    /// The sport.
    Sport,
    /// The exercise.
    Exercise,
    /// The set groups.
    Sets,
    /// Reps in reserve.
    Rir,
    /// The session's name.
    Name,
    /// Hours slept.
    Sleep,
    /// Sleep quality, 1-5.
    SleepQuality,
    /// Fatigue, 1-5.
    Fatigue,
    /// Leg soreness, 1-5.
    SorenessLegs,
    /// Upper-body soreness, 1-5.
    SorenessUpper,
    /// Mood, 1-5.
    Mood,
    /// Stress, 1-5.
    Stress,
    /// Motivation, 1-5.
    Motivation,
    /// The note.
    Note,
    /// The input as a whole.
    Form,
}

impl Field {
    /// The web form's field name.
    pub fn form_name(self) -> &'static str {
        match self {
            Field::Date => "date",
            Field::RunType => "run_type",
            Field::Duration => "duration",
            Field::Distance => "distance",
            Field::Rpe => "rpe",
            Field::Sport => "sport",
            Field::Exercise => "exercise",
            Field::Sets => "sets",
            Field::Rir => "rir",
            Field::Name => "name",
            Field::Sleep => "sleep_h",
            Field::SleepQuality => "sleep_quality",
            Field::Fatigue => "fatigue",
            Field::SorenessLegs => "soreness_legs",
            Field::SorenessUpper => "soreness_upper",
            Field::Mood => "mood",
            Field::Stress => "stress",
            Field::Motivation => "motivation",
            Field::Note => "note",
            Field::Form => "form",
        }
    }

    /// The command line's argument or flag.
    pub fn flag(self) -> &'static str {
        match self {
            Field::Date => "--date",
            Field::RunType => "TYPE",
            Field::Duration => "DURATION",
            Field::Distance => "--distance",
            Field::Rpe => "--rpe",
            Field::Sport => "--sport",
            Field::Exercise => "EXERCISE",
            Field::Sets => "SETSxREPS",
            Field::Rir => "--rir",
            Field::Name => "--name",
            Field::Sleep => "--sleep",
            Field::SleepQuality => "--sleep-quality",
            Field::Fatigue => "--fatigue",
            Field::SorenessLegs => "--soreness-legs",
            Field::SorenessUpper => "--soreness-upper",
            Field::Mood => "--mood",
            Field::Stress => "--stress",
            Field::Motivation => "--motivation",
            Field::Note => "--note",
            Field::Form => "input",
        }
    }
}

/// One problem with the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// Which input.
    pub field: Field,
    /// What was typed (empty when nothing was).
    pub value: String,
    /// What was expected.
    pub message: String,
}

impl InputError {
    /// The message with the value typed, for showing next to the field.
    pub fn text(&self) -> String {
        if self.value.is_empty() {
            self.message.clone()
        } else {
            format!("`{}`: {}", self.value.trim(), self.message)
        }
    }
}

/// Every problem with an input (nothing is stored while there is one). Displayed for the
/// command line: `--distance `ten`: expected a distance like 10km or 6.2mi`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InputErrors(pub Vec<InputError>);

impl InputErrors {
    pub(crate) fn push(&mut self, field: Field, value: &str, message: impl Into<String>) {
        self.0.push(InputError {
            field,
            value: value.trim().to_string(),
            message: message.into(),
        });
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The error about `field`, if any.
    pub fn get(&self, field: Field) -> Option<&InputError> {
        self.0.iter().find(|e| e.field == field)
    }
}

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            match (e.field, e.value.is_empty()) {
                (Field::Sets, _) | (Field::Form, _) => f.write_str(&e.message)?,
                (field, true) => write!(f, "{}: {}", field.flag(), e.message)?,
                (field, false) => write!(f, "{} `{}`: {}", field.flag(), e.value, e.message)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for InputErrors {}

/// A number as typed, with a decimal point or comma.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    s.parse::<f64>()
        .or_else(|_| s.replace(',', ".").parse::<f64>())
        .ok()
        .filter(|v| v.is_finite())
}

/// An optional number within `lo..=hi`: `Ok(None)` when empty.
pub fn parse_in_range(s: &str, lo: f64, hi: f64, what: &str) -> Result<Option<f64>, String> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    match parse_number(s) {
        Some(v) if (lo..=hi).contains(&v) => Ok(Some(v)),
        Some(_) => Err(format!("expected {what} from {lo} to {hi}")),
        None => Err(format!("expected {what} (a number from {lo} to {hi})")),
    }
}

/// A decimal comma between digits as a point (`21,1km` is `21.1km`), for amounts.
fn decimal_point(s: &str) -> String {
    let b: Vec<char> = s.trim().chars().collect();
    b.iter()
        .enumerate()
        .map(|(i, &c)| {
            let digits = i > 0
                && b[i - 1].is_ascii_digit()
                && b.get(i + 1).is_some_and(char::is_ascii_digit);
            if c == ',' && digits {
                '.'
            } else {
                c
            }
        })
        .collect()
}

/// A run as typed, every field raw text (empty = not given).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunInput {
    /// `YYYY-MM-DD`, `today`, `yesterday`, or empty for today.
    pub date: String,
    /// Run type id.
    pub run_type: String,
    /// `45min`, `1h15`, `1:15`.
    pub duration: String,
    /// `8km`, `5mi`, or empty.
    pub distance: String,
    /// 1-10, or empty.
    pub rpe: String,
    /// A sport id (`trail-run`, ...), or empty for a run (other for cross-training).
    pub sport: String,
}

/// The run types that can be logged, for messages.
pub fn loggable_run_types() -> Vec<&'static str> {
    RunType::ids()
        .into_iter()
        .filter(|t| *t != "rest")
        .collect()
}

/// Validates a run; the activity to store, or every problem.
pub fn run_from_input(input: &RunInput, local: &Local) -> Result<Activity, InputErrors> {
    let mut e = InputErrors::default();
    let date = parse_log_date(&input.date, local.today)
        .map_err(|m| e.push(Field::Date, &input.date, m))
        .ok();
    let run_type = match input.run_type.trim().parse::<RunType>() {
        Ok(RunType::Rest) => {
            e.push(
                Field::RunType,
                &input.run_type,
                format!(
                    "rest is not a run to log; expected one of {}",
                    loggable_run_types().join(", ")
                ),
            );
            None
        }
        Ok(t) => Some(t),
        Err(_) => {
            e.push(
                Field::RunType,
                &input.run_type,
                format!("expected one of {}", loggable_run_types().join(", ")),
            );
            None
        }
    };
    let minutes = match parse_amount(&decimal_point(&input.duration)) {
        _ if input.duration.trim().is_empty() => {
            e.push(
                Field::Duration,
                "",
                "required: how long, e.g. 45min or 1h15",
            );
            None
        }
        Ok(Amount::Minutes(m)) if (1.0..=MAX_RUN_MINUTES).contains(&m) => Some(m),
        Ok(Amount::Minutes(_)) => {
            e.push(
                Field::Duration,
                &input.duration,
                "expected a duration from 1 min to 48 h",
            );
            None
        }
        Ok(Amount::Km(_)) => {
            e.push(
                Field::Duration,
                &input.duration,
                "is a distance; expected a duration like 45min or 1h15 (give the distance separately)",
            );
            None
        }
        Err(msg) => {
            e.push(Field::Duration, &input.duration, msg);
            None
        }
    };
    let km = if input.distance.trim().is_empty() {
        None
    } else {
        match parse_amount(&decimal_point(&input.distance)) {
            Ok(Amount::Km(k)) if (0.01..=MAX_RUN_KM).contains(&k) => Some(k),
            Ok(Amount::Km(_)) => {
                e.push(
                    Field::Distance,
                    &input.distance,
                    "expected a distance from 0.01 to 500 km",
                );
                None
            }
            Ok(Amount::Minutes(_)) => {
                e.push(
                    Field::Distance,
                    &input.distance,
                    "is a duration; expected a distance like 10km or 6.2mi",
                );
                None
            }
            Err(msg) => {
                e.push(Field::Distance, &input.distance, msg);
                None
            }
        }
    };
    let rpe = parse_in_range(&input.rpe, 1.0, 10.0, "an effort (RPE)")
        .map_err(|m| e.push(Field::Rpe, &input.rpe, m))
        .ok()
        .flatten();
    let sport = match input.sport.trim() {
        "" if run_type == Some(RunType::Cross) => Some(Sport::Other),
        "" => Some(Sport::Run),
        s => match s.parse::<Sport>() {
            Ok(sport) => Some(sport),
            Err(msg) => {
                e.push(Field::Sport, s, msg.to_string());
                None
            }
        },
    };
    let (Some(date), Some(run_type), Some(minutes), Some(sport), true) =
        (date, run_type, minutes, sport, e.is_empty())
    else {
        return Err(e);
    };
    let secs = minutes * 60.0;
    Ok(Activity {
        source: MANUAL.into(),
        sport,
        name: None,
        start: run_start(date, secs, local),
        elapsed_s: secs,
        moving_s: Some(secs),
        distance_m: km.map(|k| k * 1000.0),
        elevation_gain_m: None,
        avg_hr: None,
        max_hr: None,
        avg_cadence: None,
        avg_power_w: None,
        rpe,
        run_type: Some(run_type),
        samples: Vec::new(),
        laps: Vec::new(),
        partial: None,
    })
}

/// When a run logged by hand started: one logged for today has just ended (never before
/// local midnight); one for another day started at local noon, which no time zone shift
/// moves to another day.
pub fn run_start(date: Date, secs: f64, local: &Local) -> Timestamp {
    let at = |h| {
        date.at(h, 0, 0, 0)
            .to_zoned(local.tz.clone())
            .map_or(local.now, |z| z.timestamp())
    };
    if date == local.today {
        let ended = local
            .now
            .checked_sub(SignedDuration::from_secs_f64(secs))
            .unwrap_or(local.now);
        ended.max(at(0)).min(local.now)
    } else {
        at(12)
    }
}

/// Stores a run logged by hand (never de-duplicated); its id.
pub fn log_run(store: &mut impl Store, run: &Activity) -> Result<Id, AppError> {
    Ok(store.insert_activity(run, None)?.id())
}

/// Lifts as typed, every field raw text (empty = not given).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiftInput {
    /// `YYYY-MM-DD`, `today`, `yesterday`, or empty for today.
    pub date: String,
    /// A library id, a name from another app, or the runner's own kebab-case id.
    pub exercise: String,
    /// Set groups: `3x10@16kg 1x8@18kg`.
    pub sets: String,
    /// Reps in reserve, 0-10, or empty.
    pub rir: String,
    /// RPE of the sets, 1-10, or empty.
    pub rpe: String,
    /// The session's name, or empty (the day's session, `Strength`).
    pub name: String,
}

/// What an exercise name was resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exercise {
    /// A library id, as given.
    Library(String),
    /// A name the profile's aliases or the library recognised under this id.
    Matched(String),
    /// A kebab-case id the library does not know: the runner's own, with the closest id.
    Custom(String, Option<&'static str>),
}

impl Exercise {
    /// The id stored.
    pub fn id(&self) -> &str {
        match self {
            Exercise::Library(id) | Exercise::Matched(id) | Exercise::Custom(id, _) => id,
        }
    }

    /// A sentence for the runner when the name was not a library id as typed.
    pub fn note(&self, typed: &str) -> Option<String> {
        match self {
            Exercise::Library(_) => None,
            Exercise::Matched(id) => Some(format!(
                "`{}` is `{id}` in the exercise library",
                typed.trim()
            )),
            Exercise::Custom(id, closest) => Some(format!(
                "`{id}` is not in the exercise library{}; logged as your own exercise",
                closest.map_or(String::new(), |c| format!(" (closest: {c})"))
            )),
        }
    }
}

fn is_kebab(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn closest_id(name: &str) -> Option<&'static str> {
    keel_core::exercises::LIBRARY
        .iter()
        .map(|e| (strsim::jaro_winkler(name, e.id), e.id))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id)
}

/// Resolves an exercise as typed: a library id as it is; a name the profile's aliases or
/// the library know becomes its id; an unknown kebab-case name is the runner's own.
pub fn resolve_exercise(name: &str, aliases: &[(String, String)]) -> Result<Exercise, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("required: the exercise, e.g. goblet-squat".into());
    }
    if name.chars().count() > 80 || name.chars().any(char::is_control) {
        return Err("an exercise is one line of at most 80 characters".into());
    }
    if keel_core::exercises::find(name).is_some() {
        return Ok(Exercise::Library(name.to_string()));
    }
    let mapped = crate::import::map_exercise(name, aliases);
    if mapped != name {
        return Ok(Exercise::Matched(mapped));
    }
    if is_kebab(name) {
        return Ok(Exercise::Custom(name.to_string(), closest_id(name)));
    }
    let suggestion: String = name
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if suggestion.is_empty() {
        return Err("expected an exercise id like goblet-squat".into());
    }
    Err(format!("not in the exercise library; expected an id like goblet-squat, or a kebab-case name such as `{suggestion}` for your own exercise"))
}

/// One set group: (sets, reps, kg or bodyweight).
pub type SetGroup = (u32, u32, Option<f64>);

/// Splits set groups on spaces, semicolons and commas that are not decimal commas.
fn split_groups(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let decimal = c == ','
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_whitespace() || c == ';' || (c == ',' && !decimal) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Parses set groups: `3x10@16kg`, `2x8@35lb`, `3x12` (bodyweight), `1x5@62,5kg`.
pub fn parse_sets(s: &str) -> Result<Vec<SetGroup>, String> {
    const EXPECTED: &str = "expected SETSxREPS[@LOAD] like 3x10@16kg, 2x8@35lb or 3x12";
    let groups = split_groups(s);
    if groups.is_empty() {
        return Err(format!("SETSxREPS: required; {EXPECTED}"));
    }
    let mut out = Vec::new();
    for group in groups {
        let g = group.to_lowercase();
        let (counts, load) = match g.split_once('@') {
            Some((c, l)) => (c, Some(l)),
            None => (g.as_str(), None),
        };
        let Some((sets, reps)) = counts.split_once(['x', '×', '*']) else {
            return Err(format!("SETSxREPS `{group}`: {EXPECTED}"));
        };
        let sets: u32 = sets.parse().map_err(|_| {
            format!("SETSxREPS `{group}`: `{sets}` is not a number of sets; {EXPECTED}")
        })?;
        let reps: u32 = reps.parse().map_err(|_| {
            format!("SETSxREPS `{group}`: `{reps}` is not a number of reps; {EXPECTED}")
        })?;
        if !(1..=20).contains(&sets) {
            return Err(format!(
                "SETSxREPS `{group}`: {sets} sets; expected 1 to 20 in one group"
            ));
        }
        if !(1..=100).contains(&reps) {
            return Err(format!(
                "SETSxREPS `{group}`: {reps} reps; expected 1 to 100"
            ));
        }
        let kg = match load {
            None | Some("bw") | Some("bodyweight") => None,
            Some(l) => {
                let (num, factor) = if let Some(n) = l.strip_suffix("kg") {
                    (n, 1.0)
                } else if let Some(n) = l.strip_suffix("lbs").or_else(|| l.strip_suffix("lb")) {
                    (n, KG_PER_LB)
                } else {
                    return Err(format!(
                        "LOAD `{l}` in `{group}`: expected a load with its unit, like 16kg or 35lb"
                    ));
                };
                let v = parse_number(num)
                    .ok_or_else(|| format!("LOAD `{l}` in `{group}`: `{num}` is not a number"))?;
                if v <= 0.0 || v * factor > MAX_LOAD_KG {
                    return Err(format!(
                        "LOAD `{l}` in `{group}`: expected more than 0 and at most 500 kg"
                    ));
                }
                // Kept to the gram: 35 lb is 15.876 kg, not the float noise of the factor.
                Some((v * factor * 1000.0).round() / 1000.0)
            }
        };
        out.push((sets, reps, kg));
    }
    Ok(out)
}

/// Lifts ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct Lift {
    /// The day.
    pub date: Date,
    /// The exercise as resolved.
    pub exercise: Exercise,
    /// The sets, in order.
    pub sets: Vec<LoggedSet>,
    /// The session's name, when one was given.
    pub name: Option<String>,
}

/// Validates lifts; what to store, or every problem. `aliases` are the stored profile's
/// `[exercises]` (see [`crate::import::exercise_aliases`]).
pub fn lift_from_input(
    input: &LiftInput,
    local: &Local,
    aliases: &[(String, String)],
) -> Result<Lift, InputErrors> {
    let mut e = InputErrors::default();
    let date = parse_log_date(&input.date, local.today)
        .map_err(|m| e.push(Field::Date, &input.date, m))
        .ok();
    let exercise = resolve_exercise(&input.exercise, aliases)
        .map_err(|m| e.push(Field::Exercise, &input.exercise, m))
        .ok();
    let groups = parse_sets(&input.sets)
        .map_err(|m| e.push(Field::Sets, "", m))
        .unwrap_or_default();
    let rir = parse_in_range(&input.rir, 0.0, 10.0, "reps in reserve")
        .map_err(|m| e.push(Field::Rir, &input.rir, m))
        .ok()
        .flatten();
    let rpe = parse_in_range(&input.rpe, 1.0, 10.0, "an RPE")
        .map_err(|m| e.push(Field::Rpe, &input.rpe, m))
        .ok()
        .flatten();
    let name = input.name.trim();
    if name.chars().count() > 80 || name.chars().any(char::is_control) {
        e.push(
            Field::Name,
            "",
            "a session name is one line of at most 80 characters",
        );
    }
    let (Some(date), Some(exercise), true) = (date, exercise, e.is_empty()) else {
        return Err(e);
    };
    let mut sets = Vec::new();
    for (n, reps, kg) in groups {
        for _ in 0..n {
            sets.push(LoggedSet {
                exercise: exercise.id().to_string(),
                order: sets.len() as u32 + 1,
                weight_kg: kg,
                reps: Some(reps),
                rpe,
                rir,
                set_type: SetType::Normal,
                duration_s: None,
            });
        }
    }
    Ok(Lift {
        date,
        exercise,
        sets,
        name: (!name.is_empty()).then(|| name.to_string()),
    })
}

/// Where [`log_lift`] put the sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiftLogged {
    /// The session's id.
    pub workout: Id,
    /// Whether a new session was started.
    pub new_session: bool,
}

/// Stores lifts: appended to the day's session logged by hand (the one with the name given,
/// when one is), or as a new session.
pub fn log_lift(store: &mut impl Store, lift: &Lift) -> Result<LiftLogged, AppError> {
    let existing = store
        .workouts(lift.date, lift.date)?
        .into_iter()
        .rfind(|w| {
            w.workout.source == MANUAL && lift.name.as_ref().is_none_or(|n| w.workout.name == *n)
        });
    match existing {
        Some(w) => {
            store.append_sets(w.id, &lift.sets)?;
            Ok(LiftLogged {
                workout: w.id,
                new_session: false,
            })
        }
        None => {
            let workout = StrengthWorkout {
                source: MANUAL.into(),
                date: lift.date,
                start: None,
                name: lift
                    .name
                    .clone()
                    .unwrap_or_else(|| DEFAULT_WORKOUT_NAME.into()),
                duration_s: None,
                rpe: None,
                notes: None,
                sets: lift.sets.clone(),
            };
            Ok(LiftLogged {
                workout: store.insert_workout(&workout)?.id(),
                new_session: true,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use jiff::tz::TimeZone;

    fn local() -> Local {
        Local {
            tz: TimeZone::UTC,
            today: date(2027, 1, 10),
            now: "2027-01-10T18:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn sets_grammar() {
        assert_eq!(parse_sets("3x10@16kg").unwrap(), vec![(3, 10, Some(16.0))]);
        assert_eq!(parse_sets("3x10").unwrap(), vec![(3, 10, None)]);
        assert_eq!(
            parse_sets("1x5@60kg, 2x5@70kg").unwrap(),
            vec![(1, 5, Some(60.0)), (2, 5, Some(70.0))]
        );
        assert_eq!(
            parse_sets("1x5@60kg,2X5@62,5KG;1×3").unwrap(),
            vec![(1, 5, Some(60.0)), (2, 5, Some(62.5)), (1, 3, None)]
        );
        assert_eq!(parse_sets("2x8@35lb").unwrap(), vec![(2, 8, Some(15.876))]);
        assert_eq!(parse_sets("2*8@bw").unwrap(), vec![(2, 8, None)]);
        for (g, needle) in [
            ("3x", "is not a number of reps"),
            ("x10", "is not a number of sets"),
            ("3x10@16", "LOAD `16` in `3x10@16`"),
            ("3x10@-2kg", "more than 0"),
            ("3x10@501kg", "at most 500 kg"),
            ("0x10", "expected 1 to 20"),
            ("310", "expected SETSxREPS"),
            ("3x10@abckg", "is not a number"),
            ("", "required"),
        ] {
            let err = parse_sets(g).unwrap_err();
            assert!(err.contains(needle), "{g}: {err}");
        }
    }

    #[test]
    fn runs_validate_every_field_at_once() {
        let bad = RunInput {
            date: "2027-13-01".into(),
            run_type: "jog".into(),
            duration: "8km".into(),
            distance: "40min".into(),
            rpe: "11".into(),
            sport: "skiing".into(),
        };
        let e = run_from_input(&bad, &local()).unwrap_err();
        let fields: Vec<Field> = e.0.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                Field::Date,
                Field::RunType,
                Field::Duration,
                Field::Distance,
                Field::Rpe,
                Field::Sport
            ]
        );
        let text = e.to_string();
        assert!(text.contains("TYPE `jog`: expected one of easy"), "{text}");
        assert!(text.contains("DURATION `8km`: is a distance"), "{text}");
    }

    #[test]
    fn run_limits_and_start_times() {
        let l = local();
        let ok = |d: &str, dist: &str| RunInput {
            date: "2027-01-09".into(),
            run_type: "long".into(),
            duration: d.into(),
            distance: dist.into(),
            ..RunInput::default()
        };
        assert!(run_from_input(&ok("30h", "250km"), &l).is_ok(), "ultras");
        assert!(run_from_input(&ok("49h", ""), &l).is_err());
        assert!(run_from_input(&ok("45min", "501km"), &l).is_err());
        let a = run_from_input(&ok("1:30", "21,1km"), &l).unwrap();
        assert_eq!(a.distance_m, Some(21_100.0));
        assert_eq!(a.start.to_string(), "2027-01-09T12:00:00Z", "noon");
        let today = RunInput {
            date: String::new(),
            ..ok("45min", "")
        };
        let a = run_from_input(&today, &l).unwrap();
        assert_eq!(a.start.to_string(), "2027-01-10T17:15:00Z", "ends now");
        let tomorrow = RunInput {
            date: "2027-01-11".into(),
            ..ok("45min", "")
        };
        assert!(run_from_input(&tomorrow, &l).is_err(), "no future dates");
    }

    #[test]
    fn exercises_resolve_like_imports() {
        let r = |s: &str| resolve_exercise(s, &[]).unwrap();
        assert_eq!(r("goblet-squat"), Exercise::Library("goblet-squat".into()));
        assert_eq!(r("Goblet Squat"), Exercise::Matched("goblet-squat".into()));
        assert_eq!(
            r("goblet-sqaut"),
            Exercise::Custom("goblet-sqaut".into(), Some("goblet-squat"))
        );
        let aliases = vec![("Zercher Carry".to_string(), "farmer-carry".to_string())];
        assert_eq!(
            resolve_exercise("zercher carry", &aliases).unwrap(),
            Exercise::Matched("farmer-carry".into())
        );
        let err = resolve_exercise("Zercher Carry", &[]).unwrap_err();
        assert!(err.contains("`zercher-carry`"), "{err}");
    }
}
