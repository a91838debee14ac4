//! Week files for `keel check`: a `[week]` table whose days hold runs and strength sessions
//! in order. A full profile is accepted too: its `[week]` is read and the rest ignored.

use crate::doc::{Doc, Result, Table};
use crate::entry::Allow;
use crate::error::ErrorKind;
use crate::profile::{day_entries, DAY_KEYS, TOP_KEYS, WEEK_KEYS};
use keel_core::model::{DayEntry, RunType, WeekSpec};

/// Parses a week file (or a profile's `[week]`) into a [`WeekSpec`].
pub fn parse(source_name: &str, text: &str) -> Result<WeekSpec> {
    let doc = Doc {
        name: source_name,
        text,
    };
    let root = doc.parse()?;
    let top = Table {
        doc: &doc,
        name: "the top level".into(),
        span: 0..0,
        map: root.get_ref(),
    };
    let day_hints: Vec<(&str, String)> = DAY_KEYS
        .iter()
        .map(|d| (*d, format!("`{d}` belongs in [week]")))
        .collect();
    let pairs: Vec<(&str, &str)> = day_hints.iter().map(|(k, h)| (*k, h.as_str())).collect();
    top.check_keys(TOP_KEYS, &pairs)?;
    let Some(t) = top.table("week")? else {
        return Err(top.missing(
            "week",
            "a table [week] with the days to check, e.g. `mon = [\"easy 40min\", \"strength upper light 20min\"]`",
        ));
    };
    t.check_keys(WEEK_KEYS, &[])?;
    // Validated for a full profile's sake; a check does not use the weekly distance.
    t.number(
        "weekly_km",
        1.0,
        400.0,
        "kilometres a week, a number from 1 to 400",
    )?;
    t.number(
        "weekly_mi",
        1.0,
        250.0,
        "miles a week, a number from 1 to 250",
    )?;
    let mut week = WeekSpec::default();
    for (i, key) in DAY_KEYS.iter().enumerate() {
        if let Some(v) = t.get(key) {
            (week.days[i], week.strength_days[i]) =
                day_entries(&t, key, v, Allow::RunsAndStrength)?;
        }
    }
    let runs = week.days.iter().flatten().any(
        |e| matches!(e, DayEntry::Run(r) if !matches!(r.run_type, RunType::Rest | RunType::Cross)),
    );
    if !runs {
        return Err(doc.error(
            t.span.clone(),
            ErrorKind::NoRunningDays {
                table: t.name.clone(),
            },
        ));
    }
    Ok(week)
}
