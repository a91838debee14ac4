//! `carbohydrate`: scaled with the day's training time and intensity: rest and light days
//! 3-5 g/kg; about an hour of moderate training 5-7 g/kg; 1.5-4 h of moderate to hard training
//! 6-10 g/kg; more than 4 h 8-12 g/kg. A 60-minute long run is a moderate day; easy minutes
//! weigh three quarters ([`training_minutes`]).

use crate::model::{Focus, RunType};
use crate::plan::{CarbDay, PlanDay, PlanWeek, Session};

/// The rule id.
pub const ID: &str = "carbohydrate";

/// Grams per kg on moderate days.
pub const MODERATE_G_PER_KG: [f64; 2] = [5.0, 7.0];

/// Grams per kg on long-run and high-volume days.
pub const HIGH_G_PER_KG: [f64; 2] = [6.0, 10.0];

pub use crate::model::DayLoad;

impl DayLoad {
    /// Grams of carbohydrate per kg of body mass, [low, high].
    pub fn g_per_kg(self) -> [f64; 2] {
        match self {
            DayLoad::Rest | DayLoad::Light => [3.0, 5.0],
            DayLoad::Moderate => MODERATE_G_PER_KG,
            DayLoad::High => HIGH_G_PER_KG,
            DayLoad::VeryHigh => [8.0, 12.0],
        }
    }

    /// The kind of day in words.
    pub fn describe(self) -> &'static str {
        match self {
            DayLoad::Rest => "rest days",
            DayLoad::Light => "light days (under 45 min)",
            DayLoad::Moderate => "days of about an hour's training",
            DayLoad::High => "days of 90 min to 4 h",
            DayLoad::VeryHigh => "days over 4 h",
        }
    }
}

/// Training minutes of a planned day weighted by intensity: hard runs, races and strength
/// (other than mobility) count in full, easy and recovery runs and cross-training three
/// quarters (45 min of easy cross-training is a light day, 60 min of long run a moderate one).
pub fn training_minutes(day: &PlanDay) -> u32 {
    let weighted: f64 = day
        .sessions
        .iter()
        .map(|s| match s {
            Session::Run(r) if r.run_type.is_hard() => f64::from(r.minutes),
            Session::Run(r) if r.run_type != RunType::Rest => 0.75 * f64::from(r.minutes),
            Session::Strength(st) if st.focus != Focus::Mobility => f64::from(st.minutes),
            _ => 0.0,
        })
        .sum();
    weighted.round() as u32
}

/// How much training a planned day holds, by its minutes.
pub fn day_load(day: &PlanDay) -> DayLoad {
    let total = training_minutes(day);
    let only_mobility = !day.sessions.is_empty() && total == 0;
    match total {
        _ if only_mobility => DayLoad::Light,
        0 => DayLoad::Rest,
        1..=44 => DayLoad::Light,
        45..=89 => DayLoad::Moderate,
        90..=240 => DayLoad::High,
        _ => DayLoad::VeryHigh,
    }
}

/// Grams a day for a body mass, rounded, [low, high].
pub fn grams_for(body_mass_kg: f64, load: DayLoad) -> [u32; 2] {
    let m = if body_mass_kg.is_finite() {
        body_mass_kg.max(0.0)
    } else {
        0.0
    };
    load.g_per_kg().map(|g| (g * m).round() as u32)
}

/// Grams a day on moderate days and on high days, rounded.
pub fn grams(body_mass_kg: f64) -> ([u32; 2], [u32; 2]) {
    (
        grams_for(body_mass_kg, DayLoad::Moderate),
        grams_for(body_mass_kg, DayLoad::High),
    )
}

/// The kinds of day the plan holds, lightest first, with their carbohydrate.
pub fn season_days(body_mass_kg: f64, weeks: &[PlanWeek]) -> Vec<CarbDay> {
    let mut counts = [0u32; 5];
    for d in weeks.iter().flat_map(|w| &w.days) {
        counts[day_load(d) as usize] += 1;
    }
    // Rest and light days share their range: one line for both.
    let light = counts[0] + counts[1];
    let mut out = Vec::new();
    for (load, n) in [
        (DayLoad::Light, light),
        (DayLoad::Moderate, counts[2]),
        (DayLoad::High, counts[3]),
        (DayLoad::VeryHigh, counts[4]),
    ] {
        if n > 0 {
            out.push(CarbDay {
                day: load,
                g_per_kg: load.g_per_kg(),
                grams: grams_for(body_mass_kg, load),
                days: n,
            });
        }
    }
    out
}

/// The season's carbohydrate in a sentence.
pub fn season_text(body_mass_kg: f64, weeks: &[PlanWeek]) -> String {
    let parts: Vec<String> = season_days(body_mass_kg, weeks)
        .iter()
        .map(|c| {
            let what = if c.day == DayLoad::Light {
                "rest and light days"
            } else {
                c.day.describe()
            };
            format!(
                "{}-{} g on {what} ({:.0}-{:.0} g/kg)",
                c.grams[0], c.grams[1], c.g_per_kg[0], c.g_per_kg[1]
            )
        })
        .collect();
    format!(
        "Carbohydrate follows the day's training: {}; a 60 min long run is a moderate day.",
        crate::text::join_and(&parts)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_two_kg() {
        assert_eq!(grams(62.0), ([310, 434], [372, 620]));
        assert_eq!(grams_for(81.0, DayLoad::Moderate), [405, 567]);
        assert_eq!(grams_for(f64::NAN, DayLoad::High), [0, 0]);
    }
}
