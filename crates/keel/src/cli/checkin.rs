//! `keel checkin`: record how the runner feels today (or on a past day), or list recent
//! check-ins. Every rated item is 1 to 5 with 5 the worst.

use crate::settings::Global;
use anyhow::{bail, Context};
use jiff::civil::Date;
use keel_app::checkin::{self, CheckinInput};
use keel_app::log::Field;
use keel_app::plan::ProfileSource;
use keel_app::text;
use keel_store::Store;
use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

/// Record a daily check-in (every item 1 to 5, 5 = worst), or list recent ones.
///
/// With no values given and a terminal on stdin, keel asks for each item. Values are
/// checked by the same rules as the web app's check-in form.
#[derive(Debug, clap::Args)]
pub struct CheckinArgs {
    /// The day the check-in is for (YYYY-MM-DD, `today`, `yesterday`; default today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Hours slept last night (0 to 24).
    #[arg(long, value_name = "HOURS")]
    pub sleep: Option<String>,
    /// Sleep quality, 1 (great) to 5 (very poor).
    #[arg(long, value_name = "1-5")]
    pub sleep_quality: Option<String>,
    /// Fatigue, 1 (fresh) to 5 (exhausted).
    #[arg(long, value_name = "1-5")]
    pub fatigue: Option<String>,
    /// Leg soreness, 1 (none) to 5 (very sore).
    #[arg(long, value_name = "1-5")]
    pub soreness_legs: Option<String>,
    /// Upper-body soreness, 1 (none) to 5 (very sore).
    #[arg(long, value_name = "1-5")]
    pub soreness_upper: Option<String>,
    /// Mood, 1 (great) to 5 (very low).
    #[arg(long, value_name = "1-5")]
    pub mood: Option<String>,
    /// Stress, 1 (relaxed) to 5 (very stressed).
    #[arg(long, value_name = "1-5")]
    pub stress: Option<String>,
    /// Motivation, 1 (eager) to 5 (none).
    #[arg(long, value_name = "1-5")]
    pub motivation: Option<String>,
    /// Ill today.
    #[arg(long)]
    pub ill: bool,
    /// A note.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// List recent check-ins instead of recording one.
    #[arg(long, conflicts_with_all = ["sleep", "sleep_quality", "fatigue", "soreness_legs",
        "soreness_upper", "mood", "stress", "motivation", "ill", "note"])]
    pub list: bool,
    /// With --list: how many days back from the date (default 14).
    #[arg(long, value_name = "N", requires = "list", default_value_t = 14,
        value_parser = clap::value_parser!(u32).range(1..=3660))]
    pub days: u32,
}

impl CheckinArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        let clock = crate::settings::clock();
        let existing = global.open_existing_store()?;
        let local = keel_app::clock::local_for(existing.as_ref(), &ProfileSource::Stored, &clock)?;
        let date_text = self.date.clone().unwrap_or_default();
        if self.list {
            let to = match date_text.trim() {
                "" | "today" => local.today,
                "yesterday" => local.today.yesterday()?,
                s => keel_app::clock::parse_date(s)
                    .map_err(|e| anyhow::anyhow!("--date `{s}`: {e}"))?,
            };
            return list(existing, to, self.days);
        }
        let input = if self.has_values() {
            self.to_input()
        } else if std::io::stdin().is_terminal() {
            // The date is checked before any question is asked.
            let date = keel_app::clock::parse_log_date(&date_text, local.today)
                .map_err(|e| anyhow::anyhow!("--date `{}`: {e}", date_text.trim()))?;
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            let mut out = std::io::stdout();
            let mut answers = prompt(date, &mut input, &mut out)?;
            answers.date = date.to_string();
            answers
        } else {
            bail!(
                "no check-in values given: pass flags such as --sleep 7 --fatigue 2 \
                 (each item 1 to 5, 5 = worst; see `keel checkin --help`), or run in a terminal"
            );
        };
        let checkin = checkin::checkin_from_input(&input, &local)?;
        drop(existing);
        let mut store = global.open_store()?;
        let recorded = checkin::record(&mut store, &checkin, &ProfileSource::Stored, &local)
            .context("storing the check-in")?;
        let date = checkin.date;
        let mut out = super::stdout();
        if recorded.replaced {
            writeln!(
                out,
                "Check-in for {date} stored; it replaces the one already stored for that day."
            )?;
        } else {
            writeln!(out, "Check-in for {date} stored.")?;
        }
        writeln!(out, "{}", recorded.readiness)?;
        match recorded.adjustments {
            Ok(0) => {}
            Ok(n) => writeln!(
                out,
                "The plan changed: {n} adjustment{} in force (see `keel today`).",
                if n == 1 { "" } else { "s" }
            )?,
            Err(_) => {}
        }
        out.flush()?;
        Ok(ExitCode::SUCCESS)
    }

    fn has_values(&self) -> bool {
        self.sleep.is_some()
            || self.sleep_quality.is_some()
            || self.fatigue.is_some()
            || self.soreness_legs.is_some()
            || self.soreness_upper.is_some()
            || self.mood.is_some()
            || self.stress.is_some()
            || self.motivation.is_some()
            || self.ill
            || self.note.is_some()
    }

    fn to_input(&self) -> CheckinInput {
        let mut rated = BTreeMap::new();
        for (field, v) in [
            (Field::SleepQuality, &self.sleep_quality),
            (Field::Fatigue, &self.fatigue),
            (Field::SorenessLegs, &self.soreness_legs),
            (Field::SorenessUpper, &self.soreness_upper),
            (Field::Mood, &self.mood),
            (Field::Stress, &self.stress),
            (Field::Motivation, &self.motivation),
        ] {
            if let Some(v) = v {
                rated.insert(field, v.clone());
            }
        }
        CheckinInput {
            date: self.date.clone().unwrap_or_default(),
            sleep: self.sleep.clone().unwrap_or_default(),
            rated,
            ill: self.ill,
            note: self.note.clone().unwrap_or_default(),
        }
    }
}

