//! `keel init [FILE]`: writes a commented profile, asking the few questions it needs in a
//! terminal, or taking flags (with defaults) when stdin is not one.

use crate::settings::{self, Global};
use anyhow::{bail, Context};
use jiff::civil::Date;
use jiff::ToSpan;
use keel_core::model::{
    Equipment, Experience, MovementScreen, RaceDistance, RunType, Strategy, Units, Weekday,
};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Write a new profile (asks questions in a terminal; flags otherwise).
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to write the profile; `-` writes it to standard output.
    #[arg(default_value = "profile.toml")]
    pub file: PathBuf,
    /// Overwrite FILE if it exists.
    #[arg(long)]
    pub force: bool,
    /// Ask the questions even when stdin is not a terminal (answers are read line by line).
    #[arg(long, conflicts_with = "no_input")]
    pub ask: bool,
    /// Never ask, even in a terminal: use the flags and the defaults.
    #[arg(long)]
    pub no_input: bool,
    /// The athlete's name [default: Runner].
    #[arg(long)]
    pub name: Option<String>,
    /// Age in years [default: 35].
    #[arg(long, value_parser = clap::value_parser!(u32).range(12..=100))]
    pub age: Option<u32>,
    /// Body mass in kilograms [default: 70].
    #[arg(long, value_name = "KG")]
    pub body_mass: Option<f64>,
    /// beginner, intermediate or advanced [default: intermediate].
    #[arg(long)]
    pub experience: Option<Experience>,
    /// Equipment, comma-separated: bodyweight, kettlebell, dumbbell, barbell, bench, band,
    /// machine [default: bodyweight].
    #[arg(long, value_delimiter = ',')]
    pub equipment: Vec<Equipment>,
    /// pass or fail: bodyweight squat, lunge and hip hinge through full range [default: pass].
    #[arg(long)]
    pub movement_screen: Option<MovementScreen>,
    /// km or mi [default: km].
    #[arg(long)]
    pub units: Option<Units>,
    /// Race distance (5k, 10k, half-marathon, marathon, ultra), or `none` [default: none].
    #[arg(long)]
    pub race: Option<RaceChoice>,
    /// Race day, YYYY-MM-DD [default: the Sunday about 16 weeks ahead].
    #[arg(long, value_name = "DATE")]
    pub race_date: Option<Date>,
    /// The usual running week, e.g. "mon=easy 40min,tue=intervals 60min,wed=rest,sat=long 1h40";
    /// `+` joins two runs on one day; days left out are rest days.
    #[arg(long, value_name = "DAYS")]
    pub week: Option<String>,
    /// stack (lift after quality runs) or easy (lift after easy runs) [default: stack].
    #[arg(long)]
    pub strategy: Option<Strategy>,
    /// Minutes per strength session [default: 40].
    #[arg(long, value_parser = clap::value_parser!(u32).range(10..=120))]
    pub session_minutes: Option<u32>,
    /// The date to count from (default: today), for the default race date and date checks.
    #[arg(long, value_name = "DATE")]
    pub today: Option<Date>,
}

/// `--race`: a distance, or no race.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RaceChoice(pub Option<RaceDistance>);

impl std::str::FromStr for RaceChoice {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim().to_ascii_lowercase();
        if matches!(s.as_str(), "none" | "no" | "fitness" | "") {
            return Ok(RaceChoice(None));
        }
        s.parse::<RaceDistance>()
            .map(|r| RaceChoice(Some(r)))
            .map_err(|_| {
                let mut ids = RaceDistance::ids();
                ids.push("none");
                let hint = keel_profile::closest(&s, &ids)
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default();
                format!("expected one of {}{hint}", ids.join(", "))
            })
    }
}

/// Everything the written profile holds.
#[derive(Debug, Clone, PartialEq)]
struct Answers {
    name: String,
    age: u32,
    body_mass_kg: f64,
    experience: Experience,
    equipment: Vec<Equipment>,
    movement_screen: MovementScreen,
    units: Units,
    strategy: Strategy,
    session_minutes: u32,
    race: Option<(RaceDistance, Date)>,
    /// Entries per day, Monday first, each already validated.
    week: [Vec<String>; 7],
}

