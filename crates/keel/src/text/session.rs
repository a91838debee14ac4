//! A strength session, a run and the adjustments in force, as `keel plan`, `keel today` and
//! `keel explain` print them.

use super::Text;
use keel_core::model::Units;
use keel_core::plan::{RunSession, StrengthSession, Timing};
use keel_core::rules::week::focus_phrase;
use keel_core::text::lowercase_first;
use keel_export::markdown::{capitalise_effect, minutes_summary, run_summary};
use keel_export::reading::{CauseGroup, Reason, Said, StrengthReading};

/// Marks hard runs.
pub const HARD: &str = "◆";

/// `Tue 5 Jan`.
pub fn day_label(date: jiff::civil::Date) -> String {
    date.strftime("%a %-d %b").to_string()
}

/// A run: `intervals 1h ◆`, `easy 48 min (8 km)`, `easy cross-training 45 min`.
pub fn run_text(r: &RunSession, units: Units) -> String {
    if r.run_type == keel_core::model::RunType::Cross {
        return format!("easy cross-training {}", minutes_summary(r.minutes));
    }
    if r.run_type.is_hard() {
        format!("{} {HARD}", run_summary(r, units))
    } else {
        run_summary(r, units)
    }
}

/// The session's headline: `Strength after the run: full-body · moderate · 40 min · RIR 2 ·
/// tempo 3-1-1`.
pub fn headline(st: &StrengthSession, rir: Option<u32>, tempo: Option<&str>) -> String {
    let when = match st.timing {
        Timing::AfterRun => "Strength after the run",
        Timing::Separate => "Strength, a separate session (6 h+ from any run)",
    };
    let what = match st.focus {
        keel_core::model::Focus::Mobility => "mobility".to_string(),
        f => focus_phrase(f).to_string(),
    };
    let mut parts = vec![what, st.intensity.to_string(), minutes_summary(st.minutes)];
    if let Some(r) = rir {
        parts.push(format!("RIR {r}"));
    }
    if let Some(t) = tempo.filter(|t| *t != "hold") {
        parts.push(tempo_text(t));
    }
    // Each part stays on one line: `RIR 2` never breaks between its words.
    let parts: Vec<String> = parts.iter().map(|p| p.replace(' ', "\u{a0}")).collect();
    format!("{when}: {}", parts.join(" · "))
}

/// Where a changed session's line is: `see above` in a week, `see below` in `keel today`.
#[derive(Debug, Clone, Copy)]
pub enum ChangesAre {
    /// Printed before the session.
    Above,
    /// Printed after it.
    Below,
}

/// A strength session under its day, indented by `indent`: headline, one line of reason,
/// warm-up and load when its own, each exercise with its cue, and with `--why` its other
/// reasons.
pub fn strength(t: &mut Text, r: &StrengthReading<'_>, indent: &str, changes: ChangesAre) {
    let inner = format!("{indent}  ");
    t.para(indent, &headline(r.session, r.rir, r.tempo));
    match &r.reason {
        Reason::New(w) => t.para(&inner, &format!("why: {} [{}]", w.text, w.rule)),
        Reason::Before { rule, place } => t.para(&inner, &format!("why: as on {place} [{rule}]")),
        Reason::Changed(c) => {
            let wher = match changes {
                ChangesAre::Above => "above",
                ChangesAre::Below => "below",
            };
            t.para(&inner, &format!("why: changed, see {wher} [{}]", c.rule));
        }
        Reason::None => {}
    }
    match &r.warm_up {
        Some(Said::New(items)) => t.para(&inner, &format!("warm-up: {}.", items.join("; "))),
        Some(Said::Before(place)) => t.para(&inner, &format!("warm-up: as on {place}")),
        None => {}
    }
    match &r.load {
        Some(Said::New(load)) => t.para(&inner, &format!("load: {load}.")),
        Some(Said::Before(place)) => t.para(&inner, &format!("load: as on {place}")),
        None => {}
    }
    for (i, e) in r.exercises.iter().enumerate() {
        let number = format!("{inner}{}. ", i + 1);
        let under = " ".repeat(number.chars().count());
        t.wrap(&e.line(), &number, &under);
        if let Some(load) = e.load {
            t.wrap(&format!("load: {load}"), &under, &format!("{under}  "));
        }
        if let Some(cue) = e.cue {
            t.wrap(cue, &under, &under);
        }
    }
    for w in &r.also {
        t.para(&inner, &format!("also: {} [{}]", w.text, w.rule));
    }
    if !r.also_before.is_empty() {
        t.para(
            &inner,
            &format!("also, as above: [{}]", r.also_before.join(", ")),
        );
    }
}

/// The adjustments in force: each cause once (`Because ... [rule]:`), then one line per
/// change; advice without a cause on its own line.
pub fn changes(t: &mut Text, groups: &[CauseGroup<'_>], indent: &str) {
    let bullet = format!("{indent}  - ");
    let under = format!("{indent}    ");
    for g in groups {
        if g.cause.is_empty() {
            for c in &g.changes {
                t.wrap(
                    &format!("{} [{}]", c.text, c.rule),
                    &format!("{indent}- "),
                    &format!("{indent}  "),
                );
            }
            continue;
        }
        t.para(
            indent,
            &format!("Because {} [{}]:", lowercase_first(g.cause), g.rule),
        );
        for c in &g.changes {
            t.wrap(&capitalise_effect(c.effect()), &bullet, &under);
        }
    }
}

/// `tempo 3-1-1` for a tempo in seconds; how to move as it is (`slow, breathe`).
pub fn tempo_text(tempo: &str) -> String {
    if tempo.starts_with(|c: char| c.is_ascii_digit()) {
        format!("tempo {tempo}")
    } else {
        tempo.to_string()
    }
}
