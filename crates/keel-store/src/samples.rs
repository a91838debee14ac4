//! The compact binary form of an activity's per-second samples (one BLOB per activity).
//!
//! # Format, version 1
//!
//! All integers are little-endian; `varint` is unsigned LEB128 and `zvarint` a zigzag-encoded
//! signed LEB128.
//!
//! ```text
//! magic      b"KS"
//! version    u8 = 1
//! count      varint            number of samples
//! channels   u16               bit i set = channel i has at least one value
//! then, for each channel whose bit is set, in channel order:
//!   presence u8                0 = every sample has a value, 1 = a bitmap follows
//!   bitmap   ceil(count/8) B   bit (j % 8) of byte (j / 8) set = sample j has a value
//!   values   zvarint * k       one per present value: the difference to the previous
//!                              present value of this channel (the first to 0), in quanta
//! ```
//!
//! Channels and their quanta (the resolution kept): 0 `t` 1 ms (always present),
//! 1 `distance_m` 1 mm, 2 `hr` 1 bpm, 3 `speed_mps` 1 mm/s, 4 `altitude_m` 1 mm, 5 `cadence` 1,
//! 6 `power_w` 1 W, 7 `lat` 1e-7 degree, 8 `lon` 1e-7 degree. Integer channels round-trip
//! exactly; real channels round-trip within half a quantum (1e-7 degree is about 1 cm).
//! A one-hour run with every channel at 1 Hz takes about 40 KB instead of 260 KB of f64s.
//!
//! Why deltas: consecutive samples differ little (time +1000, distance +3000, hr ±2), so most
//! values need one or two bytes. Why quanta: devices record at this resolution or coarser.

use keel_core::activity::Sample;

/// The version byte this module writes.
pub const FORMAT_VERSION: u8 = 1;
const MAGIC: &[u8; 2] = b"KS";
const CHANNELS: usize = 9;
/// Quanta per unit of each channel, in channel order.
const SCALE: [f64; CHANNELS] = [1e3, 1e3, 1.0, 1e3, 1e3, 1.0, 1.0, 1e7, 1e7];
const NAMES: [&str; CHANNELS] = [
    "t",
    "distance_m",
    "hr",
    "speed_mps",
    "altitude_m",
    "cadence",
    "power_w",
    "lat",
    "lon",
];
/// Quantised values must stay well inside i64 so deltas cannot overflow.
const LIMIT: f64 = (1u64 << 52) as f64;

/// Why samples could not be encoded or decoded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SampleError {
    /// A value is NaN, infinite, or too large to store at its channel's resolution.
    #[error("sample {index}: {channel} = {value} cannot be stored (not finite or out of range)")]
    BadValue {
        /// Index of the sample.
        index: usize,
        /// Channel name, as the field of `Sample`.
        channel: &'static str,
        /// The offending value.
        value: f64,
    },
    /// The blob does not start with the magic bytes or has an unknown version.
    #[error("sample data has an unknown format (version {0})")]
    UnknownFormat(u8),
    /// The blob ends early or holds a value out of range: the stored row is damaged.
    #[error("sample data is damaged: {0}")]
    Damaged(&'static str),
}

#[inline(always)]
fn put_varint(out: &mut Vec<u8>, v: u64) {
    // Most deltas take one or two bytes: those inline, the rest out of line.
    if v < 0x80 {
        out.push(v as u8);
    } else if v < 0x4000 {
        out.extend_from_slice(&[(v as u8) | 0x80, (v >> 7) as u8]);
    } else {
        put_long_varint(out, v);
    }
}

#[inline(never)]
fn put_long_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

#[inline(always)]
fn put_zvarint(out: &mut Vec<u8>, v: i64) {
    put_varint(out, ((v << 1) ^ (v >> 63)) as u64);
}

/// `q.round() as i64` without a call into the maths library (baseline x86-64 has no
/// rounding instruction): the fraction `q - trunc(q)` is exact for |q| < 2^52, so ties
/// and near-ties round exactly as `f64::round` does. Without branches: the fraction of a
/// measured value is noise, a branch on it would be mispredicted half the time.
fn round_half_away(q: f64) -> i64 {
    let t = q as i64;
    let frac = q - t as f64;
    t + i64::from(frac >= 0.5) - i64::from(frac <= -0.5)
}

