//! The Markdown writer: the season overview, then a printable page per week (a heading,
//! its adjustments and notes, a table of its days, each strength session with its reason
//! and its exercises with dose and cue), as [`crate::reading`] decides: no sentence twice.
//!
//! The small `*_summary` helpers are public so the terminal view says things the same way.

use crate::reading::{
    fuel_advice, overview, strength_count, week_dates, CauseGroup, Reader, Reason, Said,
    SessionReading, StrengthReading, WeekReading,
};
use keel_core::adapt::Change;
use keel_core::model::{Goal, Units, KM_PER_MILE};
use keel_core::plan::{
    Nutrition, Plan, PlanDay, PlanWeek, PrescribedExercise, RunSession, Session, StrengthSession,
    Timing,
};
use keel_core::rules::carbohydrate::DayLoad;
use keel_core::text::lowercase_first;
use std::io::{self, Write};

/// Minutes as people write them: `40 min`, `1h50`, `2h`.
pub fn minutes_summary(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m:02}"),
    }
}

/// A distance in the athlete's units, one decimal: `8 km`, `21.1 km`, `5 mi`.
pub fn distance_summary(km: f64, units: Units) -> String {
    let (value, unit) = match units {
        Units::Km => (km, "km"),
        Units::Mi => (km / KM_PER_MILE, "mi"),
    };
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0} {unit}")
    } else {
        format!("{rounded:.1} {unit}")
    }
}

/// A distance in the athlete's units, to the nearest whole one: `59 km`, `15 mi`.
pub fn whole_distance(km: f64, units: Units) -> String {
    let (value, unit) = match units {
        Units::Km => (km, "km"),
        Units::Mi => (km / KM_PER_MILE, "mi"),
    };
    format!("{:.0} {unit}", value.round())
}

/// A run: `easy 40 min`, `long 1h50 (20 km)`, `race 21.1 km`.
pub fn run_summary(run: &RunSession, units: Units) -> String {
    let kind = run.run_type.as_str();
    match (run.minutes, run.km) {
        (0, Some(km)) => format!("{kind} {}", distance_summary(km, units)),
        (m, Some(km)) => format!(
            "{kind} {} ({})",
            minutes_summary(m),
            distance_summary(km, units)
        ),
        (m, None) => format!("{kind} {}", minutes_summary(m)),
    }
}

/// A strength session's headline: `strength lower, moderate, 40 min, after the run`.
pub fn strength_summary(s: &StrengthSession) -> String {
    format!(
        "strength {}, {}, {}, {}",
        s.focus,
        s.intensity,
        minutes_summary(s.minutes),
        timing_summary(s.timing)
    )
}

/// `after the run` or `separate (6 h+ from the run)`.
pub fn timing_summary(t: Timing) -> &'static str {
    match t {
        Timing::AfterRun => "after the run",
        Timing::Separate => "separate session",
    }
}

/// One exercise compactly: `goblet-squat 3x10-15 @RIR 2 tempo 3-1-1`, `plank 2x20-30 s hold`.
pub fn exercise_summary(e: &PrescribedExercise) -> String {
    let rir = e.dose.rir.map(|r| format!(" @RIR {r}")).unwrap_or_default();
    format!(
        "{} {}x{}{rir} tempo {}",
        e.id, e.dose.sets, e.dose.amount, e.tempo
    )
}

/// Reps in reserve as a clause (`, 2 in reserve`), empty where it does not apply (holds,
/// get-ups, carries, plyometrics, mobility).
pub fn reserve_summary(e: &PrescribedExercise) -> String {
    e.dose
        .rir
        .map(|r| format!(", {r} in reserve"))
        .unwrap_or_default()
}

/// The goal in words: `half-marathon on 2027-04-25`, `general fitness`.
pub fn goal_summary(goal: &Goal) -> String {
    match goal {
        Goal::Race { race, date } => format!("{race} on {date}"),
        Goal::Fitness => "general fitness (no race)".to_string(),
        Goal::OffSeason => "off-season strength (no race)".to_string(),
    }
}

