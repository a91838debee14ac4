//! `keel done` and `keel skip`: mark a planned strength session done (when the log cannot
//! tell: a workout logged or imported on its day marks it done by itself) or skipped, or
//! take the mark back. A skipped session is not made up by doubling another.

use super::stored_plan;
use crate::settings::Global;
use anyhow::Context;
use keel_app::text::text;
use keel_core::marks::MarkStatus;
use std::io::Write;
use std::process::ExitCode;

/// Mark a planned strength session done or skipped.
#[derive(Debug, clap::Args)]
pub struct MarkArgs {
    /// The session's day (YYYY-MM-DD, `today`, `yesterday`, `tomorrow` for a skip).
    #[arg(value_name = "DATE", required_unless_present = "undo")]
    pub date: Option<String>,
    /// Why (for a skip; kept with the mark).
    #[arg(long = "why", value_name = "TEXT")]
    pub why: Option<String>,
    /// Take back the mark of this day.
    #[arg(long, value_name = "DATE", conflicts_with_all = ["date", "why"])]
    pub undo: Option<String>,
}

impl MarkArgs {
    pub fn run(self, global: &Global, status: MarkStatus) -> anyhow::Result<ExitCode> {
        let (mut store, local, planned) = stored_plan(global)?;
        let day = |flag: &str, s: &str| {
            keel_app::clock::parse_day(s, local.today)
                .map_err(|e| anyhow::anyhow!("{flag} `{}`: {e}", text(s)))
        };
        let mut out = super::stdout();
        if let Some(d) = &self.undo {
            let date = day("--undo", d)?;
            keel_app::marks::unmark(&mut store, &planned, date)?;
            writeln!(
                out,
                "The mark on {} is gone: a workout logged that day marks the session done by itself.",
                date.strftime("%a %-d %b")
            )?;
        } else {
            let date = day("DATE", self.date.as_deref().context("a DATE is required")?)?;
            let m = keel_app::marks::mark(
                &mut store,
                &planned,
                date,
                status,
                self.why.as_deref().unwrap_or(""),
                local.today,
            )?;
            match status {
                MarkStatus::Done => writeln!(
                    out,
                    "Marked the strength session of {} done.",
                    date.strftime("%a %-d %b")
                )?,
                MarkStatus::Skipped => writeln!(
                    out,
                    "Marked the strength session of {} skipped{}. It is not made up later: keel never doubles another session for it.",
                    date.strftime("%a %-d %b"),
                    m.note.as_deref().map(|n| format!(" ({})", text(n))).unwrap_or_default()
                )?,
            }
        }
        let planned = keel_app::edits::replan(&mut store, &local)?;
        let c = keel_app::marks::compliance(&store, &planned, local.today)?;
        writeln!(out, "{}", c.line())?;
        out.flush()?;
        Ok(ExitCode::SUCCESS)
    }
}
