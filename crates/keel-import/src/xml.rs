//! Shared XML helpers for GPX and TCX: tolerant document opening, local-name matching and a
//! fast ISO 8601 time parser.

use jiff::Timestamp;
use roxmltree::{Document, Node, ParsingOptions};

use crate::error::ImportError;

/// Opens an XML document, tolerating a BOM or whitespace before the declaration and
/// invalid UTF-8 (replaced, as lenient readers do). Returns the text to parse.
pub(crate) fn text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let b = crate::strip_bom_ws(bytes);
    String::from_utf8_lossy(b)
}

/// The most XML nodes (elements, attributes' text, text runs) one GPX or TCX file may
/// hold: a day of 1-second track points with extensions needs about 1.5 million, and the
/// parsed tree of the limit stays well under a gigabyte.
pub const NODES_LIMIT: u32 = 8_000_000;

/// Parses XML without a DTD (so no entity is ever expanded: GPX and TCX need none) and with
/// at most [`NODES_LIMIT`] nodes. `file` names the input in the refusals.
pub(crate) fn parse<'a>(
    text: &'a str,
    format: &'static str,
    file: &str,
) -> Result<Document<'a>, ImportError> {
    let opts = ParsingOptions {
        allow_dtd: false,
        nodes_limit: NODES_LIMIT,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, opts).map_err(|e| match e {
        roxmltree::Error::DtdDetected => {
            let line = text
                .find("<!DOCTYPE")
                .map_or(1, |at| text[..at].matches('\n').count() + 1);
            ImportError::XmlRefused {
                file: file.to_string(),
                message: format!(
                    "{format} with a document type declaration (<!DOCTYPE at line {line}) is refused: the limit is no DTD at all, so no XML entity is ever expanded ({format} files need none)"
                ),
            }
        }
        roxmltree::Error::NodesLimitReached => ImportError::XmlRefused {
            file: file.to_string(),
            message: format!(
                "{format} with more than {NODES_LIMIT} XML nodes is refused (the limit for one file; about 1.5 million are a day of 1-second track points)"
            ),
        },
        e => {
            let pos = e.pos();
            ImportError::Xml {
                format,
                line: pos.row,
                column: pos.col,
                message: e.to_string(),
            }
        }
    })
}

/// The root element, when its local name is `local`; else an error naming what it is.
pub(crate) fn root<'a, 'i>(
    doc: &'a Document<'i>,
    format: &'static str,
    local: &str,
) -> Result<Node<'a, 'i>, ImportError> {
    let root = doc.root_element();
    if root.tag_name().name() == local {
        return Ok(root);
    }
    let (line, column) = pos(doc, root);
    Err(ImportError::Xml {
        format,
        line,
        column,
        message: format!(
            "expected a <{local}> root element, found <{}>",
            root.tag_name().name()
        ),
    })
}

/// First child element with this local name (any namespace or prefix).
pub(crate) fn child<'a, 'i>(n: Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == local)
}

/// Text of the first child element with this local name, trimmed.
pub(crate) fn child_text<'a>(n: Node<'a, '_>, local: &str) -> Option<&'a str> {
    child(n, local).and_then(|c| c.text()).map(str::trim)
}

/// A child's text parsed as a finite number.
pub(crate) fn child_num(n: Node<'_, '_>, local: &str) -> Option<f64> {
    child_text(n, local).and_then(num)
}

pub(crate) fn num(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Line and column of a node, for messages.
pub(crate) fn pos(doc: &Document<'_>, n: Node<'_, '_>) -> (u32, u32) {
    let p = doc.text_pos_at(n.range().start);
    (p.row, p.col)
}

/// Parses an ISO 8601 / RFC 3339 time. A time without offset is taken as UTC (what GPX
/// and TCX writers mean). Fast path for the common shapes; jiff for anything else.
pub(crate) fn parse_time(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    fast_time(s).or_else(|| {
        s.parse::<Timestamp>().ok().or_else(|| {
            s.parse::<jiff::civil::DateTime>()
                .ok()
                .and_then(|dt| dt.to_zoned(jiff::tz::TimeZone::UTC).ok())
                .map(|z| z.timestamp())
        })
    })
}

fn digits(b: &[u8]) -> Option<i64> {
    let mut v = 0i64;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(c - b'0');
    }
    Some(v)
}

/// An offset's seconds; jiff's range is up to 25:59.
fn offset_secs(h: i64, m: i64) -> Option<i64> {
    (h <= 25 && m <= 59).then_some(h * 3600 + m * 60)
}