const DEFAULT_WEEK: [&str; 7] = [
    "easy 40min",
    "intervals 50min",
    "rest",
    "tempo 40min",
    "easy 30min",
    "long 1h30",
    "rest",
];

impl InitArgs {
    pub fn run(self, _global: &Global) -> anyhow::Result<ExitCode> {
        let today = settings::today(self.today);
        let to_stdout = self.file.as_os_str() == "-";
        if !to_stdout && self.file.exists() && !self.force {
            bail!(
                "{} already exists; pass --force to overwrite it, or name another file",
                self.file.display()
            );
        }
        let defaults = self.answers_from_flags(today)?;
        let interactive = self.ask || (!self.no_input && std::io::stdin().is_terminal());
        let answers = if interactive {
            let stdin = std::io::stdin();
            let mut p = Prompter {
                input: stdin.lock(),
                out: std::io::stderr(),
            };
            ask_all(&mut p, defaults, today)?
        } else {
            defaults
        };
        let text = render(&answers, today);
        let name = if to_stdout {
            "<stdout>".to_string()
        } else {
            self.file.display().to_string()
        };
        // The promise of `init` is a file `keel plan` accepts: check it before writing.
        keel_profile::parse_profile_as_of(&name, &text, today)
            .context("internal error: the generated profile does not parse")?;
        if to_stdout {
            std::io::stdout()
                .write_all(text.as_bytes())
                .context("writing the profile to standard output")?;
        } else {
            std::fs::write(&self.file, &text)
                .with_context(|| format!("cannot write {}", self.file.display()))?;
            eprintln!(
                "Wrote {name}. Next: `keel plan {name}` (edit the file any time; every key is commented)."
            );
        }
        Ok(ExitCode::SUCCESS)
    }

    fn answers_from_flags(&self, today: Date) -> anyhow::Result<Answers> {
        let race = match self.race.and_then(|r| r.0) {
            Some(distance) => {
                let date = self.race_date.unwrap_or_else(|| default_race_date(today));
                check_race_date(date, today).context("--race-date")?;
                Some((distance, date))
            }
            None => {
                if self.race_date.is_some() {
                    bail!("--race-date needs --race (5k, 10k, half-marathon, marathon or ultra)");
                }
                None
            }
        };
        let week = match &self.week {
            Some(spec) => parse_week_flag(spec).context("--week")?,
            None => DEFAULT_WEEK.map(|d| vec![d.to_string()]),
        };
        let body_mass_kg = self.body_mass.unwrap_or(70.0);
        check_body_mass(body_mass_kg).context("--body-mass")?;
        let mut equipment = self.equipment.clone();
        if !equipment.contains(&Equipment::Bodyweight) {
            equipment.insert(0, Equipment::Bodyweight);
        }
        equipment.dedup();
        let name = self.name.clone().unwrap_or_else(|| "Runner".to_string());
        if name.trim().is_empty() {
            bail!("--name must not be empty");
        }
        Ok(Answers {
            name: name.trim().to_string(),
            age: self.age.unwrap_or(35),
            body_mass_kg,
            experience: self.experience.unwrap_or(Experience::Intermediate),
            equipment,
            movement_screen: self.movement_screen.unwrap_or(MovementScreen::Pass),
            units: self.units.unwrap_or(Units::Km),
            strategy: self.strategy.unwrap_or(Strategy::Stack),
            session_minutes: self.session_minutes.unwrap_or(40),
            race,
            week,
        })
    }
}

/// The Sunday at least 16 weeks after `today`: a typical block for a first plan.
fn default_race_date(today: Date) -> Date {
    let d = today.saturating_add(16.weeks());
    let to_sunday = (6 - Weekday::of(d).index() as i64).days();
    d.saturating_add(to_sunday)
}

fn check_race_date(date: Date, today: Date) -> anyhow::Result<()> {
    if date <= today {
        bail!("the race date {date} is not after today ({today})");
    }
    if date > today.saturating_add(2.years()) {
        bail!("the race date {date} is more than 2 years ahead (today is {today})");
    }
    Ok(())
}

fn check_body_mass(kg: f64) -> anyhow::Result<()> {
    if !(25.0..=250.0).contains(&kg) {
        bail!("body mass {kg} kg is out of range: expected 25 to 250 kg");
    }
    Ok(())
}

