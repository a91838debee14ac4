-- keel schema, version 5: the runner's own changes to the plan (swaps and moves) and the
-- marks they put on strength sessions (done, skipped). The plan itself is never stored: it
-- is recomputed from the profile, and these rows are laid over it.
-- A file made by a build that numbered this step 4 (before the server's accounts step took
-- that number) already has these tables: the step is then skipped (see migrations.rs).
CREATE TABLE plan_edits (
    id            INTEGER PRIMARY KEY,
    kind          TEXT    NOT NULL CHECK (kind IN ('swap', 'move')),
    date          TEXT    NOT NULL,         -- swap: first day it applies; move: the planned day
    subject       TEXT    NOT NULL,         -- swap: the planned exercise id; move: the session's focus
    target        TEXT    NOT NULL,         -- swap: the exercise id done instead; move: the new day
    created_at_ms INTEGER NOT NULL,
    UNIQUE (kind, date, subject)
);

-- One mark per day: it applies to that day's strength session(s).
CREATE TABLE session_marks (
    date          TEXT    PRIMARY KEY,      -- the local date of the session
    status        TEXT    NOT NULL CHECK (status IN ('done', 'skipped')),
    note          TEXT,                     -- why, when the runner said
    marked_at_ms  INTEGER NOT NULL
);
