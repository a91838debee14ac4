//! FIT (Garmin's Flexible and Interoperable data Transfer) activity files.
//!
//! Decoding is split in two: a [`FitDecoder`] turns bytes into neutral [`FitContent`]
//! (sessions, laps, records, file types, problems met), and [`activities`] turns that into
//! keel [`Activity`] values. Swapping the decoder (say for the `fitparser` crate) means
//! implementing the trait; the mapping to the domain stays.
//!
//! Multisport files give one [`Activity`] per session (swim, bike, run and each transition),
//! records assigned to the session whose time span holds them: load is computed per sport,
//! so splitting keeps a triathlon's run apart from its ride.

mod crc;
mod decoder;
pub mod messages;

pub use crc::crc16;
pub use decoder::KeelFitDecoder;
pub use messages::{decode_messages, FitFile, FitMessage, FitValue};

use jiff::Timestamp;
use keel_core::activity::{Activity, Lap, Sample, Sport};

use crate::error::ImportError;

/// Seconds from the Unix epoch to the FIT epoch (1989-12-31T00:00:00Z).
pub const FIT_EPOCH_OFFSET: i64 = 631_065_600;
/// FIT times below this are seconds since the device powered on, not dates.
pub const FIT_MIN_ABSOLUTE: u32 = 0x1000_0000;

/// Something that decodes FIT bytes into [`FitContent`].
pub trait FitDecoder {
    /// Decodes every FIT file in `bytes` (chained files included). Errors only when
    /// nothing at all can be read; damage after a valid start goes into
    /// [`FitContent::problems`].
    fn decode(&self, bytes: &[u8]) -> Result<FitContent, ImportError>;
}

/// A `session` message (FIT units converted: seconds, metres; times raw FIT seconds).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FitSession {
    /// Raw FIT `timestamp` (session end).
    pub timestamp: Option<u32>,
    /// Raw FIT `start_time`.
    pub start_time: Option<u32>,
    /// FIT `sport` enum value.
    pub sport: Option<u8>,
    /// FIT `sub_sport` enum value.
    pub sub_sport: Option<u8>,
    /// Seconds.
    pub total_elapsed_time: Option<f64>,
    /// Seconds.
    pub total_timer_time: Option<f64>,
    /// Metres.
    pub total_distance: Option<f64>,
    /// Metres.
    pub total_ascent: Option<f64>,
    /// bpm.
    pub avg_heart_rate: Option<u8>,
    /// bpm.
    pub max_heart_rate: Option<u8>,
    /// rpm or strides/min as the device reports it.
    pub avg_cadence: Option<u8>,
    /// Watts.
    pub avg_power: Option<u16>,
}

/// A `lap` message.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FitLap {
    /// Raw FIT `start_time`.
    pub start_time: Option<u32>,
    /// Raw FIT `timestamp` (lap end).
    pub timestamp: Option<u32>,
    /// Seconds.
    pub total_elapsed_time: Option<f64>,
    /// Metres.
    pub total_distance: Option<f64>,
    /// bpm.
    pub avg_heart_rate: Option<u8>,
    /// bpm.
    pub max_heart_rate: Option<u8>,
}

/// A `record` message (one sample).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FitRecord {
    /// Raw FIT time (explicit or from a compressed-timestamp header).
    pub timestamp: Option<u32>,
    /// Degrees.
    pub lat: Option<f64>,
    /// Degrees.
    pub lon: Option<f64>,
    /// Metres (enhanced altitude preferred).
    pub altitude: Option<f64>,
    /// bpm.
    pub heart_rate: Option<u8>,
    /// As reported.
    pub cadence: Option<u8>,
    /// Cumulative metres.
    pub distance: Option<f64>,
    /// m/s (enhanced speed preferred).
    pub speed: Option<f64>,
    /// Watts.
    pub power: Option<u16>,
}

