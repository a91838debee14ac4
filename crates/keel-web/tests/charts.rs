//! Snapshot tests of the SVG charts, plus structural checks a snapshot alone would not
//! state: a viewBox, accessible title, axes, legends, and escaping.

use keel_web::charts::*;

fn weeks(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("W{i}")).collect()
}

fn assert_wellformed(svg: &str) {
    assert!(svg.starts_with("<svg class=\"chart chart-"), "{svg}");
    assert!(svg.contains("viewBox=\"0 0 640 ") || svg.contains("viewBox=\"0 0 360 "));
    assert!(svg.ends_with("</svg>"));
    assert!(svg.contains("<title>") && svg.contains("<desc>"));
    assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    // Every opened element is closed (a cheap well-formedness check for our own output).
    for tag in ["g", "text", "title", "desc", "svg"] {
        assert_eq!(
            svg.matches(&format!("<{tag}>")).count() + svg.matches(&format!("<{tag} ")).count(),
            svg.matches(&format!("</{tag}>")).count(),
            "<{tag}> balance in {svg}"
        );
    }
}

#[test]
fn line_chart_with_gap_and_band() {
    let c = LineChart {
        title: "Acute:chronic workload ratio".into(),
        y_unit: "ratio".into(),
        x_range: (0.0, 9.0),
        x_ticks: (0..10).map(|i| (i as f64, format!("d{i}"))).collect(),
        series: vec![
            Series {
                label: "EWMA".into(),
                points: (0..10)
                    .map(|i| (i as f64, (i >= 3).then_some(0.9 + i as f64 * 0.05)))
                    .collect(),
                dashed: false,
            },
            Series {
                label: "rolling".into(),
                points: vec![
                    (4.0, Some(1.0)),
                    (5.0, None),
                    (6.0, Some(1.4)),
                    (9.0, Some(1.2)),
                ],
                dashed: true,
            },
        ],
        bands: vec![YBand {
            lo: 0.8,
            hi: 1.3,
            label: "often-quoted 0.8-1.3".into(),
        }],
        include_zero: false,
        height: 260.0,
    };
    let svg = line_chart(&c, Size::Wide);
    assert_wellformed(&svg);
    // The gap starts a new subpath.
    let moves: Vec<usize> = svg
        .split("<path d=\"")
        .skip(1)
        .map(|p| p[..p.find('"').unwrap()].matches('M').count())
        .collect();
    assert_eq!(
        moves,
        vec![1, 2],
        "the gap in the second series starts a new subpath"
    );
    assert!(svg.contains("stroke-dasharray"));
    assert!(svg.contains("often-quoted 0.8-1.3"));
    insta::assert_snapshot!("line_acwr", svg);
    let narrow = line_chart(&c, Size::Narrow);
    assert_wellformed(&narrow);
    insta::assert_snapshot!("line_acwr_narrow", narrow);
}

