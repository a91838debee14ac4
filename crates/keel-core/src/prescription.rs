//! Prescription: turns a session's focus, intensity, phase and minutes into a warm-up and
//! exercises with sets, reps, reps in reserve, tempo and load advice.
//!
//! Exercises come from the library within the athlete's equipment, chosen by movement
//! pattern for the focus, and are added until the session's minutes are used up (estimated
//! from work time per set plus rest). A failed movement screen gives bodyweight competency
//! and mobility work only.

use crate::exercises::{Dosing, Exercise, Pattern, LIBRARY};
use crate::model::{Athlete, Equipment, Focus, Intensity, MovementScreen, Phase};
use crate::plan::{PrescribedExercise, Why};
use crate::rules::{
    controlled_tempo, deload_week, exercise_selection, movement_screen, reps_by_phase,
    reps_in_reserve, warm_up,
};

/// What to prescribe.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The athlete (equipment, movement screen).
    pub athlete: &'a Athlete,
    /// Session focus.
    pub focus: Focus,
    /// Session intensity.
    pub intensity: Intensity,
    /// Training phase (sets and reps).
    pub phase: Phase,
    /// Minutes available, warm-up included.
    pub minutes: u32,
    /// Straight after a run (shorter warm-up).
    pub after_run: bool,
    /// A deload week: 25% fewer sets, one more rep in reserve, lighter loads.
    pub deload: bool,
    /// Picks alternative exercises so two sessions of one week differ (0, 1, ...).
    pub variant: u32,
}

/// Per-exercise load advice from the log (kilograms, or any text), by exercise id.
pub type LoadHint<'a> = &'a dyn Fn(&str) -> Option<String>;

/// A prescribed session body.
#[derive(Debug, Clone, PartialEq)]
pub struct Prescription {
    /// Dynamic warm-up items.
    pub warm_up: Vec<String>,
    /// Exercises in order.
    pub exercises: Vec<PrescribedExercise>,
    /// Estimated minutes, warm-up included, rounded up to 5.
    pub minutes: u32,
    /// Why it is dosed like this.
    pub why: Vec<Why>,
}

/// Movement patterns of a session, most important first.
fn slots(focus: Focus, competency: bool) -> &'static [Pattern] {
    use Pattern::*;
    if competency {
        return match focus {
            Focus::Lower | Focus::Full => &[
                Squat,
                SingleLeg,
                Hinge,
                Bridge,
                Mobility,
                AntiExtension,
                Mobility,
                Calf,
            ],
            Focus::Upper => &[Push, AntiExtension, AntiRotation, Mobility, Mobility],
            Focus::Core => &[AntiExtension, AntiRotation, Lateral, Mobility, Foot],
            Focus::Mobility => &[Mobility, Mobility, Mobility, Mobility, Mobility, Mobility],
        };
    }
    match focus {
        Focus::Lower => &[
            SingleLeg, Hinge, Calf, Squat, Bridge, Lateral, Foot, SingleLeg,
        ],
        Focus::Full => &[
            Hinge,
            SingleLeg,
            Pull,
            Push,
            AntiRotation,
            Calf,
            Squat,
            AntiExtension,
            Lateral,
        ],
        Focus::Upper => &[Pull, Push, Press, AntiExtension, GetUp, Pull, AntiRotation],
        Focus::Core => &[
            AntiExtension,
            AntiRotation,
            Lateral,
            GetUp,
            Foot,
            AntiExtension,
            Lateral,
        ],
        Focus::Mobility => &[Mobility, Mobility, Mobility, Mobility, Mobility, Mobility],
    }
}

/// Wanted demand, in half levels: light sits between the basics and moderate loads, so a
/// light session takes a light loaded lift over a drill when the equipment allows.
fn target_level(intensity: Intensity) -> u8 {
    match intensity {
        Intensity::Heavy => 6,
        Intensity::Moderate => 4,
        Intensity::Light => 3,
        Intensity::Bodyweight => 0,
    }
}