/// Reads `mon=easy 40min,tue=intervals 60min+easy 20min,...`; days left out are rest days.
fn parse_week_flag(spec: &str) -> anyhow::Result<[Vec<String>; 7]> {
    let mut week: [Vec<String>; 7] = Default::default();
    let mut seen = [false; 7];
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((day, entries)) = part.split_once('=') else {
            bail!("`{part}`: expected DAY=ENTRY, e.g. `mon=easy 40min`");
        };
        let day = day.trim().to_ascii_lowercase();
        let weekday: Weekday = day.parse().map_err(|_| {
            let hint = keel_profile::closest(&day, &Weekday::ids())
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            anyhow::anyhow!(
                "unknown day `{day}`: expected one of {}{hint}",
                Weekday::ids().join(", ")
            )
        })?;
        if seen[weekday.index()] {
            bail!("`{day}` is given twice");
        }
        seen[weekday.index()] = true;
        for entry in entries.split('+').map(str::trim) {
            week[weekday.index()].push(validate_run(entry).with_context(|| day.clone())?);
        }
    }
    for day in &mut week {
        if day.is_empty() {
            day.push("rest".to_string());
        }
    }
    check_running_days(&week)?;
    Ok(week)
}

/// A run entry as the profile will hold it, or the parser's message.
fn validate_run(entry: &str) -> anyhow::Result<String> {
    match keel_profile::parse_run_entry(entry) {
        Ok(_) => Ok(entry.split_whitespace().collect::<Vec<_>>().join(" ")),
        Err(e) => Err(anyhow::anyhow!("{}", e.kind)),
    }
}

fn check_running_days(week: &[Vec<String>; 7]) -> anyhow::Result<()> {
    let runs = week.iter().flatten().any(|e| {
        keel_profile::parse_run_entry(e)
            .is_ok_and(|r| !matches!(r.run_type, RunType::Rest | RunType::Cross))
    });
    if !runs {
        bail!("no running days: at least one day needs a run, e.g. `mon=easy 40min`");
    }
    Ok(())
}

/// Asks questions on `out` and reads answers from `input`, one line each.
struct Prompter<R, W> {
    input: R,
    out: W,
}

impl<R: BufRead, W: Write> Prompter<R, W> {
    /// Asks until `parse` accepts the answer (empty means the default).
    fn ask<T>(
        &mut self,
        question: &str,
        default: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> anyhow::Result<T> {
        for _ in 0..5 {
            write!(self.out, "{question} [{default}]: ")?;
            self.out.flush()?;
            let mut line = String::new();
            if self.input.read_line(&mut line)? == 0 {
                bail!("input ended before the profile was complete (no file written)");
            }
            let answer = line.trim();
            let answer = if answer.is_empty() { default } else { answer };
            match parse(answer) {
                Ok(v) => return Ok(v),
                Err(msg) => writeln!(self.out, "  {msg}")?,
            }
        }
        bail!("no valid answer to \"{question}\" after 5 tries (no file written)")
    }
}

fn word<'a, T: std::str::FromStr>(
    ids: &'a [&'static str],
) -> impl Fn(&str) -> Result<T, String> + 'a {
    move |s: &str| {
        let s = s.trim().to_ascii_lowercase();
        s.parse::<T>().map_err(|_| {
            let hint = keel_profile::closest(&s, ids)
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default();
            format!("expected one of {}{hint}", ids.join(", "))
        })
    }
}