/// Encodes samples into the version-1 format.
///
/// Fails on a NaN, infinite or absurdly large value, naming the sample and field, so a
/// damaged decode never reaches the database as garbage.
pub fn encode(samples: &[Sample]) -> Result<Vec<u8>, SampleError> {
    let n = samples.len();
    let mut out = Vec::with_capacity(16 + n * 12);
    out.extend_from_slice(MAGIC);
    out.push(FORMAT_VERSION);
    put_varint(&mut out, n as u64);
    // One pass for every channel's count of present values.
    let mut present = [0usize; CHANNELS];
    present[0] = n;
    for s in samples {
        present[1] += usize::from(s.distance_m.is_some());
        present[2] += usize::from(s.hr.is_some());
        present[3] += usize::from(s.speed_mps.is_some());
        present[4] += usize::from(s.altitude_m.is_some());
        present[5] += usize::from(s.cadence.is_some());
        present[6] += usize::from(s.power_w.is_some());
        present[7] += usize::from(s.lat.is_some());
        present[8] += usize::from(s.lon.is_some());
    }
    let mut mask: u16 = 0;
    for (c, &k) in present.iter().enumerate() {
        if k > 0 && n > 0 {
            mask |= 1 << c;
        }
    }
    out.extend_from_slice(&mask.to_le_bytes());
    // Each channel's loop is compiled for its own field (no per-value dispatch).
    let on = |c: usize| mask & (1 << c) != 0;
    if on(0) {
        channel_values(&mut out, samples, 0, true, |s| Some(s.t))?;
    }
    if on(1) {
        channel_values(&mut out, samples, 1, present[1] == n, |s| s.distance_m)?;
    }
    if on(2) {
        channel_values(&mut out, samples, 2, present[2] == n, |s| {
            s.hr.map(f64::from)
        })?;
    }
    if on(3) {
        channel_values(&mut out, samples, 3, present[3] == n, |s| s.speed_mps)?;
    }
    if on(4) {
        channel_values(&mut out, samples, 4, present[4] == n, |s| s.altitude_m)?;
    }
    if on(5) {
        channel_values(&mut out, samples, 5, present[5] == n, |s| {
            s.cadence.map(f64::from)
        })?;
    }
    if on(6) {
        channel_values(&mut out, samples, 6, present[6] == n, |s| {
            s.power_w.map(f64::from)
        })?;
    }
    if on(7) {
        channel_values(&mut out, samples, 7, present[7] == n, |s| s.lat)?;
    }
    if on(8) {
        channel_values(&mut out, samples, 8, present[8] == n, |s| s.lon)?;
    }
    Ok(out)
}

/// One channel: its presence byte, bitmap when some samples lack it, and its deltas.
fn channel_values(
    out: &mut Vec<u8>,
    samples: &[Sample],
    c: usize,
    all: bool,
    get: impl Fn(&Sample) -> Option<f64>,
) -> Result<(), SampleError> {
    if all {
        out.push(0);
    } else {
        out.push(1);
        let start = out.len();
        out.resize(start + samples.len().div_ceil(8), 0);
        for (j, s) in samples.iter().enumerate() {
            if get(s).is_some() {
                out[start + j / 8] |= 1 << (j % 8);
            }
        }
    }
    let mut prev: i64 = 0;
    for (index, s) in samples.iter().enumerate() {
        let Some(value) = get(s) else { continue };
        let q = value * SCALE[c];
        // LIMIT leaves room for the rounding step below.
        if !q.is_finite() || q.abs() > LIMIT {
            return Err(SampleError::BadValue {
                index,
                channel: NAMES[c],
                value,
            });
        }
        let q = round_half_away(q);
        put_zvarint(out, q - prev);
        prev = q;
    }
    Ok(())
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, SampleError> {
        let b = *self
            .buf
            .get(self.pos)
            .ok_or(SampleError::Damaged("unexpected end"))?;
        self.pos += 1;
        Ok(b)
    }
    fn bytes(&mut self, n: usize) -> Result<&[u8], SampleError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.buf.len())
            .ok_or(SampleError::Damaged("unexpected end"))?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn varint(&mut self) -> Result<u64, SampleError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(SampleError::Damaged("varint too long"))
    }
    fn zvarint(&mut self) -> Result<i64, SampleError> {
        let v = self.varint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }
}

fn set(s: &mut Sample, c: usize, q: i64) -> Result<(), SampleError> {
    let v = q as f64 / SCALE[c];
    let int = |q: i64| u16::try_from(q).map_err(|_| SampleError::Damaged("integer out of range"));
    match c {
        0 => s.t = v,
        1 => s.distance_m = Some(v),
        2 => s.hr = Some(int(q)?),
        3 => s.speed_mps = Some(v),
        4 => s.altitude_m = Some(v),
        5 => s.cadence = Some(int(q)?),
        6 => s.power_w = Some(int(q)?),
        7 => s.lat = Some(v),
        _ => s.lon = Some(v),
    }
    Ok(())
}

