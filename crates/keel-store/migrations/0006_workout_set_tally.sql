-- keel schema, version 6: each strength workout keeps the tally of its sets that its load
-- needs (working, light and rated sets, the compensated sum of the rated sets' RPEs, as
-- keel_core::load::SetTally counts them), written with its sets, so the load series reads
-- one row a workout and never the sets. The program fills these in for the workouts
-- already stored, in the same transaction as this script.
ALTER TABLE strength_workouts ADD COLUMN working_sets INTEGER NOT NULL DEFAULT 0;
ALTER TABLE strength_workouts ADD COLUMN light_sets INTEGER NOT NULL DEFAULT 0;
ALTER TABLE strength_workouts ADD COLUMN rated_sets INTEGER NOT NULL DEFAULT 0;
ALTER TABLE strength_workouts ADD COLUMN rpe_sum REAL NOT NULL DEFAULT 0;
