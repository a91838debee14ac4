//! `keel check WEEK`: lints a week the runner wrote, strength included, against the rule book.

use crate::settings::Global;
use anyhow::Context;
use keel_core::check::{check_week, has_errors, CheckContext, Level, Violation};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Check a week you planned: each broken rule with its id, the day, and a fix.
///
/// Exit code 1 when a hard rule is broken (an error), 0 otherwise.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The week file (TOML with a [week] table; a profile works too).
    #[arg(value_name = "WEEK")]
    pub week: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// How `keel check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// One finding a paragraph, with its fix.
    Text,
    /// `keel.check/1` JSON.
    Json,
}

impl CheckArgs {
    pub fn run(self, _global: &Global) -> anyhow::Result<ExitCode> {
        let text = std::fs::read_to_string(&self.week)
            .with_context(|| format!("cannot read the week file {}", self.week.display()))?;
        let name = self.week.display().to_string();
        let week = keel_profile::parse_week(&name, &text)?;
        // A usual week repeats: its Sunday comes before its Monday.
        let violations = check_week(&week, &CheckContext::repeating(&week));
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        match self.format {
            CheckFormat::Json => keel_export::json::write_check_json(&violations, &mut out)?,
            CheckFormat::Text => out.write_all(render_text(&name, &violations).as_bytes())?,
        }
        out.flush()?;
        Ok(if has_errors(&violations) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    }
}

/// Findings in the style of a compiler: `error[rule] Day: text`, then the fix.
pub fn render_text(name: &str, violations: &[Violation]) -> String {
    let mut out = String::new();
    for v in violations {
        out.push_str(&format!(
            "{}[{}] {}: {}\n  fix: {}\n\n",
            v.severity.as_str(),
            v.rule,
            v.weekday.name(),
            v.text,
            v.fix
        ));
    }
    let errors = violations
        .iter()
        .filter(|v| v.severity == Level::Error)
        .count();
    let warnings = violations.len() - errors;
    let summary = match (errors, warnings) {
        (0, 0) => "no broken rules".to_string(),
        (e, w) => format!("{} and {}", count(e, "error"), count(w, "warning")),
    };
    out.push_str(&format!("{name}: {summary}\n"));
    out
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