/// Phase and markers of a week: `base`, `build, deload`, `race week`.
pub fn week_label(w: &PlanWeek) -> String {
    let phase = match w.phase {
        keel_core::model::Phase::Race => "race week".to_string(),
        p => p.to_string(),
    };
    if w.deload {
        format!("{phase}, deload")
    } else {
        phase
    }
}

/// The daily protein and carbohydrate lines, in grams: carbohydrate for each kind of day the
/// plan holds.
pub fn nutrition_lines(n: &Nutrition) -> Vec<String> {
    let carbs: Vec<String> = n
        .carbohydrate_days
        .iter()
        .map(|c| {
            let what = match c.day {
                DayLoad::Rest | DayLoad::Light => "on rest and light days",
                DayLoad::Moderate => "on days of about an hour's training",
                DayLoad::High => "on days of 90 min to 4 h",
                DayLoad::VeryHigh => "on days over 4 h",
            };
            format!(
                "{}-{} g {what} ({}, {} days)",
                c.grams[0],
                c.grams[1],
                format_args!("{:.0}-{:.0} g/kg", c.g_per_kg[0], c.g_per_kg[1]),
                c.days
            )
        })
        .collect();
    vec![
        format!(
            "Protein: {}-{} g a day (`protein`).",
            n.protein_g[0], n.protein_g[1]
        ),
        format!("Carbohydrate: {} (`carbohydrate`).", carbs.join("; ")),
    ]
}

/// What a Markdown document shows: which weeks, whether the season overview comes first,
/// the adjustments in force and whether every reason is given.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownView<'a> {
    /// The weeks shown in full, in order (a run of the plan's weeks).
    pub weeks: &'a [PlanWeek],
    /// The season overview first, with the week at this index marked as the current one.
    pub overview: Option<Option<usize>>,
    /// The adjustments in force (grouped by cause under their week).
    pub changes: &'a [Change],
    /// Every session's other reasons with their sentences (`--why`).
    pub why: bool,
}

/// Writes the whole plan as Markdown: the overview, every week with every reason.
pub fn write_plan_markdown(plan: &Plan, out: impl Write) -> io::Result<()> {
    let view = MarkdownView {
        weeks: &plan.weeks,
        overview: Some(None),
        changes: &[],
        why: true,
    };
    write_markdown(plan, &view, out)
}

/// Writes the weeks of `view` as Markdown, each a printable page: a heading, its
/// adjustments and notes, a table of its days, then each strength session with its reason
/// and every exercise with its dose and cue. No sentence is written twice.
pub fn write_markdown(plan: &Plan, view: &MarkdownView<'_>, mut out: impl Write) -> io::Result<()> {
    let units = plan.athlete.units;
    let mut reader = Reader::new(plan, view.changes, view.why);
    writeln!(
        out,
        "# Strength plan for {}: {}\n",
        plan.athlete.name.replace('\n', " "),
        goal_summary(&plan.goal)
    )?;
    let first = plan
        .weeks
        .first()
        .map(|w| w.start.strftime("%a %-d %b %Y").to_string());
    writeln!(
        out,
        "{} weeks from {}, placement strategy `{}`. {LEGEND}\n",
        plan.weeks.len(),
        first.unwrap_or_default(),
        plan.strategy
    )?;
    let warnings = reader.fresh(&plan.warnings, "the warnings");
    if !warnings.is_empty() {
        writeln!(out, "## Warnings\n")?;
        for w in warnings {
            writeln!(out, "- {} (`{}`)", w.text, w.rule)?;
        }
        writeln!(out)?;
    }
    if let Some(current) = view.overview {
        write_overview(&mut out, plan, current, units)?;
    }
    for week in view.weeks {
        let reading = reader.week(week);
        write_week(&mut out, &reading, units)?;
    }
    if view.overview.is_some() {
        writeln!(out, "## Fuel\n")?;
        for line in nutrition_lines(&plan.nutrition) {
            writeln!(out, "- {line}")?;
        }
        let full = view.why || view.weeks.len() == plan.weeks.len();
        let advice = fuel_advice(plan, full);
        for why in reader.fresh(advice, "fuel") {
            writeln!(out, "- {} (`{}`)", why.text, why.rule)?;
        }
    }
    Ok(())
}

