//! A parsed TOML document with spans, and typed getters whose errors point into the source.

use crate::error::{ErrorKind, ProfileError};
use crate::suggest::closest;
use std::ops::Range;
use std::str::FromStr;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Shorthand for results in this crate.
pub type Result<T> = std::result::Result<T, ProfileError>;

/// The source text and its name; turns byte spans into located errors.
pub struct Doc<'s> {
    pub name: &'s str,
    pub text: &'s str,
}

impl<'s> Doc<'s> {
    /// Parses the text as a TOML document (syntax errors are located too).
    pub fn parse(&self) -> Result<Spanned<DeTable<'s>>> {
        DeTable::parse(self.text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().to_string();
            self.error(span, ErrorKind::Syntax { message })
        })
    }

    /// An error located at the start of `span`, underlining it (within its line).
    pub fn error(&self, span: Range<usize>, kind: ErrorKind) -> ProfileError {
        let start = floor_char_boundary(self.text, span.start.min(self.text.len()));
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let line = self.text[..start].matches('\n').count() + 1;
        let column = self.text[line_start..start].chars().count() + 1;
        let end = floor_char_boundary(self.text, span.end.clamp(start, line_end));
        let caret_len = self.text[start..end].chars().count().max(1);
        ProfileError {
            source_name: self.name.to_string(),
            line,
            column,
            kind: Box::new(kind),
            source_line: self.text[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
            caret_len,
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A TOML value's type in words, for "found ..." messages.
pub fn type_name(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(s) => format!("the string \"{s}\""),
        DeValue::Integer(i) => format!("the integer {i}"),
        DeValue::Float(f) => format!("the number {f}"),
        DeValue::Boolean(b) => format!("the boolean {b}"),
        DeValue::Datetime(d) => format!("the date-time {d}"),
        DeValue::Array(_) => "a list".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

/// A located string value: its text and where its content starts in the source.
#[derive(Clone, Copy)]
pub struct Str<'a> {
    pub text: &'a str,
    /// Span of the whole value, quotes included.
    pub span: (usize, usize),
    /// Byte offset of the first content character when the source holds the text verbatim
    /// (no escapes), so errors can point inside the string.
    pub content_start: Option<usize>,
}

impl Str<'_> {
    /// The span of `len` bytes at `offset` inside the string, or the whole value.
    pub fn sub_span(&self, offset: usize, len: usize) -> Range<usize> {
        match self.content_start {
            Some(start) => start + offset..start + offset + len,
            None => self.span.0..self.span.1,
        }
    }
    pub fn range(&self) -> Range<usize> {
        self.span.0..self.span.1
    }
}

/// A table of the document with the name used in messages (`[athlete]`).
pub struct Table<'a, 's> {
    pub doc: &'a Doc<'s>,
    pub name: String,
    pub span: Range<usize>,
    pub map: &'a DeTable<'s>,
}

/// A table's entries in source order (the map itself is sorted by key).
pub fn entries_in_order<'a, 's>(
    map: &'a DeTable<'s>,
) -> Vec<(
    &'a Spanned<std::borrow::Cow<'s, str>>,
    &'a Spanned<DeValue<'s>>,
)> {
    let mut v: Vec<_> = map.iter().collect();
    v.sort_by_key(|(k, _)| k.span().start);
    v
}

impl<'a, 's> Table<'a, 's> {
    /// Rejects every key not in `allowed`, suggesting the closest one; `elsewhere` maps keys
    /// that belong to another table to a hint naming it.
    pub fn check_keys(&self, allowed: &[&str], elsewhere: &[(&str, &str)]) -> Result<()> {
        for (key, _) in entries_in_order(self.map) {
            let k: &str = key.get_ref();
            if allowed.contains(&k) {
                continue;
            }
            let suggestion = match elsewhere.iter().find(|(name, _)| *name == k) {
                Some((_, hint)) => Some(hint.to_string()),
                None => closest(k, allowed).map(str::to_string),
            };
            return Err(self.doc.error(
                key.span(),
                ErrorKind::UnknownKey {
                    key: k.to_string(),
                    table: self.name.clone(),
                    expected: allowed.iter().map(|s| s.to_string()).collect(),
                    suggestion,
                },
            ));
        }
        Ok(())
    }

    /// The place name of a key in messages: `[athlete].age`.
    pub fn place(&self, key: &str) -> String {
        if self.name == "the top level" {
            key.to_string()
        } else {
            format!("{}.{key}", self.name)
        }
    }

    pub fn get(&self, key: &str) -> Option<&'a Spanned<DeValue<'s>>> {
        self.map.get(key)
    }

    /// The span of a key (for errors about a key that is present).
    pub fn key_span(&self, key: &str) -> Range<usize> {
        self.map
            .get_key_value(key)
            .map_or(self.span.clone(), |(k, _)| k.span())
    }

    pub fn wrong_type(&self, key: &str, v: &Spanned<DeValue<'_>>, expected: &str) -> ProfileError {
        self.doc.error(
            v.span(),
            ErrorKind::WrongType {
                place: self.place(key),
                expected: expected.to_string(),
                found: type_name(v.get_ref()),
            },
        )
    }

    pub fn missing(&self, key: &str, expected: &str) -> ProfileError {
        self.doc.error(
            self.span.clone(),
            ErrorKind::MissingKey {
                key: key.to_string(),
                table: self.name.clone(),
                expected: expected.to_string(),
            },
        )
    }

    /// A sub-table, or `None` when absent.
    pub fn table(&self, key: &str) -> Result<Option<Table<'a, 's>>> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        match v.get_ref() {
            DeValue::Table(map) => Ok(Some(Table {
                doc: self.doc,
                name: if self.name == "the top level" {
                    format!("[{key}]")
                } else {
                    format!("{}.{key}", self.name.trim_end_matches(']')) + "]"
                },
                span: v.span(),
                map,
            })),
            _ => Err(self.wrong_type(key, v, "a table")),
        }
    }

    pub fn string(&self, key: &str, expected: &str) -> Result<Option<Str<'a>>> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        as_str(self.doc, v)
            .map(Some)
            .ok_or_else(|| self.wrong_type(key, v, expected))
    }

    /// An integer within `min..=max`.
    pub fn int(&self, key: &str, min: i64, max: i64, expected: &str) -> Result<Option<i64>> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let DeValue::Integer(i) = v.get_ref() else {
            return Err(self.wrong_type(key, v, expected));
        };
        let digits: String = i.as_str().chars().filter(|c| *c != '_').collect();
        let n = i64::from_str_radix(&digits, i.radix()).ok();
        match n {
            Some(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(self.out_of_range(key, v, &i.to_string(), expected)),
        }
    }

    /// A number (integer or float) within `min..=max`.
    pub fn number(&self, key: &str, min: f64, max: f64, expected: &str) -> Result<Option<f64>> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let (n, shown) = match v.get_ref() {
            DeValue::Integer(i) => {
                let digits: String = i.as_str().chars().filter(|c| *c != '_').collect();
                (
                    i64::from_str_radix(&digits, i.radix())
                        .ok()
                        .map(|n| n as f64),
                    i.to_string(),
                )
            }
            DeValue::Float(f) => (
                f.as_str().replace('_', "").parse::<f64>().ok(),
                f.to_string(),
            ),
            _ => return Err(self.wrong_type(key, v, expected)),
        };
        match n {
            Some(n) if n.is_finite() && n >= min && n <= max => Ok(Some(n)),
            _ => Err(self.out_of_range(key, v, &shown, expected)),
        }
    }

    fn out_of_range(
        &self,
        key: &str,
        v: &Spanned<DeValue<'_>>,
        shown: &str,
        expected: &str,
    ) -> ProfileError {
        self.doc.error(
            v.span(),
            ErrorKind::OutOfRange {
                place: self.place(key),
                value: shown.to_string(),
                expected: expected.to_string(),
            },
        )
    }

    pub fn boolean(&self, key: &str) -> Result<Option<bool>> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        match v.get_ref() {
            DeValue::Boolean(b) => Ok(Some(*b)),
            _ => Err(self.wrong_type(key, v, "true or false")),
        }
    }

    /// One of an id enum's words, with a suggestion when misspelt.
    pub fn word<T: FromStr>(&self, key: &str, what: &str, ids: &[&str]) -> Result<Option<T>> {
        let expected = format!("a string, one of {}", quoted_list(ids));
        let Some(s) = self.string(key, &expected)? else {
            return Ok(None);
        };
        parse_word(self.doc, &s, what, &self.place(key), ids).map(Some)
    }

    /// A list of id-enum words (a single string is accepted as a list of one).
    pub fn words<T: FromStr>(&self, key: &str, what: &str, ids: &[&str]) -> Result<Option<Vec<T>>> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let expected = format!("a list of strings from {}", quoted_list(ids));
        let items: Vec<&Spanned<DeValue<'s>>> = match v.get_ref() {
            DeValue::Array(a) => a.iter().collect(),
            DeValue::String(_) => vec![v],
            _ => return Err(self.wrong_type(key, v, &expected)),
        };
        let mut out = Vec::new();
        for item in items {
            let s = as_str(self.doc, item).ok_or_else(|| {
                self.doc.error(
                    item.span(),
                    ErrorKind::WrongType {
                        place: self.place(key),
                        expected: expected.clone(),
                        found: type_name(item.get_ref()),
                    },
                )
            })?;
            out.push(parse_word(self.doc, &s, what, &self.place(key), ids)?);
        }
        Ok(Some(out))
    }

    /// A calendar date: a TOML date (`2027-04-25`) or a string holding one.
    pub fn date(&self, key: &str) -> Result<Option<(jiff::civil::Date, Range<usize>)>> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let bad = |given: String, reason: &str| {
            self.doc.error(
                v.span(),
                ErrorKind::BadDate {
                    place: self.place(key),
                    given,
                    what: "date".into(),
                    reason: reason.to_string(),
                },
            )
        };
        match v.get_ref() {
            DeValue::String(s) => {
                let s = s.trim();
                if !looks_like_iso_date(s) {
                    return Err(bad(s.to_string(), "expected YYYY-MM-DD, e.g. 2027-04-25"));
                }
                s.parse::<jiff::civil::Date>()
                    .map(|d| Some((d, v.span())))
                    .map_err(|_| bad(s.to_string(), "that day does not exist in the calendar"))
            }
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8)
                        .map(|date| Some((date, v.span())))
                        .map_err(|_| bad(dt.to_string(), "that day does not exist in the calendar"))
                }
                _ => Err(bad(
                    dt.to_string(),
                    "expected a date without a time, e.g. 2027-04-25",
                )),
            },
            _ => Err(self.wrong_type(key, v, "a date like 2027-04-25")),
        }
    }

    /// A local time of day: `"07:00"` or a TOML local time.
    pub fn time(&self, key: &str) -> Result<Option<jiff::civil::Time>> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let bad = |given: String| {
            self.doc.error(
                v.span(),
                ErrorKind::BadDate {
                    place: self.place(key),
                    given,
                    what: "time of day".into(),
                    reason: "expected HH:MM on a 24-hour clock, e.g. \"07:00\" or \"18:30\"".into(),
                },
            )
        };
        match v.get_ref() {
            DeValue::String(s) => parse_hh_mm(s.trim())
                .map(Some)
                .ok_or_else(|| bad(s.to_string())),
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (None, Some(t), None) => jiff::civil::Time::new(
                    t.hour as i8,
                    t.minute as i8,
                    t.second.unwrap_or(0) as i8,
                    0,
                )
                .map(Some)
                .map_err(|_| bad(dt.to_string())),
                _ => Err(bad(dt.to_string())),
            },
            _ => Err(self.wrong_type(key, v, "a time of day like \"07:00\"")),
        }
    }
}

