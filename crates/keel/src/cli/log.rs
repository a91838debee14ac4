//! `keel log run|lift|list`: log training by hand and list what the log holds.

use crate::settings::{self, Global};
use anyhow::Context;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use keel_app::log::{self, LiftInput, RunInput};
use keel_app::plan::ProfileSource;
use keel_app::text;
use keel_core::activity::{LoggedSet, SetType, Sport};
use keel_store::{SqliteStore, Store, StoredActivity, StoredWorkout};
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

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

/// What to log. Values are checked by keel's one set of logging rules, the same the web
/// app's forms use (see the README).
#[derive(Debug, clap::Subcommand)]
pub enum LogCommand {
    /// Log a run: `keel log run tempo 45min --distance 10km --rpe 7`.
    Run {
        /// Run type: easy, recovery, intervals, tempo, hills, long, race, cross.
        #[arg(value_name = "TYPE")]
        run_type: String,
        /// Duration: `45min`, `1h15`, `1:15` (1 min to 48 h).
        duration: String,
        /// Distance: `10km`, `6.2mi` (up to 500 km).
        #[arg(long)]
        distance: Option<String>,
        /// Session RPE, 1 (very easy) to 10 (maximal).
        #[arg(long)]
        rpe: Option<String>,
        /// Local date (YYYY-MM-DD, `today`, `yesterday`); default today, never later.
        #[arg(long)]
        date: Option<String>,
        /// Sport when not a road run: run, trail-run, treadmill, walk, ride, swim, other.
        #[arg(long)]
        sport: Option<String>,
    },
    /// Log lifting sets: `keel log lift goblet-squat 3x10@16kg 1x8@18kg`.
    Lift {
        /// Exercise: a library id (goblet-squat), a name the library knows, or your own
        /// kebab-case id.
        exercise: String,
        /// Set groups SETSxREPS[@LOAD]: `3x10@16kg`, `2x8@35lb`, `3x12` (bodyweight).
        #[arg(value_name = "SETSxREPS@LOAD", required = true)]
        groups: Vec<String>,
        /// Reps in reserve for these sets (0 = failure).
        #[arg(long, allow_hyphen_values = true)]
        rir: Option<String>,
        /// RPE of these sets, 1 to 10.
        #[arg(long)]
        rpe: Option<String>,
        /// Local date (YYYY-MM-DD, `today`, `yesterday`); default today, never later.
        #[arg(long)]
        date: Option<String>,
        /// Session name: lifts of a day join its session (`Strength`) unless a name starts
        /// or picks another.
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
        // The runner's day: in the stored profile's time zone, else the system's.
        let clock = settings::clock();
        let existing = global.open_existing_store()?;
        let local = keel_app::clock::local_for(existing.as_ref(), &ProfileSource::Stored, &clock)?;
        match self.command {
            LogCommand::Run {
                run_type,
                duration,
                distance,
                rpe,
                date,
                sport,
            } => {
                let input = RunInput {
                    date: date.unwrap_or_default(),
                    run_type,
                    duration,
                    distance: distance.unwrap_or_default(),
                    rpe: rpe.unwrap_or_default(),
                    sport: sport.unwrap_or_default(),
                };
                let run = log::run_from_input(&input, &local)?;
                drop(existing);
                let mut store = global.open_store()?;
                let id = log::log_run(&mut store, &run).context("storing the run")?;
                let date = run.start.to_zoned(local.tz.clone()).date();
                let mut msg = format!(
                    "Logged run #{id} on {date}: {} {}",
                    run.run_type.map_or(String::new(), |t| t.to_string()),
                    minutes_text(run.elapsed_s / 60.0)
                );
                if let Some(m) = run.distance_m {
                    let _ = write!(msg, ", {:.2} km", m / 1000.0);
                }
                if let Some(rpe) = run.rpe {
                    let _ = write!(msg, ", RPE {rpe}");
                }
                let mut out = super::stdout();
                writeln!(out, "{msg}")?;
                out.flush()?;
                Ok(ExitCode::SUCCESS)
            }
            LogCommand::Lift {
                exercise,
                groups,
                rir,
                rpe,
                date,
                name,
            } => {
                let aliases = match &existing {
                    Some(s) => keel_app::import::exercise_aliases(s).unwrap_or_default(),
                    None => Vec::new(),
                };
                let input = LiftInput {
                    date: date.unwrap_or_default(),
                    exercise: exercise.clone(),
                    sets: groups.join(" "),
                    rir: rir.unwrap_or_default(),
                    rpe: rpe.unwrap_or_default(),
                    name: name.unwrap_or_default(),
                };
                let lift = log::lift_from_input(&input, &local, &aliases)?;
                if let Some(note) = lift.exercise.note(&exercise) {
                    eprintln!("keel: {}", text::line(&note));
                }
                drop(existing);
                let mut store = global.open_store()?;
                let logged = log::log_lift(&mut store, &lift).context("storing the sets")?;
                let n = lift.sets.len();
                let mut out = super::stdout();
                writeln!(
                    out,
                    "Logged {n} set{} of {} on {} (session #{}).",
                    if n == 1 { "" } else { "s" },
                    lift.exercise.id(),
                    lift.date,
                    logged.workout
                )?;
                out.flush()?;
                Ok(ExitCode::SUCCESS)
            }
            LogCommand::List { since, format } => {
                let today = local.today;
                let since = match since.as_deref().map(str::trim) {
                    None => today
                        .checked_sub(jiff::Span::new().days(28))
                        .unwrap_or(today),
                    Some("today") => today,
                    Some("yesterday") => today.yesterday()?,
                    Some(s) => keel_app::clock::parse_date(s)
                        .map_err(|e| anyhow::anyhow!("--since `{s}`: {e}"))?,
                };
                list(existing, since, format, &local.tz)
            }
        }
    }
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

fn list(
    store: Option<SqliteStore>,
    since: Date,
    format: Format,
    tz: &TimeZone,
) -> anyhow::Result<ExitCode> {
    let (activities, workouts) = match store {
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
                let _ = write!(line, "  \"{}\"", text::line(name));
            }
            let _ = write!(line, "  [{}]", text::line(&a.source));
            if let Some(p) = &a.partial {
                let _ = write!(line, "  partial: {}", text::line(p));
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
                text::line(&w.workout.name),
                text::line(&summarize_sets(&w.workout.sets))
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

    fn sets(exercise: &str, groups: &str) -> Vec<LoggedSet> {
        keel_app::log::parse_sets(groups)
            .unwrap()
            .into_iter()
            .flat_map(|(n, reps, kg)| {
                (0..n).map(move |_| LoggedSet {
                    exercise: exercise.to_string(),
                    order: 0,
                    weight_kg: kg,
                    reps: Some(reps),
                    rpe: None,
                    rir: None,
                    set_type: SetType::Normal,
                    duration_s: None,
                })
            })
            .collect()
    }

    #[test]
    fn sets_summarise_in_groups() {
        let mut s = sets("goblet-squat", "3x10@16kg 1x8@18kg");
        s.extend(sets("push-up", "2x12"));
        assert_eq!(
            summarize_sets(&s),
            "goblet-squat 3x10@16kg 1x8@18kg, push-up 2x12"
        );
    }
}