/// Days in a month of the proleptic Gregorian calendar.
fn days_in_month(y: i64, mo: i64) -> i64 {
    match mo {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The common shapes (`YYYY-MM-DDTHH:MM:SS[.f][Z|±HH:MM|±HHMM]`) without jiff's general
/// parser; `None` for anything else, including impossible dates such as 31 February (then
/// [`parse_time`] asks jiff, which refuses them too).
fn fast_time(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || (b[10] != b'T' && b[10] != b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (y, mo, d) = (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
    let (h, mi, se) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 60
    {
        return None;
    }
    let mut i = 19;
    let mut nanos = 0i64;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 9 {
                nanos = nanos * 10 + i64::from(b[i] - b'0');
            }
            i += 1;
        }
        let n = i - start;
        if n == 0 || n > 9 {
            return None;
        }
        for _ in n..9 {
            nanos *= 10;
        }
    }
    let offset = match &b[i..] {
        [] | [b'Z'] | [b'z'] => 0,
        [sign @ (b'+' | b'-'), hh @ ..] if hh.len() == 5 && hh[2] == b':' => {
            let o = offset_secs(digits(&hh[0..2])?, digits(&hh[3..5])?)?;
            if *sign == b'+' {
                o
            } else {
                -o
            }
        }
        [sign @ (b'+' | b'-'), hh @ ..] if hh.len() == 4 => {
            let o = offset_secs(digits(&hh[0..2])?, digits(&hh[2..4])?)?;
            if *sign == b'+' {
                o
            } else {
                -o
            }
        }
        _ => return None,
    };
    // Days from civil (Howard Hinnant's algorithm), proleptic Gregorian.
    let (yy, m) = if mo <= 2 {
        (y - 1, mo + 9)
    } else {
        (y, mo - 3)
    };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let doy = (153 * m + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + h * 3600 + mi * 60 + se.min(59) - offset;
    Timestamp::new(secs, nanos as i32).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_path_agrees_with_jiff() {
        for s in [
            "2013-02-06T12:11:14Z",
            "2015-12-11T15:43:13.994+01:00",
            "2022-07-16T16:08:25.000Z",
            "1901-12-13T20:45:52.207343Z",
            "2000-02-29T23:59:59-05:30",
        ] {
            let fast = fast_time(s).expect(s);
            let slow: Timestamp = s.parse().expect(s);
            assert_eq!(fast, slow, "{s}");
        }
        assert_eq!(
            parse_time("2010-08-05T14:23:59"),
            "2010-08-05T14:23:59Z".parse().ok()
        );
        assert_eq!(parse_time("2010-13-05T14:23:59Z"), None);
        assert_eq!(parse_time("yesterday"), None);
    }

    #[test]
    fn impossible_dates_are_refused() {
        for s in [
            "2023-02-31T07:00:00Z",
            "2023-02-29T07:00:00Z",
            "2100-02-29T07:00:00Z",
            "2024-04-31T07:00:00+02:00",
            "2024-06-31 07:00:00",
            "2024-00-10T07:00:00Z",
            "2024-01-00T07:00:00Z",
        ] {
            assert_eq!(fast_time(s), None, "{s}");
            assert_eq!(parse_time(s), None, "{s}");
        }
        assert!(parse_time("2024-02-29T07:00:00Z").is_some());
        assert!(parse_time("2000-02-29T07:00:00Z").is_some());
    }

    /// What jiff makes of a time string, the way [`parse_time`] documents it: an instant
    /// with an offset, or a civil time taken as UTC.
    fn reference(s: &str) -> Option<Timestamp> {
        s.parse::<Timestamp>().ok().or_else(|| {
            s.parse::<jiff::civil::DateTime>()
                .ok()
                .and_then(|dt| dt.to_zoned(jiff::tz::TimeZone::UTC).ok())
                .map(|z| z.timestamp())
        })
    }

    fn shape() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let offset = prop_oneof![
            Just(String::new()),
            Just("Z".to_string()),
            Just("z".to_string()),
            (any::<bool>(), 0u8..26, 0u8..61, any::<bool>()).prop_map(|(plus, h, m, colon)| {
                format!(
                    "{}{h:02}{}{m:02}",
                    if plus { '+' } else { '-' },
                    if colon { ":" } else { "" }
                )
            }),
        ];
        (
            0u16..=9999,
            0u8..=13,
            0u8..=32,
            0u8..=24,
            0u8..=60,
            0u8..=61,
            proptest::option::of("[0-9]{1,11}"),
            prop_oneof![Just('T'), Just(' ')],
            offset,
        )
            .prop_map(|(y, mo, d, h, mi, se, frac, sep, off)| {
                let frac = frac.map(|f| format!(".{f}")).unwrap_or_default();
                format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{se:02}{frac}{off}")
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// The fast path never disagrees with jiff: when it answers, jiff gives the same
        /// instant; when jiff refuses (31 February, hour 24, ...), so does the fast path.
        #[test]
        fn fast_path_matches_jiff(s in shape()) {
            let want = reference(&s);
            if let Some(fast) = fast_time(&s) {
                proptest::prop_assert_eq!(Some(fast), want, "{}", s);
            }
            proptest::prop_assert_eq!(parse_time(&s), want, "{}", s);
        }
    }

    fn gpx_with_dtd(refs: usize) -> String {
        let entity = "x".repeat(100);
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [<!ENTITY e \"{entity}\">]>\n<gpx><trk><name>{}</name></trk></gpx>",
            "&e;".repeat(refs)
        )
    }

    #[test]
    fn a_dtd_is_refused_naming_the_file_and_the_limit() {
        let text = gpx_with_dtd(20_000);
        let e = parse(&text, "GPX", "laughs.gpx").expect_err("refused");
        let msg = e.to_string();
        assert_eq!(e.kind(), crate::ErrorKind::XmlRefused, "{msg}");
        assert!(msg.contains("laughs.gpx"), "{msg}");
        assert!(msg.contains("line 2"), "{msg}");
        assert!(msg.contains("limit is no DTD"), "{msg}");
    }

    #[test]
    fn more_nodes_than_the_limit_are_refused() {
        // Text nodes between empty elements: two nodes per `<a/>\n`.
        let n = NODES_LIMIT as usize / 2 + 10;
        let mut text = String::with_capacity(n * 5 + 20);
        text.push_str("<gpx>");
        for _ in 0..n {
            text.push_str("<a/>\n");
        }
        text.push_str("</gpx>");
        let e = parse(&text, "GPX", "many.gpx").expect_err("refused");
        assert_eq!(e.kind(), crate::ErrorKind::XmlRefused, "{e}");
        assert!(e.to_string().contains("many.gpx"), "{e}");
        assert!(e.to_string().contains(&NODES_LIMIT.to_string()), "{e}");
    }
}
