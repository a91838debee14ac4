//! keel's exercises as FIT exercises: `exercise_category` and `exercise_name` from Garmin's
//! FIT profile (21.218), so a watch shows its own name and animation for the exercise.
//!
//! Invariants (tested): every exercise of keel's library has exactly one row here, either a
//! FIT exercise or a deliberate `None` (the watch then shows keel's name); the numbers are
//! Garmin's (a test decodes them with Garmin's FIT SDK and compares the names).

use super::FitExercise;

/// A FIT exercise with the profile's names for its category and exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProfileExercise {
    /// `exercise_category` value.
    pub category: u16,
    /// Its name in the profile's `exercise_category` type.
    pub category_name: &'static str,
    /// Value of the category's `*_exercise_name` type.
    pub name: u16,
    /// Its name in that type.
    pub exercise_name: &'static str,
}

impl ProfileExercise {
    /// The two numbers a workout step carries.
    pub fn fit(self) -> FitExercise {
        FitExercise {
            category: self.category,
            name: self.name,
        }
    }
}

const fn ex(
    category: u16,
    category_name: &'static str,
    name: u16,
    exercise_name: &'static str,
) -> Option<ProfileExercise> {
    Some(ProfileExercise {
        category,
        category_name,
        name,
        exercise_name,
    })
}

// exercise_category values.
const BENCH_PRESS: u16 = 0;
const CALF_RAISE: u16 = 1;
const CHOP: u16 = 4;
const CORE: u16 = 5;
const DEADLIFT: u16 = 8;
const HIP_RAISE: u16 = 10;
const HIP_STABILITY: u16 = 11;
const LEG_CURL: u16 = 15;
const LUNGE: u16 = 17;
const PLANK: u16 = 19;
const PLYO: u16 = 20;
const PUSH_UP: u16 = 22;
const ROW: u16 = 23;
const SHOULDER_PRESS: u16 = 24;
const SQUAT: u16 = 28;
const WARM_UP: u16 = 31;
const BANDED: u16 = 37;

