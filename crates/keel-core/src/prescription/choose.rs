//! Choosing the exercise for a slot (`exercise-selection`, `exercise-rotation`,
//! `movement-screen`).
//!
//! Candidates are the library's exercises of the pattern that the athlete's equipment allows
//! (bodyweight only after a failed screen), never a competency drill once the screen passes,
//! nothing above the athlete's level, and nothing the runner asked never to be given
//! (`[exercises].avoid`). They are ranked by: not already in the week's other
//! sessions, loaded where a main lift can be (the book: "loaded main lifts where the equipment
//! allows"), closest to the wanted demand, library order. The rotation index then picks among
//! the closest few, so variants change from block to block within the same pattern.

use crate::exercises::{Exercise, Pattern, LIBRARY};
use crate::model::{Athlete, Equipment, Experience, Intensity};

/// What the choice depends on besides the pattern.
pub(super) struct Choice<'a> {
    pub athlete: &'a Athlete,
    pub intensity: Intensity,
    pub competency: bool,
    pub rotation: u32,
    pub avoid: &'a [&'static str],
}

/// Patterns whose exercise should carry load when the equipment allows.
fn main_lift(p: Pattern) -> bool {
    matches!(
        p,
        Pattern::Hinge
            | Pattern::Bridge
            | Pattern::Squat
            | Pattern::SingleLeg
            | Pattern::Push
            | Pattern::Pull
            | Pattern::Press
    )
}

/// Wanted demand in half levels: experience, then the session's intensity.
fn target(c: &Choice<'_>, pattern: Pattern) -> u8 {
    if c.competency {
        return 0;
    }
    let base: i8 = match (pattern, c.athlete.experience) {
        (Pattern::Plyometric, Experience::Advanced) => 4,
        (Pattern::Plyometric, _) => 2,
        (_, Experience::Beginner) => 2,
        (_, Experience::Intermediate) => 4,
        (_, Experience::Advanced) => 5,
    };
    let shift: i8 = match c.intensity {
        Intensity::Heavy => 1,
        Intensity::Moderate => 0,
        Intensity::Light | Intensity::Bodyweight => -1,
    };
    let want = (base + shift).max(0) as u8;
    // Without weights or bands "heavy" is a harder bodyweight variant at most: aim at the
    // middle of the range so the rotation spans the bodyweight progressions.
    let unloaded = !c
        .athlete
        .equipment
        .iter()
        .any(|q| !matches!(q, Equipment::Bodyweight | Equipment::Bench));
    if unloaded {
        want.min(4)
    } else {
        want
    }
}

/// The highest level offered: no heavy barbell or advanced variants for beginners.
pub(crate) fn max_level(x: Experience) -> u8 {
    if x == Experience::Beginner {
        2
    } else {
        3
    }
}

/// Library positions of each pattern's exercises, in library order (built once).
fn of_pattern(pattern: Pattern) -> &'static [usize] {
    use std::sync::OnceLock;
    static INDEX: OnceLock<Vec<(Pattern, Vec<usize>)>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut v: Vec<(Pattern, Vec<usize>)> = Vec::new();
        for (i, e) in LIBRARY.iter().enumerate() {
            match v.iter_mut().find(|(p, _)| *p == e.pattern) {
                Some((_, ids)) => ids.push(i),
                None => v.push((e.pattern, vec![i])),
            }
        }
        v
    });
    index
        .iter()
        .find(|(p, _)| *p == pattern)
        .map_or(&[], |(_, ids)| ids.as_slice())
}

/// Whether a way of equipping an exercise adds external resistance.
fn loaded(eq: &[Equipment]) -> bool {
    eq.iter()
        .any(|q| !matches!(q, Equipment::Bodyweight | Equipment::Bench))
}

/// Rank key, lower first: avoided, unloaded main lift, distance to the wanted demand, order.
type Rank = (bool, bool, u8, usize);

/// A chosen exercise, its equipment, and whether it is second-rate: already in another
/// session of the week, or unloaded where a loaded one exists.
pub(super) type Chosen = (&'static Exercise, &'static [Equipment], bool);

