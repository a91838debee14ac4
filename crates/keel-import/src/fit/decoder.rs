//! keel's own streaming FIT decoder: one pass over the bytes, no allocation per message.
//!
//! Each definition message is compiled into a plan that lists only the fields keel uses
//! (with their byte offsets) plus the message's total size, so a data message is decoded by
//! reading a handful of fixed offsets and skipping the rest, developer fields included.
//! Damage is handled, never panicked on: a missing trailing CRC is tolerated, a bad CRC or
//! a truncated tail is recorded in [`FitContent::problems`], and a stream that goes out of
//! sync is re-synchronised by searching for the next position where several consecutive
//! messages decode consistently.

use super::crc::crc16;
use super::{CompressedDistance, FitContent, FitDecoder, FitLap, FitRecord, FitSession};
use crate::error::ImportError;

/// keel's FIT decoder (the default [`FitDecoder`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct KeelFitDecoder;

impl FitDecoder for KeelFitDecoder {
    fn decode(&self, bytes: &[u8]) -> Result<FitContent, ImportError> {
        decode(bytes)
    }
}

const MESG_FILE_ID: u16 = 0;
const MESG_SPORT: u16 = 12;
const MESG_SESSION: u16 = 18;
const MESG_LAP: u16 = 19;
const MESG_RECORD: u16 = 20;

/// How many consecutive messages must decode before a re-sync position is trusted.
const RESYNC_CONFIRM: usize = 8;
/// How far (bytes) to search for a re-sync position after the stream went out of sync.
const RESYNC_WINDOW: usize = 4096;

/// Where a planned field's value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Timestamp,
    FileType,
    TimeCreated,
    Sport,
    SubSport,
    StartTime,
    Elapsed,
    Timer,
    Distance,
    Ascent,
    AvgHr,
    MaxHr,
    AvgCadence,
    AvgPower,
    Lat,
    Lon,
    Altitude,
    EnhAltitude,
    Hr,
    Cadence,
    Speed,
    EnhSpeed,
    Power,
    CompressedSpeedDistance,
}

/// One field keel reads: where its first element sits in the message body, how to read
/// it, and where the value goes.
///
/// Invariant: the field's bytes hold at least one element of `num` (three bytes for
/// [`Slot::CompressedSpeedDistance`]), checked when the plan is made, so reading a planned
/// field never reads another field's bytes nor runs past the message body.
#[derive(Debug, Clone, Copy)]
struct FieldPlan {
    offset: u16,
    num: Num,
    slot: Slot,
}

#[derive(Debug, Clone)]
struct Def {
    global: u16,
    big_endian: bool,
    /// Total size of the data message body (fields plus developer fields).
    size: usize,
    /// The `timestamp` fields (field 253; normally one).
    timestamps: Vec<FieldPlan>,
    /// The other fields keel uses, in definition order.
    fields: Vec<FieldPlan>,
}

fn slot_for(global: u16, field: u8) -> Option<Slot> {
    use Slot::*;
    if field == 253 {
        return Some(Timestamp);
    }
    Some(match (global, field) {
        (MESG_FILE_ID, 0) => FileType,
        (MESG_FILE_ID, 4) => TimeCreated,
        (MESG_SPORT, 0) => Sport,
        (MESG_SPORT, 1) => SubSport,
        (MESG_SESSION | MESG_LAP, 2) => StartTime,
        (MESG_SESSION | MESG_LAP, 7) => Elapsed,
        (MESG_SESSION | MESG_LAP, 8) => Timer,
        (MESG_SESSION | MESG_LAP, 9) => Distance,
        (MESG_SESSION, 5) | (MESG_LAP, 25) => Sport,
        (MESG_SESSION, 6) | (MESG_LAP, 39) => SubSport,
        (MESG_SESSION, 16) | (MESG_LAP, 15) => AvgHr,
        (MESG_SESSION, 17) | (MESG_LAP, 16) => MaxHr,
        (MESG_SESSION, 18) | (MESG_LAP, 17) => AvgCadence,
        (MESG_SESSION, 20) | (MESG_LAP, 19) => AvgPower,
        (MESG_SESSION, 22) | (MESG_LAP, 21) => Ascent,
        (MESG_RECORD, 0) => Lat,
        (MESG_RECORD, 1) => Lon,
        (MESG_RECORD, 2) => Altitude,
        (MESG_RECORD, 3) => Hr,
        (MESG_RECORD, 4) => Cadence,
        (MESG_RECORD, 5) => Distance,
        (MESG_RECORD, 6) => Speed,
        (MESG_RECORD, 7) => Power,
        (MESG_RECORD, 8) => CompressedSpeedDistance,
        (MESG_RECORD, 73) => EnhSpeed,
        (MESG_RECORD, 78) => EnhAltitude,
        _ => return None,
    })
}

