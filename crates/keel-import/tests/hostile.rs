//! Reproductions of hostile inputs (issue 9): each one once took keel down or lost data
//! without a word; each must now be refused or kept, and said.

use std::io::{Cursor, Read, Write};

use keel_import::{decode, read_plain, Decoded, ErrorKind, ZipReader};
use zip::write::SimpleFileOptions;

mod common;

const GPX_POINTS: &str = r#"<trkpt lat="46.0" lon="14.0"><time>2024-05-01T06:00:00Z</time></trkpt>
<trkpt lat="46.001" lon="14.0"><time>2024-05-01T06:01:00Z</time></trkpt>"#;

fn gpx(points: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>{points}</trkseg></trk></gpx>"#
    )
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("gz");
    e.finish().expect("gz")
}

/// A reader that counts what is pulled from it.
struct Counting<R> {
    inner: R,
    n: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.n += n as u64;
        Ok(n)
    }
}

/// Defect 1: one 100 kB entity referenced 20,000 times (a 160 kB file) once expanded to
/// gigabytes. A DTD is now refused at once, naming the file and the limit.
#[test]
fn entity_expansion_is_refused_naming_the_file_and_the_limit() {
    let entity = "x".repeat(100_000);
    let refs = "&e;".repeat(20_000);
    for (name, doc) in [
        (
            "laughs.gpx",
            format!(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [<!ENTITY e \"{entity}\">]>\n<gpx><trk><name>{refs}</name></trk></gpx>"
            ),
        ),
        (
            "laughs.tcx",
            format!(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE TrainingCenterDatabase [<!ENTITY e \"{entity}\">]>\n<TrainingCenterDatabase><Activities><Activity><Notes>{refs}</Notes></Activity></Activities></TrainingCenterDatabase>"
            ),
        ),
    ] {
        assert!(doc.len() < 200_000, "{name}: a small file");
        let e = decode(name, doc.as_bytes()).expect_err(name);
        assert_eq!(e.kind(), ErrorKind::XmlRefused, "{name}: {e}");
        let msg = e.to_string();
        assert!(msg.contains(name), "{msg}");
        assert!(msg.contains("the limit is no DTD"), "{msg}");
    }
}

/// Defect 8: `2023-02-31` once read as 3 March, and the file imported without a word.
#[test]
fn impossible_dates_do_not_import_as_other_days() {
    let bad = GPX_POINTS.replace("2024-05-01", "2023-02-31");
    let e = decode("feb31.gpx", gpx(&bad).as_bytes()).expect_err("no valid time");
    assert_eq!(e.kind(), ErrorKind::NotAnActivity, "{e}");
    assert!(e.to_string().contains("none has a time"), "{e}");
    assert!(matches!(
        decode("ok.gpx", gpx(GPX_POINTS).as_bytes()),
        Ok(Decoded::Activities(_))
    ));
}

fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    // The zip crate refuses to write a repeated name; build each entry alone and join
    // them by hand the way a hostile tool would, with one central directory.
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, bytes) in entries {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file(
            *name,
            SimpleFileOptions::default().compression_method(method),
        )
        .expect("start");
        w.write_all(bytes).expect("write");
        let one = w.finish().expect("finish").into_inner();
        let arch = zip::ZipArchive::new(Cursor::new(one.clone())).expect("reopen");
        let cd = arch.central_directory_start() as usize;
        let local = out.len() as u32;
        out.extend_from_slice(&one[..cd]);
        // The central record, its local header offset moved to where the entry now sits.
        let mut rec = one[cd..].to_vec();
        let rec_len = 46
            + usize::from(u16::from_le_bytes([rec[28], rec[29]]))
            + usize::from(u16::from_le_bytes([rec[30], rec[31]]))
            + usize::from(u16::from_le_bytes([rec[32], rec[33]]));
        rec.truncate(rec_len);
        rec[42..46].copy_from_slice(&local.to_le_bytes());
        central.extend_from_slice(&rec);
    }
    let cd_start = out.len() as u32;
    out.extend_from_slice(&central);
    let n = entries.len() as u16;
    out.extend_from_slice(&[0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0]);
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_start.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

/// Defect 9: of two entries with the same name, the first once vanished uncounted.
#[test]
fn entries_sharing_a_name_are_all_read_and_counted() {
    let first = gpx(GPX_POINTS);
    let second = gpx(&GPX_POINTS.replace("2024-05-01", "2024-06-01"));
    for method in [
        zip::CompressionMethod::Stored,
        zip::CompressionMethod::Deflated,
    ] {
        let bytes = zip_of(
            &[
                ("export/a.gpx", first.as_bytes()),
                ("export/b.txt", b"notes"),
                ("export/a.gpx", second.as_bytes()),
            ],
            method,
        );
        let mut zip = ZipReader::new(Cursor::new(bytes)).expect("open");
        assert_eq!(zip.len(), 3, "every entry counted");
        let mut seen = Vec::new();
        while let Some(e) = zip.next_entry() {
            let (name, dup) = (e.name.clone(), e.duplicate);
            let b = e.bytes().expect("readable");
            let Ok(Decoded::Activities(a)) = decode(&name, &b) else {
                panic!("{name}: an activity")
            };
            seen.push((
                name,
                dup.map(|d| (d.occurrence, d.of)),
                a[0].start.to_string(),
            ));
        }
        assert_eq!(zip.skipped(), 1, "the text file");
        assert_eq!(
            seen,
            vec![
                (
                    "export/a.gpx".to_string(),
                    None,
                    "2024-06-01T06:00:00Z".to_string()
                ),
                (
                    "export/a.gpx".to_string(),
                    Some((1, 2)),
                    "2024-05-01T06:00:00Z".to_string()
                ),
            ],
            "{method:?}"
        );
    }
}

/// Defect 9: one bad cell in a 7,210-set Hevy export once rejected all 335 workouts.
#[test]
fn one_bad_cell_skips_one_row_of_a_large_hevy_export() {
    let Some(dir) = common::shared_activity_files() else {
        eprintln!("SKIPPED: shared data absent");
        return;
    };
    let text = std::fs::read_to_string(dir.join("strong-statistics/data_sample/sample_hevy.csv"))
        .expect("hevy sample");
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("csv")).collect();
    let reps = records[0]
        .iter()
        .position(|h| h == "reps")
        .expect("reps column");
    // Row 5,000 of the file (the header is row 1): its reps cell.
    let mut row: Vec<String> = records[4999].iter().map(str::to_string).collect();
    row[reps] = "twelve".into();
    records[4999] = csv::StringRecord::from(row);
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in &records {
        w.write_record(r).expect("write");
    }
    let bad = w.into_inner().expect("csv");
    let parsed = keel_import::strength::parse_hevy(&bad, "hevy.csv").expect("kept");
    let sets: usize = parsed.rows.iter().map(|w| w.sets.len()).sum();
    assert_eq!(parsed.rows.len(), 335, "every workout kept");
    assert_eq!(sets, 7211 - 1, "every set but the bad one");
    assert_eq!(parsed.skipped.len(), 1);
    let s = &parsed.skipped[0];
    assert_eq!(
        (s.row, s.column.as_str(), s.value.as_str()),
        (5000, "reps", "twelve")
    );
    assert!(s.to_string().contains("row 5000"), "{s}");
}

