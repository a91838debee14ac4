//! `keel checkin`: record how the runner feels today (or on a past day), or list recent
//! check-ins. Every rated item is 1 to 5 with 5 the worst.

use crate::settings::Global;
use anyhow::{bail, Context};
use jiff::civil::Date;
use keel_core::activity::CheckIn;
use keel_store::Store;
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

/// One rated item: its prompt, and the words for 1 and 5.
struct Item {
    label: &'static str,
    best: &'static str,
    worst: &'static str,
}

/// The rated items in prompt order; the scale is the same for all: 1 best, 5 worst.
const ITEMS: [Item; 7] = [
    Item {
        label: "Sleep quality",
        best: "great",
        worst: "very poor",
    },
    Item {
        label: "Fatigue",
        best: "fresh",
        worst: "exhausted",
    },
    Item {
        label: "Leg soreness",
        best: "none",
        worst: "very sore",
    },
    Item {
        label: "Upper-body soreness",
        best: "none",
        worst: "very sore",
    },
    Item {
        label: "Mood",
        best: "great",
        worst: "very low",
    },
    Item {
        label: "Stress",
        best: "relaxed",
        worst: "very stressed",
    },
    Item {
        label: "Motivation",
        best: "eager",
        worst: "none",
    },
];

/// Record a daily check-in (every item 1 to 5, 5 = worst), or list recent ones.
///
/// With no values given and a terminal on stdin, keel asks for each item.
#[derive(Debug, clap::Args)]
pub struct CheckinArgs {
    /// The day the check-in is for (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE")]
    pub date: Option<Date>,
    /// Hours slept last night (0 to 24).
    #[arg(long, value_name = "HOURS", value_parser = parse_hours)]
    pub sleep: Option<f64>,
    /// Sleep quality, 1 (great) to 5 (very poor).
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub sleep_quality: Option<u8>,
    /// Fatigue, 1 (fresh) to 5 (exhausted).
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub fatigue: Option<u8>,
    /// Leg soreness, 1 (none) to 5 (very sore).
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub soreness_legs: Option<u8>,
    /// Upper-body soreness, 1 (none) to 5 (very sore).
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub soreness_upper: Option<u8>,
    /// Mood, 1 (great) to 5 (very low).
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub mood: Option<u8>,
    /// Stress, 1 (relaxed) to 5 (very stressed).
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub stress: Option<u8>,
    /// Motivation, 1 (eager) to 5 (none).
    #[arg(long, value_name = "1-5", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub motivation: Option<u8>,
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

fn parse_hours(s: &str) -> Result<f64, String> {
    let h: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number of hours (e.g. 7.5)"))?;
    if !h.is_finite() || !(0.0..=24.0).contains(&h) {
        return Err(format!("{h} is not between 0 and 24 hours"));
    }
    Ok(h)
}

impl CheckinArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        let date = self.date.unwrap_or_else(|| crate::settings::today(None));
        let mut store = global.open_store()?;
        if self.list {
            return list(&store, date, self.days);
        }
        let checkin = if self.has_values() {
            self.to_checkin(date)
        } else if std::io::stdin().is_terminal() {
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            let mut out = std::io::stdout();
            prompt(date, &mut input, &mut out)?
        } else {
            bail!(
                "no check-in values given: pass flags such as --sleep 7 --fatigue 2 \
                 (each item 1 to 5, 5 = worst; see `keel checkin --help`), or run in a terminal"
            );
        };
        let replaced = store
            .put_checkin(&checkin)
            .context("storing the check-in")?;
        let mut out = std::io::stdout().lock();
        match replaced {
            Some(_) => writeln!(
                out,
                "Check-in for {date} stored; it replaces the one already stored for that day."
            )?,
            None => writeln!(out, "Check-in for {date} stored.")?,
        }
        let line = keel_app::adapt::readiness_line(&store, None, date, &crate::tz::local())?;
        writeln!(out, "{line}")?;
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

    fn to_checkin(&self, date: Date) -> CheckIn {
        CheckIn {
            date,
            sleep_h: self.sleep,
            sleep_quality: self.sleep_quality,
            fatigue: self.fatigue,
            soreness_legs: self.soreness_legs,
            soreness_upper: self.soreness_upper,
            mood: self.mood,
            stress: self.stress,
            motivation: self.motivation,
            ill: self.ill,
            note: self.note.clone(),
        }
    }
}

/// Asks for each item; Enter skips one. Re-asks after an answer outside the scale.
fn prompt(date: Date, input: &mut impl BufRead, out: &mut impl Write) -> anyhow::Result<CheckIn> {
    writeln!(
        out,
        "Check-in for {date}. Every item is 1 to 5, 5 = worst; press Enter to skip one."
    )?;
    let mut c = CheckIn::empty(date);
    c.sleep_h = ask(input, out, "Hours slept last night (e.g. 7.5)", parse_hours)?;
    let mut rated = [None; 7];
    for (slot, item) in rated.iter_mut().zip(ITEMS.iter()) {
        let q = format!("{} (1 = {}, 5 = {})", item.label, item.best, item.worst);
        *slot = ask(input, out, &q, |s| {
            s.trim()
                .parse::<u8>()
                .ok()
                .filter(|v| (1..=5).contains(v))
                .ok_or_else(|| format!("`{}` is not a whole number from 1 to 5", s.trim()))
        })?;
    }
    let [sq, fa, sl, su, mo, st, mt] = rated;
    (
        c.sleep_quality,
        c.fatigue,
        c.soreness_legs,
        c.soreness_upper,
        c.mood,
        c.stress,
        c.motivation,
    ) = (sq, fa, sl, su, mo, st, mt);
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
    })?;
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

fn list(store: &impl Store, to: Date, days: u32) -> anyhow::Result<ExitCode> {
    let from = to
        .checked_sub(jiff::Span::new().days(i64::from(days) - 1))
        .context("--days reaches before the first representable date")?;
    let rows = store.checkins(from, to).context("reading check-ins")?;
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
            c.note.as_deref().unwrap_or("")
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
        assert!(text.contains("`7` is not a whole number from 1 to 5; try again"));
        assert!(text.contains("`maybe`: answer y or n"));
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
