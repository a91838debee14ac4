//! SVG charts drawn by keel: pure functions from numbers to SVG text.
//!
//! No chart library runs in the browser; each function returns a self-contained `<svg>`
//! (inline styles, `<title>` and `<desc>` for screen readers) with a `viewBox` so it scales
//! to the page width. Text is sized in user units; the page's CSS enlarges it on narrow
//! screens and hides labels marked `minor`, so a phone still gets readable axes.
//!
//! Output is deterministic (fixed decimals, no ids from counters or clocks) so that
//! snapshot tests pin it.

use std::fmt::Write as _;

/// Width of every chart's coordinate system, in user units.
pub const WIDTH: f64 = 640.0;
const PAD_LEFT: f64 = 56.0;
const PAD_RIGHT: f64 = 56.0;
const PAD_TOP: f64 = 40.0;
const PAD_BOTTOM: f64 = 44.0;
/// Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
pub const PALETTE: [&str; 6] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
];

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
/// Invariant: every point's x lies in `x_range` (points outside are clipped by the scale).
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    /// Title for screen readers and the legend row.
    pub title: String,
    /// Unit of the y axis, written above it.
    pub y_unit: String,
    /// The x extent.
    pub x_range: (f64, f64),
    /// Tick positions and labels on the x axis.
    pub x_ticks: Vec<(f64, String)>,
    /// Lines, drawn in order.
    pub series: Vec<Series>,
    /// Shaded bands behind the lines.
    pub bands: Vec<YBand>,
    /// Force y = 0 into view (loads, distances); off for ratios and signed values.
    pub include_zero: bool,
    /// Height in user units.
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
    /// Category labels along x.
    pub categories: Vec<String>,
    /// Bars, side by side within each category.
    pub series: Vec<BarSeries>,
    /// A short mark above a category ("D" for deload, "T" for taper, "R" for race).
    pub marks: Vec<Option<String>>,
    /// A line on the right axis.
    pub overlay: Option<Overlay>,
    /// Index of a category to outline (the current week).
    pub current: Option<usize>,
    /// Height in user units.
    pub height: f64,
}

