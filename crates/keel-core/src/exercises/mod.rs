//! The exercise library: stable ids, movement patterns, muscles, equipment, how each is
//! dosed, whether it loads the legs, the easier/harder chains that "simplify" and "progress"
//! step along, and a coaching cue for each.
//!
//! Invariants (tested): ids are unique kebab-case; every `easier`/`harder` id exists and the
//! chains never loop; every pattern the prescription asks for has a bodyweight option, and
//! every loaded pattern an option needing only a band; every cue is a full sentence.

mod library;

pub use library::LIBRARY;

use crate::dose::Unit;
use crate::model::{Equipment, MuscleGroup};
use serde::Serialize;

crate::model::id_enum! {
    /// A movement pattern: what a session slot asks for.
    Pattern {
        /// Hip hinge: deadlift family, swings, band pull-throughs.
        Hinge = "hinge",
        /// Hip extension from the floor: bridges, hip thrusts, hamstring curls.
        Bridge = "bridge",
        /// Two-leg squat.
        Squat = "squat",
        /// Single-leg strength: split squats, lunges, step-ups, single-leg deadlifts.
        SingleLeg = "single-leg",
        /// Lateral hip: abduction, lateral step-downs, hip hikes, Copenhagen planks.
        LateralHip = "lateral-hip",
        /// Calves with a straight knee (gastrocnemius).
        Calf = "calf",
        /// Calves with a bent knee (soleus).
        Soleus = "soleus",
        /// Feet and shins.
        Foot = "foot",
        /// Plyometrics: hops, skips, jumps and bounds, dosed in foot contacts.
        Plyometric = "plyometric",
        /// Core resisting extension.
        AntiExtension = "anti-extension",
        /// Core resisting rotation.
        AntiRotation = "anti-rotation",
        /// Core resisting side bending.
        LateralCore = "lateral-core",
        /// Horizontal push.
        Push = "push",
        /// Pull (rows).
        Pull = "pull",
        /// Vertical press.
        Press = "press",
        /// Getting up from the floor under load.
        GetUp = "get-up",
        /// Mobility, no load.
        Mobility = "mobility",
    }
}

impl Pattern {
    /// What the pattern holds, in a few words.
    pub fn describe(self) -> &'static str {
        match self {
            Pattern::Hinge => "hip hinge: deadlifts, swings, pull-throughs",
            Pattern::Bridge => {
                "hip extension from the floor: bridges, hip thrusts, hamstring curls"
            }
            Pattern::Squat => "two-leg squats",
            Pattern::SingleLeg => "single-leg strength: split squats, lunges, step-ups",
            Pattern::LateralHip => "lateral hip: abduction, step-downs, hip hikes",
            Pattern::Calf => "calves with a straight knee",
            Pattern::Soleus => "calves with a bent knee (soleus)",
            Pattern::Foot => "feet and shins",
            Pattern::Plyometric => "hops, skips, jumps and bounds, in foot contacts",
            Pattern::AntiExtension => "core resisting extension",
            Pattern::AntiRotation => "core resisting rotation",
            Pattern::LateralCore => "core resisting side bending",
            Pattern::Push => "horizontal push",
            Pattern::Pull => "pulls and rows",
            Pattern::Press => "overhead press",
            Pattern::GetUp => "getting up from the floor under load",
            Pattern::Mobility => "mobility, no load",
        }
    }
}

crate::model::id_enum! {
    /// What kind of exercise it is, which decides how it is dosed (`exercise-dose`).
    Kind {
        /// A strength lift done for controlled reps, with reps in reserve.
        Lift = "lift",
        /// Fast, powerful reps (swings), with reps in reserve.
        Ballistic = "ballistic",
        /// An isometric hold, in seconds.
        Hold = "hold",
        /// A Turkish get-up or part of one: 1-5 slow reps a side.
        GetUp = "get-up",
        /// A loaded carry, in metres.
        Carry = "carry",
        /// Plyometrics, in foot contacts.
        Plyometric = "plyometric",
        /// Mobility: slow reps, no effort target.
        Mobility = "mobility",
    }
}

impl Kind {
    /// The unit one set of this kind counts.
    pub fn unit(self) -> Unit {
        match self {
            Kind::Lift | Kind::Ballistic | Kind::GetUp => Unit::Reps,
            Kind::Hold => Unit::Seconds,
            Kind::Carry => Unit::Metres,
            Kind::Plyometric => Unit::Contacts,
            Kind::Mobility => Unit::SlowReps,
        }
    }

    /// Whether sets of this kind end with reps in reserve (strength lifts and swings).
    pub fn has_rir(self) -> bool {
        matches!(self, Kind::Lift | Kind::Ballistic)
    }
}