/// The exercise and its equipment for a slot of `pattern`; `None` when nothing fits.
///
/// `used` holds the exercises already in this session; `legs` says whether the session may
/// load the legs.
pub(super) fn choose(
    pattern: Pattern,
    c: &Choice<'_>,
    used: &[&str],
    legs: bool,
) -> Option<Chosen> {
    let bodyweight_only = c.competency || c.intensity == Intensity::Bodyweight;
    let want = target(c, pattern);
    let cap = max_level(c.athlete.experience);
    // A pattern has at most a dozen exercises: a stack buffer keeps this allocation-free.
    let mut cands: [Option<(Rank, &'static Exercise, &'static [Equipment])>; 16] = [None; 16];
    let mut n = 0;
    // Ids are the library's own static strings: comparing their addresses is enough.
    let same = |a: &str, b: &str| std::ptr::eq(a.as_ptr(), b.as_ptr()) && a.len() == b.len();
    for &i in of_pattern(pattern) {
        let e = &LIBRARY[i];
        if used.iter().any(|u| same(u, e.id))
            || e.level > cap
            || (e.drill && !c.competency)
            || (!legs && e.loads_legs())
            || c.athlete.avoids(e.id)
        {
            continue;
        }
        let Some(eq) = e.equip_with(|q| c.athlete.has(q), bodyweight_only) else {
            continue;
        };
        let unloaded = main_lift(pattern) && !bodyweight_only && !loaded(eq);
        let rank = (
            c.avoid.iter().any(|a| same(a, e.id)),
            unloaded,
            (2 * e.level).abs_diff(want),
            i,
        );
        if n < cands.len() {
            cands[n] = Some((rank, e, eq));
            n += 1;
        }
    }
    let cands = &mut cands[..n];
    cands.sort_unstable_by_key(|c| c.map(|(r, _, _)| r));
    let (best, _, _) = cands.first().copied().flatten()?;
    // The close variants: as good on the first two keys, within one level of the best, and
    // for a main lift never more than a level and a half below the wanted demand (rotation is
    // variety, not a regression).
    let window = cands
        .iter()
        .take(4)
        .take_while(|c| {
            c.is_some_and(|(r, e, _)| {
                r.0 == best.0
                    && r.1 == best.1
                    && r.2 <= best.2 + 2
                    && (!main_lift(pattern) || 2 * e.level + 3 >= want)
            })
        })
        .count()
        .max(1);
    let (rank, e, eq) = cands[c.rotation as usize % window]?;
    let loaded_exists = cands.iter().flatten().any(|(r, _, _)| !r.1);
    Some((e, eq, rank.0 || (rank.1 && loaded_exists)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MovementScreen, Units};

    fn athlete(eq: &[Equipment], x: Experience) -> Athlete {
        Athlete {
            name: "A".into(),
            age: 35,
            body_mass_kg: 60.0,
            experience: x,
            equipment: eq.to_vec(),
            movement_screen: MovementScreen::Pass,
            units: Units::Km,
            sex: None,
            hr_rest: None,
            hr_max: None,
            avoid: vec![],
        }
    }

    fn pick(a: &Athlete, p: Pattern, rotation: u32) -> &'static str {
        let c = Choice {
            athlete: a,
            intensity: Intensity::Moderate,
            competency: false,
            rotation,
            avoid: &[],
        };
        choose(p, &c, &[], true)
            .map(|(e, _, _)| e.id)
            .unwrap_or("-")
    }

    #[test]
    fn a_runner_who_passed_the_screen_gets_a_loaded_hinge_not_a_drill() {
        let bands = athlete(&[Equipment::Band], Experience::Beginner);
        assert!(pick(&bands, Pattern::Hinge, 0).starts_with("band-"));
        let none = athlete(&[], Experience::Intermediate);
        assert_ne!(pick(&none, Pattern::Hinge, 0), "hip-hinge-drill");
        let bells = athlete(&[Equipment::Kettlebell], Experience::Intermediate);
        assert!([
            "kettlebell-deadlift",
            "romanian-deadlift",
            "kettlebell-swing"
        ]
        .contains(&pick(&bells, Pattern::Hinge, 0)));
    }

    #[test]
    fn rotation_changes_the_variant_within_the_pattern() {
        let a = athlete(&[Equipment::Dumbbell], Experience::Intermediate);
        let picks: std::collections::BTreeSet<&str> =
            (0..3).map(|r| pick(&a, Pattern::SingleLeg, r)).collect();
        assert!(picks.len() >= 2, "{picks:?}");
    }

    #[test]
    fn beginners_get_no_advanced_variants() {
        let a = athlete(&[Equipment::Barbell], Experience::Beginner);
        for r in 0..4 {
            for p in [Pattern::Hinge, Pattern::Squat, Pattern::Bridge] {
                let id = pick(&a, p, r);
                assert!(
                    crate::exercises::find(id).is_some_and(|e| e.level <= 2),
                    "{id}"
                );
            }
        }
    }
}