/// Chooses the exercise for a slot: closest demand to the intensity, library order on ties;
/// `variant` alternates between the two closest when both are near the target.
fn choose(
    pattern: Pattern,
    req: &Request<'_>,
    bodyweight_only: bool,
    used: &[&str],
) -> Option<(&'static Exercise, &'static [Equipment])> {
    let want = target_level(req.intensity);
    type Cand = ((u8, usize), &'static Exercise, &'static [Equipment]);
    let cands = || {
        LIBRARY
            .iter()
            .enumerate()
            .filter(|(_, e)| e.pattern == pattern && !used.contains(&e.id))
            .filter_map(|(i, e)| {
                let eq = e.equip_with(|q| req.athlete.has(q), bodyweight_only)?;
                Some((((2 * e.level).abs_diff(want), i), e, eq))
            })
    };
    // The two best by (distance, library order), without sorting or allocating.
    let mut first: Option<Cand> = None;
    let mut second: Option<Cand> = None;
    for c in cands() {
        if first.as_ref().is_none_or(|f| c.0 < f.0) {
            second = first.take();
            first = Some(c);
        } else if second.as_ref().is_none_or(|s| c.0 < s.0) {
            second = Some(c);
        }
    }
    let first = first?;
    let pick = match second {
        Some(s) if req.variant % 2 == 1 && s.0 .0 <= first.0 .0 + 2 => s,
        _ => first,
    };
    Some((pick.1, pick.2))
}

fn reps_text(e: &Exercise, phase: Phase, focus: Focus) -> (String, u32) {
    let d = reps_by_phase::dose(phase);
    let (lo, hi) = match e.max_reps {
        Some(m) if m < d.reps.1 => (m.saturating_sub(2).max(1), m),
        _ => d.reps,
    };
    let hold = match phase {
        Phase::Base | Phase::OffSeason | Phase::Fitness => (30, 45),
        _ => (20, 30),
    };
    match e.dosing {
        Dosing::Reps => (
            format!("{lo}-{hi}"),
            (lo + hi) / 2 * controlled_tempo::REP_SECONDS,
        ),
        Dosing::RepsEachSide => (
            format!("{lo}-{hi} each side"),
            (lo + hi) * controlled_tempo::REP_SECONDS,
        ),
        Dosing::Hold => (format!("{}-{}s", hold.0, hold.1), hold.1),
        Dosing::HoldEachSide => (format!("{}-{}s each side", hold.0, hold.1), 2 * hold.1),
        Dosing::Ballistic => ("12-15".to_string(), 30),
        Dosing::Mobility if focus == Focus::Mobility => {
            ("5-6 slow reps or 45s each side".to_string(), 90)
        }
        Dosing::Mobility => ("5 slow reps each side".to_string(), 60),
    }
}

fn rest_seconds(e: &Exercise, intensity: Intensity) -> u32 {
    match e.pattern {
        Pattern::Mobility => 10,
        Pattern::AntiExtension | Pattern::AntiRotation | Pattern::Lateral | Pattern::Foot => 30,
        _ => match intensity {
            Intensity::Heavy => 120,
            Intensity::Moderate => 90,
            Intensity::Light => 60,
            Intensity::Bodyweight => 45,
        },
    }
}

/// Seconds to move between exercises.
const TRANSITION_S: u32 = 30;

/// Minimum exercises a session holds, whatever its length.
const MIN_EXERCISES: usize = 2;

