//! Builds the bench's 10-year training log inputs.
//!
//! `mklog fit SRC OUT END FILES DAYS`: FILES copies of the activity FIT files under SRC,
//! spread over the DAYS days ending on END (YYYY-MM-DD), each with every time field shifted
//! to its day and its CRCs rewritten (so every copy is a new file and a new activity:
//! nothing is de-duplicated). Prints `files bytes` written.
//!
//! `mklog strong OUT END SETS DAYS`: a Strong CSV (legacy comma layout) with SETS sets,
//! 15 a workout (5 exercises x 3), workouts spread over the DAYS days ending on END.

use keel_fitbench::{civil_from_days, fit, parse_date, walk};
use std::io::Write;
use std::path::Path;

/// Seconds from the Unix epoch to FIT's (1989-12-31T00:00:00Z).
const FIT_EPOCH: i64 = 631_065_600;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let usage = || -> ! {
        eprintln!("usage: mklog fit SRC OUT END FILES DAYS | mklog strong OUT END SETS DAYS");
        std::process::exit(2)
    };
    let num = |i: usize| a.get(i).and_then(|s| s.parse::<i64>().ok()).unwrap_or_else(|| usage());
    match a.get(1).map(String::as_str) {
        Some("fit") if a.len() == 7 => {
            let end = parse_date(&a[4]).unwrap_or_else(|| usage());
            fit_copies(Path::new(&a[2]), Path::new(&a[3]), end, num(5), num(6));
        }
        Some("strong") if a.len() == 6 => {
            let end = parse_date(&a[3]).unwrap_or_else(|| usage());
            strong(Path::new(&a[2]), end, num(4), num(5));
        }
        _ => usage(),
    }
}

fn fit_copies(src: &Path, out: &Path, end: i64, files: i64, days: i64) {
    let mut paths = Vec::new();
    walk(src, &[".fit"], &mut paths);
    // Activity files whose framing is whole and that have a session and absolute times.
    let mut pool = Vec::new();
    for p in paths {
        let Ok(b) = std::fs::read(&p) else { continue };
        let Some(s) = fit::scan(&b) else { continue };
        if s.file_type == Some(4) && s.sessions > 0 && s.relative == 0 && s.first.is_some() {
            pool.push((b, s));
        }
    }
    eprintln!("mklog: {} activity files to copy", pool.len());
    assert!(!pool.is_empty(), "no activity FIT file under {}", src.display());
    let first_day = end - days + 1;
    let (mut n, mut bytes) = (0u64, 0u64);
    for k in 0..files {
        let (b, s) = &pool[(k as usize) % pool.len()];
        let day = first_day + k * days / files;
        // 06:00, 11:00 or 16:00 UTC: two copies on one day never start within a minute.
        let target = day * 86_400 + 6 * 3600 + (k % 3) * 5 * 3600 - FIT_EPOCH;
        let delta = (target - i64::from(s.first.unwrap_or(0))).div_euclid(32) * 32;
        let copy = fit::shifted(b, s, delta);
        let (y, m, _) = civil_from_days(day);
        let dir = out.join(format!("{y:04}")).join(format!("{m:02}"));
        std::fs::create_dir_all(&dir).expect("create output folder");
        std::fs::write(dir.join(format!("{k:05}.fit")), &copy).expect("write copy");
        n += 1;
        bytes += copy.len() as u64;
    }
    println!("{n} {bytes}");
}

fn strong(out: &Path, end: i64, sets: i64, days: i64) {
    const EXERCISES: [(&str, f64); 8] = [
        ("Squat (Barbell)", 60.0),
        ("Deadlift (Barbell)", 80.0),
        ("Bench Press (Barbell)", 45.0),
        ("Bent Over Row (Barbell)", 40.0),
        ("Overhead Press (Barbell)", 30.0),
        ("Romanian Deadlift (Barbell)", 50.0),
        ("Lunge (Dumbbell)", 14.0),
        ("Pull Up", 0.0),
    ];
    let workouts = (sets + 14) / 15;
    let first_day = end - days + 1;
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).expect("create csv"));
    writeln!(w, "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE")
        .expect("write");
    let mut written = 0;
    for i in 0..workouts {
        let day = first_day + i * days / workouts;
        let (y, m, d) = civil_from_days(day);
        let (hh, mm) = (17 + i % 3, (i * 7) % 60);
        let name = if i % 2 == 0 { "A" } else { "B" };
        let progress = (i as f64 / workouts as f64) * 30.0;
        for e in 0..5 {
            let (ex, base) = EXERCISES[((i * 3 + e) % 8) as usize];
            for set in 1..=3 {
                if written == sets {
                    break;
                }
                let kg = if base > 0.0 { ((base + progress) / 2.5).round() * 2.5 } else { 0.0 };
                let reps = 5 + (i + e + set) % 6;
                writeln!(
                    w,
                    "{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:00,\"{name}\",45m,\"{ex}\",{set},{kg:.1},{reps}.0,0,0.0,"
                )
                .expect("write");
                written += 1;
            }
        }
    }
    w.flush().expect("flush");
    println!("{workouts} {written}");
}
