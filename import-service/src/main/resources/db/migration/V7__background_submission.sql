-- Confirming answers at once: the commands of a confirmed import are written to the outbox afterwards, a page at
-- a time, each page in one transaction with the cursor below, so that a restart resumes where it stopped and no
-- row is ever submitted twice. An import completes only once every row is submitted and answered.
ALTER TABLE import_job ADD COLUMN to_submit INT NOT NULL DEFAULT 0;
ALTER TABLE import_job ADD COLUMN submitted_through INT NOT NULL DEFAULT 0;
ALTER TABLE import_job ADD COLUMN submitting BOOLEAN NOT NULL DEFAULT false;
-- an import that is still being submitted, found again on start
CREATE INDEX import_job_submitting ON import_job (id) WHERE submitting;
CREATE INDEX import_job_preparing ON import_job (id) WHERE state = 'PREPARING';
