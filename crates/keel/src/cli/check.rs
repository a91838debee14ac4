//! `keel check WEEK`: lints a week the runner wrote, strength included, against the rule book.

use crate::settings::{self, Global};
use anyhow::Context;
use jiff::civil::Date;
use keel_core::check::{check_week, has_errors, CheckContext, Level, Violation};
use keel_core::model::{Phase, Profile, WeekSpec};
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
    /// Your profile, so the rules that need your age, strategy, training phase and weekly
    /// distance are checked too (default: the profile stored with `keel profile set`, if any).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// The date that sets the training phase, YYYY-MM-DD (default: today's local date).
    #[arg(long, value_name = "DATE")]
    pub today: Option<Date>,
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
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        let text = std::fs::read_to_string(&self.week)
            .with_context(|| format!("cannot read the week file {}", self.week.display()))?;
        let name = self.week.display().to_string();
        let week = keel_profile::parse_week(&name, &text)?;
        let today = settings::today(self.today);
        let profile = self.load_profile(global, today)?;
        // A usual week repeats: its Sunday comes before its Monday.
        let (ctx, note) = match &profile {
            Some((source, p)) => {
                let (ctx, note) = profile_context(&week, p, today);
                (ctx, Some(format!("Checked with {source}: {note}.")))
            }
            None => (CheckContext::repeating(&week), None),
        };
        let violations = check_week(&week, &ctx);
        let mut out = super::stdout();
        match self.format {
            CheckFormat::Json => keel_export::json::write_check_json(&violations, &mut out)?,
            CheckFormat::Text => {
                if let Some(note) = note {
                    out.write_all(format!("{note}\n\n").as_bytes())?;
                }
                out.write_all(render_text(&name, &violations).as_bytes())?
            }
        }
        out.flush()?;
        Ok(if has_errors(&violations) {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    }
}

impl CheckArgs {
    /// The profile file, else the stored profile, else none (the week is checked on its own).
    fn load_profile(
        &self,
        global: &Global,
        today: Date,
    ) -> anyhow::Result<Option<(String, Profile)>> {
        let (name, text) = match &self.profile {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read the profile {}", path.display()))?;
                (path.display().to_string(), text)
            }
            None => match settings::load_stored_profile(global)? {
                Some((source, text)) => (format!("the stored profile ({source})"), text),
                None => return Ok(None),
            },
        };
        // The error already names the file, line and column.
        let profile = keel_profile::parse_profile_as_of(&name, &text, today)?;
        Ok(Some((name, profile)))
    }
}

/// What the profile adds to a check: age, strategy, weekly distance and the phase of the
/// week holding `today` (the plan's first week when it starts later), and a sentence
/// saying so. The week still repeats: its Sunday comes before its Monday.
fn profile_context(week: &WeekSpec, p: &Profile, today: Date) -> (CheckContext, String) {
    let km = keel_core::planner::template_km(p);
    let phase: Result<(Phase, Date), String> = keel_core::planner::plan_season(p, today, None)
        .map_err(|e| e.to_string())
        .and_then(|plan| {
            let week = plan
                .weeks
                .iter()
                .rev()
                .find(|w| w.start <= today)
                .or(plan.weeks.first())
                .ok_or_else(|| "the plan has no weeks".to_string())?;
            Ok((week.phase, week.start))
        });
    let ctx = CheckContext {
        age: Some(p.athlete.age),
        strategy: Some(p.preferences.strategy),
        phase: phase.as_ref().ok().map(|(ph, _)| *ph),
        weekly_km: Some(km),
        ..CheckContext::repeating(week)
    };
    let phase_note = match &phase {
        Ok((ph, start)) => format!("{ph} phase (the week of {start})"),
        Err(e) => format!("no training phase ({e})"),
    };
    let note = format!(
        "age {}, strategy `{}`, {phase_note}, about {km:.0} km a week",
        p.athlete.age, p.preferences.strategy
    );
    (ctx, note)
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