/// What the signs in the plan mean, said once at the top.
pub const LEGEND: &str = "◆ marks a hard run. RIR: reps left in reserve at the end of each \
    set; tempo 3-1-1: 3 s down, 1 s pause, up with control. `keel rules ID` explains a rule id.";

fn write_overview(
    out: &mut impl Write,
    plan: &Plan,
    current: Option<usize>,
    units: Units,
) -> io::Result<()> {
    writeln!(out, "## Season\n")?;
    writeln!(out, "| Week | Dates | Phase | Running | Strength | |")?;
    writeln!(out, "|---:|---|---|---|---:|---|")?;
    for l in overview(plan, current) {
        let km = l
            .run_km
            .map(|km| format!(", {}", whole_distance(km, units)))
            .unwrap_or_default();
        let mut mark = l.mark();
        if l.current {
            mark = [mark.as_str(), "this week"]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
        }
        let index = if l.current {
            format!("**{}**", l.index)
        } else {
            l.index.to_string()
        };
        writeln!(
            out,
            "| {index} | {} | {} | {}{km} | {} | {mark} |",
            l.dates(),
            l.phase,
            minutes_summary(l.run_minutes),
            l.strength
        )?;
    }
    writeln!(out)
}

fn write_week(out: &mut impl Write, r: &WeekReading<'_>, units: Units) -> io::Result<()> {
    let week = r.week;
    writeln!(
        out,
        "## Week {} of {}: {} ({})\n",
        week.index,
        r.of,
        week_dates(week),
        week_label(week)
    )?;
    let distance = week
        .run_km
        .map(|km| format!(", about {}", distance_summary(km, units)))
        .unwrap_or_default();
    writeln!(
        out,
        "Running {}{distance} · {} strength session{}\n",
        minutes_summary(week.run_minutes),
        strength_count(week),
        if strength_count(week) == 1 { "" } else { "s" }
    )?;
    write_changes(out, &r.changes)?;
    let mut notes: Vec<String> = r
        .notes
        .iter()
        .map(|n| format!("{} (`{}`)", n.text, n.rule))
        .collect();
    match &r.warm_up {
        Some(Said::New(items)) => notes.push(format!(
            "Warm-up before each session: {}. (`warm-up`)",
            items.join("; ")
        )),
        Some(Said::Before(place)) => notes.push(format!("Warm-up: as in {place}")),
        None => {}
    }
    match &r.load {
        Some(Said::New(load)) => notes.push(format!("Loads: {load}. (`reps-in-reserve`)")),
        Some(Said::Before(place)) => notes.push(format!("Loads: as in {place}")),
        None => {}
    }
    for n in &notes {
        writeln!(out, "- {n}")?;
    }
    if !notes.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "| Day | Sessions |")?;
    writeln!(out, "|---|---|")?;
    for d in &r.days {
        writeln!(
            out,
            "| {} | {} |",
            d.day.date.strftime("%a %-d %b"),
            cell(&day_cell(d.day, units))
        )?;
    }
    writeln!(out)?;
    for d in &r.days {
        for s in &d.sessions {
            if let SessionReading::Strength(st) = s {
                write_strength(out, d.day, st)?;
            }
        }
    }
    Ok(())
}

