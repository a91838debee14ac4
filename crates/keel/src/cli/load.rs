//! `keel load`: training load from the log, per day and per week: session-RPE load with where
//! each RPE came from, running distance and time, monotony and strain, the acute:chronic
//! ratio (hidden for the first 28 days of data, always with its caveat), and fitness,
//! fatigue and form. The numbers come from `keel_core::load`; this file only fetches and
//! prints.

use crate::settings::Global;
use anyhow::Context;
use comfy_table::{presets, CellAlignment, Table};
use jiff::civil::Date;
use jiff::ToSpan;
use keel_core::load::{self, LoadSeries, LoadSource, SessionLoad};
use keel_core::model::{Profile, Units, KM_PER_MILE};
use keel_core::text::capitalise;
use keel_store::Store;
use std::io::Write;
use std::process::ExitCode;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Charts and tables for people.
    Text,
    /// One JSON document.
    Json,
}

/// Days shown one by one in the text output (the JSON has every day).
const TEXT_DAYS: usize = 14;

/// Show training load per day and week: session-RPE load and its source, running distance
/// and time, monotony and strain, acute:chronic ratio, fitness, fatigue and form.
#[derive(Debug, clap::Args)]
pub struct LoadArgs {
    /// Weeks to show, ending with the week of the date.
    #[arg(long, value_name = "N", default_value_t = 6,
        value_parser = clap::value_parser!(u32).range(1..=520))]
    pub weeks: u32,
    /// Last day shown (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE", value_parser = crate::settings::date_arg)]
    pub date: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

impl LoadArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        // Reading never creates the database: no database is an empty log.
        let store = global.open_existing_store()?;
        let profile = store.as_ref().map(stored_profile).transpose()?.flatten();
        let local = local(profile.as_ref())?;
        let (tz, to) = (local.tz.clone(), self.date.unwrap_or(local.today));
        let series = keel_app::load::series(store.as_ref(), profile.as_ref(), &tz, to, self.weeks)
            .context("cannot read the training log")?;
        let compliance = match &store {
            Some(s) => keel_app::load::compliance(s, local.today, to, &tz)?,
            None => None,
        };

        let mut out = super::stdout();
        match self.format {
            Format::Json => {
                keel_app::load::write_load_json(&series, compliance.as_ref(), &mut out)?
            }
            Format::Text => {
                let units = profile.as_ref().map_or(Units::Km, |p| p.athlete.units);
                let mut text = render_text(&series, units, self.weeks);
                if let Some(c) = &compliance {
                    // After the heading line: how many planned strength sessions were done.
                    let at = text.find('\n').map_or(text.len(), |i| i + 1);
                    text.insert_str(at, &format!("{}\n", c.line()));
                }
                out.write_all(text.as_bytes())?;
            }
        }
        out.flush()?;
        Ok(ExitCode::SUCCESS)
    }
}

pub(crate) use keel_app::load::EARLIEST;

/// The stored profile, validated by this keel; a profile that no longer validates is
/// reported and ignored (heart-rate estimates then fall back to run-type defaults).
pub(crate) fn stored_profile(store: &impl Store) -> anyhow::Result<Option<Profile>> {
    let Some(stored) = store
        .latest_profile()
        .context("cannot read the stored profile")?
    else {
        return Ok(None);
    };
    match keel_profile::parse_profile(&stored.source, &stored.toml) {
        Ok(p) => Ok(Some(p)),
        Err(e) => {
            eprintln!("keel: warning: the stored profile no longer validates, ignoring it: {e}");
            Ok(None)
        }
    }
}

/// The profile's time zone when it names one, else the system's (`TZ`), and today there:
/// keel-app's one rule.
pub(crate) fn local(profile: Option<&Profile>) -> anyhow::Result<keel_app::clock::Local> {
    let clock = crate::settings::clock();
    let tz = keel_app::clock::time_zone(profile, clock.system_tz())?;
    Ok(clock.local(tz))
}

/// A sparkline: one mark per value scaled between the smallest and largest, `·` for a
/// missing value, a blank for an exact zero when `blank_zero`.
pub(crate) fn sparkline(values: &[Option<f64>], blank_zero: bool) -> String {
    const MARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let known: Vec<f64> = values
        .iter()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    let lo = known.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = known.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    values
        .iter()
        .map(|v| match v {
            Some(x) if x.is_finite() => {
                if blank_zero && *x == 0.0 {
                    ' '
                } else if hi - lo < 1e-9 {
                    MARKS[3]
                } else {
                    let i = ((x - lo) / (hi - lo) * 7.0).round() as usize;
                    MARKS[i.min(7)]
                }
            }
            _ => '·',
        })
        .collect()
}

