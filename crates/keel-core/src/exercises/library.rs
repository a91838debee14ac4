//! The table of exercises, grouped by pattern; within a pattern, earlier entries are
//! preferred on ties. Each entry is built with [`ex`] and refined with the builder methods
//! (`sided`, `chain`, `aliases`, `drill`, `capped`).

use super::{Exercise, Kind, Pattern};
use crate::model::{Equipment, MuscleGroup};

use Equipment::{Band, Barbell, Bench, Bodyweight as Bw, Dumbbell, Kettlebell, Machine};
use MuscleGroup::{Core as C, Legs as L, Upper as U};

/// An exercise done on both sides at once, with no variants, aliases or cap yet.
#[allow(clippy::too_many_arguments)]
const fn ex(
    id: &'static str,
    name: &'static str,
    pattern: Pattern,
    muscles: &'static [MuscleGroup],
    equipment: &'static [&'static [Equipment]],
    kind: Kind,
    level: u8,
    cue: &'static str,
) -> Exercise {
    Exercise {
        id,
        name,
        pattern,
        muscles,
        equipment,
        easier: None,
        harder: None,
        kind,
        each_side: false,
        level,
        max_reps: None,
        drill: false,
        cue,
        aliases: &[],
    }
}

impl Exercise {
    /// Done one side at a time.
    const fn sided(mut self) -> Exercise {
        self.each_side = true;
        self
    }
    /// Its easier and harder variants.
    const fn chain(
        mut self,
        easier: Option<&'static str>,
        harder: Option<&'static str>,
    ) -> Exercise {
        self.easier = easier;
        self.harder = harder;
        self
    }
    /// Other names apps use for it.
    const fn aliases(mut self, aliases: &'static [&'static str]) -> Exercise {
        self.aliases = aliases;
        self
    }
    /// A competency drill (movement screen not passed).
    const fn drill(mut self) -> Exercise {
        self.drill = true;
        self
    }
    /// At most `max` reps a set.
    const fn capped(mut self, max: u32) -> Exercise {
        self.max_reps = Some(max);
        self
    }
}

