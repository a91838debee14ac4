//! Message-level FIT decoding: every data message of one FIT file with its raw field values,
//! whatever the file type (workouts, courses, settings as well as activities).
//!
//! This is a reader for checking files, not the activity importer: it is strict where the
//! importer is forgiving. The input must be exactly one FIT file with a right header CRC
//! (when the header has one) and a right file CRC; any damage is an error naming the byte.
//! Values are raw (no scale, offset or enum names); developer fields are skipped. The
//! activity importer ([`super::decode_fit`]) is unchanged and still rejects non-activity
//! files.
//!
//! Invariants: never panics; memory is bounded by the input (each message takes at least
//! one byte of it).

use super::crc::crc16;
use crate::error::ImportError;

/// One FIT file, message by message.
#[derive(Debug, Clone, PartialEq)]
pub struct FitFile {
    /// The file header.
    pub header: FitHeader,
    /// The data messages in file order (definition messages are not kept).
    pub messages: Vec<FitMessage>,
}

/// The FIT file header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FitHeader {
    /// 12 or 14.
    pub size: u8,
    /// Protocol version byte (0x10 is 1.0, 0x20 is 2.0).
    pub protocol_version: u8,
    /// Profile version (`major * 1000 + minor` from 21.0 on, `* 100` before).
    pub profile_version: u16,
    /// Bytes of messages between the header and the file CRC.
    pub data_size: u32,
    /// The header's CRC, when it has one (a 14-byte header; 0 means "not computed").
    pub crc: Option<u16>,
}

/// One data message.
#[derive(Debug, Clone, PartialEq)]
pub struct FitMessage {
    /// Global message number (0 = `file_id`, 27 = `workout_step`, ...).
    pub global: u16,
    /// Its fields in definition order.
    pub fields: Vec<FitField>,
}

/// One field of a data message.
#[derive(Debug, Clone, PartialEq)]
pub struct FitField {
    /// Field number within its message.
    pub number: u8,
    /// The base type byte of the definition.
    pub base_type: u8,
    /// The value.
    pub value: FitValue,
}

/// A raw field value.
#[derive(Debug, Clone, PartialEq)]
pub enum FitValue {
    /// Unsigned integer and enum types.
    Unsigned(u64),
    /// Signed integer types.
    Signed(i64),
    /// Float types.
    Float(f64),
    /// A string, up to its first NUL (invalid UTF-8 replaced).
    Text(String),
    /// `byte` fields, and fields whose size is not a multiple of their type's.
    Bytes(Vec<u8>),
    /// Several values of the field's type.
    Array(Vec<FitValue>),
    /// The type's "invalid" marker: no value.
    Invalid,
}

impl FitMessage {
    /// The value of field `number`, when present.
    pub fn field(&self, number: u8) -> Option<&FitValue> {
        self.fields
            .iter()
            .find(|f| f.number == number)
            .map(|f| &f.value)
    }

    /// Field `number` as an unsigned integer, when it holds one.
    pub fn unsigned(&self, number: u8) -> Option<u64> {
        match self.field(number)? {
            FitValue::Unsigned(v) => Some(*v),
            _ => None,
        }
    }

    /// Field `number` as text, when it holds a string.
    pub fn text(&self, number: u8) -> Option<&str> {
        match self.field(number)? {
            FitValue::Text(s) => Some(s),
            _ => None,
        }
    }
}

impl FitFile {
    /// The data messages with global number `global`.
    pub fn messages_of(&self, global: u16) -> impl Iterator<Item = &FitMessage> {
        self.messages.iter().filter(move |m| m.global == global)
    }

    /// `file_id.type` of the first `file_id` message (4 = activity, 5 = workout).
    pub fn file_type(&self) -> Option<u8> {
        self.messages_of(0)
            .next()?
            .unsigned(0)
            .and_then(|t| u8::try_from(t).ok())
    }
}

#[derive(Debug, Clone)]
struct Definition {
    global: u16,
    big_endian: bool,
    /// (number, size, base type) of each field.
    fields: Vec<(u8, u8, u8)>,
    /// Bytes of developer fields after the fields.
    developer_bytes: usize,
}

fn corrupt(offset: usize, message: impl Into<String>) -> ImportError {
    ImportError::Corrupt {
        format: "FIT",
        offset: offset as u64,
        message: message.into(),
    }
}