/// Defect 2: a gzip bomb of zeros named `.fit` is refused after its first kilobytes,
/// without decompressing the rest (the compressed stream is barely read).
#[test]
fn a_gzip_bomb_is_refused_from_its_head() {
    let bomb = gz(&vec![0u8; 64 * 1024 * 1024]);
    let mut r = Counting {
        inner: &bomb[..],
        n: 0,
    };
    let e = read_plain("bomb.fit.gz", &mut r, keel_import::DEFAULT_ENTRY_LIMIT).expect_err("bomb");
    assert_eq!(e.kind(), ErrorKind::Corrupt, "{e}");
    assert!(
        r.n < bomb.len() as u64 / 4,
        "read {} of {} compressed bytes",
        r.n,
        bomb.len()
    );
    // A zip entry of zeros: the same.
    let zip = zip_of(
        &[("activities/bomb.fit", &vec![0u8; 64 * 1024 * 1024])],
        zip::CompressionMethod::Deflated,
    );
    let size = zip.len() as u64;
    let mut counting = Counting {
        inner: Cursor::new(zip),
        n: 0,
    };
    {
        let mut reader =
            ZipReader::new(std::io::BufReader::new(SeekCounting(&mut counting))).expect("open");
        let entry = reader.next_entry().expect("one entry");
        let name = entry.name.clone();
        let e = read_plain(&name, entry.reader.expect("readable"), u64::MAX).expect_err("zeros");
        assert_eq!(e.kind(), ErrorKind::Corrupt, "{e}");
    }
    assert!(counting.n < size / 2, "read {} of {size} bytes", counting.n);
}

/// `Read + Seek` over a counting cursor.
struct SeekCounting<'a>(&'a mut Counting<Cursor<Vec<u8>>>);

impl Read for SeekCounting<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf)
    }
}

impl std::io::Seek for SeekCounting<'_> {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        self.0.inner.seek(pos)
    }
}

/// Defect 4 at the library's level: the cap counts bytes actually read, so an endless
/// source stops at the limit.
#[test]
fn the_cap_counts_bytes_read_not_declared_sizes() {
    let endless = std::io::repeat(b' ');
    let e = read_plain("endless.gpx", endless, 1024 * 1024).expect_err("too large");
    assert_eq!(e.kind(), ErrorKind::TooLarge, "{e}");
    let e = read_plain(
        "endless.gpx",
        std::io::Cursor::new(b"<gpx>".to_vec()).chain(std::io::repeat(b' ')),
        1024 * 1024,
    )
    .expect_err("too large");
    assert_eq!(e.kind(), ErrorKind::TooLarge, "{e}");
}

/// Found by fuzzing the CSV readers: with lines ended by a bare carriage return the CSV
/// reader counts no lines, and every skipped row once said "row 1". Rows count records too.
#[test]
fn rows_are_numbered_in_files_with_carriage_return_line_ends() {
    let csv = "Date,Workout Name,Exercise Name,Set Order,Weight,Reps\r2024-11-28 17:36:08,B,Row,1,10,13\r2024-11-28 17:36:08,B,Row,2,ten,13\r";
    let parsed = keel_import::strength::parse_strong(csv.as_bytes(), "cr.csv").expect("kept");
    assert_eq!(parsed.rows.len(), 1);
    assert_eq!(parsed.skipped.len(), 1);
    assert_eq!(parsed.skipped[0].row, 3, "{}", parsed.skipped[0]);
}
