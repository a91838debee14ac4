//! GPX 1.0 / 1.1 tracks.
//!
//! Choices (documented for users):
//! - All tracks and segments of a file form one activity. `elapsed_s` is first to last
//!   time; `moving_s` sums each segment's span, so pauses between segments (a logger starts
//!   a new segment after a pause) are excluded, as gpxpy's `get_duration` does.
//! - Distance is the 2-D haversine length summed within segments (gpxpy `length_2d`);
//!   elevation gain sums the positive steps of `<ele>` within segments.
//! - Heart rate, cadence, temperature and power come from any extension element with the
//!   local names `hr`, `cad`, `atemp`/`temp`, `power`, whatever the namespace prefix.
//!   keel's samples have no temperature channel, so temperature is read (see
//!   [`GpxPoint::temp_c`]) but not carried into [`Activity`].
//! - A file without timed track points is a route, not a recorded activity: rejected with
//!   [`ImportError::NotAnActivity`], as are files where fewer than half the points or
//!   fewer than two timed points, or times spanning under a second, or times before GPS
//!   time began (1980-01-06; placeholders such as 1901-12-13).

use jiff::Timestamp;
use keel_core::activity::{Activity, Sample, Sport};
use roxmltree::Node;

use crate::error::ImportError;
use crate::xml;

/// Mean Earth radius (metres) for haversine distances.
pub const EARTH_RADIUS_M: f64 = 6_371_000.0;

/// GPS time began on 1980-01-06; earlier times in a track are placeholders (1901-12-13 is
/// a 32-bit "no time" value some converters write).
pub const GPS_EPOCH: Timestamp = Timestamp::constant(315_964_800, 0);

/// One track point as read.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct GpxPoint {
    /// Degrees.
    pub lat: f64,
    /// Degrees.
    pub lon: f64,
    /// Metres.
    pub ele: Option<f64>,
    /// Time, when present and parseable.
    pub time: Option<Timestamp>,
    /// Heart rate.
    pub hr: Option<u16>,
    /// Cadence.
    pub cad: Option<u16>,
    /// Temperature, °C.
    pub temp_c: Option<f64>,
    /// Power, watts.
    pub power: Option<u16>,
    /// Speed, m/s, from a `<speed>` element (GPX 1.0) or extension.
    pub speed: Option<f64>,
}

/// A parsed GPX file: track segments (each a list of points), first track's name and type.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GpxTrack {
    /// Segments in file order across all tracks.
    pub segments: Vec<Vec<GpxPoint>>,
    /// First track's `<name>`.
    pub name: Option<String>,
    /// First track's `<type>`.
    pub track_type: Option<String>,
    /// Route points (`<rtept>`) seen, for messages.
    pub n_route_points: usize,
    /// Waypoints (`<wpt>`) seen, for messages.
    pub n_waypoints: usize,
}

/// Great-circle distance between two points (metres).
pub fn haversine_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * a.sqrt().min(1.0).asin()
}

/// Maps a GPX `<type>` (free text, or Strava's numeric codes) to a sport.
pub fn sport_from_gpx_type(t: Option<&str>) -> Sport {
    let Some(t) = t else { return Sport::Other };
    let t = t.trim().to_ascii_lowercase();
    match t.as_str() {
        "9" | "run" | "running" | "road_running" | "street_running" => Sport::Run,
        "trail" | "trail_running" | "trailrun" | "trail-run" | "trail run" => Sport::TrailRun,
        "treadmill" | "treadmill_running" | "virtualrun" => Sport::Treadmill,
        "10" | "4" | "walk" | "walking" | "hike" | "hiking" => Sport::Walk,
        "1" | "ride" | "cycling" | "biking" | "bike" | "road_biking" | "mountain_biking"
        | "virtualride" => Sport::Ride,
        "swim" | "swimming" | "open_water_swimming" => Sport::Swim,
        "strength" | "weighttraining" | "strength_training" => Sport::Strength,
        _ => Sport::Other,
    }
}

