//! `keel plan` as terminal text: a header, the season overview (one line per week), then
//! the chosen weeks in full, and fuel guidance with the overview.

use super::session::{self, day_label, run_text, ChangesAre};
use super::Text;
use keel_core::adapt::Change;
use keel_core::model::Units;
use keel_core::plan::{Plan, PlanWeek};
use keel_export::markdown::{
    distance_summary, goal_summary, minutes_summary, nutrition_lines, week_label, whole_distance,
    LEGEND,
};
use keel_export::reading::{
    fuel_advice, overview, strength_count, week_dates, Reader, Said, SessionReading, WeekReading,
};

/// What `keel plan` shows.
#[derive(Debug, Clone, Copy)]
pub struct PlanView<'a> {
    /// The weeks shown in full, in order.
    pub weeks: &'a [PlanWeek],
    /// The season overview first, marking the week at this index as the current one.
    pub overview: Option<Option<usize>>,
    /// The adjustments in force.
    pub changes: &'a [Change],
    /// Every session's other reasons (`--why`).
    pub why: bool,
    /// A line after the overview when no week follows (the season is over).
    pub note: Option<&'a str>,
}

/// The plan as text at `width`; `color` makes headings bold.
pub fn render(plan: &Plan, view: &PlanView<'_>, width: usize, color: bool) -> String {
    let units = plan.athlete.units;
    let mut t = Text::new(width, color);
    let mut reader = Reader::new(plan, view.changes, view.why);
    t.heading(&format!(
        "Strength plan for {}: {}",
        keel_app::text::text(&plan.athlete.name),
        goal_summary(&plan.goal)
    ));
    let first = plan
        .weeks
        .first()
        .map(|w| w.start.strftime("%a %-d %b %Y").to_string());
    t.wrap(
        &format!(
            "{} weeks from {}, placement strategy {}.",
            plan.weeks.len(),
            first.unwrap_or_default(),
            plan.strategy
        ),
        "",
        "",
    );
    let warnings = reader.fresh(&plan.warnings, "the warnings");
    if !warnings.is_empty() {
        t.blank();
        t.heading("Warnings");
        for w in warnings {
            t.wrap(&format!("{} [{}]", w.text, w.rule), "  ! ", "    ");
        }
    }
    if let Some(current) = view.overview {
        t.blank();
        season(&mut t, plan, current, units);
    }
    if let Some(note) = view.note {
        t.blank();
        t.wrap(note, "", "");
    }
    for week in view.weeks {
        t.blank();
        let reading = reader.week(week);
        week_text(&mut t, &reading, units);
    }
    if view.overview.is_some() {
        t.blank();
        t.heading("Fuel");
        for line in nutrition_lines(&plan.nutrition) {
            t.para("  ", &rule_brackets(&line));
        }
        let full = view.why || view.weeks.len() == plan.weeks.len();
        let advice = fuel_advice(plan, full);
        for why in reader.fresh(advice, "fuel") {
            t.para("  ", &format!("{} [{}]", why.text, why.rule));
        }
    }
    t.blank();
    t.wrap(LEGEND, "", "");
    t.finish()
}

/// The season overview: one line per week, `>` on the current one. A mark that does not fit
/// the width goes on a line of its own.
fn season(t: &mut Text, plan: &Plan, current: Option<usize>, units: Units) {
    t.heading("Season (> this week)");
    t.line("  Wk  Dates         Phase       Running      Strength");
    for l in overview(plan, current) {
        let km = l
            .run_km
            .map(|km| whole_distance(km, units))
            .unwrap_or_default();
        let row = format!(
            "{}{:>3}  {:<12}  {:<10} {:>5} {:>6}  {}",
            if l.current { ">" } else { " " },
            l.index,
            l.dates(),
            l.phase.as_str(),
            minutes_summary(l.run_minutes),
            km,
            l.strength,
        );
        let mark = l.mark();
        if mark.is_empty() {
            t.line(row.trim_end());
        } else if row.chars().count() + 2 + mark.chars().count() <= t.width() {
            t.line(&format!("{row}  {mark}"));
        } else {
            t.line(row.trim_end());
            t.line(&format!("{:>width$}{mark}", "", width = 6));
        }
    }
}

/// One week in full: heading, adjustments in force, notes, then day by day.
fn week_text(t: &mut Text, r: &WeekReading<'_>, units: Units) {
    let week = r.week;
    let km = week
        .run_km
        .map(|km| format!(", about {}", distance_summary(km, units)))
        .unwrap_or_default();
    let n = strength_count(week);
    t.heading(&format!(
        "Week {} of {} · {} · {}",
        week.index,
        r.of,
        week_dates(week),
        week_label(week),
    ));
    t.para(
        "  ",
        &format!(
            "Running {}{km} · {n} strength session{}",
            minutes_summary(week.run_minutes),
            if n == 1 { "" } else { "s" }
        ),
    );
    if !r.changes.is_empty() {
        t.para("  ", "Changed from your check-ins and log:");
        session::changes(t, &r.changes, "  ");
    }
    for n in &r.notes {
        t.para("  ", &format!("{} [{}]", n.text, n.rule));
    }
    match &r.warm_up {
        Some(Said::New(items)) => t.para(
            "  ",
            &format!(
                "Warm-up before each session: {}. [warm-up]",
                items.join("; ")
            ),
        ),
        Some(Said::Before(place)) => t.para("  ", &format!("Warm-up: as in {place}")),
        None => {}
    }
    match &r.load {
        Some(Said::New(load)) => t.para("  ", &format!("Loads: {load}. [reps-in-reserve]")),
        Some(Said::Before(place)) => t.para("  ", &format!("Loads: as in {place}")),
        None => {}
    }
    for d in &r.days {
        let label = format!("{:<12}", day_label(d.day.date));
        let runs: Vec<String> = d
            .sessions
            .iter()
            .filter_map(|s| match s {
                SessionReading::Run(run) => Some(run_text(run, units)),
                SessionReading::Strength(_) => None,
            })
            .collect();
        let day = if !runs.is_empty() {
            runs.join(", then ")
        } else if d.day.rest {
            "rest".to_string()
        } else if d.sessions.is_empty() {
            "-".to_string()
        } else {
            "no run".to_string()
        };
        t.wrap(&day, &label, &" ".repeat(label.len()));
        for s in &d.sessions {
            if let SessionReading::Strength(st) = s {
                session::strength(t, st, "  ", ChangesAre::Above);
            }
        }
    }
}

/// Markdown's rule ids in code spans (`` (`protein`) ``) as the terminal writes them
/// (`[protein]`).
fn rule_brackets(line: &str) -> String {
    line.replace("(`", "[").replace("`)", "]")
}