fn truncated(message: impl Into<String>) -> ImportError {
    ImportError::Truncated {
        format: "FIT",
        message: message.into(),
    }
}

/// Decodes one whole FIT file into its messages; see the module docs for what is checked.
pub fn decode_messages(b: &[u8]) -> Result<FitFile, ImportError> {
    let header = header(b)?;
    let start = usize::from(header.size);
    let end = start.saturating_add(header.data_size as usize);
    if b.len() < end + 2 {
        return Err(truncated(format!(
            "{} bytes, but the header declares {} bytes of messages and a 2-byte CRC after its {start}",
            b.len(),
            header.data_size
        )));
    }
    if b.len() > end + 2 {
        return Err(corrupt(
            end + 2,
            format!(
                "{} bytes after the file CRC: expected exactly one FIT file",
                b.len() - end - 2
            ),
        ));
    }
    let stored = u16::from_le_bytes([b[end], b[end + 1]]);
    let computed = crc16(0, &b[..end]);
    if stored != computed {
        return Err(corrupt(
            end,
            format!("file CRC is {stored:#06x}, the data gives {computed:#06x}"),
        ));
    }
    let mut defs: [Option<Definition>; 16] = Default::default();
    let mut messages = Vec::new();
    let mut p = start;
    while p < end {
        let h = b[p];
        let local = if h & 0x80 != 0 {
            usize::from((h >> 5) & 0x03)
        } else {
            usize::from(h & 0x0F)
        };
        if h & 0x80 == 0 && h & 0x40 != 0 {
            let (def, next) = definition(b, p, end, h & 0x20 != 0)?;
            defs[local] = Some(def);
            p = next;
            continue;
        }
        let def = defs[local].as_ref().ok_or_else(|| {
            corrupt(
                p,
                format!("data message of local type {local}, which is not defined"),
            )
        })?;
        let size: usize =
            def.fields.iter().map(|f| usize::from(f.1)).sum::<usize>() + def.developer_bytes;
        let body_start = p + 1;
        if body_start + size > end {
            return Err(corrupt(
                p,
                format!(
                    "data message of {size} bytes (global message {}) runs past the end of the data at byte {end}",
                    def.global
                ),
            ));
        }
        let mut q = body_start;
        let mut fields = Vec::with_capacity(def.fields.len());
        for &(number, fsize, base_type) in &def.fields {
            let bytes = &b[q..q + usize::from(fsize)];
            fields.push(FitField {
                number,
                base_type,
                value: value(bytes, base_type, def.big_endian),
            });
            q += usize::from(fsize);
        }
        messages.push(FitMessage {
            global: def.global,
            fields,
        });
        p = body_start + size;
    }
    Ok(FitFile { header, messages })
}

fn header(b: &[u8]) -> Result<FitHeader, ImportError> {
    if b.len() < 12 {
        return Err(truncated(format!(
            "{} bytes, shorter than the 12-byte FIT file header",
            b.len()
        )));
    }
    let size = b[0];
    if !(size == 12 || size == 14) || &b[8..12] != b".FIT" {
        return Err(corrupt(
            0,
            "not a FIT file: expected a 12- or 14-byte header with `.FIT` at bytes 8-11",
        ));
    }
    let crc = if size == 14 {
        if b.len() < 14 {
            return Err(truncated("the 14-byte FIT header is cut short"));
        }
        let stored = u16::from_le_bytes([b[12], b[13]]);
        let computed = crc16(0, &b[..12]);
        if stored != 0 && stored != computed {
            return Err(corrupt(
                12,
                format!("header CRC is {stored:#06x}, the header gives {computed:#06x}"),
            ));
        }
        Some(stored)
    } else {
        None
    };
    Ok(FitHeader {
        size,
        protocol_version: b[1],
        profile_version: u16::from_le_bytes([b[2], b[3]]),
        data_size: u32::from_le_bytes([b[4], b[5], b[6], b[7]]),
        crc,
    })
}

