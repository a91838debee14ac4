//! `keel plan`: a season of strength around the runner's week, as a terminal calendar,
//! `keel.plan/1` JSON or Markdown.

use crate::examples::Example;
use crate::settings::{self, Global};
use anyhow::Context;
use comfy_table::{presets, Cell, ColumnConstraint, ContentArrangement, Table, Width};
use jiff::civil::Date;
use keel_core::model::{Profile, Units};
use keel_core::plan::{Plan, PlanDay, PlanWeek, Session, StrengthSession};
use keel_export::markdown::{
    distance_summary, exercise_summary, goal_summary, minutes_summary, nutrition_lines,
    run_summary, timing_summary, week_label,
};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Plan a season: strength placed around your runs, dosed by phase, with the reasons.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The profile (TOML); see `keel init` and the README.
    // Once the stored profile exists, drop `required_unless_present` and read it in
    // `load_profile` when neither PROFILE nor --example is given.
    #[arg(value_name = "PROFILE", required_unless_present = "example")]
    pub profile: Option<PathBuf>,
    /// Plan a built-in example profile instead of a file.
    #[arg(long, value_enum, value_name = "NAME", conflicts_with = "profile")]
    pub example: Option<Example>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    pub format: PlanFormat,
    /// Number of weeks (default: up to the race week; 12 without a race).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=105))]
    pub weeks: Option<u32>,
    /// The date to plan from, YYYY-MM-DD (default: today's local date).
    #[arg(long, value_name = "DATE")]
    pub today: Option<Date>,
}

/// How `keel plan` prints the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanFormat {
    /// A calendar table a week, for the terminal.
    Text,
    /// `keel.plan/1` JSON, the contract other tools read.
    Json,
    /// Markdown: a heading and a table a week, exercises as lists.
    Markdown,
}

impl PlanArgs {
    pub fn run(self, global: &Global) -> anyhow::Result<ExitCode> {
        let today = settings::today(self.today);
        let profile = self.load_profile(global, today)?;
        let plan = keel_core::planner::plan_season(&profile, today, self.weeks)
            .context("cannot plan this season")?;
        // With a training log, the current week shows the adjustments in force.
        let plan = crate::adapt_ctx::apply(plan, global, today)?;
        let stdout = std::io::stdout();
        let tty = stdout.is_terminal();
        let mut out = stdout.lock();
        match self.format {
            PlanFormat::Json => keel_export::json::write_plan_json(&plan, &mut out)?,
            PlanFormat::Markdown => keel_export::markdown::write_plan_markdown(&plan, &mut out)?,
            PlanFormat::Text => {
                let width = if tty { terminal_width().min(100) } else { 100 };
                out.write_all(render_text(&plan, tty, width).as_bytes())?;
            }
        }
        out.flush()?;
        Ok(ExitCode::SUCCESS)
    }

    /// The profile to plan: the file, or a built-in example.
    fn load_profile(&self, _global: &Global, today: Date) -> anyhow::Result<Profile> {
        let (name, text) = match (&self.profile, self.example) {
            (Some(path), _) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read the profile {}", path.display()))?;
                (path.display().to_string(), text)
            }
            (None, Some(example)) => (example.file_name().to_string(), example.text().to_string()),
            // The stored profile (keel-store) will be read here when neither is given.
            (None, None) => anyhow::bail!(
                "no profile: pass a PROFILE file or --example NAME (`keel init` writes a profile)"
            ),
        };
        // The error already names the file, line and column: no extra context.
        Ok(keel_profile::parse_profile_as_of(&name, &text, today)?)
    }
}

fn terminal_width() -> u16 {
    Table::new().width().unwrap_or(100)
}

/// Marks hard runs in the calendar.
const HARD: &str = "◆";