/// One run of equal cells in a band.
#[derive(Debug, Clone, PartialEq)]
pub struct BandSegment {
    /// First cell.
    pub start: usize,
    /// Number of cells.
    pub len: usize,
    /// Label written in the segment.
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
    /// Labels under cells; every other is `minor` when there are many.
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

/// "Nice" ticks covering [lo, hi]: steps of 1, 2 or 5 times a power of ten, about 5 ticks.
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

fn tick_label(v: f64, step: f64) -> String {
    let decimals = if step >= 1.0 {
        0
    } else if step >= 0.1 {
        1
    } else {
        2
    };
    format!("{v:.decimals$}")
}

fn open(out: &mut String, title: &str, desc: &str, height: f64) {
    let _ = write!(
        out,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMidYMid meet" role="img" font-family="system-ui, sans-serif" font-size="12"><title>{t}</title><desc>{d}</desc>"#,
        w = n(WIDTH),
        h = n(height),
        t = esc(title),
        d = esc(desc),
    );
}

/// Legend entries left to right at the top. Spacing assumes the phone font size (20 units)
/// so labels never overlap when the page enlarges them.
fn legend(out: &mut String, items: &[(String, String, LegendKind)]) {
    let mut x = PAD_LEFT;
    out.push_str(r#"<g class="legend">"#);
    for (label, color, kind) in items {
        match kind {
            LegendKind::Line { dashed } => {
                let dash = if *dashed {
                    r#" stroke-dasharray="6 4""#
                } else {
                    ""
                };
                let _ = write!(
                    out,
                    r#"<line x1="{}" y1="14" x2="{}" y2="14" stroke="{color}" stroke-width="3"{dash}/>"#,
                    n(x),
                    n(x + 18.0)
                );
            }
            LegendKind::Box => {
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="8" width="14" height="12" fill="{color}"/>"#,
                    n(x)
                );
            }
        }
        let _ = write!(
            out,
            r#"<text x="{}" y="18">{}</text>"#,
            n(x + 24.0),
            esc(label)
        );
        x += 24.0 + label.chars().count() as f64 * 11.0 + 16.0;
    }
    out.push_str("</g>");
}

enum LegendKind {
    Line { dashed: bool },
    Box,
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

/// Draws y gridlines and labels on the left (or right) for the given ticks.
fn y_axis(out: &mut String, ys: &Scale, ticks: &[f64], unit: &str, right: bool) {
    let step = if ticks.len() > 1 {
        ticks[1] - ticks[0]
    } else {
        1.0
    };
    let x_axis = if right { WIDTH - PAD_RIGHT } else { PAD_LEFT };
    out.push_str(r#"<g class="axis">"#);
    for t in ticks {
        let y = ys.at(*t);
        if !right {
            let _ = write!(
                out,
                "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#ddd\"/>",
                n(PAD_LEFT),
                n(WIDTH - PAD_RIGHT),
                y = n(y)
            );
        }
        let (tx, anchor) = if right {
            (x_axis + 6.0, "start")
        } else {
            (x_axis - 6.0, "end")
        };
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" text-anchor="{anchor}">{}</text>"#,
            n(tx),
            n(y + 4.0),
            tick_label(*t, step)
        );
    }
    let (ux, anchor) = if right {
        (WIDTH - 4.0, "end")
    } else {
        (4.0, "start")
    };
    let _ = write!(
        out,
        r#"<text class="unit" x="{}" y="{}" text-anchor="{anchor}" font-weight="600">{}</text>"#,
        n(ux),
        n(PAD_TOP - 8.0),
        esc(unit)
    );
    out.push_str("</g>");
}

fn x_labels(out: &mut String, height: f64, labels: &[(f64, String)]) {
    let many = labels.len() > 8;
    out.push_str(r#"<g class="axis">"#);
    let _ = write!(
        out,
        "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#888\"/>",
        n(PAD_LEFT),
        n(WIDTH - PAD_RIGHT),
        y = n(height - PAD_BOTTOM)
    );
    for (i, (x, label)) in labels.iter().enumerate() {
        let class = if many && i % 2 == 1 {
            r#" class="minor""#
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<text{class} x="{}" y="{}" text-anchor="middle">{}</text>"#,
            n(*x),
            n(height - PAD_BOTTOM + 18.0),
            esc(label)
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
    }
    (lo, hi)
}

fn empty_note(out: &mut String, height: f64, text: &str) {
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#666\">{}</text>",
        n(WIDTH / 2.0),
        n(height / 2.0),
        esc(text)
    );
}

/// Draws a line chart. Series with no values at all still get a legend entry, and a
/// chart with no data at all says so instead of drawing empty axes.
pub fn line_chart(c: &LineChart) -> String {
    let mut out = String::new();
    let desc = c
        .series
        .iter()
        .map(|s| s.label.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    open(&mut out, &c.title, &format!("{} ({})", desc, c.y_unit), c.height);
    let values = c
        .series
        .iter()
        .flat_map(|s| s.points.iter().filter_map(|p| p.1))
        .chain(c.bands.iter().flat_map(|b| [b.lo, b.hi]));
    let has_data = c.series.iter().any(|s| s.points.iter().any(|p| p.1.is_some()));
    let (lo, hi) = y_extent(values, c.include_zero);
    let ticks = nice_ticks(lo, hi);
    let ys = Scale {
        d0: ticks.first().copied().unwrap_or(lo),
        d1: ticks.last().copied().unwrap_or(hi),
        r0: c.height - PAD_BOTTOM,
        r1: PAD_TOP,
    };
    let xs = Scale {
        d0: c.x_range.0,
        d1: c.x_range.1,
        r0: PAD_LEFT,
        r1: WIDTH - PAD_RIGHT,
    };
    for b in &c.bands {
        let (y0, y1) = (ys.at(b.hi), ys.at(b.lo));
        let _ = write!(
            out,
            "<rect class=\"band\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#009E73\" fill-opacity=\"0.12\"/><text x=\"{}\" y=\"{}\" fill=\"#00704f\">{}</text>",
            n(PAD_LEFT),
            n(y0),
            n(WIDTH - PAD_LEFT - PAD_RIGHT),
            n(y1 - y0),
            n(PAD_LEFT + 6.0),
            n(y1 - 6.0),
            esc(&b.label)
        );
    }
    y_axis(&mut out, &ys, &ticks, &c.y_unit, false);
    let labels: Vec<(f64, String)> = c
        .x_ticks
        .iter()
        .map(|(x, l)| (xs.at(*x), l.clone()))
        .collect();
    x_labels(&mut out, c.height, &labels);
    if !has_data {
        empty_note(&mut out, c.height, "No data yet");
    }
    for (i, s) in c.series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let mut d = String::new();
        let mut pen_down = false;
        let mut dots = String::new();
        let single = s.points.iter().filter(|p| p.1.is_some()).count() == 1;
        for (x, y) in &s.points {
            match y {
                Some(y) if y.is_finite() => {
                    let (px, py) = (xs.at(*x), ys.at(*y));
                    let _ = write!(d, "{}{} {}", if pen_down { "L" } else { "M" }, n(px), n(py));
                    pen_down = true;
                    if single || s.points.len() <= 16 {
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
    legend(&mut out, &items);
    out.push_str("</svg>");
    out
}

/// Draws a bar chart with optional marks and a right-axis overlay line.
pub fn bar_chart(c: &BarChart) -> String {
    let mut out = String::new();
    let desc = c
        .series
        .iter()
        .map(|s| format!("{} ({})", s.label, c.y_unit))
        .chain(c.overlay.iter().map(|o| format!("{} ({})", o.label, o.unit)))
        .collect::<Vec<_>>()
        .join(", ");
    open(&mut out, &c.title, &desc, c.height);
    let cats = c.categories.len().max(1);
    let (lo, hi) = y_extent(c.series.iter().flat_map(|s| s.values.iter().copied()), true);
    let ticks = nice_ticks(lo, hi);
    let ys = Scale {
        d0: ticks.first().copied().unwrap_or(lo),
        d1: ticks.last().copied().unwrap_or(hi),
        r0: c.height - PAD_BOTTOM,
        r1: PAD_TOP,
    };
    let plot_w = WIDTH - PAD_LEFT - PAD_RIGHT;
    let slot = plot_w / cats as f64;
    let center = |i: usize| PAD_LEFT + slot * (i as f64 + 0.5);
    if let Some(cur) = c.current.filter(|i| *i < cats) {
        let _ = write!(
            out,
            "<rect class=\"current\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fff3c4\"/>",
            n(PAD_LEFT + slot * cur as f64),
            n(PAD_TOP),
            n(slot),
            n(c.height - PAD_TOP - PAD_BOTTOM)
        );
    }
    y_axis(&mut out, &ys, &ticks, &c.y_unit, false);
    let labels: Vec<(f64, String)> = c
        .categories
        .iter()
        .enumerate()
        .map(|(i, l)| (center(i), l.clone()))
        .collect();
    x_labels(&mut out, c.height, &labels);
    let has_data = c.series.iter().any(|s| s.values.iter().any(|v| *v != 0.0));
    if !has_data && c.overlay.is_none() {
        empty_note(&mut out, c.height, "No data yet");
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
    if let Some(o) = &c.overlay {
        let color = PALETTE[c.series.len() % PALETTE.len()];
        let (olo, ohi) = y_extent(o.values.iter().flatten().copied(), true);
        // Counts (sessions) get whole-number ticks.
        let counts = o.values.iter().flatten().all(|v| v.fract() == 0.0);
        let oticks = nice_ticks(olo, if counts { ohi.max(4.0) } else { ohi.max(1.0) });
        let os = Scale {
            d0: oticks.first().copied().unwrap_or(olo),
            d1: oticks.last().copied().unwrap_or(ohi),
            r0: c.height - PAD_BOTTOM,
            r1: PAD_TOP,
        };
        y_axis(&mut out, &os, &oticks, &o.unit, true);
        let mut d = String::new();
        let mut dots = String::new();
        let mut pen = false;
        for (i, v) in o.values.iter().enumerate().take(cats) {
            match v {
                Some(v) => {
                    let _ = write!(
                        d,
                        "{}{} {}",
                        if pen { "L" } else { "M" },
                        n(center(i)),
                        n(os.at(*v))
                    );
                    let _ = write!(
                        dots,
                        r#"<circle cx="{}" cy="{}" r="3.5" fill="{color}"/>"#,
                        n(center(i)),
                        n(os.at(*v))
                    );
                    pen = true;
                }
                None => pen = false,
            }
        }
        let _ = write!(
            out,
            r#"<g class="series"><path d="{d}" fill="none" stroke="{color}" stroke-width="2.5"><title>{}</title></path>{dots}</g>"#,
            esc(&o.label)
        );
        items.push((
            o.label.clone(),
            color.to_string(),
            LegendKind::Line { dashed: false },
        ));
    }
    legend(&mut out, &items);
    out.push_str("</svg>");
    out
}

/// Draws a band of cells (the season's phases), with marks and the current cell outlined.
pub fn band(b: &Band) -> String {
    let height = 96.0;
    let mut out = String::new();
    let desc = b
        .segments
        .iter()
        .map(|s| format!("{} ({} weeks)", s.label, s.len))
        .collect::<Vec<_>>()
        .join(", ");
    open(&mut out, &b.title, &desc, height);
    let cells = b.cells.max(1);
    let cell_w = (WIDTH - 16.0) / cells as f64;
    let x_of = |i: usize| 8.0 + cell_w * i as f64;
    let (top, h) = (30.0, 30.0);
    for s in &b.segments {
        let w = cell_w * s.len as f64;
        let _ = write!(
            out,
            r##"<g class="segment"><rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#fff"><title>{}: {} weeks</title></rect>"##,
            n(x_of(s.start)),
            n(top),
            n(w),
            n(h),
            esc(&s.color),
            esc(&s.label),
            s.len
        );
        // Only label segments wide enough for the text.
        if w >= s.label.chars().count() as f64 * 7.5 + 6.0 {
            let _ = write!(
                out,
                r##"<text x="{}" y="{}" text-anchor="middle" fill="#fff" font-weight="600">{}</text>"##,
                n(x_of(s.start) + w / 2.0),
                n(top + 19.0),
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
            n(top - 2.0),
            n(cell_w),
            n(h + 4.0)
        );
    }
    for m in &b.marks {
        let _ = write!(
            out,
            r#"<text class="mark" x="{}" y="{}" text-anchor="middle" font-weight="700">{}</text>"#,
            n(x_of(m.index) + cell_w / 2.0),
            n(top - 8.0),
            esc(&m.label)
        );
    }
    let many = b.cell_labels.len() > 12;
    for (i, l) in b.cell_labels.iter().enumerate() {
        let class = if many && i % 2 == 1 {
            r#" class="minor""#
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<text{class} x="{}" y="{}" text-anchor="middle">{}</text>"#,
            n(x_of(i) + cell_w / 2.0),
            n(top + h + 18.0),
            esc(l)
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
        assert_eq!(nice_ticks(0.0, 95.0), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        let t = nice_ticks(0.6, 1.7);
        assert!(t.first().copied().unwrap_or(9.0) <= 0.6 && t.last().copied().unwrap_or(0.0) >= 1.7);
        assert_eq!(nice_ticks(5.0, 5.0).len() >= 2, true);
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(esc("<a & 'b'>"), "&lt;a &amp; &#39;b&#39;&gt;");
    }
}
