//! The example profiles of `examples/`, built into the binary for `keel plan --example`.

/// A built-in example profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Example {
    /// A half-marathon runner with kettlebells and dumbbells at home.
    HalfMarathon,
    /// A high-mileage marathoner (about 90 km a week), age 44, barbell gym.
    Marathon,
    /// No race: general fitness, bodyweight and a band.
    Fitness,
}

impl Example {
    /// The file name under `examples/`, shown as the source of errors.
    pub fn file_name(self) -> &'static str {
        match self {
            Example::HalfMarathon => "examples/half-marathon.toml",
            Example::Marathon => "examples/marathon.toml",
            Example::Fitness => "examples/fitness.toml",
        }
    }

    /// The profile text.
    pub fn text(self) -> &'static str {
        match self {
            Example::HalfMarathon => include_str!("../../../examples/half-marathon.toml"),
            Example::Marathon => include_str!("../../../examples/marathon.toml"),
            Example::Fitness => include_str!("../../../examples/fitness.toml"),
        }
    }
}
