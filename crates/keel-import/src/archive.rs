//! Containers: gzip, and zip archives (Strava bulk exports) read entry by entry from a
//! `Read + Seek` so memory stays bounded by the largest entry, never the archive.
//!
//! Guards: entries with absolute paths or `..` components are refused
//! ([`ImportError::UnsafePath`]) and every decompression is capped
//! ([`ImportError::TooLarge`], default [`DEFAULT_ENTRY_LIMIT`]).

use std::io::{Read, Seek};

use flate2::read::MultiGzDecoder;

use crate::error::ImportError;
use crate::strava::{parse_strava_csv, StravaActivityRow};

/// Default cap on one decompressed file or archive entry: 512 MiB.
pub const DEFAULT_ENTRY_LIMIT: u64 = 512 * 1024 * 1024;

/// Reads all of `r`, failing with [`ImportError::TooLarge`] past `limit` bytes.
pub fn read_capped(r: impl Read, limit: u64, what: &str) -> Result<Vec<u8>, ImportError> {
    let mut out = Vec::new();
    r.take(limit.saturating_add(1)).read_to_end(&mut out)?;
    if out.len() as u64 > limit {
        return Err(ImportError::TooLarge {
            what: format!("`{what}`"),
            limit,
        });
    }
    Ok(out)
}

/// Decompresses gzip bytes (multi-member too), capped at `limit` decompressed bytes.
pub fn gunzip(bytes: &[u8], limit: u64, what: &str) -> Result<Vec<u8>, ImportError> {
    read_capped(MultiGzDecoder::new(bytes), limit, what).map_err(|e| match e {
        ImportError::Io(io) => ImportError::Corrupt {
            format: "gzip",
            offset: 0,
            message: format!("`{what}`: {io}"),
        },
        other => other,
    })
}

/// Whether an archive entry name is safe to use as a relative path.
pub fn is_safe_entry_name(name: &str) -> bool {
    let n = name.replace('\\', "/");
    if n.starts_with('/') || n.contains('\0') {
        return false;
    }
    let b = n.as_bytes();
    if b.len() >= 2 && b[1] == b':' && b[0].is_ascii_alphabetic() {
        return false;
    }
    !n.split('/').any(|c| c == "..")
}

/// Whether keel can import an entry with this name (activity files and CSVs, optionally
/// gzipped). Other entries (photos, JSON, ...) are never read.
pub fn is_importable_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    [".fit", ".gpx", ".tcx", ".csv"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// One entry of a zip archive, read into memory on its own.
#[derive(Debug)]
pub struct ZipEntry {
    /// The entry's name as stored (use only for display and matching, never as a path
    /// without [`is_safe_entry_name`]).
    pub name: String,
    /// The entry's bytes (still gzipped for `.gz` entries: pass them to [`crate::decode`]),
    /// or why it was refused.
    pub bytes: Result<Vec<u8>, ImportError>,
}

/// Streams the importable entries of a zip archive, one at a time.
///
/// Iterating yields every entry whose name looks importable ([`is_importable_name`]);
/// directories and other files are skipped and counted in [`ZipReader::skipped`].
pub struct ZipReader<R: Read + Seek> {
    archive: zip::ZipArchive<R>,
    next: usize,
    limit: u64,
    skipped: usize,
}

impl<R: Read + Seek> ZipReader<R> {
    /// Opens an archive (reads only its central directory).
    pub fn new(reader: R) -> Result<Self, ImportError> {
        let archive = zip::ZipArchive::new(reader).map_err(|e| ImportError::Zip {
            message: e.to_string(),
        })?;
        Ok(ZipReader {
            archive,
            next: 0,
            limit: DEFAULT_ENTRY_LIMIT,
            skipped: 0,
        })
    }

    /// Sets the per-entry decompressed size cap.
    pub fn with_entry_limit(mut self, limit: u64) -> Self {
        self.limit = limit;
        self
    }

    /// Number of entries in the archive (all kinds).
    pub fn len(&self) -> usize {
        self.archive.len()
    }

    /// Whether the archive has no entries.
    pub fn is_empty(&self) -> bool {
        self.archive.len() == 0
    }

    /// Entries skipped so far because they are directories or not importable.
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// The Strava `activities.csv` (at the root or one folder down), parsed; `None` when the
    /// archive has none.
    pub fn strava_index(&mut self) -> Result<Option<Vec<StravaActivityRow>>, ImportError> {
        let mut found = None;
        for i in 0..self.archive.len() {
            if let Some(Ok(name)) = self.archive.name_for_index(i) {
                let n = name.replace('\\', "/");
                let depth = n.matches('/').count();
                if depth <= 1 && n.rsplit('/').next() == Some("activities.csv") {
                    found = Some((i, name.to_string()));
                    break;
                }
            }
        }
        let Some((i, name)) = found else {
            return Ok(None);
        };
        let bytes = self.read_index(i, &name)?;
        parse_strava_csv(&bytes).map(Some)
    }

    fn read_index(&mut self, i: usize, name: &str) -> Result<Vec<u8>, ImportError> {
        let limit = self.limit;
        let file = self.archive.by_index(i).map_err(|e| ImportError::Zip {
            message: format!("entry `{name}`: {e}"),
        })?;
        if file.size() > limit {
            return Err(ImportError::TooLarge {
                what: format!("zip entry `{name}`"),
                limit,
            });
        }
        read_capped(file, limit, &format!("zip entry {name}")).map_err(|e| match e {
            ImportError::Io(io) => ImportError::Zip {
                message: format!("entry `{name}`: {io}"),
            },
            ImportError::TooLarge { limit, .. } => ImportError::TooLarge {
                what: format!("zip entry `{name}`"),
                limit,
            },
            other => other,
        })
    }
}

impl<R: Read + Seek> Iterator for ZipReader<R> {
    type Item = ZipEntry;

    fn next(&mut self) -> Option<ZipEntry> {
        while self.next < self.archive.len() {
            let i = self.next;
            self.next += 1;
            let name = match self.archive.name_for_index(i) {
                Some(Ok(n)) => n.to_string(),
                Some(Err(e)) => {
                    return Some(ZipEntry {
                        name: format!("#{i}"),
                        bytes: Err(ImportError::Zip {
                            message: format!("entry #{i} has an unreadable name: {e}"),
                        }),
                    })
                }
                None => continue,
            };
            if name.ends_with('/') || !is_importable_name(&name) {
                self.skipped += 1;
                continue;
            }
            if !is_safe_entry_name(&name) {
                return Some(ZipEntry {
                    bytes: Err(ImportError::UnsafePath { path: name.clone() }),
                    name,
                });
            }
            let bytes = self.read_index(i, &name);
            return Some(ZipEntry { name, bytes });
        }
        None
    }
}
