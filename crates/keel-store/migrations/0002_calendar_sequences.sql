-- keel schema, version 2: what the calendar export last wrote per event, so a changed
-- session gets a higher SEQUENCE and calendars update it instead of keeping a stale copy.
CREATE TABLE calendar_events (
    uid           TEXT    PRIMARY KEY,      -- `<hash>@keel`, stable per athlete, date, session
    content_hash  TEXT    NOT NULL,         -- hash of the event's summary, description, times
    sequence      INTEGER NOT NULL CHECK (sequence >= 0),
    updated_at_ms INTEGER NOT NULL
);
