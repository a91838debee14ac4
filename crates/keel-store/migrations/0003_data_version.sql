-- keel schema, version 3: a counter every write transaction bumps (in the same
-- transaction), so readers in any process can tell in one row read whether anything
-- changed since they computed a plan, an adaptation or a load series.
CREATE TABLE data_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 0);

