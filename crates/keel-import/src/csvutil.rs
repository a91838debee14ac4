//! Shared helpers for the CSV importers: header lookup tolerant of case, spacing and
//! duplicates, and cell parsing with row/column errors.

use std::fmt;

use csv::StringRecord;

use crate::error::ImportError;

/// A CSV data row that could not be read and was left out; the rest of the file is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    /// 1-based line of the file (the header is row 1).
    pub row: u64,
    /// The column as named in the header (`?` when the row itself is unreadable).
    pub column: String,
    /// The cell as written.
    pub value: String,
    /// What was expected and what was found.
    pub message: String,
}

impl fmt::Display for SkippedRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "row {}, column `{}`: {}",
            self.row, self.column, self.message
        )
    }
}

/// What a CSV reader kept, and the rows it left out.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvRows<T> {
    /// The rows (or the workouts grouped from them) that were read.
    pub rows: Vec<T>,
    /// The rows left out, in file order.
    pub skipped: Vec<SkippedRow>,
}

impl<T> Default for CsvRows<T> {
    fn default() -> Self {
        CsvRows {
            rows: Vec::new(),
            skipped: Vec::new(),
        }
    }
}

/// The row of a record as a spreadsheet shows it (the header is row 1): its line in the
/// file, or its record number where lines end in a bare carriage return (which the CSV
/// reader ends records on but does not count as lines).
fn row_of(p: &csv::Position) -> u64 {
    p.line().max(p.record() + 1)
}

/// Calls `one` for every data row that is not blank; a row it (or the CSV reader) cannot
/// read is left out and returned as a [`SkippedRow`].
pub(crate) fn each_row<R: std::io::Read>(
    records: csv::StringRecordsIter<'_, R>,
    header: &Header,
    mut one: impl FnMut(&StringRecord) -> Result<(), ImportError>,
) -> Vec<SkippedRow> {
    let mut out = Vec::new();
    for rec in records {
        match record(rec) {
            Ok(rec) if is_blank(&rec) => {}
            Ok(rec) => {
                if let Err(e) = one(&rec) {
                    out.push(skipped(Some(&rec), header, e));
                }
            }
            Err(e) => out.push(skipped(None, header, e)),
        }
    }
    out
}

/// A row-level error as a [`SkippedRow`], with the offending cell's text.
pub(crate) fn skipped(rec: Option<&StringRecord>, header: &Header, e: ImportError) -> SkippedRow {
    match e {
        ImportError::Csv {
            row,
            column,
            message,
        } => {
            let value = header
                .raw
                .iter()
                .position(|h| *h == column)
                .and_then(|i| rec.and_then(|r| r.get(i)))
                .unwrap_or("")
                .to_string();
            SkippedRow {
                row,
                column,
                value,
                message,
            }
        }
        other => SkippedRow {
            row: rec.and_then(|r| r.position()).map_or(0, row_of),
            column: "?".into(),
            value: String::new(),
            message: other.to_string(),
        },
    }
}

/// A header row, normalised for lookup (lowercase, `_` as space, trimmed, BOM removed).
pub(crate) struct Header {
    names: Vec<String>,
    raw: Vec<String>,
}

impl Header {
    pub(crate) fn new(rec: &StringRecord) -> Self {
        let raw: Vec<String> = rec
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        let names = raw
            .iter()
            .map(|h| h.to_lowercase().replace('_', " "))
            .collect();
        Header { names, raw }
    }

    /// Index of the `nth` (0-based) column named like one of `names`.
    pub(crate) fn nth(&self, names: &[&str], nth: usize) -> Option<usize> {
        self.names
            .iter()
            .enumerate()
            .filter(|(_, h)| names.contains(&h.as_str()))
            .map(|(i, _)| i)
            .nth(nth)
    }

    pub(crate) fn find(&self, names: &[&str]) -> Option<usize> {
        self.nth(names, 0)
    }

    pub(crate) fn require(&self, names: &[&str], what: &str) -> Result<usize, ImportError> {
        self.find(names).ok_or_else(|| {
            ImportError::csv(
                1,
                names[0],
                format!(
                    "{what}: expected a column named {}; the header has: {}",
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(" or "),
                    self.raw.join(", ")
                ),
            )
        })
    }

    pub(crate) fn raw_name(&self, i: usize) -> &str {
        self.raw.get(i).map(String::as_str).unwrap_or("?")
    }
}

/// Reads the header row. `expected` completes "empty file: expected ..." (e.g. "a Hevy
/// header row") for a file with no rows at all.
pub(crate) fn read_header<R: std::io::Read>(
    records: &mut csv::StringRecordsIter<'_, R>,
    expected: &str,
) -> Result<Header, ImportError> {
    match records.next() {
        Some(Ok(h)) => Ok(Header::new(&h)),
        Some(Err(e)) => Err(ImportError::csv(1, "header", e.to_string())),
        None => Err(ImportError::csv(
            1,
            "header",
            format!("empty file: expected {expected}"),
        )),
    }
}

/// A data record, or the CSV reader's error at its line.
pub(crate) fn record(rec: csv::Result<StringRecord>) -> Result<StringRecord, ImportError> {
    rec.map_err(|e| {
        let line = e.position().map(row_of).unwrap_or(0);
        ImportError::csv(line, "?", e.to_string())
    })
}

/// Whether every cell of a record is empty or spaces (such rows are skipped).
pub(crate) fn is_blank(rec: &StringRecord) -> bool {
    rec.iter().all(|c| c.trim().is_empty())
}

/// A data row with its line number, for cell access with good errors.
pub(crate) struct Row<'a> {
    pub(crate) rec: &'a StringRecord,
    pub(crate) line: u64,
    pub(crate) header: &'a Header,
}

impl<'a> Row<'a> {
    /// The row of `rec`, at the line the reader found it on.
    pub(crate) fn new(rec: &'a StringRecord, header: &'a Header) -> Self {
        Row {
            rec,
            line: rec.position().map(row_of).unwrap_or(0),
            header,
        }
    }

    pub(crate) fn get(&self, i: Option<usize>) -> Option<&str> {
        i.and_then(|i| self.rec.get(i))
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    pub(crate) fn err(&self, i: usize, message: impl Into<String>) -> ImportError {
        ImportError::csv(self.line, self.header.raw_name(i), message)
    }

    /// Optional finite number (`1,5` with a decimal comma accepted).
    pub(crate) fn num(&self, i: Option<usize>) -> Result<Option<f64>, ImportError> {
        let Some(s) = self.get(i) else {
            return Ok(None);
        };
        let v = s
            .parse::<f64>()
            .or_else(|_| s.replace(',', ".").parse::<f64>())
            .ok()
            .filter(|v| v.is_finite());
        match (v, i) {
            (Some(v), _) => Ok(Some(v)),
            (None, Some(i)) => Err(self.err(i, format!("expected a number, found `{s}`"))),
            (None, None) => Ok(None),
        }
    }
}

/// Parses a local date-time in one of the given strftime formats.
pub(crate) fn parse_datetime(s: &str, formats: &[&str]) -> Option<jiff::civil::DateTime> {
    let s = s.trim();
    for f in formats {
        if let Ok(dt) = jiff::fmt::strtime::parse(f, s).and_then(|t| t.to_datetime()) {
            return Some(dt);
        }
    }
    s.parse::<jiff::civil::DateTime>().ok()
}