/// A horizontal bar `width` cells wide at `max`, in eighths of a cell.
pub(crate) fn bar(value: f64, max: f64, width: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    if !(value.is_finite() && max.is_finite() && max > 0.0 && value > 0.0) {
        return String::new();
    }
    let eighths = ((value / max).min(1.0) * (width * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        s.push(EIGHTHS[eighths % 8]);
    }
    s
}

fn table() -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t
}

fn right(t: &mut Table, from: usize) {
    let n = t.column_count();
    for i in from..n {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
}

fn opt(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| "-".to_string(), |x| format!("{x:.decimals$}"))
}

fn distance(km: f64, units: Units) -> String {
    match units {
        Units::Km => format!("{km:.1}"),
        Units::Mi => format!("{:.1}", km / KM_PER_MILE),
    }
}

fn hours(minutes: f64) -> String {
    let m = minutes.round() as i64;
    format!("{}:{:02}", m / 60, m % 60)
}

fn session_line(s: &SessionLoad) -> String {
    let what = match (s.sport.is_running(), s.run_type, &s.name) {
        (_, Some(t), _) => format!("{} {t}", s.sport),
        (false, None, Some(n)) if s.sport.as_str() == "strength" => {
            format!("strength \"{}\"", keel_app::text::line(n))
        }
        _ => s.sport.to_string(),
    };
    let minutes = if s.minutes_estimated {
        format!("~{:.0} min (from sets)", s.minutes)
    } else {
        format!("{:.0} min", s.minutes)
    };
    format!(
        "{what}, {minutes} x RPE {:.1} = {:.0} ({})",
        s.rpe,
        s.load,
        s.source.describe()
    )
}

