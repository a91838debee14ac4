-- keel schema, version 1.
-- Times are UTC unix milliseconds (INTEGER) so ranges and the 60 s duplicate window are plain
-- integer comparisons; calendar dates are ISO 'YYYY-MM-DD' text, which sorts correctly.

-- The athlete profile: every `keel profile set` adds a row; the latest one is in force.
CREATE TABLE profiles (
    id          INTEGER PRIMARY KEY,
    source      TEXT    NOT NULL,           -- file name it was read from
    toml        TEXT    NOT NULL,           -- the TOML text as given
    set_at_ms   INTEGER NOT NULL
);
CREATE INDEX profiles_set_at ON profiles (set_at_ms, id);

-- One row per file that reached the importer, whatever happened to it.
CREATE TABLE imported_files (
    id            INTEGER PRIMARY KEY,
    path          TEXT    NOT NULL,         -- as given, or `export.zip!activities/1.fit.gz`
    name          TEXT    NOT NULL,         -- file name only
    content_hash  TEXT    NOT NULL,
    size          INTEGER,
    format        TEXT    NOT NULL,         -- fit, gpx, tcx, strong-csv, hevy-csv, ...
    result        TEXT    NOT NULL CHECK (result IN ('imported', 'partial', 'duplicate', 'rejected')),
    detail        TEXT,                     -- rejection reason or what a partial file lost
    activities    INTEGER NOT NULL DEFAULT 0,
    workouts      INTEGER NOT NULL DEFAULT 0,
    imported_at_ms INTEGER NOT NULL
);
CREATE INDEX imported_files_hash ON imported_files (content_hash);

CREATE TABLE activities (
    id               INTEGER PRIMARY KEY,
    file_id          INTEGER REFERENCES imported_files (id) ON DELETE SET NULL,
    source           TEXT    NOT NULL,      -- file name, `manual`, or `strava:<file>`
    content_hash     TEXT,                  -- hash of the source file, none when logged by hand
    sport            TEXT    NOT NULL,
    name             TEXT,
    start_ms         INTEGER NOT NULL,
    elapsed_s        REAL    NOT NULL CHECK (elapsed_s >= 0),
    moving_s         REAL,
    distance_m       REAL,
    elevation_gain_m REAL,
    avg_hr           INTEGER,
    max_hr           INTEGER,
    avg_cadence      INTEGER,
    avg_power_w      INTEGER,
    rpe              REAL,
    run_type         TEXT,
    partial          TEXT,                  -- what was lost when the file was damaged
    sample_count     INTEGER NOT NULL DEFAULT 0,
    richness         INTEGER NOT NULL DEFAULT 0, -- decides which copy of a duplicate wins
    created_at_ms    INTEGER NOT NULL
);
CREATE INDEX activities_start ON activities (start_ms);
CREATE INDEX activities_hash ON activities (content_hash);

-- Samples live apart so listing activities never reads them. Format: see samples.rs.
CREATE TABLE activity_samples (
    activity_id INTEGER PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
    format      INTEGER NOT NULL,
    data        BLOB    NOT NULL
);

CREATE TABLE laps (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start_ms    INTEGER NOT NULL,
    elapsed_s   REAL    NOT NULL,
    distance_m  REAL,
    avg_hr      INTEGER,
    max_hr      INTEGER,
    PRIMARY KEY (activity_id, idx)
) WITHOUT ROWID;

CREATE TABLE strength_workouts (
    id            INTEGER PRIMARY KEY,
    file_id       INTEGER REFERENCES imported_files (id) ON DELETE SET NULL,
    source        TEXT    NOT NULL,         -- file name or `manual`
    date          TEXT    NOT NULL,         -- local date
    start_ms      INTEGER,
    name          TEXT    NOT NULL,
    duration_s    REAL,
    rpe           REAL,
    notes         TEXT,
    created_at_ms INTEGER NOT NULL
);
CREATE INDEX strength_workouts_date ON strength_workouts (date, start_ms);

CREATE TABLE strength_sets (
    workout_id  INTEGER NOT NULL REFERENCES strength_workouts (id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL CHECK (ord >= 1),
    exercise    TEXT    NOT NULL,           -- library id when recognised, else as imported
    weight_kg   REAL,
    reps        INTEGER CHECK (reps >= 0),
    rpe         REAL,
    rir         REAL,
    set_type    TEXT    NOT NULL,
    duration_s  REAL,
    PRIMARY KEY (workout_id, ord)
) WITHOUT ROWID;
CREATE INDEX strength_sets_exercise ON strength_sets (exercise);

-- One check-in per local date; a second one the same day replaces the first.
CREATE TABLE checkins (
    date           TEXT PRIMARY KEY,
    sleep_h        REAL CHECK (sleep_h BETWEEN 0 AND 24),
    sleep_quality  INTEGER CHECK (sleep_quality BETWEEN 1 AND 5),
    fatigue        INTEGER CHECK (fatigue BETWEEN 1 AND 5),
    soreness_legs  INTEGER CHECK (soreness_legs BETWEEN 1 AND 5),
    soreness_upper INTEGER CHECK (soreness_upper BETWEEN 1 AND 5),
    mood           INTEGER CHECK (mood BETWEEN 1 AND 5),
    stress         INTEGER CHECK (stress BETWEEN 1 AND 5),
    motivation     INTEGER CHECK (motivation BETWEEN 1 AND 5),
    ill            INTEGER NOT NULL DEFAULT 0 CHECK (ill IN (0, 1)),
    note           TEXT,
    recorded_at_ms INTEGER NOT NULL
);

-- Plan adjustments from the adaptation rules; cleared ones stay for history (active = 0).
CREATE TABLE adjustments (
    id             INTEGER PRIMARY KEY,
    date           TEXT    NOT NULL,        -- the plan day it changes
    rule           TEXT    NOT NULL,        -- rule id from the rule book
    kind           TEXT    NOT NULL,        -- e.g. drop-to-mobility, one-set-fewer
    text           TEXT    NOT NULL,        -- the reason, as shown to the runner
    detail         TEXT,                    -- optional JSON for the planner
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at_ms  INTEGER NOT NULL,
    cleared_at_ms  INTEGER,
    UNIQUE (date, rule, kind)
);
CREATE INDEX adjustments_active ON adjustments (active, date);
