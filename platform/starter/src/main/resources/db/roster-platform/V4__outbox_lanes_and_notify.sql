-- Relays claim per lane (priority topics such as the access topic apart from the rest) and keep events in
-- order per topic and key, not per key across topics. Unsent rows by topic serve both: a lane's claim of a few
-- priority rows behind a backlog of others, and the check for an earlier unsent row of the same topic and key.
-- It replaces the index by key alone, which that check no longer needs.
CREATE INDEX outbox_unsent_by_topic ON outbox (topic, id) WHERE sent_at IS NULL;
DROP INDEX outbox_unsent_by_key;

-- Wake the relays when events are recorded, instead of having them poll: one notification per statement,
-- and PostgreSQL delivers identical notifications of one transaction once, at commit (none on rollback).
CREATE FUNCTION roster_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('roster_outbox', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_recorded AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION roster_outbox_notify();