/// How to read the first element of a numeric field: the FIT base type's size, its
/// signedness and its "invalid" marker, resolved once per definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Num {
    /// enum, uint8, byte (invalid 0xFF).
    U8,
    /// sint8 (invalid 0x7F).
    S8,
    /// uint8z (invalid 0).
    U8z,
    /// uint16 (invalid 0xFFFF).
    U16,
    /// sint16 (invalid 0x7FFF).
    S16,
    /// uint16z (invalid 0).
    U16z,
    /// uint32 (invalid 0xFFFF_FFFF).
    U32,
    /// sint32 (invalid 0x7FFF_FFFF).
    S32,
    /// uint32z (invalid 0).
    U32z,
    /// float32 (invalid all ones; not finite is no value either).
    F32,
    /// float64.
    F64,
    /// sint64.
    S64,
    /// uint64.
    U64,
    /// uint64z.
    U64z,
}

impl Num {
    /// The reading for a base type byte (its low 5 bits) in a field of `size` bytes, or
    /// `None` when no value can ever be read from it: strings, unknown types, and fields
    /// smaller than one element of their type (the coros misaligned case).
    fn plan(base: u8, size: u8) -> Option<Num> {
        let num = match base & 0x1F {
            0 | 2 | 13 => Num::U8,
            1 => Num::S8,
            10 => Num::U8z,
            3 => Num::S16,
            4 => Num::U16,
            11 => Num::U16z,
            5 => Num::S32,
            6 => Num::U32,
            12 => Num::U32z,
            8 => Num::F32,
            9 => Num::F64,
            14 => Num::S64,
            15 => Num::U64,
            16 => Num::U64z,
            _ => return None,
        };
        (usize::from(size) >= num.size()).then_some(num)
    }

    /// Bytes of one element.
    fn size(self) -> usize {
        match self {
            Num::U8 | Num::S8 | Num::U8z => 1,
            Num::U16 | Num::S16 | Num::U16z => 2,
            Num::U32 | Num::S32 | Num::U32z | Num::F32 => 4,
            Num::F64 | Num::S64 | Num::U64 | Num::U64z => 8,
        }
    }

    /// Reads the value at `offset` of `body`, `None` when it is the type's "invalid"
    /// marker (or the bytes are not there, which a plan rules out).
    #[inline(always)]
    fn read(self, body: &[u8], offset: usize, be: bool) -> Option<f64> {
        fn take<const N: usize>(body: &[u8], o: usize, be: bool) -> Option<[u8; N]> {
            let mut a: [u8; N] = body.get(o..o.checked_add(N)?)?.try_into().ok()?;
            if be {
                a.reverse();
            }
            Some(a)
        }
        match self {
            Num::U8 => {
                let v = *body.get(offset)?;
                (v != 0xFF).then_some(f64::from(v))
            }
            Num::S8 => {
                let v = *body.get(offset)?;
                (v != 0x7F).then_some(f64::from(v as i8))
            }
            Num::U8z => {
                let v = *body.get(offset)?;
                (v != 0).then_some(f64::from(v))
            }
            Num::U16 => {
                let v = u16::from_le_bytes(take(body, offset, be)?);
                (v != 0xFFFF).then_some(f64::from(v))
            }
            Num::S16 => {
                let v = i16::from_le_bytes(take(body, offset, be)?);
                (v != 0x7FFF).then_some(f64::from(v))
            }
            Num::U16z => {
                let v = u16::from_le_bytes(take(body, offset, be)?);
                (v != 0).then_some(f64::from(v))
            }
            Num::U32 => {
                let v = u32::from_le_bytes(take(body, offset, be)?);
                (v != 0xFFFF_FFFF).then_some(f64::from(v))
            }
            Num::S32 => {
                let v = i32::from_le_bytes(take(body, offset, be)?);
                (v != 0x7FFF_FFFF).then_some(f64::from(v))
            }
            Num::U32z => {
                let v = u32::from_le_bytes(take(body, offset, be)?);
                (v != 0).then_some(f64::from(v))
            }
            Num::F32 => {
                let raw = u32::from_le_bytes(take(body, offset, be)?);
                let v = f32::from_bits(raw);
                (raw != 0xFFFF_FFFF && v.is_finite()).then_some(f64::from(v))
            }
            Num::F64 => {
                let raw = u64::from_le_bytes(take(body, offset, be)?);
                let v = f64::from_bits(raw);
                (raw != u64::MAX && v.is_finite()).then_some(v)
            }
            Num::S64 => {
                let v = i64::from_le_bytes(take(body, offset, be)?);
                (v != i64::MAX).then_some(v as f64)
            }
            Num::U64 => {
                let v = u64::from_le_bytes(take(body, offset, be)?);
                (v != u64::MAX).then_some(v as f64)
            }
            Num::U64z => {
                let v = u64::from_le_bytes(take(body, offset, be)?);
                (v != 0).then_some(v as f64)
            }
        }
    }
}