/// Running state of the old compressed speed/distance field (12-bit wrapping distance).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompressedDistance {
    /// Last raw 12-bit value seen.
    pub last: Option<u16>,
    /// Accumulated metres.
    pub total: f64,
}

/// What a FIT decoder found, before mapping to keel's domain.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FitContent {
    /// Number of FIT files in the stream (chained files count each).
    pub n_files: usize,
    /// `file_id.type` of each file (4 = activity).
    pub file_types: Vec<Option<u8>>,
    /// First `file_id.time_created`.
    pub time_created: Option<u32>,
    /// Sessions in file order.
    pub sessions: Vec<FitSession>,
    /// Laps in file order.
    pub laps: Vec<FitLap>,
    /// Records in file order.
    pub records: Vec<FitRecord>,
    /// `sport` messages: (sport, sub_sport).
    pub sports: Vec<(Option<u8>, Option<u8>)>,
    /// Decoder state for compressed speed/distance.
    pub compressed_distance: CompressedDistance,
    /// Damage met while decoding, in words (empty for a clean file).
    pub problems: Vec<String>,
    /// Bytes that could not be decoded.
    pub bytes_lost: u64,
}

/// The FIT `file` enum name, for "not an activity" messages.
pub fn file_type_name(t: u8) -> String {
    match t {
        1 => "device".into(),
        2 => "settings".into(),
        3 => "sport".into(),
        4 => "activity".into(),
        5 => "workout".into(),
        6 => "course".into(),
        7 => "schedules".into(),
        9 => "weight".into(),
        10 => "totals".into(),
        11 => "goals".into(),
        14 => "blood_pressure".into(),
        15 => "monitoring_a".into(),
        20 => "activity_summary".into(),
        28 => "monitoring_daily".into(),
        32 => "monitoring_b".into(),
        34 => "segment".into(),
        35 => "segment_list".into(),
        40 => "exd_configuration".into(),
        n => format!("#{n}"),
    }
}

/// Maps FIT `sport`/`sub_sport` to keel's [`Sport`]. Unknown values map to `Other`.
pub fn sport_from_fit(sport: Option<u8>, sub_sport: Option<u8>) -> Sport {
    match (sport, sub_sport) {
        (Some(1), Some(1)) | (Some(4), Some(1)) => Sport::Treadmill,
        (Some(1), Some(3)) => Sport::TrailRun,
        (Some(1), _) => Sport::Run,
        (Some(11), _) | (Some(17), _) => Sport::Walk,
        (Some(2), _) | (Some(21), _) => Sport::Ride,
        (Some(5), _) => Sport::Swim,
        (Some(10), Some(20)) | (Some(4), Some(20)) => Sport::Strength,
        _ => Sport::Other,
    }
}

fn to_timestamp(fit: u32, what: &str) -> Result<Timestamp, ImportError> {
    if fit < FIT_MIN_ABSOLUTE {
        return Err(ImportError::not_activity(format!(
            "FIT {what} is device-relative ({fit} s since the device powered on) and the file has no absolute time to anchor it: cannot place the activity in the calendar"
        )));
    }
    Timestamp::from_second(i64::from(fit) + FIT_EPOCH_OFFSET).map_err(|e| ImportError::Corrupt {
        format: "FIT",
        offset: 0,
        message: format!("{what} {fit} is out of range: {e}"),
    })
}

/// Decodes FIT bytes with keel's decoder and maps them to activities.
pub fn decode_fit(bytes: &[u8], source: &str) -> Result<Vec<Activity>, ImportError> {
    decode_fit_with(&KeelFitDecoder, bytes, source)
}

/// Decodes FIT bytes with any [`FitDecoder`] and maps them to activities.
pub fn decode_fit_with(
    decoder: &dyn FitDecoder,
    bytes: &[u8],
    source: &str,
) -> Result<Vec<Activity>, ImportError> {
    let content = decoder.decode(bytes)?;
    activities(&content, source)
}