/// The adjustments in force: each cause once, then one line per change.
fn write_changes(out: &mut impl Write, groups: &[CauseGroup<'_>]) -> io::Result<()> {
    if groups.is_empty() {
        return Ok(());
    }
    writeln!(out, "**Changed from your check-ins and log**\n")?;
    for g in groups {
        if g.cause.is_empty() {
            for c in &g.changes {
                writeln!(out, "- {} (`{}`)", c.text, c.rule)?;
            }
        } else {
            writeln!(
                out,
                "- Because {} (`{}`):",
                lowercase_first(g.cause),
                g.rule
            )?;
            for c in &g.changes {
                writeln!(out, "  - {}", capitalise_effect(c.effect()))?;
            }
        }
    }
    writeln!(out)
}

/// An effect as the start of a line: capitalised, but never keel's own name.
pub fn capitalise_effect(effect: &str) -> String {
    if effect.starts_with("keel ") {
        effect.to_string()
    } else {
        keel_core::text::capitalise(effect)
    }
}

fn day_cell(day: &PlanDay, units: Units) -> String {
    if day.sessions.is_empty() {
        return if day.rest {
            "rest".to_string()
        } else {
            "-".to_string()
        };
    }
    day.sessions
        .iter()
        .map(|s| match s {
            Session::Run(r) if r.run_type.is_hard() => format!("{} ◆", run_summary(r, units)),
            Session::Run(r) => run_summary(r, units),
            Session::Strength(st) => format!("**{}**", strength_summary(st)),
        })
        .collect::<Vec<_>>()
        .join("; then ")
}

fn write_strength(out: &mut impl Write, day: &PlanDay, r: &StrengthReading<'_>) -> io::Result<()> {
    let s = r.session;
    writeln!(
        out,
        "### {}: {}\n",
        day.date.strftime("%a %-d %b"),
        strength_summary(s)
    )?;
    let mut head: Vec<String> = Vec::new();
    if let Some(rir) = r.rir {
        head.push(format!("RIR {rir}"));
    }
    match r.tempo.filter(|t| *t != "hold") {
        Some(t) if t.starts_with(|c: char| c.is_ascii_digit()) => head.push(format!("tempo {t}")),
        Some(t) => head.push(t.to_string()),
        None => {}
    }
    let reason = match &r.reason {
        Reason::New(w) => format!("Why: {} (`{}`)", w.text, w.rule),
        Reason::Before { rule, place } => format!("Why: as on {place} (`{rule}`)"),
        Reason::Changed(c) => format!("Changed this week (`{}`): see above", c.rule),
        Reason::None => String::new(),
    };
    if !reason.is_empty() {
        head.push(reason);
    }
    if !head.is_empty() {
        writeln!(out, "{}\n", head.join(" · "))?;
    }
    match &r.warm_up {
        Some(Said::New(items)) => writeln!(out, "Warm-up: {}.\n", items.join("; "))?,
        Some(Said::Before(place)) => writeln!(out, "Warm-up: as on {place}\n")?,
        None => {}
    }
    match &r.load {
        Some(Said::New(load)) => writeln!(out, "Load: {load}.\n")?,
        Some(Said::Before(place)) => writeln!(out, "Load: as on {place}\n")?,
        None => {}
    }
    for (i, e) in r.exercises.iter().enumerate() {
        write!(
            out,
            "{}. **{}** (`{}`)",
            i + 1,
            e.exercise.name,
            e.exercise.id
        )?;
        let rest = e.line();
        let rest = rest.strip_prefix(e.exercise.name.as_str()).unwrap_or(&rest);
        write!(out, "{rest}")?;
        if let Some(load) = e.load {
            write!(out, " · load: {load}")?;
        }
        if let Some(cue) = e.cue {
            write!(out, "  \n   *{cue}*")?;
        }
        writeln!(out)?;
    }
    writeln!(out)?;
    if !r.also.is_empty() || !r.also_before.is_empty() {
        for w in &r.also {
            writeln!(out, "- {} (`{}`)", w.text, w.rule)?;
        }
        if !r.also_before.is_empty() {
            let ids: Vec<String> = r.also_before.iter().map(|id| format!("`{id}`")).collect();
            writeln!(out, "- Also, as above: {}", ids.join(", "))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Text safe inside a table cell: pipes escaped, newlines flattened.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_read_like_a_training_log() {
        assert_eq!(minutes_summary(40), "40 min");
        assert_eq!(minutes_summary(60), "1h");
        assert_eq!(minutes_summary(110), "1h50");
        assert_eq!(minutes_summary(65), "1h05");
    }

    #[test]
    fn distances_follow_the_athletes_units() {
        assert_eq!(distance_summary(8.0, Units::Km), "8 km");
        assert_eq!(distance_summary(21.0975, Units::Km), "21.1 km");
        assert_eq!(distance_summary(5.0 * KM_PER_MILE, Units::Mi), "5 mi");
    }

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
