//! Properties of the readers: no input makes them panic, every error points inside the
//! text, and every written form of a duration or distance reads back to its value.

use keel_core::model::{RunType, KM_PER_MILE};
use keel_profile::{parse_profile, parse_run_entry, parse_week, ProfileError};
use proptest::prelude::*;

const PROFILE: &str = include_str!("../../../examples/marathon.toml");

fn located_inside(e: &ProfileError, text: &str) {
    let lines = text.split('\n').count();
    assert!(
        e.line >= 1 && e.line <= lines,
        "line {} of {lines}: {e}",
        e.line
    );
    assert!(e.column >= 1, "{e}");
    assert!(e.caret_len >= 1);
    let shown = e.to_string();
    assert!(
        shown.starts_with(&format!("p.toml:{}:{}: ", e.line, e.column)),
        "{shown}"
    );
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        if let Err(e) = parse_profile("p.toml", &text) {
            located_inside(&e, &text);
        }
        if let Err(e) = parse_week("p.toml", &text) {
            located_inside(&e, &text);
        }
    }

    /// One character of a valid profile replaced: accepted, or rejected with a location.
    #[test]
    fn a_mutated_profile_is_accepted_or_located(at in 0usize..2000, c in "[\\PC\\n]") {
        let mut chars: Vec<char> = PROFILE.chars().collect();
        let i = at % chars.len();
        chars[i] = c.chars().next().unwrap_or('x');
        let text: String = chars.into_iter().collect();
        if let Err(e) = parse_profile("p.toml", &text) {
            located_inside(&e, &text);
        }
    }

    #[test]
    fn durations_read_back(h in 0u32..6, m in 0u32..60, n in 1u32..600) {
        prop_assume!(h * 60 + m > 0);
        let r = parse_run_entry(&format!("easy {h}h{m:02}")).expect("h+mm");
        prop_assert_eq!(r.minutes, Some(f64::from(h * 60 + m)));
        let r = parse_run_entry(&format!("tempo {h}:{m:02}")).expect("h:mm");
        prop_assert_eq!(r.minutes, Some(f64::from(h * 60 + m)));
        let r = parse_run_entry(&format!("long {n}min")).expect("min");
        prop_assert_eq!(r.minutes, Some(f64::from(n)));
        prop_assert_eq!(r.run_type, RunType::Long);
    }

    #[test]
    fn distances_read_back(tenths in 1u32..2000) {
        let d = f64::from(tenths) / 10.0;
        let r = parse_run_entry(&format!("easy {d}km")).expect("km");
        prop_assert_eq!(r.km, Some(d));
        let r = parse_run_entry(&format!("easy {d}mi")).expect("mi");
        prop_assert!((r.km.expect("km") - d * KM_PER_MILE).abs() < 1e-9);
    }
}