fn definition(
    b: &[u8],
    p: usize,
    end: usize,
    developer: bool,
) -> Result<(Definition, usize), ImportError> {
    let cut = || corrupt(p, "definition message runs past the end of the data");
    let mut q = p + 1;
    if q + 5 > end {
        return Err(cut());
    }
    let arch = b[q + 1];
    if arch > 1 {
        return Err(corrupt(
            p,
            format!("definition message with architecture {arch} (expected 0 or 1)"),
        ));
    }
    let big_endian = arch == 1;
    let global = if big_endian {
        u16::from_be_bytes([b[q + 2], b[q + 3]])
    } else {
        u16::from_le_bytes([b[q + 2], b[q + 3]])
    };
    let n = usize::from(b[q + 4]);
    q += 5;
    if q + 3 * n > end {
        return Err(cut());
    }
    let fields = b[q..q + 3 * n]
        .chunks_exact(3)
        .map(|f| (f[0], f[1], f[2]))
        .collect();
    q += 3 * n;
    let mut developer_bytes = 0;
    if developer {
        if q + 1 > end {
            return Err(cut());
        }
        let nd = usize::from(b[q]);
        q += 1;
        if q + 3 * nd > end {
            return Err(cut());
        }
        developer_bytes = b[q..q + 3 * nd]
            .chunks_exact(3)
            .map(|f| usize::from(f[1]))
            .sum();
        q += 3 * nd;
    }
    Ok((
        Definition {
            global,
            big_endian,
            fields,
            developer_bytes,
        },
        q,
    ))
}

/// Size of one element of a base type (its low 5 bits), or `None` for an unknown type.
fn element_size(base_type: u8) -> Option<usize> {
    Some(match base_type & 0x1F {
        0 | 1 | 2 | 7 | 10 | 13 => 1,
        3 | 4 | 11 => 2,
        5 | 6 | 8 | 12 => 4,
        9 | 14 | 15 | 16 => 8,
        _ => return None,
    })
}

fn value(bytes: &[u8], base_type: u8, big_endian: bool) -> FitValue {
    let t = base_type & 0x1F;
    if t == 7 {
        let text = bytes.split(|c| *c == 0).next().unwrap_or(&[]);
        return if text.is_empty() {
            FitValue::Invalid
        } else {
            FitValue::Text(String::from_utf8_lossy(text).into_owned())
        };
    }
    let Some(n) = element_size(base_type) else {
        return FitValue::Bytes(bytes.to_vec());
    };
    if t == 13 || bytes.len() % n != 0 || bytes.is_empty() {
        return FitValue::Bytes(bytes.to_vec());
    }
    let mut values: Vec<FitValue> = bytes
        .chunks_exact(n)
        .map(|c| element(c, t, big_endian))
        .collect();
    if values.len() == 1 {
        values.pop().unwrap_or(FitValue::Invalid)
    } else {
        FitValue::Array(values)
    }
}

fn element(c: &[u8], t: u8, big_endian: bool) -> FitValue {
    let raw = if big_endian {
        c.iter().fold(0u64, |r, b| (r << 8) | u64::from(*b))
    } else {
        c.iter().rev().fold(0u64, |r, b| (r << 8) | u64::from(*b))
    };
    let unsigned = |invalid: u64| {
        if raw == invalid {
            FitValue::Invalid
        } else {
            FitValue::Unsigned(raw)
        }
    };
    let signed = |bits: u32| {
        let v = ((raw << (64 - bits)) as i64) >> (64 - bits);
        if raw == (1u64 << (bits - 1)) - 1 {
            FitValue::Invalid
        } else {
            FitValue::Signed(v)
        }
    };
    match t {
        0 | 2 => unsigned(0xFF),
        4 => unsigned(0xFFFF),
        6 => unsigned(0xFFFF_FFFF),
        15 => unsigned(u64::MAX),
        10..=12 | 16 => unsigned(0),
        1 => signed(8),
        3 => signed(16),
        5 => signed(32),
        14 => signed(64),
        8 => {
            let v = f32::from_bits(raw as u32);
            if raw == 0xFFFF_FFFF || !v.is_finite() {
                FitValue::Invalid
            } else {
                FitValue::Float(f64::from(v))
            }
        }
        _ => {
            let v = f64::from_bits(raw);
            if raw == u64::MAX || !v.is_finite() {
                FitValue::Invalid
            } else {
                FitValue::Float(v)
            }
        }
    }
}