fn ask_all<R: BufRead, W: Write>(
    p: &mut Prompter<R, W>,
    d: Answers,
    today: Date,
) -> anyhow::Result<Answers> {
    writeln!(
        p.out,
        "A few questions for your profile; press Enter to keep the value in brackets."
    )?;
    let name = p.ask("Your name", &d.name, |s| Ok(s.trim().to_string()))?;
    let age = p.ask("Age in years", &d.age.to_string(), |s| {
        match s.parse::<u32>() {
            Ok(a) if (12..=100).contains(&a) => Ok(a),
            _ => Err("expected a whole number of years from 12 to 100".into()),
        }
    })?;
    let body_mass_kg = p.ask(
        "Body mass in kg (for protein and carbohydrate guidance)",
        &format!("{}", d.body_mass_kg),
        |s| match s.parse::<f64>() {
            Ok(kg) if check_body_mass(kg).is_ok() => Ok(kg),
            _ => Err("expected a number of kilograms from 25 to 250".into()),
        },
    )?;
    let experience = p.ask(
        "Strength training experience (beginner, intermediate, advanced)",
        d.experience.as_str(),
        word::<Experience>(&Experience::ids()),
    )?;
    let current: Vec<&str> = d.equipment.iter().map(|e| e.as_str()).collect();
    let ids = Equipment::ids();
    let equipment = p.ask(
        "Equipment, comma-separated (bodyweight, kettlebell, dumbbell, barbell, bench, band, machine)",
        &current.join(","),
        |s| {
            let mut out = vec![Equipment::Bodyweight];
            for item in s.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                let e = word::<Equipment>(&ids)(item).map_err(|m| format!("`{item}`: {m}"))?;
                if !out.contains(&e) {
                    out.push(e);
                }
            }
            Ok(out)
        },
    )?;
    let movement_screen = p.ask(
        "Movement screen: can you do a bodyweight squat, a lunge and a hip hinge with good form \
         through full range? pass or fail (fail: bodyweight and mobility work only until it passes)",
        d.movement_screen.as_str(),
        |s| {
            let s = s.trim().to_ascii_lowercase();
            match s.as_str() {
                "yes" | "y" => Ok(MovementScreen::Pass),
                "no" | "n" => Ok(MovementScreen::Fail),
                _ => word::<MovementScreen>(&MovementScreen::ids())(&s),
            }
        },
    )?;
    let race_default = d.race.map_or("none", |(r, _)| r.as_str());
    let race = p.ask(
        "Race distance (5k, 10k, half-marathon, marathon, ultra) or none",
        race_default,
        |s| s.parse::<RaceChoice>().map(|r| r.0),
    )?;
    let race = match race {
        Some(distance) => {
            let default = d.race.map_or(default_race_date(today), |(_, date)| date);
            let date = p.ask("Race date (YYYY-MM-DD)", &default.to_string(), |s| {
                let date: Date = s
                    .parse()
                    .map_err(|_| "expected a date like 2027-04-25".to_string())?;
                check_race_date(date, today).map_err(|e| e.to_string())?;
                Ok(date)
            })?;
            Some((distance, date))
        }
        None => None,
    };
    writeln!(
        p.out,
        "Your usual running week, day by day: TYPE DURATION or TYPE DISTANCE (easy, recovery, \
         intervals, tempo, hills, long, cross), e.g. `easy 40min`, `long 1h30`, `easy 8km`, or `rest`; \
         `+` joins two runs."
    )?;
    let mut week: [Vec<String>; 7] = Default::default();
    loop {
        for day in Weekday::ALL {
            let default = d.week[day.index()].join(" + ");
            week[day.index()] = p.ask(day.name(), &default, |s| {
                s.split('+')
                    .map(|e| validate_run(e.trim()).map_err(|e| e.to_string()))
                    .collect()
            })?;
        }
        match check_running_days(&week) {
            Ok(()) => break,
            Err(e) => writeln!(p.out, "  {e}; once more:")?,
        }
    }
    let strategy = p.ask(
        "Placement strategy: stack (lift after quality runs) or easy (lift after easy runs)",
        d.strategy.as_str(),
        word::<Strategy>(&Strategy::ids()),
    )?;
    Ok(Answers {
        name,
        age,
        body_mass_kg,
        experience,
        equipment,
        movement_screen,
        strategy,
        race,
        week,
        ..d
    })
}

