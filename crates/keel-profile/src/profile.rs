//! The profile file: `[athlete]`, `[preferences]`, `[goal]`, `[plan]`, `[week]`, `[[weeks]]`,
//! `[schedule]`, `[exercises]` into a validated [`Profile`].

use crate::doc::{as_str, entries_in_order, type_name, Doc, Result, Str, Table};
use crate::entry::{parse_entry, Allow};
use crate::error::ErrorKind;
use crate::suggest::closest;
use jiff::civil::Date;
use jiff::ToSpan;
use keel_core::model::{
    Athlete, DayEntry, Equipment, Experience, Goal, MovementScreen, Preferences, Profile,
    RaceDistance, RunSpec, RunType, Schedule, Sex, Strategy, Units, WeekOverride, Weekday,
    KM_PER_MILE,
};
use std::ops::Range;
use toml::de::DeValue;
use toml::Spanned;

/// Top-level tables of a profile.
pub const TOP_KEYS: &[&str] = &[
    "athlete",
    "preferences",
    "goal",
    "plan",
    "week",
    "weeks",
    "schedule",
    "exercises",
];
/// Keys of `[athlete]`.
pub const ATHLETE_KEYS: &[&str] = &[
    "name",
    "age",
    "body_mass_kg",
    "experience",
    "equipment",
    "movement_screen",
    "units",
    "sex",
    "hr_rest",
    "hr_max",
];
/// Keys of `[preferences]`.
pub const PREFERENCE_KEYS: &[&str] = &["strategy", "session_minutes", "correcting_weakness"];
/// Keys of `[goal]`.
pub const GOAL_KEYS: &[&str] = &["race", "race_date", "kind"];
/// Keys of `[plan]`.
pub const PLAN_KEYS: &[&str] = &["start"];
/// Day keys, Monday first.
pub const DAY_KEYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/// Keys of `[week]`: the seven days and the optional weekly distance.
pub const WEEK_KEYS: &[&str] = &[
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "weekly_km",
    "weekly_mi",
];
/// Keys of a `[[weeks]]` override.
pub const OVERRIDE_KEYS: &[&str] = &["week", "mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/// Keys of `[schedule]`.
pub const SCHEDULE_KEYS: &[&str] = &["run_time", "strength_time", "time_zone"];
/// Goal kinds for `[goal].kind`.
pub const GOAL_KINDS: &[&str] = &["race", "fitness", "off-season"];
/// The highest week number an override may name (two years).
pub const MAX_OVERRIDE_WEEK: i64 = 104;

/// Where each known key lives, for "`age` belongs in [athlete]" hints.
fn home_hints() -> Vec<(&'static str, String)> {
    let mut v = Vec::new();
    for (table, keys) in [
        ("[athlete]", ATHLETE_KEYS),
        ("[preferences]", PREFERENCE_KEYS),
        ("[goal]", GOAL_KEYS),
        ("[plan]", PLAN_KEYS),
        ("[week]", WEEK_KEYS),
        ("[schedule]", SCHEDULE_KEYS),
    ] {
        for k in keys {
            v.push((*k, format!("`{k}` belongs in {table}")));
        }
    }
    v
}

fn hints_except(table: &str) -> Vec<(&'static str, String)> {
    home_hints()
        .into_iter()
        .filter(|(_, hint)| !hint.ends_with(table))
        .collect()
}

fn as_pairs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, h)| (*k, h.as_str())).collect()
}

