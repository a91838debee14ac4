-- keel schema, version 6 (PostgreSQL): each strength workout keeps the tally of its sets that
-- its load needs (working, light and rated sets, the compensated sum of the rated sets'
-- RPEs, as keel_core::load::SetTally counts them), written with its sets, so the load series
-- reads one row a workout and never the sets. The program fills these in for the workouts
-- already stored, in the same transaction as this script.
ALTER TABLE strength_workouts
    ADD COLUMN working_sets integer NOT NULL DEFAULT 0 CHECK (working_sets >= 0),
    ADD COLUMN light_sets   integer NOT NULL DEFAULT 0 CHECK (light_sets >= 0),
    ADD COLUMN rated_sets   integer NOT NULL DEFAULT 0 CHECK (rated_sets >= 0),
    ADD COLUMN rpe_sum      double precision NOT NULL DEFAULT 0;
