//! Memory stays flat while streaming a large zip from a file: resident memory is sampled
//! after each entry and must stay far below the archive's size. Its own test binary, so no
//! other test allocates in the same process meanwhile. Linux only (reads /proc).

use std::io::{Seek, SeekFrom, Write};

use keel_import::ZipReader;
use zip::write::SimpleFileOptions;

fn rss_bytes() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[test]
fn streaming_a_large_zip_keeps_memory_flat() {
    let Some(_) = rss_bytes() else {
        assert!(
            !std::env::var("CI").is_ok_and(|v| v == "true" || v == "1"),
            "CI=true: /proc/self/status is needed to measure memory"
        );
        eprintln!("SKIPPED: no /proc/self/status");
        return;
    };
    const ENTRIES: usize = 48;
    const ENTRY: usize = 1024 * 1024;
    let mut file = tempfile::tempfile().expect("tempfile");
    {
        let mut w = zip::ZipWriter::new(&mut file);
        // Stored, pseudo-random bytes: the archive on disk is as large as its contents.
        let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut buf = vec![0u8; ENTRY];
        for i in 0..ENTRIES {
            for b in buf.iter_mut() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *b = x as u8;
            }
            w.start_file(format!("activities/{i}.fit"), opts)
                .expect("start");
            w.write_all(&buf).expect("write");
        }
        w.finish().expect("finish");
    }
    let archive_size = file.seek(SeekFrom::End(0)).expect("size");
    file.seek(SeekFrom::Start(0)).expect("rewind");
    assert!(archive_size > (ENTRIES * ENTRY) as u64);

    let baseline = rss_bytes().expect("rss");
    let mut peak = baseline;
    let mut n = 0;
    let mut zip = ZipReader::new(file).expect("open");
    while let Some(entry) = zip.next_entry() {
        let bytes = entry.bytes().expect("entry");
        assert_eq!(bytes.len(), ENTRY);
        n += 1;
        drop(bytes);
        peak = peak.max(rss_bytes().expect("rss"));
    }
    assert_eq!(n, ENTRIES);
    let growth = peak.saturating_sub(baseline);
    eprintln!("archive {archive_size} bytes, RSS growth {growth} bytes");
    assert!(
        growth < archive_size / 4,
        "resident memory grew by {growth} bytes while streaming a {archive_size}-byte archive"
    );
}
