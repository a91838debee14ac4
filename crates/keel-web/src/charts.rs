//! SVG charts drawn by keel: pure functions from numbers to SVG text.
//!
//! No chart library runs in the browser; each function returns a self-contained `<svg>`
//! (presentation attributes, `<title>` and `<desc>` for screen readers) with a `viewBox`
//! so it scales to its box. Each chart is drawn for a [`Size`]: wide for desktops, narrow
//! (about a phone's width in CSS pixels, so text stays readable without scaling down).
//! [`responsive`] puts both in the page and CSS shows the one that fits.
//!
//! Layout adapts to the text: paddings follow the widest tick label, legends wrap onto
//! more rows, and x labels are thinned so they never overlap. Output is deterministic
//! (fixed decimals, no ids from counters or clocks) so snapshot tests pin it.

use std::fmt::Write as _;

/// Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
pub const PALETTE: [&str; 6] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
];

const PAD_BOTTOM: f64 = 40.0;

/// Which layout to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// 640 user units wide, for desktop and tablet columns.
    Wide,
    /// 360 user units wide: a phone's width, so one unit is about one CSS pixel.
    Narrow,
}

impl Size {
    /// Width in user units.
    pub fn width(self) -> f64 {
        match self {
            Size::Wide => 640.0,
            Size::Narrow => 360.0,
        }
    }
    /// Font size in user units.
    pub fn font(self) -> f64 {
        match self {
            Size::Wide => 12.0,
            Size::Narrow => 12.5,
        }
    }
    /// Average glyph advance, to estimate label widths (generous for digits and caps).
    fn char_w(self) -> f64 {
        self.font() * 0.62
    }
    fn name(self) -> &'static str {
        match self {
            Size::Wide => "wide",
            Size::Narrow => "narrow",
        }
    }
}

/// Both sizes of a chart, for the page: CSS shows the wide one on large screens and the
/// narrow one on phones.
pub fn responsive(draw: impl Fn(Size) -> String) -> String {
    format!(
        r#"<div class="chart-wide">{}</div><div class="chart-narrow">{}</div>"#,
        draw(Size::Wide),
        draw(Size::Narrow)
    )
}

/// One line of a line chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend label (with its unit when the chart mixes units).
    pub label: String,
    /// Points as (x, y); `None` leaves a gap (e.g. a metric hidden for its first weeks).
    pub points: Vec<(f64, Option<f64>)>,
    /// Dashed stroke (for planned or derived values).
    pub dashed: bool,
}

/// A shaded horizontal band, e.g. the 0.8-1.3 acute:chronic range.
#[derive(Debug, Clone, PartialEq)]
pub struct YBand {
    /// Lower edge.
    pub lo: f64,
    /// Upper edge.
    pub hi: f64,
    /// Text written in the band.
    pub label: String,
}

/// A line chart over a numeric x axis.
///
/// Invariant: every point's x lies in `x_range` (points outside are clamped by the scale).
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    /// Title for screen readers.
    pub title: String,
    /// Unit of the y axis, written above it.
    pub y_unit: String,
    /// The x extent.
    pub x_range: (f64, f64),
    /// Tick positions and labels on the x axis (thinned to fit).
    pub x_ticks: Vec<(f64, String)>,
    /// Lines, drawn in order.
    pub series: Vec<Series>,
    /// Shaded bands behind the lines.
    pub bands: Vec<YBand>,
    /// Force y = 0 into view (loads, distances); off for ratios and scores.
    pub include_zero: bool,
    /// Height of the plot area in user units (legend rows come on top).
    pub height: f64,
}

/// A group of bars, one per category.
#[derive(Debug, Clone, PartialEq)]
pub struct BarSeries {
    /// Legend label.
    pub label: String,
    /// One value per category.
    pub values: Vec<f64>,
}

/// A line over the bars, on its own axis at the right.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlay {
    /// Legend label.
    pub label: String,
    /// Unit of the right axis.
    pub unit: String,
    /// One value per category; `None` for none.
    pub values: Vec<Option<f64>>,
}

