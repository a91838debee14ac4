//! Containers: gzip, and zip archives (Strava bulk exports) read entry by entry from a
//! `Read + Seek` so memory stays bounded by the largest entry, never the archive.
//!
//! Guards: entries with absolute paths or `..` components are refused
//! ([`ImportError::UnsafePath`]) and every decompression is capped
//! ([`ImportError::TooLarge`], default [`DEFAULT_ENTRY_LIMIT`]).

use std::io::{Read, Seek, SeekFrom};

use flate2::read::MultiGzDecoder;

use crate::csvutil::CsvRows;
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
    read_capped(MultiGzDecoder::new(bytes), limit, what).map_err(|e| gzip_error(e, what))
}

/// A read error inside gzip data is corrupt gzip.
pub(crate) fn gzip_error(e: ImportError, what: &str) -> ImportError {
    match e {
        ImportError::Io(io) => ImportError::Corrupt {
            format: "gzip",
            offset: 0,
            message: format!("`{what}`: {io}"),
        },
        other => other,
    }
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

/// Whether an entry is a Strava export's index: `activities.csv` at the root or one
/// folder down (a zipped export folder).
pub fn is_strava_index_entry(name: &str) -> bool {
    let n = name.replace('\\', "/");
    n.matches('/').count() <= 1 && n.rsplit('/').next() == Some("activities.csv")
}

/// An earlier entry whose name a later entry of the same archive repeats. Zip readers
/// index entries by name, so such an entry would silently vanish; keel reads it too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DuplicateName {
    /// 1-based position among the entries with this name, in archive order.
    pub occurrence: usize,
    /// How many entries have this name.
    pub of: usize,
}

/// One entry of a zip archive, to be read on its own (streaming: nothing of it is in
/// memory until the caller reads).
pub struct ZipEntry<'a> {
    /// The entry's name as stored (use only for display and matching, never as a path
    /// without [`is_safe_entry_name`]).
    pub name: String,
    /// Set for an earlier entry whose name a later one repeats (the later one is yielded
    /// first, in the first one's place).
    pub duplicate: Option<DuplicateName>,
    /// The entry's decompressed bytes as a reader (still gzipped for `.gz` entries), or why
    /// it cannot be read. The reader fails past the per-entry limit.
    pub reader: Result<Box<dyn Read + 'a>, ImportError>,
    limit: u64,
}

impl std::fmt::Debug for ZipEntry<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ZipEntry")
            .field("name", &self.name)
            .field("duplicate", &self.duplicate)
            .field("readable", &self.reader.is_ok())
            .finish()
    }
}

