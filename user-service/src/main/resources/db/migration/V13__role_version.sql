-- roles are changed with optimistic locking: a change made from a stale read is refused, not silently lost
ALTER TABLE role ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
