//! `protein` and `carbohydrate` for one planned day.

use crate::model::{Focus, RunType};
use crate::plan::{Session, Why};
use serde::{Deserialize, Serialize};

crate::model::id_enum! {
    /// How much training a day holds, for carbohydrate guidance (`carbohydrate`).
    DayLoad {
        /// A rest day.
        Rest = "rest",
        /// Under 45 minutes of training, or only mobility.
        Light = "light",
        /// About an hour of training.
        Moderate = "moderate",
        /// A long run or race, or 90 minutes of running or more.
        High = "high",
    }
}

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
/// every day; carbohydrate 3-5 g/kg on rest and light days, 5-7 on moderate days (about an
/// hour of training), 6-10 on long-run, race and high-volume days.
///
/// Invariant: low <= high in both ranges; a non-positive or non-finite body mass gives zeros.
pub fn day_fuel(body_mass_kg: f64, day: &crate::plan::PlanDay) -> DayFuel {
    let mass = if body_mass_kg.is_finite() && body_mass_kg > 0.0 {
        body_mass_kg
    } else {
        0.0
    };
    let mut run_min = 0u32;
    let mut total = 0u32;
    let mut long = false;
    for s in &day.sessions {
        match s {
            Session::Run(r) if r.run_type != RunType::Rest => {
                long |= matches!(r.run_type, RunType::Long | RunType::Race);
                if r.run_type != RunType::Cross {
                    run_min += r.minutes;
                }
                total += r.minutes;
            }
            Session::Strength(st) if st.focus != Focus::Mobility => total += st.minutes,
            _ => {}
        }
    }
    let load = if day.rest || total == 0 {
        DayLoad::Rest
    } else if long || run_min >= 90 {
        DayLoad::High
    } else if total >= 45 {
        DayLoad::Moderate
    } else {
        DayLoad::Light
    };
    let (lo, hi, what) = match load {
        DayLoad::Rest => (3.0, 5.0, "a rest day"),
        DayLoad::Light => (3.0, 5.0, "a light day"),
        DayLoad::Moderate => (5.0, 7.0, "a moderate day (about an hour of training)"),
        DayLoad::High => (6.0, 10.0, "a long-run or high-volume day"),
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
