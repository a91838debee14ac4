//! The terminal text and Markdown as a reader meets them: within the width, one reason per
//! strength session, every cue once, and no sentence twice in one output, on the three
//! examples and on random profiles.

use super::explain::{self, ExplainView};
use super::plan::{self, PlanView};
use super::today::{self, TodayView};
use crate::examples::Example;
use jiff::civil::Date;
use keel_core::adapt::{day_fuel, Change};
use keel_core::plan::{Plan, Session};
use keel_export::markdown::{write_markdown, MarkdownView};
use proptest::prelude::*;
use std::collections::HashMap;

#[path = "../../../keel-core/tests/common/mod.rs"]
mod random;

/// Wide enough that no line wraps: each paragraph is one line.
const UNWRAPPED: usize = 100_000;

fn example(e: Example) -> Plan {
    let today = Date::new(2026, 11, 22).expect("valid date");
    let profile =
        keel_profile::parse_profile_as_of("example", e.text(), today).expect("the examples parse");
    keel_core::planner::plan_season(&profile, today, None).expect("the examples plan")
}

const EXAMPLES: [Example; 3] = [Example::HalfMarathon, Example::Marathon, Example::Fitness];

/// Every output a plan gives without a log: the default view, `--all`, `--all --why`, one
/// week, Markdown of all weeks with every reason, and `keel today` and `keel explain` of
/// `day` (an index into the season's days).
fn outputs(plan: &Plan, current: usize, day: usize, width: usize) -> Vec<(String, String)> {
    let changes: &[Change] = &[];
    let all = PlanView {
        weeks: &plan.weeks,
        overview: Some(Some(current)),
        changes,
        why: false,
        note: None,
    };
    let mut out = vec![
        (
            "default".to_string(),
            plan::render(
                plan,
                &PlanView {
                    weeks: &plan.weeks[current..=current],
                    ..all
                },
                width,
                false,
            ),
        ),
        ("all".to_string(), plan::render(plan, &all, width, false)),
        (
            "all --why".to_string(),
            plan::render(plan, &PlanView { why: true, ..all }, width, false),
        ),
    ];
    let mut md = Vec::new();
    let view = MarkdownView {
        weeks: &plan.weeks,
        overview: Some(Some(current)),
        changes,
        why: true,
    };
    write_markdown(plan, &view, &mut md).expect("markdown");
    out.push(("markdown".into(), String::from_utf8(md).expect("utf-8")));
    let days: Vec<_> = plan.weeks.iter().flat_map(|w| &w.days).collect();
    let d = days[day % days.len()];
    let wi = keel_app::weeks::holding(plan, d.date).expect("in the plan");
    let week = &plan.weeks[wi];
    let fuel = day_fuel(60.0, d);
    let tomorrow = days.get(day % days.len() + 1).copied();
    out.push((
        format!("today {}", d.date),
        today::render(
            &TodayView {
                plan,
                week,
                day: d,
                tomorrow,
                readiness: "ready: no warning signs in check-ins or the log".into(),
                compliance: None,
                changes,
                fuel: fuel.clone(),
            },
            width,
            false,
        ),
    ));
    out.push((
        format!("explain {}", d.date),
        explain::render(
            &ExplainView {
                plan,
                week,
                day: d,
                readiness: None,
                signals: &[],
                changes,
                fuel,
            },
            width,
            false,
        ),
    ));
    out
}

/// Sentences of a text laid out without wrapping: runs of words ending with `.`, `!` or
/// `?` before a space or the end of the line, of at least six words.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        let mut start = 0;
        for (i, c) in chars.iter().enumerate() {
            let ends =
                matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
            if ends {
                let s: String = chars[start..=i].iter().collect();
                let s = s.trim().to_string();
                if s.split_whitespace().count() >= 6 {
                    out.push(s);
                }
                start = i + 1;
            }
        }
    }
    out
}

