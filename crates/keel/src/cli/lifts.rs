//! `keel lifts`: estimated one-rep max per lift over time (Epley, with Brzycki alongside),
//! only from working sets of 1 to 10 reps with a weight. The estimates come from
//! `keel_core::load`; this file only fetches and prints.

use super::load::{local, sparkline, stored_profile, Format, EARLIEST};
use crate::settings::Global;
use anyhow::Context;
use comfy_table::{presets, CellAlignment, Table};
use jiff::civil::Date;
use keel_core::load::{e1rm_by_exercise, E1rmPoint};
use keel_store::Store;
use std::io::Write;
use std::process::ExitCode;

/// Sessions drawn in the trend column.
const TREND_SESSIONS: usize = 24;

/// JSON schema id of `keel lifts --format json`.
pub const LIFTS_SCHEMA: &str = "keel.lifts/1";

/// Show estimated 1RM per lift over time (Epley; only sets of 10 reps or fewer count).
#[derive(Debug, clap::Args)]
pub struct LiftsArgs {
    /// Only these lifts (repeatable); with one or more, each lift's history is listed in full.
    #[arg(long = "exercise", value_name = "NAME")]
    pub exercises: Vec<String>,
    /// First day looked at (YYYY-MM-DD; default: the whole log).
    #[arg(long, value_name = "DATE", value_parser = crate::settings::date_arg)]
    pub since: Option<Date>,
    /// Last day looked at (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE", value_parser = crate::settings::date_arg)]
    pub date: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(serde::Serialize)]
struct LiftsDoc<'a> {
    schema: &'static str,
    from: Option<Date>,
    to: Date,
    lifts: Vec<Lift<'a>>,
}

#[derive(serde::Serialize)]
struct Lift<'a> {
    exercise: &'a str,
    points: &'a [E1rmPoint],
}

impl LiftsArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        // Reading never creates the database: no database is an empty log.
        let store = global.open_existing_store()?;
        let profile = store.as_ref().map(stored_profile).transpose()?.flatten();
        let to = self.date.unwrap_or(local(profile.as_ref())?.today);
        let from = self.since.unwrap_or(EARLIEST);
        if from > to {
            anyhow::bail!("--since {from} is after the last day {to}");
        }
        let workouts: Vec<_> = match &store {
            Some(store) => store
                .workouts(from, to)
                .context("cannot read strength workouts from the training log")?
                .into_iter()
                .map(|s| s.workout)
                .collect(),
            None => Vec::new(),
        };
        let all = e1rm_by_exercise(&workouts);
        for name in &self.exercises {
            if !all.contains_key(name) {
                let known: Vec<&str> = all.keys().map(String::as_str).collect();
                let hint = match keel_profile::closest(name, &known) {
                    Some(c) => format!(" (did you mean `{c}`?)"),
                    None if known.is_empty() => String::new(),
                    None => format!(" (lifts with estimates: {})", known.join(", ")),
                };
                anyhow::bail!(
                    "no sets of 1-10 reps with a weight logged for `{name}` up to {to}{hint}"
                );
            }
        }
        let lifts: Vec<Lift<'_>> = all
            .iter()
            .filter(|(name, _)| self.exercises.is_empty() || self.exercises.contains(name))
            .map(|(name, points)| Lift {
                exercise: name,
                points,
            })
            .collect();

        let mut out = super::stdout();
        match self.format {
            Format::Json => {
                let doc = LiftsDoc {
                    schema: LIFTS_SCHEMA,
                    from: self.since,
                    to,
                    lifts,
                };
                serde_json::to_writer_pretty(&mut out, &doc)?;
                writeln!(out)?;
            }
            Format::Text => {
                out.write_all(render_text(&lifts, !self.exercises.is_empty(), to).as_bytes())?;
            }
        }
        out.flush()?;
        Ok(ExitCode::SUCCESS)
    }
}

fn table() -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t
}

fn kg(v: f64) -> String {
    format!("{v:.1}")
}

/// The text report: one summary row per lift with a sparkline, and each lift's history in
/// full when `detail`.
fn render_text(lifts: &[Lift<'_>], detail: bool, to: Date) -> String {
    let mut o = String::from(
        "Estimated 1RM in kg (Epley: weight x (1 + reps/30)), best working set per session, \
         only sets of 1-10 reps\n",
    );
    if lifts.is_empty() {
        o.push_str(&format!(
            "\nNo working sets of 1-10 reps with a weight logged up to {to}: log lifts with \
             `keel log lift` or import Strong/Hevy exports with `keel import`.\n"
        ));
        return o;
    }
    let mut t = table();
    t.set_header(vec![
        "Lift",
        "Sessions",
        "Trend (last 24)",
        "First",
        "Latest",
        "Best",
        "Change",
        "Since",
    ]);
    for lift in lifts {
        let p = lift.points;
        let (Some(first), Some(latest)) = (p.first(), p.last()) else {
            continue;
        };
        let best = p.iter().map(|x| x.e1rm_kg).fold(0.0, f64::max);
        // The most recent sessions only, so that a long history keeps the table narrow.
        let recent = &p[p.len().saturating_sub(TREND_SESSIONS)..];
        let spark = sparkline(
            &recent.iter().map(|x| Some(x.e1rm_kg)).collect::<Vec<_>>(),
            false,
        );
        t.add_row(vec![
            keel_app::text::line(lift.exercise).into_owned(),
            p.len().to_string(),
            spark,
            kg(first.e1rm_kg),
            kg(latest.e1rm_kg),
            kg(best),
            format!("{:+.1}%", (latest.e1rm_kg / first.e1rm_kg - 1.0) * 100.0),
            first.date.to_string(),
        ]);
    }
    for i in [1, 3, 4, 5, 6] {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    o.push_str(&format!("\n{t}\n"));

    if detail {
        for lift in lifts {
            let mut t = table();
            t.set_header(vec!["Date", "Best set", "Epley", "Brzycki"]);
            for p in lift.points {
                t.add_row(vec![
                    p.date.to_string(),
                    format!("{} kg x {}", trim(p.weight_kg), p.reps),
                    kg(p.e1rm_kg),
                    kg(p.brzycki_kg),
                ]);
            }
            for i in 1..4 {
                if let Some(c) = t.column_mut(i) {
                    c.set_cell_alignment(CellAlignment::Right);
                }
            }
            o.push_str(&format!("\n{}\n{t}\n", keel_app::text::line(lift.exercise)));
        }
    }
    o.push_str(
        "\nEstimates above 10 reps are not shown: they stop tracking the true maximum \
         (Reynolds 2006). Warm-up and drop sets do not count.\n",
    );
    o
}

fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trend_draws_only_the_last_24_sessions() {
        let start: Date = "2025-01-01".parse().unwrap();
        let points: Vec<E1rmPoint> = (0..30i64)
            .map(|i| E1rmPoint {
                date: start.saturating_add(jiff::Span::new().days(i)),
                e1rm_kg: 50.0 + i as f64,
                brzycki_kg: 50.0,
                weight_kg: 40.0,
                reps: 8,
            })
            .collect();
        let lifts = [Lift {
            exercise: "squat",
            points: &points,
        }];
        let text = render_text(&lifts, false, start);
        let row = text.lines().find(|l| l.contains("squat")).unwrap();
        let marks = row.chars().filter(|c| ('▁'..='█').contains(c)).count();
        assert_eq!(marks, 24, "{row}");
        // First and latest still span the whole history: 50 -> 79 (+58%).
        assert!(row.contains("50.0") && row.contains("79.0") && row.contains("+58.0%"));
    }
}
