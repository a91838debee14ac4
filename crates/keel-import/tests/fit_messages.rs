//! The message-level FIT reader: real workout files from Garmin's SDK samples, every FIT file
//! of the shared folder against the activity decoder, strictness on damage, no panics.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use keel_import::fit::{decode_messages, FitDecoder, FitValue, KeelFitDecoder};
use keel_import::{decode, ImportError};
use proptest::prelude::*;
use std::path::PathBuf;

mod common;

fn fit_dir() -> Option<PathBuf> {
    match common::shared_activity_files() {
        Some(d) => Some(d.join("python-fitparse/tests/files")),
        None if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("shared activity files not found under CI=true")
        }
        None => {
            eprintln!("SKIPPED: shared activity files not found (clone shared/ beside the repo)");
            None
        }
    }
}

#[test]
fn reads_a_workout_file_the_activity_importer_rejects() {
    let Some(dir) = fit_dir() else { return };
    let bytes = std::fs::read(dir.join("WorkoutIndividualSteps.fit")).unwrap();
    let file = decode_messages(&bytes).unwrap();
    assert_eq!(file.file_type(), Some(5), "workout");
    assert_eq!(file.header.size, 14);
    let workout = file.messages_of(26).next().unwrap();
    assert_eq!(workout.text(8), Some("Example 1"));
    assert_eq!(workout.unsigned(6), Some(4), "num_valid_steps");
    let steps: Vec<_> = file.messages_of(27).collect();
    assert_eq!(steps.len(), 4);
    // As Garmin's FIT SDK decodes them: `_A_` 60 s warm-up at HR zone 2, `B1_` 500 m at
    // power zone 5.
    assert_eq!(steps[0].text(0), Some("_A_"));
    assert_eq!(steps[0].unsigned(1), Some(0), "duration type time");
    assert_eq!(steps[0].unsigned(2), Some(60_000));
    assert_eq!(steps[0].unsigned(7), Some(2), "intensity warmup");
    assert_eq!(steps[1].text(0), Some("B1_"));
    assert_eq!(steps[1].unsigned(1), Some(1), "duration type distance");
    assert_eq!(steps[1].unsigned(2), Some(50_000));
    assert_eq!(steps[1].unsigned(4), Some(5));
    assert_eq!(steps[1].field(200), None);
    // The activity importer still refuses it.
    match decode("WorkoutIndividualSteps.fit", &bytes) {
        Err(ImportError::NotAnActivity { reason }) => {
            assert!(reason.contains("workout"), "{reason}")
        }
        other => panic!("expected a rejection, got {other:?}"),
    }
}

#[test]
fn agrees_with_the_activity_decoder_on_every_clean_shared_file() {
    let Some(dir) = fit_dir() else { return };
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if !path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("fit"))
        {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let lenient = KeelFitDecoder.decode(&bytes);
        let strict = decode_messages(&bytes);
        match (&lenient, &strict) {
            (Ok(c), Ok(f)) => {
                assert_eq!(c.n_files, 1, "{name}: one file");
                assert!(c.problems.is_empty(), "{name}: {:?}", c.problems);
                assert_eq!(
                    f.messages_of(20).count(),
                    c.records.len(),
                    "{name}: records"
                );
                assert_eq!(
                    f.messages_of(18).count(),
                    c.sessions.len(),
                    "{name}: sessions"
                );
                assert_eq!(f.messages_of(19).count(), c.laps.len(), "{name}: laps");
                assert_eq!(f.file_type(), c.file_types[0], "{name}: file type");
                checked += 1;
            }
            // Damage the lenient decoder recovers from, chained files, or a missing CRC are
            // errors here.
            (Ok(c), Err(e)) => assert!(
                !c.problems.is_empty() || c.n_files != 1 || missing_crc(&bytes),
                "{name}: strict reader refused a clean file: {e}"
            ),
            (Err(_), Ok(_)) => panic!("{name}: strict reader accepted what the decoder refused"),
            (Err(_), Err(_)) => {}
        }
    }
    assert!(checked >= 25, "only {checked} clean files checked");
}

fn missing_crc(b: &[u8]) -> bool {
    let data = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
    usize::from(b[0]) + data + 2 > b.len()
}

#[test]
fn damage_is_an_error_naming_the_byte() {
    let Some(dir) = fit_dir() else { return };
    let bytes = std::fs::read(dir.join("WorkoutRepeatSteps.fit")).unwrap();
    assert!(decode_messages(&bytes).is_ok());
    let mut flipped = bytes.clone();
    flipped[20] ^= 0x01;
    let e = decode_messages(&flipped).unwrap_err().to_string();
    assert!(e.contains("file CRC"), "{e}");
    let mut header = bytes.clone();
    header[2] ^= 0x01;
    let e = decode_messages(&header).unwrap_err().to_string();
    assert!(e.contains("header CRC"), "{e}");
    let e = decode_messages(&bytes[..bytes.len() - 5])
        .unwrap_err()
        .to_string();
    assert!(e.contains("truncated"), "{e}");
    let mut two = bytes.clone();
    two.extend_from_slice(&bytes);
    let e = decode_messages(&two).unwrap_err().to_string();
    assert!(e.contains("exactly one FIT file"), "{e}");
}

#[test]
fn values_by_base_type() {
    // A hand-made file with one big-endian message: a sint16 -2, a uint8z 0 (invalid), a
    // uint16 array [1, 2] and a uint32 7.
    let mut data = vec![0x40, 0, 1, 0x12, 0x34, 4];
    data.extend_from_slice(&[0, 2, 0x83, 1, 1, 0x0A, 2, 4, 0x84, 3, 4, 0x86]);
    data.push(0);
    data.extend_from_slice(&[0xFF, 0xFE, 0, 0, 1, 0, 2, 0, 0, 0, 7]);
    let mut file = vec![12, 0x10, 0, 0];
    file.extend_from_slice(&(data.len() as u32).to_le_bytes());
    file.extend_from_slice(b".FIT");
    file.extend_from_slice(&data);
    let crc = keel_import::fit::crc16(0, &file);
    file.extend_from_slice(&crc.to_le_bytes());
    let f = decode_messages(&file).unwrap();
    let m = &f.messages[0];
    assert_eq!(m.global, 0x1234);
    assert_eq!(m.field(0), Some(&FitValue::Signed(-2)));
    assert_eq!(m.field(1), Some(&FitValue::Invalid));
    assert_eq!(
        m.field(2),
        Some(&FitValue::Array(vec![
            FitValue::Unsigned(1),
            FitValue::Unsigned(2)
        ]))
    );
    assert_eq!(m.unsigned(3), Some(7));
    assert_eq!(f.header.crc, None);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(mut bytes in proptest::collection::vec(any::<u8>(), 0..1024), fit in any::<bool>()) {
        if fit && bytes.len() >= 12 {
            bytes[0] = 12;
            bytes[8..12].copy_from_slice(b".FIT");
        }
        let _ = decode_messages(&bytes);
    }

    #[test]
    fn damaged_workout_files_never_panic(at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<prop::sample::Index>()) {
        let Some(dir) = common::shared_activity_files() else { return Ok(()) };
        let bytes = std::fs::read(dir.join("python-fitparse/tests/files/WorkoutRepeatSteps.fit")).unwrap();
        let mut damaged = bytes.clone();
        let i = at.index(damaged.len());
        damaged[i] = byte;
        let _ = decode_messages(&damaged);
        let _ = decode_messages(&bytes[..cut.index(bytes.len())]);
    }
}
