//! Prescription: turns a session's focus, intensity, phase, minutes and programme into a
//! warm-up and exercises, each with its dose, tempo and load advice.
//!
//! Exercises come from the library within the athlete's equipment, one per slot of the
//! session's programme ([`program`]): the required slots always, the optional ones while the
//! minutes and the session's share of the week's sets allow. Each is dosed in its own unit
//! ([`dosing`]); sets start at the phase's low end and grow to its high end while time and the
//! set budget allow, the first (main) exercises first. A failed movement screen gives
//! bodyweight competency and mobility work only.

mod choose;
pub mod dosing;
pub mod program;

pub use program::{LegRole, SessionProgram, Slot};

use crate::dose::{Dose, Unit};
use crate::exercises::{Exercise, Kind};
use crate::model::{Athlete, Equipment, Focus, Intensity, MovementScreen, Phase};
use crate::plan::{PrescribedExercise, Why};
use crate::rules::{
    controlled_tempo, deload_week, exercise_dose, exercise_selection, movement_screen, plyometrics,
    reps_by_phase, reps_in_reserve, warm_up,
};
use choose::{choose, Choice};

/// What to prescribe.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The athlete (equipment, movement screen, experience).
    pub athlete: &'a Athlete,
    /// Session focus.
    pub focus: Focus,
    /// Session intensity.
    pub intensity: Intensity,
    /// Training phase (doses).
    pub phase: Phase,
    /// Minutes available, warm-up included.
    pub minutes: u32,
    /// Straight after a run (shorter warm-up).
    pub after_run: bool,
    /// A deload week: one more rep in reserve, lighter loads (and 25% fewer sets when the
    /// programme gives no set budget).
    pub deload: bool,
    /// What the session holds.
    pub program: &'a SessionProgram,
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

/// Seconds to move between exercises.
const TRANSITION_S: u32 = 30;

/// One chosen exercise while the session is being filled.
struct Pick {
    ex: &'static Exercise,
    eq: &'static [Equipment],
    amount: crate::dose::Amount,
    sets: u32,
    set_s: u32,
    required: bool,
}

impl Pick {
    /// Sets that count toward the week's strength volume: mobility and plyometric drills
    /// do not (plyometrics have their own cap in foot contacts).
    fn volume(&self) -> u32 {
        if counts_as_volume(self.ex.kind) {
            self.sets
        } else {
            0
        }
    }
}

/// Whether sets of this kind count as strength volume (`strength-volume-by-phase`): every
/// kind but mobility and plyometrics.
pub fn counts_as_volume(kind: Kind) -> bool {
    !matches!(kind, Kind::Mobility | Kind::Plyometric)
}

/// Sets of a plyometric opener reaching `contacts` foot contacts (20-60 in all).
fn plyo_sets(a: &crate::dose::Amount, contacts: u32) -> u32 {
    let per_set = dosing::contacts(a).max(1);
    let sets = contacts.div_ceil(per_set).max(2);
    // Never above 60 contacts.
    sets.min((plyometrics::CONTACTS.1 / per_set).max(1))
}