/// Every library exercise: its FIT exercise, or `None` where the profile has nothing that
/// is the same movement (a near miss would show the runner the wrong exercise).
pub static EXERCISES: &[(&str, Option<ProfileExercise>)] = &[
    // A dowel drill to learn the hinge: no FIT exercise.
    ("hip-hinge-drill", None),
    // FIT files good mornings under leg curls.
    (
        "band-good-morning",
        ex(LEG_CURL, "leg_curl", 12, "band_good_morning"),
    ),
    // The same movement with a cable: FIT has no banded pull-through.
    (
        "band-pull-through",
        ex(CHOP, "chop", 0, "cable_pull_through"),
    ),
    (
        "kettlebell-deadlift",
        ex(DEADLIFT, "deadlift", 20, "kettlebell_deadlift"),
    ),
    (
        "romanian-deadlift",
        ex(DEADLIFT, "deadlift", 23, "romanian_deadlift"),
    ),
    ("deadlift", ex(DEADLIFT, "deadlift", 0, "barbell_deadlift")),
    (
        "kettlebell-swing",
        ex(HIP_RAISE, "hip_raise", 23, "kettlebell_swing"),
    ),
    // FIT calls the glute bridge a hip raise.
    ("glute-bridge", ex(HIP_RAISE, "hip_raise", 11, "hip_raise")),
    (
        "banded-glute-bridge",
        ex(BANDED, "banded_exercises", 17, "glute_bridge"),
    ),
    (
        "weighted-glute-bridge",
        ex(HIP_RAISE, "hip_raise", 12, "weighted_hip_raise"),
    ),
    (
        "single-leg-glute-bridge",
        ex(HIP_RAISE, "hip_raise", 30, "single_leg_hip_raise"),
    ),
    (
        "hip-thrust",
        ex(HIP_RAISE, "hip_raise", 1, "barbell_hip_thrust_with_bench"),
    ),
    // FIT's walkout is the inchworm, not the bridge walkout.
    ("hamstring-walkout", None),
    // No Nordic curl in the profile; a machine leg curl is another exercise.
    ("nordic-curl", None),
    ("bodyweight-squat", ex(SQUAT, "squat", 100, "air_squat")),
    ("banded-squat", ex(BANDED, "banded_exercises", 42, "squat")),
    ("goblet-squat", ex(SQUAT, "squat", 37, "goblet_squat")),
    ("back-squat", ex(SQUAT, "squat", 6, "barbell_back_squat")),
    (
        "split-squat",
        ex(SQUAT, "squat", 28, "dumbbell_split_squat"),
    ),
    // A split squat is a static lunge: FIT's banded lunge.
    (
        "banded-split-squat",
        ex(BANDED, "banded_exercises", 30, "lunge"),
    ),
    (
        "bulgarian-split-squat",
        ex(LUNGE, "lunge", 18, "dumbbell_bulgarian_split_squat"),
    ),
    (
        "reverse-lunge",
        ex(LUNGE, "lunge", 82, "dumbbell_reverse_lunge"),
    ),
    ("walking-lunge", ex(LUNGE, "lunge", 78, "walking_lunge")),
    ("step-up", ex(SQUAT, "squat", 66, "step_up")),
    ("lateral-lunge", ex(LUNGE, "lunge", 61, "side_lunge")),
    // Sitting back to a bench on one leg.
    (
        "single-leg-box-squat",
        ex(SQUAT, "squat", 57, "single_leg_bench_squat"),
    ),
    // A pistol or a partial single-leg squat keeps the free leg in front: another movement.
    ("skater-squat", None),
    (
        "side-lying-hip-abduction",
        ex(HIP_STABILITY, "hip_stability", 21, "side_lying_leg_raise"),
    ),
    (
        "banded-lateral-walk",
        ex(BANDED, "banded_exercises", 24, "lateral_band_walks"),
    ),
    // No hip hike (pelvic drop) in the profile; its hip drop hangs from a suspension trainer.
    ("hip-hike", None),
    // No step-down in the profile; a step-up works the other way.
    ("lateral-step-down", None),
    (
        "single-leg-rdl",
        ex(
            DEADLIFT,
            "deadlift",
            14,
            "single_leg_romanian_deadlift_with_dumbbell",
        ),
    ),
    // Bell in the opposite hand, one leg: FIT's one-arm one-leg deadlift.
    (
        "kettlebell-single-leg-deadlift",
        ex(DEADLIFT, "deadlift", 6, "one_arm_one_leg_deadlift"),
    ),
    // Plyometrics. FIT has no pogo hops, skips or bounds (its jump rope needs a rope), and
    // its lateral leap and hop adds a hop to each landing, not the two-foot line hop or the
    // stuck skater landing.
    ("pogo-hops", None),
    ("single-leg-pogo", None),
    ("a-skip", None),
    ("bounding", None),
    ("lateral-hops", None),
    ("skater-bound", None),
    ("low-box-jump", ex(PLYO, "plyo", 33, "box_jump")),
    ("drop-jump", ex(PLYO, "plyo", 7, "depth_jump")),
    (
        "dead-bug",
        ex(HIP_STABILITY, "hip_stability", 1, "dead_bug"),
    ),
    ("plank", ex(PLANK, "plank", 43, "plank")),
    // FIT's hollow rock and hollow hold-and-roll move; this is a still hold.
    ("hollow-hold", None),
    // No body saw in the profile.
    ("body-saw", None),
    ("side-plank", ex(PLANK, "plank", 66, "side_plank")),
    // FIT's side plank with the feet on a bench is not the adductor (Copenhagen) plank.
    ("copenhagen-plank", None),
    // Opposite arm and leg reaching long from all fours.
    (
        "bird-dog",
        ex(CORE, "core", 48, "arm_and_leg_extension_on_knees"),
    ),
    // FIT taps the shoulders between push-ups; here the plank holds still.
    ("plank-shoulder-tap", None),
    // FIT's name for the anti-rotation press.
    ("pallof-press", ex(CORE, "core", 6, "cable_core_press")),
    // FIT has only two-handed farmer's carries: not the one-sided load that makes this one.
    ("suitcase-carry", None),
    ("half-get-up", ex(CORE, "core", 16, "half_turkish_get_up")),
    ("turkish-get-up", ex(CORE, "core", 89, "turkish_get_up")),
    (
        "incline-push-up",
        ex(PUSH_UP, "push_up", 27, "incline_push_up"),
    ),
    (
        "band-chest-press",
        ex(BANDED, "banded_exercises", 5, "chest_press"),
    ),
    ("push-up", ex(PUSH_UP, "push_up", 77, "push_up")),
    (
        "bench-press",
        ex(BENCH_PRESS, "bench_press", 1, "barbell_bench_press"),
    ),
    (
        "floor-press",
        ex(BENCH_PRESS, "bench_press", 7, "dumbbell_floor_press"),
    ),
    (
        "band-pull-apart",
        ex(BANDED, "banded_exercises", 32, "pull_apart"),
    ),
    ("inverted-row", ex(ROW, "row", 35, "inverted_row")),
    ("band-row", ex(BANDED, "banded_exercises", 35, "row")),
    (
        "bent-over-row",
        ex(ROW, "row", 47, "bent_over_row_with_dumbell"),
    ),
    ("pike-push-up", ex(PUSH_UP, "push_up", 84, "pike_push_up")),
    (
        "half-kneeling-press",
        ex(
            SHOULDER_PRESS,
            "shoulder_press",
            18,
            "single_arm_dumbbell_shoulder_press",
        ),
    ),
    (
        "overhead-press",
        ex(
            SHOULDER_PRESS,
            "shoulder_press",
            15,
            "overhead_dumbbell_press",
        ),
    ),
    (
        "calf-raise",
        ex(CALF_RAISE, "calf_raise", 18, "standing_calf_raise"),
    ),
    (
        "single-leg-calf-raise",
        ex(
            CALF_RAISE,
            "calf_raise",
            15,
            "single_leg_standing_calf_raise",
        ),
    ),
    (
        "loaded-calf-raise",
        ex(CALF_RAISE, "calf_raise", 19, "weighted_standing_calf_raise"),
    ),
    // Bent knees work the soleus, as FIT's seated calf raise does.
    (
        "bent-knee-calf-raise",
        ex(CALF_RAISE, "calf_raise", 6, "seated_calf_raise"),
    ),
    (
        "single-leg-bent-knee-calf-raise",
        ex(
            CALF_RAISE,
            "calf_raise",
            9,
            "single_leg_bent_knee_calf_raise",
        ),
    ),
    // FIT's toe raise is seated with a dumbbell on the feet: another exercise.
    ("tibialis-raise", None),
    // Foot-arch and balance drills have no FIT exercise.
    ("short-foot", None),
    ("single-leg-balance", None),
    (
        "hip-flexor-stretch",
        ex(WARM_UP, "warm_up", 49, "stretch_lunging_hip_flexor"),
    ),
    (
        "worlds-greatest-stretch",
        ex(WARM_UP, "warm_up", 48, "stretch_lunge_with_spinal_twist"),
    ),
    (
        "ninety-ninety",
        ex(WARM_UP, "warm_up", 74, "ninety_ninety_hip_switch"),
    ),
    // Knee over the toes, heel down: FIT's ankle lunges.
    ("ankle-rocks", ex(WARM_UP, "warm_up", 77, "ankle_lunges")),
    (
        "thoracic-rotation",
        ex(WARM_UP, "warm_up", 24, "thoracic_rotation"),
    ),
    // FIT's active frog and quadruped rocking keep both knees down; this rocks back with
    // one leg straight out to the side.
    ("adductor-rock-back", None),
    (
        "calf-wall-stretch",
        ex(WARM_UP, "warm_up", 37, "stretch_calf"),
    ),
    ("cat-cow", ex(WARM_UP, "warm_up", 7, "cat_camel")),
];

