-- Groups: static (members added by hand) or smart (members follow rules on the department subtree
-- and the job title; users whose employment ended are left out until they are active again).
CREATE TABLE user_group (
    id                       UUID PRIMARY KEY,
    account_id               UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name                     TEXT        NOT NULL,
    kind                     TEXT        NOT NULL CHECK (kind IN ('STATIC', 'SMART')),
    rule_department_id       UUID REFERENCES department (id) ON DELETE SET NULL,
    rule_job_title           TEXT,
    created_at               TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX user_group_name ON user_group (account_id, lower(name));

CREATE TABLE group_member (
    group_id  UUID NOT NULL REFERENCES user_group (id) ON DELETE CASCADE,
    user_id   UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_member_user ON group_member (user_id);
