//! Decodes every FIT, GPX and TCX file under a folder.
//!
//! `decode_all DIR` prints one line per file (what keel makes of it);
//! `decode_all DIR --bench MB` loads the files into memory, repeats them to about MB
//! megabytes and times decoding only, printing `bytes files seconds` for bench/import.sh.

use std::path::{Path, PathBuf};
use std::time::Instant;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else {
            let name = p.to_string_lossy().to_ascii_lowercase();
            let name = name.strip_suffix(".gz").unwrap_or(&name);
            if [".fit", ".gpx", ".tcx"].iter().any(|e| name.ends_with(e)) {
                out.push(p);
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1) else {
        eprintln!("usage: decode_all DIR [--bench MB]");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    walk(Path::new(dir), &mut files);
    let loaded: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|p| Some((p.to_string_lossy().to_string(), std::fs::read(p).ok()?)))
        .collect();
    if args.get(2).map(String::as_str) == Some("--raw") {
        for (name, b) in &loaded {
            if let Ok(c) =
                keel_import::fit::FitDecoder::decode(&keel_import::fit::KeelFitDecoder, b)
            {
                println!(
                    "{name}: files={} types={:?} created={:?} sessions={:?} records={} first={:?} last={:?} problems={:?}",
                    c.n_files, c.file_types, c.time_created, c.sessions.iter().map(|s| (s.start_time, s.timestamp)).collect::<Vec<_>>(),
                    c.records.len(), c.records.first().and_then(|r| r.timestamp), c.records.last().and_then(|r| r.timestamp), c.problems
                );
            }
        }
        return;
    }
    if args.get(2).map(String::as_str) == Some("--bench") {
        let mb: f64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(200.0);
        let one: usize = loaded.iter().map(|(_, b)| b.len()).sum();
        let reps = ((mb * 1e6) / one.max(1) as f64).ceil().max(1.0) as usize;
        let t = Instant::now();
        let (mut bytes, mut n, mut samples) = (0usize, 0usize, 0usize);
        for _ in 0..reps {
            for (name, b) in &loaded {
                if let Ok(keel_import::Decoded::Activities(a)) = keel_import::decode(name, b) {
                    samples += a.iter().map(|a| a.samples.len()).sum::<usize>();
                }
                bytes += b.len();
                n += 1;
            }
        }
        let secs = t.elapsed().as_secs_f64();
        println!("{bytes} {n} {secs} {samples}");
        return;
    }
    for (name, b) in &loaded {
        let short = name.strip_prefix(dir.as_str()).unwrap_or(name);
        match keel_import::decode(name, b) {
            Ok(keel_import::Decoded::Activities(acts)) => {
                for a in acts {
                    println!(
                        "{short}: {} {} el={:.3} mv={:?} d={:?} n={} hr={:?} partial={:?}",
                        a.sport,
                        a.start,
                        a.elapsed_s,
                        a.moving_s,
                        a.distance_m,
                        a.samples.len(),
                        a.avg_hr,
                        a.partial
                    );
                }
            }
            Ok(other) => println!("{short}: {other:?}"),
            Err(e) => println!("{short}: ERROR [{}] {e}", e.kind()),
        }
    }
}
