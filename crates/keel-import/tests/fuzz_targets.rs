//! The cargo-fuzz targets of `fuzz/` as property tests: the same entry points
//! (`keel_import::fuzz`) on random bytes, on real files mutated (truncated, bit-flipped,
//! spliced), and on every input kept under `fuzz/corpus/` and `fuzz/artifacts/` (crashes
//! found by the fuzzer stay here as regression cases once they are saved there).

use std::path::Path;

use keel_import::fuzz;
use proptest::prelude::*;

mod common;

type Target = (&'static str, fn(&[u8]));

const TARGETS: [Target; 5] = [
    ("fit", fuzz::fit),
    ("gpx", fuzz::gpx),
    ("tcx", fuzz::tcx),
    ("zip", fuzz::zip),
    ("csv", fuzz::csv),
];

/// Small real files of each kind, seeds for mutation (none without the shared data).
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let Some(dir) = common::shared_activity_files() else {
        return Vec::new();
    };
    let files: &[&str] = match target {
        "fit" => &[
            "python-fitparse/tests/files/Activity.fit",
            "python-fitparse/tests/files/garmin-fenix-5-run.fit",
        ],
        "gpx" => &[
            "gpxpy/test_files/track-with-empty-segment.gpx",
            "gpxpy/test_files/gpx1.1_with_all_fields.gpx",
        ],
        "tcx" => &["python-tcxparser/tests/files/sup_activity_1.tcx"],
        "csv" => &[
            "strong-statistics/data_sample/sample_strong_legacy.csv",
            "strong-statistics/data_sample/sample_strong.csv",
        ],
        _ => &[],
    };
    let mut out: Vec<Vec<u8>> = files
        .iter()
        .filter_map(|p| std::fs::read(dir.join(p)).ok())
        .collect();
    if target == "zip" {
        out.push(small_zip());
    }
    out
}

fn small_zip() -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let csv = "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n1,\"May 1, 2024, 6:00:00 AM\",Run,Run,activities/1.gpx\n";
    let gpx = "<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"><time>2024-05-01T06:00:00Z</time></trkpt><trkpt lat=\"1.001\" lon=\"2\"><time>2024-05-01T06:01:00Z</time></trkpt></trkseg></trk></gpx>";
    for (name, body) in [("activities.csv", csv), ("activities/1.gpx", gpx)] {
        w.start_file(name, opts).expect("start");
        w.write_all(body.as_bytes()).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

#[test]
fn saved_corpus_and_crash_inputs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut n = 0;
    for (name, target) in TARGETS {
        for kind in ["corpus", "artifacts"] {
            let Ok(entries) = std::fs::read_dir(root.join(kind).join(name)) else {
                continue;
            };
            for e in entries.flatten() {
                if let Ok(bytes) = std::fs::read(e.path()) {
                    target(&bytes);
                    n += 1;
                }
            }
        }
    }
    eprintln!("{n} saved fuzz inputs replayed");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(which in 0..TARGETS.len(), bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        (TARGETS[which].1)(&bytes);
    }

    #[test]
    fn mutated_real_inputs(
        which in 0..TARGETS.len(),
        pick in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..8), 0..16),
        splice in proptest::collection::vec(any::<u8>(), 0..32),
    ) {
        let (name, target) = TARGETS[which];
        let seeds = seeds(name);
        if seeds.is_empty() {
            return Ok(());
        }
        let orig = pick.get(&seeds);
        target(&orig[..cut.index(orig.len() + 1)]);
        let mut flipped = orig.clone();
        for (i, bit) in &flips {
            let i = i.index(flipped.len());
            flipped[i] ^= 1 << bit;
        }
        target(&flipped);
        let at = cut.index(orig.len() + 1);
        let mut spliced = orig[..at].to_vec();
        spliced.extend_from_slice(&splice);
        spliced.extend_from_slice(&orig[at..]);
        target(&spliced);
    }
}