/// A TOML basic string for any text (quotes and control characters escaped).
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The commented profile.
fn render(a: &Answers, today: Date) -> String {
    let mut out = String::new();
    let mut line = |text: &str, comment: &str| {
        out.push_str(text);
        if !comment.is_empty() {
            out.push_str(&pad(text));
            out.push_str("# ");
            out.push_str(comment);
        }
        out.push('\n');
    };
    line(
        &format!("# keel profile, written by `keel init` on {today}."),
        "",
    );
    line(
        "# `keel plan <this file>` reads it; edit it any time. The README documents every key.",
        "",
    );
    line("", "");
    line("[athlete]", "");
    line(&format!("name = {}", toml_string(&a.name)), "");
    line(&format!("age = {}", a.age), "years");
    line(
        &format!("body_mass_kg = {:.1}", a.body_mass_kg),
        "for protein and carbohydrate guidance",
    );
    line(
        &format!("experience = \"{}\"", a.experience),
        "beginner | intermediate | advanced",
    );
    let equipment: Vec<String> = a
        .equipment
        .iter()
        .map(|e| toml_string(e.as_str()))
        .collect();
    line(&format!("equipment = [{}]", equipment.join(", ")), "");
    line(
        "# equipment: bodyweight, kettlebell, dumbbell, barbell, bench, band, machine",
        "",
    );
    line(
        &format!("movement_screen = \"{}\"", a.movement_screen),
        "pass | fail: bodyweight squat, lunge, hip hinge, full range",
    );
    line(&format!("units = \"{}\"", a.units), "km | mi");
    line("", "");
    line("[preferences]", "");
    line(
        &format!("strategy = \"{}\"", a.strategy),
        "stack: lift after quality runs | easy: after easy runs",
    );
    line(
        &format!("session_minutes = {}", a.session_minutes),
        "per strength session, warm-up included",
    );
    line(
        "# correcting_weakness = true",
        "allows a 3rd session in the base phase",
    );
    line("", "");
    line("[goal]", "");
    match a.race {
        Some((race, date)) => {
            line(
                &format!("race = \"{race}\""),
                "5k | 10k | half-marathon | marathon | ultra",
            );
            line(&format!("race_date = \"{date}\""), "");
        }
        None => {
            line(
                "kind = \"fitness\"",
                "no race (or \"off-season\"); for a race:",
            );
            line(
                "# race = \"half-marathon\"",
                "5k | 10k | half-marathon | marathon | ultra",
            );
            line("# race_date = \"YYYY-MM-DD\"", "");
        }
    }
    line("", "");
    line("[plan]", "");
    line(
        "# start = \"YYYY-MM-DD\"",
        "a Monday; default: the Monday after today",
    );
    line("", "");
    line(
        "# The usual running week: TYPE DURATION or TYPE DISTANCE (`40min`, `1h15`, `8km`, `5mi`),",
        "",
    );
    line(
        "# \"rest\", or a list of runs in order. Types: easy, recovery, intervals, tempo, hills, long,",
        "",
    );
    line("# race, cross. keel places strength around these runs.", "");
    line("[week]", "");
    for day in Weekday::ALL {
        let entries = &a.week[day.index()];
        let value = if entries.len() == 1 {
            toml_string(&entries[0])
        } else {
            let items: Vec<String> = entries.iter().map(|e| toml_string(e)).collect();
            format!("[{}]", items.join(", "))
        };
        line(&format!("{} = {value}", day.as_str()), "");
    }
    line(
        "# weekly_km = 45",
        "optional; derived from the days when absent",
    );
    line("", "");
    line(
        "# Single weeks that differ from the usual one, e.g. a tune-up race:",
        "",
    );
    line("# [[weeks]]", "");
    line("# week = 7", "");
    line("# sat = \"race 10km\"", "");
    out
}

