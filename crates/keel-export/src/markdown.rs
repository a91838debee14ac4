//! The Markdown writer: a heading per week, a table of its days, each strength session's
//! exercises as a list, and the reasons (rule ids) for every choice.
//!
//! The small `*_summary` helpers are public so the terminal view says things the same way.

use keel_core::model::{Goal, Units, KM_PER_MILE};
use keel_core::plan::{
    Nutrition, Plan, PlanDay, PlanWeek, PrescribedExercise, RunSession, Session, StrengthSession,
    Timing,
};
use keel_core::rules::carbohydrate::DayLoad;
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

/// Writes the whole plan as Markdown.
pub fn write_plan_markdown(plan: &Plan, mut out: impl Write) -> io::Result<()> {
    let units = plan.athlete.units;
    writeln!(
        out,
        "# Strength plan for {}: {}\n",
        plan.athlete.name.replace('\n', " "),
        goal_summary(&plan.goal)
    )?;
    writeln!(
        out,
        "{} weeks, placement strategy `{}`. Every choice names the rule behind it (`keel rules ID`).\n",
        plan.weeks.len(),
        plan.strategy
    )?;
    if !plan.warnings.is_empty() {
        writeln!(out, "## Warnings\n")?;
        for w in &plan.warnings {
            writeln!(out, "- `{}`: {}", w.rule, w.text)?;
        }
        writeln!(out)?;
    }
    for week in &plan.weeks {
        write_week(&mut out, week, units)?;
    }
    writeln!(out, "## Fuel\n")?;
    for line in nutrition_lines(&plan.nutrition) {
        writeln!(out, "- {line}")?;
    }
    // Protein and carbohydrate are the two lines above; the other reasons add advice.
    for why in &plan.nutrition.why {
        if why.rule != "protein" && why.rule != "carbohydrate" {
            writeln!(out, "- `{}`: {}", why.rule, why.text)?;
        }
    }
    Ok(())
}

fn write_week(out: &mut impl Write, week: &PlanWeek, units: Units) -> io::Result<()> {
    writeln!(
        out,
        "## Week {}: {} ({})\n",
        week.index,
        week.start,
        week_label(week)
    )?;
    let distance = week
        .run_km
        .map(|km| format!(", about {}", distance_summary(km, units)))
        .unwrap_or_default();
    writeln!(
        out,
        "Running: {}{distance}.\n",
        minutes_summary(week.run_minutes)
    )?;
    writeln!(out, "| Day | Date | Sessions |")?;
    writeln!(out, "|---|---|---|")?;
    for day in &week.days {
        writeln!(
            out,
            "| {} | {} | {} |",
            day.weekday.name(),
            day.date,
            cell(&day_cell(day, units))
        )?;
    }
    writeln!(out)?;
    for day in &week.days {
        for session in &day.sessions {
            if let Session::Strength(s) = session {
                write_strength(out, day, s)?;
            }
        }
    }
    if !week.adjustments.is_empty() {
        writeln!(out, "**Adjustments**\n")?;
        for a in &week.adjustments {
            writeln!(out, "- `{}`: {}", a.rule, a.text)?;
        }
        writeln!(out)?;
    }
    Ok(())
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
            Session::Run(r) => run_summary(r, units),
            Session::Strength(st) => format!("**{}**", strength_summary(st)),
        })
        .collect::<Vec<_>>()
        .join("; then ")
}

fn write_strength(out: &mut impl Write, day: &PlanDay, s: &StrengthSession) -> io::Result<()> {
    writeln!(
        out,
        "### {} {}: {}\n",
        day.weekday.name(),
        day.date,
        strength_summary(s)
    )?;
    if !s.warm_up.is_empty() {
        writeln!(out, "Warm-up: {}.\n", s.warm_up.join(", "))?;
    }
    for e in &s.exercises {
        let equipment: Vec<&str> = e.equipment.iter().map(|q| q.as_str()).collect();
        write!(
            out,
            "- {} (`{}`): {}{}, tempo {}",
            e.name,
            e.id,
            e.dose,
            reserve_summary(e),
            e.tempo
        )?;
        if !equipment.is_empty() {
            write!(out, "; {}", equipment.join(", "))?;
        }
        if let Some(load) = &e.load {
            write!(out, "; load: {load}")?;
        }
        match (&e.easier, &e.harder) {
            (Some(a), Some(b)) => write!(out, "; easier `{a}`, harder `{b}`")?,
            (Some(a), None) => write!(out, "; easier `{a}`")?,
            (None, Some(b)) => write!(out, "; harder `{b}`")?,
            (None, None) => {}
        }
        writeln!(out)?;
    }
    if !s.why.is_empty() {
        writeln!(out, "\nWhy:\n")?;
        for w in &s.why {
            writeln!(out, "- `{}`: {}", w.rule, w.text)?;
        }
    }
    writeln!(out)
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
