//! The small grammar of day entries: `easy 40min`, `long 1h50`, `easy 8km`, `rest`,
//! `cross 45min`, and (in week files) `strength lower heavy 40min`, optionally marked
//! `separate`, `am` or `pm` when it is done at least 6 h apart from the day's runs.
//!
//! Works on one string; errors carry a byte offset and length inside it so the caller can
//! point at the offending word in the file.

use crate::error::ErrorKind;
use crate::suggest::closest;
use keel_core::model::{DayEntry, Focus, Intensity, RunSpec, RunType, StrengthSpec, KM_PER_MILE};

/// The longest run accepted, in minutes (a 24-hour ultra).
pub const MAX_RUN_MINUTES: f64 = 24.0 * 60.0;
/// The longest run accepted, in kilometres.
pub const MAX_RUN_KM: f64 = 400.0;
/// Words marking a strength session done at least 6 h apart from the day's runs.
pub const TIMING_MARKERS: [&str; 3] = ["separate", "am", "pm"];

/// Whether a strength entry is marked as done in the morning (`am`) or the evening (`pm`):
/// the day's list is then put in that order whatever the order it was written in.
pub fn strength_time_of_day(entry: &str) -> Option<&'static str> {
    entry
        .split_whitespace()
        .find_map(|w| ["am", "pm"].into_iter().find(|m| w.eq_ignore_ascii_case(m)))
}

/// Bounds of a strength session written in a week file, in minutes.
pub const STRENGTH_MINUTES: (f64, f64) = (5.0, 180.0);

/// A problem inside an entry string.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryError {
    /// Byte offset of the offending word in the entry.
    pub offset: usize,
    /// Its length in bytes (at least 1 unless the entry is empty).
    pub len: usize,
    /// What is wrong.
    pub kind: Box<ErrorKind>,
}

/// A parsed amount of running: a duration or a distance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    /// Minutes.
    Minutes(f64),
    /// Kilometres (miles already converted).
    Km(f64),
}

/// A word of the entry and where it starts.
#[derive(Debug, Clone)]
struct Token {
    text: String,
    offset: usize,
    len: usize,
}

/// Splits on whitespace, joining a bare number with the unit after it (`40 min` -> `40min`).
fn tokens(s: &str) -> Vec<Token> {
    let mut raw: Vec<Token> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                raw.push(Token {
                    text: s[st..i].to_string(),
                    offset: st,
                    len: i - st,
                });
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    let mut out: Vec<Token> = Vec::new();
    for t in raw {
        if let Some(prev) = out.last_mut() {
            let prev_is_number = prev
                .text
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ':');
            let is_unit = t.text.chars().all(|c| c.is_ascii_alphabetic())
                && UNITS.contains(&t.text.to_ascii_lowercase().as_str());
            if prev_is_number && is_unit {
                prev.text.push_str(&t.text);
                prev.len = t.offset + t.len - prev.offset;
                continue;
            }
        }
        out.push(t);
    }
    out
}

const UNITS: &[&str] = &[
    "min", "mins", "minute", "minutes", "h", "hr", "hrs", "hour", "hours", "km", "mi", "mile",
    "miles",
];

const AMOUNT_EXAMPLES: &str =
    "a duration like `40min`, `1h15` or `1h`, or a distance like `8km` or `5mi`";

