-- The users list stays fast at 100,000 users of one account: its default order (last name, first name) is read from an
-- index instead of sorting the account on every page, and its search (a name either way round, login, email: the
-- expression UserQuery searches) goes through trigrams instead of reading every row. pg_trgm is a trusted extension:
-- the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX app_user_by_name ON app_user (account_id, lower(last_name), lower(first_name), id);

CREATE INDEX app_user_search ON app_user
    USING gin ((first_name || ' ' || last_name || ' ' || first_name || ' ' || login || ' ' || email) gin_trgm_ops);
