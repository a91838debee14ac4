//! `refuel`: carbohydrate and protein within an hour after hard sessions; drink enough.

/// The rule id.
pub const ID: &str = "refuel";

/// The advice, with a per-serving protein figure (about 0.3 g/kg after training).
pub fn advice(body_mass_kg: f64) -> String {
    let g = (0.3 * body_mass_kg.max(0.0)).round();
    format!(
        "Within an hour of hard runs and strength sessions eat carbohydrate with about {g:.0} g of protein, and drink enough, above all on long-run and strength days."
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_grams() {
        assert!(super::advice(60.0).contains("18 g"));
    }
}
