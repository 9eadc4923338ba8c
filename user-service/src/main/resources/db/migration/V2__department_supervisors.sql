-- A department's supervisors: with a learner's direct supervisor, they are the learner's supervisors.
CREATE TABLE department_supervisor (
    department_id  UUID NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    user_id        UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    PRIMARY KEY (department_id, user_id)
);
CREATE INDEX department_supervisor_user ON department_supervisor (user_id);

-- siblings have different names, so that a path such as "My Company / Sales" names one department
CREATE UNIQUE INDEX department_sibling_name ON department (account_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));
