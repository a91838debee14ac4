//! "Did you mean": the closest valid word to a misspelt one.

/// Words people write for a run type that keel spells differently.
const SYNONYMS: &[(&str, &str)] = &[
    ("threshold", "tempo"),
    ("interval", "intervals"),
    ("reps", "intervals"),
    ("track", "intervals"),
    ("fartlek", "intervals"),
    ("hill", "hills"),
    ("longrun", "long"),
    ("long-run", "long"),
    ("xt", "cross"),
    ("bike", "cross"),
    ("swim", "cross"),
    ("off", "rest"),
    ("recover", "recovery"),
    ("jog", "easy"),
    ("legs", "lower"),
    ("leg", "lower"),
    ("arms", "upper"),
    ("total", "full"),
    ("whole", "full"),
    ("abs", "core"),
    ("stretch", "mobility"),
    ("hm", "half-marathon"),
    ("half", "half-marathon"),
    ("full", "marathon"),
    ("kb", "kettlebell"),
    ("kettlebells", "kettlebell"),
    ("dumbbells", "dumbbell"),
    ("db", "dumbbell"),
    ("bands", "band"),
    ("machines", "machine"),
];

/// The closest candidate to `given`, if one is close enough to be a likely typo.
///
/// Tries, in order: a case-insensitive match, a known synonym, a prefix match either way
/// (`tempo-run` -> `tempo`, `inter` -> `intervals`), then edit similarity.
pub fn closest<'a>(given: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = given.to_ascii_lowercase();
    if let Some(c) = candidates.iter().find(|c| c.eq_ignore_ascii_case(&lower)) {
        return Some(c);
    }
    if let Some((_, to)) = SYNONYMS.iter().find(|(from, _)| *from == lower) {
        if let Some(c) = candidates.iter().find(|c| *c == to) {
            return Some(c);
        }
    }
    // The longest candidate that prefixes the word wins (`tempo-run` starts with `tempo`).
    let prefixed = candidates
        .iter()
        .filter(|c| c.len() >= 3 && lower.starts_with(**c))
        .max_by_key(|c| c.len());
    if let Some(c) = prefixed {
        return Some(c);
    }
    if lower.len() >= 3 {
        let mut starting: Vec<&&str> = candidates
            .iter()
            .filter(|c| c.starts_with(&lower))
            .collect();
        if starting.len() == 1 {
            return starting.pop().copied();
        }
    }
    candidates
        .iter()
        .map(|c| (c, strsim::normalized_damerau_levenshtein(&lower, c)))
        .filter(|(_, score)| *score >= 0.5)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| *c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    const RUNS: &[&str] = &[
        "easy",
        "recovery",
        "intervals",
        "tempo",
        "hills",
        "long",
        "race",
        "cross",
        "rest",
    ];

    #[test]
    fn typos_and_variants_find_the_intended_word() {
        assert_eq!(closest("tempo-run", RUNS), Some("tempo"));
        assert_eq!(closest("Tempo", RUNS), Some("tempo"));
        assert_eq!(closest("interval", RUNS), Some("intervals"));
        assert_eq!(closest("threshold", RUNS), Some("tempo"));
        assert_eq!(closest("recovry", RUNS), Some("recovery"));
        assert_eq!(closest("eazy", RUNS), Some("easy"));
        assert_eq!(closest("inter", RUNS), Some("intervals"));
        assert_eq!(
            closest("bodymass_kg", &["name", "age", "body_mass_kg"]),
            Some("body_mass_kg")
        );
    }

    #[test]
    fn unrelated_words_get_no_suggestion() {
        assert_eq!(closest("swimming-pool", RUNS), None);
        assert_eq!(closest("zzz", RUNS), None);
    }
}
