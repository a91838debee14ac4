//! No decoder panics, whatever the bytes: random input, and real files truncated,
//! bit-flipped and spliced. Every outcome is either values or an `ImportError`.

use keel_import::fit::{FitDecoder, KeelFitDecoder};
use keel_import::strength::{parse_hevy, parse_strong};
use keel_import::{decode, gpx, parse_strava_csv, tcx, ErrorKind};
use proptest::prelude::*;

mod common;

/// Every decoder on the same bytes; only panics would fail.
fn all_decoders(bytes: &[u8]) {
    for name in ["x.fit", "x.gpx", "x.tcx", "x.csv", "x.fit.gz", "x"] {
        let _ = decode(name, bytes);
    }
    let _ = KeelFitDecoder.decode(bytes);
    let _ = keel_import::fit::decode_fit(bytes, "x");
    let _ = gpx::decode_gpx(bytes, "x");
    let _ = tcx::decode_tcx(bytes, "x");
    let _ = parse_strong(bytes, "x");
    let _ = parse_hevy(bytes, "x");
    let _ = parse_strava_csv(bytes);
    if let Ok(mut r) = keel_import::ZipReader::new(std::io::Cursor::new(bytes.to_vec())) {
        let _ = r.strava_index();
        while let Some(e) = r.next_entry() {
            let name = e.name.clone();
            if let Ok(b) = e.bytes() {
                let _ = decode(&name, &b);
            }
        }
    }
}

/// Real files of every kind (a few small ones, to keep the run short in debug builds).
fn seeds() -> Vec<Vec<u8>> {
    let Some(dir) = common::shared_activity_files() else {
        return vec![];
    };
    [
        "python-fitparse/tests/files/Activity.fit",
        "python-fitparse/tests/files/garmin-fenix-5-run.fit",
        "python-fitparse/tests/files/elemnt-bolt-no-application-id-inside-developer-data-id.fit",
        "python-fitparse/tests/files/DeveloperData.fit",
        "python-fitparse/tests/files/activity-settings.fit",
        "python-fitparse/tests/files/antfs-dump.63.fit",
        "python-fitparse/tests/files/Settings.fit",
        "gpxpy/test_files/track-with-empty-segment.gpx",
        "gpxpy/test_files/gpx1.1_with_all_fields.gpx",
        "python-tcxparser/tests/files/sup_activity_1.tcx",
        "strong-statistics/data_sample/sample_strong_legacy.csv",
    ]
    .iter()
    .filter_map(|p| std::fs::read(dir.join(p)).ok())
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        all_decoders(&bytes);
    }

    /// A FIT header followed by random messages exercises definitions, compressed
    /// timestamps, developer fields and re-sync far more than plain random bytes.
    #[test]
    fn random_fit_bodies_never_panic(body in proptest::collection::vec(any::<u8>(), 0..4096), hsize in prop::sample::select(vec![12u8, 14])) {
        let mut b = vec![hsize, 0x20, 0x54, 0x08];
        b.extend_from_slice(&(body.len() as u32).to_le_bytes());
        b.extend_from_slice(b".FIT");
        if hsize == 14 { b.extend_from_slice(&[0, 0]); }
        b.extend_from_slice(&body);
        let _ = KeelFitDecoder.decode(&b);
        let _ = decode("x.fit", &b);
    }

    #[test]
    fn mutated_real_files_never_panic(
        pick in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..8), 0..16),
        splice in proptest::collection::vec(any::<u8>(), 0..32),
    ) {
        let seeds = seeds();
        if seeds.is_empty() { return Ok(()); }
        let orig = pick.get(&seeds);
        // Truncation alone.
        let truncated = &orig[..cut.index(orig.len() + 1)];
        all_decoders(truncated);
        // Bit flips.
        let mut flipped = orig.clone();
        for (i, bit) in &flips {
            let i = i.index(flipped.len());
            flipped[i] ^= 1 << bit;
        }
        all_decoders(&flipped);
        // Random bytes spliced in.
        let at = cut.index(orig.len() + 1);
        let mut spliced = orig[..at].to_vec();
        spliced.extend_from_slice(&splice);
        spliced.extend_from_slice(&orig[at..]);
        all_decoders(&spliced);
    }
}

/// Every truncation of a small real FIT file either decodes (partial when damaged) or
/// fails with a clear kind; never a panic.
#[test]
fn every_truncation_of_a_fit_file() {
    let Some(dir) = common::shared_activity_files() else {
        eprintln!("SKIPPED: shared data absent");
        return;
    };
    let b = std::fs::read(dir.join("python-fitparse/tests/files/Activity.fit")).expect("file");
    for n in 0..b.len() {
        match keel_import::fit::decode_fit(&b[..n], "a.fit") {
            Ok(acts) => {
                assert!(
                    n >= b.len() - 2 || acts.iter().all(|a| a.partial.is_some()),
                    "cut at {n} is partial"
                );
            }
            Err(e) => assert!(
                matches!(
                    e.kind(),
                    ErrorKind::Truncated | ErrorKind::Corrupt | ErrorKind::NotAnActivity
                ),
                "cut at {n}: {e}"
            ),
        }
    }
}

#[test]
fn error_messages() {
    let mut msgs = Vec::new();
    let mut push = |what: &str, bytes: &[u8], name: &str| {
        let e = decode(name, bytes).expect_err(what);
        msgs.push(format!("{what} [{}]: {e}", e.kind()));
    };
    push("empty", b"", "a.fit");
    push("short FIT", b"\x0e\x10", "a.fit");
    push("not FIT", b"hello world, this is text", "a.fit");
    push("unknown", b"hello world", "notes.txt");
    push(
        "broken GPX",
        b"<gpx><trk><trkseg><trkpt lat='1' lon='2'>",
        "a.gpx",
    );
    push(
        "GPX without lat",
        b"<gpx><trk><trkseg><trkpt lon='2'/></trkseg></trk></gpx>",
        "a.gpx",
    );
    push(
        "route GPX",
        b"<gpx><rte><rtept lat='1' lon='2'/></rte></gpx>",
        "a.gpx",
    );
    push(
        "TCX course",
        b"<TrainingCenterDatabase><Courses/></TrainingCenterDatabase>",
        "a.tcx",
    );
    push("TCX wrong root", b"<Workouts/>", "a.tcx");
    push("gzip garbage", b"\x1f\x8b\x08\x00garbage", "a.fit.gz");
    if let Some(dir) = common::shared_activity_files() {
        let f =
            |p: &str| std::fs::read(dir.join("python-fitparse/tests/files").join(p)).expect("file");
        push("settings", &f("Settings.fit"), "Settings.fit");
        push("device-relative", &f("antfs-dump.63.fit"), "antfs.fit");
        push(
            "no session, no times",
            &f("DeveloperData.fit"),
            "DeveloperData.fit",
        );
    }
    insta::assert_snapshot!("decode_errors", msgs.join("\n"));
}
