//! Criterion benchmarks: FIT and GPX decoding of shared real files.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn shared() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .map(|a| a.join("shared/data/activity-files"))
        .find(|p| p.is_dir())
}

fn bench(c: &mut Criterion) {
    let Some(dir) = shared() else {
        eprintln!("shared activity files not found: nothing to benchmark");
        return;
    };
    let cases = [
        (
            "fit/edge-500",
            "python-fitparse/tests/files/garmin-edge-500-activity.fit",
        ),
        (
            "fit/multisport",
            "python-fitparse/tests/files/activity-large-fenxi2-multisport.fit",
        ),
        ("gpx/korita", "gpxpy/test_files/korita-zbevnica.gpx"),
        ("gpx/cerknicko", "gpxpy/test_files/cerknicko-jezero.gpx"),
    ];
    let mut g = c.benchmark_group("decode");
    for (name, path) in cases {
        let Ok(bytes) = std::fs::read(dir.join(path)) else {
            continue;
        };
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| keel_import::decode(path, std::hint::black_box(&bytes)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