/// A bar chart over categories (weeks), optionally with a line on a second axis.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Title.
    pub title: String,
    /// Unit of the left axis.
    pub y_unit: String,
    /// Category labels along x (thinned to fit).
    pub categories: Vec<String>,
    /// Bars, side by side within each category.
    pub series: Vec<BarSeries>,
    /// A short mark above a category ("D" for deload, "T" for taper, "R" for race).
    pub marks: Vec<Option<String>>,
    /// A line on the right axis.
    pub overlay: Option<Overlay>,
    /// Index of a category to highlight (the current week).
    pub current: Option<usize>,
    /// Height of the plot area in user units.
    pub height: f64,
}

/// One run of equal cells in a band.
#[derive(Debug, Clone, PartialEq)]
pub struct BandSegment {
    /// First cell.
    pub start: usize,
    /// Number of cells.
    pub len: usize,
    /// Label written in the segment (when it fits).
    pub label: String,
    /// Fill colour.
    pub color: String,
}

/// A mark on one cell of a band (deload, taper, race).
#[derive(Debug, Clone, PartialEq)]
pub struct BandMark {
    /// The cell.
    pub index: usize,
    /// Short text.
    pub label: String,
}

/// A horizontal band of cells: the season's phases across its weeks.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Title.
    pub title: String,
    /// Number of cells.
    pub cells: usize,
    /// Coloured segments.
    pub segments: Vec<BandSegment>,
    /// Marks above cells.
    pub marks: Vec<BandMark>,
    /// Labels under cells (thinned to fit).
    pub cell_labels: Vec<String>,
    /// Index of the current cell, outlined.
    pub current: Option<usize>,
}

/// Escapes text for SVG/XML content and attributes.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// Rounds to 0.1 for coordinates: short output, stable snapshots.
fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// "Nice" ticks covering [lo, hi]: steps of 1, 2, 2.5 or 5 times a power of ten, about 5.
pub fn nice_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let (lo, hi) = if (hi - lo).abs() < 1e-9 {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo, hi)
    };
    let raw = (hi - lo) / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let start = (lo / step).floor() * step;
    let mut ticks = Vec::new();
    let mut t = start;
    while t < hi + step * 0.999 && ticks.len() < 20 {
        ticks.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        t += step;
    }
    ticks
}

fn tick_labels(ticks: &[f64]) -> Vec<String> {
    let step = if ticks.len() > 1 {
        ticks[1] - ticks[0]
    } else {
        1.0
    };
    let decimals = if step >= 1.0 {
        0
    } else if step >= 0.1 {
        1
    } else {
        2
    };
    ticks.iter().map(|v| format!("{v:.decimals$}")).collect()
}

/// The frame of one chart: sizes, paddings, and the legend's rows.
struct Frame {
    size: Size,
    w: f64,
    left: f64,
    right: f64,
    top: f64,
    plot_h: f64,
}

impl Frame {
    fn h(&self) -> f64 {
        self.top + self.plot_h + PAD_BOTTOM
    }
    fn plot_bottom(&self) -> f64 {
        self.top + self.plot_h
    }
    fn plot_right(&self) -> f64 {
        self.w - self.right
    }
    fn plot_w(&self) -> f64 {
        self.plot_right() - self.left
    }
    fn text_w(&self, s: &str) -> f64 {
        s.chars().count() as f64 * self.size.char_w()
    }
}

enum LegendKind {
    Line { dashed: bool },
    Box,
}

/// Lays the legend out in rows: (x, row) per item, and the number of rows.
fn legend_layout(size: Size, items: &[(String, String, LegendKind)]) -> (Vec<(f64, usize)>, usize) {
    let w = size.width();
    let mut pos = Vec::new();
    let (mut x, mut row) = (8.0, 0usize);
    for (label, _, _) in items {
        let item_w = 24.0 + label.chars().count() as f64 * size.char_w() + 14.0;
        if x > 8.0 && x + item_w > w - 4.0 {
            x = 8.0;
            row += 1;
        }
        pos.push((x, row));
        x += item_w;
    }
    (pos, if items.is_empty() { 0 } else { row + 1 })
}

