-- An import whose rows carry passwords is PREPARING while they are hashed (off the upload request, in
-- parallel); it becomes PREVIEW when the last hash is stored.
ALTER TABLE import_job DROP CONSTRAINT import_job_state_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_state_check
    CHECK (state IN ('PREPARING', 'PREVIEW', 'CONFIRMED', 'COMPLETED', 'CANCELLED'));
