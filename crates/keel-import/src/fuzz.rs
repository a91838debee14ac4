//! Entry points for fuzzing: each runs one reader on arbitrary bytes and checks what it
//! promises. A panic (or a failed check) is a bug; an [`ImportError`](crate::ImportError)
//! is the expected answer to bad input.
//!
//! The cargo-fuzz targets under `fuzz/` call these, and `tests/fuzz_targets.rs` runs the
//! same functions on random and mutated inputs in `cargo test`, so the two cannot drift.

use std::io::Cursor;

use crate::fit::{FitDecoder, KeelFitDecoder};
use crate::{decode, decode_plain, gpx, read_plain, strength, tcx, Decoded, ZipReader};

/// Activities decoded from anything are well-formed: finite, non-negative durations.
fn check_activities(acts: &[keel_core::activity::Activity]) {
    for a in acts {
        assert!(
            a.elapsed_s.is_finite() && a.elapsed_s >= 0.0,
            "elapsed {}",
            a.elapsed_s
        );
        assert!(a.samples.iter().all(|s| s.t.is_finite()), "sample times");
    }
}

/// The FIT decoder, directly and through format detection.
pub fn fit(data: &[u8]) {
    let _ = KeelFitDecoder.decode(data);
    if let Ok(acts) = crate::fit::decode_fit(data, "fuzz.fit") {
        check_activities(&acts);
    }
    let _ = decode("fuzz.fit.gz", data);
}

/// GPX: the parser and the activity built from it.
pub fn gpx(data: &[u8]) {
    if let Ok(a) = gpx::decode_gpx(data, "fuzz.gpx") {
        check_activities(std::slice::from_ref(&a));
    }
}

/// TCX.
pub fn tcx(data: &[u8]) {
    if let Ok(acts) = tcx::decode_tcx(data, "fuzz.tcx") {
        check_activities(&acts);
    }
}

/// The zip walker: the index, then every entry read streaming (capped at 1 MiB) and
/// decoded. It yields at most as many entries as the archive holds.
pub fn zip(data: &[u8]) {
    let Ok(mut zip) = ZipReader::new(Cursor::new(data)) else {
        return;
    };
    let total = zip.len();
    let _ = zip.strava_index();
    let mut seen = 0;
    while let Some(entry) = zip.next_entry() {
        seen += 1;
        assert!(seen <= total, "more entries than the archive holds");
        let name = entry.name.clone();
        if let Ok(reader) = entry.reader {
            if let Ok(plain) = read_plain(&name, reader, 1024 * 1024) {
                assert!(plain.bytes.len() <= 1024 * 1024, "the cap holds");
                let _ = decode_plain(&name, &plain);
            }
        }
    }
}

/// The CSV readers (Strong, Hevy, Strava `activities.csv`): a skipped row names a data
/// row (the header is row 1) and keeps the cell it could not read.
pub fn csv(data: &[u8]) {
    let rows = |skipped: &[crate::SkippedRow]| {
        for s in skipped {
            assert!(s.row == 0 || s.row >= 2, "row {}", s.row);
        }
    };
    if let Ok(p) = strength::parse_strong(data, "fuzz.csv") {
        rows(&p.skipped);
    }
    if let Ok(p) = strength::parse_hevy(data, "fuzz.csv") {
        rows(&p.skipped);
    }
    if let Ok(p) = crate::parse_strava_csv(data) {
        rows(&p.skipped);
    }
    if let Ok(Decoded::Strength(p)) = decode("fuzz.csv", data) {
        rows(&p.skipped);
    }
}
