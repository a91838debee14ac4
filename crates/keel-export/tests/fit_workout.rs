//! FIT workout files read back by keel's own FIT reader and by Garmin's FIT SDK for Python:
//! a known workout field by field, errors for what FIT cannot hold, and random workouts.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use jiff::civil::{date, Date};
use keel_export::fit::{
    encode_workout, exercise_for, profile_exercise, write_workout, Dose, FitError, FitExercise,
    SetStep, Sport, Step, Weight, WeightUnit, Workout, EXERCISES, MAX_NAME_BYTES,
};
use keel_import::fit::{decode_messages, FitFile, FitMessage};
use proptest::prelude::*;
use serde_json::Value;

mod fit_sdk;

fn set(id: &str, name: &str, dose: Dose, weight: Option<Weight>) -> Step {
    Step::Set(SetStep {
        name: name.to_string(),
        exercise: exercise_for(id),
        dose,
        weight,
        notes: format!("{name}: notes"),
    })
}

fn sample() -> Workout {
    Workout {
        name: "Lower, Tue 5 Jan".into(),
        sport: Sport::StrengthTraining,
        date: date(2027, 1, 5),
        steps: vec![
            Step::WarmUp {
                notes: "leg swings; glute bridges x 10".into(),
            },
            set(
                "goblet-squat",
                "Goblet squat",
                Dose::Reps {
                    count: 10,
                    per_side: false,
                },
                Some(Weight {
                    kg: 16.0,
                    shown_in: WeightUnit::Kilograms,
                }),
            ),
            Step::Rest { seconds: 90 },
            set(
                "split-squat",
                "Split squat",
                Dose::Reps {
                    count: 8,
                    per_side: true,
                },
                Some(Weight {
                    kg: 18.143_694_8,
                    shown_in: WeightUnit::Pounds,
                }),
            ),
            Step::Rest { seconds: 30 },
            set(
                "side-plank",
                "Side plank",
                Dose::Hold {
                    seconds: 30,
                    per_side: true,
                },
                None,
            ),
            Step::Rest { seconds: 30 },
            set("nordic-curl", "Nordic hamstring curl", Dose::Open, None),
        ],
    }
}

fn steps(f: &FitFile) -> Vec<&FitMessage> {
    f.messages_of(27).collect()
}

#[test]
fn keel_reads_back_every_field() {
    let bytes = encode_workout(&sample()).unwrap();
    let f = decode_messages(&bytes).unwrap();
    assert_eq!(f.file_type(), Some(5), "workout file");
    assert_eq!(f.header.size, 14);
    assert_ne!(f.header.crc, Some(0), "header CRC written");
    let globals: Vec<u16> = f.messages.iter().map(|m| m.global).collect();
    assert_eq!(
        &globals[..3],
        &[0, 49, 26],
        "file_id, file_creator, workout first"
    );
    let id = f.messages_of(0).next().unwrap();
    assert_eq!(id.unsigned(1), Some(255), "manufacturer development");
    // 2027-01-05T00:00:00Z in FIT seconds.
    assert_eq!(id.unsigned(4), Some(1_799_107_200 - 631_065_600));
    let w = f.messages_of(26).next().unwrap();
    assert_eq!(w.text(8), Some("Lower, Tue 5 Jan"));
    assert_eq!(w.unsigned(4), Some(10), "sport training");
    assert_eq!(w.unsigned(11), Some(20), "sub-sport strength training");
    assert_eq!(w.unsigned(6), Some(8), "num_valid_steps");
    let s = steps(&f);
    assert_eq!(s.len(), 8);
    for (i, m) in s.iter().enumerate() {
        assert_eq!(m.unsigned(254), Some(i as u64), "message_index");
        assert_eq!(m.unsigned(3), Some(2), "open target");
    }
    // Warm-up: until the lap button.
    assert_eq!(s[0].text(0), Some("Warm-up"));
    assert_eq!((s[0].unsigned(1), s[0].unsigned(7)), (Some(5), Some(2)));
    assert_eq!(s[0].text(8), Some("leg swings; glute bridges x 10"));
    // Goblet squat: 10 reps at 16 kg, FIT exercise squat / goblet_squat.
    assert_eq!(s[1].text(0), Some("Goblet squat"));
    assert_eq!((s[1].unsigned(1), s[1].unsigned(2)), (Some(29), Some(10)));
    assert_eq!((s[1].unsigned(10), s[1].unsigned(11)), (Some(28), Some(37)));
    assert_eq!(
        (s[1].unsigned(12), s[1].unsigned(13)),
        (Some(1600), Some(1))
    );
    assert_eq!(s[1].unsigned(7), Some(0), "active");
    // Rest: 90 s.
    assert_eq!(s[2].text(0), Some("Rest"));
    assert_eq!(
        (s[2].unsigned(1), s[2].unsigned(2)),
        (Some(0), Some(90_000))
    );
    assert_eq!(s[2].unsigned(7), Some(1), "rest");
    // Per side: the name says so; 40 lb shown in pounds.
    assert_eq!(s[3].text(0), Some("Split squat (each side)"));
    assert_eq!(s[3].unsigned(2), Some(8));
    assert_eq!(
        (s[3].unsigned(12), s[3].unsigned(13)),
        (Some(1814), Some(2))
    );
    // A hold each side lasts twice the hold.
    assert_eq!(s[5].text(0), Some("Side plank (switch sides halfway)"));
    assert_eq!(
        (s[5].unsigned(1), s[5].unsigned(2)),
        (Some(0), Some(60_000))
    );
    assert_eq!(s[5].field(12), None, "no weight");
    // No FIT exercise: keel's name only.
    assert_eq!(s[7].text(0), Some("Nordic hamstring curl"));
    assert_eq!((s[7].unsigned(1), s[7].field(2)), (Some(5), None));
    assert_eq!(s[7].field(10), None);
}