/// Prescribes a session. `load` gives per-exercise load advice from the log when known.
///
/// Invariants: every exercise id is in the library and equipped with what the athlete has;
/// with a failed movement screen no exercise uses anything but bodyweight; sets stay within
/// the phase's range (fewer in a deload week); reps in reserve is at least 1.
pub fn prescribe(req: &Request<'_>, load: Option<LoadHint<'_>>) -> Prescription {
    let competency = req.athlete.movement_screen == MovementScreen::Fail;
    let bodyweight_only = competency || req.intensity == Intensity::Bodyweight;
    let dose = reps_by_phase::dose(req.phase);
    let warm = warm_up::items(req.focus, req.after_run);
    let budget = req.minutes.saturating_mul(60);
    let mut used_s = warm_up::minutes(req.after_run) * 60;

    struct Pick {
        ex: &'static Exercise,
        eq: &'static [Equipment],
        sets: u32,
        reps: String,
        set_s: u32,
    }
    // Fewer exercises with more sets when each gets only 1-2 sets.
    let max_exercises = if dose.sets.1 <= 2 { 6 } else { 7 };
    let mut picks: Vec<Pick> = Vec::new();
    let mut used: Vec<&str> = Vec::with_capacity(8);
    for pattern in slots(req.focus, competency) {
        if picks.len() >= max_exercises {
            break;
        }
        let Some((ex, eq)) = choose(*pattern, req, bodyweight_only, &used) else {
            continue;
        };
        let (reps, work) = reps_text(ex, req.phase, req.focus);
        let set_s = work + rest_seconds(ex, req.intensity);
        let cost = TRANSITION_S + dose.sets.0 * set_s;
        if picks.len() >= MIN_EXERCISES && used_s + cost > budget {
            break;
        }
        used_s += cost;
        used.push(ex.id);
        picks.push(Pick {
            ex,
            eq,
            sets: dose.sets.0,
            reps,
            set_s,
        });
    }
    // Spare time buys sets up to the phase's maximum, first exercises first.
    'more: loop {
        let mut added = false;
        for p in picks.iter_mut() {
            if p.sets < dose.sets.1 && used_s + p.set_s <= budget {
                p.sets += 1;
                used_s += p.set_s;
                added = true;
            }
            if used_s >= budget {
                break 'more;
            }
        }
        if !added {
            break;
        }
    }
    let mut why = vec![
        Why::new(reps_by_phase::ID, reps_by_phase::explain(req.phase)),
        Why::new(
            reps_in_reserve::ID,
            format!(
                "Stop each set with {} reps in reserve; never to failure.",
                reps_in_reserve::rir(req.intensity, req.deload)
            ),
        ),
        Why::new(
            controlled_tempo::ID,
            "Lower in 3 s, pause 1 s, lift with control, full range, breathe out on the effort.",
        ),
        Why::new(
            warm_up::ID,
            if req.after_run {
                "The run warms you up; a few dynamic drills are enough before lifting."
            } else {
                "A dynamic warm-up first: easy movement, then the session's patterns without load."
            },
        ),
        Why::new(
            exercise_selection::ID,
            format!(
                "Exercises chosen for {} {} session within your equipment ({}).",
                if req.focus == Focus::Upper { "an" } else { "a" },
                crate::rules::week::focus_phrase(req.focus),
                equipment_list(req.athlete)
            ),
        ),
    ];
    if competency {
        why.push(Why::new(movement_screen::ID, "Your movement screen did not pass: bodyweight squat, lunge and hinge practice plus mobility, no external load, until it does."));
    }
    if req.deload {
        let mut sets: Vec<u32> = picks.iter().map(|p| p.sets).collect();
        let before: u32 = sets.iter().sum();
        deload_week::reduce_sets(&mut sets);
        let after: u32 = sets.iter().sum();
        for (p, s) in picks.iter_mut().zip(sets) {
            used_s -= (p.sets - s) * p.set_s;
            p.sets = s;
        }
        why.push(Why::new(deload_week::ID, format!(
            "Deload week: {before} sets down to {after}, one more rep in reserve and loads about 10% lighter."
        )));
    }
    let rir = reps_in_reserve::rir(req.intensity, req.deload);
    let exercises = picks
        .iter()
        .map(|p| {
            let external =
                p.eq.iter()
                    .any(|q| !matches!(q, Equipment::Bodyweight | Equipment::Bench));
            let advice = if !external {
                None
            } else if let Some(h) = load.and_then(|f| f(p.ex.id)) {
                Some(h)
            } else if req.deload {
                Some(format!(
                    "about 10% lighter than usual, so {rir}-{} more reps would still be possible",
                    rir + 1
                ))
            } else {
                Some(format!(
                    "choose a load you could lift {rir}-{} more times at the end of each set",
                    rir + 1
                ))
            };
            PrescribedExercise {
                id: p.ex.id.to_string(),
                name: p.ex.name.to_string(),
                sets: p.sets,
                reps: p.reps.clone(),
                rir,
                tempo: controlled_tempo::tempo(p.ex.dosing).to_string(),
                equipment: p.eq.to_vec(),
                load: advice,
                easier: p.ex.easier.map(String::from),
                harder: p.ex.harder.map(String::from),
            }
        })
        .collect();
    let minutes = used_s.div_ceil(60).div_ceil(5) * 5;
    Prescription {
        warm_up: warm,
        exercises,
        minutes,
        why,
    }
}

/// Estimated minutes of a prescribed session (warm-up, work, rest, transitions), rounded up
/// to 5; used again when a session's sets change after prescription.
pub fn estimate_minutes(
    exercises: &[PrescribedExercise],
    intensity: Intensity,
    phase: Phase,
    focus: Focus,
    after_run: bool,
) -> u32 {
    let mut secs = warm_up::minutes(after_run) * 60;
    for p in exercises {
        let Some(e) = crate::exercises::find(&p.id) else {
            continue;
        };
        let (_, work) = reps_text(e, phase, focus);
        secs += TRANSITION_S + p.sets * (work + rest_seconds(e, intensity));
    }
    secs.div_ceil(60).div_ceil(5) * 5
}

