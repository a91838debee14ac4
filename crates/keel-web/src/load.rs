//! The load and progress page: the log turned into keel-core's load series, e1RM history
//! and check-in trends, drawn with [`crate::charts`].

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::ToSpan;
use std::sync::Arc;

use keel_core::activity::CheckIn;
use keel_core::load::{self, E1rmPoint, LoadSeries};
use keel_store::Store;

use crate::backend::LogStore;
use crate::cache::DataKey;

use crate::charts::{self, BarChart, BarSeries, LineChart, Overlay, Series, YBand};
use crate::error::AppError;
use crate::state::AppState;

/// Everything the page and `/api/load` need.
pub struct LoadData {
    /// keel-core's series for the window.
    pub series: LoadSeries,
    /// e1RM history per exercise (whole log).
    pub e1rm: BTreeMap<String, Vec<E1rmPoint>>,
    /// Check-ins in the window.
    pub checkins: Vec<CheckIn>,
    /// Strength sessions done over the 4 weeks ending `to` (the stored profile's plan).
    pub compliance: Option<keel_core::marks::Compliance>,
}

pub use keel_app::load::window_start;

/// The series for the `weeks` weeks ending with `to`, computed from the whole log
/// (fitness needs months of history) exactly as `keel load` does, once per data version:
/// activities are bucketed by local date in the profile's time zone (else the system's).
/// The log is read once for the series and the e1RM history.
pub fn gather(
    state: &AppState,
    s: &LogStore,
    version: DataKey,
    to: Date,
    weeks: u32,
) -> Result<Arc<LoadData>, AppError> {
    let key = (version, to, weeks);
    if let Some(hit) = state.caches().load.get(&key) {
        return Ok(hit);
    }
    let from = window_start(to, weeks);
    // Heart-rate anchors and the time zone come from the profile when there is a valid
    // one; the load page still works without.
    let source = match state.config().profile.clone() {
        Some(p) => Some(p),
        None => s.latest_profile()?.map(|p| (p.source, p.toml)),
    };
    let profile = source.and_then(|(name, toml)| keel_profile::parse_profile(&name, &toml).ok());
    let tz = keel_app::clock::time_zone(profile.as_ref(), state.system_tz())?;
    let (log, workouts) = keel_app::load::read_log_with_sets(s, &tz, to)?;
    let series = keel_app::load::series_of(&log, profile.as_ref(), &tz, to, weeks);
    let e1rm = load::e1rm_by_exercise(&workouts);
    let checkins = s.checkins(from, to)?;
    let compliance = keel_app::load::compliance(s, to, to, &tz)?;
    let data = Arc::new(LoadData {
        series,
        e1rm,
        checkins,
        compliance,
    });
    state.caches().load.put(key, data.clone());
    Ok(data)
}

/// The body of `/api/load`: byte for byte what `keel load --format json` prints for the
/// same log, weeks and date.
pub fn json(data: &LoadData) -> Result<Vec<u8>, AppError> {
    let mut out = Vec::new();
    keel_app::load::write_load_json(&data.series, data.compliance.as_ref(), &mut out)
        .map_err(|e| AppError::internal("load json", e))?;
    Ok(out)
}

/// One row of the weekly table.
pub struct WeekRow {
    /// "5 Jan".
    pub start: String,
    /// Load, AU.
    pub load: String,
    /// Running km.
    pub km: String,
    /// Running minutes.
    pub minutes: String,
    /// Monotony, or a dash.
    pub monotony: String,
    /// Strain, or a dash.
    pub strain: String,
}

/// The rendered page's content.
pub struct LoadView {
    /// Weeks shown.
    pub weeks: u32,
    /// Strength sessions done over the last 4 weeks, in one line (with a stored profile).
    pub compliance: Option<String>,
    /// Weekly distance (bars) and time (line).
    pub running_svg: String,
    /// Weekly session-RPE load, running and strength.
    pub load_svg: String,
    /// Fitness, fatigue and form.
    pub fitness_svg: String,
    /// Acute:chronic ratio with its band.
    pub acwr_svg: String,
    /// Whether the ratio has any value yet.
    pub acwr_shown: bool,
    /// The caveat shown with it.
    pub acwr_caveat: &'static str,
    /// How fitness and fatigue are smoothed.
    pub fitness_note: &'static str,
    /// Monotony note.
    pub monotony_note: &'static str,
    /// Estimated 1RM per key lift.
    pub e1rm_svg: String,
    /// Lifts in the chart.
    pub e1rm_lifts: Vec<String>,
    /// Check-in trends.
    pub checkin_svg: String,
    /// Weekly table, newest first.
    pub rows: Vec<WeekRow>,
}

