-- What the starter's tests apply from consumed events, to count effects.
CREATE TABLE applied_effect (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id  UUID NOT NULL,
    subject   TEXT NOT NULL
);
