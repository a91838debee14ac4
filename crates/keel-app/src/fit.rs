//! Planned strength sessions as FIT workouts for a watch: which weeks to export, and the one
//! adapter from a planned session to keel-export's [`Workout`].
//!
//! Everything that reads the prescription's text lives in [`workout`] and the two parsers
//! under it ([`dose`], [`weight`]): when the plan carries a typed dose, only they change.
//!
//! Invariants: one file per strength session with at least one exercise; file names are
//! unique within an export (`DATE-FOCUS.fit`, then `-2`, `-3`); every set is one step, with
//! a rest step between sets and none after the last.

use jiff::civil::Date;
use keel_core::exercises::{self, Pattern};
use keel_core::model::{Focus, Intensity};
use keel_core::plan::{Plan, PlanWeek, PrescribedExercise, Session, StrengthSession};
use keel_export::fit::{
    exercise_for, Dose, SetStep, Sport, Step, Weight, WeightUnit, Workout, MAX_WEIGHT_KG,
};

/// Kilograms in a pound.
const KG_PER_LB: f64 = 0.453_592_37;

/// Which weeks of the plan to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weeks {
    /// `count` weeks from the week holding today (the first week before the season starts).
    Current {
        /// Number of weeks, at least 1.
        count: u32,
    },
    /// Week `n` of the plan (1 = the first).
    Number(u32),
    /// `count` weeks from the week holding `date`.
    From {
        /// A date in the plan.
        date: Date,
        /// Number of weeks, at least 1.
        count: u32,
    },
}

/// Why the weeks asked for cannot be exported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WeeksError {
    /// `--week N` beyond the plan.
    #[error("the plan has {weeks} weeks: there is no week {week}")]
    NoSuchWeek {
        /// The week asked for.
        week: u32,
        /// How many the plan has.
        weeks: usize,
    },
    /// A date outside the plan.
    #[error("{date} is outside the plan, which runs from {first} to {last}")]
    OutsidePlan {
        /// The date asked for.
        date: Date,
        /// The plan's first day.
        first: Date,
        /// The plan's last day.
        last: Date,
    },
    /// Today is after the season's end.
    #[error("the season ended on {last}: choose a week with --week N")]
    SeasonOver {
        /// The plan's last day.
        last: Date,
    },
    /// The plan has no weeks.
    #[error("the plan has no weeks")]
    Empty,
}

/// The weeks chosen, in order.
pub fn select(plan: &Plan, today: Date, weeks: Weeks) -> Result<&[PlanWeek], WeeksError> {
    let all = &plan.weeks[..];
    let (Some(first), Some(last_week)) = (all.first(), all.last()) else {
        return Err(WeeksError::Empty);
    };
    let first_day = first.start;
    let last_day = last_week.days.last().map_or(last_week.start, |d| d.date);
    let holding = |date: Date| {
        all.iter()
            .position(|w| w.days.iter().any(|d| d.date == date))
    };
    let (from, count) = match weeks {
        Weeks::Number(n) => {
            let i = usize::try_from(n).unwrap_or(usize::MAX);
            if i == 0 || i > all.len() {
                return Err(WeeksError::NoSuchWeek {
                    week: n,
                    weeks: all.len(),
                });
            }
            (i - 1, 1)
        }
        Weeks::Current { count } if today < first_day => (0, count),
        Weeks::Current { count } => match holding(today) {
            Some(i) => (i, count),
            None => return Err(WeeksError::SeasonOver { last: last_day }),
        },
        Weeks::From { date, count } => match holding(date) {
            Some(i) => (i, count),
            None => {
                return Err(WeeksError::OutsidePlan {
                    date,
                    first: first_day,
                    last: last_day,
                })
            }
        },
    };
    let count = usize::try_from(count.max(1)).unwrap_or(usize::MAX);
    Ok(&all[from..from.saturating_add(count).min(all.len())])
}

/// One workout file to write.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkoutFile {
    /// The session's date.
    pub date: Date,
    /// The session's focus.
    pub focus: Focus,
    /// `DATE-FOCUS.fit`, unique within the export.
    pub file_name: String,
    /// What to write.
    pub workout: Workout,
}

