//! keel-import: decoders that turn activity and training-log files into keel-core values.
//!
//! FIT, GPX, TCX (each optionally gzipped), Strava bulk exports (zip or unpacked
//! `activities.csv`), and Strong / Hevy CSV exports. Decoders take bytes or readers, never
//! paths, and never panic on any input: bad input gives an [`ImportError`] naming what was
//! expected and where.
//!
//! Must not depend on: a database, the file system (beyond what a caller's reader does),
//! the clock, or the network. The store and the CLI build on this crate, not the reverse.

pub mod archive;
mod csvutil;
mod error;
pub mod fit;
pub mod fuzz;
pub mod gpx;
pub mod strava;
pub mod strength;
pub mod tcx;
mod xml;

use std::io::Read;

use keel_core::activity::{Activity, StrengthWorkout};

pub use archive::{gunzip, DuplicateName, ZipEntry, ZipReader, DEFAULT_ENTRY_LIMIT};
pub use csvutil::{CsvRows, SkippedRow};
pub use error::{ErrorKind, ImportError};
pub use strava::{attach_strava, parse_strava_csv, StravaActivityRow};

/// A supported input format (after any gzip layer is removed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Garmin FIT.
    Fit,
    /// GPS Exchange Format 1.0 / 1.1.
    Gpx,
    /// Garmin Training Center XML.
    Tcx,
    /// Strong app CSV export (any of its three layouts).
    StrongCsv,
    /// Hevy app CSV export.
    HevyCsv,
    /// Strava bulk export `activities.csv`.
    StravaActivitiesCsv,
}

/// What a file decoded to.
#[derive(Debug, Clone, PartialEq)]
pub enum Decoded {
    /// Endurance activities (one per FIT session, GPX file or TCX activity).
    Activities(Vec<Activity>),
    /// Strength workouts (Strong, Hevy), and the rows left out.
    Strength(CsvRows<StrengthWorkout>),
    /// The rows of a Strava `activities.csv` (the caller attaches them to the files they
    /// name), and the rows left out.
    StravaIndex(CsvRows<StravaActivityRow>),
}

/// Tells the format from the file name and its first bytes (512 are plenty). The content
/// wins over the name when they disagree; gzip is not a format here: use [`is_gzip`] and
/// [`gunzip`] first (or call [`decode`], which does).
pub fn detect(name: &str, head: &[u8]) -> Option<Format> {
    let head = strip_bom_ws(head);
    if head.len() >= 12 && (head[0] == 12 || head[0] == 14) && &head[8..12] == b".FIT" {
        return Some(Format::Fit);
    }
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    if text.starts_with('<') {
        if text.contains("<gpx") {
            return Some(Format::Gpx);
        }
        if text.contains("TrainingCenterDatabase") {
            return Some(Format::Tcx);
        }
    }
    let first_line = text.lines().next().unwrap_or("");
    if first_line.contains("Exercise Name") && first_line.contains("Set Order") {
        return Some(Format::StrongCsv);
    }
    if first_line.contains("exercise_title") && first_line.contains("set_type") {
        return Some(Format::HevyCsv);
    }
    if (first_line.contains("Activity ID") || first_line.starts_with("id,"))
        && (first_line.contains("Filename") || first_line.contains("filename"))
    {
        return Some(Format::StravaActivitiesCsv);
    }
    if lower.ends_with(".fit") {
        Some(Format::Fit)
    } else if lower.ends_with(".gpx") {
        Some(Format::Gpx)
    } else if lower.ends_with(".tcx") {
        Some(Format::Tcx)
    } else {
        None
    }
}

/// Whether the bytes start with the gzip magic number.
pub fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}

/// Decodes one file's bytes. Gzip is recognised by its magic number (whatever the name),
/// decompressed with a cap of [`DEFAULT_ENTRY_LIMIT`] bytes, and the name's `.gz` dropped.
/// `name` is used for format detection and as the activities' `source`.
pub fn decode(name: &str, bytes: &[u8]) -> Result<Decoded, ImportError> {
    let plain = read_plain(name, bytes, DEFAULT_ENTRY_LIMIT)?;
    decode_plain(name, &plain)
}

/// Reads everything from `reader` (at most `limit` bytes once decompressed, else
/// [`ImportError::TooLarge`]) and [`decode`]s it.
pub fn decode_reader(name: &str, reader: impl Read, limit: u64) -> Result<Decoded, ImportError> {
    let plain = read_plain(name, reader, limit)?;
    decode_plain(name, &plain)
}

