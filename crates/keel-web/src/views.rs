//! View models: plan and log values turned into the strings the templates show.
//!
//! Kept apart from the handlers so that formatting is testable without a server, and the
//! templates stay free of logic beyond loops and conditionals.

use jiff::civil::Date;
use keel_core::adapt::Change;
use keel_core::model::{Goal, Phase};
use keel_core::plan::{Plan, PlanWeek, RunSession, Timing, Why};
use keel_core::text::lowercase_first;
use keel_export::reading::{Reader, Reason, Said, SessionReading, StrengthReading};

use crate::charts::{self, Band, BandMark, BandSegment, BarChart, BarSeries, Overlay};

/// A date as people read it: "Tue 5 Jan".
pub fn short_date(d: Date) -> String {
    d.strftime("%a %-d %b").to_string()
}

/// A date with the year: "5 Jan 2027".
pub fn long_date(d: Date) -> String {
    d.strftime("%-d %b %Y").to_string()
}

/// The index (0-based) of the week holding `today`: the first week before the plan, the
/// last after it.
pub fn current_week(plan: &Plan, today: Date) -> usize {
    if plan.weeks.is_empty() {
        return 0;
    }
    for (i, w) in plan.weeks.iter().enumerate() {
        let end = w.days.last().map_or(w.start, |d| d.date);
        if today >= w.start && today <= end {
            return i;
        }
    }
    if today < plan.weeks[0].start {
        0
    } else {
        plan.weeks.len() - 1
    }
}

/// A reason, for display.
#[derive(Debug, Clone)]
pub struct WhyView {
    /// Rule id.
    pub rule: String,
    /// Sentence.
    pub text: String,
}

impl From<&Why> for WhyView {
    fn from(w: &Why) -> Self {
        WhyView {
            rule: w.rule.clone(),
            text: w.text.clone(),
        }
    }
}

/// One exercise row.
#[derive(Debug, Clone)]
pub struct ExerciseView {
    /// Name.
    pub name: String,
    /// Library id (the swap control names it).
    pub id: String,
    /// "3 x 8-10 · dumbbell", with reps in reserve and tempo when they differ from the
    /// session's.
    pub dose: String,
    /// Its own load advice, or empty (the session's or week's says it).
    pub load: String,
    /// The coaching cue, or empty when the page showed it already.
    pub cue: String,
    /// "easier: x · harder: y", or empty.
    pub variants: String,
}

/// One block in a day: a run or a strength session.
#[derive(Debug, Clone)]
pub struct BlockView {
    /// `run` or `strength`.
    pub kind: &'static str,
    /// Title, as in the calendar export.
    pub title: String,
    /// A hard run (intervals, tempo, hills, long, race).
    pub hard: bool,
    /// Timing line for strength ("right after the run").
    pub timing: String,
    /// Reps in reserve and tempo most exercises share ("2 in reserve · tempo 3-1-1").
    pub meta: String,
    /// Warm-up items, unless the week's notes say them.
    pub warm_up: String,
    /// Load advice most exercises share, unless the week's notes say it.
    pub load: String,
    /// Exercises.
    pub exercises: Vec<ExerciseView>,
    /// The one reason shown with the session (its placement, or the change that made it).
    pub reason: Option<WhyView>,
    /// Its other reasons not on the page before, behind the reason.
    pub why: Vec<WhyView>,
    /// Rule ids of its other reasons already on the page.
    pub why_before: Vec<String>,
    /// The runner's controls and where the session stands (strength sessions only).
    pub actions: Option<ActionsView>,
}

/// A strength session's actions area: where it stands (done, skipped, missed) and, for the
/// stored profile's plan, the swap, move and done/skip controls.
#[derive(Debug, Clone, Default)]
pub struct ActionsView {
    /// ISO date of the session.
    pub date: String,
    /// Its focus id (which session of the day).
    pub focus: String,
    /// `done`, `skipped`, `missed` or `planned`.
    pub status: String,
    /// What the status says ("done (logged: Strength)", "skipped: work trip").
    pub status_text: String,
    /// Its day has come (it may be marked done).
    pub due: bool,
    /// The controls are shown (the plan is the stored profile's, which edits apply to).
    pub editable: bool,
    /// The other days of its week it may move to: (ISO date, label).
    pub move_to: Vec<(String, String)>,
}

