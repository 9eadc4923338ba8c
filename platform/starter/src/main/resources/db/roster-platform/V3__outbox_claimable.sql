-- What the relay claims, oldest first: rows neither sent nor in flight. Claimed rows leave this index, so
-- a burst of a few hundred thousand events is claimed by walking it in order, not by sorting the backlog.
CREATE INDEX outbox_claimable ON outbox (id) WHERE sent_at IS NULL AND claimed_at IS NULL;
