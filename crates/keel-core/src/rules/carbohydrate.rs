//! `carbohydrate`: 5-7 g/kg on moderate days, 6-10 g/kg on long-run and high-volume days.

/// The rule id.
pub const ID: &str = "carbohydrate";

/// Grams per kg on moderate days.
pub const MODERATE_G_PER_KG: [f64; 2] = [5.0, 7.0];

/// Grams per kg on long-run and high-volume days.
pub const HIGH_G_PER_KG: [f64; 2] = [6.0, 10.0];

/// Grams a day on moderate days and on high days, rounded.
pub fn grams(body_mass_kg: f64) -> ([u32; 2], [u32; 2]) {
    let m = body_mass_kg.max(0.0);
    (
        MODERATE_G_PER_KG.map(|g| (g * m).round() as u32),
        HIGH_G_PER_KG.map(|g| (g * m).round() as u32),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn sixty_two_kg() {
        assert_eq!(super::grams(62.0), ([310, 434], [372, 620]));
    }
}