/// The library.
pub static LIBRARY: &[Exercise] = &[
    // Hinge
    ex("hip-hinge-drill", "Hip hinge drill (dowel)", Pattern::Hinge, &[L], &[&[Bw]], Kind::Lift, 0,
        "A dowel or broomstick along the back touching head, upper back and tailbone; push the hips back and keep all three contacts.")
        .drill().chain(None, Some("kettlebell-deadlift")).aliases(&["hip hinge", "dowel hinge"]),
    ex("band-good-morning", "Band good morning", Pattern::Hinge, &[L], &[&[Band]], Kind::Lift, 1,
        "Stand on the band with it looped across the upper back, push the hips back with a long flat spine, stand up by squeezing the glutes.")
        .chain(Some("hip-hinge-drill"), Some("romanian-deadlift")).aliases(&["good morning band", "banded good morning"]),
    ex("band-pull-through", "Band pull-through", Pattern::Hinge, &[L], &[&[Band], &[Machine]], Kind::Lift, 1,
        "Face away from a low anchor, band between the legs; hinge until the hamstrings stretch, then drive the hips through to stand tall.")
        .chain(Some("hip-hinge-drill"), Some("kettlebell-swing")).aliases(&["pull through", "cable pull through"]),
    ex("kettlebell-deadlift", "Kettlebell deadlift", Pattern::Hinge, &[L], &[&[Kettlebell], &[Dumbbell]], Kind::Lift, 1,
        "Bell between the feet, hips back, flat back; stand up by driving the floor away.")
        .chain(Some("hip-hinge-drill"), Some("romanian-deadlift")).aliases(&["deadlift kettlebell", "dumbbell deadlift", "deadlift dumbbell"]),
    ex("romanian-deadlift", "Romanian deadlift", Pattern::Hinge, &[L], &[&[Barbell], &[Dumbbell], &[Kettlebell]], Kind::Lift, 2,
        "Soft knees, slide the weight down the thighs until the hamstrings stretch, then push the hips forward to stand.")
        .chain(Some("kettlebell-deadlift"), Some("deadlift")).aliases(&["rdl", "stiff leg deadlift", "romanian deadlift barbell", "romanian deadlift dumbbell"]),
    ex("deadlift", "Deadlift", Pattern::Hinge, &[L, C], &[&[Barbell]], Kind::Lift, 3,
        "Bar over mid-foot, brace, push the floor away and keep the bar close to the legs.")
        .chain(Some("romanian-deadlift"), None).aliases(&["conventional deadlift", "deadlift barbell", "trap bar deadlift"]),
    ex("kettlebell-swing", "Kettlebell swing", Pattern::Hinge, &[L, C], &[&[Kettlebell], &[Dumbbell]], Kind::Ballistic, 2,
        "Hike the bell back, snap the hips forward and let the arms float; the hips do the work, not the arms.")
        .chain(Some("kettlebell-deadlift"), None).aliases(&["swing", "russian swing", "kettlebell swing", "dumbbell swing"]),
    // Bridge / posterior chain from the floor
    ex("glute-bridge", "Glute bridge", Pattern::Bridge, &[L], &[&[Bw]], Kind::Lift, 0,
        "Feet flat, ribs down, squeeze the glutes to lift the hips and pause at the top.")
        .chain(None, Some("single-leg-glute-bridge")).aliases(&["hip bridge", "bridge"]),
    ex("banded-glute-bridge", "Banded glute bridge", Pattern::Bridge, &[L], &[&[Band]], Kind::Lift, 1,
        "Band just above the knees; press the knees out against it as you lift the hips and hold the top for a second.")
        .chain(Some("glute-bridge"), Some("single-leg-glute-bridge")).aliases(&["band glute bridge"]),
    ex("weighted-glute-bridge", "Weighted glute bridge", Pattern::Bridge, &[L], &[&[Barbell], &[Dumbbell], &[Kettlebell]], Kind::Lift, 1,
        "Weight held on the hip bones, heels close to the seat; drive through the heels to a full lockout without arching the back.")
        .chain(Some("glute-bridge"), Some("hip-thrust")).aliases(&["glute bridge barbell", "glute bridge dumbbell", "barbell glute bridge"]),
    ex("single-leg-glute-bridge", "Single-leg glute bridge", Pattern::Bridge, &[L], &[&[Bw]], Kind::Lift, 1,
        "One foot down, the other knee hugged or leg straight; keep the hips level and drive through the heel.")
        .sided().chain(Some("glute-bridge"), Some("hip-thrust")).aliases(&["single leg bridge", "single leg hip thrust"]),
    // The upper back rests on a bench: without one it is a glute bridge, not a hip thrust.
    ex("hip-thrust", "Hip thrust", Pattern::Bridge, &[L], &[&[Barbell, Bench], &[Dumbbell, Bench], &[Kettlebell, Bench]], Kind::Lift, 2,
        "Upper back on a bench, chin tucked, shins vertical at the top, full hip lockout.")
        .chain(Some("weighted-glute-bridge"), None).aliases(&["barbell hip thrust", "hip thrust barbell", "hip thrust dumbbell"]),
    ex("hamstring-walkout", "Hamstring walkout", Pattern::Bridge, &[L], &[&[Bw]], Kind::Lift, 1,
        "From a bridge, walk the heels out a step at a time keeping the hips up, then walk back in.")
        .chain(Some("glute-bridge"), Some("nordic-curl")).aliases(&["bridge walkout"]),
    ex("nordic-curl", "Nordic hamstring curl", Pattern::Bridge, &[L], &[&[Bw]], Kind::Lift, 3,
        "Feet anchored, body straight from knee to head; lower as slowly as you can and push back up with the hands.")
        .capped(6).chain(Some("hamstring-walkout"), None).aliases(&["nordic hamstring curl", "nordic curl", "nordics"]),
    // Squat
    ex("bodyweight-squat", "Bodyweight squat", Pattern::Squat, &[L], &[&[Bw]], Kind::Lift, 0,
        "Feet shoulder-width, sit down between the heels, knees track the toes, chest tall.")
        .chain(None, Some("goblet-squat")).aliases(&["air squat", "box squat", "squat bodyweight"]),
    ex("banded-squat", "Banded squat", Pattern::Squat, &[L], &[&[Band]], Kind::Lift, 1,
        "Stand on the band with the ends at the shoulders; sit down between the heels and stand up hard against the band.")
        .chain(Some("bodyweight-squat"), Some("goblet-squat")).aliases(&["band squat"]),
    ex("goblet-squat", "Goblet squat", Pattern::Squat, &[L], &[&[Kettlebell], &[Dumbbell]], Kind::Lift, 2,
        "Weight held at the chest, elbows inside the knees at the bottom, stand tall.")
        .chain(Some("bodyweight-squat"), Some("back-squat")).aliases(&["goblet squat kettlebell", "goblet squat dumbbell"]),
    ex("back-squat", "Back squat", Pattern::Squat, &[L, C], &[&[Barbell]], Kind::Lift, 3,
        "Bar on the upper back, brace, sit down between the heels and drive up through mid-foot.")
        .chain(Some("goblet-squat"), None).aliases(&["squat", "barbell squat", "back squat", "squat barbell", "high bar squat", "low bar squat"]),
    // Single leg: the backbone ("running is a series of single-leg jumps").
    ex("split-squat", "Split squat", Pattern::SingleLeg, &[L], &[&[Dumbbell], &[Kettlebell], &[Bw]], Kind::Lift, 1,
        "Long stance, drop the back knee straight down, front shin near vertical.")
        .sided().chain(Some("bodyweight-squat"), Some("bulgarian-split-squat")).aliases(&["static lunge", "split squat dumbbell"]),
    ex("banded-split-squat", "Banded split squat", Pattern::SingleLeg, &[L], &[&[Band]], Kind::Lift, 1,
        "Band under the front foot, ends at the shoulders; drop the back knee straight down and drive up through the front heel.")
        .sided().chain(Some("split-squat"), Some("bulgarian-split-squat")).aliases(&["band split squat"]),
    ex("reverse-lunge", "Reverse lunge", Pattern::SingleLeg, &[L], &[&[Dumbbell], &[Kettlebell], &[Bw]], Kind::Lift, 1,
        "Step back, lower with control, push through the front foot to return.")
        .sided().chain(Some("split-squat"), Some("walking-lunge")).aliases(&["lunge", "reverse lunge dumbbell", "lunge dumbbell", "lunge bodyweight"]),
    ex("step-up", "Step-up to knee height", Pattern::SingleLeg, &[L], &[&[Dumbbell, Bench], &[Kettlebell, Bench], &[Bench], &[Bw]], Kind::Lift, 1,
        "Whole foot on a knee-high box or stair; stand up through that leg without pushing off the back one.")
        .sided().chain(Some("split-squat"), Some("bulgarian-split-squat")).aliases(&["box step up", "step up dumbbell", "step up"]),
    ex("lateral-lunge", "Lateral lunge", Pattern::SingleLeg, &[L], &[&[Dumbbell], &[Kettlebell], &[Bw]], Kind::Lift, 1,
        "Step wide to the side, sit back into that hip with the other leg straight, push back to the middle.")
        .sided().chain(Some("split-squat"), Some("lateral-step-down")).aliases(&["side lunge", "lateral lunge dumbbell"]),
    ex("single-leg-rdl", "Single-leg Romanian deadlift", Pattern::SingleLeg, &[L], &[&[Dumbbell], &[Bw]], Kind::Lift, 1,
        "Hinge on one leg, hips square, back leg in line with the torso; slow down and up.")
        .sided().chain(Some("hip-hinge-drill"), Some("kettlebell-single-leg-deadlift")).aliases(&["single leg romanian deadlift", "single leg rdl", "single leg deadlift dumbbell"]),
    ex("bulgarian-split-squat", "Bulgarian split squat", Pattern::SingleLeg, &[L], &[&[Dumbbell, Bench], &[Kettlebell, Bench], &[Dumbbell], &[Kettlebell], &[Bw]], Kind::Lift, 2,
        "Rear foot on a bench or chair, drop straight down, drive through the front heel.")
        .sided().chain(Some("split-squat"), None).aliases(&["rear foot elevated split squat", "bulgarian split squat dumbbell", "bulgarian split squat"]),
    ex("walking-lunge", "Walking lunge", Pattern::SingleLeg, &[L], &[&[Dumbbell], &[Kettlebell], &[Bw]], Kind::Lift, 2,
        "Step long, back knee kisses the floor, stay tall and keep walking.")
        .sided().chain(Some("reverse-lunge"), None).aliases(&["walking lunge dumbbell", "walking lunges"]),
    ex("kettlebell-single-leg-deadlift", "Kettlebell single-leg deadlift", Pattern::SingleLeg, &[L], &[&[Kettlebell]], Kind::Lift, 2,
        "Bell in the hand opposite the standing leg; hinge and touch it down beside the foot, hips square.")
        .sided().chain(Some("single-leg-rdl"), None).aliases(&["single leg deadlift kettlebell", "kettlebell single leg deadlift"]),
    ex("single-leg-box-squat", "Single-leg box squat", Pattern::SingleLeg, &[L], &[&[Bench], &[Bw]], Kind::Lift, 2,
        "On one leg in front of a bench or chair, sit back until you touch it, stand up without rocking; the knee stays over the toes.")
        .sided().chain(Some("step-up"), Some("skater-squat")).aliases(&["single leg squat to box", "pistol to box"]),
    ex("skater-squat", "Skater squat", Pattern::SingleLeg, &[L], &[&[Dumbbell], &[Bw]], Kind::Lift, 3,
        "On one leg, lower the back knee to a cushion behind you with the chest forward, then stand tall on the front leg.")
        .sided().chain(Some("single-leg-box-squat"), None).aliases(&["skater squats"]),
    // Lateral hip
    ex("side-lying-hip-abduction", "Side-lying hip abduction", Pattern::LateralHip, &[L], &[&[Bw]], Kind::Lift, 0,
        "Lying on the side, top leg straight and slightly behind you, toes forward; lift with the side of the hip, lower slowly.")
        .sided().chain(None, Some("banded-lateral-walk")).aliases(&["side lying leg raise", "hip abduction", "side leg raise"]),
    ex("banded-lateral-walk", "Banded lateral walk", Pattern::LateralHip, &[L], &[&[Band]], Kind::Lift, 1,
        "Band above the knees or at the ankles, half squat, step sideways without the feet snapping together; hips level.")
        .sided().chain(Some("side-lying-hip-abduction"), Some("lateral-step-down")).aliases(&["monster walk", "band walk", "lateral band walk"]),
    ex("hip-hike", "Hip hike", Pattern::LateralHip, &[L], &[&[Bw]], Kind::Lift, 1,
        "Stand on a step on one leg, let the free hip drop, then lift it level with the standing hip; knees stay straight.")
        .sided().chain(Some("side-lying-hip-abduction"), Some("lateral-step-down")).aliases(&["pelvic drop", "hip drop"]),
    ex("lateral-step-down", "Lateral step-down", Pattern::LateralHip, &[L], &[&[Dumbbell], &[Bw]], Kind::Lift, 2,
        "Standing side-on on a step, lower the free heel to the floor slowly, knee over the toes and hips level, then stand back up.")
        .sided().chain(Some("hip-hike"), None).aliases(&["lateral step down", "side step down"]),
    ex("copenhagen-plank", "Copenhagen plank", Pattern::LateralHip, &[L, C], &[&[Bench], &[Bw]], Kind::Hold, 1,
        "Top knee (the short, light form) or foot on a bench or chair, lift the hips into a straight line and hold; breathe.")
        .sided().chain(Some("side-plank"), None).aliases(&["copenhagen adductor plank", "copenhagen"]),
    // Calves (straight knee) and soleus (bent knee)
    ex("calf-raise", "Calf raise", Pattern::Calf, &[L], &[&[Bw]], Kind::Lift, 0,
        "On a step, heels down slowly to a full stretch, then rise all the way onto the big toe.")
        .chain(None, Some("single-leg-calf-raise")).aliases(&["standing calf raise", "calf raises"]),
    ex("single-leg-calf-raise", "Single-leg calf raise", Pattern::Calf, &[L], &[&[Dumbbell], &[Kettlebell], &[Bw]], Kind::Lift, 2,
        "One foot on a step, full range, 3 s down; hold a weight on the working side to progress.")
        .sided().chain(Some("calf-raise"), None).aliases(&["single leg calf raise"]),
    ex("loaded-calf-raise", "Loaded calf raise", Pattern::Calf, &[L], &[&[Barbell], &[Machine], &[Dumbbell]], Kind::Lift, 2,
        "Heavy weight, knees straight but not locked; pause in the full stretch at the bottom and at the top.")
        .chain(Some("calf-raise"), Some("single-leg-calf-raise")).aliases(&["barbell calf raise", "calf raise machine", "smith machine calf raise"]),
    ex("bent-knee-calf-raise", "Bent-knee calf raise", Pattern::Soleus, &[L], &[&[Dumbbell], &[Kettlebell], &[Bw]], Kind::Lift, 1,
        "Knees bent about 30 degrees and kept there, to work the soleus; slow and full range.")
        .chain(Some("calf-raise"), Some("single-leg-bent-knee-calf-raise")).aliases(&["seated calf raise", "soleus raise"]),
    ex("single-leg-bent-knee-calf-raise", "Single-leg bent-knee calf raise", Pattern::Soleus, &[L], &[&[Dumbbell], &[Kettlebell], &[Bw]], Kind::Lift, 2,
        "On one leg with the knee bent and kept bent, rise high onto the big toe and lower for 3 s.")
        .sided().chain(Some("bent-knee-calf-raise"), None).aliases(&["single leg soleus raise", "single leg bent knee calf raise"]),
    // Feet and shins
    ex("tibialis-raise", "Tibialis raise", Pattern::Foot, &[L], &[&[Bw]], Kind::Lift, 0,
        "Back against a wall, heels a foot forward; lift the toes high and lower them slowly.")
        .aliases(&["tib raise", "toe raise"]),
    ex("short-foot", "Short foot", Pattern::Foot, &[L], &[&[Bw]], Kind::Hold, 0,
        "Draw the ball of the foot toward the heel without curling the toes, so the arch lifts.")
        .chain(None, Some("single-leg-balance")).aliases(&["short foot exercise", "arch lift"]),
    ex("single-leg-balance", "Single-leg balance", Pattern::Foot, &[L], &[&[Bw]], Kind::Hold, 0,
        "Stand on one foot, arch lifted, hips level; close the eyes to make it harder.")
        .sided().chain(Some("short-foot"), None).aliases(&["single leg stand"]),
    // Plyometrics: low volume, springy, from the build phase (`plyometrics`).
    ex("pogo-hops", "Pogo hops", Pattern::Plyometric, &[L], &[&[Bw]], Kind::Plyometric, 1,
        "Small quick hops on the balls of the feet, knees nearly straight, ankles stiff like springs; quiet landings.")
        .chain(None, Some("single-leg-pogo")).aliases(&["pogos", "ankle hops"]),
    ex("a-skip", "A-skip", Pattern::Plyometric, &[L], &[&[Bw]], Kind::Plyometric, 1,
        "Skip with a quick knee drive, the foot striking down under the hip; tall posture, arms in rhythm.")
        .chain(None, Some("bounding")).aliases(&["a skips", "skipping"]),
    ex("low-box-jump", "Low box jump", Pattern::Plyometric, &[L], &[&[Bench], &[Bw]], Kind::Plyometric, 1,
        "Jump onto a low box or stair, land softly in a quarter squat with knees over the toes, step down.")
        .chain(None, Some("drop-jump")).aliases(&["box jump", "box jumps"]),
    ex("lateral-hops", "Lateral hops", Pattern::Plyometric, &[L], &[&[Bw]], Kind::Plyometric, 2,
        "Hop side to side over a line on both feet, quick and light, hips and knees soft.")
        .chain(Some("pogo-hops"), Some("skater-bound")).aliases(&["side hops", "line hops"]),
    ex("single-leg-pogo", "Single-leg pogo hops", Pattern::Plyometric, &[L], &[&[Bw]], Kind::Plyometric, 2,
        "Small quick hops on one foot, ankle stiff, knee nearly straight; stop as soon as the contacts get loud.")
        .sided().chain(Some("pogo-hops"), None).aliases(&["single leg hops"]),
    ex("bounding", "Bounding", Pattern::Plyometric, &[L], &[&[Bw]], Kind::Plyometric, 2,
        "Exaggerated running strides: push off long, drive the knee, land under the hip and spring into the next one.")
        .chain(Some("a-skip"), None).aliases(&["bounds"]),
    ex("skater-bound", "Skater bound", Pattern::Plyometric, &[L], &[&[Bw]], Kind::Plyometric, 2,
        "Bound sideways from one leg to the other, land softly and stick it for a moment before the next.")
        .sided().chain(Some("lateral-hops"), None).aliases(&["skater jumps", "skaters"]),
    ex("drop-jump", "Drop jump", Pattern::Plyometric, &[L], &[&[Bench], &[Bw]], Kind::Plyometric, 3,
        "Step off a low box or stair, touch down on both feet and rebound straight up as fast as you can.")
        .chain(Some("low-box-jump"), None).aliases(&["depth jump"]),
    // Core: anti-extension
    ex("dead-bug", "Dead bug", Pattern::AntiExtension, &[C], &[&[Bw]], Kind::Lift, 0,
        "Low back pressed to the floor; extend the opposite arm and leg slowly and breathe out fully.")
        .sided().chain(None, Some("plank")).aliases(&["deadbug", "dead bugs"]),
    ex("plank", "Plank", Pattern::AntiExtension, &[C], &[&[Bw]], Kind::Hold, 0,
        "Forearms under the shoulders, squeeze glutes and thighs, ribs down, breathe.")
        .chain(Some("dead-bug"), Some("body-saw")).aliases(&["front plank", "forearm plank"]),
    ex("hollow-hold", "Hollow hold", Pattern::AntiExtension, &[C], &[&[Bw]], Kind::Hold, 1,
        "Lying on the back, low back glued to the floor, arms and legs long and just off the ground; bend the knees to make it easier.")
        .chain(Some("dead-bug"), Some("body-saw")).aliases(&["hollow body hold"]),
    ex("body-saw", "Body saw", Pattern::AntiExtension, &[C], &[&[Bw]], Kind::Lift, 1,
        "From a plank with the feet on a towel, slide the body back and forth without the hips sagging.")
        .chain(Some("plank"), None).aliases(&["plank saw"]),
    // Core: anti-rotation
    ex("bird-dog", "Bird dog", Pattern::AntiRotation, &[C], &[&[Bw]], Kind::Lift, 0,
        "On hands and knees, reach the opposite arm and leg long without the hips rocking.")
        .sided().chain(None, Some("pallof-press")).aliases(&["bird dogs"]),
    ex("plank-shoulder-tap", "Plank shoulder tap", Pattern::AntiRotation, &[C, U], &[&[Bw]], Kind::Lift, 1,
        "In a high plank with the feet wide, tap each shoulder with the opposite hand without the hips swaying.")
        .sided().chain(Some("bird-dog"), None).aliases(&["shoulder taps"]),
    ex("pallof-press", "Pallof press", Pattern::AntiRotation, &[C], &[&[Band], &[Machine]], Kind::Lift, 1,
        "Side-on to the anchor, press the hands straight out and resist the twist; half-kneeling or standing.")
        .sided().chain(Some("bird-dog"), None).aliases(&["pallof press cable", "pallof press band", "anti rotation press"]),
    // Core: lateral
    ex("side-plank", "Side plank", Pattern::LateralCore, &[C], &[&[Bw]], Kind::Hold, 0,
        "Elbow under the shoulder, hips high in a straight line; drop to the knees to make it easier.")
        .sided().chain(None, Some("copenhagen-plank")).aliases(&["side bridge"]),
    // A carry walks: the legs work (`core-not-legs`).
    ex("suitcase-carry", "Suitcase carry", Pattern::LateralCore, &[L, C, U], &[&[Kettlebell], &[Dumbbell]], Kind::Carry, 1,
        "Heavy weight in one hand, walk tall without leaning toward or away from it.")
        .sided().chain(Some("side-plank"), None).aliases(&["farmer carry", "farmers walk", "single arm carry"]),
    ex("half-get-up", "Half Turkish get-up", Pattern::GetUp, &[C, U], &[&[Kettlebell], &[Dumbbell], &[Bw]], Kind::GetUp, 1,
        "From lying, roll to the elbow, then the hand, the arm (and weight) pointing at the ceiling; reverse slowly.")
        .sided().chain(None, Some("turkish-get-up")).aliases(&["half get up"]),
    // A full get-up stands up through a lunge: leg work (`core-not-legs`).
    ex("turkish-get-up", "Turkish get-up", Pattern::GetUp, &[C, U, L], &[&[Kettlebell], &[Dumbbell]], Kind::GetUp, 2,
        "Eyes on the bell, arm locked; move step by step from lying to standing and back.")
        .sided().chain(Some("half-get-up"), None).aliases(&["turkish get up", "get up"]),
    // Upper: push
    ex("incline-push-up", "Incline push-up", Pattern::Push, &[U, C], &[&[Bench], &[Bw]], Kind::Lift, 0,
        "Hands on a bench or table, body in one line, chest to the edge.")
        .chain(None, Some("push-up")).aliases(&["incline push up", "knee push up"]),
    ex("band-chest-press", "Band chest press", Pattern::Push, &[U], &[&[Band], &[Machine]], Kind::Lift, 1,
        "Band anchored behind at chest height, one foot forward; press the hands straight out and return slowly, shoulders down.")
        .chain(Some("incline-push-up"), Some("push-up")).aliases(&["band press", "cable chest press", "chest press"]),
    ex("push-up", "Push-up", Pattern::Push, &[U, C], &[&[Bw]], Kind::Lift, 1,
        "Hands under the shoulders, body in one line, lower the chest to a fist's height from the floor.")
        .chain(Some("incline-push-up"), Some("floor-press")).aliases(&["push up", "press up", "pushups"]),
    ex("bench-press", "Bench press", Pattern::Push, &[U], &[&[Barbell, Bench], &[Dumbbell, Bench]], Kind::Lift, 2,
        "Shoulder blades pinned, lower under control to the chest, press up and slightly back.")
        .chain(Some("floor-press"), None).aliases(&["bench press barbell", "bench press dumbbell", "dumbbell bench press"]),
    // Lying on the floor stops the elbows early: the loaded press for those without a bench.
    ex("floor-press", "Floor press", Pattern::Push, &[U], &[&[Dumbbell], &[Kettlebell]], Kind::Lift, 2,
        "Lying on the floor, knees bent, lower until the upper arms touch the floor, pause, press up.")
        .chain(Some("push-up"), Some("bench-press")).aliases(&["floor press", "dumbbell floor press", "floor press dumbbell", "kettlebell floor press"]),
    // Upper: pull
    ex("band-pull-apart", "Band pull-apart", Pattern::Pull, &[U], &[&[Band]], Kind::Lift, 0,
        "Arms straight at shoulder height, pull the band to the chest by squeezing the shoulder blades.")
        .chain(None, Some("band-row")).aliases(&["pull apart"]),
    // The bar or table only holds the body up: it is bodyweight work.
    ex("inverted-row", "Inverted row", Pattern::Pull, &[U], &[&[Bw]], Kind::Lift, 1,
        "Under a sturdy table or racked bar, body straight, pull the chest to the edge.")
        .chain(None, Some("bent-over-row")).aliases(&["bodyweight row", "australian pull up", "table row"]),
    ex("band-row", "Band row", Pattern::Pull, &[U], &[&[Band], &[Machine]], Kind::Lift, 1,
        "Sit or stand tall, pull the elbows back past the ribs and pause.")
        .chain(Some("band-pull-apart"), Some("bent-over-row")).aliases(&["seated row", "cable row", "seated cable row"]),
    ex("bent-over-row", "Bent-over row", Pattern::Pull, &[U], &[&[Dumbbell], &[Kettlebell], &[Barbell]], Kind::Lift, 2,
        "Hinge to 45 degrees with a flat back and row to the lower ribs.")
        .chain(Some("inverted-row"), None).aliases(&["bent over row", "barbell row", "dumbbell row", "one arm dumbbell row", "kettlebell row", "bent over one arm row"]),
    // Upper: press
    ex("pike-push-up", "Pike push-up", Pattern::Press, &[U], &[&[Bw]], Kind::Lift, 1,
        "Hips high in an upside-down V, lower the head toward the hands and press back up.")
        .chain(None, Some("overhead-press")).aliases(&["pike push up", "pike press"]),
    ex("half-kneeling-press", "Half-kneeling press", Pattern::Press, &[U, C], &[&[Kettlebell], &[Dumbbell], &[Band]], Kind::Lift, 1,
        "One knee down, that side's glute squeezed; press overhead without leaning back.")
        .sided().chain(Some("pike-push-up"), Some("overhead-press")).aliases(&["half kneeling press", "kneeling shoulder press"]),
    ex("overhead-press", "Overhead press", Pattern::Press, &[U, C], &[&[Dumbbell], &[Kettlebell], &[Barbell]], Kind::Lift, 2,
        "Standing tall, ribs down, press to lockout with the biceps by the ears.")
        .chain(Some("half-kneeling-press"), None).aliases(&["shoulder press", "military press", "overhead press barbell", "overhead press dumbbell", "strict press"]),
    // Mobility
    ex("hip-flexor-stretch", "Hip flexor stretch", Pattern::Mobility, &[], &[&[Bw]], Kind::Mobility, 0,
        "Half-kneeling, squeeze the back glute and shift forward without arching the back.")
        .sided().aliases(&["couch stretch", "kneeling hip flexor stretch"]),
    ex("worlds-greatest-stretch", "World's greatest stretch", Pattern::Mobility, &[], &[&[Bw]], Kind::Mobility, 0,
        "Lunge, elbow to the instep, then rotate and reach that arm to the ceiling.")
        .sided().aliases(&["worlds greatest stretch"]),
    ex("ninety-ninety", "90/90 hip switch", Pattern::Mobility, &[], &[&[Bw]], Kind::Mobility, 0,
        "Seated with both knees at 90 degrees, switch sides slowly with a tall spine.")
        .aliases(&["90 90", "hip switch"]),
    ex("ankle-rocks", "Knee-to-wall ankle rocks", Pattern::Mobility, &[], &[&[Bw]], Kind::Mobility, 0,
        "Foot a hand's width from the wall, drive the knee to the wall with the heel down.")
        .sided().aliases(&["ankle mobility", "knee to wall"]),
    ex("thoracic-rotation", "Open-book thoracic rotation", Pattern::Mobility, &[], &[&[Bw]], Kind::Mobility, 0,
        "Lying on the side, knees stacked, open the top arm across and follow it with the eyes.")
        .sided().aliases(&["open book", "thoracic rotation"]),
    ex("cat-cow", "Cat-cow", Pattern::Mobility, &[], &[&[Bw]], Kind::Mobility, 0,
        "On hands and knees, round and arch the spine slowly, one segment at a time.")
        .aliases(&["cat camel", "cat cow"]),
    ex("adductor-rock-back", "Adductor rock-back", Pattern::Mobility, &[], &[&[Bw]], Kind::Mobility, 0,
        "On hands and knees with one leg straight out to the side, rock the hips back until the inner thigh stretches.")
        .sided().aliases(&["adductor rockback", "frog rock"]),
    ex("calf-wall-stretch", "Calf and soleus wall stretch", Pattern::Mobility, &[], &[&[Bw]], Kind::Mobility, 0,
        "Hands on a wall, back heel down: knee straight for the calf, then bent for the soleus.")
        .sided().aliases(&["calf stretch", "soleus stretch"]),
];
