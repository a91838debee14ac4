//! One module per subcommand, each an args struct with `run`.

pub mod check;
pub mod checkin;
pub mod coach;
pub mod exercises;
pub mod explain;
pub mod export;
pub mod export_fit;
pub mod import;
pub mod init;
pub mod lifts;
pub mod load;
pub mod log;
pub mod mark;
pub mod migrate;
pub mod move_session;
pub mod plan;
pub mod profile;
pub mod rules;
pub mod serve;
pub mod swap;
pub mod today;
pub mod week_flags;

use crate::settings::Global;
use clap::{Parser, Subcommand};
use std::io::{BufWriter, StdoutLock};
use std::process::ExitCode;

/// keel plans and adapts strength training around running.
#[derive(Debug, Parser)]
#[command(name = "keel", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a new profile: asks a few questions in a terminal, or takes flags.
    Init(init::InitArgs),
    /// Plan a season: strength placed around your runs, with the reasons.
    Plan(plan::PlanArgs),
    /// Check a week you planned against the rule book (exit 1 on errors).
    Check(check::CheckArgs),
    /// List the rules, or show one.
    Rules(rules::RulesArgs),
    /// Store or show the athlete profile.
    Profile(profile::ProfileArgs),
    /// Import watch files, Strava exports, and Strong or Hevy CSVs into the training log.
    Import(import::ImportArgs),
    /// Log a run or lifting sets by hand, or list the training log.
    Log(log::LogArgs),
    /// Record a daily check-in (1 to 5, 5 = worst), or list recent ones.
    Checkin(checkin::CheckinArgs),
    /// What to do today and why: run, strength with loads and cues, changes, readiness.
    Today(today::TodayArgs),
    /// Swap an exercise of a planned session for another of the same pattern (from that day on).
    Swap(swap::SwapArgs),
    /// Move a planned strength session to another day of its week (the hard rules checked).
    Move(move_session::MoveArgs),
    /// Mark a planned strength session done (a logged workout on its day does it by itself).
    Done(mark::MarkArgs),
    /// Mark a planned strength session skipped (it is not made up by doubling another).
    Skip(mark::MarkArgs),
    /// Everything about one day: runs, the session, every exercise, every rule and why.
    Explain(explain::ExplainArgs),
    /// The exercise library: one exercise in full by id, or the exercises of a pattern.
    Exercises(exercises::ExercisesArgs),
    /// Training load per day and week: session-RPE load, monotony, strain, ACWR, fitness.
    Load(load::LoadArgs),
    /// Estimated 1RM per lift over time (Epley, from sets of 10 reps or fewer).
    Lifts(lifts::LiftsArgs),
    /// Export the plan: calendar events (`ics`) or watch workouts (`fit`).
    Export(export::ExportArgs),
    /// Run the local web app (week, season, log, load and progress) and calendar feed.
    Serve(serve::ServeArgs),
    /// Copy the training log to a coach's server, or an athlete's log back from it.
    Migrate(migrate::MigrateArgs),
    /// Coach mode's jobs on the server: `keel coach replan`.
    Coach(coach::CoachArgs),
}

impl Cli {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        match self.command {
            Command::Init(args) => args.run(&self.global),
            Command::Plan(args) => args.run(&self.global),
            Command::Check(args) => args.run(&self.global),
            Command::Rules(args) => args.run(&self.global),
            Command::Profile(args) => args.run(&self.global),
            Command::Import(args) => args.run(&self.global),
            Command::Log(args) => args.run(&self.global),
            Command::Checkin(args) => args.run(&self.global),
            Command::Today(args) => args.run(&self.global),
            Command::Swap(args) => args.run(&self.global),
            Command::Move(args) => args.run(&self.global),
            Command::Done(args) => args.run(&self.global, keel_core::marks::MarkStatus::Done),
            Command::Skip(args) => args.run(&self.global, keel_core::marks::MarkStatus::Skipped),
            Command::Explain(args) => args.run(&self.global),
            Command::Exercises(args) => args.run(&self.global),
            Command::Load(args) => args.run(&self.global),
            Command::Lifts(args) => args.run(&self.global),
            Command::Export(args) => args.run(&self.global),
            Command::Serve(args) => args.run(&self.global),
            Command::Migrate(args) => args.run(&self.global),
            Command::Coach(args) => args.run(&self.global),
        }
    }
}

/// The training log, today where the runner lives, and the stored profile's plan in force
/// (with the runner's edits): what `keel swap`, `keel move`, `keel done` and `keel skip`
/// work on.
pub fn stored_plan(
    global: &Global,
) -> anyhow::Result<(
    keel_store::SqliteStore,
    keel_app::clock::Local,
    keel_app::plan::Planned,
)> {
    let store = global.open_store()?;
    let source = keel_app::plan::ProfileSource::Stored;
    let local = keel_app::clock::local_for(Some(&store), &source, &crate::settings::clock())?;
    let planned = keel_app::plan::plan_in_force(
        Some(&store),
        &source,
        local.today,
        local.today,
        None,
        &local.tz,
    )?;
    Ok((store, local, planned))
}

/// Standard output for one command: a single buffer written in large blocks and flushed
/// once when the command is done (`flush()?` before returning), never a write per line.
/// A reader that closes the pipe early is not an error (see `main`).
pub fn stdout() -> BufWriter<StdoutLock<'static>> {
    BufWriter::with_capacity(64 * 1024, std::io::stdout().lock())
}