/// Prescribes a session. `load` gives per-exercise load advice from the log when known.
///
/// Invariants: every exercise id is in the library and equipped with what the athlete has;
/// with a failed movement screen no exercise uses anything but bodyweight; a session that
/// spares the legs (upper, core, mobility) holds no exercise that loads them; sets stay within
/// the programme's range except where the set budget forces accessories down to one; reps in
/// reserve is set for strength lifts only and is at least 1.
pub fn prescribe(req: &Request<'_>, load: Option<LoadHint<'_>>) -> Prescription {
    let competency = req.athlete.movement_screen == MovementScreen::Fail;
    let program = req.program;
    let legs = req.focus.loads_legs();
    let choice = Choice {
        athlete: req.athlete,
        intensity: req.intensity,
        competency,
        rotation: program.rotation,
        avoid: &program.avoid,
    };
    let (lo, hi) = program.sets;
    let budget_s = req.minutes.saturating_mul(60);
    let max_sets = program.max_sets.unwrap_or(u32::MAX);
    let mut used_s = warm_up::minutes(req.after_run) * 60;

    // Every slot's exercise first (required and optional), then the optional ones that do
    // not fit are left out: the required ones are kept whatever the minutes and sets, and the
    // optional ones only fill what the required ones leave.
    let mut chosen: Vec<(Pick, bool)> = Vec::with_capacity(program.slots.len());
    let mut used: Vec<&str> = Vec::with_capacity(program.slots.len());
    for slot in &program.slots {
        // With no hinge the equipment allows (no band or weights, and no drill once the
        // screen passes), the posterior chain comes from the floor: a bridge.
        let found = choose(slot.pattern, &choice, &used, legs).or_else(|| {
            (slot.pattern == crate::exercises::Pattern::Hinge)
                .then(|| choose(crate::exercises::Pattern::Bridge, &choice, &used, legs))
                .flatten()
        });
        let Some((ex, eq, second_rate)) = found else {
            continue;
        };
        if !slot.required && second_rate {
            continue;
        }
        let amount = dosing::amount(ex, req.phase);
        let set_s = dosing::work_seconds(ex, &amount) + dosing::rest_seconds(ex, req.intensity);
        let sets = match (ex.kind, program.plyo_contacts) {
            (Kind::Plyometric, Some(c)) => plyo_sets(&amount, c),
            _ => lo,
        };
        used.push(ex.id);
        let pick = Pick {
            ex,
            eq,
            amount,
            sets,
            set_s,
            required: slot.required,
        };
        chosen.push((pick, slot.required));
    }
    let cost = |p: &Pick| TRANSITION_S + p.sets * p.set_s;
    used_s += chosen
        .iter()
        .filter(|(_, r)| *r)
        .map(|(p, _)| cost(p))
        .sum::<u32>();
    let mut volume: u32 = chosen
        .iter()
        .filter(|(_, r)| *r)
        .map(|(p, _)| p.volume())
        .sum();
    let mut picks: Vec<Pick> = Vec::with_capacity(chosen.len());
    for (p, required) in chosen {
        if !required {
            if used_s + cost(&p) > budget_s || volume + p.volume() > max_sets {
                continue;
            }
            used_s += cost(&p);
            volume += p.volume();
        }
        picks.push(p);
    }
    trim_to_budget(&mut picks, &mut used_s, max_sets);
    // Spare time and sets buy sets up to the top of the range, first exercises first.
    loop {
        let mut added = false;
        for i in 0..picks.len() {
            let volume: u32 = picks.iter().map(Pick::volume).sum();
            let p = &mut picks[i];
            let counts = counts_as_volume(p.ex.kind);
            if p.ex.kind == Kind::Plyometric
                || p.sets >= hi
                || used_s + p.set_s > budget_s
                || (counts && volume >= max_sets)
            {
                continue;
            }
            p.sets += 1;
            used_s += p.set_s;
            added = true;
        }
        if !added {
            break;
        }
    }
    let mut why = reasons(req, competency, &picks);
    if req.deload && program.max_sets.is_none() {
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
        .map(|p| PrescribedExercise {
            id: p.ex.id.to_string(),
            name: p.ex.name.to_string(),
            dose: Dose::new(p.sets, p.amount, p.ex.has_rir().then_some(rir)),
            tempo: controlled_tempo::tempo(p.ex.kind).to_string(),
            equipment: p.eq.to_vec(),
            load: advice(p, req.deload, rir, load),
            easier: p
                .ex
                .easier
                .filter(|x| !req.athlete.avoids(x))
                .map(String::from),
            harder: p
                .ex
                .harder
                .filter(|x| !req.athlete.avoids(x))
                .map(String::from),
        })
        .collect();
    Prescription {
        warm_up: warm_up::items(
            req.focus,
            req.after_run,
            picks.iter().any(|p| p.ex.kind == Kind::Plyometric),
        ),
        exercises,
        minutes: used_s.div_ceil(60).div_ceil(5) * 5,
        why,
    }
}

/// Takes sets off until the session's strength sets fit `max_sets`: the accessories first
/// (the last first), then the two main lifts, never below one set.
fn trim_to_budget(picks: &mut [Pick], used_s: &mut u32, max_sets: u32) {
    while picks.iter().map(Pick::volume).sum::<u32>() > max_sets {
        let main = |i: usize, p: &Pick| i < 2 && p.required;
        let cut = |i: usize, p: &Pick| counts_as_volume(p.ex.kind) && p.sets > 1 && !main(i, p);
        let i = (0..picks.len())
            .rev()
            .find(|&i| cut(i, &picks[i]))
            .or_else(|| {
                (0..picks.len())
                    .rev()
                    .find(|&i| counts_as_volume(picks[i].ex.kind) && picks[i].sets > 1)
            });
        let Some(i) = i else { return };
        picks[i].sets -= 1;
        *used_s -= picks[i].set_s;
    }
}

/// Load advice for an exercise that carries external load: the log's, or how to choose one.
fn advice(p: &Pick, deload: bool, rir: u32, load: Option<LoadHint<'_>>) -> Option<String> {
    let band = p.eq.contains(&Equipment::Band);
    let external =
        p.eq.iter()
            .any(|q| !matches!(q, Equipment::Bodyweight | Equipment::Bench));
    if !external {
        return None;
    }
    if let Some(h) = load.and_then(|f| f(p.ex.id)) {
        return Some(h);
    }
    Some(match p.ex.kind {
        Kind::GetUp => "a bell light enough to control through every step".to_string(),
        Kind::Carry => "as heavy as you can carry while walking tall".to_string(),
        Kind::Hold | Kind::Plyometric | Kind::Mobility => return None,
        Kind::Lift if !p.ex.has_rir() => {
            let what = if band { "a band tension" } else { "a load" };
            format!("{what} you control through every rep, no straining")
        }
        Kind::Lift | Kind::Ballistic if deload => format!(
            "about 10% lighter than usual, so {rir}-{} more reps would still be possible",
            rir + 1
        ),
        Kind::Lift | Kind::Ballistic if band => format!(
            "choose a band tension that leaves {rir}-{} more reps at the end of each set",
            rir + 1
        ),
        Kind::Lift | Kind::Ballistic => format!(
            "choose a load you could lift {rir}-{} more times at the end of each set",
            rir + 1
        ),
    })
}

/// The session's dose reasons.
fn reasons(req: &Request<'_>, competency: bool, picks: &[Pick]) -> Vec<Why> {
    let lifts = picks.iter().any(|p| p.ex.has_rir());
    let mut why = Vec::new();
    if lifts {
        why.push(Why::new(
            reps_by_phase::ID,
            reps_by_phase::explain(req.phase),
        ));
    }
    if lifts {
        why.push(Why::new(
            reps_in_reserve::ID,
            format!(
                "Stop each set of the lifts with {} reps in reserve; never to failure.",
                reps_in_reserve::rir(req.intensity, req.deload)
            ),
        ));
    }
    if picks.iter().any(|p| p.ex.kind == Kind::Lift) {
        why.push(Why::new(
            controlled_tempo::ID,
            "Lower in 3 s, pause 1 s, lift with control, full range, breathe out on the effort.",
        ));
    }
    why.push(Why::new(
        warm_up::ID,
        if req.after_run {
            "The run warms you up; a few dynamic drills are enough before lifting."
        } else {
            "A dynamic warm-up first: easy movement, then the session's patterns without load."
        },
    ));
    why.push(Why::new(
        exercise_selection::ID,
        format!(
            "Exercises chosen for {} {} session within your equipment ({}).",
            if req.focus == Focus::Upper { "an" } else { "a" },
            crate::rules::week::focus_phrase(req.focus),
            equipment_list(req.athlete)
        ),
    ));
    let units: Vec<&str> = [
        (Unit::Seconds, "seconds for holds"),
        (Unit::Contacts, "foot contacts for plyometrics"),
        (Unit::Metres, "metres for carries"),
        (Unit::SlowReps, "slow reps for mobility"),
    ]
    .into_iter()
    .filter(|(u, _)| picks.iter().any(|p| p.amount.unit == *u))
    .map(|(_, t)| t)
    .collect();
    if !units.is_empty() || picks.iter().any(|p| p.ex.kind == Kind::GetUp) {
        let mut parts = if lifts {
            vec!["reps for lifts"]
        } else {
            Vec::new()
        };
        parts.extend(units);
        if picks.iter().any(|p| p.ex.kind == Kind::GetUp) {
            parts.push("1-5 slow reps a side for get-ups");
        }
        why.push(Why::new(
            exercise_dose::ID,
            format!(
                "Each exercise in its own unit: {}.",
                crate::text::join_and(&parts)
            ),
        ));
    }
    if let Some(p) = picks.iter().find(|p| p.ex.kind == Kind::Plyometric) {
        let n = p.sets * dosing::contacts(&p.amount);
        why.push(Why::new(
            plyometrics::ID,
            format!(
                "{} first, while fresh: {n} foot contacts for the spring in your stride.",
                p.ex.name
            ),
        ));
    }
    if competency {
        why.push(Why::new(movement_screen::ID, "Your movement screen did not pass: bodyweight squat, lunge and hinge practice plus mobility, no external load, until it does."));
    }
    why
}

/// The highest exercise level offered to an athlete of this experience (no heavy barbell or
/// advanced variants for beginners).
pub fn max_level(x: crate::model::Experience) -> u8 {
    choose::max_level(x)
}

/// One exercise prescribed on its own, as a session of `intensity` in `phase` would hold
/// it (a swap): `sets` sets of its own unit's dose for the phase, reps in reserve where it
/// applies, its tempo, and load advice when it carries external load (`eq` is how it is
/// equipped).
pub fn single(
    ex: &'static Exercise,
    eq: &'static [Equipment],
    phase: Phase,
    intensity: Intensity,
    deload: bool,
    sets: u32,
    athlete: &Athlete,
) -> PrescribedExercise {
    let amount = dosing::amount(ex, phase);
    let rir = reps_in_reserve::rir(intensity, deload);
    let pick = Pick {
        ex,
        eq,
        amount,
        sets,
        set_s: 0,
        required: true,
    };
    PrescribedExercise {
        id: ex.id.to_string(),
        name: ex.name.to_string(),
        dose: Dose::new(sets, amount, ex.has_rir().then_some(rir)),
        tempo: controlled_tempo::tempo(ex.kind).to_string(),
        equipment: eq.to_vec(),
        load: advice(&pick, deload, rir, None),
        easier: ex.easier.filter(|x| !athlete.avoids(x)).map(String::from),
        harder: ex.harder.filter(|x| !athlete.avoids(x)).map(String::from),
    }
}

/// Estimated minutes of a prescribed session (warm-up, work, rest, transitions), rounded up
/// to 5; used again when a session's sets change after prescription.
pub fn estimate_minutes(
    exercises: &[PrescribedExercise],
    intensity: Intensity,
    after_run: bool,
) -> u32 {
    let mut secs = warm_up::minutes(after_run) * 60;
    for p in exercises {
        let Some(e) = crate::exercises::find(&p.id) else {
            continue;
        };
        let set_s = dosing::work_seconds(e, &p.dose.amount) + dosing::rest_seconds(e, intensity);
        secs += TRANSITION_S + p.dose.sets * set_s;
    }
    secs.div_ceil(60).div_ceil(5) * 5
}

/// The dose of `e` in `phase` with `sets` sets, reps in reserve where it applies.
pub fn dose_of(e: &Exercise, phase: Phase, sets: u32, rir: u32) -> Dose {
    Dose::new(sets, dosing::amount(e, phase), e.has_rir().then_some(rir))
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
            avoid: vec![],
        }
    }

    /// Standalone programmes, one per focus and phase, built once.
    fn program(focus: Focus, phase: Phase) -> &'static SessionProgram {
        use std::sync::OnceLock;
        static ALL: OnceLock<Vec<(Focus, Phase, SessionProgram)>> = OnceLock::new();
        let all = ALL.get_or_init(|| {
            let mut v = Vec::new();
            for f in Focus::ALL {
                for p in Phase::ALL {
                    v.push((*f, *p, program::standalone(*f, *p, false)));
                }
            }
            v
        });
        &all.iter()
            .find(|(f, p, _)| *f == focus && *p == phase)
            .expect("programme")
            .2
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
            program: program(focus, phase),
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
        let vol = |p: &Prescription| p.exercises.iter().map(|e| e.dose.sets).sum::<u32>();
        assert!(vol(&long) > vol(&short));
        assert!(long.minutes <= 60, "{}", long.minutes);
        for e in &long.exercises {
            assert!((2..=3).contains(&e.dose.sets));
            let x = find(&e.id).expect("library");
            assert_eq!(e.dose.amount, dosing::amount(x, Phase::Base), "{}", e.id);
        }
    }

    #[test]
    fn deload_cuts_sets_and_adds_reserve() {
        let a = athlete(&[Equipment::Dumbbell], MovementScreen::Pass);
        let mut r = req(&a, Focus::Lower, Phase::Build, 45);
        let normal = prescribe(&r, None);
        r.deload = true;
        let de = prescribe(&r, None);
        let vol = |p: &Prescription| p.exercises.iter().map(|e| e.dose.sets).sum::<u32>();
        assert!(vol(&de) < vol(&normal));
        assert_eq!(
            de.exercises[0].dose.rir,
            normal.exercises[0].dose.rir.map(|r| r + 1)
        );
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
            let program = SessionProgram { rotation: variant, ..program(focus, phase).clone() };
            let r = Request { athlete: &a, focus, intensity, phase, minutes, after_run, deload, program: &program };
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
                let program = SessionProgram {
                    rotation: variant,
                    ..program(Focus::Upper, Phase::Base).clone()
                };
                let r = Request {
                    program: &program,
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