/// Reads one duration or distance (`40min`, `1h15`, `1:15`, `90min`, `8km`, `21.1km`, `5mi`).
///
/// The error is the sentence of what was expected.
pub fn parse_amount(token: &str) -> Result<Amount, String> {
    let t = token.to_ascii_lowercase();
    if let Some((hours, minutes)) = t.split_once(':') {
        return match (hours.parse::<u32>(), minutes.parse::<u32>()) {
            (Ok(h), Ok(m)) if m < 60 && minutes.len() == 2 && h <= 48 => {
                positive(Amount::Minutes(f64::from(h * 60 + m)))
            }
            _ => Err(format!(
                "expected hours:minutes like `1:15`, or {AMOUNT_EXAMPLES}"
            )),
        };
    }
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    if num.is_empty() {
        return Err(format!("expected {AMOUNT_EXAMPLES}"));
    }
    let Ok(n) = num.parse::<f64>() else {
        return Err(format!(
            "`{num}` is not a number; expected {AMOUNT_EXAMPLES}"
        ));
    };
    match unit {
        "" => Err(format!(
            "the number has no unit; expected {AMOUNT_EXAMPLES}"
        )),
        "min" | "mins" | "minute" | "minutes" => positive(Amount::Minutes(n)),
        "h" | "hr" | "hrs" | "hour" | "hours" => positive(Amount::Minutes(n * 60.0)),
        "km" => positive(Amount::Km(n)),
        "mi" | "mile" | "miles" => positive(Amount::Km(n * KM_PER_MILE)),
        "m" => Err(format!(
            "`m` is ambiguous; write `{num}min` for minutes (distances are in km or mi)"
        )),
        "s" | "sec" | "secs" | "seconds" => {
            Err("seconds are too fine for a plan; write minutes, e.g. `40min`".to_string())
        }
        _ if unit.starts_with('h') => {
            // `1h15` or `1h15min`: whole hours, then minutes under 60.
            let rest = unit[1..].strip_suffix("min").unwrap_or(&unit[1..]);
            let hours_whole = !num.contains('.');
            match rest.parse::<u32>() {
                Ok(m) if m < 60 && hours_whole && !rest.is_empty() && rest.len() <= 2 => {
                    positive(Amount::Minutes(n * 60.0 + f64::from(m)))
                }
                Ok(m) if m >= 60 => Err(format!(
                    "the minutes after `h` must be under 60 (found {m}); expected e.g. `1h15`"
                )),
                _ => Err(format!("expected {AMOUNT_EXAMPLES}")),
            }
        }
        other => Err(format!(
            "unknown unit `{other}`; expected {AMOUNT_EXAMPLES}"
        )),
    }
}

fn positive(a: Amount) -> Result<Amount, String> {
    match a {
        Amount::Minutes(m) if m <= 0.0 => Err("a duration must be more than zero".into()),
        Amount::Km(k) if k <= 0.0 => Err("a distance must be more than zero".into()),
        _ => Ok(a),
    }
}

/// Which entries a place accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allow {
    /// Runs only (the profile's usual week and its overrides).
    Runs,
    /// Runs and strength sessions (week files for `keel check`).
    RunsAndStrength,
}

/// Parses one entry of a day.
pub fn parse_entry(s: &str, place: &str, allow: Allow) -> Result<DayEntry, EntryError> {
    let toks = tokens(s);
    let Some(first) = toks.first() else {
        return Err(EntryError {
            offset: 0,
            len: s.len(),
            kind: Box::new(ErrorKind::BadEntry {
                given: s.to_string(),
                place: place.to_string(),
                expected: "an empty entry; expected `TYPE DURATION` or `TYPE DISTANCE` \
                           (e.g. `easy 40min`), or `rest`"
                    .into(),
            }),
        });
    };
    let word = first.text.to_ascii_lowercase();
    if word == "strength" {
        return match allow {
            Allow::RunsAndStrength => parse_strength(s, &toks, place).map(DayEntry::Strength),
            Allow::Runs => Err(EntryError {
                offset: first.offset,
                len: first.len,
                kind: Box::new(ErrorKind::BadEntry {
                    given: s.to_string(),
                    place: place.to_string(),
                    expected: "the profile's running week holds runs only; keel places \
                               strength itself (`strength` alone keeps a day without a run free \
                               for it; write strength sessions in a week file for `keel check`)"
                        .into(),
                }),
            }),
        };
    }
    parse_run_tokens(s, &toks, place, allow).map(DayEntry::Run)
}

/// Parses a run entry (`easy 40min`, `rest`, `cross 45min`, `long 1h50 20km`).
pub fn parse_run(s: &str, place: &str) -> Result<RunSpec, EntryError> {
    match parse_entry(s, place, Allow::Runs)? {
        DayEntry::Run(r) => Ok(r),
        // parse_entry with Allow::Runs never yields strength; keep the error path total anyway.
        DayEntry::Strength(_) => Err(EntryError {
            offset: 0,
            len: s.len(),
            kind: Box::new(ErrorKind::BadEntry {
                given: s.to_string(),
                place: place.to_string(),
                expected: "a run".into(),
            }),
        }),
    }
}

