//! Fills a PostgreSQL database with synthetic athletes for `bench/coach.sh`: each with a
//! stored profile (races, ages, equipment, weekly distances, start weeks and time zones
//! drawn at random), a year of runs, strength workouts with their sets, and daily
//! check-ins, loaded with COPY (no per-second samples).
//!
//!   cargo run --release -p keel-store --example coach_seed -- URL N TODAY
//!
//! Deterministic: athlete i's data comes from a generator seeded with i, so every run
//! builds the same database. The database must hold no athletes yet.

use std::io::Write;

use jiff::civil::Date;
use jiff::ToSpan;
use keel_store::PgDatabase;

/// splitmix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03))
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// What an athlete is like: drawn once from the athlete's seed.
struct Athlete {
    name: String,
    toml: String,
    weekly_km: i64,
    runs_per_week: i64,
    lifts_per_week: i64,
}

const RACES: [&str; 7] = [
    "5k",
    "10k",
    "half-marathon",
    "marathon",
    "ultra",
    "fitness",
    "off-season",
];
const ZONES: [&str; 6] = [
    "Europe/Paris",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "Australia/Sydney",
    "UTC",
];
const EXERCISES: [&str; 10] = [
    "goblet-squat",
    "romanian-deadlift",
    "split-squat",
    "calf-raise",
    "push-up",
    "bent-over-row",
    "plank",
    "glute-bridge",
    "step-up",
    "overhead-press",
];

fn athlete(i: u64, today: Date) -> Athlete {
    let mut r = Rng::new(i, 1);
    let age = r.range(18, 70);
    let mass = r.range(48, 95);
    let experience = *r.pick(&["beginner", "intermediate", "advanced"]);
    let mut equipment = vec!["bodyweight"];
    for e in [
        "kettlebell",
        "dumbbell",
        "barbell",
        "bench",
        "band",
        "machine",
    ] {
        if r.chance(0.4) {
            equipment.push(e);
        }
    }
    let weekly_km = r.range(20, 100);
    let race = *r.pick(&RACES);
    // Seasons started up to 20 weeks ago (a few start next week), on a Monday.
    let monday = today.saturating_sub(i64::from(today.weekday().to_monday_zero_offset()).days());
    let start = monday.saturating_add((r.range(-20, 1) * 7).days());
    let goal = match race {
        "fitness" | "off-season" => format!("kind = \"{race}\""),
        _ => {
            let weeks = r.range(10, 30);
            let race_day = start.saturating_add((weeks * 7 + 6).days());
            format!("race = \"{race}\"\nrace_date = \"{race_day}\"")
        }
    };
    let long = (weekly_km as f64 * 0.3).round() as i64;
    let easy = (weekly_km as f64 * 0.15).round().max(3.0) as i64;
    let week =
        format!(
        "mon = \"easy {easy}km\"\ntue = \"intervals {}min\"\nwed = \"{}\"\nthu = \"tempo {}min\"\n\
         fri = \"rest\"\nsat = \"long {long}km\"\nsun = \"easy {easy}km\"\nweekly_km = {weekly_km}",
        r.range(45, 70),
        if r.chance(0.5) { "rest".to_string() } else { format!("recovery {}min", r.range(20, 40)) },
        r.range(35, 60),
    );
    let zone = *r.pick(&ZONES);
    let name = format!("Athlete {i}");
    let toml = format!(
        "[athlete]\nname = \"{name}\"\nage = {age}\nbody_mass_kg = {mass}\nexperience = \"{experience}\"\n\
         equipment = [{}]\n\n[preferences]\nstrategy = \"{}\"\nsession_minutes = {}\n\n[goal]\n{goal}\n\n\
         [plan]\nstart = \"{start}\"\n\n[week]\n{week}\n\n[schedule]\ntime_zone = \"{zone}\"\n",
        equipment.iter().map(|e| format!("\"{e}\"")).collect::<Vec<_>>().join(", "),
        r.pick(&["stack", "easy"]),
        r.pick(&[30, 40, 45, 60]),
    );
    Athlete {
        name,
        toml,
        weekly_km,
        runs_per_week: r.range(3, 6),
        lifts_per_week: r.range(1, 3),
    }
}

