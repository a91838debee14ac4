//! `keel log run|lift|list`: log training by hand and list what the log holds.

use crate::settings::Global;
use anyhow::{bail, Context};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use keel_core::activity::{Activity, LoggedSet, SetType, Sport, StrengthWorkout};
use keel_core::model::RunType;
use keel_store::{Store, StoredActivity, StoredWorkout};
use serde::Serialize;
use std::fmt::Write as _;
use std::process::ExitCode;

/// Pounds to kilograms (exact by definition).
const KG_PER_LB: f64 = 0.453_592_37;

/// Log a run or a lifting session by hand, or list the log.
#[derive(Debug, clap::Args)]
pub struct LogArgs {
    #[command(subcommand)]
    pub command: LogCommand,
}

/// The output format of `keel log list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable lines.
    Text,
    /// `keel.log/1` JSON.
    Json,
}

/// What to log.
#[derive(Debug, clap::Subcommand)]
pub enum LogCommand {
    /// Log a run: `keel log run tempo 45min --distance 10km --rpe 7`.
    Run {
        /// Run type: easy, recovery, intervals, tempo, hills, long, race, cross.
        #[arg(value_name = "TYPE")]
        run_type: String,
        /// Duration: `45min`, `1h15`, `1:15`.
        duration: String,
        /// Distance: `10km`, `6.2mi`.
        #[arg(long)]
        distance: Option<String>,
        /// Session RPE, 1 (very easy) to 10 (maximal).
        #[arg(long)]
        rpe: Option<f64>,
        /// Local date (YYYY-MM-DD, `today`, `yesterday`); default today.
        #[arg(long)]
        date: Option<String>,
        /// Sport when not a road run: run, trail-run, treadmill, walk, ride, swim, other.
        #[arg(long)]
        sport: Option<String>,
    },
    /// Log lifting sets: `keel log lift goblet-squat 3x10@16kg 1x8@18kg`.
    Lift {
        /// Exercise id from the library (kebab-case, e.g. goblet-squat).
        exercise: String,
        /// Set groups SETSxREPS[@LOAD]: `3x10@16kg`, `2x8@35lb`, `3x12` (bodyweight).
        #[arg(value_name = "SETSxREPS@LOAD", required = true)]
        groups: Vec<String>,
        /// Reps in reserve for these sets (0 = failure).
        #[arg(long)]
        rir: Option<f64>,
        /// RPE of these sets, 1 to 10.
        #[arg(long)]
        rpe: Option<f64>,
        /// Local date (YYYY-MM-DD, `today`, `yesterday`); default today.
        #[arg(long)]
        date: Option<String>,
        /// Workout name for a new session of the day (default `Strength`).
        #[arg(long)]
        name: Option<String>,
    },
    /// List logged and imported activities and strength sessions.
    List {
        /// First local date to show (default: 28 days ago).
        #[arg(long)]
        since: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

impl LogArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        let tz = crate::tz::local();
        let today = jiff::Timestamp::now().to_zoned(tz.clone()).date();
        match self.command {
            LogCommand::Run {
                run_type,
                duration,
                distance,
                rpe,
                date,
                sport,
            } => {
                let run = parse_run(
                    &run_type,
                    &duration,
                    distance.as_deref(),
                    rpe,
                    sport.as_deref(),
                )?;
                let date = parse_date("--date", date.as_deref(), today)?;
                log_run(global, run, date, today, &tz)
            }
            LogCommand::Lift {
                exercise,
                groups,
                rir,
                rpe,
                date,
                name,
            } => {
                let given = exercise;
                let resolved = resolve_exercise(&given)?;
                let exercise = resolved.id().to_string();
                let mut sets = Vec::new();
                for g in &groups {
                    sets.extend(parse_group(&exercise, g)?);
                }
                if let Some(rir) = rir {
                    check_range("--rir", rir, 0.0, 10.0)?;
                }
                if let Some(rpe) = rpe {
                    check_range("--rpe", rpe, 1.0, 10.0)?;
                }
                for s in &mut sets {
                    s.rir = rir;
                    s.rpe = rpe;
                }
                let date = parse_date("--date", date.as_deref(), today)?;
                match &resolved {
                    ExerciseName::Library(_) => {}
                    ExerciseName::Matched(id) => {
                        eprintln!("keel: `{given}` is `{id}` in the exercise library");
                    }
                    ExerciseName::Custom(id, closest) => eprintln!(
                        "keel: `{id}` is not in the exercise library{}; logged as your own exercise",
                        closest.map_or(String::new(), |c| format!(" (closest: {c})"))
                    ),
                }
                log_lift(global, &exercise, sets, date, name)
            }
            LogCommand::List { since, format } => {
                let default = today
                    .checked_sub(jiff::Span::new().days(28))
                    .unwrap_or(today);
                let since = match since {
                    Some(s) => parse_date("--since", Some(&s), today)?,
                    None => default,
                };
                list(global, since, format, &tz)
            }
        }
    }
}

