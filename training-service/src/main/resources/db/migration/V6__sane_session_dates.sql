-- Session dates stay within 1900-01-01 .. 9999-12-31 (UTC), the range the API accepts (platform SaneDates):
-- a date such as -290000-01-01 was stored as -infinity, which no client can read back, and made every
-- list of the account answer 500. Rows stored before this check are brought into the range first.
UPDATE training_session
SET starts_at = LEAST(GREATEST(starts_at, TIMESTAMPTZ '1900-01-01 00:00:00+00'), TIMESTAMPTZ '9999-12-30 00:00:00+00'),
    ends_at   = LEAST(GREATEST(ends_at, TIMESTAMPTZ '1900-01-01 01:00:00+00'), TIMESTAMPTZ '9999-12-31 23:59:59+00')
WHERE starts_at < TIMESTAMPTZ '1900-01-01 00:00:00+00' OR starts_at >= TIMESTAMPTZ '10000-01-01 00:00:00+00'
   OR ends_at < TIMESTAMPTZ '1900-01-01 00:00:00+00' OR ends_at >= TIMESTAMPTZ '10000-01-01 00:00:00+00';

ALTER TABLE training_session ADD CONSTRAINT training_session_sane_dates CHECK (
    starts_at >= TIMESTAMPTZ '1900-01-01 00:00:00+00' AND starts_at < TIMESTAMPTZ '10000-01-01 00:00:00+00'
    AND ends_at >= TIMESTAMPTZ '1900-01-01 00:00:00+00' AND ends_at < TIMESTAMPTZ '10000-01-01 00:00:00+00');