impl FieldPlan {
    /// This field's value in a message body.
    #[inline(always)]
    fn read(self, body: &[u8], be: bool) -> Option<f64> {
        self.num.read(body, usize::from(self.offset), be)
    }
}

/// Re-synchronisations in one FIT file, summarised into one problem line.
#[derive(Default)]
struct Desync {
    count: usize,
    dropped: usize,
    first: Option<(usize, String)>,
}

/// Per-stream decoding state (definitions and the compressed-timestamp base).
struct Stream {
    defs: [Option<Def>; 16],
    last_ts: u32,
    /// Last timestamp that moved plausibly (at most an hour back, a day forward): the anchor
    /// for judging re-sync candidates, immune to garbage decoded just before a desync.
    good_ts: u32,
}

/// Outcome of decoding one message header + body.
enum Step {
    /// A message was consumed; the new position.
    Ok(usize),
    /// The message runs past the end of the data; position where it started.
    Truncated(usize, String),
    /// The stream is out of sync at this position (undefined local type, bad definition).
    Desync(usize, String),
}

impl Stream {
    fn new() -> Self {
        Stream {
            defs: Default::default(),
            last_ts: 0,
            good_ts: 0,
        }
    }

    fn plausible(&self, t: u32) -> bool {
        self.good_ts == 0
            || (t.saturating_add(3600) >= self.good_ts && t <= self.good_ts.saturating_add(86_400))
    }