/// One day of the week page.
#[derive(Debug, Clone)]
pub struct DayView {
    /// ISO date, for ids and tests.
    pub iso: String,
    /// "Tue 5 Jan".
    pub label: String,
    /// Whether it is today.
    pub today: bool,
    /// A rest day.
    pub rest: bool,
    /// Blocks in order.
    pub blocks: Vec<BlockView>,
    /// Adjustments in force on this day: what changed (its cause is with the week's).
    pub adjustments: Vec<WhyView>,
}

/// The week page.
#[derive(Debug, Clone)]
pub struct WeekView {
    /// 1-based index.
    pub index: u32,
    /// Number of weeks in the plan.
    pub total: usize,
    /// "4 Jan 2027".
    pub start: String,
    /// Phase id.
    pub phase: String,
    /// Deload week.
    pub deload: bool,
    /// Planned running minutes.
    pub run_minutes: u32,
    /// Strength sessions this week.
    pub strength_sessions: usize,
    /// Previous week's index.
    pub prev: Option<u32>,
    /// Next week's index.
    pub next: Option<u32>,
    /// Whether it holds today.
    pub is_current: bool,
    /// Days, Monday first.
    pub days: Vec<DayView>,
    /// Why the plan changed this week: each cause once (the changes are on their days).
    pub causes: Vec<WhyView>,
    /// Week-level notes (deload, phase, taper, caps).
    pub adjustments: Vec<WhyView>,
    /// Strength sessions done over the last 4 weeks, in one line (the stored profile's plan).
    pub compliance: Option<String>,
    /// The warm-up every session shares, or empty.
    pub warm_up: String,
    /// The load advice every loaded exercise shares, or empty.
    pub load: String,
}

/// Formats a run block.
fn run_block(plan: &Plan, r: &RunSession) -> BlockView {
    BlockView {
        kind: "run",
        title: keel_export::ics::run_summary(plan, r),
        hard: r.run_type.is_hard(),
        timing: String::new(),
        meta: String::new(),
        warm_up: String::new(),
        load: String::new(),
        exercises: vec![],
        reason: None,
        why: vec![],
        why_before: vec![],
        actions: None,
    }
}

fn said_text<T>(said: &Option<Said<T>>, text: impl Fn(&T) -> String) -> String {
    match said {
        Some(Said::New(x)) => text(x),
        Some(Said::Before(place)) => format!("as on {place}"),
        None => String::new(),
    }
}