/// Parses a profile; checks between its own dates, never against the clock.
pub fn parse(source_name: &str, text: &str, today: Option<Date>) -> Result<Profile> {
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
    let hints = home_hints();
    top.check_keys(TOP_KEYS, &as_pairs(&hints))?;

    let athlete = match top.table("athlete")? {
        Some(t) => athlete(&t)?,
        None => {
            return Err(top.missing(
                "athlete",
                "a table [athlete] with at least `age` and `body_mass_kg`",
            ))
        }
    };
    let preferences = match top.table("preferences")? {
        Some(t) => preferences(&t)?,
        None => Preferences {
            strategy: Strategy::Stack,
            session_minutes: None,
            correcting_weakness: false,
        },
    };
    let goal_table = top.table("goal")?;
    let (goal, race_span) = match &goal_table {
        Some(t) => goal(t)?,
        None => (Goal::Fitness, None),
    };
    let start = match top.table("plan")? {
        Some(t) => plan(&t)?,
        None => None,
    };
    let Some(week_table) = top.table("week")? else {
        return Err(top.missing(
            "week",
            "a table [week] with the usual running week, e.g. `mon = \"easy 40min\"`",
        ));
    };
    let (week, strength_days, weekly_km) = usual_week(&week_table)?;
    let overrides = match top.get("weeks") {
        Some(v) => overrides(&top, v)?,
        None => Vec::new(),
    };
    let schedule = match top.table("schedule")? {
        Some(t) => Some(schedule(&t)?),
        None => None,
    };
    let ExercisesTable {
        aliases: exercise_aliases,
        avoid,
    } = match top.table("exercises")? {
        Some(t) => exercises(&t)?,
        None => ExercisesTable::default(),
    };
    let mut athlete = athlete;
    athlete.avoid = avoid;

    if let (Goal::Race { date, .. }, Some(span)) = (goal, race_span) {
        check_race_date(&doc, date, span, start, today)?;
    }

    Ok(Profile {
        athlete,
        preferences,
        goal,
        start,
        week,
        strength_days,
        weekly_km,
        overrides,
        schedule,
        exercise_aliases,
    })
}

fn athlete(t: &Table<'_, '_>) -> Result<Athlete> {
    t.check_keys(ATHLETE_KEYS, &as_pairs(&hints_except("[athlete]")))?;
    let name = match t.string("name", "a string (the athlete's name)")? {
        Some(s) if !s.text.trim().is_empty() => s.text.trim().to_string(),
        Some(s) => {
            return Err(t.doc.error(
                s.range(),
                ErrorKind::BadEntry {
                    given: String::new(),
                    place: t.place("name"),
                    expected: "a non-empty name".into(),
                },
            ))
        }
        None => "Runner".to_string(),
    };
    let age = t
        .int("age", 12, 100, "an integer number of years from 12 to 100")?
        .ok_or_else(|| t.missing("age", "the athlete's age in years, e.g. `age = 38`"))?;
    let body_mass_kg = t
        .number(
            "body_mass_kg",
            25.0,
            250.0,
            "body mass in kilograms, a number from 25 to 250",
        )?
        .ok_or_else(|| {
            t.missing(
                "body_mass_kg",
                "body mass in kilograms, e.g. `body_mass_kg = 62.0` (for protein and carbohydrate guidance)",
            )
        })?;
    let experience = t
        .word::<Experience>("experience", "experience", &Experience::ids())?
        .unwrap_or(Experience::Intermediate);
    let mut equipment = t
        .words::<Equipment>("equipment", "equipment", &Equipment::ids())?
        .unwrap_or_else(|| vec![Equipment::Bodyweight]);
    equipment.sort();
    equipment.dedup();
    if !equipment.contains(&Equipment::Bodyweight) {
        equipment.insert(0, Equipment::Bodyweight);
    }
    let movement_screen = t
        .word::<MovementScreen>(
            "movement_screen",
            "movement screen result",
            &MovementScreen::ids(),
        )?
        .unwrap_or(MovementScreen::Pass);
    let units = t
        .word::<Units>("units", "unit", &Units::ids())?
        .unwrap_or(Units::Km);
    let sex = t.word::<Sex>("sex", "sex", &Sex::ids())?;
    let hr_rest = t.int(
        "hr_rest",
        25,
        120,
        "resting heart rate in beats per minute, 25 to 120",
    )?;
    let hr_max = t.int(
        "hr_max",
        100,
        230,
        "maximum heart rate in beats per minute, 100 to 230",
    )?;
    if let (Some(rest), Some(max)) = (hr_rest, hr_max) {
        if rest >= max {
            return Err(t.doc.error(
                t.key_span("hr_rest"),
                ErrorKind::Conflict {
                    message: format!(
                        "{} = {rest} must be below {} = {max}",
                        t.place("hr_rest"),
                        t.place("hr_max")
                    ),
                },
            ));
        }
    }
    Ok(Athlete {
        name,
        age: age as u32,
        body_mass_kg,
        experience,
        equipment,
        movement_screen,
        units,
        sex,
        hr_rest: hr_rest.map(|v| v as u32),
        hr_max: hr_max.map(|v| v as u32),
        avoid: Vec::new(),
    })
}

