-- The transactional outbox: events are written here in the same transaction as the state change
-- and published to Kafka by the relay. A row with a null payload is a tombstone (compacted topics).
CREATE TABLE outbox (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     UUID        NOT NULL,
    topic        TEXT        NOT NULL,
    message_key  TEXT        NOT NULL,
    event_type   TEXT,
    payload      TEXT,
    headers      JSONB       NOT NULL DEFAULT '{}'::jsonb,
    occurred_at  TIMESTAMPTZ NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_at   TIMESTAMPTZ,
    claimed_by   TEXT,
    attempts     INT         NOT NULL DEFAULT 0,
    last_error   TEXT,
    sent_at      TIMESTAMPTZ
);

-- what the relay claims, oldest first
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
-- the per-key ordering check: is an earlier event of this key still unsent?
CREATE INDEX outbox_unsent_by_key ON outbox (message_key, id) WHERE sent_at IS NULL;
-- the purge of published rows
CREATE INDEX outbox_sent ON outbox (sent_at) WHERE sent_at IS NOT NULL;
