//! CRC-16 as the FIT protocol defines it (CRC-16/ARC: the reflected 0x8005 polynomial,
//! 0xA001, initial value 0, no final XOR).
//!
//! Every byte of an imported FIT file goes through it, so it reads 16 bytes per step
//! ("slicing by 16": one table per byte position, 8 KB in all, built at compile time)
//! instead of one byte per step, whose table lookups form one long dependency chain. The
//! result is the same as the byte-at-a-time definition ([`crc16_bytewise`]), which the
//! tests hold it to.

/// Bytes read per step of the sliced loop.
const SLICE: usize = 16;

/// `TABLES[0]` is the classic byte table; `TABLES[k][i]` is the CRC of byte `i` followed
/// by `k` zero bytes.
const TABLES: [[u16; 256]; SLICE] = {
    let mut t = [[0u16; 256]; SLICE];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u16;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xA001
            } else {
                c >> 1
            };
            k += 1;
        }
        t[0][i] = c;
        i += 1;
    }
    let mut k = 1;
    while k < SLICE {
        let mut i = 0;
        while i < 256 {
            let prev = t[k - 1][i];
            t[k][i] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
            i += 1;
        }
        k += 1;
    }
    t
};

/// Continues the FIT CRC `crc` over `bytes` (start with 0).
pub fn crc16(mut crc: u16, bytes: &[u8]) -> u16 {
    let mut chunks = bytes.chunks_exact(SLICE);
    for c in &mut chunks {
        // The running CRC folds into the first two bytes; every byte then contributes
        // through the table for its distance from the end of the chunk.
        let lo = (crc as u8) ^ c[0];
        let hi = ((crc >> 8) as u8) ^ c[1];
        let mut x = TABLES[SLICE - 1][usize::from(lo)] ^ TABLES[SLICE - 2][usize::from(hi)];
        for (j, &b) in c[2..].iter().enumerate() {
            x ^= TABLES[SLICE - 3 - j][usize::from(b)];
        }
        crc = x;
    }
    crc16_bytewise(crc, chunks.remainder())
}

/// The byte-at-a-time definition: the reference [`crc16`] is tested against, and the tail
/// shorter than one step.
pub fn crc16_bytewise(mut crc: u16, bytes: &[u8]) -> u16 {
    for &b in bytes {
        crc = (crc >> 8) ^ TABLES[0][usize::from((crc ^ u16::from(b)) as u8)];
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_standard_check_value() {
        // CRC-16/ARC of "123456789" (the catalogue's check value), and of nothing.
        assert_eq!(crc16(0, b"123456789"), 0xBB3D);
        assert_eq!(crc16_bytewise(0, b"123456789"), 0xBB3D);
        assert_eq!(crc16(0, &[]), 0);
        let long: Vec<u8> = (0..1000u32).map(|i| (i * 7 + 3) as u8).collect();
        assert_eq!(crc16(0, &long), crc16_bytewise(0, &long));
    }

    proptest! {
        #[test]
        fn sliced_equals_bytewise_from_any_start(
            bytes in proptest::collection::vec(any::<u8>(), 0..200),
            start in any::<u16>(),
            split in any::<prop::sample::Index>(),
        ) {
            prop_assert_eq!(crc16(start, &bytes), crc16_bytewise(start, &bytes));
            // Continuing a CRC over a split gives the CRC of the whole.
            let at = split.index(bytes.len() + 1);
            let (a, b) = bytes.split_at(at);
            prop_assert_eq!(crc16(crc16(start, a), b), crc16_bytewise(start, &bytes));
        }
    }
}
