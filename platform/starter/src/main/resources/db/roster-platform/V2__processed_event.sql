-- The inbox: every event a consumer has applied, recorded in the same transaction as its effect,
-- so that a redelivered event changes nothing.
CREATE TABLE processed_event (
    consumer      TEXT        NOT NULL,
    event_id      UUID        NOT NULL,
    processed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE INDEX processed_event_age ON processed_event (processed_at);