/// Decodes a blob written by [`encode`]; never panics on damaged input.
pub fn decode(blob: &[u8]) -> Result<Vec<Sample>, SampleError> {
    let mut r = Reader { buf: blob, pos: 0 };
    if r.bytes(2)? != MAGIC {
        return Err(SampleError::UnknownFormat(0));
    }
    let version = r.byte()?;
    if version != FORMAT_VERSION {
        return Err(SampleError::UnknownFormat(version));
    }
    let n = usize::try_from(r.varint()?).map_err(|_| SampleError::Damaged("count"))?;
    // Every sample costs at least one byte of `t`: a larger count is a damaged blob, and
    // checking first keeps a corrupt count from allocating gigabytes.
    if n > blob.len() {
        return Err(SampleError::Damaged("sample count larger than the data"));
    }
    let mask = u16::from_le_bytes([r.byte()?, r.byte()?]);
    if mask >> CHANNELS != 0 {
        return Err(SampleError::Damaged("unknown channel"));
    }
    let mut samples = vec![Sample::default(); n];
    for c in (0..CHANNELS).filter(|c| mask & (1 << c) != 0) {
        let bitmap = match r.byte()? {
            0 => None,
            1 => Some(r.bytes(n.div_ceil(8))?.to_vec()),
            _ => return Err(SampleError::Damaged("presence flag")),
        };
        let mut prev: i64 = 0;
        for (j, s) in samples.iter_mut().enumerate() {
            if let Some(bits) = &bitmap {
                if bits[j / 8] & (1 << (j % 8)) == 0 {
                    continue;
                }
            }
            prev = prev
                .checked_add(r.zvarint()?)
                .ok_or(SampleError::Damaged("value overflow"))?;
            set(s, c, prev)?;
        }
    }
    if r.pos != blob.len() {
        return Err(SampleError::Damaged("trailing bytes"));
    }
    Ok(samples)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: Option<f64>, b: Option<f64>, quantum: f64) -> bool {
        match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => (a - b).abs() <= quantum / 2.0 + 1e-9 * a.abs().max(1.0),
            _ => false,
        }
    }

    fn sample() -> impl Strategy<Value = Sample> {
        (
            0.0..200_000.0f64,
            proptest::option::of(0.0..300_000.0f64),
            proptest::option::of(any::<u16>()),
            proptest::option::of(0.0..40.0f64),
            proptest::option::of(-500.0..9000.0f64),
            proptest::option::of(any::<u16>()),
            proptest::option::of(any::<u16>()),
            proptest::option::of(-90.0..90.0f64),
            proptest::option::of(-180.0..180.0f64),
        )
            .prop_map(|(t, d, hr, v, alt, cad, p, lat, lon)| Sample {
                t,
                distance_m: d,
                hr,
                speed_mps: v,
                altitude_m: alt,
                cadence: cad,
                power_w: p,
                lat,
                lon,
            })
    }

    proptest! {
        #[test]
        fn round_trip_within_quanta(samples in proptest::collection::vec(sample(), 0..300)) {
            let blob = encode(&samples).unwrap();
            let back = decode(&blob).unwrap();
            prop_assert_eq!(back.len(), samples.len());
            for (a, b) in samples.iter().zip(&back) {
                prop_assert!(close(Some(a.t), Some(b.t), 1e-3));
                prop_assert!(close(a.distance_m, b.distance_m, 1e-3));
                prop_assert!(close(a.speed_mps, b.speed_mps, 1e-3));
                prop_assert!(close(a.altitude_m, b.altitude_m, 1e-3));
                prop_assert!(close(a.lat, b.lat, 1e-7));
                prop_assert!(close(a.lon, b.lon, 1e-7));
                prop_assert_eq!(a.hr, b.hr);
                prop_assert_eq!(a.cadence, b.cadence);
                prop_assert_eq!(a.power_w, b.power_w);
            }
        }

        #[test]
        fn decoding_garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = decode(&bytes);
        }

        #[test]
        fn truncated_blobs_are_errors(samples in proptest::collection::vec(sample(), 1..50), cut in 1usize..1000) {
            let blob = encode(&samples).unwrap();
            let cut = cut % blob.len();
            prop_assert!(decode(&blob[..cut]).is_err());
        }
    }

    #[test]
    fn exact_values_on_the_quantum_grid_round_trip_exactly() {
        let s = vec![
            Sample {
                t: 0.0,
                distance_m: Some(0.0),
                hr: Some(120),
                lat: Some(46.0512345),
                ..Sample::default()
            },
            Sample {
                t: 1.0,
                distance_m: Some(3.125),
                hr: None,
                lat: Some(46.0512399),
                ..Sample::default()
            },
        ];
        let back = decode(&encode(&s).unwrap()).unwrap();
        assert_eq!(back[0].hr, Some(120));
        assert_eq!(back[1].hr, None);
        assert_eq!(back[1].distance_m, Some(3.125));
        assert_eq!(back[1].cadence, None);
        assert!((back[1].lat.unwrap() - 46.0512399).abs() < 1e-9);
    }

    #[test]
    fn one_hour_run_is_compact() {
        let s: Vec<Sample> = (0..3600)
            .map(|i| Sample {
                t: f64::from(i),
                distance_m: Some(f64::from(i) * 3.1),
                hr: Some(140 + (i % 7) as u16),
                speed_mps: Some(3.1),
                altitude_m: Some(300.0 + f64::from(i % 50) * 0.2),
                cadence: Some(88),
                power_w: None,
                lat: Some(46.0 + f64::from(i) * 2e-5),
                lon: Some(14.5 + f64::from(i) * 1e-5),
            })
            .collect();
        let blob = encode(&s).unwrap();
        // 8 channels * 3600 * 8 bytes would be 230 KB as raw f64s.
        assert!(blob.len() < 60_000, "{} bytes", blob.len());
    }

    #[test]
    fn nan_is_refused_with_its_place() {
        let s = vec![
            Sample::default(),
            Sample {
                t: 1.0,
                speed_mps: Some(f64::NAN),
                ..Sample::default()
            },
        ];
        let err = encode(&s).unwrap_err();
        assert!(
            matches!(
                err,
                SampleError::BadValue {
                    index: 1,
                    channel: "speed_mps",
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn unknown_version_is_named() {
        let mut blob = encode(&[Sample::default()]).unwrap();
        blob[2] = 9;
        assert_eq!(decode(&blob), Err(SampleError::UnknownFormat(9)));
    }

    #[test]
    fn rounding_matches_f64_round() {
        let mut cases = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            -1.5,
            2.5,
            -2.5,
            0.49999999999999994,
            -0.49999999999999994,
            4503599627370495.5,
            -4503599627370495.5,
            1e15 + 0.5,
            123456.4999999,
            7.0,
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = (x >> 11) as f64 / (1u64 << 53) as f64; // [0, 1)
            cases.push((v - 0.5) * 2e9);
            cases.push((v - 0.5) * 20.0);
        }
        for q in cases {
            assert_eq!(round_half_away(q), q.round() as i64, "{q}");
        }
    }
}

/// An activity with its samples already encoded ([`encode`]), made where there is time to
/// spare (an import's decoding threads) and stored by [`crate::Store::import_encoded`]
/// without encoding them again on the storing thread.
///
/// Invariant: the blob is `encode(&activity.samples)`, made by [`EncodedActivity::new`]
/// from the activity it holds, which cannot be changed afterwards. Without samples, or when
/// they cannot be encoded, there is no blob: the store encodes them itself and reports the
/// same error it always did.
#[derive(Debug)]
pub struct EncodedActivity {
    activity: keel_core::activity::Activity,
    samples: Option<Vec<u8>>,
}

impl EncodedActivity {
    /// Encodes `activity`'s samples.
    pub fn new(activity: keel_core::activity::Activity) -> Self {
        EncodedActivity::unencoded(activity).encode()
    }

    /// `activity` with its samples not encoded yet: the store encodes them (see
    /// [`EncodedActivity::encode`] to do it beforehand).
    pub fn unencoded(activity: keel_core::activity::Activity) -> Self {
        EncodedActivity {
            activity,
            samples: None,
        }
    }

    /// Encodes the samples, unless they were already.
    pub fn encode(mut self) -> Self {
        if self.samples.is_none() && !self.activity.samples.is_empty() {
            self.samples = encode(&self.activity.samples).ok();
        }
        self
    }

    /// The activity.
    pub fn activity(&self) -> &keel_core::activity::Activity {
        &self.activity
    }

    /// The encoded samples, when there are samples and they could be encoded.
    pub fn encoded(&self) -> Option<&[u8]> {
        self.samples.as_deref()
    }
}
