-- import-service: a projection of each account's users and departments (from roster.users.v1), against
-- which files are previewed and from which exports are written; and the imports themselves.

CREATE TABLE directory_user (
    id                   UUID PRIMARY KEY,
    account_id           UUID        NOT NULL,
    login                TEXT        NOT NULL,
    email                TEXT        NOT NULL,
    first_name           TEXT        NOT NULL,
    last_name            TEXT        NOT NULL,
    status               TEXT        NOT NULL,
    employment_ended_on  DATE,
    department_id        UUID,
    supervisor_id        UUID,
    job_title            TEXT,
    phone                TEXT,
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX directory_user_login ON directory_user (account_id, lower(login));
CREATE INDEX directory_user_email ON directory_user (account_id, lower(email));

CREATE TABLE directory_department (
    id          UUID PRIMARY KEY,
    account_id  UUID NOT NULL,
    parent_id   UUID,
    name        TEXT NOT NULL,
    path        TEXT NOT NULL
);
CREATE INDEX directory_department_account ON directory_department (account_id, path);

-- one upload: its file, who ran it, where it stands and what its rows will do
CREATE TABLE import_job (
    id               UUID PRIMARY KEY,
    account_id       UUID        NOT NULL,
    created_by       UUID        NOT NULL,
    file_name        TEXT,
    format           TEXT        NOT NULL CHECK (format IN ('XLSX', 'CSV')),
    file_size        BIGINT      NOT NULL,
    state            TEXT        NOT NULL CHECK (state IN ('PREVIEW', 'CONFIRMED', 'COMPLETED', 'CANCELLED')),
    total_rows       INT         NOT NULL DEFAULT 0,
    to_create        INT         NOT NULL DEFAULT 0,
    to_update        INT         NOT NULL DEFAULT 0,
    status_changes   INT         NOT NULL DEFAULT 0,
    unchanged        INT         NOT NULL DEFAULT 0,
    invalid          INT         NOT NULL DEFAULT 0,
    submitted        INT         NOT NULL DEFAULT 0,
    applied          INT         NOT NULL DEFAULT 0,
    refused          INT         NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ NOT NULL,
    confirmed_at     TIMESTAMPTZ,
    confirmed_by     UUID,
    completed_at     TIMESTAMPTZ,
    version          BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX import_job_account ON import_job (account_id, created_at DESC);

-- one row of the file, as validated: what it will do (or why it is invalid), and what it did
CREATE TABLE import_row (
    import_id       UUID        NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    row_number      INT         NOT NULL,
    action          TEXT        NOT NULL CHECK (action IN ('CREATE', 'UPDATE', 'STATUS_CHANGE', 'UNCHANGED', 'INVALID')),
    login           TEXT,
    values          JSONB       NOT NULL,
    password_hash   TEXT,
    errors          JSONB       NOT NULL DEFAULT '[]'::jsonb,
    outcome         TEXT,
    outcome_reason  TEXT,
    user_id         UUID,
    PRIMARY KEY (import_id, row_number)
);
CREATE INDEX import_row_action ON import_row (import_id, action, row_number);
