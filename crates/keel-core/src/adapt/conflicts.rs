//! `same-muscle-48h` and `hard-run-24h` with logged lifts: a logged leg session the day
//! before a planned one is the same muscles within 48 h, and a logged leg session the day
//! before a hard run is what `hard-run-24h` keeps away from it.

use super::engine::{Adapter, Slot};
use super::ChangeKind;
use crate::model::{Focus, Weekday};
use crate::rules::week::focus_phrase;
use crate::rules::{hard_run_24h, same_muscle_48h};

impl Adapter {
    /// A logged lift the day before a planned session loading the same muscles: the planned
    /// session moves to a later day of its week where the hard rules allow it, or becomes
    /// work the logged lift left alone (`same-muscle-48h`).
    pub(super) fn logged_conflicts(&mut self) {
        let logged = self.logged.clone();
        for l in &logged {
            let Ok(next) = l.date.tomorrow() else {
                continue;
            };
            if next < self.date {
                continue;
            }
            let Some(pos) = self.pos_of(next) else {
                continue;
            };
            if self.settled(pos, Slot::Strength) || self.logged.iter().any(|x| x.date == next) {
                continue;
            }
            let Some(st) = self.strength(pos) else {
                continue;
            };
            if !same_muscle_48h::conflict((l.focus, l.intensity), (st.focus, st.intensity)) {
                continue;
            }
            let focus = st.focus;
            let why = format!(
                "You logged {} on {}: {}'s {} session would load the same muscles within 48 h",
                l.describe(),
                Weekday::of(l.date).name(),
                self.weekday(pos).name(),
                focus_phrase(focus)
            );
            let spare = if l.focus.loads_legs() {
                Focus::Upper
            } else {
                Focus::Core
            };
            self.move_or_lighten(pos, same_muscle_48h::ID, &why, &[spare, Focus::Mobility]);
        }
    }

    /// A logged leg session the day before a hard run: a word to run it easy if the legs are
    /// heavy (`hard-run-24h`); keel never changes the run for it. At most one suggestion a
    /// run.
    pub(super) fn logged_before_hard_run(&mut self) {
        let logged = self.logged.clone();
        for l in logged
            .iter()
            .filter(|l| hard_run_24h::forbids(l.focus, l.intensity))
        {
            let Ok(next) = l.date.tomorrow() else {
                continue;
            };
            if next < self.date {
                continue;
            }
            let Some(pos) = self.pos_of(next) else {
                continue;
            };
            let Some(run) = self.run(pos).filter(|r| r.run_type.is_hard()).cloned() else {
                continue;
            };
            if self
                .changes
                .iter()
                .any(|c| c.date == next && c.kind == ChangeKind::Suggest)
                || self.settled(pos, Slot::Run)
            {
                continue;
            }
            let text = format!(
                "You logged {} on {}, the day before {}'s {} run: the legs may not have had their 24 h. keel does not change the run; run it easy if they feel heavy.",
                l.describe(),
                Weekday::of(l.date).name(),
                self.weekday(pos).name(),
                run.run_type
            );
            self.record(pos, hard_run_24h::ID, ChangeKind::Suggest, text);
        }
    }
}