/// The part of the body an exercise trains, for a session's focus (`core-not-legs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    /// Loads the legs (hips, thighs, calves, feet): the work `hard-run-24h` keeps away from
    /// the day before a hard run.
    Legs,
    /// Arms, shoulders and back.
    Upper,
    /// The trunk, without loading the legs.
    Core,
    /// Mobility: loads nothing.
    Mobility,
}

/// One exercise of the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Exercise {
    /// Stable kebab-case id.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Movement pattern.
    pub pattern: Pattern,
    /// Muscle groups loaded; `Legs` among them means it loads the legs.
    pub muscles: &'static [MuscleGroup],
    /// Ways to equip it, most loaded first: the athlete needs every item of one of them.
    pub equipment: &'static [&'static [Equipment]],
    /// Easier variant (regression).
    pub easier: Option<&'static str>,
    /// Harder variant (progression).
    pub harder: Option<&'static str>,
    /// How it is dosed.
    pub kind: Kind,
    /// Done one side at a time: its dose counts each side.
    pub each_side: bool,
    /// Demand, 0 (bodyweight basics) to 3 (heavy barbell, advanced).
    pub level: u8,
    /// Highest sensible reps per set, when lower than the phase's range (Nordic curls).
    pub max_reps: Option<u32>,
    /// A competency drill (a dowel hinge): prescribed only until the movement screen passes.
    pub drill: bool,
    /// A short coaching cue: the one thing to get right.
    pub cue: &'static str,
    /// Other names apps use for it (lowercase, words only).
    pub aliases: &'static [&'static str],
}

impl Exercise {
    /// Whether it loads the legs (hips, thighs, calves, feet).
    pub fn loads_legs(&self) -> bool {
        self.muscles.contains(&MuscleGroup::Legs)
    }

    /// The region it trains: mobility, legs when it loads them, upper body for pushes, pulls
    /// and presses, else the trunk.
    pub fn region(&self) -> Region {
        if self.kind == Kind::Mobility {
            Region::Mobility
        } else if self.loads_legs() {
            Region::Legs
        } else if matches!(self.pattern, Pattern::Push | Pattern::Pull | Pattern::Press) {
            Region::Upper
        } else {
            Region::Core
        }
    }

    /// The unit one set counts.
    pub fn unit(&self) -> Unit {
        self.kind.unit()
    }

    /// Whether its sets end with reps in reserve: strength lifts and swings, but not the
    /// trunk-control and foot drills, done slowly for quality rather than close to failure.
    pub fn has_rir(&self) -> bool {
        self.kind.has_rir()
            && !matches!(
                self.pattern,
                Pattern::AntiExtension
                    | Pattern::AntiRotation
                    | Pattern::LateralCore
                    | Pattern::Foot
            )
    }

    /// Whether it can be done with no equipment at all.
    pub fn bodyweight_option(&self) -> bool {
        self.equipment
            .iter()
            .any(|alt| alt.iter().all(|e| *e == Equipment::Bodyweight))
    }
    /// The first way to equip it with what the athlete has (`bodyweight` always counts).
    ///
    /// With `bodyweight_only`, only a way needing nothing but bodyweight qualifies.
    pub fn equip_with(
        &self,
        has: impl Fn(Equipment) -> bool,
        bodyweight_only: bool,
    ) -> Option<&'static [Equipment]> {
        self.equipment.iter().copied().find(|alt| {
            if bodyweight_only {
                alt.iter().all(|e| *e == Equipment::Bodyweight)
            } else {
                alt.iter().all(|e| *e == Equipment::Bodyweight || has(*e))
            }
        })
    }
}

/// The exercise with this id.
pub fn find(id: &str) -> Option<&'static Exercise> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static BY_ID: OnceLock<HashMap<&'static str, &'static Exercise>> = OnceLock::new();
    BY_ID
        .get_or_init(|| LIBRARY.iter().map(|e| (e.id, e)).collect())
        .get(id)
        .copied()
}