fn parse_run_tokens(
    s: &str,
    toks: &[Token],
    place: &str,
    allow: Allow,
) -> Result<RunSpec, EntryError> {
    let first = &toks[0];
    let word = first.text.to_ascii_lowercase();
    let run_type: RunType = word.parse().map_err(|_| {
        let mut expected = RunType::ids();
        if allow == Allow::RunsAndStrength {
            expected.push("strength");
        }
        let suggestion = if allow == Allow::RunsAndStrength && word.parse::<Focus>().is_ok() {
            Some(format!(
                "for a strength session write `strength {word} ...`"
            ))
        } else {
            closest(&word, &expected).map(str::to_string)
        };
        EntryError {
            offset: first.offset,
            len: first.len,
            kind: Box::new(ErrorKind::UnknownValue {
                what: "run type".into(),
                given: first.text.clone(),
                place: place.to_string(),
                expected: expected.iter().map(|s| s.to_string()).collect(),
                suggestion,
            }),
        }
    })?;
    let rest = &toks[1..];
    if run_type == RunType::Rest {
        if let Some(t) = rest.first() {
            return Err(bad_entry(
                s,
                place,
                t,
                "`rest` takes no duration or distance",
            ));
        }
        return Ok(RunSpec {
            run_type,
            minutes: None,
            km: None,
        });
    }
    let mut spec = RunSpec {
        run_type,
        minutes: None,
        km: None,
    };
    for t in rest {
        let amount = parse_amount(&t.text).map_err(|expected| EntryError {
            offset: t.offset,
            len: t.len,
            kind: Box::new(ErrorKind::BadAmount {
                what: "duration or distance".into(),
                given: t.text.clone(),
                place: place.to_string(),
                expected,
            }),
        })?;
        match amount {
            Amount::Minutes(m) => {
                if spec.minutes.is_some() {
                    return Err(bad_entry(s, place, t, "a run takes one duration, not two"));
                }
                if m > MAX_RUN_MINUTES {
                    return Err(bad_amount(t, place, "a run of at most 24h"));
                }
                spec.minutes = Some(m);
            }
            Amount::Km(k) => {
                if spec.km.is_some() {
                    return Err(bad_entry(s, place, t, "a run takes one distance, not two"));
                }
                if k > MAX_RUN_KM {
                    return Err(bad_amount(t, place, "a run of at most 400 km"));
                }
                spec.km = Some(k);
            }
        }
    }
    if spec.minutes.is_none() && spec.km.is_none() {
        return Err(EntryError {
            offset: first.offset,
            len: first.len,
            kind: Box::new(ErrorKind::BadEntry {
                given: s.to_string(),
                place: place.to_string(),
                expected: format!(
                    "a duration or a distance after `{word}`, e.g. `{word} 40min` or `{word} 8km`"
                ),
            }),
        });
    }
    Ok(spec)
}

fn parse_strength(s: &str, toks: &[Token], place: &str) -> Result<StrengthSpec, EntryError> {
    let usage = "`strength FOCUS [INTENSITY] [DURATION] [separate|am|pm]`, e.g. `strength lower heavy 40min`";
    let Some(f) = toks.get(1) else {
        return Err(bad_entry(
            s,
            place,
            &toks[0],
            &format!(
                "a focus after `strength` ({}): {usage}",
                Focus::ids().join(", ")
            ),
        ));
    };
    let focus: Focus = f
        .text
        .to_ascii_lowercase()
        .parse()
        .map_err(|_| unknown(f, "strength focus", place, &Focus::ids()))?;
    let mut spec = StrengthSpec {
        focus,
        intensity: None,
        minutes: None,
        separate: false,
    };
    let mut marked = false;
    for t in &toks[2..] {
        let lower = t.text.to_ascii_lowercase();
        if TIMING_MARKERS.contains(&lower.as_str()) {
            if marked {
                return Err(bad_entry(
                    s,
                    place,
                    t,
                    "one timing marker per session (`separate`, `am` or `pm`)",
                ));
            }
            marked = true;
            spec.separate = true;
        } else if lower.starts_with(|c: char| c.is_ascii_digit()) {
            let amount = parse_amount(&t.text).map_err(|expected| EntryError {
                offset: t.offset,
                len: t.len,
                kind: Box::new(ErrorKind::BadAmount {
                    what: "duration".into(),
                    given: t.text.clone(),
                    place: place.to_string(),
                    expected,
                }),
            })?;
            match amount {
                Amount::Km(_) => return Err(bad_amount(
                    t,
                    place,
                    "a duration such as `40min`: a strength session is not measured in distance",
                )),
                Amount::Minutes(_) if spec.minutes.is_some() => {
                    return Err(bad_entry(s, place, t, "one duration per session"));
                }
                Amount::Minutes(m) if !(STRENGTH_MINUTES.0..=STRENGTH_MINUTES.1).contains(&m) => {
                    return Err(bad_amount(
                        t,
                        place,
                        "a strength session of 5 to 180 minutes",
                    ));
                }
                Amount::Minutes(m) => spec.minutes = Some(m),
            }
        } else {
            let intensity: Intensity = lower.parse().map_err(|_| {
                let mut words = Intensity::ids();
                words.extend(TIMING_MARKERS);
                unknown(t, "strength intensity or timing", place, &words)
            })?;
            if spec.intensity.is_some() {
                return Err(bad_entry(
                    s,
                    place,
                    t,
                    &format!("one intensity per session: {usage}"),
                ));
            }
            spec.intensity = Some(intensity);
        }
    }
    Ok(spec)
}

