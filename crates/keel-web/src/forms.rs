//! The log page's forms: raw submitted strings, handed to keel-app's one door for writes
//! (the same validation and storage as `keel log` and `keel checkin`); its errors become
//! per-field messages that re-render the form (with what was typed) and store nothing.

use std::collections::BTreeMap;

use keel_app::checkin::CheckinInput;
use keel_app::log::{InputErrors, LiftInput, RunInput};
use serde::Deserialize;

/// Field name -> message, shown next to the field.
pub type FieldErrors = BTreeMap<&'static str, String>;

/// keel-app's input errors by form field.
pub fn field_errors(e: &InputErrors) -> FieldErrors {
    let mut out = FieldErrors::new();
    for err in &e.0 {
        out.entry(err.field.form_name())
            .or_insert_with(|| err.text());
    }
    out
}

/// The run form as submitted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RunForm {
    /// CSRF token.
    pub csrf: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Run type id.
    pub run_type: String,
    /// `45min`, `1h15`, `1:15`.
    pub duration: String,
    /// `8km`, `5mi`, or empty.
    pub distance: String,
    /// 1-10 or empty.
    pub rpe: String,
}

impl RunForm {
    /// What keel-app validates.
    pub fn input(&self) -> RunInput {
        RunInput {
            date: self.date.clone(),
            run_type: self.run_type.clone(),
            duration: self.duration.clone(),
            distance: self.distance.clone(),
            rpe: self.rpe.clone(),
            sport: String::new(),
        }
    }
}

/// The lift form as submitted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LiftForm {
    /// CSRF token.
    pub csrf: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Exercise id or name.
    pub exercise: String,
    /// `3x10@16kg`, several separated by spaces.
    pub sets: String,
    /// Reps in reserve, or empty.
    pub rir: String,
    /// The session's name, or empty for the day's session.
    pub name: String,
}

impl LiftForm {
    /// What keel-app validates.
    pub fn input(&self) -> LiftInput {
        LiftInput {
            date: self.date.clone(),
            exercise: self.exercise.clone(),
            sets: self.sets.clone(),
            rir: self.rir.clone(),
            rpe: String::new(),
            name: self.name.clone(),
        }
    }
}

/// The check-in form as submitted. Rated items are `1`..`5` or empty (not answered).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CheckinForm {
    /// CSRF token.
    pub csrf: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Hours slept.
    pub sleep_h: String,
    /// 1-5.
    pub sleep_quality: String,
    /// 1-5.
    pub fatigue: String,
    /// 1-5.
    pub soreness_legs: String,
    /// 1-5.
    pub soreness_upper: String,
    /// 1-5.
    pub mood: String,
    /// 1-5.
    pub stress: String,
    /// 1-5.
    pub motivation: String,
    /// Checkbox: present when ticked.
    pub ill: Option<String>,
    /// Free text.
    pub note: String,
}

impl CheckinForm {
    /// The value of a rated field by name.
    pub fn item(&self, field: &str) -> &str {
        match field {
            "sleep_quality" => &self.sleep_quality,
            "fatigue" => &self.fatigue,
            "soreness_legs" => &self.soreness_legs,
            "soreness_upper" => &self.soreness_upper,
            "mood" => &self.mood,
            "stress" => &self.stress,
            "motivation" => &self.motivation,
            _ => "",
        }
    }

    /// What keel-app validates.
    pub fn input(&self) -> CheckinInput {
        let rated = keel_app::checkin::ITEMS
            .iter()
            .map(|(field, ..)| (*field, self.item(field.form_name()).to_string()))
            .collect();
        CheckinInput {
            date: self.date.clone(),
            sleep: self.sleep_h.clone(),
            rated,
            ill: self.ill.is_some(),
            note: self.note.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use jiff::tz::TimeZone;
    use keel_app::clock::Clock;

    #[test]
    fn errors_land_on_their_fields() {
        let local = Clock::fixed(date(2027, 1, 10), TimeZone::UTC).system_local();
        let f = RunForm {
            date: "2027-13-01".into(),
            run_type: "jog".into(),
            duration: "8km".into(),
            distance: "40min".into(),
            rpe: "11".into(),
            ..RunForm::default()
        };
        let e = keel_app::log::run_from_input(&f.input(), &local).unwrap_err();
        let e = field_errors(&e);
        assert_eq!(
            e.keys().copied().collect::<Vec<_>>(),
            vec!["date", "distance", "duration", "rpe", "run_type"]
        );
        assert!(e["run_type"].starts_with("`jog`: expected one of"), "{e:?}");
        let c = CheckinForm {
            soreness_legs: "7".into(),
            ..CheckinForm::default()
        };
        let e = keel_app::checkin::checkin_from_input(&c.input(), &local).unwrap_err();
        assert!(field_errors(&e).contains_key("soreness_legs"));
        let e = keel_app::checkin::checkin_from_input(&CheckinForm::default().input(), &local)
            .unwrap_err();
        assert!(field_errors(&e).contains_key("form"));
    }
}