fn preferences(t: &Table<'_, '_>) -> Result<Preferences> {
    t.check_keys(PREFERENCE_KEYS, &as_pairs(&hints_except("[preferences]")))?;
    Ok(Preferences {
        strategy: t
            .word::<Strategy>("strategy", "strategy", &Strategy::ids())?
            .unwrap_or(Strategy::Stack),
        session_minutes: t
            .int(
                "session_minutes",
                10,
                120,
                "minutes per strength session, an integer from 10 to 120",
            )?
            .map(|m| m as u32),
        correcting_weakness: t.boolean("correcting_weakness")?.unwrap_or(false),
    })
}

/// The goal, and the span of the race date when there is a race.
fn goal(t: &Table<'_, '_>) -> Result<(Goal, Option<Range<usize>>)> {
    t.check_keys(GOAL_KEYS, &as_pairs(&hints_except("[goal]")))?;
    let kind: Option<String> = match t.string(
        "kind",
        "a string, one of \"race\", \"fitness\", \"off-season\"",
    )? {
        Some(s) => Some(
            crate::doc::parse_word::<GoalKind>(
                t.doc,
                &s,
                "goal kind",
                &t.place("kind"),
                GOAL_KINDS,
            )?
            .0,
        ),
        None => None,
    };
    let race = t.word::<RaceDistance>("race", "race distance", &RaceDistance::ids())?;
    let date = t.date("race_date")?;
    match kind.as_deref() {
        Some(k @ ("fitness" | "off-season")) => {
            for key in ["race", "race_date"] {
                if t.get(key).is_some() {
                    return Err(t.doc.error(
                        t.key_span(key),
                        ErrorKind::Conflict {
                            message: format!(
                                "{} cannot go with kind = \"{k}\" (a season without a race); remove one of them",
                                t.place(key)
                            ),
                        },
                    ));
                }
            }
            let goal = if k == "fitness" {
                Goal::Fitness
            } else {
                Goal::OffSeason
            };
            Ok((goal, None))
        }
        _ => match (race, date) {
            (Some(race), Some((date, span))) => Ok((Goal::Race { race, date }, Some(span))),
            (Some(_), None) => Err(t.missing(
                "race_date",
                "the race day, e.g. `race_date = \"2027-04-25\"`",
            )),
            (None, _) => Err(t.missing(
                "race",
                "the race distance (one of 5k, 10k, half-marathon, marathon, ultra), or `kind = \"fitness\"` / `kind = \"off-season\"` for a season without a race",
            )),
        },
    }
}

/// `[goal].kind` as a word (the model has no enum for it: it selects a `Goal` variant).
struct GoalKind(String);

impl std::str::FromStr for GoalKind {
    type Err = ();
    fn from_str(s: &str) -> std::result::Result<Self, ()> {
        if GOAL_KINDS.contains(&s) {
            Ok(GoalKind(s.to_string()))
        } else {
            Err(())
        }
    }
}

fn plan(t: &Table<'_, '_>) -> Result<Option<Date>> {
    t.check_keys(PLAN_KEYS, &as_pairs(&hints_except("[plan]")))?;
    let Some((start, span)) = t.date("start")? else {
        return Ok(None);
    };
    let weekday = Weekday::of(start);
    if weekday != Weekday::Mon {
        let back = start
            .checked_sub((weekday.index() as i64).days())
            .ok()
            .map(|d| d.to_string())
            .unwrap_or_default();
        let forward = start
            .checked_add((7 - weekday.index() as i64).days())
            .ok()
            .map(|d| d.to_string())
            .unwrap_or_default();
        return Err(t.doc.error(
            span,
            ErrorKind::BadDate {
                place: t.place("start"),
                given: start.to_string(),
                what: "start date".into(),
                reason: format!(
                    "it is a {}; a plan starts on a Monday: use {back} or {forward}",
                    weekday.name()
                ),
            },
        ));
    }
    Ok(Some(start))
}

