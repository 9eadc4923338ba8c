-- sessions (refresh-token families, the sid of their access tokens) ended by a sign-out or a reused
-- refresh token: each is on the compacted access topic until its last access token has expired, then
-- SessionRevocations writes a tombstone for its key and forgets it here
CREATE TABLE revoked_session (
    session_id  UUID PRIMARY KEY,
    user_id     UUID        NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX revoked_session_expiry ON revoked_session (expires_at);