/// The FIT exercise for a keel exercise id, when the profile has one.
pub fn exercise_for(id: &str) -> Option<FitExercise> {
    profile_exercise(id).map(ProfileExercise::fit)
}

/// The mapping row's FIT exercise with its profile names, when there is one.
pub fn profile_exercise(id: &str) -> Option<ProfileExercise> {
    EXERCISES
        .iter()
        .find(|(i, _)| *i == id)
        .and_then(|(_, fit)| *fit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_library_exercise_maps_or_deliberately_has_none() {
        let rows: HashSet<&str> = EXERCISES.iter().map(|(id, _)| *id).collect();
        assert_eq!(rows.len(), EXERCISES.len(), "an id appears twice");
        let library: HashSet<&str> = keel_core::exercises::LIBRARY.iter().map(|e| e.id).collect();
        let missing: Vec<_> = library.difference(&rows).collect();
        assert!(
            missing.is_empty(),
            "add a row (a FIT exercise or None with the reason) for {missing:?}"
        );
        let unknown: Vec<_> = rows.difference(&library).collect();
        assert!(unknown.is_empty(), "not in the library: {unknown:?}");
    }

    #[test]
    fn lookups() {
        assert_eq!(
            exercise_for("goblet-squat"),
            Some(FitExercise {
                category: 28,
                name: 37
            })
        );
        assert_eq!(exercise_for("nordic-curl"), None);
        assert_eq!(exercise_for("no-such-exercise"), None);
    }
}