#[test]
fn same_workout_same_bytes() {
    let a = encode_workout(&sample()).unwrap();
    let mut b = Vec::new();
    write_workout(&sample(), &mut b).unwrap();
    assert_eq!(a, b);
    let mut other = sample();
    other.date = date(2027, 1, 6);
    assert_ne!(a, encode_workout(&other).unwrap());
}

#[test]
fn what_fit_cannot_hold_is_an_error() {
    let mut w = sample();
    w.date = date(1998, 1, 1);
    assert!(matches!(encode_workout(&w), Err(FitError::Date { .. })));
    w.date = date(2127, 1, 1);
    assert!(matches!(encode_workout(&w), Err(FitError::Date { .. })));
    let mut w = sample();
    w.steps.clear();
    assert!(matches!(encode_workout(&w), Err(FitError::NoSteps { .. })));
    let mut w = sample();
    w.steps.push(set(
        "plank",
        "Plank",
        Dose::Reps {
            count: 0,
            per_side: false,
        },
        None,
    ));
    let e = encode_workout(&w).unwrap_err().to_string();
    assert!(e.contains("step 8") && e.contains("0 reps"), "{e}");
    for kg in [0.0, -1.0, 700.0, f64::NAN] {
        let mut w = sample();
        w.steps[1] = set(
            "goblet-squat",
            "Goblet squat",
            Dose::Open,
            Some(Weight {
                kg,
                shown_in: WeightUnit::Kilograms,
            }),
        );
        let e = encode_workout(&w).unwrap_err().to_string();
        assert!(e.contains("step 1") && e.contains("weight"), "{e}");
    }
    let mut w = sample();
    w.steps[2] = Step::Rest { seconds: 0 };
    assert!(encode_workout(&w).is_err());
}

