//! `protein` and `carbohydrate` for one planned day.

use crate::plan::Why;
use crate::rules::carbohydrate::{self, DayLoad};
use serde::{Deserialize, Serialize};

/// A day's fuel targets in grams for the athlete, with the reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayFuel {
    /// How much training the day holds.
    pub load: DayLoad,
    /// Protein, grams, [low, high].
    pub protein_g: [u32; 2],
    /// Carbohydrate, grams, [low, high].
    pub carbohydrate_g: [u32; 2],
    /// Reasons (`protein`, `carbohydrate`).
    pub why: Vec<Why>,
}

/// Protein and carbohydrate for one planned day (research.md, Fuel): protein 1.6-2.2 g/kg
/// every day; carbohydrate by the day's training time ([`carbohydrate::day_load`]): 3-5 g/kg
/// on rest and light days, 5-7 on about an hour, 6-10 on 90 min to 4 h, 8-12 beyond.
///
/// Invariant: low <= high in both ranges; a non-positive or non-finite body mass gives zeros.
pub fn day_fuel(body_mass_kg: f64, day: &crate::plan::PlanDay) -> DayFuel {
    let mass = if body_mass_kg.is_finite() && body_mass_kg > 0.0 {
        body_mass_kg
    } else {
        0.0
    };
    let load = carbohydrate::day_load(day);
    let [lo, hi] = load.g_per_kg();
    let what = match load {
        DayLoad::Rest => "a rest day",
        DayLoad::Light => "a light day",
        DayLoad::Moderate => "a moderate day (about an hour of training)",
        DayLoad::High => "a long day (90 min to 4 h of training)",
        DayLoad::VeryHigh => "a very long day (over 4 h)",
    };
    let g = |k: f64| (k * mass).round() as u32;
    DayFuel {
        load,
        protein_g: [g(1.6), g(2.2)],
        carbohydrate_g: [g(lo), g(hi)],
        why: vec![
            Why::new(
                "protein",
                format!(
                    "1.6-2.2 g protein per kg body mass: {}-{} g.",
                    g(1.6),
                    g(2.2)
                ),
            ),
            Why::new(
                "carbohydrate",
                format!(
                    "{lo:.0}-{hi:.0} g carbohydrate per kg on {what}: {}-{} g.",
                    g(lo),
                    g(hi)
                ),
            ),
        ],
    }
}