    /// Decodes the message at `p`; with `out == None` it only checks that it decodes
    /// (used to confirm a re-sync candidate without side effects on the output).
    fn step(&mut self, b: &[u8], p: usize, end: usize, out: Option<&mut FitContent>) -> Step {
        let h = b[p];
        let mut q = p + 1;
        if h & 0x80 != 0 {
            let local = usize::from((h >> 5) & 0x03);
            let offset = u32::from(h & 0x1F);
            let ts = if offset >= (self.last_ts & 0x1F) {
                (self.last_ts & !0x1F) + offset
            } else {
                (self.last_ts & !0x1F).wrapping_add(offset + 0x20)
            };
            self.last_ts = ts;
            if self.plausible(ts) {
                self.good_ts = ts;
            }
            return self.data(b, p, q, end, local, Some(ts), out);
        }
        let local = usize::from(h & 0x0F);
        if h & 0x40 == 0 {
            return self.data(b, p, q, end, local, None, out);
        }
        // Definition message.
        if q + 5 > end {
            return Step::Truncated(p, "definition message header".into());
        }
        let arch = b[q + 1];
        if arch > 1 {
            return Step::Desync(
                p,
                format!("definition message with architecture {arch} (expected 0 or 1)"),
            );
        }
        let be = arch == 1;
        let global = if be {
            u16::from_be_bytes([b[q + 2], b[q + 3]])
        } else {
            u16::from_le_bytes([b[q + 2], b[q + 3]])
        };
        let nfields = usize::from(b[q + 4]);
        q += 5;
        if q + 3 * nfields > end {
            return Step::Truncated(p, "definition message fields".into());
        }
        let (mut fields, mut timestamps) = (Vec::new(), Vec::new());
        let mut size = 0usize;
        for f in b[q..q + 3 * nfields].chunks_exact(3) {
            let (number, fsize, base) = (f[0], f[1], f[2]);
            let slot = slot_for(global, number);
            let num = match slot {
                // Three bytes read as such, whatever the base type says.
                Some(Slot::CompressedSpeedDistance) => (fsize >= 3).then_some(Num::U8),
                _ => Num::plan(base, fsize),
            };
            if let (Some(slot), Some(num)) = (slot, num) {
                let plan = FieldPlan {
                    // At most 255 fields of 255 bytes: within u16.
                    offset: size as u16,
                    num,
                    slot,
                };
                if slot == Slot::Timestamp {
                    timestamps.push(plan);
                } else {
                    fields.push(plan);
                }
            }
            size += usize::from(fsize);
        }
        q += 3 * nfields;
        if h & 0x20 != 0 {
            if q + 1 > end {
                return Step::Truncated(p, "developer field count".into());
            }
            let ndev = usize::from(b[q]);
            q += 1;
            if q + 3 * ndev > end {
                return Step::Truncated(p, "developer field definitions".into());
            }
            size += b[q..q + 3 * ndev]
                .chunks_exact(3)
                .map(|f| usize::from(f[1]))
                .sum::<usize>();
            q += 3 * ndev;
        }
        self.defs[local] = Some(Def {
            global,
            big_endian: be,
            size,
            timestamps,
            fields,
        });
        Step::Ok(q)
    }

    #[allow(clippy::too_many_arguments)]
    fn data(
        &mut self,
        b: &[u8],
        p: usize,
        q: usize,
        end: usize,
        local: usize,
        compressed_ts: Option<u32>,
        out: Option<&mut FitContent>,
    ) -> Step {
        let Some(def) = &self.defs[local] else {
            return Step::Desync(
                p,
                format!("data message for local message type {local}, which is not defined"),
            );
        };
        if q + def.size > end {
            return Step::Truncated(
                p,
                format!(
                    "data message of {} bytes (global message {})",
                    def.size, def.global
                ),
            );
        }
        let body = &b[q..q + def.size];
        let mut ts = compressed_ts;
        for f in &def.timestamps {
            if let Some(v) = f.read(body, def.big_endian) {
                ts = Some(v as u32);
                self.last_ts = v as u32;
            }
        }
        if let Some(t) = ts {
            if self.plausible(t) {
                self.good_ts = t;
            }
        }
        if let Some(out) = out {
            match def.global {
                MESG_RECORD => {
                    // Filled where it is kept: no copy of the record per message.
                    out.records.push(FitRecord {
                        timestamp: ts,
                        ..FitRecord::default()
                    });
                    if let Some(r) = out.records.last_mut() {
                        record(def, body, r, &mut out.compressed_distance);
                    }
                }
                MESG_SESSION => {
                    let s = summary(def, body, ts);
                    out.sessions.push(s);
                }
                MESG_LAP => {
                    let s = summary(def, body, ts);
                    out.laps.push(FitLap {
                        start_time: s.start_time,
                        timestamp: s.timestamp,
                        total_elapsed_time: s.total_elapsed_time,
                        total_distance: s.total_distance,
                        avg_heart_rate: s.avg_heart_rate,
                        max_heart_rate: s.max_heart_rate,
                    });
                }
                MESG_FILE_ID => {
                    let mut ft = None;
                    for f in &def.fields {
                        let v = f.read(body, def.big_endian);
                        match f.slot {
                            Slot::FileType => ft = v.map(|v| v as u8),
                            Slot::TimeCreated if out.time_created.is_none() => {
                                out.time_created = v.map(|v| v as u32);
                            }
                            _ => {}
                        }
                    }
                    out.file_types.push(ft);
                }
                MESG_SPORT => {
                    let (mut sp, mut sub) = (None, None);
                    for f in &def.fields {
                        let v = f.read(body, def.big_endian);
                        match f.slot {
                            Slot::Sport => sp = v.map(|v| v as u8),
                            Slot::SubSport => sub = v.map(|v| v as u8),
                            _ => {}
                        }
                    }
                    out.sports.push((sp, sub));
                }
                _ => {}
            }
        }
        Step::Ok(q + def.size)
    }
}

