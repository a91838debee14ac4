//! `protein`: 1.6-2.2 g per kg of body mass a day.

/// The rule id.
pub const ID: &str = "protein";

/// Grams per kg a day, [low, high].
pub const G_PER_KG: [f64; 2] = [1.6, 2.2];

/// Daily protein in grams for this body mass, rounded.
pub fn grams(body_mass_kg: f64) -> [u32; 2] {
    G_PER_KG.map(|g| (g * body_mass_kg.max(0.0)).round() as u32)
}

#[cfg(test)]
mod tests {
    #[test]
    fn sixty_two_kg() {
        assert_eq!(super::grams(62.0), [99, 136]);
    }
}
