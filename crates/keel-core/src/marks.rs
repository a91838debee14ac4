//! Done, skipped and missed strength sessions, and compliance: how many of the sessions due
//! over the last four weeks were done.
//!
//! A planned session is done when the runner marked it done, or when a strength workout
//! logged or imported on its day holds an exercise of one of its patterns (names from other
//! apps resolved through the profile's `[exercises]` names, then the library's own names);
//! it is skipped when marked skipped (a mark wins over the log), missed when its day has
//! passed with neither. Mobility sessions are recovery work and do not count.
//!
//! Pure: the marks and the workouts are values; "today" is a parameter.

use crate::activity::StrengthWorkout;
use crate::exercises::{self, Exercise};
use crate::model::Focus;
use crate::plan::{Plan, Session, StrengthSession};
use jiff::civil::Date;
use jiff::ToSpan;
use serde::{Deserialize, Serialize};

/// Days of the compliance window, today included.
pub const WINDOW_DAYS: i64 = 28;

crate::model::id_enum! {
    /// What the runner said about a day's strength session.
    MarkStatus {
        /// Done (whatever the log holds).
        Done = "done",
        /// Skipped on purpose; never made up by doubling another session.
        Skipped = "skipped",
    }
}

/// A mark the runner put on a day's strength session(s).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// The day.
    pub date: Date,
    /// Done or skipped.
    pub status: MarkStatus,
    /// Why, when the runner said (`keel skip --why`).
    pub note: Option<String>,
}

crate::model::id_enum! {
    /// Where a planned strength session stands.
    Status {
        /// Marked done, or matched by a logged workout.
        Done = "done",
        /// Marked skipped.
        Skipped = "skipped",
        /// Its day has passed with no mark and no matching workout.
        Missed = "missed",
        /// Today or later, not done yet.
        Planned = "planned",
    }
}

/// One planned strength session and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionState {
    /// Its day.
    pub date: Date,
    /// Its focus.
    pub focus: Focus,
    /// Where it stands.
    pub status: Status,
    /// The logged workout that matched it, when one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workout: Option<String>,
    /// The runner's note with a mark.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Done / due over the last four weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Compliance {
    /// First day of the window.
    pub from: Date,
    /// Last day (today).
    pub to: Date,
    /// Sessions due: planned on a day before today, or today's once done or skipped.
    pub planned: u32,
    /// Of those, done.
    pub done: u32,
    /// Of those, skipped.
    pub skipped: u32,
    /// Of those, missed.
    pub missed: u32,
}

impl Compliance {
    /// Done / planned, when anything was due.
    pub fn ratio(&self) -> Option<f64> {
        (self.planned > 0).then(|| f64::from(self.done) / f64::from(self.planned))
    }

    /// One line for people.
    pub fn line(&self) -> String {
        if self.planned == 0 {
            return "Strength done: no session due in the last 4 weeks yet.".to_string();
        }
        let pct = (self.ratio().unwrap_or(0.0) * 100.0).round();
        let mut rest = Vec::new();
        if self.skipped > 0 {
            rest.push(format!("{} skipped", self.skipped));
        }
        if self.missed > 0 {
            rest.push(format!("{} missed", self.missed));
        }
        let rest = if rest.is_empty() {
            String::new()
        } else {
            format!("; {}", rest.join(", "))
        };
        format!(
            "Strength done: {} of {} sessions in the last 4 weeks ({pct:.0}%){rest}.",
            self.done, self.planned
        )
    }
}

/// The library exercise a logged name stands for: a library id, a name mapped by the
/// profile's `[exercises]` table, or a name the library recognises.
pub fn resolve(name: &str, aliases: &[(String, String)]) -> Option<&'static Exercise> {
    exercises::find(name)
        .or_else(|| {
            aliases
                .iter()
                .find(|(app, _)| app == name)
                .and_then(|(_, id)| exercises::find(id))
        })
        .or_else(|| exercises::match_name(name))
}

/// Whether a logged workout is the planned session: at least one of its exercises is one of
/// the session's, or of the same movement pattern.
pub fn matches(st: &StrengthSession, w: &StrengthWorkout, aliases: &[(String, String)]) -> bool {
    let planned: Vec<&Exercise> = st.exercises.iter().filter_map(|e| e.library()).collect();
    w.sets.iter().any(|s| {
        resolve(&s.exercise, aliases).is_some_and(|x| {
            planned
                .iter()
                .any(|p| p.id == x.id || p.pattern == x.pattern)
        })
    })
}

/// Where each planned strength session dated `from..=to` stands on `today`.
pub fn states(
    plan: &Plan,
    from: Date,
    to: Date,
    today: Date,
    marks: &[Mark],
    workouts: &[StrengthWorkout],
    aliases: &[(String, String)],
) -> Vec<SessionState> {
    let mut out = Vec::new();
    for day in plan.weeks.iter().flat_map(|w| &w.days) {
        if day.date < from || day.date > to {
            continue;
        }
        let mark = marks.iter().find(|m| m.date == day.date);
        for s in &day.sessions {
            let Session::Strength(st) = s else { continue };
            let logged = workouts
                .iter()
                .find(|w| w.date == day.date && matches(st, w, aliases));
            let status = match (mark.map(|m| m.status), logged) {
                (Some(MarkStatus::Skipped), _) => Status::Skipped,
                (Some(MarkStatus::Done), _) | (None, Some(_)) => Status::Done,
                (None, None) if day.date < today => Status::Missed,
                (None, None) => Status::Planned,
            };
            out.push(SessionState {
                date: day.date,
                focus: st.focus,
                status,
                workout: logged.filter(|_| mark.is_none()).map(|w| w.name.clone()),
                note: mark.and_then(|m| m.note.clone()),
            });
        }
    }
    out
}

/// Compliance on `today`: of the strength sessions (not mobility) due in the 28 days ending
/// today, how many were done, skipped and missed. A session today is due once done or
/// skipped, so the morning's figure does not count it as missed.
pub fn compliance(
    plan: &Plan,
    today: Date,
    marks: &[Mark],
    workouts: &[StrengthWorkout],
    aliases: &[(String, String)],
) -> Compliance {
    let from = today.saturating_sub((WINDOW_DAYS - 1).days());
    let mut c = Compliance {
        from,
        to: today,
        planned: 0,
        done: 0,
        skipped: 0,
        missed: 0,
    };
    for s in states(plan, from, today, today, marks, workouts, aliases) {
        if s.focus == Focus::Mobility {
            continue;
        }
        match s.status {
            Status::Done => c.done += 1,
            Status::Skipped => c.skipped += 1,
            Status::Missed => c.missed += 1,
            Status::Planned => continue,
        }
        c.planned += 1;
    }
    c
}
