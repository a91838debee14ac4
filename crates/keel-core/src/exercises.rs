//! The exercise library: stable ids, movement patterns, muscles, equipment and the
//! easier/harder chains that "simplify" and "progress" step along.
//!
//! Invariants (tested): ids are unique kebab-case; every `easier`/`harder` id exists and
//! points back along the same chain; every pattern the prescription asks for has a
//! bodyweight option, so an athlete with no equipment still gets a full session.

use crate::model::{Equipment, MuscleGroup};
use serde::Serialize;

/// A movement pattern: what a session slot asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pattern {
    /// Hip hinge: deadlift family, swings.
    Hinge,
    /// Hip extension from the floor: bridges, hip thrusts, hamstring curls.
    Bridge,
    /// Two-leg squat.
    Squat,
    /// Single-leg strength and balance.
    SingleLeg,
    /// Core resisting extension.
    AntiExtension,
    /// Core resisting rotation.
    AntiRotation,
    /// Core resisting side bending; hips sideways.
    Lateral,
    /// Horizontal push.
    Push,
    /// Pull (rows).
    Pull,
    /// Vertical press.
    Press,
    /// Calves.
    Calf,
    /// Feet and shins.
    Foot,
    /// Getting up from the floor under load.
    GetUp,
    /// Mobility, no load.
    Mobility,
}

/// How an exercise is dosed and timed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dosing {
    /// Controlled reps.
    Reps,
    /// Controlled reps, each side.
    RepsEachSide,
    /// An isometric hold.
    Hold,
    /// An isometric hold, each side.
    HoldEachSide,
    /// Fast, powerful reps (swings).
    Ballistic,
    /// Slow mobility reps or positions.
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
    /// Muscle groups loaded.
    pub muscles: &'static [MuscleGroup],
    /// Ways to equip it, most loaded first: the athlete needs every item of one of them.
    pub equipment: &'static [&'static [Equipment]],
    /// Easier variant (regression).
    pub easier: Option<&'static str>,
    /// Harder variant (progression).
    pub harder: Option<&'static str>,
    /// How it is dosed.
    pub dosing: Dosing,
    /// Demand, 0 (bodyweight basics) to 3 (heavy barbell).
    pub level: u8,
    /// Highest sensible reps per set, when lower than the phase's range (Nordic curls).
    pub max_reps: Option<u32>,
    /// A short coaching cue.
    pub cue: &'static str,
    /// Other names apps use for it (lowercase, words only).
    pub aliases: &'static [&'static str],
}

impl Exercise {
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

use Equipment::{Band, Barbell, Bench, Bodyweight as Bw, Dumbbell, Kettlebell, Machine};
use MuscleGroup::{Core as C, Legs as L, Upper as U};

#[allow(clippy::too_many_arguments)]
const fn ex(
    id: &'static str,
    name: &'static str,
    pattern: Pattern,
    muscles: &'static [MuscleGroup],
    equipment: &'static [&'static [Equipment]],
    easier: Option<&'static str>,
    harder: Option<&'static str>,
    dosing: Dosing,
    level: u8,
    cue: &'static str,
    aliases: &'static [&'static str],
) -> Exercise {
    Exercise {
        id,
        name,
        pattern,
        muscles,
        equipment,
        easier,
        harder,
        dosing,
        level,
        max_reps: None,
        cue,
        aliases,
    }
}

const fn capped(mut e: Exercise, max: u32) -> Exercise {
    e.max_reps = Some(max);
    e
}