/// Reads the track structure of a GPX document.
/// `source` names the file in refusals (a DTD, too many nodes).
pub fn parse_gpx(bytes: &[u8], source: &str) -> Result<GpxTrack, ImportError> {
    let text = xml::text(bytes);
    let doc = xml::parse(&text, "GPX", source)?;
    let root = xml::root(&doc, "GPX", "gpx")?;
    let mut out = GpxTrack::default();
    for n in root.children().filter(Node::is_element) {
        match n.tag_name().name() {
            "trk" => {
                if out.name.is_none() {
                    out.name = xml::child_text(n, "name").map(str::to_string);
                }
                if out.track_type.is_none() {
                    out.track_type = xml::child_text(n, "type").map(str::to_string);
                }
                for seg in n.children().filter(|c| c.tag_name().name() == "trkseg") {
                    let mut pts = Vec::new();
                    for p in seg.children().filter(|c| c.tag_name().name() == "trkpt") {
                        pts.push(point(&doc, p)?);
                    }
                    out.segments.push(pts);
                }
            }
            "rte" => {
                out.n_route_points += n
                    .children()
                    .filter(|c| c.tag_name().name() == "rtept")
                    .count()
            }
            "wpt" => out.n_waypoints += 1,
            _ => {}
        }
    }
    Ok(out)
}

