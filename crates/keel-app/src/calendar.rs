//! The plan as iCalendar, with SEQUENCE numbers kept in the training log so that calendar
//! apps see a changed session as an update of the same event.

use keel_export::ics::{IcsOptions, SequenceRecord};
use keel_store::{CalendarRecord, SqliteStore};

use crate::AppError;

/// Fills `opts.known` from the calendar records in the store (none without a store: every
/// event then starts at SEQUENCE 0).
pub fn known_records(store: Option<&SqliteStore>, opts: &mut IcsOptions) -> Result<(), AppError> {
    let Some(s) = store else {
        return Ok(());
    };
    opts.known = s
        .calendar_records()?
        .into_iter()
        .map(|r| {
            (
                r.uid.clone(),
                SequenceRecord {
                    uid: r.uid,
                    content_hash: r.content_hash,
                    sequence: r.sequence,
                },
            )
        })
        .collect();
    Ok(())
}

/// Keeps the SEQUENCE records of a written calendar for the next export.
pub fn save_records(store: &mut SqliteStore, records: &[SequenceRecord]) -> Result<(), AppError> {
    let records: Vec<CalendarRecord> = records
        .iter()
        .map(|r| CalendarRecord {
            uid: r.uid.clone(),
            content_hash: r.content_hash.clone(),
            sequence: r.sequence,
        })
        .collect();
    store.put_calendar_records(&records)?;
    Ok(())
}
