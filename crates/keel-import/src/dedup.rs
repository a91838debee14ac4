//! Duplicate detection across formats: the same run arriving as FIT and as GPX.

use keel_core::activity::Activity;

/// Start times closer than this (seconds) may be the same activity.
pub const START_TOLERANCE_S: f64 = 60.0;
/// Relative difference of durations allowed for the same activity.
pub const DURATION_TOLERANCE: f64 = 0.05;

/// Whether `a` and `b` are the same activity recorded twice: starts within 60 s and
/// elapsed times within 5 % of the longer (or within 60 s for very short activities).
/// Symmetric; sport is not compared because formats disagree on it (a GPX often has none).
pub fn same_activity(a: &Activity, b: &Activity) -> bool {
    let dt = (a.start.as_millisecond() - b.start.as_millisecond()).abs() as f64 / 1000.0;
    if dt > START_TOLERANCE_S {
        return false;
    }
    let longer = a.elapsed_s.max(b.elapsed_s);
    let diff = (a.elapsed_s - b.elapsed_s).abs();
    diff <= (longer * DURATION_TOLERANCE).max(START_TOLERANCE_S.min(longer))
}

/// How much an activity carries, to keep the richer of two duplicates (higher wins).
/// Counts the data channels present (heart rate, power, cadence, speed, altitude,
/// position, distance), then laps and summary fields, then the number of samples.
pub fn richness(a: &Activity) -> u64 {
    let ch = |f: &dyn Fn(&keel_core::activity::Sample) -> bool| a.samples.iter().any(f) as u64;
    let channels = ch(&|s| s.hr.is_some())
        + ch(&|s| s.power_w.is_some())
        + ch(&|s| s.cadence.is_some())
        + ch(&|s| s.speed_mps.is_some())
        + ch(&|s| s.altitude_m.is_some())
        + ch(&|s| s.lat.is_some())
        + ch(&|s| s.distance_m.is_some());
    let summary = [
        a.moving_s.is_some(),
        a.distance_m.is_some(),
        a.elevation_gain_m.is_some(),
        a.avg_hr.is_some(),
        a.avg_cadence.is_some(),
        a.avg_power_w.is_some(),
    ]
    .iter()
    .filter(|x| **x)
    .count() as u64;
    let complete = a.partial.is_none() as u64;
    complete * 1_000_000_000_000
        + channels * 10_000_000_000
        + (a.laps.len().min(99) as u64) * 100_000_000
        + summary * 10_000_000
        + (a.samples.len() as u64).min(9_999_999)
}

#[cfg(test)]
mod tests {
    use super::*;
    use keel_core::activity::{Sample, Sport};

    fn act(start: &str, elapsed: f64, samples: usize, hr: bool) -> Activity {
        Activity {
            source: "x".into(),
            sport: Sport::Run,
            name: None,
            start: start.parse().expect("ts"),
            elapsed_s: elapsed,
            moving_s: None,
            distance_m: Some(10_000.0),
            elevation_gain_m: None,
            avg_hr: hr.then_some(150),
            max_hr: None,
            avg_cadence: None,
            avg_power_w: None,
            rpe: None,
            run_type: None,
            samples: (0..samples)
                .map(|i| Sample {
                    t: i as f64,
                    hr: hr.then_some(150),
                    ..Sample::default()
                })
                .collect(),
            laps: vec![],
            partial: None,
        }
    }

    #[test]
    fn same_run_as_fit_and_gpx() {
        let fit = act("2024-05-01T06:00:00Z", 3600.0, 3600, true);
        let gpx = act("2024-05-01T06:00:30Z", 3550.0, 3550, false);
        assert!(same_activity(&fit, &gpx) && same_activity(&gpx, &fit));
        assert!(
            richness(&fit) > richness(&gpx),
            "the FIT with heart rate wins"
        );
        let later = act("2024-05-01T06:02:00Z", 3600.0, 10, false);
        assert!(!same_activity(&fit, &later), "starts 2 minutes apart");
        let shorter = act("2024-05-01T06:00:10Z", 3000.0, 10, false);
        assert!(!same_activity(&fit, &shorter), "durations differ by 17 %");
        let mut damaged = fit.clone();
        damaged.partial = Some("cut".into());
        assert!(
            richness(&gpx) > richness(&damaged),
            "a complete file beats a damaged one"
        );
    }
}
