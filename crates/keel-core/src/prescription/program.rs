//! What a session holds: its movement patterns in order, which of them it must hold, its sets
//! per exercise and its share of the week's sets (`exercise-selection`, `core-not-legs`,
//! `plyometrics`, `strength-volume-by-phase`, `beginner-start`).
//!
//! The planner decides for the whole week which leg session covers what (a hinge in one, lateral
//! hip in the other, straight- and bent-knee calf work alternating), so that together they
//! cover the book's patterns; a session built on its own (by adaptation) covers them alone.

use crate::exercises::Pattern;
use crate::model::{Focus, Phase};
use crate::rules::reps_by_phase;

/// One place in a session: a movement pattern, and whether the session must hold it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// The pattern.
    pub pattern: Pattern,
    /// Kept whatever the minutes or the set budget (at one set if need be).
    pub required: bool,
}

const fn req(pattern: Pattern) -> Slot {
    Slot {
        pattern,
        required: true,
    }
}

const fn opt(pattern: Pattern) -> Slot {
    Slot {
        pattern,
        required: false,
    }
}

/// Where a leg session stands among the week's leg-loading sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegRole {
    /// 0-based position among the week's leg sessions.
    pub index: usize,
    /// How many leg sessions the week holds.
    pub of: usize,
    /// The calf pattern this session takes: `Calf` (straight knee) or `Soleus` (bent knee).
    pub calf: Pattern,
}

impl LegRole {
    /// The only leg session of its week.
    pub fn only(calf: Pattern) -> LegRole {
        LegRole {
            index: 0,
            of: 1,
            calf,
        }
    }
}

/// What a session holds, decided by the planner for its week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionProgram {
    /// Patterns in the order they are done.
    pub slots: Vec<Slot>,
    /// Sets per exercise, low and high.
    pub sets: (u32, u32),
    /// The session's share of the week's working sets, when the phase caps volume.
    pub max_sets: Option<u32>,
    /// Foot contacts the plyometric exercise aims at, when the session opens with one.
    pub plyo_contacts: Option<u32>,
    /// Which of the close variants to take for each pattern (`exercise-rotation`).
    pub rotation: u32,
    /// Exercises already in the week's other sessions: taken only when nothing else fits.
    pub avoid: Vec<&'static str>,
}

/// Foot contacts of the plyometric opener: 30 in build, 20 in peak (`plyometrics`: 20-60).
pub fn plyo_contacts(phase: Phase) -> u32 {
    if phase == Phase::Build {
        30
    } else {
        20
    }
}

/// Whether a phase keeps the full pattern coverage (base, build, fitness, off-season) rather
/// than the peak and taper minimum (single-leg and calf work).
fn covers_all(phase: Phase) -> bool {
    matches!(
        phase,
        Phase::Base | Phase::Build | Phase::Fitness | Phase::OffSeason
    )
}

/// Patterns of a leg-loading session (`lower` or `full`) in order: plyometrics first, the
/// main single-leg and hip lifts, upper body for a full session, then the smaller work (lateral
/// hip, calves, feet) and the trunk last.
pub fn leg_slots(
    phase: Phase,
    focus: Focus,
    role: LegRole,
    plyo: bool,
    competency: bool,
) -> Vec<Slot> {
    use Pattern::*;
    let full = focus == Focus::Full;
    let mut v = Vec::with_capacity(10);
    if competency && covers_all(phase) {
        // Bodyweight competency: the squat, lunge and hinge of the screen, then the rest of
        // the coverage without load, and mobility.
        v.extend([req(Squat), req(SingleLeg), req(Hinge), opt(Bridge)]);
        if full {
            v.extend([req(Pull), opt(Push)]);
        }
        v.extend([req(LateralHip), req(role.calf), req(AntiExtension)]);
        v.extend([req(Mobility), opt(Mobility), opt(Foot)]);
        return v;
    }
    if competency {
        v.extend([
            req(SingleLeg),
            opt(Squat),
            req(role.calf),
            req(Mobility),
            opt(AntiExtension),
        ]);
        return v;
    }
    if plyo {
        v.push(req(Plyometric));
    }
    v.push(req(SingleLeg));
    let second = role.index % 2 == 1;
    if covers_all(phase) {
        let (hip, trunk) = match (role.of, role.index) {
            (1, _) => (Hinge, AntiExtension),
            (_, 0) => (Hinge, AntiExtension),
            (_, 1) => (LateralHip, AntiRotation),
            _ => (Bridge, AntiExtension),
        };
        v.push(req(hip));
        if hip != Hinge {
            v.push(opt(if hip == Bridge { Hinge } else { Bridge }));
        }
        v.push(opt(Squat));
        if full {
            v.push(req(if second { Push } else { Pull }));
            v.push(opt(if second { Press } else { Push }));
        }
        if role.of == 1 {
            v.push(req(LateralHip));
        } else if hip != LateralHip {
            v.push(opt(LateralHip));
        }
        v.push(req(role.calf));
        v.push(opt(Foot));
        v.push(req(trunk));
        if role.of == 1 {
            v.push(opt(AntiRotation));
        }
    } else {
        // Peak and taper: each leg session keeps single-leg and calf work.
        v.push(req(if second { LateralHip } else { Hinge }));
        if full {
            v.push(req(Pull));
            v.push(opt(Push));
        }
        v.push(req(role.calf));
        v.push(opt(if second { AntiRotation } else { AntiExtension }));
    }
    v
}