fn looks_like_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn parse_hh_mm(s: &str) -> Option<jiff::civil::Time> {
    let (h, m) = s.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: i8 = h.parse().ok()?;
    let m: i8 = m.parse().ok()?;
    jiff::civil::Time::new(h, m, 0, 0).ok()
}

/// A string value with its location, or `None` when the value is not a string.
pub fn as_str<'a>(doc: &Doc<'_>, v: &'a Spanned<DeValue<'_>>) -> Option<Str<'a>> {
    let DeValue::String(s) = v.get_ref() else {
        return None;
    };
    let span = v.span();
    let raw = doc.text.get(span.clone()).unwrap_or("");
    // Only a plain one-line string maps content offsets onto the source one to one.
    let content_start = (raw.len() == s.len() + 2 && &raw[1..raw.len() - 1] == s.as_ref())
        .then_some(span.start + 1);
    Some(Str {
        text: s.as_ref(),
        span: (span.start, span.end),
        content_start,
    })
}

/// Parses a whole string value as one id-enum word.
pub fn parse_word<T: FromStr>(
    doc: &Doc<'_>,
    s: &Str<'_>,
    what: &str,
    place: &str,
    ids: &[&str],
) -> Result<T> {
    let word = s.text.trim();
    T::from_str(&word.to_ascii_lowercase()).map_err(|_| {
        doc.error(
            s.range(),
            ErrorKind::UnknownValue {
                what: what.to_string(),
                given: word.to_string(),
                place: place.to_string(),
                expected: ids.iter().map(|s| s.to_string()).collect(),
                suggestion: closest(word, ids).map(str::to_string),
            },
        )
    })
}

/// `"a", "b"` for messages.
pub fn quoted_list(ids: &[&str]) -> String {
    ids.iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}
