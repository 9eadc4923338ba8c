-- training-service's projection of the people it needs, kept from roster.users.v1: who may be
-- enrolled (status), how they are named, and who their supervisors are. Never read from user-service.
CREATE TABLE person (
    id                   UUID PRIMARY KEY,
    account_id           UUID        NOT NULL,
    first_name           TEXT        NOT NULL,
    last_name            TEXT        NOT NULL,
    email                TEXT        NOT NULL,
    status               TEXT        NOT NULL,
    employment_ended_on  DATE,
    department_id        UUID,
    supervisor_id        UUID,
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX person_account ON person (account_id);

CREATE TABLE department_supervisors (
    department_id   UUID PRIMARY KEY,
    account_id      UUID   NOT NULL,
    supervisor_ids  UUID[] NOT NULL DEFAULT '{}'
);
