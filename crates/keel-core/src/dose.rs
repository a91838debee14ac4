//! The dose of one prescribed exercise: how many sets, how much per set in the unit that fits
//! the exercise (reps, seconds, metres, foot contacts or slow mobility reps, each side or not),
//! and reps in reserve where that applies (`exercise-dose`).
//!
//! Planning writes it, progression reads its rep range, adaptation changes its sets, and every
//! writer (terminal, Markdown, iCalendar, JSON) prints it with [`Amount`]'s `Display`, so no
//! part of keel parses a dose back from text.
//!
//! Invariants: `1 <= min <= max` for an amount ([`Amount::new`]); `sets >= 1` for a planned
//! dose; reps in reserve is `Some` exactly for units that are reps of a strength lift.

use serde::{Deserialize, Serialize};

crate::model::id_enum! {
    /// What one set counts.
    Unit {
        /// Repetitions of a strength lift, with reps in reserve.
        Reps = "reps",
        /// Seconds of an isometric hold.
        Seconds = "seconds",
        /// Metres walked (carries).
        Metres = "metres",
        /// Foot contacts (plyometrics).
        Contacts = "contacts",
        /// Slow, controlled repetitions of mobility work, no effort target.
        SlowReps = "slow-reps",
    }
}

impl Unit {
    /// Whether reps in reserve is a meaningful target for this unit (strength reps only).
    pub fn has_rir(self) -> bool {
        self == Unit::Reps
    }
}

/// How much one set holds: a range in a unit, for each side or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "AmountJson")]
pub struct Amount {
    /// What is counted.
    pub unit: Unit,
    /// Bottom of the range (at least 1).
    pub min: u32,
    /// Top of the range (at least `min`).
    pub max: u32,
    /// Done on each side (each leg, each arm), the range counting one side.
    pub each_side: bool,
}

#[derive(Deserialize)]
struct AmountJson {
    unit: Unit,
    min: u32,
    max: u32,
    #[serde(default)]
    each_side: bool,
}

impl TryFrom<AmountJson> for Amount {
    type Error = String;
    fn try_from(j: AmountJson) -> Result<Amount, String> {
        Amount::new(j.unit, j.min, j.max, j.each_side)
            .ok_or_else(|| format!("amount {}-{} is not a range from at least 1", j.min, j.max))
    }
}

impl Amount {
    /// An amount; `None` unless `1 <= min <= max`.
    pub fn new(unit: Unit, min: u32, max: u32, each_side: bool) -> Option<Amount> {
        (min >= 1 && min <= max).then_some(Amount {
            unit,
            min,
            max,
            each_side,
        })
    }

    /// The rep range a strength lift progresses in; `None` for other units.
    pub fn rep_range(&self) -> Option<RepRange> {
        (self.unit == Unit::Reps)
            .then(|| RepRange::new(self.min, self.max))
            .flatten()
    }

    /// The same amount with another rep range (progression's range); other units unchanged.
    pub fn with_range(self, range: RepRange) -> Amount {
        if self.unit == Unit::Reps {
            Amount {
                min: range.low,
                max: range.high,
                ..self
            }
        } else {
            self
        }
    }

    /// Foot contacts of one set of plyometrics (both sides for one-legged drills); 0 for
    /// other units.
    pub fn contacts(&self) -> u32 {
        match (self.unit, self.each_side) {
            (Unit::Contacts, true) => 2 * self.max,
            (Unit::Contacts, false) => self.max,
            _ => 0,
        }
    }

    /// The middle of the range, rounded down (for time estimates).
    pub fn mid(&self) -> u32 {
        (self.min + self.max) / 2
    }
}

impl std::fmt::Display for Amount {
    /// `8-10`, `8-10 each side`, `20-30 s`, `30-40 m each side`, `10 contacts`,
    /// `6-8 slow reps each side`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let range = if self.min == self.max {
            self.min.to_string()
        } else {
            format!("{}-{}", self.min, self.max)
        };
        match self.unit {
            Unit::Reps => f.write_str(&range)?,
            Unit::Seconds => write!(f, "{range} s")?,
            Unit::Metres => write!(f, "{range} m")?,
            Unit::Contacts => write!(f, "{range} contacts")?,
            Unit::SlowReps => write!(f, "{range} slow reps")?,
        }
        if self.each_side {
            f.write_str(" each side")?;
        }
        Ok(())
    }
}

/// A rep range, `low..=high`.
///
/// Invariant: `1 <= low <= high` (enforced by [`RepRange::new`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct RepRange {
    /// Bottom of the range.
    pub low: u32,
    /// Top of the range.
    pub high: u32,
}