fn frame(
    size: Size,
    plot_h: f64,
    legend_rows: usize,
    left_labels: &[String],
    right_labels: Option<&[String]>,
) -> Frame {
    let cw = size.char_w();
    let widest =
        |ls: &[String]| ls.iter().map(|l| l.chars().count()).max().unwrap_or(1) as f64 * cw;
    let left = (widest(left_labels) + 14.0).max(30.0);
    let right = match right_labels {
        Some(ls) => (widest(ls) + 14.0).max(30.0),
        None => 14.0,
    };
    Frame {
        size,
        w: size.width(),
        left,
        right,
        // Legend rows, then a row for the axis units.
        top: 8.0 + legend_rows as f64 * 20.0 + 22.0,
        plot_h,
    }
}

fn open(out: &mut String, f: &Frame, title: &str, desc: &str) {
    let _ = write!(
        out,
        r#"<svg class="chart chart-{name}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMidYMid meet" role="img" font-family="system-ui, sans-serif" font-size="{fs}"><title>{t}</title><desc>{d}</desc>"#,
        name = f.size.name(),
        w = n(f.w),
        h = n(f.h()),
        fs = n(f.size.font()),
        t = esc(title),
        d = esc(desc),
    );
}

fn legend(out: &mut String, size: Size, items: &[(String, String, LegendKind)]) {
    let (pos, _) = legend_layout(size, items);
    out.push_str(r#"<g class="legend">"#);
    for ((label, color, kind), (x, row)) in items.iter().zip(pos) {
        let y = 8.0 + row as f64 * 20.0 + 8.0;
        match kind {
            LegendKind::Line { dashed } => {
                let dash = if *dashed {
                    r#" stroke-dasharray="6 4""#
                } else {
                    ""
                };
                let _ = write!(
                    out,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{color}" stroke-width="3"{dash}/>"#,
                    n(x),
                    n(y),
                    n(x + 18.0),
                    n(y)
                );
            }
            LegendKind::Box => {
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="14" height="12" fill="{color}"/>"#,
                    n(x),
                    n(y - 6.0)
                );
            }
        }
        let _ = write!(
            out,
            r#"<text x="{}" y="{}">{}</text>"#,
            n(x + 24.0),
            n(y + 4.0),
            esc(label)
        );
    }
    out.push_str("</g>");
}

