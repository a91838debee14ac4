//! `keel exercises [ID|PATTERN]`: the exercise library: every exercise by pattern, one
//! pattern's exercises, or one exercise in full.

use crate::settings::Global;
use crate::text::Text;
use anyhow::anyhow;
use keel_core::exercises::{self, Exercise, Pattern, LIBRARY};
use keel_core::model::Equipment;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// The exercise library: pattern, muscles, equipment, variants, dose unit and cue.
#[derive(Debug, clap::Args)]
pub struct ExercisesArgs {
    /// An exercise id (`goblet-squat`) for that exercise in full, or a pattern (`hinge`,
    /// `single-leg`, `plyometric`, ...) for its exercises. Default: the whole library.
    #[arg(value_name = "ID|PATTERN")]
    pub query: Option<String>,
}

impl ExercisesArgs {
    pub fn run(self, _global: &Global) -> anyhow::Result<ExitCode> {
        let tty = std::io::stdout().is_terminal();
        let mut t = Text::new(crate::text::width(tty), tty);
        match self.query.as_deref().map(str::trim) {
            None => {
                t.wrap(
                    &format!(
                        "{} exercises in {} patterns. `keel exercises ID` shows one in full, \
                         `keel exercises PATTERN` the exercises of one pattern.",
                        LIBRARY.len(),
                        Pattern::ALL.len()
                    ),
                    "",
                    "",
                );
                for p in Pattern::ALL {
                    t.blank();
                    pattern(&mut t, *p);
                }
            }
            Some(q) => {
                if let Some(e) = exercises::find(q) {
                    one(&mut t, e);
                } else if let Ok(p) = q.parse::<Pattern>() {
                    pattern(&mut t, p);
                } else {
                    return Err(unknown(q));
                }
            }
        }
        let mut out = super::stdout();
        out.write_all(t.finish().as_bytes())?;
        out.flush()?;
        Ok(ExitCode::SUCCESS)
    }
}

/// Exit 2 with the closest id or pattern.
fn unknown(q: &str) -> anyhow::Error {
    let mut words: Vec<&str> = LIBRARY.iter().map(|e| e.id).collect();
    words.extend(Pattern::ALL.iter().map(|p| p.as_str()));
    let guess = keel_profile::closest(q, &words).or_else(|| exercises::match_name(q).map(|e| e.id));
    let shown = keel_app::text::text(q);
    match guess {
        Some(g) => anyhow!(
            "unknown exercise or pattern `{shown}`; did you mean `{g}`? (`keel exercises` lists them all)"
        ),
        None => anyhow!(
            "unknown exercise or pattern `{shown}`; `keel exercises` lists them all"
        ),
    }
}

/// A pattern's heading, then each of its exercises in a few lines.
fn pattern(t: &mut Text, p: Pattern) {
    let members: Vec<&Exercise> = LIBRARY.iter().filter(|e| e.pattern == p).collect();
    t.heading(&format!(
        "{} ({}), {} exercise{}",
        p.as_str(),
        p.describe(),
        members.len(),
        if members.len() == 1 { "" } else { "s" }
    ));
    for e in members {
        t.wrap(&format!("{} · {}", e.id, e.name), "  ", "    ");
        let mut facts = vec![unit(e), format!("muscles: {}", muscles(e))];
        facts.push(format!("equipment: {}", equipment(e)));
        t.wrap(&facts.join(" · "), "    ", "      ");
        let v = variants(e);
        if !v.is_empty() {
            t.wrap(&v, "    ", "      ");
        }
        t.wrap(e.cue, "    ", "    ");
    }
}

/// One exercise in full.
fn one(t: &mut Text, e: &Exercise) {
    t.heading(&format!("{} ({})", e.name, e.id));
    let row = |t: &mut Text, k: &str, v: &str| t.wrap(v, &format!("  {k:<12}"), &" ".repeat(14));
    row(
        t,
        "Pattern",
        &format!("{} ({})", e.pattern.as_str(), e.pattern.describe()),
    );
    row(t, "Kind", &format!("{}, {}", e.kind.as_str(), unit(e)));
    row(t, "Muscles", &muscles(e));
    row(t, "Equipment", &equipment(e));
    row(
        t,
        "Sides",
        if e.each_side {
            "one side at a time: the dose counts each side"
        } else {
            "both at once"
        },
    );
    row(t, "Level", &format!("{} of 3", e.level));
    for (k, chain) in [
        ("Easier", chain(e, |x| x.easier)),
        ("Harder", chain(e, |x| x.harder)),
    ] {
        if !chain.is_empty() {
            row(t, k, &chain);
        }
    }
    if e.drill {
        row(
            t,
            "Drill",
            "a competency drill, prescribed until the movement screen passes",
        );
    }
    if !e.aliases.is_empty() {
        row(t, "Also called", &e.aliases.join(", "));
    }
    row(t, "Cue", e.cue);
}

/// `reps, with reps in reserve`, `seconds (a hold)`, ...
fn unit(e: &Exercise) -> String {
    let unit = match e.unit() {
        keel_core::dose::Unit::Reps => "dosed in reps",
        keel_core::dose::Unit::Seconds => "dosed in seconds",
        keel_core::dose::Unit::Metres => "dosed in metres",
        keel_core::dose::Unit::Contacts => "dosed in foot contacts",
        keel_core::dose::Unit::SlowReps => "dosed in slow reps",
    };
    let side = if e.each_side { " each side" } else { "" };
    let rir = if e.has_rir() {
        ", with reps in reserve"
    } else {
        ""
    };
    format!("{unit}{side}{rir}")
}

/// `legs, core (loads the legs)`.
fn muscles(e: &Exercise) -> String {
    let names: Vec<&str> = e.muscles.iter().map(|m| m.as_str()).collect();
    let names = if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    };
    let legs = if e.loads_legs() {
        "loads the legs"
    } else {
        "spares the legs"
    };
    format!("{names} ({legs})")
}

/// The ways to equip it: `dumbbell | kettlebell | band`, `barbell + bench`.
fn equipment(e: &Exercise) -> String {
    e.equipment
        .iter()
        .map(|way| {
            if way.iter().all(|q| *q == Equipment::Bodyweight) {
                "bodyweight".to_string()
            } else {
                way.iter()
                    .filter(|q| **q != Equipment::Bodyweight)
                    .map(|q| q.as_str())
                    .collect::<Vec<_>>()
                    .join(" + ")
            }
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// `easier: x · harder: y`, or empty.
fn variants(e: &Exercise) -> String {
    [("easier", e.easier), ("harder", e.harder)]
        .into_iter()
        .filter_map(|(k, v)| v.map(|id| format!("{k}: {id}")))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The chain of variants one way, nearest first: `split-squat, then static-lunge`.
fn chain(e: &Exercise, step: fn(&Exercise) -> Option<&'static str>) -> String {
    let mut out = Vec::new();
    let mut cur = e;
    while let Some(next) = step(cur).and_then(exercises::find) {
        if out.len() > LIBRARY.len() {
            break;
        }
        out.push(format!("{} ({})", next.id, next.name));
        cur = next;
    }
    out.join(", then ")
}
