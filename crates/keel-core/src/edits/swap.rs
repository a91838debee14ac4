//! Swaps: an exercise the runner does not want, replaced by another of the same pattern that
//! the athlete's equipment and movement screen allow, is not on the avoid list, and is true
//! to the session's focus (`core-not-legs`, and no leg work the day before a hard run).

use super::{note, Edited, Swap};
use crate::exercises::{self, Exercise, Pattern, LIBRARY};
use crate::model::{Athlete, Equipment, MovementScreen};
use crate::plan::{Plan, Session, StrengthSession, Why};
use crate::prescription;
use crate::rules::{core_not_legs, movement_screen, runner_choice};
use jiff::civil::Date;

/// An exercise that may replace a planned one, and how the athlete would equip it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alternative {
    /// The library entry.
    pub exercise: &'static Exercise,
    /// The way to equip it with what the athlete has.
    pub equipment: &'static [Equipment],
}

/// Why a swap cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SwapError {
    /// No strength session is planned on the date.
    #[error("nothing to swap on {date}: no strength session is planned that day")]
    NoSession {
        /// The date asked for.
        date: Date,
    },
    /// The day's sessions do not hold the exercise.
    #[error("the session on {date} holds no `{given}`; it holds {}", holds.join(", "))]
    NotInSession {
        /// The date asked for.
        date: Date,
        /// The exercise asked for.
        given: String,
        /// The ids the day's sessions hold.
        holds: Vec<String>,
    },
    /// The replacement is not an exercise of the library.
    #[error("`{given}` is not an exercise of keel's library")]
    Unknown {
        /// What was given.
        given: String,
    },
    /// The replacement does not fit the session.
    #[error("{with} cannot replace {name} here: {reason}")]
    NotAnAlternative {
        /// The replacement's id.
        with: String,
        /// The planned exercise's name.
        name: String,
        /// The rule that bars it, when one does.
        rule: Option<&'static str>,
        /// Why, for the runner.
        reason: String,
    },
}

/// What a swap in one session must respect.
struct Slot<'a> {
    athlete: &'a Athlete,
    session: &'a StrengthSession,
    /// The next day holds a hard run (`core-not-legs`: no leg work today).
    before_hard_run: bool,
}