/// The library, grouped by pattern; within a pattern, earlier entries are preferred on ties.
pub static LIBRARY: &[Exercise] = &[
    // Hinge
    ex("hip-hinge-drill", "Hip hinge drill (dowel)", Pattern::Hinge, &[L], &[&[Bw]], None, Some("kettlebell-deadlift"), Dosing::Reps, 0,
        "A dowel or broomstick on the back touching head, upper back and tailbone; push the hips back, keep all three contacts.", &["hip hinge", "dowel hinge"]),
    ex("kettlebell-deadlift", "Kettlebell deadlift", Pattern::Hinge, &[L], &[&[Kettlebell], &[Dumbbell]], Some("hip-hinge-drill"), Some("romanian-deadlift"), Dosing::Reps, 1,
        "Bell between the feet, hips back, flat back, stand up by driving the floor away.", &["deadlift kettlebell", "dumbbell deadlift", "deadlift dumbbell"]),
    ex("romanian-deadlift", "Romanian deadlift", Pattern::Hinge, &[L], &[&[Barbell], &[Dumbbell], &[Kettlebell]], Some("kettlebell-deadlift"), Some("deadlift"), Dosing::Reps, 2,
        "Soft knees, slide the weight down the thighs until the hamstrings stretch, hips forward to stand.", &["rdl", "stiff leg deadlift", "romanian deadlift barbell", "romanian deadlift dumbbell"]),
    ex("deadlift", "Deadlift", Pattern::Hinge, &[L, C], &[&[Barbell]], Some("romanian-deadlift"), None, Dosing::Reps, 3,
        "Bar over mid-foot, brace, push the floor away, bar close to the legs.", &["conventional deadlift", "deadlift barbell", "trap bar deadlift"]),
    ex("kettlebell-swing", "Kettlebell swing", Pattern::Hinge, &[L, C], &[&[Kettlebell], &[Dumbbell]], Some("kettlebell-deadlift"), None, Dosing::Ballistic, 2,
        "Hike the bell back, snap the hips forward, let the arms float; the hips do the work.", &["swing", "russian swing", "kettlebell swing", "dumbbell swing"]),
    // Bridge / posterior chain
    ex("glute-bridge", "Glute bridge", Pattern::Bridge, &[L], &[&[Bw]], None, Some("single-leg-glute-bridge"), Dosing::Reps, 0,
        "Feet flat, ribs down, squeeze the glutes to lift the hips; pause at the top.", &["hip bridge", "bridge"]),
    ex("single-leg-glute-bridge", "Single-leg glute bridge", Pattern::Bridge, &[L], &[&[Bw]], Some("glute-bridge"), Some("hip-thrust"), Dosing::RepsEachSide, 1,
        "One foot down, hips level, drive through the heel.", &["single leg bridge", "single leg hip thrust"]),
    // The upper back rests on a bench: without one it is a glute bridge, not a hip thrust.
    ex("hip-thrust", "Hip thrust", Pattern::Bridge, &[L], &[&[Barbell, Bench], &[Dumbbell, Bench], &[Kettlebell, Bench]], Some("single-leg-glute-bridge"), None, Dosing::Reps, 2,
        "Upper back on a bench, chin tucked, shins vertical at the top, full hip lockout.", &["barbell hip thrust", "hip thrust barbell", "hip thrust dumbbell"]),
    ex("hamstring-walkout", "Hamstring walkout", Pattern::Bridge, &[L], &[&[Bw]], Some("glute-bridge"), Some("nordic-curl"), Dosing::Reps, 1,
        "From a bridge, walk the heels out a step at a time keeping the hips up, then walk back.", &["bridge walkout"]),
    capped(ex("nordic-curl", "Nordic hamstring curl", Pattern::Bridge, &[L], &[&[Bw]], Some("hamstring-walkout"), None, Dosing::Reps, 3,
        "Feet anchored, body straight from knee to head, lower as slowly as you can, push back up with the hands.", &["nordic hamstring curl", "nordic curl", "nordics"]), 6),
    // Squat
    ex("bodyweight-squat", "Bodyweight squat", Pattern::Squat, &[L], &[&[Bw]], None, Some("goblet-squat"), Dosing::Reps, 0,
        "Feet shoulder-width, sit between the heels, knees track the toes, chest tall.", &["air squat", "box squat", "squat bodyweight"]),
    ex("goblet-squat", "Goblet squat", Pattern::Squat, &[L], &[&[Kettlebell], &[Dumbbell]], Some("bodyweight-squat"), Some("back-squat"), Dosing::Reps, 2,
        "Weight held at the chest, elbows inside the knees at the bottom, stand tall.", &["goblet squat kettlebell", "goblet squat dumbbell"]),
    ex("back-squat", "Back squat", Pattern::Squat, &[L, C], &[&[Barbell]], Some("goblet-squat"), None, Dosing::Reps, 3,
        "Bar on the upper back, brace, sit down between the heels, drive up through mid-foot.", &["squat", "barbell squat", "back squat", "squat barbell", "high bar squat", "low bar squat"]),
    // Single leg
    ex("split-squat", "Split squat", Pattern::SingleLeg, &[L], &[&[Dumbbell], &[Kettlebell], &[Bw]], Some("bodyweight-squat"), Some("bulgarian-split-squat"), Dosing::RepsEachSide, 1,
        "Long stance, drop the back knee straight down, front shin near vertical.", &["static lunge", "split squat dumbbell"]),
    ex("bulgarian-split-squat", "Bulgarian split squat", Pattern::SingleLeg, &[L], &[&[Dumbbell, Bench], &[Kettlebell, Bench], &[Dumbbell], &[Kettlebell], &[Bw]], Some("split-squat"), None, Dosing::RepsEachSide, 2,
        "Rear foot on a bench or chair, drop straight down, drive through the front heel.", &["rear foot elevated split squat", "bulgarian split squat dumbbell", "bulgarian split squat"]),
    ex("reverse-lunge", "Reverse lunge", Pattern::SingleLeg, &[L], &[&[Dumbbell], &[Kettlebell], &[Bw]], Some("split-squat"), Some("walking-lunge"), Dosing::RepsEachSide, 1,
        "Step back, lower with control, push through the front foot to return.", &["lunge", "reverse lunge dumbbell", "lunge dumbbell", "lunge bodyweight"]),
    ex("walking-lunge", "Walking lunge", Pattern::SingleLeg, &[L], &[&[Dumbbell], &[Kettlebell], &[Bw]], Some("reverse-lunge"), None, Dosing::RepsEachSide, 2,
        "Step long, back knee kisses the floor, stay tall, keep walking.", &["walking lunge dumbbell", "walking lunges"]),
    ex("step-up", "Step-up to knee height", Pattern::SingleLeg, &[L], &[&[Dumbbell, Bench], &[Kettlebell, Bench], &[Bench], &[Bw]], Some("split-squat"), Some("bulgarian-split-squat"), Dosing::RepsEachSide, 1,
        "Whole foot on a knee-high box or stair, stand up through that leg without pushing off the back one.", &["box step up", "step up dumbbell", "step up"]),
    ex("single-leg-rdl", "Single-leg Romanian deadlift", Pattern::SingleLeg, &[L], &[&[Dumbbell], &[Bw]], Some("hip-hinge-drill"), Some("kettlebell-single-leg-deadlift"), Dosing::RepsEachSide, 1,
        "Hinge on one leg, hips square, back leg in line with the torso, slow down and up.", &["single leg romanian deadlift", "single leg rdl", "single leg deadlift dumbbell"]),
    ex("kettlebell-single-leg-deadlift", "Kettlebell single-leg deadlift", Pattern::SingleLeg, &[L], &[&[Kettlebell]], Some("single-leg-rdl"), None, Dosing::RepsEachSide, 2,
        "Bell in the opposite hand, hinge on the standing leg, touch the bell down beside the foot.", &["single leg deadlift kettlebell", "kettlebell single leg deadlift"]),
    // Core
    ex("dead-bug", "Dead bug", Pattern::AntiExtension, &[C], &[&[Bw]], None, Some("plank"), Dosing::RepsEachSide, 0,
        "Low back pressed to the floor, extend opposite arm and leg slowly, exhale fully.", &["deadbug", "dead bugs"]),
    ex("plank", "Plank", Pattern::AntiExtension, &[C], &[&[Bw]], Some("dead-bug"), Some("body-saw"), Dosing::Hold, 0,
        "Forearms under shoulders, squeeze glutes and quads, ribs down, breathe.", &["front plank", "forearm plank"]),
    ex("body-saw", "Body saw", Pattern::AntiExtension, &[C], &[&[Bw]], Some("plank"), None, Dosing::Reps, 1,
        "From a plank with feet on a towel, slide the body back and forth without the hips sagging.", &["plank saw"]),
    ex("side-plank", "Side plank", Pattern::Lateral, &[C], &[&[Bw]], None, Some("copenhagen-plank"), Dosing::HoldEachSide, 0,
        "Elbow under shoulder, hips high in a straight line; drop to the knees to make it easier.", &["side bridge"]),
    ex("copenhagen-plank", "Copenhagen plank", Pattern::Lateral, &[L, C], &[&[Bench], &[Bw]], Some("side-plank"), None, Dosing::HoldEachSide, 1,
        "Top leg on a bench or chair, lift the hips, hold; knee on the bench to shorten the lever.", &["copenhagen adductor plank", "copenhagen"]),
    ex("bird-dog", "Bird dog", Pattern::AntiRotation, &[C], &[&[Bw]], None, Some("pallof-press"), Dosing::RepsEachSide, 0,
        "On hands and knees, reach opposite arm and leg long without the hips rocking.", &["bird dogs"]),
    ex("pallof-press", "Pallof press", Pattern::AntiRotation, &[C], &[&[Band], &[Machine]], Some("bird-dog"), None, Dosing::RepsEachSide, 1,
        "Side-on to the anchor, press the hands straight out and resist the twist.", &["pallof press cable", "pallof press band", "anti rotation press"]),
    ex("suitcase-carry", "Suitcase carry", Pattern::Lateral, &[C, U], &[&[Kettlebell], &[Dumbbell]], Some("side-plank"), None, Dosing::HoldEachSide, 1,
        "Heavy weight in one hand, walk tall without leaning.", &["farmer carry", "farmers walk", "single arm carry"]),
    ex("half-get-up", "Half Turkish get-up", Pattern::GetUp, &[C, U], &[&[Kettlebell], &[Dumbbell], &[Bw]], None, Some("turkish-get-up"), Dosing::RepsEachSide, 1,
        "From lying, roll to the elbow then the hand with the arm (and weight) pointing at the ceiling.", &["half get up"]),
    ex("turkish-get-up", "Turkish get-up", Pattern::GetUp, &[C, U, L], &[&[Kettlebell], &[Dumbbell]], Some("half-get-up"), None, Dosing::RepsEachSide, 2,
        "Eyes on the bell, arm locked, move step by step from lying to standing and back.", &["turkish get up", "get up"]),
    // Upper
    ex("incline-push-up", "Incline push-up", Pattern::Push, &[U, C], &[&[Bench], &[Bw]], None, Some("push-up"), Dosing::Reps, 0,
        "Hands on a bench or table, body in one line, chest to the edge.", &["incline push up", "knee push up"]),
    ex("push-up", "Push-up", Pattern::Push, &[U, C], &[&[Bw]], Some("incline-push-up"), Some("floor-press"), Dosing::Reps, 1,
        "Hands under shoulders, body in one line, lower the chest to a fist's height.", &["push up", "press up", "pushups"]),
    ex("bench-press", "Bench press", Pattern::Push, &[U], &[&[Barbell, Bench], &[Dumbbell, Bench]], Some("floor-press"), None, Dosing::Reps, 2,
        "Shoulder blades pinned, lower under control to the chest, press up and slightly back.", &["bench press barbell", "bench press dumbbell", "dumbbell bench press"]),
    // Lying on the floor stops the elbows early: the loaded press for those without a bench.
    ex("floor-press", "Floor press", Pattern::Push, &[U], &[&[Dumbbell], &[Kettlebell]], Some("push-up"), Some("bench-press"), Dosing::Reps, 2,
        "Lying on the floor, knees bent, lower until the upper arms touch the floor, pause, press up.", &["floor press", "dumbbell floor press", "floor press dumbbell", "kettlebell floor press"]),
    ex("band-pull-apart", "Band pull-apart", Pattern::Pull, &[U], &[&[Band]], None, Some("band-row"), Dosing::Reps, 0,
        "Arms straight at shoulder height, pull the band to the chest with the shoulder blades.", &["pull apart"]),
    ex("inverted-row", "Inverted row", Pattern::Pull, &[U], &[&[Barbell], &[Bw]], None, Some("bent-over-row"), Dosing::Reps, 1,
        "Under a sturdy table or racked bar, body straight, pull the chest to the edge.", &["bodyweight row", "australian pull up", "table row"]),
    ex("band-row", "Band row", Pattern::Pull, &[U], &[&[Band], &[Machine]], Some("band-pull-apart"), Some("bent-over-row"), Dosing::Reps, 1,
        "Sit or stand tall, pull elbows back past the ribs, pause.", &["seated row", "cable row", "seated cable row"]),
    ex("bent-over-row", "Bent-over row", Pattern::Pull, &[U], &[&[Dumbbell], &[Kettlebell], &[Barbell]], Some("inverted-row"), None, Dosing::Reps, 2,
        "Hinge to 45 degrees, flat back, row to the lower ribs.", &["bent over row", "barbell row", "dumbbell row", "one arm dumbbell row", "kettlebell row", "bent over one arm row"]),
    ex("half-kneeling-press", "Half-kneeling press", Pattern::Press, &[U, C], &[&[Kettlebell], &[Dumbbell], &[Band]], None, Some("overhead-press"), Dosing::RepsEachSide, 1,
        "One knee down, glute of that side squeezed, press overhead without leaning back.", &["half kneeling press", "kneeling shoulder press"]),
    ex("overhead-press", "Overhead press", Pattern::Press, &[U, C], &[&[Dumbbell], &[Kettlebell], &[Barbell]], Some("half-kneeling-press"), None, Dosing::Reps, 2,
        "Standing tall, ribs down, press to lockout with the biceps by the ears.", &["shoulder press", "military press", "overhead press barbell", "overhead press dumbbell", "strict press"]),
    // Calf and foot
    ex("calf-raise", "Calf raise", Pattern::Calf, &[L], &[&[Bw]], None, Some("single-leg-calf-raise"), Dosing::Reps, 0,
        "On a step, heels down slowly to a full stretch, rise all the way onto the big toe.", &["standing calf raise", "calf raises"]),
    ex("single-leg-calf-raise", "Single-leg calf raise", Pattern::Calf, &[L], &[&[Dumbbell], &[Kettlebell], &[Bw]], Some("calf-raise"), None, Dosing::RepsEachSide, 1,
        "One foot on a step, full range, 3 s down; hold a weight on the working side to progress.", &["single leg calf raise"]),
    ex("bent-knee-calf-raise", "Bent-knee calf raise", Pattern::Calf, &[L], &[&[Dumbbell], &[Kettlebell], &[Bw]], Some("calf-raise"), None, Dosing::Reps, 1,
        "Knees bent about 30 degrees to work the soleus, slow and full range.", &["seated calf raise", "soleus raise"]),
    ex("tibialis-raise", "Tibialis raise", Pattern::Foot, &[L], &[&[Bw]], None, None, Dosing::Reps, 0,
        "Back against a wall, heels forward, lift the toes high and lower slowly.", &["tib raise", "toe raise"]),
    ex("short-foot", "Short foot", Pattern::Foot, &[L], &[&[Bw]], None, Some("single-leg-balance"), Dosing::Hold, 0,
        "Draw the ball of the foot toward the heel without curling the toes; lift the arch.", &["short foot exercise", "arch lift"]),
    ex("single-leg-balance", "Single-leg balance", Pattern::Foot, &[L], &[&[Bw]], Some("short-foot"), None, Dosing::HoldEachSide, 0,
        "Stand on one foot, arch lifted, hips level; close the eyes to progress.", &["single leg stand"]),
    // Mobility
    ex("hip-flexor-stretch", "Hip flexor stretch", Pattern::Mobility, &[], &[&[Bw]], None, None, Dosing::Mobility, 0,
        "Half-kneeling, squeeze the back glute and shift forward; no arching.", &["couch stretch", "kneeling hip flexor stretch"]),
    ex("worlds-greatest-stretch", "World's greatest stretch", Pattern::Mobility, &[], &[&[Bw]], None, None, Dosing::Mobility, 0,
        "Lunge, elbow to the instep, rotate and reach the arm to the ceiling.", &["worlds greatest stretch"]),
    ex("ninety-ninety", "90/90 hip switch", Pattern::Mobility, &[], &[&[Bw]], None, None, Dosing::Mobility, 0,
        "Seated with both knees at 90 degrees, switch sides slowly, tall spine.", &["90 90", "hip switch"]),
    ex("ankle-rocks", "Knee-to-wall ankle rocks", Pattern::Mobility, &[], &[&[Bw]], None, None, Dosing::Mobility, 0,
        "Foot a hand's width from the wall, drive the knee to the wall, heel down.", &["ankle mobility", "knee to wall"]),
    ex("thoracic-rotation", "Open-book thoracic rotation", Pattern::Mobility, &[], &[&[Bw]], None, None, Dosing::Mobility, 0,
        "Lying on the side, knees stacked, open the top arm across and follow it with the eyes.", &["open book", "thoracic rotation"]),
    ex("cat-cow", "Cat-cow", Pattern::Mobility, &[], &[&[Bw]], None, None, Dosing::Mobility, 0,
        "On hands and knees, round and arch the spine slowly, one vertebra at a time.", &["cat camel", "cat cow"]),
];