fn check_race_date(
    doc: &Doc<'_>,
    race: Date,
    race_span: Range<usize>,
    start: Option<Date>,
    today: Option<Date>,
) -> Result<()> {
    let impossible =
        |message: String| doc.error(race_span.clone(), ErrorKind::ImpossibleDate { message });
    if let Some(start) = start {
        if race < start {
            return Err(impossible(format!(
                "the race ({race}) is before the plan starts ([plan].start = {start}); move the race date or the start"
            )));
        }
        if two_years_after(start).is_some_and(|limit| race > limit) {
            return Err(impossible(format!(
                "the race ({race}) is more than 2 years after the plan starts ([plan].start = {start}); keel plans one season at a time"
            )));
        }
    }
    if let Some(today) = today {
        if race < today {
            return Err(impossible(format!(
                "the race ({race}) is in the past (today is {today}); set the next race date, or `kind = \"fitness\"`"
            )));
        }
        if two_years_after(today).is_some_and(|limit| race > limit) {
            return Err(impossible(format!(
                "the race ({race}) is more than 2 years ahead (today is {today}); keel plans one season at a time"
            )));
        }
    }
    Ok(())
}

fn two_years_after(d: Date) -> Option<Date> {
    d.checked_add(2.years()).ok()
}

/// The runs of one day (a string or a list of strings), and whether it is written
/// `strength` alone (a day without a run kept for strength).
fn day_runs(
    t: &Table<'_, '_>,
    key: &str,
    v: &Spanned<DeValue<'_>>,
) -> Result<(Vec<RunSpec>, bool)> {
    let (entries, strength_day) = day_entries(t, key, v, Allow::Runs)?;
    let runs = entries
        .into_iter()
        .filter_map(|e| match e {
            DayEntry::Run(r) => Some(r),
            DayEntry::Strength(_) => None,
        })
        .collect();
    Ok((runs, strength_day))
}

/// The word that, alone on a day, keeps a day without a run free for strength.
pub const STRENGTH_DAY: &str = "strength";

/// The entries of one day in order (a single string is a list of one), and whether the day
/// is written `strength` alone: no run, free for strength. `strength` alone shares the day
/// with nothing.
pub fn day_entries(
    t: &Table<'_, '_>,
    key: &str,
    v: &Spanned<DeValue<'_>>,
    allow: Allow,
) -> Result<(Vec<DayEntry>, bool)> {
    let expected = match allow {
        Allow::Runs => "a run entry like \"easy 40min\" or \"rest\", or a list of them",
        Allow::RunsAndStrength => {
            "an entry like \"easy 40min\" or \"strength lower heavy 40min\", or a list of them in order"
        }
    };
    let items: Vec<&Spanned<DeValue<'_>>> = match v.get_ref() {
        DeValue::String(_) => vec![v],
        DeValue::Array(a) => a.iter().collect(),
        _ => return Err(t.wrong_type(key, v, expected)),
    };
    let place = t.place(key);
    let mut out = Vec::new();
    // Strength marked `am` goes before the day's runs and `pm` after them, as written or not.
    let mut morning = Vec::new();
    let mut evening = Vec::new();
    let mut strength_day = false;
    let count = items.len();
    for item in items {
        let Some(s) = as_str(t.doc, item) else {
            return Err(t.doc.error(
                item.span(),
                ErrorKind::WrongType {
                    place: place.clone(),
                    expected: expected.to_string(),
                    found: type_name(item.get_ref()),
                },
            ));
        };
        if s.text.trim().eq_ignore_ascii_case(STRENGTH_DAY) {
            if count > 1 {
                return Err(t.doc.error(
                    v.span(),
                    ErrorKind::Conflict {
                        message: format!(
                            "{place} mixes `strength` with other entries; `strength` alone keeps a day without a run free for strength (a day with a run can take strength already)"
                        ),
                    },
                ));
            }
            strength_day = true;
            continue;
        }
        let entry = entry_at(t.doc, &s, &place, allow)?;
        match (entry, crate::entry::strength_time_of_day(s.text)) {
            (DayEntry::Strength(_), Some("am")) => morning.push(entry),
            (DayEntry::Strength(_), Some(_)) => evening.push(entry),
            _ => out.push(entry),
        }
    }
    morning.append(&mut out);
    morning.append(&mut evening);
    let out = morning;
    // `rest` next to a workout is a contradiction, not a rest day.
    let has_rest = out
        .iter()
        .any(|e| matches!(e, DayEntry::Run(r) if r.run_type == RunType::Rest));
    if has_rest && out.len() > 1 {
        return Err(t.doc.error(
            v.span(),
            ErrorKind::Conflict {
                message: format!(
                    "{place} mixes `rest` with other entries; a rest day holds nothing else (rule `true-rest`)"
                ),
            },
        ));
    }
    Ok((out, strength_day))
}