/// The terminal calendar: a header, a table a week with its adjustments, then fuel guidance.
///
/// `color` adds bold headings (only for a terminal); `width` caps every line's width.
pub fn render_text(plan: &Plan, color: bool, width: u16) -> String {
    let units = plan.athlete.units;
    let w = usize::from(width);
    let bold = |s: &str| {
        if color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let first = plan.weeks.first().map(|w| w.start.to_string());
    out.push_str(&bold(&format!(
        "Strength plan for {}: {}",
        plan.athlete.name,
        goal_summary(&plan.goal)
    )));
    out.push('\n');
    out.push_str(&wrap(
        &format!(
            "{} weeks from {}, placement strategy `{}`. {HARD} marks a hard run. Rule ids are \
             in [brackets]: `keel rules ID` explains one.",
            plan.weeks.len(),
            first.unwrap_or_default(),
            plan.strategy
        ),
        "",
        "",
        w,
    ));
    if !plan.warnings.is_empty() {
        out.push('\n');
        out.push_str(&bold("Warnings"));
        out.push('\n');
        for why in &plan.warnings {
            out.push_str(&wrap(
                &format!("{} [{}]", why.text, why.rule),
                "  ! ",
                "    ",
                w,
            ));
        }
    }
    for week in &plan.weeks {
        out.push('\n');
        out.push_str(&bold(&week_heading(week, units)));
        out.push('\n');
        let warm_up = shared_warm_up(week);
        out.push_str(&week_table(week, units, width, warm_up.is_none()));
        out.push('\n');
        if let Some(items) = warm_up {
            out.push_str(&wrap(
                &format!(
                    "Warm-up before each session: {}. [warm-up]",
                    items.join("; ")
                ),
                "  ",
                "    ",
                w,
            ));
        }
        for a in &week.adjustments {
            out.push_str(&wrap(
                &format!("{} [{}]", a.text, a.rule),
                "  * ",
                "    ",
                w,
            ));
        }
    }
    out.push('\n');
    out.push_str(&bold("Fuel"));
    out.push('\n');
    for line in nutrition_lines(&plan.nutrition) {
        out.push_str(&wrap(&line.replace('`', ""), "  ", "    ", w));
    }
    for why in &plan.nutrition.why {
        if why.rule != "protein" && why.rule != "carbohydrate" {
            out.push_str(&wrap(
                &format!("{} [{}]", why.text, why.rule),
                "  ",
                "    ",
                w,
            ));
        }
    }
    out
}

/// Words of `text` on lines of at most `width` characters, the first prefixed with `first`,
/// the rest with `rest`. Each line ends with a newline.
fn wrap(text: &str, first: &str, rest: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if !empty && len + 1 + word.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line = rest.to_string();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// The warm-up when every strength session of the week has the same one (printed once).
fn shared_warm_up(w: &PlanWeek) -> Option<&[String]> {
    let mut warm_ups = w
        .days
        .iter()
        .flat_map(|d| &d.sessions)
        .filter_map(|s| match s {
            Session::Strength(st) => Some(st.warm_up.as_slice()),
            Session::Run(_) => None,
        });
    let first = warm_ups.next()?;
    (!first.is_empty() && warm_ups.all(|other| other == first)).then_some(first)
}

fn week_heading(w: &PlanWeek, units: Units) -> String {
    let label = week_label(w).to_uppercase();
    let km = w
        .run_km
        .map(|km| format!(", about {}", distance_summary(km, units)))
        .unwrap_or_default();
    format!(
        "Week {} · {} · {label} · running {}{km}",
        w.index,
        w.start,
        minutes_summary(w.run_minutes)
    )
}

fn week_table(w: &PlanWeek, units: Units, width: u16, inline_warm_up: bool) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(vec!["Day", "Sessions", "Why"]);
    for day in &w.days {
        let (sessions, why) = day_cells(day, units, inline_warm_up);
        t.add_row(vec![
            Cell::new(day_label(day)),
            Cell::new(sessions),
            Cell::new(why),
        ]);
    }
    if let Some(c) = t.column_mut(0) {
        c.set_constraint(ColumnConstraint::Absolute(Width::Fixed(12)));
    }
    if let Some(c) = t.column_mut(2) {
        c.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(24)));
    }
    t.to_string()
}

fn day_label(day: &PlanDay) -> String {
    let name = &day.weekday.name()[..3];
    format!("{name} {}", day.date.strftime("%-d %b"))
}

/// The sessions of a day in order, and the rule ids behind its strength sessions.
fn day_cells(day: &PlanDay, units: Units, inline_warm_up: bool) -> (String, String) {
    if day.sessions.is_empty() {
        let text = if day.rest { "rest" } else { "-" };
        return (text.to_string(), String::new());
    }
    let mut lines = Vec::new();
    let mut rules: Vec<&str> = Vec::new();
    for s in &day.sessions {
        match s {
            Session::Run(r) => {
                let mark = if r.run_type.is_hard() {
                    format!(" {HARD}")
                } else {
                    String::new()
                };
                lines.push(format!("{}{mark}", run_summary(r, units)));
            }
            Session::Strength(st) => {
                lines.extend(strength_lines(st, inline_warm_up));
                for w in &st.why {
                    if !rules.contains(&w.rule.as_str()) {
                        rules.push(&w.rule);
                    }
                }
            }
        }
    }
    (lines.join("\n"), rules.join("\n"))
}

fn strength_lines(s: &StrengthSession, inline_warm_up: bool) -> Vec<String> {
    let mut lines = vec![format!(
        "STRENGTH {} · {} · {} · {}",
        s.focus,
        s.intensity,
        minutes_summary(s.minutes),
        timing_summary(s.timing)
    )];
    if inline_warm_up && !s.warm_up.is_empty() {
        lines.push(format!("· warm-up: {}", s.warm_up.join("; ")));
    }
    for e in &s.exercises {
        lines.push(format!("· {}", exercise_summary(e)));
    }
    lines
}
