-- Trainings (instructor-led events) with their sessions, and who is enrolled in which session.
-- Enrollments are never deleted while the learner exists: an ended one keeps its history
-- (UNENROLLED by the learner, REMOVED by an administrator, DROPPED by the system).

CREATE TABLE training (
    id                        UUID PRIMARY KEY,
    account_id                UUID        NOT NULL,
    title                     TEXT        NOT NULL,
    description               TEXT,
    time_zone                 TEXT        NOT NULL,
    session_selection         TEXT        NOT NULL CHECK (session_selection IN ('LEARNER', 'PRESET')),
    stop_registration_amount  INT CHECK (stop_registration_amount >= 0),
    stop_registration_unit    TEXT CHECK (stop_registration_unit IN ('HOURS', 'DAYS', 'WEEKS', 'MONTHS')),
    stop_cancellation_amount  INT CHECK (stop_cancellation_amount >= 0),
    stop_cancellation_unit    TEXT CHECK (stop_cancellation_unit IN ('HOURS', 'DAYS', 'WEEKS', 'MONTHS')),
    participant_list_locked   BOOLEAN     NOT NULL DEFAULT false,
    notify_supervisors        BOOLEAN     NOT NULL DEFAULT true,
    published                 BOOLEAN     NOT NULL DEFAULT true,
    created_by                UUID,
    created_at                TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at                TIMESTAMPTZ NOT NULL DEFAULT now(),
    version                   BIGINT      NOT NULL DEFAULT 0,
    CHECK ((stop_registration_amount IS NULL) = (stop_registration_unit IS NULL)),
    CHECK ((stop_cancellation_amount IS NULL) = (stop_cancellation_unit IS NULL))
);
CREATE INDEX training_account ON training (account_id, created_at);

CREATE TABLE training_session (
    id           UUID PRIMARY KEY,
    training_id  UUID        NOT NULL REFERENCES training (id) ON DELETE CASCADE,
    account_id   UUID        NOT NULL,
    starts_at    TIMESTAMPTZ NOT NULL,
    ends_at      TIMESTAMPTZ NOT NULL,
    location     TEXT,
    capacity     INT         NOT NULL CHECK (capacity >= 1),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);
CREATE INDEX training_session_training ON training_session (training_id, starts_at);

-- the order of the waitlists: first come, first served (a learner who switches joins the end)
CREATE SEQUENCE waitlist_order;

CREATE TABLE enrollment (
    id             UUID PRIMARY KEY,
    account_id     UUID        NOT NULL,
    training_id    UUID        NOT NULL REFERENCES training (id) ON DELETE CASCADE,
    user_id        UUID        NOT NULL,
    session_id     UUID REFERENCES training_session (id),
    status         TEXT        NOT NULL CHECK (status IN ('ENROLLED', 'WAITLISTED', 'UNENROLLED', 'REMOVED', 'DROPPED')),
    waitlisted_at  BIGINT,
    attendance     TEXT CHECK (attendance IN ('ATTENDED', 'ABSENT')),
    enrolled_by    UUID,
    enrolled_at    TIMESTAMPTZ NOT NULL,
    ended_at       TIMESTAMPTZ,
    end_reason     TEXT,
    updated_at     TIMESTAMPTZ NOT NULL,
    CHECK (status <> 'WAITLISTED' OR (session_id IS NOT NULL AND waitlisted_at IS NOT NULL))
);
-- one open enrollment per learner and training; the database settles two requests racing for it
CREATE UNIQUE INDEX enrollment_open ON enrollment (training_id, user_id) WHERE status IN ('ENROLLED', 'WAITLISTED');
CREATE INDEX enrollment_session ON enrollment (session_id, status);
CREATE INDEX enrollment_user ON enrollment (user_id, status);
CREATE INDEX enrollment_waitlist ON enrollment (session_id, waitlisted_at) WHERE status = 'WAITLISTED';
