-- Courses, training programs (an ordered set of courses) and what is assigned to whom.

CREATE TABLE course (
    id           UUID PRIMARY KEY,
    account_id   UUID        NOT NULL,
    title        TEXT        NOT NULL,
    description  TEXT,
    created_by   UUID,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX course_account ON course (account_id, created_at);

CREATE TABLE program (
    id           UUID PRIMARY KEY,
    account_id   UUID        NOT NULL,
    title        TEXT        NOT NULL,
    description  TEXT,
    created_by   UUID,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX program_account ON program (account_id, created_at);

CREATE TABLE program_course (
    program_id  UUID NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    course_id   UUID NOT NULL REFERENCES course (id) ON DELETE CASCADE,
    position    INT  NOT NULL,
    PRIMARY KEY (program_id, course_id),
    UNIQUE (program_id, position)
);

-- a course or a program assigned to a learner; a program's progress follows from its courses'
CREATE TABLE assignment (
    id            UUID PRIMARY KEY,
    account_id    UUID        NOT NULL,
    user_id       UUID        NOT NULL,
    course_id     UUID REFERENCES course (id) ON DELETE CASCADE,
    program_id    UUID REFERENCES program (id) ON DELETE CASCADE,
    status        TEXT        NOT NULL CHECK (status IN ('ASSIGNED', 'IN_PROGRESS', 'COMPLETED', 'DROPPED')),
    progress      INT         NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    assigned_by   UUID,
    assigned_at   TIMESTAMPTZ NOT NULL,
    started_at    TIMESTAMPTZ,
    completed_at  TIMESTAMPTZ,
    dropped_at    TIMESTAMPTZ,
    drop_reason   TEXT,
    CHECK ((course_id IS NULL) <> (program_id IS NULL))
);
CREATE UNIQUE INDEX assignment_course_open ON assignment (user_id, course_id)
    WHERE course_id IS NOT NULL AND status <> 'DROPPED';
CREATE UNIQUE INDEX assignment_program_open ON assignment (user_id, program_id)
    WHERE program_id IS NOT NULL AND status <> 'DROPPED';
CREATE INDEX assignment_user ON assignment (user_id, status);