/// A workout file for every strength session of `weeks` that has exercises, in date order.
pub fn workout_files(weeks: &[PlanWeek]) -> Vec<WorkoutFile> {
    let mut files: Vec<WorkoutFile> = Vec::new();
    for day in weeks.iter().flat_map(|w| &w.days) {
        for session in &day.sessions {
            let Session::Strength(s) = session else {
                continue;
            };
            let Some(workout) = workout(day.date, s) else {
                continue;
            };
            let stem = format!("{}-{}", day.date, s.focus);
            let taken = files
                .iter()
                .filter(|f| f.date == day.date && f.focus == s.focus)
                .count();
            let file_name = match taken {
                0 => format!("{stem}.fit"),
                n => format!("{stem}-{}.fit", n + 1),
            };
            files.push(WorkoutFile {
                date: day.date,
                focus: s.focus,
                file_name,
                workout,
            });
        }
    }
    files
}

/// The adapter: a planned strength session as a workout, or `None` when it has no
/// exercise. A warm-up step (when the session has one), then one step per set of each
/// exercise with a rest step between sets.
pub fn workout(date: Date, s: &StrengthSession) -> Option<Workout> {
    let mut steps = Vec::new();
    if !s.warm_up.is_empty() {
        steps.push(Step::WarmUp {
            notes: s.warm_up.join("; "),
        });
    }
    for e in &s.exercises {
        let dose = dose(&e.reps);
        let weight = weight(e.load.as_deref());
        for set in 1..=e.sets {
            steps.push(Step::Set(SetStep {
                name: e.name.clone(),
                exercise: exercise_for(&e.id),
                dose,
                weight,
                notes: notes(e, set),
            }));
            steps.push(Step::Rest {
                seconds: rest_seconds(&e.id, s.intensity),
            });
        }
    }
    // Nothing to rest for after the last set.
    if matches!(steps.last(), Some(Step::Rest { .. })) {
        steps.pop();
    }
    if !steps.iter().any(|s| matches!(s, Step::Set(_))) {
        return None;
    }
    Some(Workout {
        name: format!("{}, {}", focus_name(s.focus), date.strftime("%a %-d %b")),
        sport: Sport::StrengthTraining,
        date,
        steps,
    })
}

fn focus_name(f: Focus) -> &'static str {
    match f {
        Focus::Lower => "Lower body",
        Focus::Upper => "Upper body",
        Focus::Full => "Full body",
        Focus::Core => "Core",
        Focus::Mobility => "Mobility",
    }
}

/// The prescription in words for one set, cue last (the writer cuts long notes).
fn notes(e: &PrescribedExercise, set: u32) -> String {
    // A bare count or range (`10-15`) is reps; holds and mobility text say their unit.
    let unit = if e.reps.chars().all(|c| c.is_ascii_digit() || c == '-') {
        " reps"
    } else {
        ""
    };
    let mut n = format!(
        "Set {set} of {}: {}{unit}, {} reps in reserve, tempo {}.",
        e.sets, e.reps, e.rir, e.tempo
    );
    if let Some(load) = &e.load {
        n.push_str(&format!(" Load: {load}."));
    }
    if let Some(x) = exercises::find(&e.id) {
        n.push(' ');
        n.push_str(x.cue);
    }
    n
}

/// Today's dose text as a typed dose: `8-10`, `12`, `30-45s`, each with ` each side`, and
/// `5-6 slow reps or 45s each side` (the first alternative). A range gives its top, the
/// goal of double progression; text it cannot read becomes an open step.
pub fn dose(reps: &str) -> Dose {
    let text = reps.trim();
    let (text, per_side) = match text.strip_suffix("each side") {
        Some(t) => (t.trim_end(), true),
        None => (text, false),
    };
    let first = text.split(" or ").next().unwrap_or(text).trim();
    let first = first.strip_suffix("reps").map_or(first, str::trim_end);
    let first = first.strip_suffix("slow").map_or(first, str::trim_end);
    if let Some(seconds) = first.strip_suffix('s').and_then(top_of_range) {
        return Dose::Hold { seconds, per_side };
    }
    match top_of_range(first) {
        Some(count) => Dose::Reps { count, per_side },
        None => Dose::Open,
    }
}

