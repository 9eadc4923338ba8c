-- SCIM 2.0 provisioning: the bearer tokens an Account Owner gives an identity provider (only a hash of each is
-- stored), what deprovisioning means for the account, and the SCIM attributes Roster's user has no field for
CREATE TABLE scim_token (
    id            UUID PRIMARY KEY,
    account_id    UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name          TEXT        NOT NULL,
    token_hash    TEXT        NOT NULL UNIQUE,
    created_by    UUID,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);
CREATE INDEX scim_token_account ON scim_token (account_id, created_at);

CREATE TABLE scim_setting (
    account_id    UUID PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    -- what "active": false from the identity provider becomes
    deprovision   TEXT        NOT NULL DEFAULT 'INACTIVE' CHECK (deprovision IN ('INACTIVE', 'EMPLOYMENT_ENDED')),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- user_name: the identity provider's userName, often an email address (a UPN), which a Roster login cannot be; the
-- login is made from it (@ and spaces become _), and SCIM reads and filters by this
CREATE TABLE scim_identity (
    user_id          UUID PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    account_id       UUID        NOT NULL,
    user_name        TEXT,
    external_id      TEXT,
    employee_number  TEXT,
    department       TEXT
);
CREATE UNIQUE INDEX scim_identity_external_id ON scim_identity (account_id, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX scim_identity_user_name ON scim_identity (account_id, lower(user_name)) WHERE user_name IS NOT NULL;

-- the identity provider's id of a static group it provisions
CREATE TABLE scim_group (
    group_id     UUID PRIMARY KEY REFERENCES user_group (id) ON DELETE CASCADE,
    account_id   UUID NOT NULL,
    external_id  TEXT
);
CREATE UNIQUE INDEX scim_group_external_id ON scim_group (account_id, external_id) WHERE external_id IS NOT NULL;