/// The days of the year before `today` (oldest first).
fn year(today: Date) -> impl Iterator<Item = Date> {
    (1..=365i64)
        .rev()
        .map(move |d| today.saturating_sub(d.days()))
}

fn tsv_null(v: Option<String>) -> String {
    v.unwrap_or_else(|| "\\N".into())
}

fn copy(
    c: &mut postgres::Client,
    sql: &str,
    rows: impl FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<u64, Box<dyn std::error::Error>> {
    let mut rows = rows;
    let mut w = c.copy_in(sql)?;
    {
        let mut buf = std::io::BufWriter::with_capacity(1 << 20, &mut w);
        rows(&mut buf)?;
        buf.flush()?;
    }
    Ok(w.finish()?)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(url), Some(n), Some(today)) = (args.get(1), args.get(2), args.get(3)) else {
        eprintln!("usage: coach_seed URL N TODAY");
        std::process::exit(2);
    };
    let n: u64 = n.parse()?;
    let today: Date = today.parse()?;
    // Migrates the schema.
    drop(PgDatabase::connect(url)?);
    let mut c = postgres::Client::connect(url, postgres::NoTls)?;
    let existing: i64 = c.query_one("SELECT count(*) FROM athletes", &[])?.get(0);
    if existing > 0 {
        eprintln!("coach_seed: the database holds {existing} athletes already");
        std::process::exit(2);
    }
    let created = "2026-01-01 00:00:00+00";
    let t0 = std::time::Instant::now();
    let step = |what: &str, rows: u64| {
        eprintln!(
            "  {what}: {rows} rows ({:.1} s)",
            t0.elapsed().as_secs_f64()
        );
    };
    let rows = copy(
        &mut c,
        "COPY athletes (id, name, created_at) FROM STDIN",
        |w| {
            for i in 1..=n {
                writeln!(w, "{i}\t{}\t{created}", athlete(i, today).name)?;
            }
            Ok(())
        },
    )?;
    step("athletes", rows);
    let rows = copy(
        &mut c,
        "COPY data_version (athlete_id, version) FROM STDIN",
        |w| {
            for i in 1..=n {
                writeln!(w, "{i}\t0")?;
            }
            Ok(())
        },
    )?;
    step("data versions", rows);
    let rows = copy(
        &mut c,
        "COPY profiles (id, athlete_id, source, toml, set_at) FROM STDIN (FORMAT csv)",
        |w| {
            for i in 1..=n {
                let a = athlete(i, today);
                let toml = a.toml.replace('"', "\"\"");
                writeln!(w, "{i},{i},profile.toml,\"{toml}\",{created}")?;
            }
            Ok(())
        },
    )?;
    step("profiles", rows);
    let mut id = 0u64;
    let rows = copy(
        &mut c,
        "COPY activities (id, athlete_id, source, sport, name, start_at, elapsed_s, moving_s, \
         distance_m, avg_hr, max_hr, rpe, run_type, sample_count, richness, created_at) FROM STDIN",
        |w| {
            for i in 1..=n {
                let a = athlete(i, today);
                let mut r = Rng::new(i, 2);
                for d in year(today) {
                    if (r.below(7) as i64) >= a.runs_per_week {
                        continue;
                    }
                    id += 1;
                    let km = (a.weekly_km as f64 / a.runs_per_week as f64)
                        * (0.6 + r.below(80) as f64 / 100.0);
                    let pace = 300.0 + r.below(120) as f64; // s per km
                    let secs = (km * pace).round();
                    let hour = r.range(5, 19);
                    let hr = r.range(125, 165);
                    let rpe = if r.chance(0.3) {
                        Some(format!("{}", r.range(2, 9)))
                    } else {
                        None
                    };
                    let kind = *r.pick(&["easy", "easy", "long", "tempo", "intervals", "recovery"]);
                    writeln!(
                        w,
                        "{id}\t{i}\trun-{id}.fit\trun\t\\N\t{d} {hour:02}:{:02}:00+00\t{secs}\t{secs}\t{:.1}\t{hr}\t{}\t{}\t{kind}\t0\t{}\t{created}",
                        r.below(60),
                        km * 1000.0,
                        hr + 15,
                        tsv_null(rpe),
                        (1i64 << 52) + 5,
                    )?;
                }
            }
            Ok(())
        },
    )?;
    step("activities", rows);
    // Workouts and their sets: the same draws in both passes, so ids line up.
    let workouts = |i: u64, a: &Athlete| {
        let mut r = Rng::new(i, 3);
        let mut out = Vec::new();
        for d in year(today) {
            if (r.below(7) as i64) < a.lifts_per_week {
                let sets = r.range(4, 6);
                out.push((d, r.range(16, 19), sets, r.next()));
            }
        }
        out
    };
    let mut id = 0u64;
    let rows = copy(
        &mut c,
        "COPY strength_workouts (id, athlete_id, source, date, start_at, name, duration_s, rpe, \
         created_at) FROM STDIN",
        |w| {
            for i in 1..=n {
                let a = athlete(i, today);
                for (d, hour, sets, _) in workouts(i, &a) {
                    id += 1;
                    writeln!(
                        w,
                        "{id}\t{i}\tstrong.csv\t{d}\t{d} {hour:02}:00:00+00\tStrength\t{}\t\\N\t{created}",
                        sets * 180
                    )?;
                }
            }
            Ok(())
        },
    )?;
    step("strength workouts", rows);
    let mut id = 0u64;
    let rows = copy(
        &mut c,
        "COPY strength_sets (workout_id, ord, exercise, weight_kg, reps, rir, set_type) FROM STDIN",
        |w| {
            for i in 1..=n {
                let a = athlete(i, today);
                for (_, _, sets, seed) in workouts(i, &a) {
                    id += 1;
                    let mut r = Rng::new(seed, 4);
                    let ex = *r.pick(&EXERCISES);
                    let kg = 8 + 2 * r.range(0, 20);
                    for ord in 1..=sets {
                        writeln!(
                            w,
                            "{id}\t{ord}\t{ex}\t{kg}\t{}\t{}\tnormal",
                            r.range(6, 12),
                            r.range(0, 3)
                        )?;
                    }
                }
            }
            Ok(())
        },
    )?;
    step("strength sets", rows);
    let rows = copy(
        &mut c,
        "COPY checkins (athlete_id, date, sleep_h, sleep_quality, fatigue, soreness_legs, \
         soreness_upper, mood, stress, motivation, ill, recorded_at) FROM STDIN",
        |w| {
            for i in 1..=n {
                let mut r = Rng::new(i, 5);
                let tired = r.chance(0.15);
                for d in year(today) {
                    if !r.chance(0.8) {
                        continue;
                    }
                    let bad = |r: &mut Rng| {
                        if tired && r.chance(0.6) {
                            r.range(4, 5)
                        } else {
                            r.range(1, 3)
                        }
                    };
                    writeln!(
                        w,
                        "{i}\t{d}\t{:.1}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{d} 07:00:00+00",
                        5.0 + r.below(40) as f64 / 10.0,
                        r.range(1, 4),
                        bad(&mut r),
                        bad(&mut r),
                        r.range(1, 3),
                        r.range(1, 4),
                        r.range(1, 4),
                        r.range(1, 3),
                        if r.chance(0.01) { "t" } else { "f" },
                    )?;
                }
            }
            Ok(())
        },
    )?;
    step("check-ins", rows);
    c.batch_execute(
        "SELECT setval(pg_get_serial_sequence('athletes', 'id'), (SELECT max(id) FROM athletes));
         SELECT setval(pg_get_serial_sequence('profiles', 'id'), (SELECT max(id) FROM profiles));
         SELECT setval(pg_get_serial_sequence('activities', 'id'), coalesce((SELECT max(id) FROM activities), 1));
         SELECT setval(pg_get_serial_sequence('strength_workouts', 'id'), coalesce((SELECT max(id) FROM strength_workouts), 1));
         ANALYZE;",
    )?;
    eprintln!("  done in {:.1} s", t0.elapsed().as_secs_f64());
    Ok(())
}
