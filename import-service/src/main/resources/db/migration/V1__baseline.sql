-- import-service baseline: the schema starts here. The platform's own tables (outbox, processed_event)
-- are migrated separately, with their own history table (see platform/starter).
SELECT 1;
