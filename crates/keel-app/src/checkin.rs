//! Daily check-ins, once for every front end: `keel checkin` (flags or prompts) and the web
//! form hand in the text typed; [`checkin_from_input`] validates it and [`record`] stores it
//! and brings the adjustments in force up to date, the same way from both.
//!
//! Every rated item is 1 to 5 with 5 the worst; sleep is 0 to 24 hours (a decimal comma is
//! fine); the note is at most 500 characters; the date is today or a past day.

use std::collections::BTreeMap;

use keel_core::activity::CheckIn;
use keel_store::Store;

use crate::clock::{parse_log_date, Local};
use crate::log::{parse_in_range, Field, InputErrors};
use crate::plan::{plan_in_force, ProfileSource};
use crate::AppError;

/// One rated item: its field, label, and what 1 and 5 mean (5 = worst), in prompt order.
pub const ITEMS: [(Field, &str, &str, &str); 7] = [
    (Field::SleepQuality, "Sleep quality", "great", "very poor"),
    (Field::Fatigue, "Fatigue", "fresh", "exhausted"),
    (Field::SorenessLegs, "Leg soreness", "none", "very sore"),
    (
        Field::SorenessUpper,
        "Upper-body soreness",
        "none",
        "very sore",
    ),
    (Field::Mood, "Mood", "great", "very low"),
    (Field::Stress, "Stress", "relaxed", "very stressed"),
    (Field::Motivation, "Motivation", "eager", "none"),
];

/// The longest note, characters.
pub const MAX_NOTE_CHARS: usize = 500;

/// A check-in as typed; every rated item and sleep is raw text (empty = not answered).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckinInput {
    /// `YYYY-MM-DD`, `today`, `yesterday`, or empty for today.
    pub date: String,
    /// Hours slept.
    pub sleep: String,
    /// The rated items, by field (see [`ITEMS`]).
    pub rated: BTreeMap<Field, String>,
    /// Ill today.
    pub ill: bool,
    /// A note.
    pub note: String,
}

/// A rating as typed: a whole number from 1 to 5.
pub fn parse_rating(s: &str) -> Result<u8, String> {
    s.trim()
        .parse::<u8>()
        .ok()
        .filter(|v| (1..=5).contains(v))
        .ok_or_else(|| "expected a whole number from 1 to 5 (5 = worst)".to_string())
}

/// Hours slept as typed: 0 to 24, a decimal point or comma.
pub fn parse_sleep(s: &str) -> Result<Option<f64>, String> {
    parse_in_range(s, 0.0, 24.0, "hours slept")
}

/// Validates a check-in; the check-in, or every problem.
pub fn checkin_from_input(input: &CheckinInput, local: &Local) -> Result<CheckIn, InputErrors> {
    let mut e = InputErrors::default();
    let date = parse_log_date(&input.date, local.today)
        .map_err(|m| e.push(Field::Date, &input.date, m))
        .ok();
    let sleep_h = parse_sleep(&input.sleep)
        .map_err(|m| e.push(Field::Sleep, &input.sleep, m))
        .ok()
        .flatten();
    let mut rated: BTreeMap<Field, u8> = BTreeMap::new();
    for (field, _, _, _) in ITEMS {
        let v = input.rated.get(&field).map_or("", String::as_str);
        if v.trim().is_empty() {
            continue;
        }
        match parse_rating(v) {
            Ok(n) => {
                rated.insert(field, n);
            }
            Err(m) => e.push(field, v, m),
        }
    }
    let note = input.note.trim();
    if note.chars().count() > MAX_NOTE_CHARS {
        e.push(
            Field::Note,
            "",
            format!("keep the note to {MAX_NOTE_CHARS} characters"),
        );
    } else if note
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        e.push(Field::Note, "", "the note holds control characters");
    }
    if e.is_empty() && rated.is_empty() && sleep_h.is_none() && !input.ill && note.is_empty() {
        e.push(
            Field::Form,
            "",
            "Answer at least one question before saving (each item 1 to 5, 5 = worst).",
        );
    }
    let (Some(date), true) = (date, e.is_empty()) else {
        return Err(e);
    };
    let get = |f: Field| rated.get(&f).copied();
    Ok(CheckIn {
        date,
        sleep_h,
        sleep_quality: get(Field::SleepQuality),
        fatigue: get(Field::Fatigue),
        soreness_legs: get(Field::SorenessLegs),
        soreness_upper: get(Field::SorenessUpper),
        mood: get(Field::Mood),
        stress: get(Field::Stress),
        motivation: get(Field::Motivation),
        ill: input.ill,
        note: (!note.is_empty()).then(|| note.to_string()),
    })
}

/// What [`record`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// Whether it replaced the check-in already stored for that day.
    pub replaced: bool,
    /// Readiness for the check-in's day, in one line (`Readiness: ...`).
    pub readiness: String,
    /// The adjustments in force today, recorded for the stored profile's plan: how many,
    /// or why they were not (no stored profile, a profile that no longer validates).
    pub adjustments: Result<usize, String>,
}

/// Stores a check-in (replacing that day's) and, as the plan reacts at once, records the
/// adjustments in force today when the plan in force is the stored profile's. A missing or
/// broken profile does not undo the check-in: it is said in [`Recorded::adjustments`].
pub fn record(
    store: &mut impl Store,
    checkin: &CheckIn,
    source: &ProfileSource,
    local: &Local,
) -> Result<Recorded, AppError> {
    let replaced = store.put_checkin(checkin)?.is_some();
    let readiness = crate::adapt::readiness_line(&*store, None, checkin.date, &local.tz)?;
    let planned = plan_in_force(
        Some(&*store),
        source,
        local.today,
        local.today,
        None,
        &local.tz,
    );
    let adjustments = match planned {
        Ok(p) if p.stored() => {
            crate::adapt::record(store, local.today, &p.changes)?;
            Ok(p.changes.len())
        }
        Ok(_) => Err("the plan in force is a profile file, not the stored profile".into()),
        Err(AppError::NoProfile) => Err("no profile is stored".into()),
        Err(AppError::Store(e)) => return Err(AppError::Store(e)),
        Err(e) => Err(e.to_string()),
    };
    Ok(Recorded {
        replaced,
        readiness,
        adjustments,
    })
}