/// Asks for each item; Enter skips one. Re-asks after an answer the check-in rules refuse.
fn prompt(
    date: Date,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> anyhow::Result<CheckinInput> {
    writeln!(
        out,
        "Check-in for {date}. Every item is 1 to 5, 5 = worst; press Enter to skip one."
    )?;
    let sleep = ask(input, out, "Hours slept last night (e.g. 7.5)", |s| {
        checkin::parse_sleep(s).map(|_| s.trim().to_string())
    })?
    .unwrap_or_default();
    let mut c = CheckinInput {
        sleep,
        ..CheckinInput::default()
    };
    for (field, label, best, worst) in checkin::ITEMS {
        let q = format!("{label} (1 = {best}, 5 = {worst})");
        if let Some(v) = ask(input, out, &q, |s| {
            checkin::parse_rating(s)
                .map(|v| v.to_string())
                .map_err(|e| format!("`{}`: {e}", s.trim()))
        })? {
            c.rated.insert(field, v);
        }
    }
    c.ill = ask(input, out, "Ill today? (y/n)", |s| {
        match s.trim().to_ascii_lowercase().as_str() {
            "y" | "yes" => Ok(true),
            "n" | "no" => Ok(false),
            other => Err(format!("`{other}`: answer y or n")),
        }
    })?
    .unwrap_or(false);
    c.note = ask(input, out, "Note", |s| {
        Ok::<_, String>(s.trim().to_string())
    })?
    .unwrap_or_default();
    Ok(c)
}

/// One question: `None` on an empty line or end of input; re-asks until the answer parses.
fn ask<T>(
    input: &mut impl BufRead,
    out: &mut impl Write,
    question: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> anyhow::Result<Option<T>> {
    loop {
        write!(out, "{question}: ")?;
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 || line.trim().is_empty() {
            return Ok(None);
        }
        match parse(&line) {
            Ok(v) => return Ok(Some(v)),
            Err(e) => writeln!(out, "  {e}; try again or press Enter to skip.")?,
        }
    }
}

fn list(store: Option<impl Store>, to: Date, days: u32) -> anyhow::Result<ExitCode> {
    let from = to
        .checked_sub(jiff::Span::new().days(i64::from(days) - 1))
        .context("--days reaches before the first representable date")?;
    let rows = match &store {
        Some(s) => s.checkins(from, to).context("reading check-ins")?,
        None => Vec::new(),
    };
    let mut out = super::stdout();
    if rows.is_empty() {
        writeln!(out, "No check-ins from {from} to {to}.")?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "Check-ins from {from} to {to} (1 to 5, 5 = worst; sleep in hours):"
    )?;
    writeln!(
        out,
        "{:<10}  {:>5}  {:>7}  {:>7}  {:>4}  {:>5}  {:>4}  {:>6}  {:>10}  {:<3}  note",
        "date",
        "sleep",
        "quality",
        "fatigue",
        "legs",
        "upper",
        "mood",
        "stress",
        "motivation",
        "ill"
    )?;
    let r = |v: Option<u8>| v.map_or("-".to_string(), |v| v.to_string());
    for c in rows {
        let line = format!(
            "{:<10}  {:>5}  {:>7}  {:>7}  {:>4}  {:>5}  {:>4}  {:>6}  {:>10}  {:<3}  {}",
            c.date.to_string(),
            c.sleep_h.map_or("-".to_string(), |h| format!("{h:.1}")),
            r(c.sleep_quality),
            r(c.fatigue),
            r(c.soreness_legs),
            r(c.soreness_upper),
            r(c.mood),
            r(c.stress),
            r(c.motivation),
            if c.ill { "yes" } else { "no" },
            text::line(c.note.as_deref().unwrap_or(""))
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_show_the_scale_and_reask_out_of_range_answers() {
        let answers = "6.5\n3\n7\n4\n4\n\n2\n3\n2\nmaybe\ny\nslept badly\n";
        let mut out = Vec::new();
        let c = prompt(
            jiff::civil::date(2025, 3, 18),
            &mut answers.as_bytes(),
            &mut out,
        )
        .expect("prompt");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.contains("Fatigue (1 = fresh, 5 = exhausted): "));
        assert!(text.contains("`7`: expected a whole number from 1 to 5 (5 = worst); try again"));
        assert!(text.contains("`maybe`: answer y or n"));
        let local =
            keel_app::clock::Clock::fixed(jiff::civil::date(2025, 3, 18), jiff::tz::TimeZone::UTC)
                .system_local();
        let c = checkin::checkin_from_input(&c, &local).expect("valid");
        assert_eq!(c.sleep_h, Some(6.5));
        assert_eq!(
            (
                c.sleep_quality,
                c.fatigue,
                c.soreness_legs,
                c.soreness_upper
            ),
            (Some(3), Some(4), Some(4), None)
        );
        assert_eq!(
            (c.mood, c.stress, c.motivation),
            (Some(2), Some(3), Some(2))
        );
        assert!(c.ill);
        assert_eq!(c.note.as_deref(), Some("slept badly"));
    }
}