impl ZipEntry<'_> {
    /// Reads the whole entry into memory (at most the per-entry limit).
    pub fn bytes(self) -> Result<Vec<u8>, ImportError> {
        let name = self.name;
        read_capped(self.reader?, self.limit, &format!("zip entry {name}")).map_err(|e| match e {
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

/// An earlier entry shadowed by a later one of the same name: where to find it.
#[derive(Debug, Clone)]
struct Shadowed {
    name: String,
    duplicate: DuplicateName,
    /// Local header offset, from the start of the reader.
    local_header: u64,
    compressed_size: u64,
    declared_size: u64,
}

enum State<R: Read + Seek> {
    Archive(zip::ZipArchive<R>),
    Raw(R),
    Broken,
}

/// Streams the importable entries of a zip archive, one at a time.
///
/// [`ZipReader::next_entry`] yields every entry whose name looks importable
/// ([`is_importable_name`]), each counted once: entries that share a name are all yielded
/// (zip readers keep only the last of them). Directories and other files are skipped and
/// counted in [`ZipReader::skipped`].
pub struct ZipReader<R: Read + Seek> {
    state: State<R>,
    names: usize,
    next: usize,
    shadowed: Vec<Shadowed>,
    next_shadowed: usize,
    limit: u64,
    skipped: usize,
}

/// Central-directory records read at most when looking for entries that share a name.
const MAX_CENTRAL_RECORDS: usize = 1_000_000;

impl<R: Read + Seek> ZipReader<R> {
    /// Opens an archive (reads only its central directory; twice when names repeat).
    pub fn new(reader: R) -> Result<Self, ImportError> {
        let zip_err = |e: zip::result::ZipError| ImportError::Zip {
            message: e.to_string(),
        };
        let mut archive = zip::ZipArchive::new(reader).map_err(zip_err)?;
        let mut shadowed = Vec::new();
        if archive.has_duplicate_names() {
            let (cd_start, offset) = (archive.central_directory_start(), archive.offset());
            let mut raw = archive.into_inner();
            shadowed = shadowed_entries(&mut raw, cd_start, offset)?;
            raw.seek(SeekFrom::Start(0))?;
            archive = zip::ZipArchive::new(raw).map_err(zip_err)?;
        }
        Ok(ZipReader {
            names: archive.len(),
            state: State::Archive(archive),
            next: 0,
            shadowed,
            next_shadowed: 0,
            limit: DEFAULT_ENTRY_LIMIT,
            skipped: 0,
        })
    }

    /// Sets the per-entry decompressed size cap.
    pub fn with_entry_limit(mut self, limit: u64) -> Self {
        self.limit = limit;
        self
    }

    /// The per-entry decompressed size cap.
    pub fn entry_limit(&self) -> u64 {
        self.limit
    }

    /// Number of entries in the archive (all kinds, each entry of a repeated name counted).
    pub fn len(&self) -> usize {
        self.names + self.shadowed.len()
    }

    /// Whether the archive has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Entries skipped so far because they are directories or not importable.
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// The Strava `activities.csv` (at the root or one folder down), parsed; `None` when the
    /// archive has none. Call before [`ZipReader::next_entry`].
    pub fn strava_index(&mut self) -> Result<Option<CsvRows<StravaActivityRow>>, ImportError> {
        let State::Archive(archive) = &mut self.state else {
            return Ok(None);
        };
        let found = (0..archive.len()).find_map(|i| match archive.name_for_index(i) {
            Some(Ok(name)) if is_strava_index_entry(&name) => Some((i, name.to_string())),
            _ => None,
        });
        let Some((i, name)) = found else {
            return Ok(None);
        };
        let limit = self.limit;
        let entry = ZipEntry {
            reader: open_index(archive, i, &name, limit),
            name,
            duplicate: None,
            limit,
        };
        parse_strava_csv(&entry.bytes()?).map(Some)
    }

    /// The next importable entry, or `None` at the end. Read each entry before asking for
    /// the next one.
    pub fn next_entry(&mut self) -> Option<ZipEntry<'_>> {
        let limit = self.limit;
        match self.advance() {
            Some(Ok((i, name))) => {
                let reader = match &mut self.state {
                    State::Archive(archive) if is_safe_entry_name(&name) => {
                        open_index(archive, i, &name, limit)
                    }
                    _ => Err(ImportError::UnsafePath { path: name.clone() }),
                };
                Some(ZipEntry {
                    name,
                    duplicate: None,
                    reader,
                    limit,
                })
            }
            Some(Err(entry)) => Some(entry),
            None => self.next_shadowed_entry(),
        }
    }

    /// The index and name of the next importable indexed entry (or an entry whose name
    /// cannot be read); `None` when the index is done.
    #[allow(clippy::type_complexity)]
    fn advance(&mut self) -> Option<Result<(usize, String), ZipEntry<'static>>> {
        let State::Archive(archive) = &mut self.state else {
            return None;
        };
        while self.next < self.names {
            let i = self.next;
            self.next += 1;
            match archive.name_for_index(i) {
                Some(Ok(name)) if name.ends_with('/') || !is_importable_name(&name) => {
                    self.skipped += 1;
                }
                Some(Ok(name)) => return Some(Ok((i, name.to_string()))),
                Some(Err(e)) => {
                    return Some(Err(ZipEntry {
                        name: format!("#{i}"),
                        duplicate: None,
                        reader: Err(ImportError::Zip {
                            message: format!("entry #{i} has an unreadable name: {e}"),
                        }),
                        limit: self.limit,
                    }))
                }
                None => {}
            }
        }
        None
    }

    /// Entries that a later entry of the same name hides from the zip crate's index: read
    /// from their local headers once the indexed entries are done.
    fn next_shadowed_entry(&mut self) -> Option<ZipEntry<'_>> {
        let limit = self.limit;
        loop {
            let s = self.shadowed.get(self.next_shadowed)?.clone();
            self.next_shadowed += 1;
            if s.name.ends_with('/') || !is_importable_name(&s.name) {
                self.skipped += 1;
                continue;
            }
            if let State::Archive(_) = self.state {
                let State::Archive(archive) = std::mem::replace(&mut self.state, State::Broken)
                else {
                    return None;
                };
                self.state = State::Raw(archive.into_inner());
            }
            let State::Raw(raw) = &mut self.state else {
                return None;
            };
            let reader = if !is_safe_entry_name(&s.name) {
                Err(ImportError::UnsafePath {
                    path: s.name.clone(),
                })
            } else if s.declared_size > limit {
                Err(too_large(&s.name, limit))
            } else {
                open_local(raw, &s)
            };
            return Some(ZipEntry {
                name: s.name,
                duplicate: Some(s.duplicate),
                reader,
                limit,
            });
        }
    }
}

fn too_large(name: &str, limit: u64) -> ImportError {
    ImportError::TooLarge {
        what: format!("zip entry `{name}`"),
        limit,
    }
}