/// Patterns of a session that spares the legs: upper body, core or mobility
/// (`core-not-legs`).
pub fn spare_slots(phase: Phase, focus: Focus, competency: bool) -> Vec<Slot> {
    use Pattern::*;
    match focus {
        Focus::Upper if competency => vec![req(Push), req(Pull), req(AntiExtension), opt(Mobility)],
        Focus::Upper if covers_all(phase) => vec![
            req(Pull),
            req(Push),
            opt(Press),
            opt(GetUp),
            opt(AntiRotation),
        ],
        Focus::Upper => vec![req(Pull), req(Push), opt(AntiRotation)],
        Focus::Core => vec![
            req(AntiExtension),
            req(AntiRotation),
            req(LateralCore),
            opt(GetUp),
            opt(AntiExtension),
        ],
        // Lower and full sessions never come here; mobility for them too.
        _ => vec![
            req(Mobility),
            req(Mobility),
            req(Mobility),
            opt(Mobility),
            opt(Mobility),
            opt(Mobility),
        ],
    }
}

/// Sets per exercise: the phase's range, or 2 in a beginner's first weeks.
pub fn sets(phase: Phase, beginner_start: bool) -> (u32, u32) {
    if beginner_start {
        (2, 2)
    } else {
        reps_by_phase::dose(phase).sets
    }
}

/// A session of `focus` on its own (adaptation's replacements): it covers the patterns alone,
/// with the phase's sets and no set budget.
pub fn standalone(focus: Focus, phase: Phase, competency: bool) -> SessionProgram {
    let slots = if focus.loads_legs() {
        leg_slots(
            phase,
            focus,
            LegRole::only(Pattern::Calf),
            false,
            competency,
        )
    } else {
        spare_slots(phase, focus, competency)
    };
    SessionProgram {
        slots,
        sets: sets(phase, false),
        max_sets: None,
        plyo_contacts: None,
        rotation: 0,
        avoid: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patterns(v: &[Slot]) -> Vec<Pattern> {
        v.iter().filter(|s| s.required).map(|s| s.pattern).collect()
    }

    #[test]
    fn two_leg_sessions_share_the_coverage() {
        use Pattern::*;
        let a = leg_slots(
            Phase::Base,
            Focus::Full,
            LegRole {
                index: 0,
                of: 2,
                calf: Calf,
            },
            false,
            false,
        );
        let b = leg_slots(
            Phase::Base,
            Focus::Full,
            LegRole {
                index: 1,
                of: 2,
                calf: Soleus,
            },
            false,
            false,
        );
        let mut all = patterns(&a);
        all.extend(patterns(&b));
        for p in [
            SingleLeg,
            Hinge,
            LateralHip,
            Calf,
            Soleus,
            AntiExtension,
            AntiRotation,
        ] {
            assert!(all.contains(&p), "{p:?} in {all:?}");
        }
        assert_eq!(patterns(&a)[0], SingleLeg);
    }

    #[test]
    fn plyometrics_open_the_session_and_sparing_sessions_hold_no_leg_pattern() {
        let s = leg_slots(
            Phase::Build,
            Focus::Lower,
            LegRole::only(Pattern::Soleus),
            true,
            false,
        );
        assert_eq!(s[0].pattern, Pattern::Plyometric);
        for f in [Focus::Upper, Focus::Core, Focus::Mobility] {
            for p in spare_slots(Phase::Base, f, false) {
                assert!(!matches!(
                    p.pattern,
                    Pattern::SingleLeg | Pattern::Hinge | Pattern::Calf | Pattern::Foot
                ));
            }
        }
    }
}