/// Maps decoded FIT content to activities: one per session, or one from the records when
/// the file has no session message (a recording cut before the device wrote its summary).
pub fn activities(c: &FitContent, source: &str) -> Result<Vec<Activity>, ImportError> {
    let known: Vec<u8> = c.file_types.iter().flatten().copied().collect();
    if !known.is_empty() && !known.contains(&4) {
        return Err(ImportError::not_activity(format!(
            "FIT file of type `{}`, not an activity",
            file_type_name(known[0])
        )));
    }
    if c.sessions.is_empty() && c.records.is_empty() {
        return Err(ImportError::not_activity(
            "FIT file has neither sessions nor records: nothing to import",
        ));
    }
    let partial = if c.problems.is_empty() {
        None
    } else {
        Some(c.problems.join("; "))
    };
    // Chained copies of the same activity repeat their session: keep one of each.
    let mut sessions: Vec<&FitSession> = Vec::new();
    for s in c
        .sessions
        .iter()
        .filter(|s| s.start_time.or(s.timestamp).is_some())
    {
        if !sessions.contains(&s) {
            sessions.push(s);
        }
    }
    if sessions.is_empty() {
        return from_records(c, source, partial).map(|a| vec![a]);
    }
    // Session spans in raw FIT seconds: [start, next session's start).
    let mut starts: Vec<u32> = sessions
        .iter()
        .map(|s| {
            s.start_time.unwrap_or_else(|| {
                let end = s.timestamp.unwrap_or(0);
                end.saturating_sub(s.total_elapsed_time.unwrap_or(0.0) as u32)
            })
        })
        .collect();
    let mut order: Vec<usize> = (0..sessions.len()).collect();
    order.sort_by_key(|&i| starts[i]);
    let sessions: Vec<&FitSession> = order.iter().map(|&i| sessions[i]).collect();
    starts.sort_unstable();
    let mut buckets: Vec<Vec<&FitRecord>> = vec![Vec::new(); sessions.len()];
    for r in &c.records {
        let Some(t) = r.timestamp else { continue };
        let i = starts.partition_point(|&s| s <= t).saturating_sub(1);
        buckets[i].push(r);
    }
    let mut out = Vec::with_capacity(sessions.len());
    for (i, s) in sessions.iter().enumerate() {
        let start_raw = starts[i];
        let start = to_timestamp(start_raw, "session start time")?;
        let recs = &buckets[i];
        let samples = samples(recs, start_raw);
        let last_t = samples.last().map(|s| s.t).unwrap_or(0.0);
        let elapsed = s
            .total_elapsed_time
            .or_else(|| s.timestamp.map(|e| f64::from(e.saturating_sub(start_raw))))
            .unwrap_or(last_t);
        let end_raw = start_raw.saturating_add(elapsed.ceil() as u32);
        let laps = c
            .laps
            .iter()
            .filter(|l| {
                l.start_time
                    .is_some_and(|t| t >= start_raw && (t < end_raw || i + 1 == sessions.len()))
            })
            .filter_map(lap)
            .collect();
        let distance = s
            .total_distance
            .or_else(|| recs.iter().rev().find_map(|r| r.distance));
        out.push(Activity {
            source: source.to_string(),
            sport: sport_from_fit(s.sport, s.sub_sport),
            name: None,
            start,
            elapsed_s: elapsed.max(0.0),
            moving_s: s.total_timer_time,
            distance_m: distance,
            elevation_gain_m: s.total_ascent,
            avg_hr: s.avg_heart_rate.map(u16::from).or_else(|| avg_hr(recs)),
            max_hr: s.max_heart_rate.map(u16::from).or_else(|| {
                recs.iter()
                    .filter_map(|r| r.heart_rate)
                    .max()
                    .map(u16::from)
            }),
            avg_cadence: s.avg_cadence.map(u16::from),
            avg_power_w: s.avg_power,
            rpe: None,
            run_type: None,
            samples,
            laps,
            partial: partial.clone(),
        });
    }
    Ok(out)
}

