-- Deleting a user sets their reports' supervisor_id to NULL and checks that they own no account: without these
-- indexes each deleted user read every user (and account) row, so deleting 2,000 users among 200,000 took minutes.
CREATE INDEX app_user_supervisor ON app_user (supervisor_id) WHERE supervisor_id IS NOT NULL;
CREATE INDEX account_owner_id ON account (owner_id);
