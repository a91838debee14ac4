//! `keel plan`: a season of strength around the runner's week: the season overview and the
//! chosen weeks as terminal text or Markdown, or the whole season as `keel.plan/1` JSON.

use super::week_flags::WeekFlags;
use crate::examples::Example;
use crate::settings::{self, Global};
use crate::text::plan::PlanView;
use anyhow::bail;
use jiff::civil::Date;
use keel_app::plan::ProfileSource;
use keel_app::weeks::{self, Weeks, WeeksError};
use keel_core::text::capitalise;
use keel_export::markdown::MarkdownView;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Plan a season: strength placed around your runs, dosed by phase, with the reasons.
///
/// Text and Markdown show the season overview and the current week (the first before the
/// season starts); `--week N`, `--from DATE --weeks N` and `--all` choose other weeks.
/// JSON is always the whole season.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The profile (TOML); see `keel init` and the README. Default: the profile stored
    /// with `keel profile set`.
    #[arg(value_name = "PROFILE")]
    pub profile: Option<PathBuf>,
    /// Plan a built-in example profile instead of a file.
    #[arg(long, value_enum, value_name = "NAME", conflicts_with = "profile")]
    pub example: Option<Example>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    pub format: PlanFormat,
    #[command(flatten)]
    pub select: WeekFlags,
    /// Every reason of each strength session, with its sentence (text and Markdown).
    #[arg(long)]
    pub why: bool,
    /// Plan only the first N weeks of the season (default: up to the race week; 12 weeks
    /// without a race).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=105))]
    pub season_weeks: Option<u32>,
    /// The date to plan from, YYYY-MM-DD (default: today's local date).
    #[arg(long, value_name = "DATE", value_parser = crate::settings::date_arg)]
    pub today: Option<Date>,
}

/// How `keel plan` prints the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanFormat {
    /// The season overview and weeks in full, for the terminal.
    Text,
    /// `keel.plan/1` JSON (the whole season), the contract other tools read.
    Json,
    /// Markdown: the overview, then a printable page per week.
    Markdown,
}

impl PlanArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        if self.format == PlanFormat::Json && self.select.given() {
            bail!(
                "--format json is always the whole season; --week, --from, --weeks and --all \
                 choose the weeks of the text and Markdown views (--season-weeks N plans fewer weeks)"
            );
        }
        let source = self.source()?;
        // With a training log, the current week shows the adjustments in force (read only:
        // a plan of another profile must not replace the stored adjustments).
        let store = global.open_existing_store()?;
        let local = keel_app::clock::local_for(store.as_ref(), &source, &settings::clock())?;
        let today = self.today.unwrap_or(local.today);
        if self.format == PlanFormat::Json {
            let json = keel_app::plan::season_json(
                store.as_ref(),
                &source,
                today,
                self.season_weeks,
                &local.tz,
            )?;
            let mut out = std::io::stdout().lock();
            out.write_all(&json)?;
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        let planned = keel_app::plan::plan_in_force(
            store.as_ref(),
            &source,
            today,
            today,
            self.season_weeks,
            &local.tz,
        )?;
        let plan = &planned.plan;
        let mut out = super::stdout();
        let current = weeks::current(plan, today);
        let (shown, overview, note) = if self.select.given() {
            let shown = weeks::select(plan, today, self.select.choice())?;
            (shown, self.select.all.then_some(current), None)
        } else {
            match weeks::select(plan, today, Weeks::Current { count: 1 }) {
                Ok(shown) => (shown, Some(current), None),
                Err(e @ WeeksError::SeasonOver { .. }) => (
                    &plan.weeks[..0],
                    Some(current),
                    Some(format!(
                        "{}; --all shows every week.",
                        capitalise(&e.to_string())
                    )),
                ),
                Err(e) => return Err(e.into()),
            }
        };
        match self.format {
            PlanFormat::Markdown => {
                let view = MarkdownView {
                    weeks: shown,
                    overview,
                    changes: &planned.changes,
                    why: self.why,
                };
                keel_export::markdown::write_markdown(plan, &view, &mut out)?;
            }
            _ => {
                let tty = std::io::stdout().is_terminal();
                let view = PlanView {
                    weeks: shown,
                    overview,
                    changes: &planned.changes,
                    why: self.why,
                    note: note.as_deref(),
                };
                let text = crate::text::plan::render(plan, &view, crate::text::width(tty), tty);
                out.write_all(text.as_bytes())?;
            }
        }
        out.flush()?;
        Ok(ExitCode::SUCCESS)
    }

    /// The profile to plan: the file, a built-in example, or the stored profile.
    fn source(&self) -> anyhow::Result<ProfileSource> {
        settings::profile_source(self.profile.as_deref(), self.example)
    }
}