/// Lowercase words of `s`, everything else turned into single spaces.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// Every library exercise (in library order) with its normalised id, name and aliases,
/// worked out once.
fn library_names() -> &'static [(&'static Exercise, Vec<String>)] {
    use std::sync::OnceLock;
    static NAMES: OnceLock<Vec<(&'static Exercise, Vec<String>)>> = OnceLock::new();
    NAMES.get_or_init(|| {
        LIBRARY
            .iter()
            .map(|e| {
                let names = [normalise(e.id), normalise(e.name)]
                    .into_iter()
                    .chain(e.aliases.iter().map(|a| normalise(a)))
                    .collect();
                (e, names)
            })
            .collect()
    })
}

/// Maps a name from another app ("Squat (Barbell)", "Romanian Deadlift (Dumbbell)", "Plank")
/// to a library exercise.
///
/// Tries, in order: the whole name against ids, names and aliases; the name with its
/// parenthesised equipment moved to the front ("barbell squat") and dropped ("squat"); then
/// the exercise whose name or alias words are all contained in the given name, the longest
/// such match winning. Returns `None` when nothing fits.
pub fn match_name(given: &str) -> Option<&'static Exercise> {
    let whole = normalise(given);
    if whole.is_empty() {
        return None;
    }
    let (base, equip) = match given.split_once('(') {
        Some((b, rest)) => (normalise(b), normalise(rest.trim_end_matches(')'))),
        None => (whole.clone(), String::new()),
    };
    let mut tries = vec![whole.clone()];
    if !equip.is_empty() {
        tries.push(format!("{base} {equip}"));
        tries.push(format!("{equip} {base}"));
    }
    tries.push(base.clone());
    let library = library_names();
    for t in &tries {
        if let Some((e, _)) = library.iter().find(|(_, names)| names.contains(t)) {
            return Some(e);
        }
    }
    let words: Vec<&str> = base.split(' ').collect();
    library
        .iter()
        .enumerate()
        .filter_map(|(position, (e, names))| {
            let best = names
                .iter()
                .filter(|n| n.split(' ').all(|w| words.contains(&w)))
                .map(|n| n.split(' ').count())
                .max()?;
            Some((best, position, *e))
        })
        .max_by_key(|(n, position, _)| (*n, std::cmp::Reverse(*position)))
        .map(|(_, _, e)| e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn unique_kebab_ids_with_a_cue_each() {
        assert!(LIBRARY.len() >= 70, "{}", LIBRARY.len());
        let mut seen = HashSet::new();
        for e in LIBRARY {
            assert!(seen.insert(e.id), "duplicate {}", e.id);
            assert!(
                e.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                e.id
            );
            assert!(!e.equipment.is_empty(), "{}", e.id);
            // A cue is a sentence a runner can act on: a capital, a verb's worth of words,
            // a full stop.
            assert!(e.cue.ends_with('.'), "{}: {}", e.id, e.cue);
            assert!(e.cue.split_whitespace().count() >= 8, "{}: {}", e.id, e.cue);
            assert!(e.cue.starts_with(|c: char| c.is_uppercase()), "{}", e.id);
            assert!(e.level <= 3);
        }
    }

    #[test]
    fn variant_chains_reference_existing_ids_and_never_loop() {
        for e in LIBRARY {
            for (dir, v) in [("harder", e.harder), ("easier", e.easier)] {
                if let Some(v) = v {
                    assert!(find(v).is_some(), "{} {dir} {v} missing", e.id);
                    assert_ne!(v, e.id);
                }
            }
            for step in [|x: &Exercise| x.easier, |x: &Exercise| x.harder] {
                let mut cur = e;
                let mut n = 0;
                while let Some(next) = step(cur).and_then(find) {
                    cur = next;
                    n += 1;
                    assert!(n <= LIBRARY.len(), "chain of {} loops", e.id);
                }
            }
        }
    }

    #[test]
    fn what_loads_the_legs_is_leg_work() {
        // The book's list (`core-not-legs`): Copenhagen planks, tibialis raises, full
        // get-ups, carries and lunging patterns load the legs; a half get-up does not.
        for id in [
            "copenhagen-plank",
            "tibialis-raise",
            "turkish-get-up",
            "suitcase-carry",
            "reverse-lunge",
            "walking-lunge",
        ] {
            assert_eq!(find(id).map(|e| e.region()), Some(Region::Legs), "{id}");
        }
        assert_eq!(find("half-get-up").map(|e| e.region()), Some(Region::Core));
        assert_eq!(find("push-up").map(|e| e.region()), Some(Region::Upper));
        assert_eq!(find("cat-cow").map(|e| e.region()), Some(Region::Mobility));
        for e in LIBRARY {
            // Patterns that are leg work by nature hold only leg work.
            if matches!(
                e.pattern,
                Pattern::Hinge
                    | Pattern::Bridge
                    | Pattern::Squat
                    | Pattern::SingleLeg
                    | Pattern::LateralHip
                    | Pattern::Calf
                    | Pattern::Soleus
                    | Pattern::Foot
                    | Pattern::Plyometric
            ) {
                assert!(e.loads_legs(), "{}", e.id);
            }
        }
    }

    #[test]
    fn each_kind_has_its_unit() {
        for e in LIBRARY {
            let want = match e.pattern {
                Pattern::Plyometric => Unit::Contacts,
                Pattern::Mobility => Unit::SlowReps,
                _ => e.kind.unit(),
            };
            assert_eq!(e.unit(), want, "{}", e.id);
            assert_eq!(e.kind == Kind::Plyometric, e.pattern == Pattern::Plyometric);
            assert_eq!(e.kind == Kind::Mobility, e.pattern == Pattern::Mobility);
        }
    }

    #[test]
    fn covers_the_books_families() {
        for id in [
            "deadlift",
            "romanian-deadlift",
            "hip-thrust",
            "glute-bridge",
            "nordic-curl",
            "bulgarian-split-squat",
            "single-leg-rdl",
            "step-up",
            "reverse-lunge",
            "plank",
            "side-plank",
            "pallof-press",
            "dead-bug",
            "bird-dog",
            "push-up",
            "bent-over-row",
            "overhead-press",
            "calf-raise",
            "bent-knee-calf-raise",
            "tibialis-raise",
            "kettlebell-swing",
            "goblet-squat",
            "kettlebell-single-leg-deadlift",
            "turkish-get-up",
            "hip-flexor-stretch",
            // issue 8: lateral hip, plyometrics, single-leg and calf/soleus variants
            "side-lying-hip-abduction",
            "banded-lateral-walk",
            "lateral-step-down",
            "hip-hike",
            "copenhagen-plank",
            "pogo-hops",
            "a-skip",
            "low-box-jump",
            "bounding",
            "lateral-hops",
            "single-leg-calf-raise",
            "single-leg-bent-knee-calf-raise",
        ] {
            assert!(find(id).is_some(), "{id}");
        }
        use Pattern::*;
        let every = [
            Hinge,
            Bridge,
            Squat,
            SingleLeg,
            LateralHip,
            Calf,
            Soleus,
            Foot,
            Plyometric,
            AntiExtension,
            AntiRotation,
            LateralCore,
            Push,
            Pull,
            Press,
            GetUp,
            Mobility,
        ];
        for p in every {
            assert!(
                LIBRARY
                    .iter()
                    .any(|e| e.pattern == p && e.bodyweight_option()),
                "{p:?} has no bodyweight option"
            );
        }
        // Loaded patterns have an option needing nothing but a band.
        for p in [
            Hinge,
            Bridge,
            Squat,
            SingleLeg,
            LateralHip,
            AntiRotation,
            Push,
            Pull,
            Press,
        ] {
            assert!(
                LIBRARY
                    .iter()
                    .any(|e| e.pattern == p && e.equipment.contains(&&[Equipment::Band][..])),
                "{p:?} has no band-only option"
            );
        }
        // Several variants per pattern, so that exercises can rotate.
        for p in [
            Hinge, Bridge, SingleLeg, LateralHip, Calf, Plyometric, Push, Pull,
        ] {
            let n = LIBRARY.iter().filter(|e| e.pattern == p).count();
            assert!(n >= 3, "{p:?}: {n}");
        }
    }

    #[test]
    fn matches_app_names() {
        let id = |s: &str| match_name(s).map(|e| e.id);
        assert_eq!(id("Squat (Barbell)"), Some("back-squat"));
        assert_eq!(
            id("Romanian Deadlift (Dumbbell)"),
            Some("romanian-deadlift")
        );
        assert_eq!(id("Plank"), Some("plank"));
        assert_eq!(id("Deadlift (Barbell)"), Some("deadlift"));
        assert_eq!(id("Bulgarian Split Squat"), Some("bulgarian-split-squat"));
        assert_eq!(id("Goblet Squat (Kettlebell)"), Some("goblet-squat"));
        assert_eq!(id("Push Up"), Some("push-up"));
        assert_eq!(id("Bent Over Row (Barbell)"), Some("bent-over-row"));
        assert_eq!(id("Seated Calf Raise"), Some("bent-knee-calf-raise"));
        assert_eq!(id("Lunge (Dumbbell)"), Some("reverse-lunge"));
        assert_eq!(id("Hip Thrust (Barbell)"), Some("hip-thrust"));
        assert_eq!(id("Standing Calf Raise (Machine)"), Some("calf-raise"));
        assert_eq!(id("Bicep Curl (Dumbbell)"), None);
        assert_eq!(id(""), None);
    }

    #[test]
    fn equipment_choice() {
        let rdl = find("romanian-deadlift").unwrap();
        assert_eq!(
            rdl.equip_with(|e| e == Equipment::Kettlebell, false),
            Some(&[Equipment::Kettlebell][..])
        );
        assert_eq!(rdl.equip_with(|_| false, false), None);
        let bss = find("bulgarian-split-squat").unwrap();
        assert_eq!(
            bss.equip_with(|_| true, true),
            Some(&[Equipment::Bodyweight][..])
        );
    }
}