/// Whether `cand` may replace `from` in the slot: the way to equip it, or the rule (if any)
/// and the reason it may not.
fn fits(
    slot: &Slot<'_>,
    from: &Exercise,
    cand: &'static Exercise,
) -> Result<&'static [Equipment], (Option<&'static str>, String)> {
    let a = slot.athlete;
    let focus = crate::rules::week::focus_phrase(slot.session.focus);
    if cand.pattern != from.pattern {
        return Err((
            None,
            format!(
                "swaps stay within the movement pattern, and it is {} work, not {}",
                pattern_phrase(cand.pattern),
                pattern_phrase(from.pattern)
            ),
        ));
    }
    if slot.session.exercises.iter().any(|e| e.id == cand.id) {
        return Err((None, "it is already in this session".into()));
    }
    if a.avoids(cand.id) {
        return Err((
            None,
            "it is on your avoid list ([exercises].avoid in your profile)".into(),
        ));
    }
    let screen_fail = a.movement_screen == MovementScreen::Fail;
    if cand.drill && !screen_fail {
        return Err((
            Some(movement_screen::ID),
            "it is a competency drill, for runners who have not passed the movement screen yet"
                .into(),
        ));
    }
    if cand.level > prescription::max_level(a.experience) {
        return Err((
            None,
            format!(
                "it is too advanced for a {} runner's season",
                a.experience.as_str()
            ),
        ));
    }
    let Some(eq) = cand.equip_with(|q| a.has(q), screen_fail) else {
        let needs: Vec<String> = cand
            .equipment
            .iter()
            .map(|alt| {
                alt.iter()
                    .map(|q| q.as_str())
                    .collect::<Vec<_>>()
                    .join(" + ")
            })
            .collect();
        return Err(if screen_fail {
            (
                Some(movement_screen::ID),
                "your movement screen did not pass: bodyweight work only until it does".into(),
            )
        } else {
            (
                None,
                format!(
                    "it needs {} and your profile lists {}",
                    needs.join(" or "),
                    a.equipment
                        .iter()
                        .map(|q| q.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        });
    };
    if !core_not_legs::fits(slot.session.focus, cand.region()) {
        return Err((
            Some(core_not_legs::ID),
            format!("it loads the legs, and a {focus} session holds no leg work"),
        ));
    }
    if slot.before_hard_run && cand.loads_legs() {
        return Err((
            Some(core_not_legs::ID),
            "it loads the legs the day before a hard run".into(),
        ));
    }
    Ok(eq)
}

fn pattern_phrase(p: Pattern) -> &'static str {
    match p {
        Pattern::Hinge => "hip hinge",
        Pattern::Bridge => "bridge",
        Pattern::Squat => "squat",
        Pattern::SingleLeg => "single-leg",
        Pattern::LateralHip => "lateral hip",
        Pattern::Calf => "calf",
        Pattern::Soleus => "soleus",
        Pattern::Foot => "foot",
        Pattern::Plyometric => "plyometric",
        Pattern::AntiExtension => "anti-extension",
        Pattern::AntiRotation => "anti-rotation",
        Pattern::LateralCore => "lateral core",
        Pattern::Push => "push",
        Pattern::Pull => "pull",
        Pattern::Press => "press",
        Pattern::GetUp => "get-up",
        Pattern::Mobility => "mobility",
    }
}

/// Whether the day after `date` holds a hard run in the plan.
fn before_hard_run(plan: &Plan, date: Date) -> bool {
    let Ok(next) = date.tomorrow() else {
        return false;
    };
    plan.weeks
        .iter()
        .flat_map(|w| &w.days)
        .find(|d| d.date == next)
        .is_some_and(|d| {
            d.sessions
                .iter()
                .any(|s| matches!(s, Session::Run(r) if r.run_type.is_hard()))
        })
}

/// The session on `date` holding `exercise`.
fn session_with<'a>(
    plan: &'a Plan,
    date: Date,
    exercise: &str,
) -> Result<&'a StrengthSession, SwapError> {
    let sessions: Vec<&StrengthSession> = plan
        .weeks
        .iter()
        .flat_map(|w| &w.days)
        .filter(|d| d.date == date)
        .flat_map(|d| &d.sessions)
        .filter_map(|s| match s {
            Session::Strength(st) => Some(st),
            Session::Run(_) => None,
        })
        .collect();
    if sessions.is_empty() {
        return Err(SwapError::NoSession { date });
    }
    sessions
        .iter()
        .find(|st| st.exercises.iter().any(|e| e.id == exercise))
        .copied()
        .ok_or_else(|| SwapError::NotInSession {
            date,
            given: exercise.to_string(),
            holds: sessions
                .iter()
                .flat_map(|st| st.exercises.iter().map(|e| e.id.clone()))
                .collect(),
        })
}

/// The exercises that may replace `exercise` in the session on `date`: the same pattern,
/// within the athlete's equipment and screen, not avoided, true to the session's focus;
/// closest in demand first, then in library order.
pub fn alternatives(
    plan: &Plan,
    date: Date,
    exercise: &str,
) -> Result<Vec<Alternative>, SwapError> {
    let session = session_with(plan, date, exercise)?;
    let Some(from) = exercises::find(exercise) else {
        return Ok(Vec::new());
    };
    let slot = Slot {
        athlete: &plan.athlete,
        session,
        before_hard_run: before_hard_run(plan, date),
    };
    let mut out: Vec<(u8, usize, Alternative)> = LIBRARY
        .iter()
        .enumerate()
        .filter(|(_, e)| e.pattern == from.pattern && e.id != from.id)
        .filter_map(|(i, e)| {
            let eq = fits(&slot, from, e).ok()?;
            Some((
                e.level.abs_diff(from.level),
                i,
                Alternative {
                    exercise: e,
                    equipment: eq,
                },
            ))
        })
        .collect();
    out.sort_by_key(|(d, i, _)| (*d, *i));
    Ok(out.into_iter().map(|(_, _, a)| a).collect())
}