/// Checks what Garmin's SDK decoded against the workout written.
fn check_with_sdk(w: &Workout, sdk: &Value) {
    assert_eq!(sdk["is_fit"], true, "{sdk}");
    assert_eq!(sdk["integrity"], true, "CRC and sizes: {sdk}");
    assert_eq!(sdk["errors"], serde_json::json!([]), "{sdk}");
    assert_eq!(sdk["other"], serde_json::json!([]), "{sdk}");
    assert_eq!(sdk["file_id"][0]["type"], "workout");
    assert_eq!(sdk["file_id"][0]["manufacturer"], "development");
    let created = w
        .date
        .to_zoned(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp();
    let sdk_created: jiff::Timestamp = sdk["file_id"][0]["time_created"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(sdk_created, created);
    let workout = &sdk["workout"][0];
    assert_eq!(workout["sport"], "training");
    assert_eq!(workout["sub_sport"], "strength_training");
    assert_eq!(workout["num_valid_steps"], w.steps.len());
    assert_eq!(workout["wkt_name"], written_name(&w.name, "Workout"));
    let steps = sdk["steps"].as_array().unwrap();
    assert_eq!(steps.len(), w.steps.len());
    for (i, (step, got)) in w.steps.iter().zip(steps).enumerate() {
        assert_eq!(got["message_index"], i, "{got}");
        assert_eq!(got["target_type"], "open", "{got}");
        match step {
            Step::WarmUp { .. } => {
                assert_eq!(got["duration_type"], "open");
                assert_eq!(got["intensity"], "warmup");
            }
            Step::Rest { seconds } => {
                assert_eq!(got["duration_type"], "time");
                assert_eq!(got["duration_time"], f64::from(*seconds));
                assert_eq!(got["intensity"], "rest");
            }
            Step::Set(s) => {
                assert_eq!(got["intensity"], "active");
                match s.dose {
                    Dose::Reps { count, .. } => {
                        assert_eq!(got["duration_type"], "reps", "{got}");
                        assert_eq!(got["duration_reps"], count, "{got}");
                    }
                    Dose::Hold { seconds, per_side } => {
                        let total = if per_side { seconds * 2 } else { seconds };
                        assert_eq!(got["duration_type"], "time");
                        assert_eq!(got["duration_time"], f64::from(total), "{got}");
                    }
                    Dose::Open => assert_eq!(got["duration_type"], "open"),
                }
                match s.exercise {
                    Some(x) => {
                        let (id, row) = EXERCISES
                            .iter()
                            .find(|(_, p)| p.map(|p| p.fit()) == Some(x))
                            .unwrap();
                        let row = row.unwrap();
                        assert_eq!(got["exercise_category"], row.category_name, "{id}: {got}");
                        assert_eq!(
                            got["exercise_name_resolved"], row.exercise_name,
                            "{id}: the FIT profile names exercise {} of {} otherwise",
                            x.name, row.category_name
                        );
                    }
                    None => assert!(got.get("exercise_category").is_none(), "{got}"),
                }
                match s.weight {
                    Some(wt) => {
                        let kg = got["exercise_weight"].as_f64().unwrap();
                        assert!((kg - wt.kg).abs() <= 0.005 + 1e-9, "{kg} vs {}", wt.kg);
                        let unit = match wt.shown_in {
                            WeightUnit::Kilograms => "kilogram",
                            WeightUnit::Pounds => "pound",
                        };
                        assert_eq!(got["weight_display_unit"], unit);
                    }
                    None => assert!(got.get("exercise_weight").is_none(), "{got}"),
                }
            }
        }
    }
}

/// The name as written: NULs dropped, trimmed, cut to the byte limit on a character.
fn written_name(name: &str, empty: &str) -> String {
    let clean: String = name.chars().filter(|c| *c != '\0').collect();
    let clean = clean.trim();
    if clean.is_empty() {
        return empty.to_string();
    }
    let mut end = clean.len().min(MAX_NAME_BYTES);
    while !clean.is_char_boundary(end) {
        end -= 1;
    }
    clean[..end].trim_end().to_string()
}

fn sdk_check(w: &Workout, bytes: &[u8]) {
    let mut guard = fit_sdk::shared().lock().unwrap_or_else(|e| e.into_inner());
    let Some(sdk) = guard.as_mut() else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.fit");
    std::fs::write(&path, bytes).unwrap();
    check_with_sdk(w, &sdk.check(&path));
}

#[test]
fn garmins_sdk_reads_the_sample() {
    let w = sample();
    sdk_check(&w, &encode_workout(&w).unwrap());
}

#[test]
fn garmins_sdk_knows_every_mapped_exercise() {
    let w = Workout {
        name: "Every exercise".into(),
        sport: Sport::StrengthTraining,
        date: date(2027, 1, 5),
        steps: EXERCISES
            .iter()
            .map(|(id, _)| {
                set(
                    id,
                    id,
                    Dose::Reps {
                        count: 5,
                        per_side: false,
                    },
                    None,
                )
            })
            .collect(),
    };
    assert!(EXERCISES
        .iter()
        .any(|(id, _)| profile_exercise(id).is_some()));
    sdk_check(&w, &encode_workout(&w).unwrap());
}

fn arb_exercise() -> impl Strategy<Value = Option<FitExercise>> {
    prop::option::of(prop::sample::select(
        EXERCISES
            .iter()
            .filter_map(|(_, p)| p.map(|p| p.fit()))
            .collect::<Vec<_>>(),
    ))
}

fn arb_dose() -> impl Strategy<Value = Dose> {
    prop_oneof![
        (1u32..200, any::<bool>()).prop_map(|(count, per_side)| Dose::Reps { count, per_side }),
        (1u32..3600, any::<bool>())
            .prop_map(|(seconds, per_side)| Dose::Hold { seconds, per_side }),
        Just(Dose::Open),
    ]
}

fn arb_weight() -> impl Strategy<Value = Option<Weight>> {
    prop::option::of(
        (0.01f64..655.34, any::<bool>()).prop_map(|(kg, lb)| Weight {
            kg,
            shown_in: if lb {
                WeightUnit::Pounds
            } else {
                WeightUnit::Kilograms
            },
        }),
    )
}

fn arb_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        "\\PC{0,300}".prop_map(|notes| Step::WarmUp { notes }),
        (1u32..1000).prop_map(|seconds| Step::Rest { seconds }),
        (
            "[\\PC\\x00]{0,90}",
            arb_exercise(),
            arb_dose(),
            arb_weight(),
            "\\PC{0,300}"
        )
            .prop_map(|(name, exercise, dose, weight, notes)| Step::Set(SetStep {
                name,
                exercise,
                dose,
                weight,
                notes,
            })),
    ]
}

