//! `keel plan`: a season of strength around the runner's week, as a terminal calendar,
//! `keel.plan/1` JSON or Markdown.

use crate::examples::Example;
use crate::settings::{self, Global};
use comfy_table::{presets, Cell, ColumnConstraint, ContentArrangement, Table, Width};
use jiff::civil::Date;
use keel_app::plan::ProfileSource;
use keel_core::model::{Equipment, Units};
use keel_core::plan::{Plan, PlanDay, PlanWeek, Session, StrengthSession, Why};
use keel_export::markdown::{
    distance_summary, goal_summary, minutes_summary, nutrition_lines, run_summary, timing_summary,
    week_label,
};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Plan a season: strength placed around your runs, dosed by phase, with the reasons.
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
    /// Number of weeks (default: up to the race week; 12 without a race).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=105))]
    pub weeks: Option<u32>,
    /// The date to plan from, YYYY-MM-DD (default: today's local date).
    #[arg(long, value_name = "DATE", value_parser = crate::settings::date_arg)]
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
        let source = self.source()?;
        // With a training log, the current week shows the adjustments in force (read only:
        // a plan of another profile must not replace the stored adjustments).
        let store = global.open_existing_store()?;
        let local = keel_app::clock::local_for(store.as_ref(), &source, &settings::clock())?;
        let today = self.today.unwrap_or(local.today);
        let plan = keel_app::plan::plan_in_force(
            store.as_ref(),
            &source,
            today,
            today,
            self.weeks,
            &local.tz,
        )?
        .plan;
        let tty = std::io::stdout().is_terminal();
        let mut out = super::stdout();
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

    /// The profile to plan: the file, a built-in example, or the stored profile.
    fn source(&self) -> anyhow::Result<ProfileSource> {
        Ok(match (&self.profile, self.example) {
            (Some(path), _) => settings::profile_file(path)?,
            (None, Some(example)) => ProfileSource::File {
                name: example.file_name().to_string(),
                text: example.text().to_string(),
            },
            (None, None) => ProfileSource::Stored,
        })
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
            "{} weeks from {}, placement strategy `{}`. {HARD} marks a hard run. RIR: reps \
             left in reserve at the end of each set; tempo 3-1-1: 3 s down, 1 s pause, up with \
             control. Rule ids are in [brackets]: `keel rules ID` explains one.",
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
        out.push_str(&bold(
            wrap(&week_heading(week, units), "", "  ", w).trim_end(),
        ));
        out.push('\n');
        let warm_up = shared_warm_up(week);
        let load = shared_load(week);
        out.push_str(&week_table(
            week,
            units,
            width,
            warm_up.is_none(),
            load.is_none(),
        ));
        out.push('\n');
        if let Some(load) = load {
            out.push_str(&wrap(
                &format!("Loads: {load}. [reps-in-reserve]"),
                "  ",
                "    ",
                w,
            ));
        }
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

/// The load advice when every loaded exercise of the week has the same (printed once).
fn shared_load(w: &PlanWeek) -> Option<&str> {
    let mut loads = w
        .days
        .iter()
        .flat_map(|d| &d.sessions)
        .filter_map(|s| match s {
            Session::Strength(st) => Some(st.exercises.iter().filter_map(|e| e.load.as_deref())),
            Session::Run(_) => None,
        })
        .flatten();
    let first = loads.next()?;
    loads.all(|l| l == first).then_some(first)
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

/// Width of the calendar's day column, padding included.
const DAY_COLUMN: u16 = 12;

fn week_table(
    w: &PlanWeek,
    units: Units,
    width: u16,
    inline_warm_up: bool,
    inline_load: bool,
) -> String {
    // Borders take 3 characters; the sessions column gets the rest, padding included, and its
    // text is wrapped here (not by the table) so continuation lines keep a hanging indent.
    let sessions_col = width.saturating_sub(DAY_COLUMN + 3).max(30);
    let text_width = usize::from(sessions_col - 2);
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(vec!["Day", "Sessions"]);
    for day in &w.days {
        t.add_row(vec![
            Cell::new(day_label(day)),
            Cell::new(day_cell(
                day,
                units,
                inline_warm_up,
                inline_load,
                text_width,
            )),
        ]);
    }
    if let Some(c) = t.column_mut(0) {
        c.set_constraint(ColumnConstraint::Absolute(Width::Fixed(DAY_COLUMN)));
    }
    if let Some(c) = t.column_mut(1) {
        c.set_constraint(ColumnConstraint::Absolute(Width::Fixed(sessions_col)));
    }
    t.to_string()
}

fn day_label(day: &PlanDay) -> String {
    let name = &day.weekday.name()[..3];
    format!("{name} {}", day.date.strftime("%-d %b"))
}

/// The sessions of a day in order, each strength session with its exercises and reasons.
fn day_cell(
    day: &PlanDay,
    units: Units,
    inline_warm_up: bool,
    inline_load: bool,
    width: usize,
) -> String {
    if day.sessions.is_empty() {
        return if day.rest { "rest" } else { "-" }.to_string();
    }
    let mut out = String::new();
    for s in &day.sessions {
        match s {
            Session::Run(r) => {
                let mark = if r.run_type.is_hard() {
                    format!(" {HARD}")
                } else {
                    String::new()
                };
                out.push_str(&wrap(
                    &format!("{}{mark}", run_summary(r, units)),
                    "",
                    "  ",
                    width,
                ));
            }
            Session::Strength(st) => {
                out.push_str(&strength_block(st, inline_warm_up, inline_load, width))
            }
        }
    }
    out.trim_end().to_string()
}

/// Rules that say why a session sits on its day, the runner's strategy first.
const WHERE_RULES: [&str; 3] = ["stack-hard-days", "easy-day-support", "upper-on-recovery"];
/// Hard rules that shaped the day or the focus, the most binding first.
const CONSTRAINT_RULES: [&str; 3] = ["race-72h", "hard-run-24h", "same-muscle-48h"];

/// The one or two reasons worth a sentence: where the session sits, then what bound it.
fn placement_reasons(s: &StrengthSession) -> Vec<&Why> {
    let find = |ids: &[&str]| -> Vec<&Why> {
        ids.iter()
            .filter_map(|id| s.why.iter().find(|w| w.rule == *id))
            .collect()
    };
    let mut shown: Vec<&Why> = find(&WHERE_RULES).into_iter().take(1).collect();
    shown.extend(find(&CONSTRAINT_RULES));
    shown.truncate(2);
    shown
}

/// A strength session: headline, exercises, load advice, then its reasons: one or two
/// sentences on its placement and the other rule ids on one compact line.
fn strength_block(
    s: &StrengthSession,
    inline_warm_up: bool,
    inline_load: bool,
    width: usize,
) -> String {
    let rir = most_common(s.exercises.iter().filter_map(|e| e.dose.rir));
    let tempo = most_common(s.exercises.iter().map(|e| e.tempo.as_str()));
    let mut head = format!(
        "STRENGTH {} · {} · {} · {}",
        s.focus,
        s.intensity,
        minutes_summary(s.minutes),
        timing_summary(s.timing)
    );
    if let Some(r) = rir {
        head.push_str(&format!(" · RIR {r}"));
    }
    if let Some(t) = tempo {
        head.push_str(&format!(" · tempo {t}"));
    }
    let mut out = wrap(&head, "", "  ", width);
    if inline_warm_up && !s.warm_up.is_empty() {
        out.push_str(&wrap(
            &format!("{}.", s.warm_up.join("; ")),
            "  warm-up: ",
            "           ",
            width,
        ));
    }
    // One load advice for all loaded lifts is said once; per-lift loads go on their lines.
    let loads: Vec<&str> = s
        .exercises
        .iter()
        .filter_map(|e| e.load.as_deref())
        .collect();
    let shared_load = match loads.split_first().filter(|_| inline_load) {
        Some((first, rest)) if rest.iter().all(|l| l == first) => Some(*first),
        _ => None,
    };
    for e in &s.exercises {
        let mut line = format!("{} {}x{}", e.name, e.dose.sets, e.dose.amount);
        let gear: Vec<&str> = e
            .equipment
            .iter()
            .filter(|q| **q != Equipment::Bodyweight)
            .map(|q| q.as_str())
            // "Kettlebell swing (kettlebell)" says it twice.
            .filter(|q| !e.name.to_lowercase().contains(q))
            .collect();
        if !gear.is_empty() {
            line.push_str(&format!(" ({})", gear.join(" + ")));
        }
        if let Some(r) = e.dose.rir.filter(|r| Some(*r) != rir) {
            line.push_str(&format!(", RIR {r}"));
        }
        // "hold" says nothing the "20-30s" of the reps does not.
        if Some(e.tempo.as_str()) != tempo && e.tempo != "hold" {
            line.push_str(&format!(", {}", e.tempo));
        }
        if let (Some(l), None, true) = (&e.load, shared_load, inline_load) {
            line.push_str(&format!(": {l}"));
        }
        out.push_str(&wrap(&line, "· ", "    ", width));
    }
    if let Some(l) = shared_load {
        out.push_str(&wrap(&format!("Load: {l}."), "  ", "    ", width));
    }
    let reasons = placement_reasons(s);
    for w in &reasons {
        out.push_str(&wrap(
            &format!("{} [{}]", w.text, w.rule),
            "  why: ",
            "       ",
            width,
        ));
    }
    let mut others: Vec<&str> = Vec::new();
    for w in &s.why {
        if !reasons.iter().any(|r| r.rule == w.rule) && !others.contains(&w.rule.as_str()) {
            others.push(&w.rule);
        }
    }
    if !others.is_empty() {
        out.push_str(&wrap(
            &format!("[{}]", others.join(", ")),
            "  also: ",
            "        ",
            width,
        ));
    }
    out
}

/// The value most items share (the first one on ties); `None` when there are none.
fn most_common<T: PartialEq + Copy>(items: impl Iterator<Item = T> + Clone) -> Option<T> {
    let mut best: Option<(T, usize)> = None;
    for x in items.clone() {
        let n = items.clone().filter(|y| *y == x).count();
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((x, n));
        }
    }
    best.map(|(x, _)| x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(example: Example) -> Plan {
        let today = Date::new(2026, 11, 22).expect("valid date");
        let profile = keel_profile::parse_profile_as_of("example", example.text(), today)
            .expect("the examples parse");
        keel_core::planner::plan_season(&profile, today, None).expect("the examples plan")
    }

    #[test]
    fn narrow_terminals_keep_every_line_within_the_width() {
        for example in [Example::HalfMarathon, Example::Marathon, Example::Fitness] {
            for width in [60u16, 80, 100] {
                let text = render_text(&plan(example), false, width);
                for line in text.lines() {
                    assert!(
                        line.chars().count() <= usize::from(width),
                        "{width}: {line}"
                    );
                }
            }
        }
    }

    #[test]
    fn each_strength_session_gives_placement_sentences_and_compact_rule_ids() {
        for example in [Example::HalfMarathon, Example::Marathon, Example::Fitness] {
            let plan = plan(example);
            let text = render_text(&plan, false, 100);
            let sessions = text.matches("STRENGTH ").count();
            assert!(sessions > 0);
            // Every session says where it sits and why, in a sentence ending with its rule id.
            let whys: Vec<&str> = text.lines().filter(|l| l.contains("  why: ")).collect();
            assert!(whys.len() >= sessions, "{} why lines", whys.len());
            assert!(whys.len() <= 2 * sessions);
            assert_eq!(text.matches("  also: [").count(), sessions);
            // No line is a lone rule id (the old vertical "Why" column).
            for line in text.lines() {
                let cells: Vec<&str> = line.split(['│', '┆']).map(str::trim).collect();
                assert!(!cells.iter().any(|c| keel_core::rules::exists(c)), "{line}");
            }
        }
    }

    #[test]
    fn placement_reasons_put_the_strategy_first_and_keep_two() {
        let plan = plan(Example::HalfMarathon);
        for st in plan
            .weeks
            .iter()
            .flat_map(|w| &w.days)
            .flat_map(|d| &d.sessions)
        {
            if let Session::Strength(st) = st {
                let r = placement_reasons(st);
                assert!((1..=2).contains(&r.len()));
                assert!(WHERE_RULES.contains(&r[0].rule.as_str()), "{}", r[0].rule);
            }
        }
    }
}
