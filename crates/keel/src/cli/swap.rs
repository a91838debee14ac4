//! `keel swap`: the alternatives to an exercise of a planned session, and the swap itself
//! (from that day on, until undone). Validation and storage are keel-app's (`edits`).

use super::stored_plan;
use crate::settings::Global;
use anyhow::Context;
use keel_app::edits;
use keel_app::text::text;
use std::io::Write;
use std::process::ExitCode;

/// Swap an exercise of a planned session for another of the same pattern, from that day on.
///
/// Without --with, lists the alternatives that fit: the same movement pattern, within your
/// equipment and movement screen, not on your avoid list, and true to the session (no leg
/// work in a core or upper-body session, or the day before a hard run).
#[derive(Debug, clap::Args)]
pub struct SwapArgs {
    /// The day of the session (YYYY-MM-DD, `today`, `tomorrow`, `yesterday`).
    #[arg(value_name = "DATE", required_unless_present_any = ["undo", "list"])]
    pub date: Option<String>,
    /// The exercise to swap: its library id as the plan shows it (e.g. goblet-squat).
    #[arg(value_name = "EXERCISE", required_unless_present_any = ["undo", "list"])]
    pub exercise: Option<String>,
    /// The exercise to do instead (a library id among the alternatives listed).
    #[arg(long = "with", value_name = "ID")]
    pub with: Option<String>,
    /// Remove every stored swap of this exercise (named as planned or as swapped in).
    #[arg(long, value_name = "EXERCISE", conflicts_with_all = ["date", "exercise", "with", "list"])]
    pub undo: Option<String>,
    /// List the stored swaps.
    #[arg(long, conflicts_with_all = ["date", "exercise", "with"])]
    pub list: bool,
}

impl SwapArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        let (mut store, local, planned) = stored_plan(global)?;
        let mut out = super::stdout();
        if self.list {
            if planned.edits.swaps.is_empty() {
                writeln!(out, "No swaps stored.")?;
            }
            for (_, s) in &planned.edits.swaps {
                writeln!(out, "{} -> {} from {}", s.exercise, s.with, s.since)?;
            }
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        if let Some(ex) = &self.undo {
            let n = edits::undo_swap(&mut store, &planned, ex)?;
            edits::replan(&mut store, &local)?;
            writeln!(
                out,
                "Removed {n} swap{} of {}: the plan prescribes it again.",
                if n == 1 { "" } else { "s" },
                text(ex.trim())
            )?;
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        let date_text = self.date.as_deref().context("a DATE is required")?;
        let date = keel_app::clock::parse_day(date_text, local.today)
            .map_err(|e| anyhow::anyhow!("DATE `{}`: {e}", text(date_text)))?;
        let exercise = self
            .exercise
            .as_deref()
            .context("an EXERCISE is required")?;
        match &self.with {
            Some(with) => {
                let done = edits::swap(&mut store, &planned, date, exercise, with)?;
                edits::replan(&mut store, &local)?;
                if done.with.id == done.planned.id {
                    writeln!(
                        out,
                        "{} is back from {} on.",
                        done.planned.name,
                        done.since.strftime("%a %-d %b")
                    )?;
                } else {
                    writeln!(
                        out,
                        "Swapped: {} in place of {} from {} on, in every session that prescribes it. Undo with `keel swap --undo {}`.",
                        done.with.name,
                        done.planned.name,
                        done.since.strftime("%a %-d %b"),
                        done.planned.id
                    )?;
                }
            }
            None => {
                let c = edits::swap_choices(&planned, date, exercise)?;
                let swapped = if c.planned.id == c.shown.id {
                    String::new()
                } else {
                    format!(" (your swap for {})", c.planned.name)
                };
                writeln!(
                    out,
                    "{}: {}{swapped}, {}.",
                    date.strftime("%a %-d %b"),
                    c.shown.name,
                    c.shown.id
                )?;
                if c.alternatives.is_empty() {
                    writeln!(out, "No other exercise of its pattern fits this session with your equipment, movement screen and avoid list.")?;
                } else {
                    writeln!(out, "Alternatives that fit this session (closest first):")?;
                    let w = c
                        .alternatives
                        .iter()
                        .map(|a| a.exercise.id.len())
                        .max()
                        .unwrap_or(0);
                    for a in &c.alternatives {
                        let eq: Vec<&str> = a.equipment.iter().map(|q| q.as_str()).collect();
                        writeln!(
                            out,
                            "  {:w$}  {} ({})",
                            a.exercise.id,
                            a.exercise.name,
                            eq.join(" + ")
                        )?;
                    }
                    writeln!(
                        out,
                        "Swap with `keel swap {date} {} --with ID`: it holds from that day on, until `keel swap --undo {}`.",
                        c.shown.id, c.planned.id
                    )?;
                }
            }
        }
        out.flush()?;
        Ok(ExitCode::SUCCESS)
    }
}