/// Every sentence the plan holds: reasons, notes, warnings, fuel advice, cues.
fn known_sentences(plan: &Plan) -> Vec<String> {
    let mut out: Vec<String> = plan.warnings.iter().map(|w| w.text.clone()).collect();
    out.extend(plan.nutrition.why.iter().map(|w| w.text.clone()));
    for w in &plan.weeks {
        out.extend(w.adjustments.iter().map(|a| a.text.clone()));
        for s in w.days.iter().flat_map(|d| &d.sessions) {
            if let Session::Strength(st) = s {
                out.extend(st.why.iter().map(|y| y.text.clone()));
                out.extend(
                    st.exercises
                        .iter()
                        .filter_map(|e| e.cue())
                        .map(String::from),
                );
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// No sentence twice in one output, found two ways: any sentence of six words or more, and
/// each of the plan's own sentences as it is.
fn assert_no_repeats(name: &str, text: &str, known: &[String]) -> Result<(), TestCaseError> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    let found = sentences(text);
    for s in &found {
        *count.entry(s.as_str()).or_default() += 1;
    }
    for (s, n) in count {
        prop_assert!(n == 1, "{name}: {n} times: {s}\n{text}");
    }
    for s in known {
        let n = text.matches(s.as_str()).count();
        prop_assert!(n <= 1, "{name}: {n} times: {s}\n{text}");
    }
    Ok(())
}

#[test]
fn no_output_of_the_examples_says_a_sentence_twice() {
    for e in EXAMPLES {
        let plan = example(e);
        let known = known_sentences(&plan);
        for current in [0, plan.weeks.len() / 2, plan.weeks.len() - 1] {
            for (name, text) in outputs(&plan, current, current * 7 + 1, UNWRAPPED) {
                assert_no_repeats(&name, &text, &known).expect("no repeats");
            }
        }
    }
}

#[test]
fn the_examples_keep_every_line_within_the_width() {
    for e in EXAMPLES {
        let plan = example(e);
        for width in [60, 80, 100] {
            for (name, text) in outputs(&plan, 1, 8, width) {
                if name == "markdown" {
                    continue;
                }
                for line in text.lines() {
                    assert!(line.chars().count() <= width, "{name} at {width}: {line}");
                }
            }
        }
    }
}

#[test]
fn each_strength_session_gives_one_reason_and_every_cue_once() {
    for e in EXAMPLES {
        let plan = example(e);
        let view = PlanView {
            weeks: &plan.weeks,
            overview: None,
            changes: &[],
            why: false,
            note: None,
        };
        let text = plan::render(&plan, &view, UNWRAPPED, false);
        let sessions = text.matches("Strength after the run").count()
            + text.matches("Strength, a separate session").count();
        assert!(sessions > 0);
        assert_eq!(text.matches("    why: ").count(), sessions, "{text}");
        assert!(!text.contains("also: "), "other reasons only with --why");
        for st in plan
            .weeks
            .iter()
            .flat_map(|w| &w.days)
            .flat_map(|d| &d.sessions)
            .filter_map(|s| match s {
                Session::Strength(st) => Some(st),
                Session::Run(_) => None,
            })
        {
            for ex in &st.exercises {
                let cue = ex
                    .cue()
                    .expect("every exercise of the plan is in the library");
                assert_eq!(text.matches(cue).count(), 1, "{}", ex.id);
            }
        }
    }
}

#[test]
fn with_why_every_reason_of_a_week_is_there_once() {
    for e in EXAMPLES {
        let plan = example(e);
        let week = &plan.weeks[1..2];
        let view = PlanView {
            weeks: week,
            overview: None,
            changes: &[],
            why: true,
            note: None,
        };
        let text = plan::render(&plan, &view, UNWRAPPED, false);
        for st in week[0]
            .days
            .iter()
            .flat_map(|d| &d.sessions)
            .filter_map(|s| match s {
                Session::Strength(st) => Some(st),
                Session::Run(_) => None,
            })
        {
            for w in &st.why {
                assert_eq!(text.matches(&w.text).count(), 1, "{}: {}", w.rule, w.text);
                assert!(text.contains(&w.rule), "{}", w.rule);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn no_output_of_a_random_plan_says_a_sentence_twice(
        (profile, today) in random::profile_and_today(),
        pick in 0usize..1000,
    ) {
        let Ok(plan) = keel_core::planner::plan_season(&profile, today, None) else {
            return Ok(());
        };
        prop_assume!(!plan.weeks.is_empty());
        let known = known_sentences(&plan);
        let current = pick % plan.weeks.len();
        for (name, text) in outputs(&plan, current, pick, UNWRAPPED) {
            assert_no_repeats(&name, &text, &known)?;
        }
    }
}
