-- keel schema, version 3 (PostgreSQL): a counter per athlete that every write transaction
-- for that athlete bumps (in the same transaction). Writers also lock the athlete's row
-- first, so one athlete's writes run one at a time, as they do on a SQLite file.
CREATE TABLE data_version (
    athlete_id  bigint PRIMARY KEY REFERENCES athletes (id) ON DELETE CASCADE,
    version     bigint NOT NULL DEFAULT 0
);
INSERT INTO data_version (athlete_id, version) SELECT id, 0 FROM athletes;