fn strength_block(r: &StrengthReading<'_>) -> BlockView {
    let st = r.session;
    let mut meta = Vec::new();
    if let Some(rir) = r.rir {
        meta.push(format!("{rir} in reserve"));
    }
    match r.tempo.filter(|t| *t != "hold") {
        Some(t) if t.starts_with(|c: char| c.is_ascii_digit()) => meta.push(format!("tempo {t}")),
        Some(t) => meta.push(t.to_string()),
        None => {}
    }
    let reason = match &r.reason {
        Reason::New(w) => Some(WhyView::from(*w)),
        Reason::Before { rule, place } => Some(WhyView {
            rule: rule.to_string(),
            text: format!("As on {place}."),
        }),
        Reason::Changed(c) => Some(WhyView {
            rule: c.rule.clone(),
            text: "Changed this week: see the day's note.".into(),
        }),
        Reason::None => None,
    };
    BlockView {
        kind: "strength",
        title: keel_export::ics::strength_summary(st),
        hard: false,
        timing: match st.timing {
            Timing::AfterRun => "right after the run".into(),
            Timing::Separate => "separate from the run (6 h or more apart)".into(),
        },
        meta: meta.join(" · "),
        warm_up: said_text(&r.warm_up, |items| items.join(", ")),
        load: said_text(&r.load, |l| l.to_string()),
        exercises: r
            .exercises
            .iter()
            .map(|e| {
                let x = e.exercise;
                let line = e.line();
                ExerciseView {
                    name: x.name.clone(),
                    id: x.id.clone(),
                    dose: line
                        .strip_prefix(x.name.as_str())
                        .unwrap_or(&line)
                        .trim_start_matches(" · ")
                        .to_string(),
                    load: e.load.unwrap_or_default().to_string(),
                    cue: e.cue.unwrap_or_default().to_string(),
                    variants: [
                        x.easier.as_ref().map(|v| format!("easier: {v}")),
                        x.harder.as_ref().map(|v| format!("harder: {v}")),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · "),
                }
            })
            .collect(),
        reason,
        why: r.also.iter().map(|w| WhyView::from(*w)).collect(),
        why_before: r.also_before.iter().map(|s| s.to_string()).collect(),
        actions: Some(ActionsView {
            focus: st.focus.to_string(),
            ..ActionsView::default()
        }),
    }
}

/// Fills each strength session's actions area of a week page: where it stands (`states`,
/// from keel-app's marks) and, when `editable`, the days it may move to.
pub fn add_actions(
    view: &mut WeekView,
    states: &[keel_core::marks::SessionState],
    today: Date,
    editable: bool,
) {
    let days: Vec<(String, String)> = view
        .days
        .iter()
        .map(|d| (d.iso.clone(), d.label.clone()))
        .collect();
    for d in &mut view.days {
        let date: Option<Date> = d.iso.parse().ok();
        for b in &mut d.blocks {
            let Some(a) = b.actions.as_mut() else {
                continue;
            };
            a.date = d.iso.clone();
            a.due = date.is_some_and(|x| x <= today);
            a.editable = editable;
            a.move_to = days
                .iter()
                .filter(|(iso, _)| *iso != d.iso)
                .cloned()
                .collect();
            let state = states
                .iter()
                .find(|s| Some(s.date) == date && s.focus.as_str() == a.focus);
            if let Some(s) = state.filter(|s| s.status != keel_core::marks::Status::Planned) {
                use keel_core::marks::Status;
                a.status = s.status.to_string();
                a.status_text = match (s.status, &s.workout, &s.note) {
                    (Status::Done, Some(w), _) => format!("done (logged: {w})"),
                    (Status::Skipped, _, Some(n)) => format!("skipped: {n}"),
                    (st, _, _) => st.to_string(),
                };
            }
        }
    }
}

/// Builds the week page for week `i` (0-based) with the adjustments in force (`changes`):
/// as [`keel_export::reading`] reads it, every reason given, no sentence twice.
pub fn week_view(plan: &Plan, i: usize, today: Date, changes: &[Change]) -> Option<WeekView> {
    let w: &PlanWeek = plan.weeks.get(i)?;
    let mut reader = Reader::new(plan, changes, true);
    let reading = reader.week(w);
    let days = reading
        .days
        .iter()
        .map(|d| DayView {
            iso: d.day.date.to_string(),
            label: short_date(d.day.date),
            today: d.day.date == today,
            rest: d.day.rest,
            blocks: d
                .sessions
                .iter()
                .map(|s| match s {
                    SessionReading::Run(r) => run_block(plan, r),
                    SessionReading::Strength(st) => strength_block(st),
                })
                .collect(),
            adjustments: changes
                .iter()
                .filter(|c| c.date == d.day.date)
                .map(|c| WhyView {
                    rule: c.rule.clone(),
                    text: keel_export::markdown::capitalise_effect(c.effect()),
                })
                .collect(),
        })
        .collect();
    let causes = reading
        .changes
        .iter()
        .filter(|g| !g.cause.is_empty())
        .map(|g| WhyView {
            rule: g.rule.to_string(),
            text: format!("Because {}.", lowercase_first(g.cause)),
        })
        .collect();
    Some(WeekView {
        index: w.index,
        total: plan.weeks.len(),
        start: long_date(w.start),
        phase: w.phase.to_string(),
        deload: w.deload,
        run_minutes: w.run_minutes,
        strength_sessions: strength_count(w),
        prev: (i > 0).then_some(i as u32),
        next: (i + 1 < plan.weeks.len()).then(|| i as u32 + 2),
        is_current: i == current_week(plan, today),
        days,
        causes,
        adjustments: reading.notes.iter().map(|n| WhyView::from(*n)).collect(),
        warm_up: said_text(&reading.warm_up, |items| items.join(", ")),
        load: said_text(&reading.load, |l| l.to_string()),
        compliance: None,
    })
}

pub use keel_export::reading::strength_count;

/// Fill colour per phase: cool in the base, warm towards the race.
pub fn phase_color(p: Phase) -> &'static str {
    match p {
        Phase::OffSeason => "#6b7280",
        Phase::Base => "#0072B2",
        Phase::Build => "#009E73",
        Phase::Peak => "#D55E00",
        Phase::Taper => "#CC79A7",
        Phase::Race => "#b91c1c",
        Phase::Recovery => "#56B4E9",
        Phase::Fitness => "#0f766e",
    }
}

