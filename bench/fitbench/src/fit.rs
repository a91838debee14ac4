//! Just enough FIT framing to find and rewrite every time field, and the FIT CRC-16.

/// FIT's CRC-16 (the SDK's nibble table).
pub fn crc16(mut crc: u16, bytes: &[u8]) -> u16 {
    const T: [u16; 16] = [
        0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800,
        0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
    ];
    for &b in bytes {
        let t = T[(crc & 0xF) as usize];
        crc = ((crc >> 4) & 0x0FFF) ^ t ^ T[(b & 0xF) as usize];
        let t = T[(crc & 0xF) as usize];
        crc = ((crc >> 4) & 0x0FFF) ^ t ^ T[((b >> 4) & 0xF) as usize];
    }
    crc
}

#[derive(Clone, Default)]
struct Def {
    big: bool,
    global: u16,
    /// (field number, size)
    fields: Vec<(u8, u8)>,
    dev_size: usize,
}

/// Whether a field of message `global` holds a FIT date_time.
fn is_time(global: u16, field: u8) -> bool {
    field == 253
        || matches!(
            (global, field),
            (0, 4) | (18, 2) | (19, 2) | (34, 5) | (101, 2) | (142, 2) | (72, 4)
        )
}

/// What [`scan`] found in one FIT file.
pub struct Scan {
    /// Offsets of every absolute date_time value (u32, with its byte order).
    pub times: Vec<(usize, bool)>,
    /// The earliest absolute time.
    pub first: Option<u32>,
    /// file_id.type of the first file (4 = activity).
    pub file_type: Option<u8>,
    /// Session messages.
    pub sessions: usize,
    /// Time fields holding device-relative times (below 0x10000000).
    pub relative: usize,
    /// (header start, header size, data end) of each chained file.
    pub files: Vec<(usize, usize, usize)>,
}

/// Walks every chained file; `None` when the framing is broken anywhere.
pub fn scan(b: &[u8]) -> Option<Scan> {
    let mut s = Scan { times: Vec::new(), first: None, file_type: None, sessions: 0, relative: 0, files: Vec::new() };
    let mut pos = 0;
    while pos + 12 <= b.len() {
        let hs = b[pos] as usize;
        if (hs != 12 && hs != 14) || &b[pos + 8..pos + 12] != b".FIT" {
            return None;
        }
        let size = u32::from_le_bytes(b[pos + 4..pos + 8].try_into().ok()?) as usize;
        let start = pos + hs;
        let end = start.checked_add(size)?;
        if end + 2 > b.len() {
            return None;
        }
        let mut defs: Vec<Option<Def>> = vec![None; 16];
        let mut p = start;
        while p < end {
            let h = b[p];
            p += 1;
            if h & 0x80 != 0 {
                let d = defs[((h >> 5) & 3) as usize].as_ref()?;
                p = data(b, p, d, &mut s)?;
            } else if h & 0x40 != 0 {
                let big = *b.get(p + 1)? == 1;
                let g = [*b.get(p + 2)?, *b.get(p + 3)?];
                let global = if big { u16::from_be_bytes(g) } else { u16::from_le_bytes(g) };
                let n = *b.get(p + 4)? as usize;
                p += 5;
                let mut fields = Vec::with_capacity(n);
                for _ in 0..n {
                    fields.push((*b.get(p)?, *b.get(p + 1)?));
                    p += 3;
                }
                let mut dev_size = 0;
                if h & 0x20 != 0 {
                    let n = *b.get(p)? as usize;
                    p += 1;
                    for _ in 0..n {
                        dev_size += *b.get(p + 1)? as usize;
                        p += 3;
                    }
                }
                defs[(h & 0x0F) as usize] = Some(Def { big, global, fields, dev_size });
            } else {
                let d = defs[(h & 0x0F) as usize].as_ref()?;
                p = data(b, p, d, &mut s)?;
            }
        }
        if p != end {
            return None;
        }
        s.files.push((pos, hs, end));
        pos = end + 2;
    }
    (pos == b.len() && !s.files.is_empty()).then_some(s)
}

fn data(b: &[u8], mut p: usize, d: &Def, s: &mut Scan) -> Option<usize> {
    if d.global == 18 {
        s.sessions += 1;
    }
    for &(num, size) in &d.fields {
        let v = b.get(p..p + size as usize)?;
        if d.global == 0 && num == 0 && size == 1 && s.file_type.is_none() {
            s.file_type = Some(v[0]);
        }
        if size == 4 && is_time(d.global, num) {
            let raw: [u8; 4] = v.try_into().ok()?;
            let t = if d.big { u32::from_be_bytes(raw) } else { u32::from_le_bytes(raw) };
            if t < 0x1000_0000 {
                s.relative += 1;
            } else if t != 0xFFFF_FFFF {
                s.times.push((p, d.big));
                s.first = Some(s.first.map_or(t, |f| f.min(t)));
            }
        }
        p += size as usize;
    }
    Some(p + d.dev_size)
}

/// A copy of `b` with every absolute time moved by `delta` seconds (a multiple of 32, so
/// compressed timestamp headers keep their meaning) and every CRC rewritten.
pub fn shifted(b: &[u8], s: &Scan, delta: i64) -> Vec<u8> {
    let mut out = b.to_vec();
    for &(p, big) in &s.times {
        let raw: [u8; 4] = out[p..p + 4].try_into().expect("4 bytes");
        let t = if big { u32::from_be_bytes(raw) } else { u32::from_le_bytes(raw) };
        let n = (i64::from(t) + delta) as u32;
        out[p..p + 4].copy_from_slice(&if big { n.to_be_bytes() } else { n.to_le_bytes() });
    }
    for &(start, hs, end) in &s.files {
        if hs == 14 {
            let c = crc16(0, &out[start..start + 12]);
            out[start + 12..start + 14].copy_from_slice(&c.to_le_bytes());
        }
        let c = crc16(0, &out[start..end]);
        out[end..end + 2].copy_from_slice(&c.to_le_bytes());
    }
    out
}
