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

pub(crate) fn parse<'a>(text: &'a str, format: &'static str) -> Result<Document<'a>, ImportError> {
    let opts = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, opts).map_err(|e| {
        let pos = e.pos();
        ImportError::Xml {
            format,
            line: pos.row,
            column: pos.col,
            message: e.to_string(),
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
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
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
        if n == 0 {
            return None;
        }
        for _ in n..9 {
            nanos *= 10;
        }
    }
    let offset = match &b[i..] {
        [] | [b'Z'] | [b'z'] => 0,
        [sign @ (b'+' | b'-'), hh @ ..] if hh.len() == 5 && hh[2] == b':' => {
            let o = digits(&hh[0..2])? * 3600 + digits(&hh[3..5])? * 60;
            if *sign == b'+' {
                o
            } else {
                -o
            }
        }
        [sign @ (b'+' | b'-'), hh @ ..] if hh.len() == 4 => {
            let o = digits(&hh[0..2])? * 3600 + digits(&hh[2..4])? * 60;
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
}