/// One row of the season table.
#[derive(Debug, Clone)]
pub struct SeasonRow {
    /// 1-based index.
    pub index: u32,
    /// "4 Jan".
    pub start: String,
    /// Phase id.
    pub phase: String,
    /// Deload.
    pub deload: bool,
    /// Planned running minutes.
    pub run_minutes: u32,
    /// Strength sessions.
    pub strength: usize,
    /// Holds today.
    pub current: bool,
}

/// The season page's data: band, chart, table, race date.
#[derive(Debug, Clone)]
pub struct SeasonView {
    /// SVG of the phase band.
    pub band_svg: String,
    /// SVG of minutes and strength sessions per week.
    pub chart_svg: String,
    /// Table rows.
    pub rows: Vec<SeasonRow>,
    /// "Half-marathon on 25 Apr 2027", or the goal.
    pub goal: String,
}

/// Builds the season page.
pub fn season_view(plan: &Plan, today: Date) -> SeasonView {
    let cur = current_week(plan, today);
    let race_date = match plan.goal {
        Goal::Race { date, .. } => Some(date),
        _ => None,
    };
    let race_week = race_date.and_then(|rd| {
        plan.weeks
            .iter()
            .position(|w| w.days.iter().any(|d| d.date == rd))
    });
    let mut segments: Vec<BandSegment> = Vec::new();
    for (i, w) in plan.weeks.iter().enumerate() {
        match segments.last_mut() {
            Some(s) if s.label == w.phase.as_str() && s.start + s.len == i => s.len += 1,
            _ => segments.push(BandSegment {
                start: i,
                len: 1,
                label: w.phase.to_string(),
                color: phase_color(w.phase).to_string(),
            }),
        }
    }
    let mut marks = Vec::new();
    let mut bar_marks = Vec::new();
    for (i, w) in plan.weeks.iter().enumerate() {
        let m = if Some(i) == race_week {
            Some("R")
        } else if w.phase == Phase::Taper {
            Some("T")
        } else if w.deload {
            Some("D")
        } else {
            None
        };
        if let Some(m) = m {
            marks.push(BandMark {
                index: i,
                label: m.to_string(),
            });
        }
        bar_marks.push(m.map(str::to_string));
    }
    let labels: Vec<String> = plan.weeks.iter().map(|w| format!("W{}", w.index)).collect();
    let band_data = Band {
        title: "Season phases by week (D deload, T taper, R race)".into(),
        cells: plan.weeks.len(),
        segments,
        marks,
        cell_labels: labels.clone(),
        current: Some(cur),
    };
    let band_svg = charts::responsive(|size| charts::band(&band_data, size));
    let chart_data = BarChart {
        title: "Planned running minutes and strength sessions per week".into(),
        y_unit: "min".into(),
        categories: labels,
        series: vec![BarSeries {
            label: "running (min)".into(),
            values: plan
                .weeks
                .iter()
                .map(|w| f64::from(w.run_minutes))
                .collect(),
        }],
        marks: bar_marks,
        overlay: Some(Overlay {
            label: "strength sessions".into(),
            unit: "sessions".into(),
            values: plan
                .weeks
                .iter()
                .map(|w| Some(strength_count(w) as f64))
                .collect(),
        }),
        current: Some(cur),
        height: 240.0,
    };
    let chart_svg = charts::responsive(|size| charts::bar_chart(&chart_data, size));
    let rows = plan
        .weeks
        .iter()
        .enumerate()
        .map(|(i, w)| SeasonRow {
            index: w.index,
            start: w.start.strftime("%-d %b").to_string(),
            phase: w.phase.to_string(),
            deload: w.deload,
            run_minutes: w.run_minutes,
            strength: strength_count(w),
            current: i == cur,
        })
        .collect();
    let goal = match plan.goal {
        Goal::Race { race, date } => format!("{race} on {}", long_date(date)),
        Goal::Fitness => "general fitness (no race)".into(),
        Goal::OffSeason => "off-season strength (no race)".into(),
    };
    SeasonView {
        band_svg,
        chart_svg,
        rows,
        goal,
    }
}
