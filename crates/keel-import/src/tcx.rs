//! Garmin Training Center XML (TCX): one [`Activity`] per `<Activity>`.
//!
//! Elapsed time and distance are the sums of the laps' `TotalTimeSeconds` and
//! `DistanceMeters` (what the device recorded, pauses excluded from neither); samples come
//! from the trackpoints, with speed, run cadence and watts from the `TPX` extension
//! (`ns3:` or any prefix: matched by local name).

use jiff::Timestamp;
use keel_core::activity::{Activity, Lap, Sample, Sport};
use roxmltree::Node;

use crate::error::ImportError;
use crate::gpx::{mean, secs_between};
use crate::xml;

/// Maps the TCX `Sport` attribute (`Running`, `Biking`, `Other`) to a sport.
pub fn sport_from_tcx(s: Option<&str>) -> Sport {
    match s.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
        Some("running") => Sport::Run,
        Some("biking") | Some("cycling") => Sport::Ride,
        Some("walking") => Sport::Walk,
        Some("swimming") => Sport::Swim,
        _ => Sport::Other,
    }
}

/// Decodes a TCX file.
pub fn decode_tcx(bytes: &[u8], source: &str) -> Result<Vec<Activity>, ImportError> {
    let text = xml::text(bytes);
    let doc = xml::parse(&text, "TCX", source)?;
    let root = xml::root(&doc, "TCX", "TrainingCenterDatabase")?;
    let acts: Vec<Node> = root
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "Activity")
        .collect();
    if acts.is_empty() {
        return Err(ImportError::not_activity(
            "TCX file has no <Activity> (a course or workout file, not a recorded activity)",
        ));
    }
    acts.into_iter()
        .map(|a| activity(&doc, a, source))
        .collect()
}

fn activity(
    doc: &roxmltree::Document<'_>,
    a: Node<'_, '_>,
    source: &str,
) -> Result<Activity, ImportError> {
    let laps_xml: Vec<Node> = a
        .children()
        .filter(|n| n.is_element() && n.tag_name().name() == "Lap")
        .collect();
    let mut laps = Vec::new();
    let mut total_time = 0.0;
    let mut total_dist = None::<f64>;
    let mut points = Vec::new();
    for l in &laps_xml {
        let lt = xml::child_num(*l, "TotalTimeSeconds").unwrap_or(0.0);
        let ld = xml::child_num(*l, "DistanceMeters");
        total_time += lt;
        if let Some(d) = ld {
            *total_dist.get_or_insert(0.0) += d;
        }
        let bpm = |name: &str| {
            xml::child(*l, name)
                .and_then(|n| xml::child_num(n, "Value"))
                .map(|v| v as u16)
        };
        if let Some(start) = l.attribute("StartTime").and_then(xml::parse_time) {
            laps.push(Lap {
                start,
                elapsed_s: lt,
                distance_m: ld,
                avg_hr: bpm("AverageHeartRateBpm"),
                max_hr: bpm("MaximumHeartRateBpm"),
            });
        }
        for tp in l
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "Trackpoint")
        {
            points.push(trackpoint(tp));
        }
    }
    let id_time = xml::child_text(a, "Id").and_then(xml::parse_time);
    let first_point = points
        .iter()
        .find_map(|p: &(Option<Timestamp>, Sample)| p.0);
    let start = laps.first().map(|l| l.start).or(id_time).or(first_point);
    let Some(start) = start else {
        let (line, column) = xml::pos(doc, a);
        return Err(ImportError::not_activity(format!(
            "TCX <Activity> at line {line}, column {column} has no start time (no lap StartTime, Id or timed trackpoint)"
        )));
    };
    let mut samples: Vec<Sample> = points
        .into_iter()
        .filter_map(|(t, mut s)| {
            s.t = secs_between(start, t?);
            Some(s)
        })
        .collect();
    samples.sort_by(|a, b| a.t.total_cmp(&b.t));
    if laps_xml.is_empty() || total_time == 0.0 {
        total_time = samples.last().map(|s| s.t).unwrap_or(0.0);
    }
    let distance = total_dist.or_else(|| samples.iter().rev().find_map(|s| s.distance_m));
    let hrs: Vec<u16> = samples.iter().filter_map(|s| s.hr).collect();
    let cads: Vec<u16> = samples.iter().filter_map(|s| s.cadence).collect();
    let pws: Vec<u16> = samples.iter().filter_map(|s| s.power_w).collect();
    let mut gain = None::<f64>;
    let mut prev = None;
    for s in &samples {
        if let Some(alt) = s.altitude_m {
            if let Some(p) = prev {
                let g = gain.get_or_insert(0.0);
                if alt > p {
                    *g += alt - p;
                }
            }
            prev = Some(alt);
        }
    }
    Ok(Activity {
        source: source.to_string(),
        sport: sport_from_tcx(a.attribute("Sport")),
        name: xml::child_text(a, "Notes").map(str::to_string),
        start,
        elapsed_s: total_time.max(0.0),
        moving_s: Some(total_time.max(0.0)),
        distance_m: distance,
        elevation_gain_m: gain,
        avg_hr: mean(&hrs),
        max_hr: hrs.iter().copied().max(),
        avg_cadence: mean(&cads),
        avg_power_w: mean(&pws),
        rpe: None,
        run_type: None,
        samples,
        laps,
        partial: None,
    })
}

fn trackpoint(tp: Node<'_, '_>) -> (Option<Timestamp>, Sample) {
    let mut t = None;
    let mut s = Sample::default();
    for c in tp.children().filter(Node::is_element) {
        match c.tag_name().name() {
            "Time" => t = c.text().and_then(xml::parse_time),
            "Position" => {
                s.lat = xml::child_num(c, "LatitudeDegrees").filter(|v| v.abs() <= 90.0);
                s.lon = xml::child_num(c, "LongitudeDegrees").filter(|v| v.abs() <= 180.0);
            }
            "AltitudeMeters" => s.altitude_m = c.text().and_then(xml::num),
            "DistanceMeters" => s.distance_m = c.text().and_then(xml::num),
            "HeartRateBpm" => {
                s.hr = xml::child_num(c, "Value")
                    .filter(|v| *v > 0.0 && *v < 300.0)
                    .map(|v| v as u16)
            }
            "Cadence" => {
                s.cadence = c
                    .text()
                    .and_then(xml::num)
                    .filter(|v| *v >= 0.0 && *v < 1000.0)
                    .map(|v| v as u16)
            }
            "Extensions" => {
                for e in c.descendants().filter(Node::is_element) {
                    let v = || e.text().and_then(xml::num);
                    match e.tag_name().name() {
                        "Speed" => s.speed_mps = v().filter(|v| *v >= 0.0),
                        "RunCadence" => {
                            s.cadence = s
                                .cadence
                                .or(v().filter(|v| *v >= 0.0 && *v < 1000.0).map(|v| v as u16))
                        }
                        "Watts" => {
                            s.power_w = v().filter(|v| *v >= 0.0 && *v < 10_000.0).map(|v| v as u16)
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    (t, s)
}
