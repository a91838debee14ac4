-- keel schema, version 8 (SQLite): results derived from the log, kept between runs with the
-- data version they were computed at (a cache: deleting a row only costs a recomputation).
-- Writing one never changes the data version.
CREATE TABLE IF NOT EXISTS kept_results (
    name     TEXT    PRIMARY KEY,
    version  INTEGER NOT NULL,
    body     BLOB    NOT NULL
);
