//! `keel coach`: coach mode's jobs on the server (PostgreSQL).

use crate::settings::{self, Database, Global};
use keel_app::coach::{replan_all, ReplanOptions};
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

/// Coach mode: jobs over every athlete on the server.
#[derive(Debug, clap::Args)]
pub struct CoachArgs {
    #[command(subcommand)]
    pub command: CoachCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum CoachCommand {
    /// Recompute every athlete's plan in force today and record its adjustments (run it
    /// after a night's imports).
    Replan(ReplanArgs),
    /// Create a coach account (the first one bootstraps coach mode). The password is
    /// read from standard input (one line), or prompted for without echo on a terminal;
    /// never from the command line, where other users could see it.
    AddCoach(AddCoachArgs),
}

/// Creates a coach account.
#[derive(Debug, clap::Args)]
pub struct AddCoachArgs {
    /// The coach's email (their login).
    pub email: String,
    #[command(flatten)]
    pub database: Database,
}

/// Replans every athlete on the server.
#[derive(Debug, clap::Args)]
pub struct ReplanArgs {
    #[command(flatten)]
    pub database: Database,
    /// Athletes read and planned together.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub batch: u32,
    /// Planning threads (default: one per core).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=256))]
    pub threads: Option<u32>,
}

impl CoachArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        match self.command {
            CoachCommand::Replan(args) => args.run(global),
            CoachCommand::AddCoach(args) => args.run(),
        }
    }
}

impl ReplanArgs {
    pub fn run(self, _global: &Global) -> anyhow::Result<ExitCode> {
        let db = self.database.connect()?;
        let clock = settings::clock();
        let mut options = ReplanOptions {
            batch: self.batch as usize,
            ..ReplanOptions::default()
        };
        if let Some(t) = self.threads {
            options.workers = t as usize;
        }
        let started = Instant::now();
        let s = replan_all(&db, &clock, options, |_| {})?;
        let secs = started.elapsed().as_secs_f64();
        let mut out = super::stdout();
        writeln!(
            out,
            "Replanned {} athletes in {secs:.1} s: {} in their plan today ({} with adjustments in \
             force, {} changed), {} outside their plan, {} without a profile.",
            s.athletes, s.in_plan, s.adjusted, s.changed, s.outside, s.no_profile
        )?;
        if s.failed > 0 {
            writeln!(out, "Could not plan {} athletes:", s.failed)?;
            for (a, why) in &s.failures {
                writeln!(out, "  athlete {a}: {}", keel_app::text::text(why))?;
            }
            if s.failed > s.failures.len() as u64 {
                writeln!(out, "  ...")?;
            }
        }
        out.flush()?;
        // An athlete that could not be planned is a data failure, not bad usage: the others
        // were replanned and recorded all the same.
        Ok(if s.failed > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    }
}

impl AddCoachArgs {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        use keel_app::accounts::{add_coach, check_email, check_password, AccountsError};
        use std::io::{BufRead, IsTerminal};
        // Bad input fails before anything is asked or connected.
        if let Err(e) = check_email(&self.email) {
            eprintln!("keel: {e}");
            return Ok(ExitCode::from(2));
        }
        let password = if std::io::stdin().is_terminal() {
            let p = rpassword::prompt_password(format!("Password for {}: ", self.email))?;
            let again = rpassword::prompt_password("Again: ")?;
            if p != again {
                eprintln!("keel: the two passwords differ; nothing was created");
                return Ok(ExitCode::from(2));
            }
            p
        } else {
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_string()
        };
        if let Err(e) = check_password(&password) {
            eprintln!("keel: {e}; nothing was created");
            return Ok(ExitCode::from(2));
        }
        let db = self.database.connect()?;
        match add_coach(&db, &self.email, &password) {
            Ok(user) => {
                let mut out = super::stdout();
                writeln!(
                    out,
                    "Created the coach {} (log in at /login of keel serve --database).",
                    user.email
                )?;
                out.flush()?;
                Ok(ExitCode::SUCCESS)
            }
            Err(AccountsError::Account(keel_store::AccountError::Store(e))) => {
                Err(anyhow::Error::new(e).context("creating the coach"))
            }
            Err(e @ AccountsError::Hash(_)) => Err(anyhow::Error::new(e)),
            Err(e) => {
                eprintln!("keel: {e}; nothing was created");
                Ok(ExitCode::from(2))
            }
        }
    }
}
