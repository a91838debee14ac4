//! The season planner: phases and deloads from the dates, running weeks from the template,
//! then for each week an exhaustive search for the best strength placement that breaks no
//! hard rule, and a prescription for every session.
//!
//! Pure: `today` is a parameter, and the same inputs always give the same plan.

pub mod pace;
mod search;

use crate::model::{
    Focus, Goal, Intensity, MovementScreen, Phase, Profile, RaceDistance, RunSpec, RunType,
    Strategy, Weekday,
};
use crate::plan::{
    Nutrition, Plan, PlanDay, PlanWeek, RunSession, Session, StrengthSession, Timing, Why,
    PLAN_SCHEMA,
};
use crate::prescription::{self, Request};
use crate::rules::week::{focus_phrase, run_phrase, Day, Item};
use crate::rules::{self, *};
use crate::text::{capitalise, join_and, strip_the};
use jiff::civil::Date;
use jiff::Span;
use search::{Opt, Problem};

/// Longest plan keel makes, in weeks (a race at most 2 years ahead).
pub const MAX_WEEKS: u32 = 105;

/// Weeks planned without a race when no number is given.
pub const DEFAULT_WEEKS: u32 = 12;

/// Why a season cannot be planned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    /// The race date falls before the plan's first day.
    #[error("the race on {race} is before the plan starts on {start}")]
    RaceBeforeStart {
        /// Race day.
        race: Date,
        /// First day of the plan.
        start: Date,
    },
    /// The race is more than two years after today.
    #[error("the race on {race} is more than 2 years ahead (the latest date keel plans for is {latest})")]
    RaceTooFar {
        /// Race day.
        race: Date,
        /// Today plus two years.
        latest: Date,
    },
    /// The running week holds no run (only rest or cross-training).
    #[error("the running week has no running days: give at least one of easy, recovery, intervals, tempo, hills or long")]
    NoRunningDays,
    /// Zero weeks were asked for.
    #[error("the number of weeks must be at least 1")]
    NoWeeks,
    /// More weeks than keel plans.
    #[error("{weeks} weeks is too long a plan; at most {max}")]
    TooManyWeeks {
        /// Weeks asked for.
        weeks: u32,
        /// [`MAX_WEEKS`].
        max: u32,
    },
    /// Body mass is not a positive number.
    #[error("body mass must be a positive number of kilograms, got {0}")]
    InvalidBodyMass(f64),
    /// A `[[weeks]]` override names week 0.
    #[error("week overrides count from 1; got week {0}")]
    OverrideWeekZero(u32),
}

fn add_days(d: Date, n: i64) -> Date {
    d.saturating_add(Span::new().days(n))
}

fn days_between(a: Date, b: Date) -> i64 {
    b.duration_since(a).as_secs() / 86_400
}

/// The Monday of `d`'s week.
pub fn monday_of(d: Date) -> Date {
    add_days(d, -(Weekday::of(d).index() as i64))
}

/// The first Monday strictly after `d`.
pub fn next_monday(d: Date) -> Date {
    add_days(monday_of(d), 7)
}

/// Scaled minutes rounded down to 5 (so a cut is never smaller than asked), at least 10,
/// never more than the original.
fn scaled_minutes(m: u32, f: f64) -> u32 {
    let s = ((f64::from(m) * f / 5.0).floor() * 5.0).max(10.0) as u32;
    s.min(m)
}

/// A run from the template or an override, with minutes filled in from the default paces.
fn to_session(r: &RunSpec, profile: &Profile) -> RunSession {
    let x = profile.athlete.experience;
    let minutes = match (r.minutes, r.km) {
        (Some(m), _) => m,
        (None, Some(km)) => km * pace::min_per_km(r.run_type, x),
        (None, None) => 0.0,
    };
    RunSession {
        run_type: r.run_type,
        minutes: minutes.round().max(0.0) as u32,
        km: r.km,
    }
}

fn scale(r: &RunSession, f: f64) -> RunSession {
    if (f - 1.0).abs() < f64::EPSILON {
        return r.clone();
    }
    RunSession {
        run_type: r.run_type,
        minutes: scaled_minutes(r.minutes, f),
        km: r.km.map(|k| (k * f * 10.0).round() / 10.0),
    }
}

fn is_running(t: RunType) -> bool {
    !matches!(t, RunType::Cross | RunType::Rest)
}

/// Estimated kilometres of a run: as given, else from minutes at the default pace.
fn run_km(r: &RunSession, profile: &Profile) -> f64 {
    if !is_running(r.run_type) {
        return 0.0;
    }
    r.km.unwrap_or_else(|| {
        f64::from(r.minutes) / pace::min_per_km(r.run_type, profile.athlete.experience)
    })
}

/// The template's weekly kilometres: the profile's figure, else derived from the runs.
pub fn template_km(profile: &Profile) -> f64 {
    if let Some(k) = profile.weekly_km {
        return k;
    }
    profile
        .week
        .iter()
        .flatten()
        .filter(|r| is_running(r.run_type))
        .map(|r| run_km(&to_session(r, profile), profile))
        .sum()
}