/// `8-10` gives 10, `12` gives 12; anything else (or 0) gives `None`.
fn top_of_range(s: &str) -> Option<u32> {
    let (lo, hi) = s.split_once('-').unwrap_or((s, s));
    let lo: u32 = lo.trim().parse().ok()?;
    let hi: u32 = hi.trim().parse().ok()?;
    (lo >= 1 && hi >= lo).then_some(hi)
}

/// The load as a weight when the plan's load advice starts with one (`18 kg (...)`,
/// `40 lb (...)`); advice without a number (no history yet) gives `None`.
pub fn weight(load: Option<&str>) -> Option<Weight> {
    let mut words = load?.split_whitespace();
    let amount: f64 = words.next()?.parse().ok()?;
    let unit = words.next()?.trim_end_matches([',', '.', ';', ':']);
    let w = match unit {
        "kg" => Weight {
            kg: amount,
            shown_in: WeightUnit::Kilograms,
        },
        "lb" => Weight {
            kg: amount * KG_PER_LB,
            shown_in: WeightUnit::Pounds,
        },
        _ => return None,
    };
    (w.kg.is_finite() && w.kg > 0.0 && w.kg <= MAX_WEIGHT_KG).then_some(w)
}

/// Rest after a set, seconds: the same figures the prescription budgets a session's time
/// with (mobility 10 s, core and foot work 30 s, otherwise 120/90/60/45 s by intensity).
fn rest_seconds(id: &str, intensity: Intensity) -> u32 {
    match exercises::find(id).map(|e| e.pattern) {
        Some(Pattern::Mobility) => 10,
        Some(Pattern::AntiExtension | Pattern::AntiRotation | Pattern::Lateral | Pattern::Foot) => {
            30
        }
        _ => match intensity {
            Intensity::Heavy => 120,
            Intensity::Moderate => 90,
            Intensity::Light => 60,
            Intensity::Bodyweight => 45,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doses_of_todays_text() {
        let reps = |count, per_side| Dose::Reps { count, per_side };
        assert_eq!(dose("8-10"), reps(10, false));
        assert_eq!(dose("12"), reps(12, false));
        assert_eq!(dose("10-15 each side"), reps(15, true));
        assert_eq!(
            dose("30-45s"),
            Dose::Hold {
                seconds: 45,
                per_side: false
            }
        );
        assert_eq!(
            dose("20-30s each side"),
            Dose::Hold {
                seconds: 30,
                per_side: true
            }
        );
        assert_eq!(dose("5-6 slow reps or 45s each side"), reps(6, true));
        assert_eq!(dose("5 slow reps each side"), reps(5, true));
        for open in ["", "as many as you can", "0", "10-8", "-", "3-x"] {
            assert_eq!(dose(open), Dose::Open, "{open}");
        }
    }

    #[test]
    fn weights_of_the_load_advice() {
        let kg = |kg| {
            Some(Weight {
                kg,
                shown_in: WeightUnit::Kilograms,
            })
        };
        assert_eq!(
            weight(Some("18 kg (every set at 16 kg reached the top)")),
            kg(18.0)
        );
        assert_eq!(weight(Some("22.5 kg")), kg(22.5));
        let lb = weight(Some("40 lb (go up)")).unwrap();
        assert_eq!(lb.shown_in, WeightUnit::Pounds);
        assert!((lb.kg - 18.143_694_8).abs() < 1e-6);
        assert_eq!(weight(None), None);
        assert_eq!(
            weight(Some(keel_core::adapt::NO_HISTORY_LOAD)),
            None,
            "advice without a number"
        );
        assert_eq!(weight(Some("0 kg")), None);
        assert_eq!(weight(Some("9000 kg")), None);
        assert_eq!(weight(Some("18 stone")), None);
    }
}
