//! gzip and zip containers: safe paths, size caps, streaming.

use std::io::{Cursor, Write};

use keel_import::{decode, Decoded, ErrorKind, ImportError, ZipReader};
use zip::write::SimpleFileOptions;

mod common;

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("gz");
    e.finish().expect("gz")
}

const GPX: &str = r#"<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>
<trkpt lat="46.0" lon="14.0"><time>2024-05-01T06:00:00Z</time></trkpt>
<trkpt lat="46.001" lon="14.0"><time>2024-05-01T06:01:00Z</time></trkpt></trkseg></trk></gpx>"#;

#[test]
fn gzip_detected_by_magic_and_capped() {
    let g = gz(GPX.as_bytes());
    for name in ["run.gpx.gz", "run.gpx", "mystery.bin"] {
        match decode(name, &g) {
            Ok(Decoded::Activities(a)) => {
                assert_eq!(a.len(), 1, "{name}");
                assert_eq!(a[0].source, name);
                assert!((a[0].distance_m.expect("d") - 111.19).abs() < 0.1);
            }
            other => panic!("{name}: {other:?}"),
        }
    }
    let bomb = gz(&vec![0u8; 2 * 1024 * 1024]);
    let e = keel_import::gunzip(&bomb, 1024 * 1024, "bomb.fit.gz").expect_err("cap");
    assert_eq!(e.kind(), ErrorKind::TooLarge);
    insta::assert_snapshot!("gzip_too_large", e.to_string());
    let mut broken = g.clone();
    broken.truncate(g.len() / 2);
    let e = decode("run.gpx.gz", &broken).expect_err("truncated gzip");
    assert_eq!(e.kind(), ErrorKind::Corrupt, "{e}");
}

fn build_zip(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        w.start_file(*name, opts).expect("start");
        w.write_all(bytes).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

#[test]
fn strava_zip_good_evil_and_oversize_entries() {
    let csv = "Activity ID,Activity Date,Activity Name,Activity Type,Filename,Perceived Exertion\n\
7,\"May 1, 2024, 6:00:00 AM\",Morning,Run,activities/7.gpx.gz,6\n";
    let fit = common::shared_activity_files().and_then(|d| {
        std::fs::read(d.join("python-fitparse/tests/files/garmin-fenix-5-run.fit")).ok()
    });
    let mut entries = vec![
        ("export/activities.csv", csv.as_bytes().to_vec()),
        ("export/activities/7.gpx.gz", gz(GPX.as_bytes())),
        ("../evil.gpx", GPX.as_bytes().to_vec()),
        ("/abs/evil.tcx", GPX.as_bytes().to_vec()),
        ("export/activities/huge.gpx", vec![b' '; 3 * 1024 * 1024]),
        ("export/media/photo.jpg", vec![1, 2, 3]),
    ];
    if let Some(f) = &fit {
        entries.push(("export/activities/8.fit", f.clone()));
    }
    let zip = build_zip(&entries);
    let mut reader = ZipReader::new(Cursor::new(zip))
        .expect("open")
        .with_entry_limit(2 * 1024 * 1024);
    let index = reader
        .strava_index()
        .expect("csv")
        .expect("has activities.csv");
    assert_eq!(index.skipped, vec![]);
    let index = index.rows;
    assert_eq!(index[0].rpe, Some(6.0));
    let mut activities = Vec::new();
    let mut errors = Vec::new();
    while let Some(entry) = reader.next_entry() {
        let name = entry.name.clone();
        match entry.bytes() {
            Ok(bytes) => match decode(&name, &bytes) {
                Ok(Decoded::Activities(mut a)) => {
                    let file = name.trim_start_matches("export/");
                    if let Some(row) = index.iter().find(|r| r.filename.as_deref() == Some(file)) {
                        a.iter_mut()
                            .for_each(|a| keel_import::attach_strava(a, row));
                    }
                    activities.extend(a);
                }
                Ok(Decoded::StravaIndex(_)) => {}
                other => panic!("{name}: {other:?}"),
            },
            Err(e) => errors.push((name, e)),
        }
    }
    assert_eq!(reader.skipped(), 1, "the photo is never read");
    let kinds: Vec<(&str, ErrorKind)> =
        errors.iter().map(|(n, e)| (n.as_str(), e.kind())).collect();
    assert_eq!(
        kinds,
        vec![
            ("../evil.gpx", ErrorKind::UnsafePath),
            ("/abs/evil.tcx", ErrorKind::UnsafePath),
            ("export/activities/huge.gpx", ErrorKind::TooLarge),
        ]
    );
    let messages: Vec<String> = errors.iter().map(|(_, e)| e.to_string()).collect();
    insta::assert_snapshot!("zip_errors", messages.join("\n"));
    assert_eq!(activities.len(), 1 + usize::from(fit.is_some()));
    assert_eq!(activities[0].name.as_deref(), Some("Morning"));
    assert_eq!(activities[0].rpe, Some(6.0));
}

#[test]
fn not_a_zip() {
    let e = ZipReader::new(Cursor::new(b"PK not really".to_vec()))
        .err()
        .expect("error");
    assert!(matches!(e, ImportError::Zip { .. }), "{e}");
}
