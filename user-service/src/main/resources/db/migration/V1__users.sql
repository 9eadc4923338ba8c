-- user-service: accounts (tenants), departments, roles, users, sign-in state, audit.
-- Every row carries its account; every query is scoped by it.

CREATE TABLE account (
    id          UUID PRIMARY KEY,
    slug        TEXT        NOT NULL UNIQUE,
    name        TEXT        NOT NULL,
    time_zone   TEXT        NOT NULL,
    seat_limit  INT         NOT NULL CHECK (seat_limit >= 1),
    owner_id    UUID,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    version     BIGINT      NOT NULL DEFAULT 0
);

CREATE TABLE department (
    id          UUID PRIMARY KEY,
    account_id  UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    parent_id   UUID REFERENCES department (id),
    name        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX department_account ON department (account_id, parent_id);

-- OWNER, ADMINISTRATOR and LEARNER are built in (one of each per account); CUSTOM roles are a named
-- set of permissions, optionally limited to department subtrees (NULL: the whole account)
CREATE TABLE role (
    id              UUID PRIMARY KEY,
    account_id      UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind            TEXT        NOT NULL CHECK (kind IN ('OWNER', 'ADMINISTRATOR', 'LEARNER', 'CUSTOM')),
    name            TEXT        NOT NULL,
    permissions     TEXT[]      NOT NULL DEFAULT '{}',
    department_ids  UUID[],
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (account_id, name)
);

CREATE TABLE app_user (
    id                        UUID PRIMARY KEY,
    account_id                UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    login                     TEXT        NOT NULL,
    email                     TEXT        NOT NULL,
    first_name                TEXT        NOT NULL,
    last_name                 TEXT        NOT NULL,
    status                    TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE', 'EMPLOYMENT_ENDED')),
    employment_ended_on       DATE,
    department_id             UUID REFERENCES department (id),
    supervisor_id             UUID REFERENCES app_user (id) ON DELETE SET NULL,
    job_title                 TEXT,
    phone                     TEXT,
    locale                    TEXT        NOT NULL DEFAULT 'en',
    password_hash             TEXT,
    tokens_valid_after        TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_sign_in_at           TIMESTAMPTZ,
    failed_sign_ins           INT         NOT NULL DEFAULT 0,
    locked_until              TIMESTAMPTZ,
    scheduled_status          TEXT CHECK (scheduled_status IN ('ACTIVE', 'INACTIVE', 'EMPLOYMENT_ENDED')),
    scheduled_effective_date  DATE,
    scheduled_effective_at    TIMESTAMPTZ,
    created_at                TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at                TIMESTAMPTZ NOT NULL DEFAULT now(),
    version                   BIGINT      NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX app_user_login ON app_user (account_id, lower(login));
CREATE UNIQUE INDEX app_user_email ON app_user (account_id, lower(email));
CREATE INDEX app_user_account_status ON app_user (account_id, status);
CREATE INDEX app_user_department ON app_user (account_id, department_id);
CREATE INDEX app_user_scheduled ON app_user (scheduled_effective_at) WHERE scheduled_effective_at IS NOT NULL;

ALTER TABLE account ADD CONSTRAINT account_owner FOREIGN KEY (owner_id) REFERENCES app_user (id) DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE user_role (
    user_id  UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role_id  UUID NOT NULL REFERENCES role (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_role_role ON user_role (role_id);

-- rotating refresh tokens: only a hash is kept; reusing a rotated token revokes its whole family
CREATE TABLE refresh_token (
    id          UUID PRIMARY KEY,
    family_id   UUID        NOT NULL,
    user_id     UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    token_hash  TEXT        NOT NULL UNIQUE,
    expires_at  TIMESTAMPTZ NOT NULL,
    rotated_at  TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);
CREATE INDEX refresh_token_user ON refresh_token (user_id);

-- the RS256 keys that sign access tokens, shared by every replica; retired keys stay published
-- (JWKS) until the tokens they signed have expired
CREATE TABLE signing_key (
    kid          TEXT PRIMARY KEY,
    private_key  TEXT        NOT NULL,
    public_jwk   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    retired_at   TIMESTAMPTZ
);

-- every change to a user: who, when, what, from where
CREATE TABLE audit_entry (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   UUID        NOT NULL,
    user_id      UUID        NOT NULL,
    actor_id     UUID,
    action       TEXT        NOT NULL,
    details      JSONB       NOT NULL DEFAULT '{}'::jsonb,
    source       TEXT,
    occurred_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_entry_user ON audit_entry (account_id, user_id, occurred_at DESC);