fn lap(l: &FitLap) -> Option<Lap> {
    let start = to_timestamp(l.start_time?, "lap start").ok()?;
    Some(Lap {
        start,
        elapsed_s: l.total_elapsed_time.unwrap_or(0.0),
        distance_m: l.total_distance,
        avg_hr: l.avg_heart_rate.map(u16::from),
        max_hr: l.max_heart_rate.map(u16::from),
    })
}

fn avg_hr(recs: &[&FitRecord]) -> Option<u16> {
    let (sum, n) = recs
        .iter()
        .filter_map(|r| r.heart_rate)
        .fold((0u64, 0u64), |(s, n), h| (s + u64::from(h), n + 1));
    (n > 0).then(|| (sum as f64 / n as f64).round() as u16)
}

/// One sample per record; records sharing a timestamp (some writers split position and
/// distance into separate record messages, chained copies repeat them) merge into one.
fn samples(recs: &[&FitRecord], start_raw: u32) -> Vec<Sample> {
    let mut all: Vec<Sample> = raw_samples(recs, start_raw).collect();
    // Records come in time order but for rare writers: sort only those.
    if !all.is_sorted_by(|a, b| a.t.total_cmp(&b.t).is_le()) {
        all.sort_by(|a, b| a.t.total_cmp(&b.t));
    }
    all.dedup_by(|s, last| {
        if last.t != s.t {
            return false;
        }
        macro_rules! fill {
            ($($f:ident),*) => { $( if last.$f.is_none() { last.$f = s.$f; } )* };
        }
        fill!(distance_m, hr, speed_mps, altitude_m, cadence, power_w, lat, lon);
        true
    });
    all
}

fn raw_samples<'a>(recs: &'a [&'a FitRecord], start_raw: u32) -> impl Iterator<Item = Sample> + 'a {
    recs.iter().filter_map(move |r| {
        let t = r.timestamp?;
        Some(Sample {
            t: f64::from(t) - f64::from(start_raw),
            distance_m: r.distance,
            hr: r.heart_rate.map(u16::from),
            speed_mps: r.speed,
            altitude_m: r.altitude,
            cadence: r.cadence.map(u16::from),
            power_w: r.power,
            lat: r.lat,
            lon: r.lon,
        })
    })
}

fn from_records(
    c: &FitContent,
    source: &str,
    partial: Option<String>,
) -> Result<Activity, ImportError> {
    let recs: Vec<&FitRecord> = c.records.iter().filter(|r| r.timestamp.is_some()).collect();
    let (Some(first), Some(last)) = (
        recs.first().and_then(|r| r.timestamp),
        recs.last().and_then(|r| r.timestamp),
    ) else {
        return Err(ImportError::not_activity(format!(
            "FIT activity has no session and none of its {} records has a timestamp: cannot tell when it happened",
            c.records.len()
        )));
    };
    let start = to_timestamp(first, "first record time")?;
    let (sp, sub) = c.sports.first().copied().unwrap_or((None, None));
    let samples = samples(&recs, first);
    let partial = Some(match partial {
        Some(p) => format!("{p}; no session summary, totals computed from records"),
        None => "no session summary, totals computed from records".to_string(),
    });
    Ok(Activity {
        source: source.to_string(),
        sport: sport_from_fit(sp, sub),
        name: None,
        start,
        elapsed_s: f64::from(last.saturating_sub(first)),
        moving_s: None,
        distance_m: recs.iter().rev().find_map(|r| r.distance),
        elevation_gain_m: None,
        avg_hr: avg_hr(&recs),
        max_hr: recs
            .iter()
            .filter_map(|r| r.heart_rate)
            .max()
            .map(u16::from),
        avg_cadence: None,
        avg_power_w: None,
        rpe: None,
        run_type: None,
        samples,
        laps: c.laps.iter().filter_map(lap).collect(),
        partial,
    })
}