fn unknown(t: &Token, what: &str, place: &str, ids: &[&str]) -> EntryError {
    EntryError {
        offset: t.offset,
        len: t.len,
        kind: Box::new(ErrorKind::UnknownValue {
            what: what.into(),
            given: t.text.clone(),
            place: place.to_string(),
            expected: ids.iter().map(|s| s.to_string()).collect(),
            suggestion: closest(&t.text, ids).map(str::to_string),
        }),
    }
}

fn bad_entry(s: &str, place: &str, t: &Token, expected: &str) -> EntryError {
    EntryError {
        offset: t.offset,
        len: t.len,
        kind: Box::new(ErrorKind::BadEntry {
            given: s.to_string(),
            place: place.to_string(),
            expected: expected.to_string(),
        }),
    }
}

fn bad_amount(t: &Token, place: &str, expected: &str) -> EntryError {
    EntryError {
        offset: t.offset,
        len: t.len,
        kind: Box::new(ErrorKind::BadAmount {
            what: "amount".into(),
            given: t.text.clone(),
            place: place.to_string(),
            expected: format!("expected {expected}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> RunSpec {
        parse_run(s, "[week].mon").expect(s)
    }

    fn mins(s: &str) -> Option<f64> {
        run(s).minutes
    }

    #[test]
    fn durations_in_every_written_form() {
        assert_eq!(mins("easy 40min"), Some(40.0));
        assert_eq!(mins("easy 40 min"), Some(40.0));
        assert_eq!(mins("long 1h15"), Some(75.0));
        assert_eq!(mins("long 1h15min"), Some(75.0));
        assert_eq!(mins("long 1h05"), Some(65.0));
        assert_eq!(mins("long 1h"), Some(60.0));
        assert_eq!(mins("long 1.5h"), Some(90.0));
        assert_eq!(mins("long 90min"), Some(90.0));
        assert_eq!(mins("long 1:50"), Some(110.0));
        assert_eq!(mins("Tempo 50MIN"), Some(50.0));
    }

    #[test]
    fn distances_convert_miles_to_km() {
        assert_eq!(run("easy 8km").km, Some(8.0));
        assert_eq!(run("race 21.1km").km, Some(21.1));
        let mi = run("easy 5mi").km.expect("km");
        assert!((mi - 8.04672).abs() < 1e-9);
        assert_eq!(run("easy 5mi").minutes, None);
    }

    #[test]
    fn duration_and_distance_together() {
        let r = run("long 1h50 20km");
        assert_eq!((r.minutes, r.km), (Some(110.0), Some(20.0)));
        assert_eq!(r.run_type, RunType::Long);
    }

    #[test]
    fn rest_and_cross() {
        assert_eq!(run("rest").run_type, RunType::Rest);
        assert_eq!(run("rest").minutes, None);
        assert_eq!(run("cross 45min").run_type, RunType::Cross);
    }

    fn err(s: &str) -> EntryError {
        parse_run(s, "[week].mon").expect_err(s)
    }

    #[test]
    fn malformed_amounts_are_rejected_at_the_word() {
        for (s, needle) in [
            ("easy 40", "no unit"),
            ("easy 40m", "ambiguous"),
            ("easy 1h75", "under 60"),
            ("easy 40sec", "seconds"),
            ("easy 40furlongs", "unknown unit `furlongs`"),
            ("easy 0min", "more than zero"),
            ("easy 1.2.3km", "not a number"),
            ("easy fast", "expected a duration"),
            ("easy 25h", "at most 24h"),
            ("easy 1:5", "hours:minutes"),
        ] {
            let e = err(s);
            assert_eq!(e.offset, 5, "{s}");
            assert!(e.kind.to_string().contains(needle), "{s}: {}", e.kind);
        }
    }

    #[test]
    fn entry_shape_errors() {
        assert!(err("easy").kind.to_string().contains("`easy 40min`"));
        assert!(err("rest 20min")
            .kind
            .to_string()
            .contains("takes no duration"));
        assert!(err("easy 40min 50min")
            .kind
            .to_string()
            .contains("one duration"));
        assert!(err("").kind.to_string().contains("empty entry"));
        assert!(err("strength lower").kind.to_string().contains("runs only"));
    }

    #[test]
    fn unknown_run_type_suggests_the_closest() {
        let e = err("tempo-run 50min");
        assert_eq!((e.offset, e.len), (0, 9));
        match *e.kind {
            ErrorKind::UnknownValue { suggestion, .. } => {
                assert_eq!(suggestion.as_deref(), Some("tempo"))
            }
            other => panic!("{other:?}"),
        }
    }

    fn entry(s: &str) -> Result<DayEntry, EntryError> {
        parse_entry(s, "[week].mon", Allow::RunsAndStrength)
    }

    #[test]
    fn strength_entries() {
        assert_eq!(
            entry("strength lower heavy 40min"),
            Ok(DayEntry::Strength(StrengthSpec {
                focus: Focus::Lower,
                intensity: Some(Intensity::Heavy),
                minutes: Some(40.0),
                separate: false
            }))
        );
        assert_eq!(
            entry("strength core"),
            Ok(DayEntry::Strength(StrengthSpec {
                focus: Focus::Core,
                intensity: None,
                minutes: None,
                separate: false
            }))
        );
        assert_eq!(
            entry("strength upper 20min light"),
            Ok(DayEntry::Strength(StrengthSpec {
                focus: Focus::Upper,
                intensity: Some(Intensity::Light),
                minutes: Some(20.0),
                separate: false
            }))
        );
    }

    #[test]
    fn timing_markers_mark_a_separate_session() {
        for (text, separate) in [
            ("strength upper light 30min separate", true),
            ("strength upper light 30min pm", true),
            ("strength lower AM", true),
            ("strength upper light 30min", false),
        ] {
            match entry(text) {
                Ok(DayEntry::Strength(s)) => assert_eq!(s.separate, separate, "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
        assert_eq!(strength_time_of_day("strength core pm"), Some("pm"));
        assert_eq!(strength_time_of_day("strength core separate"), None);
        let e = entry("strength upper am pm").expect_err("two markers");
        assert_eq!(e.offset, 18);
        assert!(
            e.kind.to_string().contains("one timing marker"),
            "{}",
            e.kind
        );
        let e = entry("strength upper seperate").expect_err("typo");
        assert!(
            e.kind.to_string().contains("did you mean `separate`"),
            "{}",
            e.kind
        );
    }

    #[test]
    fn strength_errors() {
        let e = entry("strength legs heavy").expect_err("legs");
        assert_eq!(e.offset, 9);
        assert!(e.kind.to_string().contains("strength focus `legs`"));
        let e = entry("strength lower hevy").expect_err("hevy");
        assert!(e.kind.to_string().contains("did you mean `heavy`"));
        assert!(entry("strength").is_err());
        assert!(entry("strength lower 5km")
            .expect_err("km")
            .kind
            .to_string()
            .contains("not measured in distance"));
        let e = entry("lower heavy 40min").expect_err("no strength word");
        assert!(
            e.kind.to_string().contains("`strength lower ...`"),
            "{}",
            e.kind
        );
    }
}