/// Fills `r` (its timestamp set) from a `record` message's body.
fn record(def: &Def, body: &[u8], r: &mut FitRecord, acc: &mut CompressedDistance) {
    let be = def.big_endian;
    for f in &def.fields {
        if f.slot == Slot::CompressedSpeedDistance {
            let o = usize::from(f.offset);
            if let Some(&[b0, b1, b2]) = body.get(o..o + 3) {
                let speed = u16::from(b0) | (u16::from(b1 & 0x0F) << 8);
                let dist = u16::from(b1 >> 4) | (u16::from(b2) << 4);
                r.speed = Some(f64::from(speed) / 100.0);
                // 12-bit rolling distance in 1/16 m: accumulate the wrap-around deltas.
                let delta = match acc.last {
                    Some(last) => (dist.wrapping_sub(last)) & 0x0FFF,
                    None => dist,
                };
                acc.last = Some(dist);
                acc.total += f64::from(delta) / 16.0;
                r.distance = Some(acc.total);
            }
            continue;
        }
        let Some(v) = f.read(body, be) else {
            continue;
        };
        match f.slot {
            Slot::Lat => r.lat = Some(v * (180.0 / 2_147_483_648.0)),
            Slot::Lon => r.lon = Some(v * (180.0 / 2_147_483_648.0)),
            Slot::Altitude if r.altitude.is_none() => r.altitude = Some(v / 5.0 - 500.0),
            Slot::EnhAltitude => r.altitude = Some(v / 5.0 - 500.0),
            Slot::Hr => r.heart_rate = Some(v as u8),
            Slot::Cadence => r.cadence = Some(v as u8),
            Slot::Distance => r.distance = Some(v / 100.0),
            Slot::Speed if r.speed.is_none() => r.speed = Some(v / 1000.0),
            Slot::EnhSpeed => r.speed = Some(v / 1000.0),
            Slot::Power => r.power = Some(v as u16),
            _ => {}
        }
    }
}

fn summary(def: &Def, body: &[u8], ts: Option<u32>) -> FitSession {
    let mut s = FitSession {
        timestamp: ts,
        ..FitSession::default()
    };
    for f in &def.fields {
        let Some(v) = f.read(body, def.big_endian) else {
            continue;
        };
        match f.slot {
            Slot::StartTime => s.start_time = Some(v as u32),
            Slot::Elapsed => s.total_elapsed_time = Some(v / 1000.0),
            Slot::Timer => s.total_timer_time = Some(v / 1000.0),
            Slot::Distance => s.total_distance = Some(v / 100.0),
            Slot::Ascent => s.total_ascent = Some(v),
            Slot::Sport => s.sport = Some(v as u8),
            Slot::SubSport => s.sub_sport = Some(v as u8),
            Slot::AvgHr => s.avg_heart_rate = Some(v as u8),
            Slot::MaxHr => s.max_heart_rate = Some(v as u8),
            Slot::AvgCadence => s.avg_cadence = Some(v as u8),
            Slot::AvgPower => s.avg_power = Some(v as u16),
            _ => {}
        }
    }
    s
}

