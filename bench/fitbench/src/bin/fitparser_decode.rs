//! Times the `fitparser` crate over FIT files held in memory.
//!
//! `fitparser_decode DIR [MB]`: decodes every `.fit` under DIR (repeated to about MB
//! megabytes when given) and prints `bytes files seconds`.

use keel_fitbench::walk;
use std::path::Path;
use std::time::Instant;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let Some(dir) = a.get(1) else {
        eprintln!("usage: fitparser_decode DIR [MB]");
        std::process::exit(2);
    };
    let mut paths = Vec::new();
    walk(Path::new(dir), &[".fit"], &mut paths);
    let files: Vec<Vec<u8>> = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    let one: usize = files.iter().map(Vec::len).sum();
    let reps = a
        .get(2)
        .and_then(|s| s.parse::<f64>().ok())
        .map_or(1, |mb| ((mb * 1e6) / one.max(1) as f64).ceil().max(1.0) as usize);
    let t = Instant::now();
    let (mut bytes, mut n, mut records) = (0usize, 0usize, 0usize);
    for _ in 0..reps {
        for b in &files {
            if let Ok(msgs) = fitparser::from_bytes(b) {
                records += msgs.len();
            }
            bytes += b.len();
            n += 1;
        }
    }
    let secs = t.elapsed().as_secs_f64();
    eprintln!("fitparser: {records} messages");
    println!("{bytes} {n} {secs}");
}