fn point(doc: &roxmltree::Document<'_>, p: Node<'_, '_>) -> Result<GpxPoint, ImportError> {
    let coord = |a: &str, max: f64| p.attribute(a).and_then(xml::num).filter(|v| v.abs() <= max);
    let (Some(lat), Some(lon)) = (coord("lat", 90.0), coord("lon", 180.0)) else {
        let (line, column) = xml::pos(doc, p);
        return Err(ImportError::Xml {
            format: "GPX",
            line,
            column,
            message: "expected a <trkpt> with numeric lat (-90..90) and lon (-180..180) attributes"
                .into(),
        });
    };
    let mut pt = GpxPoint {
        lat,
        lon,
        ..GpxPoint::default()
    };
    for c in p.children().filter(Node::is_element) {
        match c.tag_name().name() {
            "ele" => pt.ele = c.text().and_then(xml::num),
            "time" => pt.time = c.text().and_then(xml::parse_time),
            "speed" => pt.speed = c.text().and_then(xml::num),
            "extensions" => {
                for e in c.descendants().filter(Node::is_element) {
                    let v = || e.text().and_then(xml::num);
                    match e.tag_name().name() {
                        "hr" | "heartrate" => {
                            pt.hr = v().filter(|h| *h > 0.0 && *h < 300.0).map(|h| h as u16)
                        }
                        "cad" | "cadence" => {
                            pt.cad = v().filter(|c| *c >= 0.0 && *c < 1000.0).map(|c| c as u16)
                        }
                        "atemp" | "temp" | "wtemp" => pt.temp_c = pt.temp_c.or(v()),
                        "power" => {
                            pt.power = v().filter(|w| *w >= 0.0 && *w < 10_000.0).map(|w| w as u16)
                        }
                        "speed" => pt.speed = pt.speed.or(v()),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(pt)
}

/// Decodes a GPX file into one activity (see the module notes for the choices).
pub fn decode_gpx(bytes: &[u8], source: &str) -> Result<Activity, ImportError> {
    let trk = parse_gpx(bytes, source)?;
    activity(&trk, source)
}

/// Maps a parsed GPX track to an activity.
pub fn activity(trk: &GpxTrack, source: &str) -> Result<Activity, ImportError> {
    let n_points: usize = trk.segments.iter().map(Vec::len).sum();
    if n_points == 0 {
        return Err(ImportError::not_activity(format!(
            "GPX has no track points ({} route points, {} waypoints): a route or a list of places, not a recorded activity",
            trk.n_route_points, trk.n_waypoints
        )));
    }
    let times: Vec<Timestamp> = trk
        .segments
        .iter()
        .flatten()
        .filter_map(|p| p.time)
        .collect();
    if let Some(t) = times.iter().find(|t| **t < GPS_EPOCH) {
        let n = times.iter().filter(|t| **t < GPS_EPOCH).count();
        return Err(ImportError::not_activity(format!(
            "{n} of {n_points} GPX track points have times before GPS time began on 1980-01-06 (e.g. {t}): placeholders, not recorded times"
        )));
    }
    let (Some(&first), Some(&last)) = (times.iter().min(), times.iter().max()) else {
        return Err(ImportError::not_activity(format!(
            "GPX track has {n_points} points but none has a time: a route without duration, not a recorded activity"
        )));
    };
    if times.len() < 2 {
        return Err(ImportError::not_activity(format!(
            "GPX track has only {} timed point(s) of {n_points}: fewer than two, so no duration",
            times.len()
        )));
    }
    if secs_between(first, last) < 1.0 {
        return Err(ImportError::not_activity(format!(
            "the {} timed points of the GPX track span {:.3} s (from {first}): no usable duration",
            times.len(),
            secs_between(first, last)
        )));
    }
    if times.len() * 2 < n_points {
        return Err(ImportError::not_activity(format!(
            "only {} of {n_points} GPX track points have a time: a route with a few timestamps, not a recorded activity",
            times.len()
        )));
    }
    let mut samples = Vec::with_capacity(times.len());
    let mut dist = 0.0;
    let mut gain = 0.0;
    let mut have_ele = false;
    let mut moving = 0.0;
    for seg in &trk.segments {
        let mut prev: Option<&GpxPoint> = None;
        for p in seg {
            if let Some(q) = prev {
                dist += haversine_m(q.lat, q.lon, p.lat, p.lon);
                if let (Some(a), Some(b)) = (q.ele, p.ele) {
                    if b > a {
                        gain += b - a;
                    }
                }
            }
            have_ele |= p.ele.is_some();
            prev = Some(p);
            if let Some(t) = p.time {
                samples.push(Sample {
                    t: secs_between(first, t),
                    distance_m: Some(dist),
                    hr: p.hr,
                    speed_mps: p.speed,
                    altitude_m: p.ele,
                    cadence: p.cad,
                    power_w: p.power,
                    lat: Some(p.lat),
                    lon: Some(p.lon),
                });
            }
        }
        let a = seg.iter().find_map(|p| p.time);
        let b = seg.iter().rev().find_map(|p| p.time);
        if let (Some(a), Some(b)) = (a, b) {
            moving += secs_between(a, b).max(0.0);
        }
    }
    samples.sort_by(|a, b| a.t.total_cmp(&b.t));
    let hrs: Vec<u16> = samples.iter().filter_map(|s| s.hr).collect();
    let cads: Vec<u16> = samples.iter().filter_map(|s| s.cadence).collect();
    let pws: Vec<u16> = samples.iter().filter_map(|s| s.power_w).collect();
    let untimed = n_points - times.len();
    Ok(Activity {
        source: source.to_string(),
        sport: sport_from_gpx_type(trk.track_type.as_deref()),
        name: trk.name.clone(),
        start: first,
        elapsed_s: secs_between(first, last),
        moving_s: Some(moving),
        distance_m: Some(dist),
        elevation_gain_m: have_ele.then_some(gain),
        avg_hr: mean(&hrs),
        max_hr: hrs.iter().copied().max(),
        avg_cadence: mean(&cads),
        avg_power_w: mean(&pws),
        rpe: None,
        run_type: None,
        samples,
        laps: Vec::new(),
        partial: (untimed > 0).then(|| {
            format!("{untimed} of {n_points} track points have no time: counted in distance, left out of samples")
        }),
    })
}

pub(crate) fn secs_between(a: Timestamp, b: Timestamp) -> f64 {
    (b.as_nanosecond() - a.as_nanosecond()) as f64 / 1e9
}

pub(crate) fn mean(v: &[u16]) -> Option<u16> {
    if v.is_empty() {
        return None;
    }
    let s: u64 = v.iter().map(|&x| u64::from(x)).sum();
    Some((s as f64 / v.len() as f64).round() as u16)
}