fn entry_at(doc: &Doc<'_>, s: &Str<'_>, place: &str, allow: Allow) -> Result<DayEntry> {
    parse_entry(s.text, place, allow).map_err(|e| doc.error(s.sub_span(e.offset, e.len), *e.kind))
}

/// The usual week's runs, its strength days and its weekly distance.
type UsualWeek = ([Vec<RunSpec>; 7], [bool; 7], Option<f64>);

fn usual_week(t: &Table<'_, '_>) -> Result<UsualWeek> {
    t.check_keys(WEEK_KEYS, &as_pairs(&hints_except("[week]")))?;
    let mut week: [Vec<RunSpec>; 7] = Default::default();
    let mut strength_days = [false; 7];
    for (i, key) in DAY_KEYS.iter().enumerate() {
        if let Some(v) = t.get(key) {
            (week[i], strength_days[i]) = day_runs(t, key, v)?;
        }
    }
    let runs = week
        .iter()
        .flatten()
        .any(|r| !matches!(r.run_type, RunType::Rest | RunType::Cross));
    if !runs {
        return Err(t.doc.error(
            t.span.clone(),
            ErrorKind::NoRunningDays {
                table: t.name.clone(),
            },
        ));
    }
    let km = t.number(
        "weekly_km",
        1.0,
        400.0,
        "kilometres a week, a number from 1 to 400",
    )?;
    let mi = t.number(
        "weekly_mi",
        1.0,
        250.0,
        "miles a week, a number from 1 to 250",
    )?;
    let weekly_km = match (km, mi) {
        (Some(_), Some(_)) => {
            return Err(t.doc.error(
                t.key_span("weekly_mi"),
                ErrorKind::Conflict {
                    message: "give `weekly_km` or `weekly_mi` in [week], not both".into(),
                },
            ))
        }
        (Some(km), None) => Some(km),
        (None, Some(mi)) => Some(mi * KM_PER_MILE),
        (None, None) => None,
    };
    Ok((week, strength_days, weekly_km))
}

fn overrides(top: &Table<'_, '_>, v: &Spanned<DeValue<'_>>) -> Result<Vec<WeekOverride>> {
    let expected =
        "a list of tables, each written `[[weeks]]` with `week = N` and the days to change";
    let DeValue::Array(items) = v.get_ref() else {
        return Err(top.wrong_type("weeks", v, expected));
    };
    let mut out: Vec<WeekOverride> = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let DeValue::Table(map) = item.get_ref() else {
            return Err(top.wrong_type("weeks", item, expected));
        };
        let t = Table {
            doc: top.doc,
            name: format!("[[weeks]] entry {}", n + 1),
            span: item.span(),
            map,
        };
        t.check_keys(OVERRIDE_KEYS, &[])?;
        let week = t
            .int(
                "week",
                1,
                MAX_OVERRIDE_WEEK,
                "a week number of the plan, from 1 (the first week) to 104",
            )?
            .ok_or_else(|| t.missing("week", "the number of the week to change, e.g. `week = 7`"))?
            as u32;
        if out.iter().any(|o| o.week == week) {
            return Err(t.doc.error(
                t.key_span("week"),
                ErrorKind::Conflict {
                    message: format!(
                        "week {week} is overridden twice in [[weeks]]; merge the two entries"
                    ),
                },
            ));
        }
        let mut days: [Option<Vec<RunSpec>>; 7] = Default::default();
        for (i, key) in DAY_KEYS.iter().enumerate() {
            if let Some(v) = t.get(key) {
                let (runs, strength_day) = day_runs(&t, key, v)?;
                if strength_day {
                    return Err(t.doc.error(
                        v.span(),
                        ErrorKind::Conflict {
                            message: format!(
                                "{} (week {week}): `strength` alone marks a strength day of the usual week; write it in [week], and here the runs that change",
                                t.place(key)
                            ),
                        },
                    ));
                }
                days[i] = Some(runs);
            }
        }
        if days.iter().all(Option::is_none) {
            return Err(t.doc.error(
                t.span.clone(),
                ErrorKind::Conflict {
                    message: format!(
                        "{} (week {week}) changes no day; add e.g. `sat = \"race 21km\"`",
                        t.name
                    ),
                },
            ));
        }
        out.push(WeekOverride { week, days });
    }
    Ok(out)
}

