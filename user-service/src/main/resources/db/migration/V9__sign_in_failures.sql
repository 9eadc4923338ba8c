-- failed password checks per (login, client address): sign-in and the current password of a password change
-- subject: 'user:<id>' for a user, 'login:<account slug>/<login as typed>' when no user has that login
CREATE TABLE sign_in_failure (
    subject          TEXT        NOT NULL,
    client           TEXT        NOT NULL,
    account_id       UUID,
    failures         INT         NOT NULL,
    last_failure_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (subject, client)
);
CREATE INDEX sign_in_failure_account ON sign_in_failure (account_id, last_failure_at);
CREATE INDEX sign_in_failure_age ON sign_in_failure (last_failure_at);

-- the last password-spraying alarm of each account (one per window, whichever replica raises it)
CREATE TABLE sign_in_alarm (
    account_id  UUID        PRIMARY KEY,
    raised_at   TIMESTAMPTZ NOT NULL
);
