//! `plyometrics`: low-volume hops, skips and jumps from the build phase for runners who passed
//! the movement screen and are not beginners: 20-60 foot contacts a session, before the lifts,
//! never the day before a hard run, none in the taper or race week.

use super::Verdict;
use crate::exercises::{self, Kind};
use crate::model::{Athlete, Experience, MovementScreen, Phase};
use crate::plan::StrengthSession;

/// The rule id.
pub const ID: &str = "plyometrics";

/// Foot contacts a session, low and high.
pub const CONTACTS: (u32, u32) = (20, 60);

/// Whether plyometrics belong in a week of `phase` for this athlete: build and peak, screen
/// passed, not a beginner.
pub fn allowed(phase: Phase, athlete: &Athlete) -> bool {
    matches!(phase, Phase::Build | Phase::Peak)
        && athlete.movement_screen == MovementScreen::Pass
        && athlete.experience != Experience::Beginner
}

/// Warnings for plyometrics out of place: in a phase or for a runner they do not suit, after
/// the lifts, outside 20-60 contacts, or the day before a hard run.
pub fn check_session(
    session: &StrengthSession,
    phase: Phase,
    athlete: &Athlete,
    day: usize,
    before_hard_run: bool,
) -> Vec<Verdict> {
    let plyo: Vec<(usize, u32)> = session
        .exercises
        .iter()
        .enumerate()
        .filter(|(_, e)| exercises::find(&e.id).is_some_and(|x| x.kind == Kind::Plyometric))
        .map(|(i, e)| (i, e.dose.sets * e.dose.amount.contacts()))
        .collect();
    if plyo.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut say = |t: String| out.push(Verdict::new(ID, day, None, t));
    if !allowed(phase, athlete) {
        say(format!(
            "Plyometrics in a {phase} week: they belong to build and peak weeks of runners past the beginner stage who passed the movement screen."
        ));
    }
    if before_hard_run {
        say("Plyometrics the day before a hard run: the legs need 24 h.".to_string());
    }
    if plyo.iter().enumerate().any(|(k, (i, _))| *i != k) {
        say("Plyometrics come first, before the lifts, while the legs are fresh.".to_string());
    }
    let contacts: u32 = plyo.iter().map(|(_, c)| c).sum();
    if !(CONTACTS.0..=CONTACTS.1).contains(&contacts) {
        say(format!(
            "{contacts} foot contacts; a session holds {}-{}.",
            CONTACTS.0, CONTACTS.1
        ));
    }
    out
}
