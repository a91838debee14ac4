-- keel schema, version 8 (PostgreSQL): results derived from an athlete's log, kept with the
-- data version they were computed at. Coach mode keeps its derived results in the server's
-- memory and does not use this table yet; it is here so both backends hold the same tables.
CREATE TABLE IF NOT EXISTS kept_results (
    athlete_id  bigint NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    name        text   NOT NULL,
    version     bigint NOT NULL,
    body        bytea  NOT NULL,
    PRIMARY KEY (athlete_id, name)
);
