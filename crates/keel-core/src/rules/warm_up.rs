//! `warm-up`: a dynamic warm-up before every strength session.

use super::Verdict;
use crate::model::Focus;
use crate::plan::StrengthSession;

/// The rule id.
pub const ID: &str = "warm-up";

/// Minutes the warm-up takes: shorter straight after a run, which already warmed the body.
pub fn minutes(after_run: bool) -> u32 {
    if after_run {
        4
    } else {
        8
    }
}

/// Dynamic warm-up items for a session of `focus`.
pub fn items(focus: Focus, after_run: bool, plyometrics: bool) -> Vec<String> {
    let mut v: Vec<&str> = Vec::new();
    if after_run {
        v.push("2 min brisk walk to settle after the run");
    } else {
        v.push("5 min easy jog, skipping or cycling");
    }
    match focus {
        Focus::Lower | Focus::Full => {
            v.extend([
                "leg swings, 10 each way per leg",
                "glute bridges x 10",
                "walking lunge with reach x 6 per side",
                "bodyweight squats x 10",
            ]);
            if focus == Focus::Full {
                // No band needed: the warm-up must suit any equipment.
                v.push("arm circles x 10 each way");
            }
        }
        Focus::Upper => v.extend([
            "arm circles x 10 each way",
            "scapular push-ups x 10",
            "thoracic rotations x 6 per side",
        ]),
        Focus::Core => v.extend([
            "cat-cow x 8",
            "dead bug, slow, x 6 per side",
            "bird dog x 6 per side",
        ]),
        Focus::Mobility => v.extend(["cat-cow x 8", "leg swings, 10 each way per leg"]),
    }
    if plyometrics {
        // The jumps come first: the tendons want a few easy bounces before them.
        v.push("easy skipping and ankle bounces, 2 x 20 s");
    }
    v.into_iter().map(String::from).collect()
}

/// A warning when a session has no warm-up.
pub fn check_session(session: &StrengthSession, day: usize) -> Vec<Verdict> {
    if session.warm_up.is_empty() {
        vec![Verdict::new(
            ID,
            day,
            None,
            "The session has no warm-up; start with a few minutes of dynamic movement.".to_string(),
        )]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_focus_gets_a_dynamic_warm_up() {
        for f in Focus::ALL {
            for after in [false, true] {
                assert!(items(*f, after, false).len() >= 3);
                assert!(items(*f, after, true).len() >= 4);
            }
        }
        assert!(minutes(false) > minutes(true));
    }
}
