-- notification-service: who may be told (the platform's people projection, from roster.users.v1), the in-app notification
-- center, and every delivery (email or in-app) with its outcome, suppressions included.

CREATE TABLE person (
    id              UUID PRIMARY KEY,
    account_id      UUID        NOT NULL,
    status          TEXT        NOT NULL,
    employment_ended_on DATE,
    email           TEXT        NOT NULL,
    first_name      TEXT        NOT NULL,
    last_name       TEXT        NOT NULL,
    locale          TEXT        NOT NULL DEFAULT 'en',
    department_id   UUID,
    supervisor_id   UUID,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX person_account ON person (account_id);

CREATE TABLE department_supervisors (
    department_id   UUID PRIMARY KEY,
    account_id      UUID   NOT NULL,
    supervisor_ids  UUID[] NOT NULL DEFAULT '{}'
);

-- the in-app notification center; about_user_id is the person a notice is about (erased with them)
CREATE TABLE notification (
    id             UUID PRIMARY KEY,
    account_id     UUID        NOT NULL,
    recipient_id   UUID        NOT NULL,
    about_user_id  UUID,
    kind           TEXT        NOT NULL,
    title          TEXT        NOT NULL,
    body           TEXT        NOT NULL,
    event_id       UUID        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    read_at        TIMESTAMPTZ,
    UNIQUE (event_id, recipient_id, kind)
);
CREATE INDEX notification_recipient ON notification (recipient_id, created_at DESC);
CREATE INDEX notification_unread ON notification (recipient_id) WHERE read_at IS NULL;
CREATE INDEX notification_about ON notification (about_user_id) WHERE about_user_id IS NOT NULL;

-- one row per notice, channel and recipient: QUEUED emails are sent by the worker (with retries),
-- SENT / DELIVERED are done, SUPPRESSED ones were never sent (reason), FAILED gave up after retries
CREATE TABLE delivery (
    id                UUID PRIMARY KEY,
    account_id        UUID        NOT NULL,
    recipient_id      UUID        NOT NULL,
    about_user_id     UUID,
    event_id          UUID        NOT NULL,
    kind              TEXT        NOT NULL,
    channel           TEXT        NOT NULL CHECK (channel IN ('EMAIL', 'IN_APP')),
    status            TEXT        NOT NULL CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'SUPPRESSED', 'FAILED')),
    email             TEXT,
    subject           TEXT,
    text_body         TEXT,
    html_body         TEXT,
    attempts          INT         NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ,
    claimed_at        TIMESTAMPTZ,
    last_error        TEXT,
    suppressed_reason TEXT,
    occurred_at       TIMESTAMPTZ NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    sent_at           TIMESTAMPTZ,
    UNIQUE (event_id, recipient_id, kind, channel)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'QUEUED';
CREATE INDEX delivery_recipient ON delivery (recipient_id, status);
CREATE INDEX delivery_about ON delivery (about_user_id) WHERE about_user_id IS NOT NULL;
