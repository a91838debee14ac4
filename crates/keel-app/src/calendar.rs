//! The plan as iCalendar, with SEQUENCE numbers kept in the training log so that calendar
//! apps see a changed session as an update of the same event.

use keel_export::ics::{IcsOptions, SequenceRecord};
use keel_store::{CalendarRecord, Store};

use crate::AppError;

/// Fills `opts.known` from the calendar records in the store (none without a store: every
/// event then starts at SEQUENCE 0).
pub fn known_records(store: Option<&impl Store>, opts: &mut IcsOptions) -> Result<(), AppError> {
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

/// Keeps the SEQUENCE records of a written calendar for the next export. Nothing is
/// written when every record is already known with the same hash and sequence (`known`
/// from [`known_records`]), so exporting an unchanged plan leaves the log untouched.
pub fn save_records(
    store: &mut impl Store,
    known: &std::collections::BTreeMap<String, SequenceRecord>,
    records: &[SequenceRecord],
) -> Result<(), AppError> {
    let unchanged = records.iter().all(|r| {
        known
            .get(&r.uid)
            .is_some_and(|k| k.content_hash == r.content_hash && k.sequence == r.sequence)
    });
    if unchanged {
        return Ok(());
    }
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