struct Scale {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl Scale {
    fn at(&self, v: f64) -> f64 {
        if (self.d1 - self.d0).abs() < 1e-12 {
            return (self.r0 + self.r1) / 2.0;
        }
        let t = ((v - self.d0) / (self.d1 - self.d0)).clamp(0.0, 1.0);
        self.r0 + t * (self.r1 - self.r0)
    }
}

/// Gridlines (left axis only) and tick labels, and the unit above the axis.
fn y_axis(
    out: &mut String,
    f: &Frame,
    ys: &Scale,
    ticks: &[f64],
    labels: &[String],
    unit: &str,
    right: bool,
) {
    out.push_str(r#"<g class="axis">"#);
    for (t, label) in ticks.iter().zip(labels) {
        let y = ys.at(*t);
        if !right {
            let _ = write!(
                out,
                "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#ddd\"/>",
                n(f.left),
                n(f.plot_right()),
                y = n(y)
            );
        }
        let (tx, anchor) = if right {
            (f.plot_right() + 6.0, "start")
        } else {
            (f.left - 6.0, "end")
        };
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" text-anchor="{anchor}">{label}</text>"#,
            n(tx),
            n(y + 4.0)
        );
    }
    let (ux, anchor) = if right {
        (f.w - 4.0, "end")
    } else {
        (4.0, "start")
    };
    let _ = write!(
        out,
        r#"<text class="unit" x="{}" y="{}" text-anchor="{anchor}" font-weight="600">{}</text>"#,
        n(ux),
        n(f.top - 10.0),
        esc(unit)
    );
    out.push_str("</g>");
}

/// Every k-th label so that labels at these positions cannot overlap.
fn thin(f: &Frame, labels: &[(f64, String)]) -> Vec<(f64, String)> {
    if labels.len() < 2 {
        return labels.to_vec();
    }
    let widest = labels.iter().map(|(_, l)| f.text_w(l)).fold(0.0, f64::max) + 8.0;
    let gap = labels
        .windows(2)
        .map(|w| (w[1].0 - w[0].0).abs())
        .fold(f64::INFINITY, f64::min)
        .max(1e-6);
    let k = (widest / gap).ceil().max(1.0) as usize;
    labels.iter().step_by(k).cloned().collect()
}

fn x_axis(out: &mut String, f: &Frame, labels: &[(f64, String)]) {
    out.push_str(r#"<g class="axis">"#);
    let _ = write!(
        out,
        "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#888\"/>",
        n(f.left),
        n(f.plot_right()),
        y = n(f.plot_bottom())
    );
    for (x, label) in thin(f, labels) {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
            n(x),
            n(f.plot_bottom() + 18.0),
            esc(&label)
        );
    }
    out.push_str("</g>");
}

fn y_extent(values: impl Iterator<Item = f64>, include_zero: bool) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    if include_zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
        // All zero: a 0-1 axis rather than one centred on zero.
        if lo == 0.0 && hi == 0.0 {
            hi = 1.0;
        }
    }
    (lo, hi)
}

fn empty_note(out: &mut String, f: &Frame, text: &str) {
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#666\">{}</text>",
        n(f.left + f.plot_w() / 2.0),
        n(f.top + f.plot_h / 2.0),
        esc(text)
    );
}

/// Draws a line chart. A chart with no data at all says so instead of drawing empty lines.
pub fn line_chart(c: &LineChart, size: Size) -> String {
    let mut out = String::new();
    let desc = c
        .series
        .iter()
        .map(|s| s.label.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let items: Vec<(String, String, LegendKind)> = c
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                s.label.clone(),
                PALETTE[i % PALETTE.len()].to_string(),
                LegendKind::Line { dashed: s.dashed },
            )
        })
        .collect();
    let values = c
        .series
        .iter()
        .flat_map(|s| s.points.iter().filter_map(|p| p.1))
        .chain(c.bands.iter().flat_map(|b| [b.lo, b.hi]));
    let has_data = c
        .series
        .iter()
        .any(|s| s.points.iter().any(|p| p.1.is_some_and(f64::is_finite)));
    let (lo, hi) = y_extent(values, c.include_zero);
    let ticks = nice_ticks(lo, hi);
    let labels = tick_labels(&ticks);
    let (_, rows) = legend_layout(size, &items);
    let f = frame(size, c.height, rows, &labels, None);
    open(&mut out, &f, &c.title, &format!("{} ({})", desc, c.y_unit));
    let ys = Scale {
        d0: ticks.first().copied().unwrap_or(lo),
        d1: ticks.last().copied().unwrap_or(hi),
        r0: f.plot_bottom(),
        r1: f.top,
    };
    let xs = Scale {
        d0: c.x_range.0,
        d1: c.x_range.1,
        r0: f.left,
        r1: f.plot_right(),
    };
    for b in &c.bands {
        let (y0, y1) = (ys.at(b.hi), ys.at(b.lo));
        let _ = write!(
            out,
            "<rect class=\"band\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#009E73\" fill-opacity=\"0.12\"/><text x=\"{}\" y=\"{}\" fill=\"#00704f\">{}</text>",
            n(f.left),
            n(y0),
            n(f.plot_w()),
            n(y1 - y0),
            n(f.left + 6.0),
            n(y1 - 6.0),
            esc(&b.label)
        );
    }
    y_axis(&mut out, &f, &ys, &ticks, &labels, &c.y_unit, false);
    let xl: Vec<(f64, String)> = c
        .x_ticks
        .iter()
        .map(|(x, l)| (xs.at(*x), l.clone()))
        .collect();
    x_axis(&mut out, &f, &xl);
    if !has_data {
        empty_note(&mut out, &f, "No data yet");
    }
    for (i, s) in c.series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let mut d = String::new();
        let mut pen_down = false;
        let mut dots = String::new();
        let shown = s.points.iter().filter(|p| p.1.is_some()).count();
        for (x, y) in &s.points {
            match y {
                Some(y) if y.is_finite() => {
                    let (px, py) = (xs.at(*x), ys.at(*y));
                    let _ = write!(d, "{}{} {}", if pen_down { "L" } else { "M" }, n(px), n(py));
                    pen_down = true;
                    // Dots where points are few enough to tell apart (and always for one).
                    if shown <= 16 {
                        let _ = write!(
                            dots,
                            r#"<circle cx="{}" cy="{}" r="3" fill="{color}"/>"#,
                            n(px),
                            n(py)
                        );
                    }
                }
                _ => pen_down = false,
            }
        }
        let dash = if s.dashed {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<g class="series"><path d="{d}" fill="none" stroke="{color}" stroke-width="2.5" stroke-linejoin="round"{dash}><title>{}</title></path>{dots}</g>"#,
            esc(&s.label)
        );
    }
    legend(&mut out, size, &items);
    out.push_str("</svg>");
    out
}