fn short(d: Date) -> String {
    d.strftime("%-d %b").to_string()
}

/// Day ticks: every Monday in the window (labels thin out on phones via `minor`).
fn monday_ticks(from: Date, days: usize) -> Vec<(f64, String)> {
    (0..days)
        .filter_map(|i| {
            let d = from.saturating_add((i as i64).days());
            (d.weekday() == jiff::civil::Weekday::Monday).then(|| (i as f64, short(d)))
        })
        .collect()
}

/// Builds every chart of the page.
pub fn view(data: &LoadData, today: Date, weeks: u32) -> LoadView {
    let s = &data.series;
    let cats: Vec<String> = s.weeks.iter().map(|w| short(w.start)).collect();
    let running_svg = {
        let chart = BarChart {
            title: "Weekly running distance and time".into(),
            y_unit: "km".into(),
            categories: cats.clone(),
            series: vec![BarSeries {
                label: "distance (km)".into(),
                values: s.weeks.iter().map(|w| w.run_km).collect(),
            }],
            marks: vec![],
            overlay: Some(Overlay {
                label: "time (min)".into(),
                unit: "min".into(),
                values: s.weeks.iter().map(|w| Some(w.run_minutes)).collect(),
            }),
            current: s.weeks.len().checked_sub(1),
            height: 220.0,
        };
        charts::responsive(|size| charts::bar_chart(&chart, size))
    };
    let load_svg = {
        let chart = BarChart {
            title: "Weekly session-RPE load (RPE x minutes)".into(),
            y_unit: "AU".into(),
            categories: cats,
            series: vec![
                BarSeries {
                    label: "running".into(),
                    values: s.weeks.iter().map(|w| w.run_load).collect(),
                },
                BarSeries {
                    label: "strength".into(),
                    values: s.weeks.iter().map(|w| w.strength_load).collect(),
                },
            ],
            marks: vec![],
            overlay: None,
            current: s.weeks.len().checked_sub(1),
            height: 220.0,
        };
        charts::responsive(|size| charts::bar_chart(&chart, size))
    };
    let n = s.days.len();
    let ticks = monday_ticks(s.from, n);
    let x_range = (0.0, n.saturating_sub(1).max(1) as f64);
    let day_series = |label: &str, f: &dyn Fn(&load::DayLoad) -> Option<f64>, dashed| Series {
        label: label.into(),
        points: s
            .days
            .iter()
            .enumerate()
            .map(|(i, d)| (i as f64, f(d)))
            .collect(),
        dashed,
    };
    let has_load = s.days.iter().any(|d| d.load > 0.0) || s.first_data.is_some();
    let fitness_svg = {
        let chart = LineChart {
            title: "Fitness, fatigue and form".into(),
            y_unit: "AU/day".into(),
            x_range,
            x_ticks: ticks.clone(),
            series: vec![
                day_series("fitness (42 d)", &|d| has_load.then_some(d.fitness), false),
                day_series("fatigue (7 d)", &|d| has_load.then_some(d.fatigue), false),
                day_series("form", &|d| has_load.then_some(d.form), true),
            ],
            bands: vec![],
            include_zero: true,
            height: 220.0,
        };
        charts::responsive(|size| charts::line_chart(&chart, size))
    };
    let acwr_shown = s.days.iter().any(|d| d.acwr_ewma.is_some());
    let acwr_svg = {
        let chart = LineChart {
            title: "Acute:chronic workload ratio".into(),
            y_unit: "ratio".into(),
            x_range,
            x_ticks: ticks.clone(),
            series: vec![
                day_series("EWMA 7:28", &|d| d.acwr_ewma, false),
                day_series("rolling 7:28", &|d| d.acwr_rolling, true),
            ],
            bands: vec![YBand {
                lo: 0.8,
                hi: 1.3,
                label: "often-quoted 0.8-1.3".into(),
            }],
            include_zero: false,
            height: 200.0,
        };
        charts::responsive(|size| charts::line_chart(&chart, size))
    };
    // Key lifts: the four with the most dated estimates.
    let mut lifts: Vec<(&String, &Vec<E1rmPoint>)> = data.e1rm.iter().collect();
    lifts.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    lifts.truncate(4);
    let first = lifts
        .iter()
        .flat_map(|(_, pts)| pts.iter().map(|p| p.date))
        .min()
        .unwrap_or(today);
    let last = lifts
        .iter()
        .flat_map(|(_, pts)| pts.iter().map(|p| p.date))
        .max()
        .unwrap_or(today);
    let span_days = (last - first).get_days().max(1) as f64;
    let day_no = |d: Date| (d - first).get_days() as f64;
    let e1rm_ticks = if lifts.is_empty() {
        vec![]
    } else {
        (0..=4)
            .map(|k| {
                let x = span_days * f64::from(k) / 4.0;
                (x, short(first.saturating_add((x.round() as i64).days())))
            })
            .collect()
    };
    let e1rm_svg = {
        let chart = LineChart {
            title: "Estimated one-rep max per key lift (Epley)".into(),
            y_unit: "kg".into(),
            x_range: (0.0, span_days),
            x_ticks: e1rm_ticks,
            series: lifts
                .iter()
                .map(|(name, pts)| Series {
                    label: (*name).clone(),
                    points: pts
                        .iter()
                        .map(|p| (day_no(p.date), Some((p.e1rm_kg * 10.0).round() / 10.0)))
                        .collect(),
                    dashed: false,
                })
                .collect(),
            bands: vec![],
            include_zero: false,
            height: 220.0,
        };
        charts::responsive(|size| charts::line_chart(&chart, size))
    };
    let by_date: BTreeMap<Date, &CheckIn> = data.checkins.iter().map(|c| (c.date, c)).collect();
    let item = |label: &str, f: fn(&CheckIn) -> Option<u8>| Series {
        label: label.into(),
        points: s
            .days
            .iter()
            .enumerate()
            .map(|(i, d)| {
                (
                    i as f64,
                    by_date.get(&d.date).and_then(|c| f(c)).map(f64::from),
                )
            })
            .collect(),
        dashed: false,
    };
    let checkin_svg = {
        let chart = LineChart {
            title: "Check-in trends (1 best, 5 worst)".into(),
            y_unit: "1-5 (5 worst)".into(),
            x_range,
            x_ticks: ticks,
            series: vec![
                item("fatigue", |c| c.fatigue),
                item("leg soreness", |c| c.soreness_legs),
                item("sleep quality", |c| c.sleep_quality),
                item("mood", |c| c.mood),
            ],
            bands: vec![],
            include_zero: false,
            height: 200.0,
        };
        charts::responsive(|size| charts::line_chart(&chart, size))
    };
    let rows = s
        .weeks
        .iter()
        .rev()
        .map(|w| WeekRow {
            start: short(w.start),
            load: format!("{:.0}", w.load),
            km: format!("{:.1}", w.run_km),
            minutes: format!("{:.0}", w.run_minutes),
            monotony: w
                .monotony
                .map(|m| {
                    format!(
                        "{m:.2}{}",
                        if w.monotony_above_rule_of_thumb {
                            " !"
                        } else {
                            ""
                        }
                    )
                })
                .unwrap_or_else(|| "-".into()),
            strain: w
                .strain
                .map(|x| format!("{x:.0}"))
                .unwrap_or_else(|| "-".into()),
        })
        .collect();
    LoadView {
        weeks,
        compliance: data.compliance.as_ref().map(|c| c.line()),
        running_svg,
        load_svg,
        fitness_svg,
        acwr_svg,
        acwr_shown,
        acwr_caveat: s.acwr_caveat,
        fitness_note: s.fitness_note,
        monotony_note: s.monotony_note,
        e1rm_svg,
        e1rm_lifts: lifts.iter().map(|(n, _)| (*n).clone()).collect(),
        checkin_svg,
        rows,
    }
}
