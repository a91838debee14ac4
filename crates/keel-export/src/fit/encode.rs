//! FIT encoding: fields, definition and data messages, the file header and the CRCs.
//!
//! Invariants: every data message follows a definition message for its local type that
//! matches its fields exactly (a new definition is written whenever the layout changes, for
//! instance a longer string); integers are little-endian; strings are UTF-8, end with a NUL
//! and hold no other NUL; the header and the file end with the FIT CRC-16 of what precedes
//! them.

/// FIT protocol version 1.0: nothing here needs 2.0 (no developer fields, no 64-bit types),
/// and every FIT device reads 1.0.
const PROTOCOL_VERSION: u8 = 0x10;
/// The FIT profile the enumerations come from: 21.218 (`major * 1000 + minor`).
pub const PROFILE_VERSION: u16 = 21_218;
/// Header size with its own CRC.
const HEADER_SIZE: u8 = 14;
/// Longest string content a field can hold: the size byte counts the closing NUL.
pub const MAX_STRING_BYTES: usize = 254;

/// A FIT base type, as written in definition messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    Enum,
    Uint16,
    Uint32,
    Uint32z,
    String,
}

impl Base {
    fn code(self) -> u8 {
        match self {
            Base::Enum => 0x00,
            Base::String => 0x07,
            Base::Uint16 => 0x84,
            Base::Uint32 => 0x86,
            Base::Uint32z => 0x8C,
        }
    }
}

/// One field of a data message: its number, base type and little-endian bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    num: u8,
    base: Base,
    bytes: Vec<u8>,
}

impl Field {
    pub fn enumeration(num: u8, v: u8) -> Field {
        Field {
            num,
            base: Base::Enum,
            bytes: vec![v],
        }
    }

    pub fn uint16(num: u8, v: u16) -> Field {
        Field {
            num,
            base: Base::Uint16,
            bytes: v.to_le_bytes().to_vec(),
        }
    }

    pub fn uint32(num: u8, v: u32) -> Field {
        Field {
            num,
            base: Base::Uint32,
            bytes: v.to_le_bytes().to_vec(),
        }
    }

    pub fn uint32z(num: u8, v: u32) -> Field {
        Field {
            num,
            base: Base::Uint32z,
            bytes: v.to_le_bytes().to_vec(),
        }
    }

    /// A string field: NULs dropped, cut to at most `max` bytes on a character boundary,
    /// NUL-terminated. `None` when nothing is left to write.
    pub fn string(num: u8, s: &str, max: usize) -> Option<Field> {
        let clean: String = s.chars().filter(|c| *c != '\0').collect();
        let clean = truncate(clean.trim(), max.min(MAX_STRING_BYTES));
        if clean.is_empty() {
            return None;
        }
        let mut bytes = clean.as_bytes().to_vec();
        bytes.push(0);
        Some(Field {
            num,
            base: Base::String,
            bytes,
        })
    }
}

/// `s` cut to at most `max` bytes without splitting a character.
pub fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].trim_end()
}

/// A data message: global message number, the local type it is written under, its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub global: u16,
    pub local: u8,
    pub fields: Vec<Field>,
}

/// A message layout as a definition message gives it: the global message number and each
/// field's (number, size, base type code).
type Layout = (u16, Vec<(u8, u8, u8)>);

/// Writes messages into a FIT byte stream held in memory.
#[derive(Debug, Default)]
pub struct Encoder {
    data: Vec<u8>,
    /// The layout last defined for each local type: (field number, size, base type code).
    defined: [Option<Layout>; 16],
}

impl Encoder {
    /// Appends `m`, preceded by a definition message when its layout differs from the one
    /// in force for its local type.
    pub fn write(&mut self, m: &Message) {
        let local = usize::from(m.local & 0x0F);
        let layout: Vec<(u8, u8, u8)> = m
            .fields
            .iter()
            .map(|f| (f.num, f.bytes.len() as u8, f.base.code()))
            .collect();
        let wanted: Layout = (m.global, layout);
        if self.defined[local].as_ref() != Some(&wanted) {
            self.data.push(0x40 | local as u8);
            self.data.push(0); // reserved
            self.data.push(0); // little-endian
            self.data.extend_from_slice(&m.global.to_le_bytes());
            self.data.push(wanted.1.len() as u8);
            for (num, size, base) in &wanted.1 {
                self.data.extend_from_slice(&[*num, *size, *base]);
            }
            self.defined[local] = Some(wanted);
        }
        self.data.push(local as u8);
        for f in &m.fields {
            self.data.extend_from_slice(&f.bytes);
        }
    }

    /// The whole file: 14-byte header with its CRC, the messages, the file CRC.
    pub fn finish(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(usize::from(HEADER_SIZE) + self.data.len() + 2);
        out.push(HEADER_SIZE);
        out.push(PROTOCOL_VERSION);
        out.extend_from_slice(&PROFILE_VERSION.to_le_bytes());
        out.extend_from_slice(&(self.data.len() as u32).to_le_bytes());
        out.extend_from_slice(b".FIT");
        let header_crc = crc16(&out);
        out.extend_from_slice(&header_crc.to_le_bytes());
        out.extend_from_slice(&self.data);
        let file_crc = crc16(&out);
        out.extend_from_slice(&file_crc.to_le_bytes());
        out
    }
}

/// The FIT CRC-16 of `bytes`, computed a nibble at a time as the FIT protocol document
/// gives it.
pub fn crc16(bytes: &[u8]) -> u16 {
    const NIBBLE: [u16; 16] = [
        0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401, 0xA001, 0x6C00, 0x7800,
        0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
    ];
    bytes.iter().fold(0u16, |crc, &b| {
        let low = (crc >> 4) ^ NIBBLE[usize::from(crc & 0xF)] ^ NIBBLE[usize::from(b & 0xF)];
        (low >> 4) ^ NIBBLE[usize::from(low & 0xF)] ^ NIBBLE[usize::from(b >> 4)]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_the_check_string() {
        // CRC-16/ARC (the FIT CRC) of "123456789" is 0xBB3D.
        assert_eq!(crc16(b"123456789"), 0xBB3D);
        assert_eq!(crc16(&[]), 0);
    }

    #[test]
    fn strings_are_cut_on_a_character_boundary_and_terminated() {
        let f = Field::string(0, "Rückenübung", 2).unwrap();
        assert_eq!(f.bytes, b"R\0");
        let f = Field::string(0, "üü", 3).unwrap();
        assert_eq!(f.bytes, "ü\0".as_bytes());
        assert_eq!(Field::string(0, "\0 \0", 10), None);
        assert_eq!(Field::string(0, "a\0b", 10).unwrap().bytes, b"ab\0");
        let long = "x".repeat(400);
        assert_eq!(Field::string(0, &long, 1000).unwrap().bytes.len(), 255);
    }

    #[test]
    fn a_changed_layout_is_defined_again() {
        let mut e = Encoder::default();
        let m = |s: &str| Message {
            global: 27,
            local: 3,
            fields: vec![Field::string(0, s, 50).unwrap()],
        };
        e.write(&m("ab"));
        e.write(&m("cd"));
        e.write(&m("abc"));
        let defs = e.data.iter().filter(|b| **b == 0x43).count();
        assert_eq!(defs, 2, "{:?}", e.data);
    }
}