/// Draws a bar chart with optional marks and a right-axis overlay line.
pub fn bar_chart(c: &BarChart, size: Size) -> String {
    let mut out = String::new();
    let desc = c
        .series
        .iter()
        .map(|s| format!("{} ({})", s.label, c.y_unit))
        .chain(
            c.overlay
                .iter()
                .map(|o| format!("{} ({})", o.label, o.unit)),
        )
        .collect::<Vec<_>>()
        .join(", ");
    let mut items: Vec<(String, String, LegendKind)> = c
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                s.label.clone(),
                PALETTE[i % PALETTE.len()].to_string(),
                LegendKind::Box,
            )
        })
        .collect();
    let overlay_color = PALETTE[c.series.len() % PALETTE.len()];
    if let Some(o) = &c.overlay {
        items.push((
            o.label.clone(),
            overlay_color.to_string(),
            LegendKind::Line { dashed: false },
        ));
    }
    let cats = c.categories.len().max(1);
    let (lo, hi) = y_extent(c.series.iter().flat_map(|s| s.values.iter().copied()), true);
    let ticks = nice_ticks(lo, hi);
    let labels = tick_labels(&ticks);
    let oticks = c.overlay.as_ref().map(|o| {
        let (olo, ohi) = y_extent(o.values.iter().flatten().copied(), true);
        // Counts (sessions) get whole-number ticks.
        let counts = o.values.iter().flatten().all(|v| v.fract() == 0.0);
        nice_ticks(olo, if counts { ohi.max(4.0) } else { ohi.max(1.0) })
    });
    let olabels = oticks.as_deref().map(tick_labels);
    let (_, rows) = legend_layout(size, &items);
    let f = frame(size, c.height, rows, &labels, olabels.as_deref());
    open(&mut out, &f, &c.title, &desc);
    let ys = Scale {
        d0: ticks.first().copied().unwrap_or(lo),
        d1: ticks.last().copied().unwrap_or(hi),
        r0: f.plot_bottom(),
        r1: f.top,
    };
    let slot = f.plot_w() / cats as f64;
    let center = |i: usize| f.left + slot * (i as f64 + 0.5);
    if let Some(cur) = c.current.filter(|i| *i < cats) {
        let _ = write!(
            out,
            "<rect class=\"current\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fff3c4\"/>",
            n(f.left + slot * cur as f64),
            n(f.top),
            n(slot),
            n(f.plot_h)
        );
    }
    y_axis(&mut out, &f, &ys, &ticks, &labels, &c.y_unit, false);
    let xl: Vec<(f64, String)> = c
        .categories
        .iter()
        .enumerate()
        .map(|(i, l)| (center(i), l.clone()))
        .collect();
    x_axis(&mut out, &f, &xl);
    let has_data = c.series.iter().any(|s| s.values.iter().any(|v| *v != 0.0))
        || c.overlay
            .as_ref()
            .is_some_and(|o| o.values.iter().flatten().any(|v| *v != 0.0));
    if !has_data {
        empty_note(&mut out, &f, "No data yet");
    }
    let groups = c.series.len().max(1);
    let bar_w = (slot * 0.7) / groups as f64;
    for (si, s) in c.series.iter().enumerate() {
        let color = PALETTE[si % PALETTE.len()];
        let _ = write!(out, r#"<g class="bars" fill="{color}">"#);
        for (i, v) in s.values.iter().enumerate().take(cats) {
            let x = center(i) - slot * 0.35 + bar_w * si as f64;
            let (y0, y1) = (ys.at(v.max(0.0)), ys.at(0.0));
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}"><title>{}: {} {}</title></rect>"#,
                n(x),
                n(y0),
                n(bar_w.max(1.0)),
                n((y1 - y0).max(0.0)),
                esc(c.categories.get(i).map(String::as_str).unwrap_or("")),
                n(*v),
                esc(&c.y_unit)
            );
        }
        out.push_str("</g>");
    }
    for (i, m) in c.marks.iter().enumerate().take(cats) {
        if let Some(m) = m {
            let top = c
                .series
                .iter()
                .filter_map(|s| s.values.get(i))
                .fold(0.0f64, |a, b| a.max(*b));
            let _ = write!(
                out,
                r#"<text class="mark" x="{}" y="{}" text-anchor="middle" font-weight="700">{}</text>"#,
                n(center(i)),
                n(ys.at(top) - 6.0),
                esc(m)
            );
        }
    }
    if let (Some(o), Some(oticks), Some(olabels)) = (&c.overlay, &oticks, &olabels) {
        let os = Scale {
            d0: oticks.first().copied().unwrap_or(0.0),
            d1: oticks.last().copied().unwrap_or(1.0),
            r0: f.plot_bottom(),
            r1: f.top,
        };
        y_axis(&mut out, &f, &os, oticks, olabels, &o.unit, true);
        let mut d = String::new();
        let mut dots = String::new();
        let mut pen = false;
        for (i, v) in o.values.iter().enumerate().take(cats) {
            match v {
                Some(v) if v.is_finite() => {
                    let (x, y) = (center(i), os.at(*v));
                    let _ = write!(d, "{}{} {}", if pen { "L" } else { "M" }, n(x), n(y));
                    let _ = write!(
                        dots,
                        r#"<circle cx="{}" cy="{}" r="3.5" fill="{overlay_color}"/>"#,
                        n(x),
                        n(y)
                    );
                    pen = true;
                }
                _ => pen = false,
            }
        }
        let _ = write!(
            out,
            r#"<g class="series"><path d="{d}" fill="none" stroke="{overlay_color}" stroke-width="2.5"><title>{}</title></path>{dots}</g>"#,
            esc(&o.label)
        );
    }
    legend(&mut out, size, &items);
    out.push_str("</svg>");
    out
}

