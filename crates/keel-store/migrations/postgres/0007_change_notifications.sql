-- keel schema, version 7 (PostgreSQL only): every change a server may have kept a page or a
-- session for is announced on the `keel_changes` channel (LISTEN/NOTIFY), whichever process
-- made it (a server, `keel coach replan`, `keel import --database`): the payload is
-- `schema.table` (several keel databases may share one PostgreSQL database in schemas of
-- their own). One notification a statement; PostgreSQL folds identical ones within a
-- transaction and delivers them at commit, to listeners only (no cost without one).
-- Written so that running it again (a database rewound by hand) replaces what it made.
CREATE OR REPLACE FUNCTION keel_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('keel_changes', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME);
    RETURN NULL;
END
$$;
-- A log changed (every write of an athlete's log bumps its row).
DROP TRIGGER IF EXISTS data_version_announce ON data_version;
CREATE TRIGGER data_version_announce AFTER INSERT OR UPDATE OR DELETE ON data_version
    FOR EACH STATEMENT EXECUTE FUNCTION keel_announce_change();
-- An athlete was added, renamed, got a login or went.
DROP TRIGGER IF EXISTS athletes_announce ON athletes;
CREATE TRIGGER athletes_announce AFTER INSERT OR UPDATE OR DELETE ON athletes
    FOR EACH STATEMENT EXECUTE FUNCTION keel_announce_change();
-- A coach gained or lost an athlete.
DROP TRIGGER IF EXISTS coach_athletes_announce ON coach_athletes;
CREATE TRIGGER coach_athletes_announce AFTER INSERT OR UPDATE OR DELETE ON coach_athletes
    FOR EACH STATEMENT EXECUTE FUNCTION keel_announce_change();
-- A session was revoked or removed (a new one needs no announcement).
DROP TRIGGER IF EXISTS sessions_announce ON sessions;
CREATE TRIGGER sessions_announce AFTER UPDATE OR DELETE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION keel_announce_change();
-- A user's password, email or role changed, or the user went.
DROP TRIGGER IF EXISTS users_announce ON users;
CREATE TRIGGER users_announce AFTER UPDATE OR DELETE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION keel_announce_change();