#[test]
fn bar_chart_with_marks_and_overlay() {
    let c = BarChart {
        title: "Planned running minutes & strength".into(),
        y_unit: "min".into(),
        categories: weeks(10),
        series: vec![BarSeries {
            label: "running (min)".into(),
            values: vec![
                300.0, 320.0, 340.0, 250.0, 350.0, 370.0, 390.0, 280.0, 200.0, 120.0,
            ],
        }],
        marks: vec![
            None,
            None,
            None,
            Some("D".into()),
            None,
            None,
            None,
            Some("D".into()),
            Some("T".into()),
            Some("R".into()),
        ],
        overlay: Some(Overlay {
            label: "strength sessions".into(),
            unit: "sessions".into(),
            values: vec![
                Some(2.0),
                Some(2.0),
                Some(2.0),
                Some(1.0),
                Some(2.0),
                Some(2.0),
                Some(2.0),
                Some(1.0),
                Some(1.0),
                Some(0.0),
            ],
        }),
        current: Some(2),
        height: 300.0,
    };
    let svg = bar_chart(&c, Size::Wide);
    assert_wellformed(&svg);
    assert_eq!(
        svg.matches("\"><title>W").count(),
        10,
        "one bar per week, each with a tooltip"
    );
    assert!(svg.contains("&amp;"), "title escaped");
    let narrow = bar_chart(&c, Size::Narrow);
    assert_wellformed(&narrow);
    let labels = |s: &str| s.matches(r#"text-anchor="middle">W"#).count();
    assert_eq!(labels(&svg), 10, "wide: every week labelled");
    assert!(
        labels(&narrow) < 10,
        "narrow: labels thinned so they do not overlap"
    );
    insta::assert_snapshot!("bar_season_narrow", narrow);
    assert!(svg.contains(">sessions</text>"), "right axis unit");
    insta::assert_snapshot!("bar_season", svg);
}

#[test]
fn band_of_phases() {
    let b = Band {
        title: "Season phases".into(),
        cells: 12,
        segments: vec![
            BandSegment {
                start: 0,
                len: 5,
                label: "base".into(),
                color: "#0072B2".into(),
            },
            BandSegment {
                start: 5,
                len: 4,
                label: "build".into(),
                color: "#009E73".into(),
            },
            BandSegment {
                start: 9,
                len: 1,
                label: "peak".into(),
                color: "#D55E00".into(),
            },
            BandSegment {
                start: 10,
                len: 2,
                label: "taper".into(),
                color: "#CC79A7".into(),
            },
        ],
        marks: vec![
            BandMark {
                index: 3,
                label: "D".into(),
            },
            BandMark {
                index: 10,
                label: "T".into(),
            },
            BandMark {
                index: 11,
                label: "R".into(),
            },
        ],
        cell_labels: weeks(12),
        current: Some(4),
    };
    let svg = band(&b, Size::Wide);
    assert_wellformed(&svg);
    assert_eq!(svg.matches(r#"<g class="segment">"#).count(), 4);
    assert!(svg.contains(">base</text>") && svg.contains(">build</text>"));
    insta::assert_snapshot!("band_season", svg);
}

#[test]
fn empty_charts_say_so() {
    let c = LineChart {
        title: "Check-ins".into(),
        y_unit: "1-5".into(),
        x_range: (0.0, 6.0),
        x_ticks: vec![],
        series: vec![Series {
            label: "fatigue".into(),
            points: vec![(0.0, None)],
            dashed: false,
        }],
        bands: vec![],
        include_zero: false,
        height: 200.0,
    };
    let svg = line_chart(&c, Size::Wide);
    assert_wellformed(&svg);
    assert!(svg.contains("No data yet"));
    let b = bar_chart(
        &BarChart {
            title: "t".into(),
            y_unit: "km".into(),
            categories: vec![],
            series: vec![],
            marks: vec![],
            overlay: None,
            current: None,
            height: 200.0,
        },
        Size::Narrow,
    );
    assert_wellformed(&b);
    assert!(b.contains("No data yet"));
}

#[test]
fn responsive_holds_both_sizes() {
    let b = Band {
        title: "t".into(),
        cells: 2,
        segments: vec![],
        marks: vec![],
        cell_labels: vec![],
        current: None,
    };
    let html = responsive(|size| band(&b, size));
    assert!(html.starts_with(r#"<div class="chart-wide"><svg class="chart chart-wide""#));
    assert!(html.contains(r#"<div class="chart-narrow"><svg class="chart chart-narrow""#));
}

#[test]
fn labels_are_escaped() {
    let svg = line_chart(
        &LineChart {
            title: "<script>".into(),
            y_unit: "kg".into(),
            x_range: (0.0, 1.0),
            x_ticks: vec![(0.0, "a<b".into())],
            series: vec![Series {
                label: "x\"y".into(),
                points: vec![(0.0, Some(1.0)), (1.0, Some(2.0))],
                dashed: false,
            }],
            bands: vec![],
            include_zero: true,
            height: 200.0,
        },
        Size::Wide,
    );
    assert!(!svg.contains("<script>"));
    assert!(svg.contains("&lt;script&gt;") && svg.contains("a&lt;b") && svg.contains("x&quot;y"));
}
