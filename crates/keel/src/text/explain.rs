//! `keel explain DATE` as text: one day, everything about it, each sentence once.

use super::session::{self, headline, run_text};
use super::Text;
use keel_core::adapt::{Change, DayFuel};
use keel_core::plan::{Plan, PlanDay, PlanWeek, PrescribedExercise, Session, StrengthSession};
use keel_core::readiness::Signal;
use keel_export::markdown::reserve_summary;
use keel_export::reading::{gear, group_changes, is_change, Seen};

/// What `keel explain` shows.
#[derive(Debug)]
pub struct ExplainView<'a> {
    /// The plan in force.
    pub plan: &'a Plan,
    /// The week holding the day.
    pub week: &'a PlanWeek,
    /// The day.
    pub day: &'a PlanDay,
    /// Readiness in one line, when there is a training log.
    pub readiness: Option<String>,
    /// The signals behind it.
    pub signals: &'a [Signal],
    /// The adjustments in force.
    pub changes: &'a [Change],
    /// Fuel for the day.
    pub fuel: DayFuel,
}

/// The day as text at `width`; `color` makes headings bold.
pub fn render(v: &ExplainView<'_>, width: usize, color: bool) -> String {
    let units = v.plan.athlete.units;
    let mut t = Text::new(width, color);
    let mut seen = Seen::new();
    let deload = if v.week.deload { ", deload" } else { "" };
    t.heading(&format!(
        "{} · week {} of {} · {} phase{deload}",
        v.day.date.strftime("%A %-d %B %Y"),
        v.week.index,
        v.plan.weeks.len(),
        v.week.phase
    ));
    match &v.readiness {
        Some(line) => {
            t.para("", &format!("Readiness: {line}"));
            for s in v.signals {
                let text = keel_core::text::capitalise(&s.text);
                t.wrap(&format!("{text} [{}]", s.rule), "  - ", "    ");
            }
        }
        None => t.para("", "Readiness: no training log, so no check-ins to read."),
    }
    t.blank();
    if v.day.rest || v.day.sessions.is_empty() {
        t.para(
            "",
            "Rest day: no run, no strength, no cross-training. A walk is fine.",
        );
    }
    for (i, s) in v.day.sessions.iter().enumerate() {
        match s {
            Session::Run(r) => {
                // The same run twice in a day is said once, with how many.
                let same = |o: &Session| matches!(o, Session::Run(o) if o == r);
                if v.day.sessions[..i].iter().any(same) {
                    continue;
                }
                let times = match v.day.sessions.iter().filter(|o| same(o)).count() {
                    1 => String::new(),
                    2 => " (twice)".to_string(),
                    n => format!(" ({n} times)"),
                };
                let run = format!("Run: {}{times}", run_text(r, units));
                if r.run_type.is_hard() {
                    t.para(
                        "",
                        &format!(
                            "{run}, a hard run: the day's key session, which strength never takes from."
                        ),
                    )
                } else {
                    t.para("", &run)
                }
            }
            Session::Strength(st) => strength(&mut t, &mut seen, st, v.changes),
        }
    }
    let notes: Vec<_> = v
        .week
        .adjustments
        .iter()
        .filter(|n| !is_change(n, v.changes))
        .filter(|n| seen.show(&n.text, "the week").is_none())
        .collect();
    if !notes.is_empty() {
        t.blank();
        t.heading(&format!("Week {}", v.week.index));
        for n in notes {
            t.wrap(&format!("[{}] {}", n.rule, n.text), "  ", "    ");
        }
    }
    t.blank();
    if v.changes.is_empty() {
        t.para(
            "",
            "Adjustments in force: none, the plan stands as written.",
        );
    } else {
        t.heading("Adjustments in force");
        session::changes(&mut t, &group_changes(v.changes), "  ");
    }
    t.blank();
    t.para(
        "",
        &format!(
            "Fuel ({} day): protein {}-{} g, carbohydrate {}-{} g. [protein] [carbohydrate]",
            v.fuel.load,
            v.fuel.protein_g[0],
            v.fuel.protein_g[1],
            v.fuel.carbohydrate_g[0],
            v.fuel.carbohydrate_g[1]
        ),
    );
    t.finish()
}

/// The session in full: headline, warm-up, every exercise with all it says, then every
/// reason, rule by rule.
fn strength(t: &mut Text, seen: &mut Seen, st: &StrengthSession, changes: &[Change]) {
    t.para("", &headline(st, None, None));
    if !st.warm_up.is_empty() {
        t.para("  ", &format!("warm-up: {}.", st.warm_up.join("; ")));
    }
    for (i, e) in st.exercises.iter().enumerate() {
        let number = format!("  {}. ", i + 1);
        let under = " ".repeat(number.chars().count());
        t.wrap(&format!("{} ({})", e.name, e.id), &number, &under);
        t.wrap(&dose_line(e), &under, &under);
        if let Some(load) = &e.load {
            if seen.show(load, "above").is_none() {
                t.wrap(&format!("load: {load}"), &under, &format!("{under}  "));
            } else {
                t.wrap("load: as above", &under, &under);
            }
        }
        if let Some(cue) = e.cue().filter(|c| seen.show(c, "above").is_none()) {
            t.wrap(cue, &under, &under);
        }
        let variants: Vec<String> = [("easier", &e.easier), ("harder", &e.harder)]
            .into_iter()
            .filter_map(|(k, v)| v.as_ref().map(|id| format!("{k}: {id}")))
            .collect();
        if !variants.is_empty() {
            t.wrap(&variants.join(" · "), &under, &under);
        }
    }
    let whys: Vec<_> = st
        .why
        .iter()
        .filter(|w| !is_change(w, changes))
        .filter(|w| seen.show(&w.text, "above").is_none())
        .collect();
    if !whys.is_empty() {
        t.para("  ", "Why, rule by rule:");
        for w in whys {
            t.wrap(&format!("[{}] {}", w.rule, w.text), "    ", "      ");
        }
    }
    if let Some(c) = changes
        .iter()
        .find(|c| st.why.iter().any(|w| w.text == c.text))
    {
        t.para(
            "  ",
            &format!("Changed by an adjustment below [{}]", c.rule),
        );
    }
}

/// `2 x 10-15 each side, 2 in reserve, tempo 3-1-1 · dumbbell`.
fn dose_line(e: &PrescribedExercise) -> String {
    let mut line = format!("{}{}", e.dose, reserve_summary(e));
    if e.tempo != "hold" {
        line.push_str(&format!(", {}", super::session::tempo_text(&e.tempo)));
    }
    let g = gear(e);
    if !g.is_empty() {
        line.push_str(&format!(" · {}", g.join(" + ")));
    }
    line
}