/// Spaces that line a trailing comment up at column 37.
fn pad(before: &str) -> String {
    " ".repeat(36usize.saturating_sub(before.chars().count()).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn defaults() -> Answers {
        Answers {
            name: "Runner".into(),
            age: 35,
            body_mass_kg: 70.0,
            experience: Experience::Intermediate,
            equipment: vec![Equipment::Bodyweight],
            movement_screen: MovementScreen::Pass,
            units: Units::Km,
            strategy: Strategy::Stack,
            session_minutes: 40,
            race: None,
            week: DEFAULT_WEEK.map(|d| vec![d.to_string()]),
        }
    }

    #[test]
    fn the_week_flag_reads_days_lists_and_defaults_to_rest() {
        let w = parse_week_flag("mon=easy 40min, wed=easy 30min+recovery 20min,Sat=long 1h40")
            .expect("valid");
        assert_eq!(w[0], vec!["easy 40min"]);
        assert_eq!(w[1], vec!["rest"]);
        assert_eq!(w[2], vec!["easy 30min", "recovery 20min"]);
        assert_eq!(w[5], vec!["long 1h40"]);
    }

    #[test]
    fn the_week_flag_rejects_bad_days_and_entries() {
        let e = parse_week_flag("monday=easy 40min").expect_err("day");
        assert!(format!("{e:#}").contains("did you mean `mon`"), "{e:#}");
        let e = parse_week_flag("mon=tempo-run 40min").expect_err("type");
        assert!(format!("{e:#}").contains("did you mean `tempo`"), "{e:#}");
        assert!(parse_week_flag("mon=rest,tue=cross 30min").is_err());
        assert!(parse_week_flag("mon=easy 40min,mon=easy 30min").is_err());
    }

    #[test]
    fn the_default_race_date_is_a_sunday_16_weeks_on() {
        let d = default_race_date(date(2026, 11, 22));
        assert_eq!(Weekday::of(d), Weekday::Sun);
        assert_eq!(d, date(2027, 3, 14));
    }

    #[test]
    fn answers_are_asked_with_defaults_and_bad_answers_asked_again() {
        let input = "Zoë \"Z\" Doe\n200\n41\n\nexpert\nadvanced\nkettlebel, dumbbell\n\
                     kettlebell, dumbbell\nmaybe\nfail\nhalf\nhalf-marathon\n2027-05-02\n\n\n\
                     tempo-run 40min\ntempo 45min\n\n\nlong 2h\n\neasy\n";
        let mut p = Prompter {
            input: input.as_bytes(),
            out: Vec::new(),
        };
        let a = ask_all(&mut p, defaults(), date(2026, 11, 22));
        let shown = String::from_utf8(p.out).expect("utf8");
        let a = a.expect(&shown);
        assert_eq!(a.name, "Zoë \"Z\" Doe");
        assert_eq!(a.age, 41, "200 is refused, 41 accepted");
        assert_eq!(a.body_mass_kg, 70.0);
        assert_eq!(a.experience, Experience::Advanced);
        assert!(shown.contains("did you mean `kettlebell`"), "{shown}");
        assert!(shown.contains("Movement screen: "), "{shown}");
        assert_eq!(
            a.movement_screen,
            MovementScreen::Fail,
            "maybe is asked again"
        );
        assert!(shown.contains("did you mean `half-marathon`"), "{shown}");
        assert!(shown.contains("did you mean `tempo`"), "{shown}");
        assert!(shown.contains("Age in years [35]: "), "{shown}");
        assert_eq!(a.race, Some((RaceDistance::Half, date(2027, 5, 2))));
        assert_eq!(a.week[2], vec!["tempo 45min"]);
        assert_eq!(a.week[5], vec!["long 2h"]);
        assert_eq!(a.strategy, Strategy::Easy);
        let text = render(&a, date(2026, 11, 22));
        let p = keel_profile::parse_profile("gen.toml", &text).expect(&text);
        assert_eq!(p.athlete.name, "Zoë \"Z\" Doe");
    }

    #[test]
    fn running_out_of_input_is_an_error_not_a_default() {
        let mut p = Prompter {
            input: "Alex\n".as_bytes(),
            out: Vec::new(),
        };
        let e = ask_all(&mut p, defaults(), date(2026, 11, 22)).expect_err("eof");
        assert!(e.to_string().contains("input ended"));
    }

    #[test]
    fn the_rendered_profile_parses_back_to_the_answers() {
        let mut a = defaults();
        a.race = Some((RaceDistance::Marathon, date(2027, 4, 25)));
        a.equipment = vec![Equipment::Bodyweight, Equipment::Barbell];
        a.week[2] = vec!["easy 30min".into(), "recovery 20min".into()];
        let text = render(&a, date(2026, 11, 22));
        let p =
            keel_profile::parse_profile_as_of("gen.toml", &text, date(2026, 11, 22)).expect(&text);
        assert_eq!(p.athlete.age, 35);
        assert!(p.athlete.has(Equipment::Barbell));
        assert_eq!(p.week[2].len(), 2);
        assert_eq!(
            p.goal,
            keel_core::model::Goal::Race {
                race: RaceDistance::Marathon,
                date: date(2027, 4, 25)
            }
        );
        let text = render(&defaults(), date(2026, 11, 22));
        let p = keel_profile::parse_profile("gen.toml", &text).expect(&text);
        assert_eq!(p.goal, keel_core::model::Goal::Fitness);
    }
}