fn schedule(t: &Table<'_, '_>) -> Result<Schedule> {
    t.check_keys(SCHEDULE_KEYS, &as_pairs(&hints_except("[schedule]")))?;
    let time_zone = match t.string("time_zone", "an IANA time zone name like \"Europe/Paris\"")? {
        Some(s) => {
            let tz = s.text.trim();
            let plausible = !tz.is_empty()
                && tz
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "/_-+".contains(c))
                && tz.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            if !plausible {
                return Err(t.doc.error(
                    s.range(),
                    ErrorKind::BadDate {
                        place: t.place("time_zone"),
                        given: tz.to_string(),
                        what: "time zone".into(),
                        reason: "expected an IANA name like \"Europe/Paris\" or \"UTC\"".into(),
                    },
                ));
            }
            Some(tz.to_string())
        }
        None => None,
    };
    Ok(Schedule {
        run_time: t.time("run_time")?,
        strength_time: t.time("strength_time")?,
        time_zone,
    })
}

/// The key of `[exercises]` that lists exercises never to prescribe; every other key is a
/// name from a lifting app.
pub const AVOID_KEY: &str = "avoid";

/// What `[exercises]` holds.
#[derive(Default)]
struct ExercisesTable {
    /// Names from lifting apps mapped to library ids, in file order.
    aliases: Vec<(String, String)>,
    /// Library ids never to prescribe, each once.
    avoid: Vec<String>,
}

/// `[exercises]`: app names mapped to library ids, and `avoid`, the ids never to prescribe.
fn exercises(t: &Table<'_, '_>) -> Result<ExercisesTable> {
    let mut aliases = Vec::new();
    let mut avoid = Vec::new();
    for (key, v) in entries_in_order(t.map) {
        let name: &str = key.get_ref();
        if name == AVOID_KEY {
            let expected =
                "a list of exercise ids from keel's library, like [\"bulgarian-split-squat\"]";
            let items: Vec<&Spanned<DeValue<'_>>> = match v.get_ref() {
                DeValue::String(_) => vec![v],
                DeValue::Array(a) => a.iter().collect(),
                _ => return Err(t.wrong_type(name, v, expected)),
            };
            for item in items {
                let Some(s) = as_str(t.doc, item) else {
                    return Err(t.wrong_type(name, item, expected));
                };
                let id = library_id(t, &s, &format!("[exercises].{AVOID_KEY}"))?;
                if !avoid.contains(&id) {
                    avoid.push(id);
                }
            }
            continue;
        }
        if matches!(v.get_ref(), DeValue::Array(_)) {
            // Only `avoid` takes a list: a list under another key is a misspelt `avoid`.
            return Err(t.doc.error(
                t.key_span(name),
                ErrorKind::UnknownKey {
                    key: name.to_string(),
                    table: "[exercises]".into(),
                    expected: vec![
                        AVOID_KEY.to_string(),
                        "a name from your lifting app (with an exercise id as its value)".into(),
                    ],
                    suggestion: Some(AVOID_KEY.to_string()),
                },
            ));
        }
        let Some(s) = as_str(t.doc, v) else {
            return Err(t.wrong_type(
                name,
                v,
                "an exercise id from keel's library, like \"back-squat\"",
            ));
        };
        let id = library_id(t, &s, &format!("[exercises].\"{name}\""))?;
        aliases.push((name.to_string(), id));
    }
    Ok(ExercisesTable { aliases, avoid })
}

/// A string that must be an id of keel's exercise library, with the closest id suggested.
fn library_id(t: &Table<'_, '_>, s: &Str<'_>, place: &str) -> Result<String> {
    let id = s.text.trim();
    if keel_core::exercises::find(id).is_some() {
        return Ok(id.to_string());
    }
    let ids: Vec<&str> = keel_core::exercises::LIBRARY.iter().map(|e| e.id).collect();
    let hint = match closest(id, &ids) {
        Some(c) => format!("; did you mean `{c}`?"),
        None => String::new(),
    };
    Err(t.doc.error(
        s.range(),
        ErrorKind::UnknownValue {
            what: "exercise id".into(),
            given: id.to_string(),
            place: place.to_string(),
            expected: vec![format!(
                "the {} ids of keel's exercise library (e.g. back-squat, goblet-squat, push-up){hint}",
                ids.len()
            )],
            suggestion: None,
        },
    ))
}
