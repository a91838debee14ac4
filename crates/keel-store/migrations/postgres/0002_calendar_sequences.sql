-- keel schema, version 2 (PostgreSQL): what the calendar export last wrote per event and
-- athlete, so a changed session gets a higher SEQUENCE.
CREATE TABLE calendar_events (
    athlete_id    bigint      NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    uid           text        NOT NULL,
    content_hash  text        NOT NULL,
    sequence      bigint      NOT NULL CHECK (sequence >= 0),
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (athlete_id, uid)
);