/// Decodes a whole FIT byte stream (chained files included).
pub fn decode(b: &[u8]) -> Result<FitContent, ImportError> {
    let mut out = FitContent::default();
    let mut pos = 0usize;
    let mut nfile = 0usize;
    while pos < b.len() {
        let rest = b.len() - pos;
        let hsize = usize::from(b[pos]);
        let is_header =
            rest >= 12 && (hsize == 12 || hsize == 14) && &b[pos + 8..pos + 12] == b".FIT";
        if !is_header {
            if nfile == 0 {
                if rest < 12 {
                    return Err(ImportError::Truncated {
                        format: "FIT",
                        message: format!(
                            "{} bytes, shorter than the 12-byte FIT file header",
                            b.len()
                        ),
                    });
                }
                return Err(ImportError::Corrupt {
                    format: "FIT",
                    offset: 0,
                    message:
                        "not a FIT file: expected a 12- or 14-byte header with `.FIT` at bytes 8-11"
                            .into(),
                });
            }
            out.problems.push(format!(
                "ignored {rest} trailing bytes at byte {pos}: not a FIT file header"
            ));
            break;
        }
        if rest < hsize {
            out.problems.push(format!(
                "ignored {rest} trailing bytes at byte {pos}: FIT header cut short"
            ));
            break;
        }
        let data_size = u32::from_le_bytes([b[pos + 4], b[pos + 5], b[pos + 6], b[pos + 7]]);
        let data_start = pos + hsize;
        // A data size of 0 marks a file whose writer never finalised the header.
        let declared_end = if data_size == 0 {
            b.len().saturating_sub(2).max(data_start)
        } else {
            data_start.saturating_add(data_size as usize)
        };
        let end = declared_end.min(b.len());
        nfile += 1;
        let mut stream = Stream::new();
        let mut p = data_start;
        let mut truncated = false;
        let mut desync = Desync::default();
        // Start of the last decoded message and the output sizes before it, so a message
        // found to overlap a desync can be taken back.
        let mut last = (data_start, 0usize, 0usize, 0usize);
        while p < end {
            let before = (p, out.records.len(), out.sessions.len(), out.laps.len());
            match stream.step(b, p, end, Some(&mut out)) {
                Step::Ok(q) => {
                    last = before;
                    p = q;
                }
                Step::Truncated(at, what) => {
                    out.bytes_lost += (end - at) as u64;
                    out.problems.push(format!(
                        "data ends inside a {what} at byte {at}: last {} bytes lost",
                        end - at
                    ));
                    truncated = true;
                    p = end;
                }
                Step::Desync(at, why) => match resync(&stream, b, last.0 + 1, at, end) {
                    Some(q) => {
                        if q < at {
                            // The previous message was shorter than its definition: drop it.
                            out.records.truncate(last.1);
                            out.sessions.truncate(last.2);
                            out.laps.truncate(last.3);
                            desync.dropped += 1;
                        }
                        desync.count += 1;
                        desync.first.get_or_insert((at, why));
                        out.bytes_lost += q.abs_diff(at) as u64;
                        stream.last_ts = stream.good_ts;
                        last = (q, out.records.len(), out.sessions.len(), out.laps.len());
                        p = q;
                    }
                    None => {
                        out.bytes_lost += (end - at) as u64;
                        out.problems.push(format!(
                            "stream out of sync at byte {at} ({why}); last {} bytes lost",
                            end - at
                        ));
                        p = end;
                    }
                },
            }
        }
        if let Some((at, why)) = desync.first.take() {
            out.problems.push(format!(
                "stream went out of sync {} time(s), first at byte {at} ({why}); re-synchronised each time, {} message(s) shorter than their definition dropped",
                desync.count, desync.dropped
            ));
        }
        if declared_end > b.len() {
            let missing = declared_end - b.len();
            out.problems.push(format!(
                "file ends at byte {}, {missing} bytes before the end its header declares",
                b.len()
            ));
            break;
        }
        if truncated {
            // The last message is cut: what follows is not a CRC.
            pos = b.len();
        } else if declared_end + 2 <= b.len() {
            let stored = u16::from_le_bytes([b[declared_end], b[declared_end + 1]]);
            let computed = crc16(0, &b[pos..declared_end]);
            if stored != computed {
                out.problems.push(format!(
                    "CRC mismatch at byte {declared_end} (file says {stored:#06x}, data gives {computed:#06x}): contents may be damaged"
                ));
            }
            pos = declared_end + 2;
        } else {
            // The trailing CRC is missing (some writers omit it): tolerated.
            pos = b.len();
        }
    }
    out.n_files = nfile;
    Ok(out)
}

/// After the stream went out of sync at `at`, finds the first position from `from` (just
/// after the start of the last decoded message: a message one byte short is noticed only at
/// the next header) up to [`RESYNC_WINDOW`] bytes past `at` from which [`RESYNC_CONFIRM`]
/// consecutive messages decode with known definitions and plausible timestamps.
fn resync(stream: &Stream, b: &[u8], from: usize, at: usize, end: usize) -> Option<usize> {
    let hi = at.saturating_add(RESYNC_WINDOW).min(end);
    (from..hi).find(|&cand| cand != at && confirm(stream, b, cand, end))
}

