//! `keel today` as text, to read on a phone: the day and its week, readiness in one line,
//! the day's runs, the strength session with loads and cues, what changed and why (each
//! cause once), fuel, and tomorrow. About 25 lines on an ordinary day.

use super::session::{self, day_label, run_text, ChangesAre};
use super::Text;
use keel_core::adapt::{Change, DayFuel};
use keel_core::plan::{Plan, PlanDay, PlanWeek, Session};
use keel_core::rules::week::focus_phrase;
use keel_export::markdown::minutes_summary;
use keel_export::reading::{group_changes, Reader};

/// What `keel today` shows.
#[derive(Debug)]
pub struct TodayView<'a> {
    /// The plan in force.
    pub plan: &'a Plan,
    /// The week holding the day.
    pub week: &'a PlanWeek,
    /// The day.
    pub day: &'a PlanDay,
    /// Tomorrow, when it is in the plan.
    pub tomorrow: Option<&'a PlanDay>,
    /// Readiness in one line.
    pub readiness: String,
    /// How many planned strength sessions were done lately, in one line (printed under
    /// readiness when there is one).
    pub compliance: Option<String>,
    /// The adjustments in force.
    pub changes: &'a [Change],
    /// Fuel for the day.
    pub fuel: DayFuel,
}

/// The day as text at `width`; `color` makes the first line bold.
pub fn render(v: &TodayView<'_>, width: usize, color: bool) -> String {
    let units = v.plan.athlete.units;
    let mut t = Text::new(width, color);
    let date = v.day.date;
    let deload = if v.week.deload { ", deload" } else { "" };
    t.heading(&format!(
        "{} · week {} of {} · {}{deload}",
        date.strftime("%A %-d %B %Y"),
        v.week.index,
        v.plan.weeks.len(),
        v.week.phase
    ));
    t.para("", &format!("Readiness: {}", v.readiness));
    if let Some(line) = &v.compliance {
        t.para("", line);
    }
    t.blank();
    if v.day.rest || v.day.sessions.is_empty() {
        t.para("", "Rest day: no run, no strength. A walk is fine.");
    }
    let mut reader = Reader::new(v.plan, v.changes, false);
    for s in &v.day.sessions {
        match s {
            Session::Run(r) => t.para("", &format!("Run: {}", run_text(r, units))),
            Session::Strength(st) => {
                let r = reader.strength(v.day, st, true, true);
                session::strength(&mut t, &r, "", ChangesAre::Below);
            }
        }
    }
    t.blank();
    if v.changes.is_empty() {
        t.para("", "Changes: none, the plan stands as written.");
    } else {
        t.para("", "Changed from your check-ins and log:");
        session::changes(&mut t, &group_changes(v.changes), "");
    }
    t.para(
        "",
        &format!(
            "Fuel ({} day): protein {}-{} g, carbohydrate {}-{} g.",
            v.fuel.load,
            v.fuel.protein_g[0],
            v.fuel.protein_g[1],
            v.fuel.carbohydrate_g[0],
            v.fuel.carbohydrate_g[1]
        ),
    );
    let next = match v.tomorrow {
        Some(d) => {
            let what: Vec<String> = d
                .sessions
                .iter()
                .map(|s| match s {
                    Session::Run(r) => run_text(r, units),
                    Session::Strength(st) => format!(
                        "{} strength ({}, {})",
                        focus_phrase(st.focus),
                        st.intensity,
                        minutes_summary(st.minutes)
                    ),
                })
                .collect();
            let what = if d.rest || what.is_empty() {
                "rest day".to_string()
            } else {
                what.join(", then ")
            };
            format!("Tomorrow, {}: {what}.", day_label(d.date))
        }
        None => "Tomorrow: past the end of the plan.".to_string(),
    };
    t.para("", &next);
    t.finish()
}