/// A run as typed, validated.
#[derive(Debug, Clone, PartialEq)]
struct RunEntry {
    run_type: RunType,
    sport: Sport,
    minutes: f64,
    km: Option<f64>,
    rpe: Option<f64>,
}

fn check_range(field: &str, v: f64, lo: f64, hi: f64) -> anyhow::Result<()> {
    if !v.is_finite() || v < lo || v > hi {
        bail!("{field}: {v} is outside {lo} to {hi}");
    }
    Ok(())
}

fn parse_run(
    run_type: &str,
    duration: &str,
    distance: Option<&str>,
    rpe: Option<f64>,
    sport: Option<&str>,
) -> anyhow::Result<RunEntry> {
    let loggable = || {
        RunType::ids()
            .into_iter()
            .filter(|id| *id != "rest")
            .collect::<Vec<_>>()
            .join(", ")
    };
    let rt: RunType = match run_type.parse() {
        Ok(RunType::Rest) => {
            bail!(
                "TYPE: `rest` is not something to log; expected one of {}",
                loggable()
            )
        }
        Ok(rt) => rt,
        Err(_) => bail!("TYPE `{run_type}`: expected one of {}", loggable()),
    };
    let minutes = match keel_profile::parse_amount(duration) {
        Ok(keel_profile::Amount::Minutes(m)) => m,
        Ok(keel_profile::Amount::Km(_)) => {
            bail!("DURATION `{duration}` is a distance; expected a duration like 45min or 1h15 (give the distance with --distance)")
        }
        Err(e) => bail!("DURATION `{duration}`: {e}"),
    };
    check_range("DURATION (minutes)", minutes, 1.0, 48.0 * 60.0)?;
    let km = match distance {
        None => None,
        Some(d) => match keel_profile::parse_amount(d) {
            Ok(keel_profile::Amount::Km(km)) => Some(km),
            Ok(keel_profile::Amount::Minutes(_)) => {
                bail!("--distance `{d}` is a duration; expected a distance like 10km or 6.2mi")
            }
            Err(e) => bail!("--distance `{d}`: {e}"),
        },
    };
    if let Some(km) = km {
        check_range("--distance (km)", km, 0.01, 500.0)?;
    }
    if let Some(rpe) = rpe {
        check_range("--rpe", rpe, 1.0, 10.0)?;
    }
    let sport = match sport {
        Some(s) => s.parse().map_err(|e| anyhow::anyhow!("--sport: {e}"))?,
        None if rt == RunType::Cross => Sport::Other,
        None => Sport::Run,
    };
    Ok(RunEntry {
        run_type: rt,
        sport,
        minutes,
        km,
        rpe,
    })
}

/// `YYYY-MM-DD`, `today` or `yesterday`.
fn parse_date(field: &str, s: Option<&str>, today: Date) -> anyhow::Result<Date> {
    match s {
        None | Some("today") => Ok(today),
        Some("yesterday") => today
            .yesterday()
            .map_err(|e| anyhow::anyhow!("{field}: {e}")),
        Some(s) => s.parse::<Date>().map_err(|e| {
            anyhow::anyhow!(
                "{field} `{s}`: expected a date as YYYY-MM-DD, `today` or `yesterday` ({e})"
            )
        }),
    }
}

/// The library id for a name from another app (`Goblet Squat`, `Squat (Barbell)`), when
/// the exercise library knows it.
pub(crate) fn library_id(name: &str) -> Option<String> {
    keel_core::exercises::match_name(name).map(|e| e.id.to_string())
}