/// A file's content ready to decode: one gzip layer removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plain {
    /// The name used for format detection (`.gz` dropped when the content was gzip).
    pub name: String,
    /// The (decompressed) bytes.
    pub bytes: Vec<u8>,
}

/// Bytes looked at before the rest of a file is read.
const HEAD: u64 = 4096;

/// Reads a file for decoding, streaming. One gzip layer (recognised by its magic number,
/// whatever the name) is decompressed as it is read; the first kilobytes are checked
/// before the rest is read, so input that cannot be an activity or a training log (an
/// unknown format, a `.fit` without a FIT header, a `.gpx` that is not XML, a gzip bomb of
/// zeros) is refused at once, however large it would grow. At most `limit` decompressed
/// bytes are held, counted as they are read (never trusting a declared size).
pub fn read_plain(name: &str, reader: impl Read, limit: u64) -> Result<Plain, ImportError> {
    let mut reader = reader;
    let mut magic = Vec::with_capacity(2);
    (&mut reader).take(2).read_to_end(&mut magic)?;
    let raw = std::io::Cursor::new(magic.clone()).chain(reader);
    if is_gzip(&magic) {
        let inner = strip_gz(name).to_string();
        let gz = flate2::read::MultiGzDecoder::new(raw);
        read_checked(name, inner, gz, limit).map_err(|e| archive::gzip_error(e, name))
    } else {
        read_checked(name, name.to_string(), raw, limit)
    }
}

fn read_checked(
    source: &str,
    name: String,
    mut r: impl Read,
    limit: u64,
) -> Result<Plain, ImportError> {
    let mut head = Vec::new();
    (&mut r)
        .take(HEAD.min(limit.saturating_add(1)))
        .read_to_end(&mut head)?;
    if name != source && is_gzip(&head) {
        return Err(ImportError::UnsupportedFormat {
            message: format!("`{source}` is gzip inside gzip; expected one gzip layer"),
        });
    }
    if hopeless(&name, &head) {
        decode_inner(source, &name, &head)?;
    }
    let bytes = archive::read_capped(std::io::Cursor::new(head).chain(r), limit, source)?;
    Ok(Plain { name, bytes })
}

/// Whether the first bytes already show that decoding will fail: then decoding them alone
/// gives the same error without reading the rest.
fn hopeless(name: &str, head: &[u8]) -> bool {
    let start = strip_bom_ws(head);
    match detect(name, head) {
        None => true,
        Some(Format::Fit) => head.len() >= 12 && &head[8..12] != b".FIT",
        Some(Format::Gpx | Format::Tcx) => !start.is_empty() && start[0] != b'<',
        Some(_) => false,
    }
}

/// Decodes a file read with [`read_plain`]; `source` names the activities' source.
pub fn decode_plain(source: &str, plain: &Plain) -> Result<Decoded, ImportError> {
    decode_inner(source, &plain.name, &plain.bytes)
}

fn decode_inner(source: &str, name: &str, bytes: &[u8]) -> Result<Decoded, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Truncated {
            format: "input",
            message: format!("`{source}` is empty (0 bytes)"),
        });
    }
    let head = &bytes[..bytes.len().min(4096)];
    match detect(name, head) {
        Some(Format::Fit) => fit::decode_fit(bytes, source).map(Decoded::Activities),
        Some(Format::Gpx) => gpx::decode_gpx(bytes, source).map(|a| Decoded::Activities(vec![a])),
        Some(Format::Tcx) => tcx::decode_tcx(bytes, source).map(Decoded::Activities),
        Some(Format::StrongCsv) => strength::parse_strong(bytes, source).map(Decoded::Strength),
        Some(Format::HevyCsv) => strength::parse_hevy(bytes, source).map(Decoded::Strength),
        Some(Format::StravaActivitiesCsv) => parse_strava_csv(bytes).map(Decoded::StravaIndex),
        None => Err(ImportError::UnsupportedFormat {
            message: format!(
                "`{source}`: expected a .fit, .gpx or .tcx file (optionally .gz), a Strong or Hevy CSV, or a Strava activities.csv"
            ),
        }),
    }
}

/// `name` without a trailing `.gz` (any case).
pub fn strip_gz(name: &str) -> &str {
    if name.len() >= 3 && name.is_char_boundary(name.len() - 3) {
        let (stem, ext) = name.split_at(name.len() - 3);
        if ext.eq_ignore_ascii_case(".gz") {
            return stem;
        }
    }
    name
}

/// Skips a UTF-8 byte-order mark and leading ASCII whitespace.
pub(crate) fn strip_bom_ws(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(b);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[start..]
}