/// One day of the season before strength is placed.
#[derive(Debug, Clone)]
struct SeasonDay {
    date: Date,
    runs: Vec<RunSession>,
    /// No strength here whatever the rules say (race day, after the race, late race week).
    closed: bool,
}

impl SeasonDay {
    fn has_hard(&self) -> bool {
        self.runs.iter().any(|r| r.run_type.is_hard())
    }
    fn has_race(&self) -> bool {
        self.runs.iter().any(|r| r.run_type == RunType::Race)
    }
    fn view(&self) -> Day {
        Day {
            items: self
                .runs
                .iter()
                .map(|r| Item::Run {
                    run_type: r.run_type,
                    minutes: Some(f64::from(r.minutes)),
                })
                .collect(),
            marked_rest: false,
        }
    }
}

/// Week-level facts the placement needs.
struct WeekFrame {
    index: u32,
    start: Date,
    phase: Phase,
    deload: bool,
    adjustments: Vec<Why>,
}

/// Plans a season from `profile`.
///
/// The plan starts on the Monday after `today`, or on `profile.start` (moved back to its
/// week's Monday, with a warning). With a race it runs to the race week inclusive (`weeks`,
/// when given, shortens it); without one it runs `weeks` weeks (default 12).
///
/// Invariants: no week breaks a hard rule (`rules::hard_violations` is empty for every week);
/// every `why` names a rule of the book; the race is a `race` run on its date.
pub fn plan_season(profile: &Profile, today: Date, weeks: Option<u32>) -> Result<Plan, PlanError> {
    let m = profile.athlete.body_mass_kg;
    if !(m.is_finite() && m > 0.0) {
        return Err(PlanError::InvalidBodyMass(m));
    }
    if !profile
        .week
        .iter()
        .flatten()
        .any(|r| is_running(r.run_type))
    {
        return Err(PlanError::NoRunningDays);
    }
    if let Some(o) = profile.overrides.iter().find(|o| o.week == 0) {
        return Err(PlanError::OverrideWeekZero(o.week));
    }
    match weeks {
        Some(0) => return Err(PlanError::NoWeeks),
        Some(w) if w > MAX_WEEKS => {
            return Err(PlanError::TooManyWeeks {
                weeks: w,
                max: MAX_WEEKS,
            })
        }
        _ => {}
    }
    let mut warnings = Vec::new();
    let start = match profile.start {
        Some(s) if Weekday::of(s) != Weekday::Mon => {
            let mon = monday_of(s);
            warnings.push(Why::new(phase_by_date::ID, format!(
                "The plan start {s} is a {}; plans run Monday to Sunday, so it starts on Monday {mon}.",
                Weekday::of(s).name()
            )));
            mon
        }
        Some(s) => s,
        None => next_monday(today),
    };
    let race = match profile.goal {
        Goal::Race { race, date } => {
            if date < start {
                return Err(PlanError::RaceBeforeStart { race: date, start });
            }
            let latest = today.saturating_add(Span::new().years(2));
            if date > latest {
                return Err(PlanError::RaceTooFar { race: date, latest });
            }
            Some((race, date))
        }
        _ => None,
    };
    let total = match race {
        Some((_, date)) => (days_between(start, monday_of(date)) / 7 + 1) as u32,
        None => weeks.unwrap_or(DEFAULT_WEEKS),
    };
    let shown = match (race, weeks) {
        (Some(_), Some(w)) => w.min(total),
        _ => total,
    };
    if shown < total {
        warnings.push(Why::new(
            phase_by_date::ID,
            format!("Showing the first {shown} of the {total} weeks up to the race."),
        ));
    }
    if !profile
        .week
        .iter()
        .any(|d| d.iter().all(|r| r.run_type == RunType::Rest))
    {
        warnings.push(Why::new(rest_day::ID, "Your running week has no rest day: keel plans it anyway and keeps strength off no day, but one day with no run, strength or cross-training each week would help recovery."));
    }
    for o in profile.overrides.iter().filter(|o| o.week > shown) {
        warnings.push(Why::new(
            phase_by_date::ID,
            format!(
                "The override for week {} is outside this {shown}-week plan and was not used.",
                o.week
            ),
        ));
    }

    let phases: Vec<Phase> = match (race, profile.goal) {
        (Some((r, _)), _) => phase_by_date::phases(total as usize, r),
        (None, Goal::OffSeason) => vec![Phase::OffSeason; total as usize],
        _ => vec![Phase::Fitness; total as usize],
    };
    let age = profile.athlete.age;
    let km = template_km(profile);
    let high = high_mileage_cap::applies(km);
    let taper_len = phases.iter().filter(|p| **p == Phase::Taper).count();

    // Running days for the shown weeks and one more (for Sunday-to-Monday spacing).
    let horizon = (shown + 1).min(if race.is_some() { total } else { shown + 1 });
    let mut frames = Vec::with_capacity(horizon as usize);
    let mut days: Vec<SeasonDay> = Vec::with_capacity(7 * horizon as usize);
    let mut taper_seen = 0;
    for i in 0..horizon {
        let phase = phases.get(i as usize).copied().unwrap_or(Phase::Fitness);
        let index = i + 1;
        let deload = deload_week::is_deload(index, age, phase);
        let week_start = add_days(start, 7 * i64::from(i));
        let mut adjustments = Vec::new();
        let factor = match phase {
            Phase::Taper => {
                let f = taper_volume::run_factor(taper_seen, taper_len);
                taper_seen += 1;
                f
            }
            Phase::Race => taper_volume::run_factor(taper_len.max(1), taper_len.max(1)),
            _ if deload => 1.0 - deload_week::SHARE,
            _ => 1.0,
        };
        let over = profile.overrides.iter().find(|o| o.week == index);
        let race_day = race
            .filter(|_| phase == Phase::Race)
            .map(|(_, d)| Weekday::of(d).index());
        let mut template_minutes = 0u32;
        for d in 0..7 {
            let date = add_days(week_start, d as i64);
            let base: Vec<RunSession> = profile.week[d]
                .iter()
                .filter(|r| r.run_type != RunType::Rest)
                .map(|r| to_session(r, profile))
                .collect();
            template_minutes += base
                .iter()
                .filter(|r| is_running(r.run_type))
                .map(|r| r.minutes)
                .sum::<u32>();
            let mut runs: Vec<RunSession> = match over.and_then(|o| o.days[d].as_ref()) {
                Some(rs) => rs
                    .iter()
                    .filter(|r| r.run_type != RunType::Rest)
                    .map(|r| to_session(r, profile))
                    .collect(),
                None => base.iter().map(|r| scale(r, factor)).collect(),
            };
            let mut closed = false;
            if let (Some(rd), Some((distance, _))) = (race_day, race) {
                if d == rd {
                    let x = profile.athlete.experience;
                    let replaced: Vec<&str> = runs.iter().map(|r| run_phrase(r.run_type)).collect();
                    runs = vec![RunSession {
                        run_type: RunType::Race,
                        minutes: (distance.km() * pace::race_min_per_km(distance, x)).round()
                            as u32,
                        km: Some(distance.km()),
                    }];
                    adjustments.push(Why::new(
                        phase_by_date::ID,
                        format!(
                            "Race day: the {} on {} {date}{}.",
                            distance,
                            Weekday::from_index(d).name(),
                            if replaced.is_empty() {
                                String::new()
                            } else {
                                format!(", in place of {}", replaced.join(" and "))
                            }
                        ),
                    ));
                    closed = true;
                } else if d < rd {
                    let (eve, other) = taper_volume::SHAKE_OUT_MINUTES;
                    let cap = if d + 1 == rd { eve } else { other };
                    for r in runs.iter_mut().filter(|r| r.run_type == RunType::Long) {
                        r.run_type = RunType::Easy;
                        if r.minutes > cap {
                            let share = f64::from(cap) / f64::from(r.minutes.max(1));
                            r.km = r.km.map(|k| (k * share * 10.0).round() / 10.0);
                            r.minutes = cap;
                        }
                    }
                    // Leave race week's strength to its first days (`frequency-by-phase`).
                    closed = d + 2 > rd || d > 2;
                } else {
                    for r in runs.iter_mut().filter(|r| r.run_type.is_hard()) {
                        r.run_type = RunType::Recovery;
                    }
                    closed = true;
                }
            }
            days.push(SeasonDay { date, runs, closed });
        }
        if let Some(o) = over {
            let changed: Vec<&str> = (0..7)
                .filter(|d| o.days[*d].is_some())
                .map(|d| Weekday::from_index(d).name())
                .collect();
            adjustments.push(Why::new(run_priority::ID, format!(
                "Your override for week {index} sets {}; those runs are kept as written and strength fits around them.",
                changed.join(", ")
            )));
            // A race the day after a hard run is the runner's call, but worth a word.
            let week = &days[days.len() - 7..];
            for d in 1..7 {
                let hard_before = week[d - 1]
                    .runs
                    .iter()
                    .find(|r| r.run_type.is_hard() && r.run_type != RunType::Race);
                if let (true, Some(prev)) = (week[d].has_race(), hard_before) {
                    adjustments.push(Why::new(run_priority::ID, format!(
                        "The race on {} comes the day after {} on {}: keel never moves your runs, but an easy day or rest before a race lets you race fresh.",
                        Weekday::from_index(d).name(),
                        run_phrase(prev.run_type),
                        Weekday::from_index(d - 1).name()
                    )));
                }
            }
        }
        let week_minutes: u32 = days[days.len() - 7..]
            .iter()
            .flat_map(|d| &d.runs)
            .filter(|r| is_running(r.run_type))
            .map(|r| r.minutes)
            .sum();
        if deload {
            adjustments.push(Why::new(deload_week::ID, format!(
                "Week {index} is a deload week: strength sets down about 25%, loads lighter, one more rep in reserve; running from your usual week down 25% ({template_minutes} to about {week_minutes} min)."
            )));
            if age >= rules::AGE_RECOVERY_FROM {
                adjustments.push(Why::new(
                    "age-recovery",
                    format!(
                    "At {age}, recovery weighs more: a deload every {} weeks instead of every {}.",
                    deload_week::every(age), deload_week::every(0)
                ),
                ));
            }
        }
        if phase == Phase::Taper {
            adjustments.push(Why::new(taper_volume::ID, format!(
                "Taper: running down to about {week_minutes} min from {template_minutes} ({:.0}% less) with the same run types; one light strength session.",
                100.0 * (1.0 - f64::from(week_minutes) / f64::from(template_minutes.max(1)))
            )));
        }
        if phase == Phase::Race {
            adjustments.push(Why::new(taper_volume::ID, format!("Race week: short runs at the usual intensity; the long run becomes an easy shake-out of at most {} min ({} the day before the race); runs after the race become recovery runs.", taper_volume::SHAKE_OUT_MINUTES.1, taper_volume::SHAKE_OUT_MINUTES.0)));
            adjustments.push(Why::new(
                active_recovery::ID,
                "After the race: easy running, mobility and rest only until next week.",
            ));
        }
        if i == 0 || phases.get(i as usize - 1) != Some(&phase) {
            adjustments.insert(
                0,
                Why::new(phase_by_date::ID, phase_intro(phase, race.map(|r| r.0))),
            );
        }
        frames.push(WeekFrame {
            index,
            start: week_start,
            phase,
            deload,
            adjustments,
        });
    }

    // Strength, week by week, so each week sees the previous week's Sunday.
    let mut out_weeks: Vec<PlanWeek> = Vec::with_capacity(shown as usize);
    let mut prev_sunday: Vec<(Focus, Intensity)> = Vec::new();
    let mut prev_gap: Option<usize> = None;
    for (wi, frame) in frames.into_iter().take(shown as usize).enumerate() {
        let base = wi * 7;
        let mut week = place_week(
            profile,
            &frame,
            &days,
            base,
            km,
            high,
            &prev_sunday,
            prev_gap,
            race,
        );
        if let (true, Some(prev)) = (week.deload, out_weeks.last()) {
            cap_deload_sets(&mut week, total_sets(prev));
        }
        prev_sunday = week
            .days
            .get(6)
            .map(|d| {
                d.sessions
                    .iter()
                    .filter_map(|s| match s {
                        Session::Strength(s) => Some((s.focus, s.intensity)),
                        Session::Run(_) => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        prev_gap = week
            .days
            .iter()
            .rposition(|d| d.sessions.iter().any(|s| matches!(s, Session::Strength(_))))
            .map(|last| 7 - last)
            .or(prev_gap.map(|g| g + 7));
        out_weeks.push(week);
    }

    let (moderate, high_carb) = carbohydrate::grams(m);
    let nutrition = Nutrition {
        protein_g: protein::grams(m),
        carbohydrate_moderate_g: moderate,
        carbohydrate_high_g: high_carb,
        why: vec![
            Why::new(protein::ID, format!(
                "{}-{} g of protein a day: 1.6-2.2 g per kg at {m:.0} kg, spread over 3-5 meals.",
                protein::grams(m)[0], protein::grams(m)[1]
            )),
            Why::new(carbohydrate::ID, format!(
                "Carbohydrate {}-{} g on moderate days (5-7 g/kg) and {}-{} g on long-run and high-volume days (6-10 g/kg).",
                moderate[0], moderate[1], high_carb[0], high_carb[1]
            )),
            Why::new(refuel::ID, refuel::advice(m)),
            Why::new(true_rest::ID, "Rest days hold no workout at all; cross-training is training, not rest."),
            Why::new(active_recovery::ID, active_recovery::advice()),
        ],
    };
    Ok(Plan {
        schema: PLAN_SCHEMA.to_string(),
        athlete: profile.athlete.clone(),
        goal: profile.goal,
        strategy: profile.preferences.strategy,
        warnings,
        weeks: out_weeks,
        nutrition,
    })
}

fn phase_intro(phase: Phase, race: Option<RaceDistance>) -> String {
    match phase {
        Phase::Base => "Base phase: build general strength with higher reps and compound lifts.".to_string(),
        Phase::Build => "Build phase (about a third of the block): strength at maintenance, moderate loads, as race-specific running grows.".to_string(),
        Phase::Peak => "Peak phase: the hardest running; strength drops to one light session.".to_string(),
        Phase::Taper => format!(
            "Taper: {} before the race, running volume falls while intensity stays.",
            match race.map(phase_by_date::taper_weeks) { Some(1) => "1 week", _ => "2 weeks" }
        ),
        Phase::Race => "Race week: arrive fresh.".to_string(),
        Phase::Recovery => "Recovery after the race: mobility only.".to_string(),
        Phase::Fitness => "No race: steady fitness weeks with 2 strength sessions.".to_string(),
        Phase::OffSeason => "Off-season: the time to build strength, 3 sessions a week.".to_string(),
    }
}

/// Value of a session focus in a phase (higher = more wanted); 0 = not offered.
fn focus_value(phase: Phase, focus: Focus, high: bool, index: u32, screen_fail: bool) -> i32 {
    if high && !matches!(phase, Phase::Race | Phase::Recovery) {
        let pair = high_mileage_cap::rotation(index);
        return match focus {
            Focus::Full => 0,
            Focus::Mobility => 4,
            f if pair.contains(&f) => {
                if f == Focus::Lower {
                    40
                } else {
                    36
                }
            }
            _ => 20,
        };
    }
    let v = match phase {
        Phase::Race => match focus {
            Focus::Upper | Focus::Core => 30,
            Focus::Mobility => 24,
            _ => 0,
        },
        Phase::Recovery => match focus {
            Focus::Mobility => 30,
            _ => 0,
        },
        Phase::Taper | Phase::Peak => match focus {
            Focus::Full => 40,
            Focus::Lower => 34,
            Focus::Upper | Focus::Core => 22,
            Focus::Mobility => 6,
        },
        _ => match focus {
            Focus::Full => 40,
            Focus::Lower => 36,
            Focus::Upper => 18,
            Focus::Core => 16,
            Focus::Mobility => 4,
        },
    };
    // A failed screen makes mobility worth more: it is half of what the athlete needs.
    if screen_fail && focus == Focus::Mobility && v > 0 {
        v + 10
    } else {
        v
    }
}

/// The phase's intensity for a focus. Deload weeks keep the label: their loads come down in
/// the load advice ("about 10% lighter") and their volume in sets, so the exercises stay the
/// ones the runner is progressing on.
fn base_intensity(phase: Phase, focus: Focus, screen_fail: bool) -> Intensity {
    if screen_fail || focus == Focus::Mobility {
        return Intensity::Bodyweight;
    }
    match phase {
        Phase::OffSeason => Intensity::Heavy,
        Phase::Base | Phase::Build | Phase::Fitness => Intensity::Moderate,
        Phase::Peak | Phase::Taper | Phase::Race => Intensity::Light,
        Phase::Recovery => Intensity::Bodyweight,
    }
}

fn lighter_of(a: Intensity, b: Intensity) -> Intensity {
    // Intensity variants run heaviest first.
    if a > b {
        a
    } else {
        b
    }
}

#[allow(clippy::too_many_arguments)]
fn place_week(
    profile: &Profile,
    frame: &WeekFrame,
    days: &[SeasonDay],
    base: usize,
    km: f64,
    high: bool,
    prev_sunday: &[(Focus, Intensity)],
    prev_gap: Option<usize>,
    race: Option<(RaceDistance, Date)>,
) -> PlanWeek {
    let phase = frame.phase;
    let screen_fail = profile.athlete.movement_screen == MovementScreen::Fail;
    let strategy = profile.preferences.strategy;
    let mut adjustments = frame.adjustments.clone();
    let week_days = &days[base..base + 7];
    let views: Vec<Day> = week_days.iter().map(SeasonDay::view).collect();

    let mut n = frequency_by_phase::sessions(phase, km, profile.preferences.correcting_weakness);
    let phase_n = n;
    if profile.athlete.age >= rules::AGE_RECOVERY_FROM && n > 2 {
        n = 2;
        adjustments.push(Why::new(
            "age-recovery",
            format!(
                "At {}, 2 strength sessions rather than {phase_n}: recovery weighs more from 40.",
                profile.athlete.age
            ),
        ));
    }
    if high && n > high_mileage_cap::MAX_SESSIONS {
        n = high_mileage_cap::MAX_SESSIONS;
    }

    // Options per day: the unary hard rules decide what may go where.
    let allowed: [Vec<Opt>; 7] = std::array::from_fn(|d| {
        let g = base + d;
        let day = &week_days[d];
        if day.closed || day.runs.is_empty() || !rest_day::allows_strength(&views[d]) {
            return Vec::new();
        }
        let next_hard = days.get(g + 1).is_some_and(SeasonDay::has_hard);
        let race_close =
            (1..=race_72h::DAYS).any(|k| days.get(g + k).is_some_and(SeasonDay::has_race));
        let strat = match strategy {
            Strategy::Stack => stack_hard_days::day_score(&views[d]),
            Strategy::Easy => easy_day_support::day_score(&views[d]),
        };
        // Where to lift weighs more than which focus: a strategy is the runner's choice.
        let unary = 2 * strat + prefer_short_days::day_score(&views[d]);
        Focus::ALL
            .iter()
            .filter_map(|&f| {
                let value = focus_value(phase, f, high, frame.index, screen_fail);
                if value == 0 || (race_close && race_72h::forbids(f)) {
                    return None;
                }
                let mut i = base_intensity(phase, f, screen_fail);
                if next_hard {
                    // Only light upper-body or core work the day before a hard run.
                    i = lighter_of(i, Intensity::Light);
                    if hard_run_24h::forbids(f, i) {
                        return None;
                    }
                }
                Some(Opt {
                    focus: f,
                    intensity: i,
                    score: value + unary + upper_on_recovery::bonus(&views[d], f),
                })
            })
            .collect()
    });

    let wants_legs = !matches!(phase, Phase::Race | Phase::Recovery);
    let composition = |fs: &[Focus]| -> i32 {
        let mut s = 0;
        if wants_legs && fs.iter().any(|f| f.loads_legs()) {
            s += 30;
        }
        if high {
            for (i, f) in fs.iter().enumerate() {
                if fs[..i].contains(f) {
                    s -= 30;
                }
            }
        }
        s
    };
    let mut placed = None;
    let mut k = n as usize;
    loop {
        let p = Problem {
            allowed: &allowed,
            n: k,
            prev_sunday,
            prev_gap,
            composition: &composition,
            composition_max: if wants_legs { 30 } else { 0 },
        };
        if let Some(r) = search::best(&p) {
            placed = Some(r);
            break;
        }
        if k == 0 {
            break;
        }
        k -= 1;
    }
    let (chosen, _) = placed.unwrap_or_default();
    if chosen.len() < n as usize {
        let open: Vec<&str> = (0..7)
            .filter(|d| !allowed[*d].is_empty())
            .map(|d| Weekday::from_index(d).name())
            .collect();
        let reason = if open.is_empty() {
            "no day this week can take strength (rest days, race days and the days around the race stay free)".to_string()
        } else {
            format!(
                "only {} can take strength, and sessions loading the same muscles need 48 h between them",
                join_and(&open)
            )
        };
        adjustments.push(Why::new(
            frequency_by_phase::ID,
            format!(
                "{} of the {n} planned strength sessions fit this week: {reason}.",
                chosen.len()
            ),
        ));
    }
    if wants_legs
        && !screen_fail
        && !chosen.is_empty()
        && !chosen
            .iter()
            .any(|&(d, i)| allowed[d][i].focus.loads_legs())
    {
        adjustments.push(Why::new(hard_run_24h::ID, "No day this week can take leg work without breaking the 24 h before a hard run or the 72 h before a race, so strength is upper-body, core or mobility only."));
    }
    // Said of the sessions actually placed; race week and recovery have their own rules.
    if high && !chosen.is_empty() && !matches!(phase, Phase::Race | Phase::Recovery) {
        let focuses: Vec<&str> = chosen
            .iter()
            .map(|&(d, i)| focus_phrase(allowed[d][i].focus))
            .collect();
        let (lo, hi) = high_mileage_cap::MINUTES;
        let length = match (frame.deload, phase) {
            (true, _) => format!("{lo}-{hi} min (shorter in this deload week)"),
            (_, Phase::Taper) => format!("{lo}-{hi} min in normal weeks, shorter in the taper"),
            _ => format!("{lo}-{hi} min"),
        };
        let text = if focuses.len() >= 2 {
            format!(
                "About {km:.0} km a week: at most {} sessions of {length}, focus rotating ({} this week) instead of full-body.",
                high_mileage_cap::MAX_SESSIONS,
                join_and(&focuses)
            )
        } else {
            format!(
                "About {km:.0} km a week: at most {} sessions of {length}, each on one area instead of full-body ({} this week).",
                high_mileage_cap::MAX_SESSIONS,
                focuses.join("")
            )
        };
        adjustments.push(Why::new(high_mileage_cap::ID, text));
    }

    // Build the days.
    let mut out_days: Vec<PlanDay> = week_days
        .iter()
        .map(|d| PlanDay {
            date: d.date,
            weekday: Weekday::of(d.date),
            rest: d.runs.is_empty(),
            sessions: d.runs.iter().cloned().map(Session::Run).collect(),
        })
        .collect();
    let mut focus_count = std::collections::HashMap::new();
    let mut last: Option<(usize, Focus, Intensity)> =
        prev_sunday.first().map(|&(f, i)| (usize::MAX, f, i));
    for (ord, &(d, oi)) in chosen.iter().enumerate() {
        let o = allowed[d][oi];
        let g = base + d;
        let view = &views[d];
        let day_name = Weekday::from_index(d).name();
        let key = view.key_run();
        let after_run = !week_days[d].runs.is_empty();
        let minutes =
            session_length::target(phase, o.focus, high, profile.preferences.session_minutes);
        let variant = {
            let c = focus_count.entry(o.focus).or_insert(0u32);
            *c += 1;
            *c - 1
        };
        let px = prescription::prescribe(
            &Request {
                athlete: &profile.athlete,
                focus: o.focus,
                intensity: o.intensity,
                phase,
                minutes,
                after_run,
                deload: frame.deload,
                variant,
            },
            None,
        );
        let mut why = Vec::new();
        let run_desc = key
            .map(|t| format!("{day_name}'s {}", strip_the(run_phrase(t))))
            .unwrap_or_else(|| day_name.to_string());
        why.push(match strategy {
            Strategy::Stack if key.is_some_and(RunType::is_quality) => Why::new(stack_hard_days::ID, format!(
                "After {run_desc}: hard days hard, so the easy days around it stay easy."
            )),
            Strategy::Stack if key == Some(RunType::Long) => Why::new(stack_hard_days::ID, format!(
                "After {run_desc}, as a last resort: no quality-run day could take this session without breaking a hard rule."
            )),
            Strategy::Stack => Why::new(stack_hard_days::ID, format!(
                "After {run_desc}: the quality-run days were taken or barred by a hard rule."
            )),
            Strategy::Easy if matches!(key, Some(RunType::Easy | RunType::Recovery | RunType::Cross)) => Why::new(easy_day_support::ID, format!(
                "After {run_desc}, a lighter day, so the key sessions stay protected."
            )),
            Strategy::Easy => Why::new(easy_day_support::ID, format!(
                "After {run_desc}: the lighter days were taken or barred by a hard rule."
            )),
        });
        why.push(Why::new(run_then_lift::ID, format!(
            "Lift after the run, not before; if you split the day, keep at least {} h between them.",
            run_then_lift::HOURS_APART
        )));
        if let Some(next) = days.get(g + 1).filter(|n| n.has_hard()) {
            let nr = next
                .runs
                .iter()
                .find(|r| r.run_type.is_hard())
                .map(|r| strip_the(run_phrase(r.run_type)))
                .unwrap_or("hard run");
            why.push(Why::new(
                hard_run_24h::ID,
                format!(
                "{} holds the {nr} tomorrow, so only light {} work today, nothing for the legs.",
                Weekday::of(next.date).name(),
                focus_phrase(o.focus)
            ),
            ));
        } else if o.focus.loads_legs() {
            let tomorrow = days
                .get(g + 1)
                .map(|n| Weekday::of(n.date).name())
                .unwrap_or("Tomorrow");
            why.push(Why::new(
                hard_run_24h::ID,
                format!(
                    "No hard run on {tomorrow}, so the legs have 24 h before the next key session."
                ),
            ));
        }
        if let Some((_, rdate)) = race {
            let to_race = days_between(week_days[d].date, rdate);
            if (0..=7).contains(&to_race) {
                why.push(Why::new(race_72h::ID, format!(
                    "The race is {to_race} days away: no lower-body or full-body work in the last 72 h."
                )));
            }
        }
        if let Some((ld, lf, li)) = last {
            if same_muscle_48h::conflict((lf, li), (o.focus, o.intensity)) {
                let since = if ld == usize::MAX {
                    "last Sunday".to_string()
                } else {
                    Weekday::from_index(ld).name().to_string()
                };
                why.push(Why::new(
                    same_muscle_48h::ID,
                    format!(
                    "At least 48 h after the {} session on {since}, which loaded the same muscles.",
                    focus_phrase(lf)
                ),
                ));
            }
        }
        if ord > 0 {
            let gap = d - chosen[ord - 1].0;
            why.push(Why::new(
                spread_sessions::ID,
                format!(
                    "{gap} days after the previous session, spreading the load through the week."
                ),
            ));
        }
        // The bonus is only given to upper-body and core work on a recovery day.
        if upper_on_recovery::bonus(view, o.focus) > 0 {
            why.push(Why::new(
                upper_on_recovery::ID,
                format!(
                    "{} work suits {day_name}'s recovery day: it leaves the legs alone.",
                    capitalise(focus_phrase(o.focus))
                ),
            ));
        }
        if view.run_minutes() <= 45.0 {
            why.push(Why::new(
                prefer_short_days::ID,
                format!(
                    "{day_name}'s running is short ({:.0} min), leaving energy for strength.",
                    view.run_minutes()
                ),
            ));
        }
        why.push(Why::new(
            frequency_by_phase::ID,
            frequency_by_phase::explain(phase, n, km),
        ));
        why.push(Why::new(
            session_length::ID,
            length_reason(
                px.minutes,
                minutes,
                profile.preferences.session_minutes,
                phase,
                high,
                frame.deload,
            ),
        ));
        if high {
            why.push(Why::new(
                high_mileage_cap::ID,
                format!(
                    "At about {km:.0} km a week sessions rotate focus: {} this time.",
                    focus_phrase(o.focus)
                ),
            ));
        }
        if phase == Phase::Taper {
            why.push(Why::new(
                taper_volume::ID,
                "Taper: one light session keeps strength without tiring the legs.",
            ));
        }
        why.extend(px.why);
        let session = StrengthSession {
            focus: o.focus,
            intensity: o.intensity,
            minutes: px.minutes,
            timing: if after_run {
                Timing::AfterRun
            } else {
                Timing::Separate
            },
            warm_up: px.warm_up,
            exercises: px.exercises,
            why,
        };
        out_days[d].sessions.push(Session::Strength(session));
        out_days[d].rest = false;
        last = Some((d, o.focus, o.intensity));
    }

    let run_minutes = week_days
        .iter()
        .flat_map(|d| &d.runs)
        .filter(|r| is_running(r.run_type))
        .map(|r| r.minutes)
        .sum();
    let run_km: f64 = week_days
        .iter()
        .flat_map(|d| &d.runs)
        .map(|r| run_km(r, profile))
        .sum();
    PlanWeek {
        index: frame.index,
        start: frame.start,
        phase,
        deload: frame.deload,
        run_minutes,
        run_km: Some((run_km * 10.0).round() / 10.0),
        days: out_days,
        adjustments,
    }
}

/// Working sets of all strength sessions of a week.
pub fn total_sets(week: &PlanWeek) -> u32 {
    week.days
        .iter()
        .flat_map(|d| &d.sessions)
        .filter_map(|s| match s {
            Session::Strength(s) => Some(s.exercises.iter().map(|e| e.sets).sum::<u32>()),
            Session::Run(_) => None,
        })
        .sum()
}

/// Makes a deload week hold about 25% fewer sets than the week before it, not only than its
/// own phase's usual dose (a deload in the first build week must still be lighter than the
/// last base week). Takes sets from the exercises with the most first, then drops the last
/// exercises of the longest sessions, keeping two per session.
fn cap_deload_sets(week: &mut PlanWeek, prev_sets: u32) {
    if prev_sets == 0 {
        return;
    }
    let cap =
        ((f64::from(prev_sets) * (1.0 - deload_week::SHARE)).round() as u32).min(prev_sets - 1);
    let phase = week.phase;
    let mut sessions: Vec<&mut StrengthSession> = week
        .days
        .iter_mut()
        .flat_map(|d| d.sessions.iter_mut())
        .filter_map(|s| match s {
            Session::Strength(s) => Some(s),
            Session::Run(_) => None,
        })
        .collect();
    let total = |ss: &[&mut StrengthSession]| {
        ss.iter()
            .map(|s| s.exercises.iter().map(|e| e.sets).sum::<u32>())
            .sum::<u32>()
    };
    let before = total(&sessions);
    if before <= cap {
        return;
    }
    while total(&sessions) > cap {
        let most = sessions
            .iter()
            .enumerate()
            .flat_map(|(si, s)| {
                s.exercises
                    .iter()
                    .enumerate()
                    .map(move |(ei, e)| (e.sets, si, ei))
            })
            .filter(|(n, _, _)| *n > 1)
            .max();
        if let Some((_, si, ei)) = most {
            sessions[si].exercises[ei].sets -= 1;
            continue;
        }
        let longest = sessions
            .iter()
            .enumerate()
            .filter(|(_, s)| s.exercises.len() > 2)
            .max_by_key(|(i, s)| (s.exercises.len(), *i))
            .map(|(i, _)| i);
        match longest {
            Some(si) => {
                sessions[si].exercises.pop();
            }
            None => break,
        }
    }
    for s in sessions.iter_mut() {
        let after_run = s.timing == Timing::AfterRun;
        let was = s.minutes;
        s.minutes =
            prescription::estimate_minutes(&s.exercises, s.intensity, phase, s.focus, after_run);
        let n: u32 = s.exercises.iter().map(|e| e.sets).sum();
        let high = s.why.iter().any(|y| y.rule == high_mileage_cap::ID);
        let shorter = s.minutes < was;
        for y in s
            .why
            .iter_mut()
            .filter(|y| shorter && y.rule == session_length::ID)
        {
            let (lo, hi) = high_mileage_cap::MINUTES;
            y.text = format!(
                "{} min: a deload week, so fewer sets and a shorter session than usual{}.",
                s.minutes,
                if high {
                    format!(" (the {lo}-{hi} min of high mileage is for normal weeks)")
                } else {
                    String::new()
                }
            );
        }
        for y in s.why.iter_mut().filter(|y| y.rule == deload_week::ID) {
            y.text = format!("Deload week: {n} sets in this session, one more rep in reserve and loads about 10% lighter.");
        }
    }
    let after = total(&sessions);
    week.adjustments.push(Why::new(
        deload_week::ID,
        format!("{after} strength sets this week against {prev_sets} last week."),
    ));
}

/// The `session-length` reason for a session of `actual` minutes planned at `target`.
fn length_reason(
    actual: u32,
    target: u32,
    preference: Option<u32>,
    phase: Phase,
    high: bool,
    deload: bool,
) -> String {
    let (lo, hi) = high_mileage_cap::MINUTES;
    let short_phase = matches!(phase, Phase::Taper | Phase::Race | Phase::Recovery);
    if deload && actual < target {
        return format!(
            "{actual} min: a deload week, so fewer sets than the usual {target} min{}.",
            if high {
                format!(" (the {lo}-{hi} min of high mileage is for normal weeks)")
            } else {
                String::new()
            }
        );
    }
    if high && short_phase {
        let when = if phase == Phase::Race {
            "race week".to_string()
        } else {
            phase.to_string()
        };
        return format!(
            "{actual} min: the {when} keeps strength short; the {lo}-{hi} min of high mileage is for normal weeks."
        );
    }
    match preference {
        Some(p) if p == actual => format!("{actual} min, as you prefer."),
        Some(p) => format!(
            "{actual} min: your preferred {p} min adjusted to the {phase} phase{}.",
            if high {
                format!(" and your mileage ({lo}-{hi} min)")
            } else {
                String::new()
            }
        ),
        None if high => format!("{actual} min: {lo}-{hi} min at high mileage."),
        None => {
            format!("{actual} min, within the usual 30-60 (short sessions are fine on busy days).")
        }
    }
}

#[cfg(test)]
mod tests;