/// Opens an indexed entry as a reader capped one byte past `limit` (so the caller sees it
/// is too large).
fn open_index<'a, R: Read + Seek>(
    archive: &'a mut zip::ZipArchive<R>,
    i: usize,
    name: &str,
    limit: u64,
) -> Result<Box<dyn Read + 'a>, ImportError> {
    let file = archive.by_index(i).map_err(|e| ImportError::Zip {
        message: format!("entry `{name}`: {e}"),
    })?;
    if file.size() > limit {
        return Err(too_large(name, limit));
    }
    Ok(Box::new(file.take(limit.saturating_add(1))))
}

fn open_local<'a, R: Read + Seek>(
    raw: &'a mut R,
    s: &Shadowed,
) -> Result<Box<dyn Read + 'a>, ImportError> {
    let zip_err = |e: zip::result::ZipError| ImportError::Zip {
        message: format!("entry `{}`: {e}", s.name),
    };
    raw.seek(SeekFrom::Start(s.local_header))?;
    match zip::read::read_zipfile_from_stream_with_compressed_size(raw, s.compressed_size)
        .map_err(zip_err)?
    {
        Some(file) => Ok(Box::new(file.take(s.declared_size.saturating_add(1)))),
        None => Err(ImportError::Zip {
            message: format!(
                "entry `{}`: no local header at byte {}",
                s.name, s.local_header
            ),
        }),
    }
}

/// Walks the central directory's records and returns the entries that a later entry of
/// the same name hides, in archive order.
fn shadowed_entries<R: Read + Seek>(
    r: &mut R,
    cd_start: u64,
    offset: u64,
) -> Result<Vec<Shadowed>, ImportError> {
    struct Rec {
        name: Vec<u8>,
        local_header: u64,
        compressed_size: u64,
        declared_size: u64,
    }
    let bad = |what: &str| ImportError::Zip {
        message: format!("central directory: {what}"),
    };
    r.seek(SeekFrom::Start(cd_start))?;
    let mut recs: Vec<Rec> = Vec::new();
    let mut fixed = [0u8; 46];
    while recs.len() < MAX_CENTRAL_RECORDS {
        if r.read_exact(&mut fixed).is_err() || fixed[..4] != [0x50, 0x4b, 0x01, 0x02] {
            break;
        }
        let u16_at = |i: usize| u64::from(u16::from_le_bytes([fixed[i], fixed[i + 1]]));
        let u32_at = |i: usize| {
            u64::from(u32::from_le_bytes([
                fixed[i],
                fixed[i + 1],
                fixed[i + 2],
                fixed[i + 3],
            ]))
        };
        let (mut csize, mut usize_, mut local) = (u32_at(20), u32_at(24), u32_at(42));
        let (nlen, xlen, clen) = (u16_at(28), u16_at(30), u16_at(32));
        let mut name = vec![0u8; nlen as usize];
        let mut extra = vec![0u8; xlen as usize];
        r.read_exact(&mut name)
            .and_then(|_| r.read_exact(&mut extra))
            .map_err(|_| bad("a record ends early"))?;
        r.seek(SeekFrom::Current(clen as i64))?;
        // ZIP64: the 0xFFFFFFFF fields are in the extra field 0x0001, in this order.
        let mut x = &extra[..];
        while x.len() >= 4 {
            let id = u16::from_le_bytes([x[0], x[1]]);
            let len = usize::from(u16::from_le_bytes([x[2], x[3]]));
            let body = x
                .get(4..4 + len)
                .ok_or_else(|| bad("an extra field ends early"))?;
            if id == 1 {
                let mut b = body;
                let mut take = |v: &mut u64| {
                    if *v == 0xFFFF_FFFF && b.len() >= 8 {
                        let mut n = [0u8; 8];
                        n.copy_from_slice(&b[..8]);
                        *v = u64::from_le_bytes(n);
                        b = &b[8..];
                    }
                };
                take(&mut usize_);
                take(&mut csize);
                take(&mut local);
            }
            x = &x[4 + len..];
        }
        recs.push(Rec {
            name,
            local_header: local.saturating_add(offset),
            compressed_size: csize,
            declared_size: usize_,
        });
    }
    let mut out = Vec::new();
    for (i, rec) in recs.iter().enumerate() {
        let same: Vec<usize> = (0..recs.len())
            .filter(|&j| recs[j].name == rec.name)
            .collect();
        if same.len() > 1 && same.last() != Some(&i) {
            out.push(Shadowed {
                name: String::from_utf8_lossy(&rec.name).into_owned(),
                duplicate: DuplicateName {
                    occurrence: same.iter().position(|&j| j == i).unwrap_or(0) + 1,
                    of: same.len(),
                },
                local_header: rec.local_header,
                compressed_size: rec.compressed_size,
                declared_size: rec.declared_size,
            });
        }
    }
    Ok(out)
}