/// What `keel log lift` makes of an exercise argument.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ExerciseName {
    /// A library id, as given.
    Library(String),
    /// A name the library recognised under this id.
    Matched(String),
    /// A kebab-case id the library does not know: kept, with the closest id, if any.
    Custom(String, Option<&'static str>),
}

impl ExerciseName {
    fn id(&self) -> &str {
        match self {
            ExerciseName::Library(id) | ExerciseName::Matched(id) | ExerciseName::Custom(id, _) => {
                id
            }
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

/// Library ids are taken as they are; other names are matched against the library's names
/// and aliases; an unknown kebab-case id is kept as a custom exercise.
fn resolve_exercise(name: &str) -> anyhow::Result<ExerciseName> {
    if keel_core::exercises::find(name).is_some() {
        return Ok(ExerciseName::Library(name.to_string()));
    }
    if let Some(id) = library_id(name) {
        return Ok(ExerciseName::Matched(id));
    }
    if is_kebab(name) {
        return Ok(ExerciseName::Custom(name.to_string(), closest_id(name)));
    }
    let suggestion: String = name
        .trim()
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if suggestion.is_empty() {
        bail!("EXERCISE `{name}`: expected an exercise id like goblet-squat");
    }
    bail!("EXERCISE `{name}`: not in the exercise library; expected an id like goblet-squat, or a kebab-case name such as `{suggestion}` for your own exercise")
}

/// `SETSxREPS[@LOAD]` into sets: `3x10@16kg`, `2x8@35lb`, `3x12`.
fn parse_group(exercise: &str, group: &str) -> anyhow::Result<Vec<LoggedSet>> {
    const EXPECTED: &str = "expected SETSxREPS[@LOAD] like 3x10@16kg, 2x8@35lb or 3x12";
    let g = group.trim().to_ascii_lowercase();
    let (counts, load) = match g.split_once('@') {
        Some((c, l)) => (c, Some(l)),
        None => (g.as_str(), None),
    };
    let Some((sets, reps)) = counts.split_once(['x', '*']) else {
        bail!("SETSxREPS `{group}`: {EXPECTED}");
    };
    let sets: u32 = sets.parse().map_err(|_| {
        anyhow::anyhow!("SETSxREPS `{group}`: `{sets}` is not a number of sets; {EXPECTED}")
    })?;
    let reps: u32 = reps.parse().map_err(|_| {
        anyhow::anyhow!("SETSxREPS `{group}`: `{reps}` is not a number of reps; {EXPECTED}")
    })?;
    if !(1..=20).contains(&sets) {
        bail!("SETSxREPS `{group}`: {sets} sets; expected 1 to 20 in one group");
    }
    if !(1..=100).contains(&reps) {
        bail!("SETSxREPS `{group}`: {reps} reps; expected 1 to 100");
    }
    let weight_kg = match load {
        None | Some("bw") => None,
        Some(l) => {
            let (num, factor) = if let Some(n) = l.strip_suffix("kg") {
                (n, 1.0)
            } else if let Some(n) = l.strip_suffix("lbs").or_else(|| l.strip_suffix("lb")) {
                (n, KG_PER_LB)
            } else {
                bail!("LOAD `{l}` in `{group}`: expected a load with its unit, like 16kg or 35lb");
            };
            let v: f64 = num
                .parse()
                .map_err(|_| anyhow::anyhow!("LOAD `{l}` in `{group}`: `{num}` is not a number"))?;
            if !v.is_finite() || v <= 0.0 || v * factor > 500.0 {
                bail!("LOAD `{l}` in `{group}`: expected more than 0 and at most 500 kg");
            }
            // Keep grams, not the float noise of the pound conversion.
            Some((v * factor * 1000.0).round() / 1000.0)
        }
    };
    Ok((0..sets)
        .map(|_| LoggedSet {
            exercise: exercise.to_string(),
            order: 0,
            weight_kg,
            reps: Some(reps),
            rpe: None,
            rir: None,
            set_type: SetType::Normal,
            duration_s: None,
        })
        .collect())
}

fn log_run(
    global: &Global,
    run: RunEntry,
    date: Date,
    today: Date,
    tz: &TimeZone,
) -> anyhow::Result<ExitCode> {
    let secs = run.minutes * 60.0;
    // A run logged for today just finished; any other day gets noon, which is unambiguous.
    let start = if date == today {
        let midnight = date.to_zoned(tz.clone())?.timestamp();
        let ago = Timestamp::now()
            .checked_sub(jiff::SignedDuration::from_secs_f64(secs))
            .unwrap_or(midnight);
        ago.max(midnight)
    } else {
        date.at(12, 0, 0, 0).to_zoned(tz.clone())?.timestamp()
    };
    let activity = Activity {
        source: "manual".into(),
        sport: run.sport,
        name: None,
        start,
        elapsed_s: secs,
        moving_s: Some(secs),
        distance_m: run.km.map(|km| km * 1000.0),
        elevation_gain_m: None,
        avg_hr: None,
        max_hr: None,
        avg_cadence: None,
        avg_power_w: None,
        rpe: run.rpe,
        run_type: Some(run.run_type),
        samples: Vec::new(),
        laps: Vec::new(),
        partial: None,
    };
    let mut store = global.open_store()?;
    let id = store
        .insert_activity(&activity, None)
        .context("storing the run")?
        .id();
    let mut msg = format!(
        "Logged run #{id} on {date}: {} {}",
        run.run_type,
        minutes_text(run.minutes)
    );
    if let Some(km) = run.km {
        let _ = write!(msg, ", {km:.2} km");
    }
    if let Some(rpe) = run.rpe {
        let _ = write!(msg, ", RPE {rpe}");
    }
    println!("{msg}");
    Ok(ExitCode::SUCCESS)
}

fn log_lift(
    global: &Global,
    exercise: &str,
    sets: Vec<LoggedSet>,
    date: Date,
    name: Option<String>,
) -> anyhow::Result<ExitCode> {
    let mut store = global.open_store()?;
    let n = sets.len();
    // Lifts logged by hand on one day form one session, as they would in an app.
    let existing = store
        .workouts(date, date)
        .context("reading the day's workouts")?
        .into_iter()
        .rfind(|w| {
            w.workout.source == "manual" && name.as_ref().is_none_or(|n| &w.workout.name == n)
        });
    let id = match existing {
        Some(w) => {
            store.append_sets(w.id, &sets).context("storing the sets")?;
            w.id
        }
        None => {
            let workout = StrengthWorkout {
                source: "manual".into(),
                date,
                start: None,
                name: name.unwrap_or_else(|| "Strength".into()),
                duration_s: None,
                rpe: None,
                notes: None,
                sets,
            };
            store
                .insert_workout(&workout)
                .context("storing the workout")?
                .id()
        }
    };
    println!(
        "Logged {n} set{} of {exercise} on {date} (session #{id}).",
        if n == 1 { "" } else { "s" }
    );
    Ok(ExitCode::SUCCESS)
}

fn minutes_text(m: f64) -> String {
    let secs = (m * 60.0).round() as i64;
    let (h, rest) = (secs / 3600, secs % 3600);
    if h > 0 {
        format!("{h}:{:02}:{:02}", rest / 60, rest % 60)
    } else {
        format!("{}:{:02}", rest / 60, rest % 60)
    }
}

#[derive(Serialize)]
struct LogJson {
    schema: &'static str,
    activities: Vec<ActivityJson>,
    strength: Vec<StrengthJson>,
}

#[derive(Serialize)]
struct ActivityJson {
    id: i64,
    source: String,
    sport: Sport,
    start: Timestamp,
    elapsed_s: f64,
    moving_s: Option<f64>,
    distance_m: Option<f64>,
    avg_hr: Option<u16>,
    records: usize,
    partial: Option<String>,
}

#[derive(Serialize)]
struct StrengthJson {
    id: i64,
    date: Date,
    name: String,
    sets: Vec<SetJson>,
}

#[derive(Serialize)]
struct SetJson {
    exercise: String,
    weight_kg: Option<f64>,
    reps: Option<u32>,
    rir: Option<f64>,
    #[serde(rename = "type")]
    set_type: SetType,
}

fn to_json(activities: &[StoredActivity], workouts: &[StoredWorkout]) -> LogJson {
    LogJson {
        schema: "keel.log/1",
        activities: activities
            .iter()
            .map(|s| ActivityJson {
                id: s.id,
                source: s.activity.source.clone(),
                sport: s.activity.sport,
                start: s.activity.start,
                elapsed_s: s.activity.elapsed_s,
                moving_s: s.activity.moving_s,
                distance_m: s.activity.distance_m,
                avg_hr: s.activity.avg_hr,
                records: s.sample_count,
                partial: s.activity.partial.clone(),
            })
            .collect(),
        strength: workouts
            .iter()
            .map(|w| StrengthJson {
                id: w.id,
                date: w.workout.date,
                name: w.workout.name.clone(),
                sets: w
                    .workout
                    .sets
                    .iter()
                    .map(|s| SetJson {
                        exercise: s.exercise.clone(),
                        weight_kg: s.weight_kg,
                        reps: s.reps,
                        rir: s.rir,
                        set_type: s.set_type,
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn list(global: &Global, since: Date, format: Format, tz: &TimeZone) -> anyhow::Result<ExitCode> {
    let (activities, workouts) = match global.open_existing_store()? {
        None => (Vec::new(), Vec::new()),
        Some(store) => {
            let from = since.to_zoned(tz.clone())?.timestamp();
            let a = store
                .activities(from, Timestamp::MAX, false)
                .context("reading activities")?;
            let w = store
                .workouts(since, Date::MAX)
                .context("reading strength workouts")?;
            (a, w)
        }
    };
    let mut out = String::new();
    match format {
        Format::Json => {
            out = serde_json::to_string_pretty(&to_json(&activities, &workouts))?;
            out.push('\n');
        }
        Format::Text => render_text(&mut out, &activities, &workouts, since, tz),
    }
    use std::io::Write;
    let mut stdout = super::stdout();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn render_text(
    out: &mut String,
    activities: &[StoredActivity],
    workouts: &[StoredWorkout],
    since: Date,
    tz: &TimeZone,
) {
    if activities.is_empty() && workouts.is_empty() {
        let _ = writeln!(out, "Nothing logged since {since}.");
        return;
    }
    if !activities.is_empty() {
        let _ = writeln!(out, "Activities since {since}:");
        for s in activities {
            let a = &s.activity;
            let when = a.start.to_zoned(tz.clone()).strftime("%Y-%m-%d %H:%M");
            let kind = match a.run_type {
                Some(rt) => format!("{} ({rt})", a.sport),
                None => a.sport.to_string(),
            };
            let mut line = format!(
                "  #{:<5} {when}  {kind:<18} {:>8}",
                s.id,
                minutes_text(a.elapsed_s / 60.0)
            );
            match a.distance_m {
                Some(d) => {
                    let _ = write!(line, " {:>8.2} km", d / 1000.0);
                }
                None => line.push_str("            "),
            }
            if let Some(hr) = a.avg_hr {
                let _ = write!(line, "  HR {hr}");
            }
            if let Some(rpe) = a.rpe {
                let _ = write!(line, "  RPE {rpe}");
            }
            if let Some(name) = &a.name {
                let _ = write!(line, "  \"{name}\"");
            }
            let _ = write!(line, "  [{}]", a.source);
            if let Some(p) = &a.partial {
                let _ = write!(line, "  partial: {p}");
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    if !workouts.is_empty() {
        let _ = writeln!(out, "Strength since {since}:");
        for w in workouts {
            let _ = writeln!(
                out,
                "  #{:<5} {}  {}: {}",
                w.id,
                w.workout.date,
                w.workout.name,
                summarize_sets(&w.workout.sets)
            );
        }
    }
}

/// Consecutive identical sets as `exercise 3x10@16kg`, exercises separated by commas.
fn summarize_sets(sets: &[LoggedSet]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < sets.len() {
        let s = &sets[i];
        let mut groups = Vec::new();
        let mut j = i;
        while j < sets.len() && sets[j].exercise == s.exercise {
            let g = &sets[j];
            let mut k = j;
            while k < sets.len()
                && sets[k].exercise == g.exercise
                && sets[k].reps == g.reps
                && sets[k].weight_kg == g.weight_kg
            {
                k += 1;
            }
            let reps = g.reps.map_or("?".to_string(), |r| r.to_string());
            let load = g
                .weight_kg
                .map_or(String::new(), |w| format!("@{}kg", trim_num(w)));
            groups.push(format!("{}x{reps}{load}", k - j));
            j = k;
        }
        parts.push(format!("{} {}", s.exercise, groups.join(" ")));
        i = j;
    }
    if parts.is_empty() {
        "no sets".into()
    } else {
        parts.join(", ")
    }
}

fn trim_num(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use keel_core::model::KM_PER_MILE;

    #[test]
    fn set_groups_parse_with_units() {
        let s = parse_group("goblet-squat", "3x10@16kg").unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!((s[0].reps, s[0].weight_kg), (Some(10), Some(16.0)));
        let s = parse_group("goblet-squat", "1x8@35lb").unwrap();
        assert_eq!(s[0].weight_kg, Some(15.876));
        let s = parse_group("push-up", "3x12").unwrap();
        assert_eq!((s.len(), s[0].weight_kg), (3, None));
        let s = parse_group("push-up", "2X5@20.5KG").unwrap();
        assert_eq!(s[1].weight_kg, Some(20.5));
    }

    #[test]
    fn bad_set_groups_name_the_part() {
        for (g, needle) in [
            ("3x", "is not a number of reps"),
            ("x10", "is not a number of sets"),
            ("3x10@16", "with its unit"),
            ("3x10@-2kg", "more than 0"),
            ("0x10", "expected 1 to 20"),
            ("310", "expected SETSxREPS"),
            ("3x10@abckg", "is not a number"),
        ] {
            let err = parse_group("x", g).unwrap_err().to_string();
            assert!(err.contains(needle), "{g}: {err}");
        }
    }

    #[test]
    fn runs_validate_each_field() {
        let r = parse_run("tempo", "45min", Some("10km"), Some(7.0), None).unwrap();
        assert_eq!((r.minutes, r.km, r.sport), (45.0, Some(10.0), Sport::Run));
        let r = parse_run("long", "1:30", Some("10mi"), None, Some("trail-run")).unwrap();
        assert_eq!(r.minutes, 90.0);
        assert!((r.km.unwrap() - 10.0 * KM_PER_MILE).abs() < 1e-9);
        for (args, needle) in [
            (("jog", "45min", None, None), "TYPE"),
            (
                ("easy", "10km", None, None),
                "DURATION `10km` is a distance",
            ),
            (("easy", "45", None, None), "DURATION"),
            (
                ("easy", "45min", Some("30min"), None),
                "--distance `30min` is a duration",
            ),
            (("easy", "45min", None, Some(11.0)), "--rpe"),
            (("rest", "45min", None, None), "TYPE: `rest`"),
        ] {
            let err = parse_run(args.0, args.1, args.2, args.3, None)
                .unwrap_err()
                .to_string();
            assert!(err.contains(needle), "{args:?}: {err}");
        }
    }

    #[test]
    fn exercises_resolve_to_library_ids() {
        let r = |s: &str| resolve_exercise(s).unwrap();
        assert_eq!(
            r("goblet-squat"),
            ExerciseName::Library("goblet-squat".into())
        );
        assert_eq!(
            r("Goblet Squat"),
            ExerciseName::Matched("goblet-squat".into())
        );
        assert_eq!(
            r("Romanian Deadlift (Dumbbell)"),
            ExerciseName::Matched("romanian-deadlift".into())
        );
        assert_eq!(
            r("goblet-sqaut"),
            ExerciseName::Custom("goblet-sqaut".into(), Some("goblet-squat"))
        );
        assert_eq!(
            r("zercher-carry"),
            ExerciseName::Custom("zercher-carry".into(), None)
        );
        let err = resolve_exercise("Zercher Carry").unwrap_err().to_string();
        assert!(err.contains("`zercher-carry`"), "{err}");
        assert!(resolve_exercise("a--b").is_err());
    }

    #[test]
    fn sets_summarise_in_groups() {
        let mut sets = parse_group("goblet-squat", "3x10@16kg").unwrap();
        sets.extend(parse_group("goblet-squat", "1x8@18kg").unwrap());
        sets.extend(parse_group("push-up", "2x12").unwrap());
        assert_eq!(
            summarize_sets(&sets),
            "goblet-squat 3x10@16kg 1x8@18kg, push-up 2x12"
        );
    }
}
