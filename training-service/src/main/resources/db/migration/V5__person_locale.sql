-- the platform's people projection keeps each person's locale too
ALTER TABLE person ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
