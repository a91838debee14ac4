//! `keel move`: a planned strength session to another day of its week, when the hard rules
//! allow it there (the week re-planned around it), or refused with the rule and the nearest
//! days that work (exit 1, as `keel check` finding a broken rule).

use super::stored_plan;
use crate::settings::Global;
use anyhow::Context;
use keel_app::edits::{self, EditError};
use keel_app::text::text;
use keel_app::AppError;
use keel_core::edits::MoveError;
use keel_core::model::Focus;
use keel_core::rules::week::focus_phrase;
use std::io::Write;
use std::process::ExitCode;

/// Move a planned strength session to another day of its week.
///
/// keel checks the hard rules on the new day (the planner's own checks) and shifts the week's
/// other sessions where they would break one; when a rule bars the new day it says which and
/// the nearest days that work, and exits with status 1.
#[derive(Debug, clap::Args)]
pub struct MoveArgs {
    /// The session's day (YYYY-MM-DD, `today`, `tomorrow`, `yesterday`).
    #[arg(value_name = "DATE", required_unless_present_any = ["undo", "list"])]
    pub date: Option<String>,
    /// The day to move it to (same week).
    #[arg(long, value_name = "DATE", required_unless_present_any = ["undo", "list"])]
    pub to: Option<String>,
    /// Which session: `strength` (the day's one) or its focus (lower, upper, full, core,
    /// mobility) when the day holds several.
    #[arg(long, value_name = "SESSION", default_value = "strength")]
    pub session: String,
    /// Remove the stored move from or to this day (the session goes back to its planned day).
    #[arg(long, value_name = "DATE", conflicts_with_all = ["date", "to", "list"])]
    pub undo: Option<String>,
    /// List the stored moves.
    #[arg(long, conflicts_with_all = ["date", "to"])]
    pub list: bool,
}

impl MoveArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        let (mut store, local, planned) = stored_plan(global)?;
        let day = |flag: &str, s: &str| {
            keel_app::clock::parse_day(s, local.today)
                .map_err(|e| anyhow::anyhow!("{flag} `{}`: {e}", text(s)))
        };
        let mut out = super::stdout();
        if self.list {
            if planned.edits.moves.is_empty() {
                writeln!(out, "No moves stored.")?;
            }
            for (_, m) in &planned.edits.moves {
                writeln!(out, "{} session of {} -> {}", m.focus, m.from, m.to)?;
            }
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        if let Some(d) = &self.undo {
            let date = day("--undo", d)?;
            let n = edits::undo_move(&mut store, &planned, date)?;
            edits::replan(&mut store, &local)?;
            writeln!(
                out,
                "Removed {n} move{} from or to {}: the session is back on its planned day.",
                if n == 1 { "" } else { "s" },
                date.strftime("%a %-d %b")
            )?;
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        let from = day("DATE", self.date.as_deref().context("a DATE is required")?)?;
        let to = day("--to", self.to.as_deref().context("--to is required")?)?;
        let focus = match self.session.trim() {
            "strength" => None,
            s => Some(s.parse::<Focus>().map_err(|_| {
                anyhow::anyhow!(
                    "--session `{}`: expected `strength` or a focus ({}); keel moves strength sessions, your runs stay where you put them (run-priority)",
                    text(s),
                    Focus::ids().join(", ")
                )
            })?),
        };
        match edits::move_session(&mut store, &planned, from, focus, to) {
            Ok(done) => {
                edits::replan(&mut store, &local)?;
                if done.back {
                    writeln!(
                        out,
                        "The {} session is back on its planned day, {}.",
                        focus_phrase(done.focus),
                        done.to.strftime("%A %-d %b")
                    )?;
                } else {
                    writeln!(
                        out,
                        "Moved the {} session of {} to {}; the hard rules hold there.",
                        focus_phrase(done.focus),
                        done.planned.strftime("%A %-d %b"),
                        done.to.strftime("%A %-d %b")
                    )?;
                }
                for w in &done.shifted {
                    writeln!(out, "  [{}] {}", w.rule, w.text)?;
                }
                out.flush()?;
                Ok(ExitCode::SUCCESS)
            }
            Err(AppError::Edit(EditError::Move(MoveError::Refused(r)))) => {
                out.flush()?;
                let nearest: Vec<String> = r
                    .nearest
                    .iter()
                    .map(|d| {
                        let planned_day = if *d == from { " (its planned day)" } else { "" };
                        format!("{}{planned_day}", d.strftime("%A %-d %b"))
                    })
                    .collect();
                eprintln!(
                    "keel: cannot move the session of {} to {}: [{}] {}",
                    from.strftime("%a %-d %b"),
                    to.strftime("%a %-d %b"),
                    r.rule,
                    r.text
                );
                if nearest.is_empty() {
                    eprintln!("No other day of that week takes it.");
                } else {
                    eprintln!("Nearest days that work: {}.", nearest.join(", "));
                }
                Ok(ExitCode::from(1))
            }
            Err(e) => Err(e.into()),
        }
    }
}