/// Draws a band of cells (the season's phases), with marks and the current cell outlined.
pub fn band(b: &Band, size: Size) -> String {
    let mut out = String::new();
    let desc = b
        .segments
        .iter()
        .map(|s| format!("{} ({} weeks)", s.label, s.len))
        .collect::<Vec<_>>()
        .join(", ");
    let f = Frame {
        size,
        w: size.width(),
        left: 8.0,
        right: 8.0,
        top: 30.0,
        plot_h: 30.0,
    };
    open(&mut out, &f, &b.title, &desc);
    let cells = b.cells.max(1);
    let cell_w = f.plot_w() / cells as f64;
    let x_of = |i: usize| f.left + cell_w * i as f64;
    for s in &b.segments {
        let w = cell_w * s.len as f64;
        let _ = write!(
            out,
            r##"<g class="segment"><rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#fff"><title>{}: {} weeks</title></rect>"##,
            n(x_of(s.start)),
            n(f.top),
            n(w),
            n(f.plot_h),
            esc(&s.color),
            esc(&s.label),
            s.len
        );
        // Only label segments wide enough for the text.
        if w >= f.text_w(&s.label) + 6.0 {
            let _ = write!(
                out,
                r##"<text x="{}" y="{}" text-anchor="middle" fill="#fff" font-weight="600">{}</text>"##,
                n(x_of(s.start) + w / 2.0),
                n(f.top + 19.0),
                esc(&s.label)
            );
        }
        out.push_str("</g>");
    }
    if let Some(cur) = b.current.filter(|c| *c < cells) {
        let _ = write!(
            out,
            r##"<rect class="current" x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#111" stroke-width="2.5"><title>this week</title></rect>"##,
            n(x_of(cur)),
            n(f.top - 2.0),
            n(cell_w),
            n(f.plot_h + 4.0)
        );
    }
    for m in &b.marks {
        let _ = write!(
            out,
            r#"<text class="mark" x="{}" y="{}" text-anchor="middle" font-weight="700">{}</text>"#,
            n(x_of(m.index) + cell_w / 2.0),
            n(f.top - 8.0),
            esc(&m.label)
        );
    }
    let labels: Vec<(f64, String)> = b
        .cell_labels
        .iter()
        .enumerate()
        .map(|(i, l)| (x_of(i) + cell_w / 2.0, l.clone()))
        .collect();
    for (x, l) in thin(&f, &labels) {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
            n(x),
            n(f.plot_bottom() + 18.0),
            esc(&l)
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_nice_and_cover() {
        assert_eq!(
            nice_ticks(0.0, 95.0),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        let t = nice_ticks(0.6, 1.7);
        assert!(t[0] <= 0.6 && t[t.len() - 1] >= 1.7);
        assert!(nice_ticks(5.0, 5.0).len() >= 2);
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(esc("<a & 'b'>"), "&lt;a &amp; &#39;b&#39;&gt;");
    }

    #[test]
    fn legend_wraps_on_narrow_charts() {
        let items: Vec<(String, String, LegendKind)> =
            ["fitness (42 d)", "fatigue (7 d)", "form", "acute:chronic"]
                .iter()
                .map(|l| {
                    (
                        l.to_string(),
                        "#000".to_string(),
                        LegendKind::Line { dashed: false },
                    )
                })
                .collect();
        assert_eq!(legend_layout(Size::Wide, &items).1, 1);
        let (pos, rows) = legend_layout(Size::Narrow, &items);
        assert!(rows >= 2);
        for ((x, _), (label, _, _)) in pos.iter().zip(&items) {
            assert!(x + 24.0 + label.len() as f64 * Size::Narrow.char_w() <= 360.0);
        }
    }

    #[test]
    fn thinned_labels_do_not_overlap() {
        let f = frame(Size::Narrow, 200.0, 1, &["100".into()], None);
        let labels: Vec<(f64, String)> = (0..24)
            .map(|i| {
                (
                    f.left + i as f64 * f.plot_w() / 23.0,
                    format!("{} Jan", i + 1),
                )
            })
            .collect();
        let shown = thin(&f, &labels);
        assert!(shown.len() < labels.len() && shown.len() >= 3);
        for w in shown.windows(2) {
            let room = w[1].0 - w[0].0;
            assert!(room >= f.text_w(&w[0].1), "{room} for {:?}", w[0].1);
        }
    }
}