/// The text report: charts over the shown days, the weeks as a table, the last days with
/// their sessions, and the notes every number needs.
pub fn render_text(series: &LoadSeries, units: Units, weeks: u32) -> String {
    let mut o = String::new();
    let dist_unit = match units {
        Units::Km => "km",
        Units::Mi => "mi",
    };
    o.push_str(&format!(
        "Training load {} to {} ({weeks} week{}): session-RPE load = RPE x minutes, in AU\n",
        series.from,
        series.to,
        if weeks == 1 { "" } else { "s" }
    ));
    if series.first_data.is_none() {
        o.push_str(&format!(
            "\nNothing logged up to {}: import files with `keel import PATH` or log sessions \
             with `keel log`.\n",
            series.to
        ));
        return o;
    }

    let days = &series.days;
    let last = days.last();
    let col = |f: fn(&load::DayLoad) -> Option<f64>| days.iter().map(f).collect::<Vec<_>>();
    let loads = col(|d| Some(d.load));
    let max_load = days.iter().map(|d| d.load).fold(0.0, f64::max);
    o.push_str(&format!(
        "\nDaily, {} to {} (one mark per day, oldest first)\n",
        series.from, series.to
    ));
    let rows: [(&str, String, String); 5] = [
        (
            "load",
            sparkline(&loads, true),
            format!(
                "last {:.0}, max {max_load:.0}",
                last.map_or(0.0, |d| d.load)
            ),
        ),
        (
            "fitness",
            sparkline(&col(|d| Some(d.fitness)), false),
            format!("{:.1}", last.map_or(0.0, |d| d.fitness)),
        ),
        (
            "fatigue",
            sparkline(&col(|d| Some(d.fatigue)), false),
            format!("{:.1}", last.map_or(0.0, |d| d.fatigue)),
        ),
        (
            "form",
            sparkline(&col(|d| Some(d.form)), false),
            format!("{:+.1}", last.map_or(0.0, |d| d.form)),
        ),
        (
            "ACWR",
            sparkline(&col(|d| d.acwr_ewma), false),
            match last.and_then(|d| d.acwr_ewma) {
                Some(r) => format!("{r:.2} (EWMA; see the caveat below)"),
                None => "hidden: fewer than 28 days of data".to_string(),
            },
        ),
    ];
    for (name, spark, value) in rows {
        o.push_str(&format!("  {name:<8} {spark}  {value}\n"));
    }

    let max_week = series.weeks.iter().map(|w| w.load).fold(0.0, f64::max);
    let mut t = table();
    t.set_header(vec![
        "Week of".to_string(),
        "Load".to_string(),
        String::new(),
        "Run time".to_string(),
        format!("Run {dist_unit}"),
        "Lift".to_string(),
        "Monotony".to_string(),
        "Strain".to_string(),
        "ACWR".to_string(),
        "Fitness".to_string(),
        "Fatigue".to_string(),
        "Form".to_string(),
    ]);
    for w in &series.weeks {
        // Smoothed values as of the week's last shown day.
        let end = days
            .iter()
            .rev()
            .find(|d| d.date <= w.end && d.date >= w.start);
        let label = if w.complete {
            w.start.to_string()
        } else {
            format!("{} (so far)", w.start)
        };
        t.add_row(vec![
            label,
            format!("{:.0}", w.load),
            bar(w.load, max_week, 8),
            hours(w.run_minutes),
            distance(w.run_km, units),
            format!("{:.0}", w.strength_load),
            opt(w.monotony, 2)
                + if w.monotony_above_rule_of_thumb {
                    " *"
                } else {
                    ""
                },
            opt(w.strain, 0),
            opt(end.and_then(|d| d.acwr_ewma), 2),
            opt(end.map(|d| d.fitness), 1),
            opt(end.map(|d| d.fatigue), 1),
            end.map_or_else(|| "-".to_string(), |d| format!("{:+.1}", d.form)),
        ]);
    }
    right(&mut t, 1);
    if let Some(c) = t.column_mut(2) {
        c.set_cell_alignment(CellAlignment::Left);
    }
    o.push_str(&format!("\nWeeks (Monday to Sunday)\n{t}\n"));

    let recent: Vec<&load::DayLoad> = days.iter().rev().take(TEXT_DAYS).rev().collect();
    let mut t = table();
    t.set_header(vec![
        "Day",
        "Load",
        "Sessions (minutes x RPE = load, and where the RPE came from)",
    ]);
    for d in recent {
        let sessions = if d.sessions.is_empty() {
            "rest".to_string()
        } else {
            d.sessions
                .iter()
                .map(session_line)
                .collect::<Vec<_>>()
                .join("\n")
        };
        t.add_row(vec![
            format!("{} {}", weekday(d.date), d.date),
            format!("{:.0}", d.load),
            sessions,
        ]);
    }
    if let Some(c) = t.column_mut(1) {
        c.set_cell_alignment(CellAlignment::Right);
    }
    o.push_str(&format!("\nLast {TEXT_DAYS} days\n{t}\n"));

    o.push_str("\nNotes\n");
    if let Some(first) = series.first_data {
        let shown_from = first.saturating_add(load::ACWR_WARMUP_DAYS.days());
        o.push_str(&format!(
            "- ACWR (Williams EWMA, 7 and 28 days) is hidden for the first 28 days of data: \
             data starts {first}, the ratio shows from {shown_from}.\n"
        ));
    }
    o.push_str(&format!("- {}\n", load::ACWR_CAVEAT));
    o.push_str(&format!(
        "- Monotony = mean / SD of the 7 daily loads (undefined when every day is the same); \
         strain = weekly load x monotony; * marks weeks above 2.0 ({}).\n",
        load::MONOTONY_NOTE
    ));
    o.push_str(&format!("- {}.\n", capitalise(load::FITNESS_NOTE)));
    let estimated = days
        .iter()
        .flat_map(|d| &d.sessions)
        .any(|s| s.source == LoadSource::TrimpEstimate);
    match &series.hr {
        Some(hr) if estimated => o.push_str(&format!(
            "- Heart-rate estimates (Banister TRIMP scaled so an easy run at 65% of HR reserve \
             is RPE 3.5) use HRmax {:.0} bpm ({}) and HRrest {:.0} bpm ({}).\n",
            hr.max_bpm,
            if hr.max_is_estimate {
                "estimated: 206.9 - 0.67 x age"
            } else {
                "from the profile"
            },
            hr.rest_bpm,
            if hr.rest_is_default {
                "default"
            } else {
                "from the profile"
            },
        )),
        None => o.push_str(
            "- No stored profile: sessions without RPE use run-type defaults, not heart rate \
             (`keel profile set PROFILE.toml`).\n",
        ),
        _ => {}
    }
    o
}

fn weekday(d: Date) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        [usize::from(d.weekday().to_monday_zero_offset().unsigned_abs())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_scales_and_marks_gaps() {
        assert_eq!(
            sparkline(&[Some(0.0), Some(7.0), Some(3.5), None], false),
            "▁█▅·"
        );
        assert_eq!(sparkline(&[Some(0.0), Some(8.0)], true), " █");
        assert_eq!(sparkline(&[Some(2.0), Some(2.0)], false), "▄▄");
        assert_eq!(sparkline(&[None, None], false), "··");
    }

    #[test]
    fn bar_in_eighths() {
        // half of 2 cells = 8 eighths = one full block; a quarter of 1 cell = 2 eighths.
        assert_eq!(bar(50.0, 100.0, 2), "█");
        assert_eq!(bar(100.0, 100.0, 2), "██");
        assert_eq!(bar(25.0, 100.0, 1), "▎");
        assert_eq!(bar(0.0, 100.0, 8), "");
    }

    #[test]
    fn hours_and_minutes() {
        assert_eq!(hours(125.4), "2:05");
        assert_eq!(hours(0.0), "0:00");
    }
}
