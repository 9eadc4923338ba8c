-- the account's groups by name and the members of its static groups (from group.changed, group.deleted and
-- group.members-changed), so the preview can check the Groups column and the export can fill it
CREATE TABLE directory_group (
    id          UUID PRIMARY KEY,
    account_id  UUID NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL
);
CREATE INDEX directory_group_account ON directory_group (account_id);

CREATE TABLE directory_group_member (
    group_id  UUID NOT NULL,
    user_id   UUID NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX directory_group_member_user ON directory_group_member (user_id);
