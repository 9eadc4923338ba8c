-- the account's owner and seat limit (from account.changed), so the preview can say what an import will
-- do to them; and rows that will go through but may not do all they say (warnings)
CREATE TABLE directory_account (
    id          UUID PRIMARY KEY,
    seat_limit  INT  NOT NULL,
    owner_id    UUID
);

ALTER TABLE import_row ADD COLUMN warnings JSONB NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE import_job ADD COLUMN with_warnings INT NOT NULL DEFAULT 0;