impl RepRange {
    /// A range; `None` unless `1 <= low <= high`.
    pub fn new(low: u32, high: u32) -> Option<RepRange> {
        (low >= 1 && low <= high).then_some(RepRange { low, high })
    }
}

impl std::fmt::Display for RepRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.low == self.high {
            write!(f, "{}", self.low)
        } else {
            write!(f, "{}-{}", self.low, self.high)
        }
    }
}

/// Sets, the amount per set, and reps in reserve where it applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "DoseJson", try_from = "DoseJson")]
pub struct Dose {
    /// Working sets.
    pub sets: u32,
    /// What each set holds.
    pub amount: Amount,
    /// Reps left in reserve at the end of each set, for strength reps only.
    pub rir: Option<u32>,
}

/// The `keel.plan/1` shape of a dose: the readable `reps` text of the first version beside
/// the typed `amount`; `rir` only where it applies.
#[derive(Serialize, Deserialize)]
struct DoseJson {
    sets: u32,
    reps: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    rir: Option<u32>,
    amount: Amount,
}

impl From<Dose> for DoseJson {
    fn from(d: Dose) -> DoseJson {
        DoseJson {
            sets: d.sets,
            reps: d.amount.to_string(),
            rir: d.rir,
            amount: d.amount,
        }
    }
}

impl TryFrom<DoseJson> for Dose {
    type Error = String;
    fn try_from(j: DoseJson) -> Result<Dose, String> {
        Ok(Dose {
            sets: j.sets,
            amount: j.amount,
            rir: j.rir.filter(|_| j.amount.unit.has_rir()),
        })
    }
}

impl Dose {
    /// A dose; reps in reserve is kept only for strength reps (`rir` of other units is
    /// dropped).
    pub fn new(sets: u32, amount: Amount, rir: Option<u32>) -> Dose {
        Dose {
            sets,
            amount,
            rir: rir.filter(|_| amount.unit.has_rir()),
        }
    }
}

impl std::fmt::Display for Dose {
    /// `3 x 8-10 each side`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} x {}", self.sets, self.amount)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(unit: Unit, min: u32, max: u32, each_side: bool) -> Amount {
        Amount::new(unit, min, max, each_side).expect("valid amount")
    }

    #[test]
    fn reads_like_a_coach_writes_it() {
        assert_eq!(amount(Unit::Reps, 8, 10, false).to_string(), "8-10");
        assert_eq!(
            amount(Unit::Reps, 10, 15, true).to_string(),
            "10-15 each side"
        );
        assert_eq!(amount(Unit::Seconds, 20, 30, false).to_string(), "20-30 s");
        assert_eq!(
            amount(Unit::Metres, 20, 30, true).to_string(),
            "20-30 m each side"
        );
        assert_eq!(
            amount(Unit::Contacts, 10, 10, false).to_string(),
            "10 contacts"
        );
        assert_eq!(
            amount(Unit::SlowReps, 6, 8, true).to_string(),
            "6-8 slow reps each side"
        );
        assert!(Amount::new(Unit::Reps, 0, 3, false).is_none());
        assert!(Amount::new(Unit::Reps, 5, 3, false).is_none());
    }

    #[test]
    fn a_unilateral_lift_keeps_its_rep_range() {
        let a = amount(Unit::Reps, 10, 15, true);
        assert_eq!(a.rep_range(), RepRange::new(10, 15));
        assert_eq!(amount(Unit::Seconds, 20, 30, false).rep_range(), None);
        let b = a.with_range(RepRange::new(8, 10).expect("range"));
        assert_eq!((b.min, b.max, b.each_side), (8, 10, true));
    }

    #[test]
    fn json_keeps_the_reps_text_beside_the_typed_amount() {
        let d = Dose::new(3, amount(Unit::Reps, 8, 10, true), Some(2));
        let j = serde_json::to_value(d).expect("json");
        assert_eq!(j["sets"], 3);
        assert_eq!(j["reps"], "8-10 each side");
        assert_eq!(j["rir"], 2);
        assert_eq!(j["amount"]["unit"], "reps");
        assert_eq!(j["amount"]["each_side"], true);
        let back: Dose = serde_json::from_value(j).expect("back");
        assert_eq!(back, d);
        let hold = Dose::new(2, amount(Unit::Seconds, 20, 30, false), Some(2));
        assert_eq!(hold.rir, None);
        let j = serde_json::to_value(hold).expect("json");
        assert!(j.get("rir").is_none());
        assert_eq!(j["reps"], "20-30 s");
    }
}