/// The exercise with this id.
pub fn find(id: &str) -> Option<&'static Exercise> {
    LIBRARY.iter().find(|e| e.id == id)
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

fn names(e: &Exercise) -> impl Iterator<Item = String> + '_ {
    [normalise(e.id), normalise(e.name)]
        .into_iter()
        .chain(e.aliases.iter().map(|a| normalise(a)))
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
    for t in &tries {
        if let Some(e) = LIBRARY.iter().find(|e| names(e).any(|n| &n == t)) {
            return Some(e);
        }
    }
    let words: Vec<&str> = base.split(' ').collect();
    LIBRARY
        .iter()
        .filter_map(|e| {
            let best = names(e)
                .filter(|n| n.split(' ').all(|w| words.contains(&w)))
                .map(|n| n.split(' ').count())
                .max()?;
            Some((best, e))
        })
        .max_by_key(|(n, e)| {
            (
                *n,
                std::cmp::Reverse(LIBRARY.iter().position(|x| x.id == e.id)),
            )
        })
        .map(|(_, e)| e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn at_least_thirty_unique_kebab_ids() {
        assert!(LIBRARY.len() >= 30);
        let mut seen = HashSet::new();
        for e in LIBRARY {
            assert!(seen.insert(e.id), "duplicate {}", e.id);
            assert!(
                e.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                e.id
            );
            assert!(!e.equipment.is_empty() && !e.cue.is_empty());
        }
    }

    #[test]
    fn variant_chains_reference_existing_ids_and_point_back() {
        for e in LIBRARY {
            if let Some(h) = e.harder {
                let h = find(h).unwrap_or_else(|| panic!("{} harder {h} missing", e.id));
                assert_ne!(h.id, e.id);
            }
            if let Some(x) = e.easier {
                assert!(find(x).is_some(), "{} easier {x} missing", e.id);
                assert_ne!(x, e.id);
            }
            // walking down then up never loops forever
            let mut cur = e;
            for _ in 0..LIBRARY.len() {
                match cur.easier.and_then(find) {
                    Some(n) => cur = n,
                    None => break,
                }
            }
            assert!(cur.easier.is_none(), "easier chain of {} loops", e.id);
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
            "tibialis-raise",
            "kettlebell-swing",
            "goblet-squat",
            "kettlebell-single-leg-deadlift",
            "turkish-get-up",
            "hip-flexor-stretch",
        ] {
            assert!(find(id).is_some(), "{id}");
        }
        for p in [
            Pattern::Hinge,
            Pattern::Bridge,
            Pattern::Squat,
            Pattern::SingleLeg,
            Pattern::AntiExtension,
            Pattern::AntiRotation,
            Pattern::Lateral,
            Pattern::Push,
            Pattern::Pull,
            Pattern::Calf,
            Pattern::Foot,
            Pattern::Mobility,
        ] {
            assert!(
                LIBRARY
                    .iter()
                    .any(|e| e.pattern == p && e.bodyweight_option()),
                "{p:?} has no bodyweight option"
            );
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