fn confirm(stream: &Stream, b: &[u8], start: usize, end: usize) -> bool {
    let mut probe = Stream {
        defs: stream.defs.clone(),
        last_ts: stream.good_ts,
        good_ts: stream.good_ts,
    };
    let mut p = start;
    let mut data_msgs = 0;
    for _ in 0..RESYNC_CONFIRM {
        if p >= end {
            break;
        }
        let h = b[p];
        let is_data = h & 0x40 == 0 || h & 0x80 != 0;
        match probe.step(b, p, end, None) {
            Step::Ok(q) => {
                if is_data {
                    data_msgs += 1;
                    if probe.last_ts != 0 && !probe.plausible(probe.last_ts) {
                        return false;
                    }
                    probe.good_ts = probe.good_ts.max(probe.last_ts);
                }
                p = q;
            }
            _ => return false,
        }
    }
    data_msgs > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain definition of a FIT number: the element's bytes in the message's byte
    /// order, compared with the type's "invalid" marker; `None` when the field is smaller
    /// than one element or the type holds no number.
    fn reference(data: &[u8], size: usize, base: u8, be: bool) -> Option<f64> {
        let t = base & 0x1F;
        let n = match t {
            0 | 1 | 2 | 7 | 10 | 13 => 1,
            3 | 4 | 11 => 2,
            5 | 6 | 8 | 12 => 4,
            9 | 14 | 15 | 16 => 8,
            _ => 1,
        };
        if size < n || data.len() < n {
            return None;
        }
        let mut raw: u64 = 0;
        if be {
            for &b in &data[..n] {
                raw = (raw << 8) | u64::from(b);
            }
        } else {
            for (i, &b) in data[..n].iter().enumerate() {
                raw |= u64::from(b) << (8 * i);
            }
        }
        match t {
            0 | 2 | 13 => (raw != 0xFF).then_some(raw as f64),
            1 => (raw != 0x7F).then_some(f64::from(raw as u8 as i8)),
            3 => (raw != 0x7FFF).then_some(f64::from(raw as u16 as i16)),
            4 => (raw != 0xFFFF).then_some(raw as f64),
            5 => (raw != 0x7FFF_FFFF).then_some(f64::from(raw as u32 as i32)),
            6 => (raw != 0xFFFF_FFFF).then_some(raw as f64),
            8 => {
                let v = f32::from_bits(raw as u32);
                (raw != 0xFFFF_FFFF && v.is_finite()).then_some(f64::from(v))
            }
            9 => {
                let v = f64::from_bits(raw);
                (raw != u64::MAX && v.is_finite()).then_some(v)
            }
            10 | 11 | 12 | 16 => (raw != 0).then_some(raw as f64),
            14 => (raw != 0x7FFF_FFFF_FFFF_FFFF).then_some(raw as i64 as f64),
            15 => (raw != u64::MAX).then_some(raw as f64),
            _ => None,
        }
    }

    /// Bytes that hit the "invalid" markers and the sign bits often.
    fn byte() -> impl Strategy<Value = u8> {
        prop_oneof![Just(0u8), Just(0xFF), Just(0x7F), Just(0x80), any::<u8>()]
    }

    proptest! {
        #[test]
        fn a_planned_read_equals_the_plain_definition(
            base in prop_oneof![0u8..=17, any::<u8>()],
            size in 0u8..12,
            be in any::<bool>(),
            bytes in proptest::collection::vec(byte(), 12),
        ) {
            let field = &bytes[..usize::from(size)];
            let planned = Num::plan(base, size).and_then(|n| n.read(field, 0, be));
            let plain = reference(field, usize::from(size), base, be);
            // Bit for bit (NaN never comes out of either).
            prop_assert_eq!(planned.map(f64::to_bits), plain.map(f64::to_bits));
        }
    }

    #[test]
    fn a_field_too_small_for_its_type_is_not_planned() {
        assert_eq!(Num::plan(0x86, 2), None); // uint32 in two bytes
        assert_eq!(Num::plan(0x86, 4), Some(Num::U32));
        assert_eq!(Num::plan(0x07, 8), None); // a string
        assert_eq!(Num::plan(0x84, 6), Some(Num::U16)); // an array: its first element
    }
}