fn arb_date() -> impl Strategy<Value = Date> {
    (0i32..46_000).prop_map(|d| {
        date(1999, 1, 1)
            .checked_add(jiff::Span::new().days(d))
            .unwrap()
    })
}

fn arb_workout() -> impl Strategy<Value = Workout> {
    (
        "[\\PC\\x00 ]{0,90}",
        arb_date(),
        prop::collection::vec(arb_step(), 1..40),
    )
        .prop_map(|(name, date, steps)| Workout {
            name,
            sport: Sport::StrengthTraining,
            date,
            steps,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_workouts_are_read_back_by_both_decoders(w in arb_workout()) {
        let bytes = encode_workout(&w).unwrap();
        let f = decode_messages(&bytes).unwrap();
        prop_assert_eq!(f.file_type(), Some(5));
        let workout = f.messages_of(26).next().unwrap();
        prop_assert_eq!(workout.unsigned(6), Some(w.steps.len() as u64));
        let written = written_name(&w.name, "Workout");
        prop_assert_eq!(workout.text(8), Some(written.as_str()));
        let s = steps(&f);
        prop_assert_eq!(s.len(), w.steps.len());
        for (i, (step, m)) in w.steps.iter().zip(&s).enumerate() {
            prop_assert_eq!(m.unsigned(254), Some(i as u64));
            if let Step::Set(set) = step {
                let name = m.text(0).unwrap_or("");
                prop_assert!(name.len() <= MAX_NAME_BYTES);
                if let Dose::Reps { count, .. } = set.dose {
                    prop_assert_eq!((m.unsigned(1), m.unsigned(2)), (Some(29), Some(u64::from(count))));
                }
                prop_assert_eq!(m.unsigned(10), set.exercise.map(|x| u64::from(x.category)));
                prop_assert_eq!(m.unsigned(12), set.weight.map(|x| (x.kg * 100.0).round() as u64));
            }
        }
        sdk_check(&w, &bytes);
    }
}