fn equipment_list(a: &Athlete) -> String {
    let mut v = vec!["bodyweight"];
    v.extend(
        a.equipment
            .iter()
            .filter(|e| **e != Equipment::Bodyweight)
            .map(|e| e.as_str()),
    );
    v.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercises::find;
    use crate::model::{Experience, Units};
    use proptest::prelude::*;

    fn athlete(eq: &[Equipment], screen: MovementScreen) -> Athlete {
        Athlete {
            name: "A".into(),
            age: 35,
            body_mass_kg: 60.0,
            experience: Experience::Intermediate,
            equipment: eq.to_vec(),
            movement_screen: screen,
            units: Units::Km,
            sex: None,
            hr_rest: None,
            hr_max: None,
        }
    }

    fn req(a: &Athlete, focus: Focus, phase: Phase, minutes: u32) -> Request<'_> {
        Request {
            athlete: a,
            focus,
            intensity: Intensity::Moderate,
            phase,
            minutes,
            after_run: true,
            deload: false,
            variant: 0,
        }
    }

    #[test]
    fn equipment_is_respected() {
        let a = athlete(&[Equipment::Kettlebell], MovementScreen::Pass);
        for f in Focus::ALL {
            let p = prescribe(&req(&a, *f, Phase::Base, 45), None);
            assert!(p.exercises.len() >= 2);
            for e in &p.exercises {
                assert!(
                    e.equipment.iter().all(|q| a.has(*q)),
                    "{} uses {:?}",
                    e.id,
                    e.equipment
                );
                assert!(find(&e.id).is_some());
            }
        }
    }

    #[test]
    fn failed_screen_means_no_external_load() {
        let a = athlete(
            &[
                Equipment::Barbell,
                Equipment::Dumbbell,
                Equipment::Kettlebell,
            ],
            MovementScreen::Fail,
        );
        let p = prescribe(&req(&a, Focus::Full, Phase::Base, 45), None);
        assert!(p
            .exercises
            .iter()
            .all(|e| e.equipment == vec![Equipment::Bodyweight] && e.load.is_none()));
        assert!(p.why.iter().any(|w| w.rule == "movement-screen"));
    }

    #[test]
    fn longer_sessions_hold_more_work_and_fit_their_minutes() {
        let a = athlete(
            &[Equipment::Dumbbell, Equipment::Bench],
            MovementScreen::Pass,
        );
        let short = prescribe(&req(&a, Focus::Full, Phase::Base, 20), None);
        let long = prescribe(&req(&a, Focus::Full, Phase::Base, 60), None);
        let vol = |p: &Prescription| p.exercises.iter().map(|e| e.sets).sum::<u32>();
        assert!(vol(&long) > vol(&short));
        assert!(long.minutes <= 60, "{}", long.minutes);
        for e in &long.exercises {
            assert!((2..=3).contains(&e.sets));
            assert!(
                e.reps.starts_with("10-15")
                    || e.reps.ends_with('s')
                    || e.reps.contains("each side")
                    || e.reps == "12-15"
            );
        }
    }

    #[test]
    fn deload_cuts_sets_and_adds_reserve() {
        let a = athlete(&[Equipment::Dumbbell], MovementScreen::Pass);
        let mut r = req(&a, Focus::Lower, Phase::Build, 45);
        let normal = prescribe(&r, None);
        r.deload = true;
        let de = prescribe(&r, None);
        let vol = |p: &Prescription| p.exercises.iter().map(|e| e.sets).sum::<u32>();
        assert!(vol(&de) < vol(&normal));
        assert_eq!(de.exercises[0].rir, normal.exercises[0].rir + 1);
        assert_eq!(normal.exercises.len(), de.exercises.len());
    }

    /// What each exercise cannot be done without, written from the movement itself and not
    /// read from the library: any one of the listed sets, every item of that set. Household
    /// things (a chair, a stair, a sturdy table, a towel, a broomstick) are not equipment.
    fn needs(id: &str) -> &'static [&'static [Equipment]] {
        use Equipment::*;
        match id {
            "bench-press" => &[&[Barbell, Bench], &[Dumbbell, Bench]],
            "hip-thrust" => &[&[Barbell, Bench], &[Dumbbell, Bench], &[Kettlebell, Bench]],
            "deadlift" | "back-squat" => &[&[Barbell]],
            "pallof-press" | "band-row" => &[&[Band], &[Machine]],
            "band-pull-apart" => &[&[Band]],
            "kettlebell-single-leg-deadlift" => &[&[Kettlebell]],
            "floor-press"
            | "goblet-squat"
            | "kettlebell-deadlift"
            | "kettlebell-swing"
            | "suitcase-carry"
            | "turkish-get-up" => &[&[Kettlebell], &[Dumbbell]],
            "romanian-deadlift" | "bent-over-row" | "overhead-press" => {
                &[&[Barbell], &[Dumbbell], &[Kettlebell]]
            }
            "half-kneeling-press" => &[&[Kettlebell], &[Dumbbell], &[Band]],
            _ => &[&[]],
        }
    }

    fn any_focus() -> impl Strategy<Value = Focus> {
        prop::sample::select(Focus::ALL.to_vec())
    }

    proptest! {
        /// For any equipment, every prescribed exercise can be done with it: the way it is
        /// equipped uses only what the athlete has, is one of the library's ways, and meets
        /// what the movement itself needs (a bench press needs a bench).
        #[test]
        fn every_prescribed_exercise_is_doable_with_the_athletes_equipment(
            mask in 0u8..128,
            focus in any_focus(),
            intensity in prop::sample::select(vec![Intensity::Heavy, Intensity::Moderate, Intensity::Light, Intensity::Bodyweight]),
            phase in prop::sample::select(Phase::ALL.to_vec()),
            minutes in 10u32..=60,
            after_run: bool,
            deload: bool,
            variant in 0u32..4,
            pass: bool,
        ) {
            let all = [Equipment::Bodyweight, Equipment::Kettlebell, Equipment::Dumbbell, Equipment::Barbell, Equipment::Bench, Equipment::Band, Equipment::Machine];
            let eq: Vec<Equipment> = all.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, e)| *e).collect();
            let screen = if pass { MovementScreen::Pass } else { MovementScreen::Fail };
            let a = athlete(&eq, screen);
            let has = |q: Equipment| q == Equipment::Bodyweight || eq.contains(&q);
            let r = Request { athlete: &a, focus, intensity, phase, minutes, after_run, deload, variant };
            let p = prescribe(&r, None);
            for e in &p.exercises {
                let lib = find(&e.id).expect("library id");
                prop_assert!(e.equipment.iter().all(|q| has(*q)), "{} uses {:?} with {:?}", e.id, e.equipment, eq);
                prop_assert!(lib.equipment.contains(&e.equipment.as_slice()), "{}: {:?}", e.id, e.equipment);
                prop_assert!(
                    needs(&e.id).iter().any(|set| set.iter().all(|q| has(*q))),
                    "{} prescribed with {:?}: it needs one of {:?}", e.id, eq, needs(&e.id)
                );
                prop_assert!(
                    needs(&e.id).iter().any(|set| set.iter().all(|q| e.equipment.contains(q))),
                    "{} lists {:?}, short of one of {:?}", e.id, e.equipment, needs(&e.id)
                );
            }
            // A warm-up asks for nothing the athlete may lack.
            for w in &p.warm_up {
                prop_assert!(!w.contains("band") || has(Equipment::Band), "{w}");
            }
        }
    }

    #[test]
    fn without_a_bench_the_press_is_a_floor_press() {
        let a = athlete(
            &[Equipment::Kettlebell, Equipment::Dumbbell],
            MovementScreen::Pass,
        );
        let ids: Vec<String> = (0..2)
            .flat_map(|variant| {
                let r = Request {
                    variant,
                    ..req(&a, Focus::Upper, Phase::Base, 45)
                };
                prescribe(&r, None).exercises.into_iter().map(|e| e.id)
            })
            .collect();
        assert!(!ids.iter().any(|i| i == "bench-press" || i == "hip-thrust"));
        assert!(ids.iter().any(|i| i == "floor-press"), "{ids:?}");
        let with_bench = athlete(
            &[Equipment::Dumbbell, Equipment::Bench],
            MovementScreen::Pass,
        );
        let p = prescribe(&req(&with_bench, Focus::Upper, Phase::Base, 45), None);
        let press = p
            .exercises
            .iter()
            .find(|e| e.id == "bench-press")
            .expect("bench press");
        assert!(press.equipment.contains(&Equipment::Bench));
    }

    #[test]
    fn load_hint_is_used() {
        let a = athlete(&[Equipment::Dumbbell], MovementScreen::Pass);
        let hint = |id: &str| (id == "romanian-deadlift").then(|| "2 x 16 kg".to_string());
        let p = prescribe(&req(&a, Focus::Lower, Phase::Build, 45), Some(&hint));
        let rdl = p
            .exercises
            .iter()
            .find(|e| e.id == "romanian-deadlift")
            .expect("rdl chosen");
        assert_eq!(rdl.load.as_deref(), Some("2 x 16 kg"));
    }
}