/// `Ok` when `with` may replace `exercise` in the session on `date`; else what bars it.
pub fn swap_reason(plan: &Plan, date: Date, exercise: &str, with: &str) -> Result<(), SwapError> {
    let session = session_with(plan, date, exercise)?;
    let Some(cand) = exercises::find(with) else {
        return Err(SwapError::Unknown {
            given: with.to_string(),
        });
    };
    let Some(from) = exercises::find(exercise) else {
        return Err(SwapError::Unknown {
            given: exercise.to_string(),
        });
    };
    let slot = Slot {
        athlete: &plan.athlete,
        session,
        before_hard_run: before_hard_run(plan, date),
    };
    fits(&slot, from, cand)
        .map(|_| ())
        .map_err(|(rule, reason)| SwapError::NotAnAlternative {
            with: cand.id.to_string(),
            name: from.name.to_string(),
            rule,
            reason,
        })
}

/// The swap in force for `exercise` on `date`: the latest one started on or before it (the
/// later of two given for the same day).
fn swap_for<'a>(swaps: &'a [Swap], exercise: &str, date: Date) -> Option<&'a Swap> {
    swaps
        .iter()
        .enumerate()
        .filter(|(_, s)| s.exercise == exercise && s.since <= date)
        .max_by_key(|(i, s)| (s.since, *i))
        .map(|(_, s)| s)
}

/// Lays the swaps over every session they reach; a swap a session cannot take is left out
/// there, and its week says why.
pub(super) fn apply_swaps(out: &mut Edited, swaps: &[Swap]) {
    if swaps.is_empty() {
        return;
    }
    let plan = out.plan.clone();
    for (wi, week) in plan.weeks.iter().enumerate() {
        for (di, day) in week.days.iter().enumerate() {
            let before_hard = before_hard_run(&plan, day.date);
            for (si, s) in day.sessions.iter().enumerate() {
                let Session::Strength(st) = s else { continue };
                for (ei, e) in st.exercises.iter().enumerate() {
                    let Some(sw) = swap_for(swaps, &e.id, day.date) else {
                        continue;
                    };
                    if sw.with == sw.exercise {
                        continue;
                    }
                    let slot = Slot {
                        athlete: &plan.athlete,
                        session: st,
                        before_hard_run: before_hard,
                    };
                    let (Some(from), Some(cand)) =
                        (exercises::find(&e.id), exercises::find(&sw.with))
                    else {
                        continue;
                    };
                    let day_name = day.date.strftime("%A").to_string();
                    match fits(&slot, from, cand) {
                        Ok(eq) => {
                            let mut new = prescription::single(
                                cand,
                                eq,
                                week.phase,
                                st.intensity,
                                week.deload,
                                e.dose.sets,
                                &plan.athlete,
                            );
                            if let Some(r) = e.dose.rir.filter(|_| new.dose.rir.is_some()) {
                                new.dose.rir = Some(r);
                            }
                            let why = Why::new(
                                runner_choice::ID,
                                format!(
                                    "{} in place of {}: your swap from {}.",
                                    cand.name,
                                    from.name,
                                    sw.since.strftime("%a %-d %b")
                                ),
                            );
                            let Session::Strength(target) =
                                &mut out.plan.weeks[wi].days[di].sessions[si]
                            else {
                                continue;
                            };
                            target.exercises[ei] = new;
                            if !target.why.contains(&why) {
                                target.why.push(why);
                            }
                        }
                        Err((rule, reason)) => {
                            let why = Why::new(
                                rule.unwrap_or(runner_choice::ID),
                                format!(
                                    "Your swap of {} for {} is not used on {day_name}: {reason}.",
                                    from.name, cand.name
                                ),
                            );
                            note(&mut out.plan, wi, &why);
                            out.skipped.push(why);
                        }
                    }
                }
            }
        }
    }
}
