package dev.roster.trainings.course;

import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.platform.people.People;
import dev.roster.platform.web.Page;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Courses and training programs, assigned to learners (only active ones) in bulk, with progress and
 * completion. Assigning a program assigns its courses too; a program's progress is the mean of its
 * courses', and it is completed when all of them are. Creating needs {@code TRAININGS_MANAGE};
 * assigning needs {@code TRAININGS_ENROLL_USERS} or {@code TRAININGS_VIEW_USERS_AND_ENROLL}.
 */
@Service
public class LearningService {

    /** Courses or programs: the same shapes, their own tables. */
    enum Kind {
        COURSE("course", "course_id"),
        PROGRAM("program", "program_id");

        final String table;
        final String column;

        Kind(String table, String column) {
            this.table = table;
            this.column = column;
        }
    }

    private final DatabaseClient database;
    private final People people;
    private final TransactionalOperator transactions;
    private final Clock clock;

    LearningService(DatabaseClient database, People people, TransactionalOperator transactions, Clock clock) {
        this.database = database;
        this.people = people;
        this.transactions = transactions;
        this.clock = clock;
    }

    Mono<Course> create(Caller caller, Kind kind, CourseRequest request) {
        caller.require(Permission.TRAININGS_MANAGE);
        List<UUID> courseIds = request.courseIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(request.courseIds()));
        if (kind == Kind.COURSE && !courseIds.isEmpty()) {
            throw ProblemException.badRequest("invalid-course", "A course has no courses of its own").with("field", "courseIds");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Mono<Void> insert = database.sql("INSERT INTO " + kind.table + """
                         (id, account_id, title, description, created_by, created_at, updated_at)
                        VALUES (:id, :account, :title, :description, :by, :now, :now)""")
                .bind("id", id)
                .bind("account", caller.accountId())
                .bind("title", request.title().strip())
                .bind("description", Parameter.fromOrEmpty(request.description(), String.class))
                .bind("by", caller.userId())
                .bind("now", now)
                .then();
        Mono<Void> courses = kind == Kind.COURSE || courseIds.isEmpty() ? Mono.empty()
                : existingCourses(caller.accountId(), courseIds).flatMap(found -> found.size() < courseIds.size()
                        ? Mono.error(ProblemException.badRequest("unknown-course", "Some of the courses do not exist")
                                .with("field", "courseIds"))
                        : database.sql("""
                                        INSERT INTO program_course (program_id, course_id, position)
                                        SELECT :program, course, position FROM unnest(:courses::uuid[]) WITH ORDINALITY
                                            AS t (course, position)""")
                                .bind("program", id)
                                .bind("courses", courseIds.toArray(UUID[]::new))
                                .then());
        return insert.then(courses).as(transactions::transactional).then(find(caller, kind, id));
    }

    Mono<Course> find(Caller caller, Kind kind, UUID id) {
        caller.requireAny(Permission.TRAININGS_MANAGE, Permission.TRAININGS_VIEW_USERS_AND_ENROLL,
                Permission.TRAININGS_ENROLL_USERS);
        return database.sql(select(kind) + " WHERE c.account_id = :account AND c.id = :id")
                .bind("account", caller.accountId())
                .bind("id", id)
                .map(LearningService::course)
                .one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound(kind == Kind.COURSE ? "Course " + id : "Program " + id)));
    }

    Mono<Page<Course>> list(Caller caller, Kind kind, int page, int size) {
        caller.requireAny(Permission.TRAININGS_MANAGE, Permission.TRAININGS_VIEW_USERS_AND_ENROLL,
                Permission.TRAININGS_ENROLL_USERS);
        Page.check(page, size);
        return Mono.zip(
                        database.sql(select(kind) + " WHERE c.account_id = :account ORDER BY c.created_at DESC, c.id LIMIT :limit OFFSET :offset")
                                .bind("account", caller.accountId())
                                .bind("limit", size)
                                .bind("offset", (long) page * size)
                                .map(LearningService::course)
                                .all()
                                .collectList(),
                        database.sql("SELECT count(*) FROM " + kind.table + " WHERE account_id = :account")
                                .bind("account", caller.accountId())
                                .map(row -> row.get(0, Long.class))
                                .one())
                .map(loaded -> Page.of(loaded.getT1(), page, size, loaded.getT2()));
    }

    /** Assigns a course or program to learners; a program's courses are assigned with it. */
    Mono<AssignOutcome> assign(Caller caller, Kind kind, UUID id, AssignRequest request) {
        caller.requireAny(Permission.TRAININGS_ENROLL_USERS, Permission.TRAININGS_VIEW_USERS_AND_ENROLL);
        List<UUID> requested = List.copyOf(new LinkedHashSet<>(request.userIds()));
        Instant now = clock.instant();
        return find(caller, kind, id).flatMap(course -> Mono.zip(
                        people.lockActive(caller.accountId(), requested).collect(HashSet<UUID>::new, Set::add),
                        people.known(caller.accountId(), requested).collect(HashSet<UUID>::new, Set::add))
                .flatMap(found -> {
                    List<UUID> active = requested.stream().filter(found.getT1()::contains).toList();
                    return insertAssignments(caller, kind, id, active, now)
                            .flatMap(assigned -> (kind == Kind.PROGRAM && !course.courseIds().isEmpty()
                                    ? assignProgramCourses(caller, course.courseIds(), active, now) : Mono.<Void>empty())
                                    .thenReturn(outcome(requested, found.getT2(), found.getT1(), assigned)));
                }))
                .as(transactions::transactional);
    }

    Mono<Page<AssignmentResponse>> assignments(Caller caller, Kind kind, UUID id, int page, int size) {
        caller.requireAny(Permission.TRAININGS_MANAGE, Permission.TRAININGS_VIEW_USERS_AND_ENROLL);
        Page.check(page, size);
        String from = " FROM assignment a JOIN " + kind.table + " c ON c.id = a." + kind.column
                + " LEFT JOIN person p ON p.id = a.user_id WHERE a.account_id = :account AND a." + kind.column + " = :id";
        return find(caller, kind, id).then(Mono.zip(
                        database.sql("SELECT a.*, c.title, p.first_name, p.last_name" + from
                                        + " ORDER BY p.last_name, p.first_name, a.id LIMIT :limit OFFSET :offset")
                                .bind("account", caller.accountId())
                                .bind("id", id)
                                .bind("limit", size)
                                .bind("offset", (long) page * size)
                                .map(LearningService::assignment)
                                .all()
                                .collectList(),
                        database.sql("SELECT count(*)" + from)
                                .bind("account", caller.accountId())
                                .bind("id", id)
                                .map(row -> row.get(0, Long.class))
                                .one()))
                .map(loaded -> Page.of(loaded.getT1(), page, size, loaded.getT2()));
    }

    /** The caller's own assigned courses or programs (dropped ones too, as history). */
    Mono<List<AssignmentResponse>> mine(Caller caller, Kind kind) {
        return database.sql("SELECT a.*, c.title, NULL AS first_name, NULL AS last_name FROM assignment a JOIN "
                        + kind.table + " c ON c.id = a." + kind.column
                        + " WHERE a.account_id = :account AND a.user_id = :user ORDER BY a.assigned_at DESC, a.id")
                .bind("account", caller.accountId())
                .bind("user", caller.userId())
                .map(LearningService::assignment)
                .all()
                .collectList();
    }

    /**
     * Records the learner's progress in one of their courses (never backwards); 100 completes it. The
     * programs holding the course follow. Only an active learner with the course assigned can progress.
     */
    Mono<AssignmentResponse> progress(Caller caller, UUID courseId, int progress) {
        Instant now = clock.instant();
        return people.lockActive(caller.accountId(), List.of(caller.userId())).hasElements()
                .flatMap(active -> !active ? Mono.error(ProblemException.forbidden("Only active users can progress"))
                        : database.sql("""
                                        UPDATE assignment SET progress = greatest(progress, :progress),
                                            status = CASE WHEN greatest(progress, :progress) >= 100 THEN 'COMPLETED'
                                                          WHEN greatest(progress, :progress) > 0 THEN 'IN_PROGRESS'
                                                          ELSE 'ASSIGNED' END,
                                            started_at = coalesce(started_at, CASE WHEN :progress > 0 THEN CAST(:now AS timestamptz) END),
                                            completed_at = coalesce(completed_at, CASE WHEN greatest(progress, :progress) >= 100 THEN CAST(:now AS timestamptz) END)
                                        WHERE account_id = :account AND user_id = :user AND course_id = :course
                                          AND status IN ('ASSIGNED', 'IN_PROGRESS', 'COMPLETED')""")
                                .bind("progress", progress)
                                .bind("now", now)
                                .bind("account", caller.accountId())
                                .bind("user", caller.userId())
                                .bind("course", courseId)
                                .fetch().rowsUpdated())
                .flatMap(updated -> updated == 0
                        ? Mono.error(ProblemException.notFound("Course " + courseId + " assigned to you"))
                        : followPrograms(caller.userId(), now))
                .as(transactions::transactional)
                .then(mine(caller, Kind.COURSE))
                .flatMap(list -> Mono.justOrEmpty(list.stream()
                        .filter(assignment -> courseId.equals(assignment.courseId()) && assignment.status() != AssignmentStatus.DROPPED)
                        .findFirst()));
    }

    /** Drops a learner's unfinished courses and programs (employment ended); completed ones stay. Runs in the caller's transaction. */
    public Mono<Void> dropUnfinished(UUID userId, String reason) {
        return dropUnfinished(List.of(userId), reason);
    }

    /** Drops the unfinished courses and programs of many learners in one statement. Runs in the caller's transaction. */
    public Mono<Void> dropUnfinished(java.util.Collection<UUID> userIds, String reason) {
        return database.sql("""
                        UPDATE assignment SET status = 'DROPPED', dropped_at = :now, drop_reason = :reason
                        WHERE user_id = ANY(:users) AND status IN ('ASSIGNED', 'IN_PROGRESS')""")
                .bind("users", userIds.toArray(UUID[]::new))
                .bind("reason", reason)
                .bind("now", clock.instant())
                .then();
    }

    /** Erases a deleted learner's assignments and their statistics. */
    public Mono<Void> erase(UUID userId) {
        return database.sql("DELETE FROM assignment WHERE user_id = :user").bind("user", userId).then();
    }

    private Mono<List<UUID>> insertAssignments(Caller caller, Kind kind, UUID id, List<UUID> userIds, Instant now) {
        if (userIds.isEmpty()) {
            return Mono.just(List.of());
        }
        return database.sql("INSERT INTO assignment (id, account_id, user_id, " + kind.column + """
                        , status, assigned_by, assigned_at)
                        SELECT gen_random_uuid(), :account, u, :item, 'ASSIGNED', :by, :now FROM unnest(:users::uuid[]) AS u
                        ON CONFLICT DO NOTHING
                        RETURNING user_id""")
                .bind("account", caller.accountId())
                .bind("item", id)
                .bind("by", caller.userId())
                .bind("now", now)
                .bind("users", userIds.toArray(UUID[]::new))
                .map(row -> row.get("user_id", UUID.class))
                .all()
                .collectList();
    }

    private Mono<Void> assignProgramCourses(Caller caller, List<UUID> courseIds, List<UUID> userIds, Instant now) {
        return database.sql("""
                        INSERT INTO assignment (id, account_id, user_id, course_id, status, assigned_by, assigned_at)
                        SELECT gen_random_uuid(), :account, u, c, 'ASSIGNED', :by, :now
                        FROM unnest(:users::uuid[]) AS u CROSS JOIN unnest(:courses::uuid[]) AS c
                        ON CONFLICT DO NOTHING""")
                .bind("account", caller.accountId())
                .bind("by", caller.userId())
                .bind("now", now)
                .bind("users", userIds.toArray(UUID[]::new))
                .bind("courses", courseIds.toArray(UUID[]::new))
                .then();
    }

    /** Recomputes the learner's open programs from their courses. */
    private Mono<Void> followPrograms(UUID userId, Instant now) {
        return database.sql("""
                        WITH progress AS (
                            SELECT pa.id, coalesce(round(avg(coalesce(ca.progress, 0))), 0)::int AS progress
                            FROM assignment pa
                            JOIN program_course pc ON pc.program_id = pa.program_id
                            LEFT JOIN assignment ca ON ca.user_id = pa.user_id AND ca.course_id = pc.course_id
                                 AND ca.status <> 'DROPPED'
                            WHERE pa.user_id = :user AND pa.status IN ('ASSIGNED', 'IN_PROGRESS')
                            GROUP BY pa.id)
                        UPDATE assignment a SET progress = p.progress,
                            status = CASE WHEN p.progress >= 100 THEN 'COMPLETED' WHEN p.progress > 0 THEN 'IN_PROGRESS'
                                          ELSE 'ASSIGNED' END,
                            started_at = coalesce(a.started_at, CASE WHEN p.progress > 0 THEN CAST(:now AS timestamptz) END),
                            completed_at = CASE WHEN p.progress >= 100 THEN CAST(:now AS timestamptz) END
                        FROM progress p WHERE a.id = p.id""")
                .bind("user", userId)
                .bind("now", now)
                .then();
    }

    private Mono<List<UUID>> existingCourses(UUID accountId, List<UUID> courseIds) {
        return database.sql("SELECT id FROM course WHERE account_id = :account AND id = ANY(:ids)")
                .bind("account", accountId)
                .bind("ids", courseIds.toArray(UUID[]::new))
                .map(row -> row.get("id", UUID.class))
                .all()
                .collectList();
    }

    private static String select(Kind kind) {
        String courses = kind == Kind.PROGRAM
                ? "ARRAY(SELECT course_id FROM program_course pc WHERE pc.program_id = c.id ORDER BY position)"
                : "ARRAY[]::uuid[]";
        return "SELECT c.id, c.title, c.description, c.created_at, " + courses + " AS course_ids FROM " + kind.table + " c";
    }

    private static Course course(Readable row) {
        UUID[] courses = row.get("course_ids", UUID[].class);
        return new Course(row.get("id", UUID.class), row.get("title", String.class), row.get("description", String.class),
                courses == null ? List.of() : List.of(courses), row.get("created_at", Instant.class));
    }

    private static AssignmentResponse assignment(Readable row) {
        return new AssignmentResponse(row.get("id", UUID.class), row.get("user_id", UUID.class),
                row.get("first_name", String.class), row.get("last_name", String.class),
                row.get("course_id", UUID.class), row.get("program_id", UUID.class), row.get("title", String.class),
                AssignmentStatus.valueOf(row.get("status", String.class)), row.get("progress", Integer.class),
                row.get("assigned_at", Instant.class), row.get("started_at", Instant.class),
                row.get("completed_at", Instant.class), row.get("dropped_at", Instant.class),
                row.get("drop_reason", String.class));
    }

    private static AssignOutcome outcome(List<UUID> requested, Set<UUID> known, Set<UUID> active, List<UUID> assigned) {
        List<AssignOutcome.Skipped> skipped = new ArrayList<>();
        for (UUID userId : requested) {
            if (!assigned.contains(userId)) {
                skipped.add(new AssignOutcome.Skipped(userId, !known.contains(userId) ? "NOT_FOUND"
                        : !active.contains(userId) ? "NOT_ACTIVE" : "ALREADY_ASSIGNED"));
            }
        }
        return new AssignOutcome(assigned, skipped);
    }

    /** Per user: assigned, or skipped with the reason ({@code NOT_FOUND}, {@code NOT_ACTIVE}, {@code ALREADY_ASSIGNED}). */
    record AssignOutcome(List<UUID> applied, List<Skipped> skipped) {

        record Skipped(UUID userId, String reason) {
        }
    }
}
