package dev.roster.trainings.course;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one writer of the {@code assignment} table: who has which course or program, and how far they got. Departures
 * drop and erase through it.
 */
@Repository
public class AssignmentRepository {

    private final DatabaseClient database;

    AssignmentRepository(DatabaseClient database) {
        this.database = database;
    }

    /** Assigns a course or program to each of {@code userIds} who does not have it open yet; those it was assigned to. */
    Mono<List<UUID>> insert(CourseKind kind, UUID itemId, UUID accountId, List<UUID> userIds, UUID assignedBy, Instant now) {
        if (userIds.isEmpty()) {
            return Mono.just(List.of());
        }
        return database.sql("INSERT INTO assignment (id, account_id, user_id, " + kind.column + """
                        , status, assigned_by, assigned_at)
                        SELECT gen_random_uuid(), :account, u, :item, 'ASSIGNED', :by, :now FROM unnest(:users::uuid[]) AS u
                        ON CONFLICT DO NOTHING
                        RETURNING user_id""")
                .bind("account", accountId)
                .bind("item", itemId)
                .bind("by", assignedBy)
                .bind("now", now)
                .bind("users", userIds.toArray(UUID[]::new))
                .map(row -> row.get("user_id", UUID.class))
                .all()
                .collectList();
    }

    /** Assigns each of {@code courseIds} to each of {@code userIds}, but those they have open already (a program's courses). */
    Mono<Void> insertCourses(UUID accountId, List<UUID> courseIds, List<UUID> userIds, UUID assignedBy, Instant now) {
        return database.sql("""
                        INSERT INTO assignment (id, account_id, user_id, course_id, status, assigned_by, assigned_at)
                        SELECT gen_random_uuid(), :account, u, c, 'ASSIGNED', :by, :now
                        FROM unnest(:users::uuid[]) AS u CROSS JOIN unnest(:courses::uuid[]) AS c
                        ON CONFLICT DO NOTHING""")
                .bind("account", accountId)
                .bind("by", assignedBy)
                .bind("now", now)
                .bind("users", userIds.toArray(UUID[]::new))
                .bind("courses", courseIds.toArray(UUID[]::new))
                .then();
    }

    /** Who has a course or program, by name. */
    Flux<AssignmentResponse> list(CourseKind kind, UUID accountId, UUID itemId, int limit, long offset) {
        return database.sql("SELECT a.*, c.title, p.first_name, p.last_name" + of(kind)
                        + " ORDER BY p.last_name, p.first_name, a.id LIMIT :limit OFFSET :offset")
                .bind("account", accountId)
                .bind("id", itemId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(AssignmentRepository::assignment)
                .all();
    }

    Mono<Long> count(CourseKind kind, UUID accountId, UUID itemId) {
        return database.sql("SELECT count(*)" + of(kind))
                .bind("account", accountId)
                .bind("id", itemId)
                .map(row -> row.get(0, Long.class))
                .one();
    }

    /** A learner's courses or programs (dropped ones too, as history), the latest assigned first. */
    Flux<AssignmentResponse> mine(CourseKind kind, UUID accountId, UUID userId) {
        return database.sql("SELECT a.*, c.title, NULL AS first_name, NULL AS last_name FROM assignment a JOIN "
                        + kind.table + " c ON c.id = a." + kind.column
                        + " WHERE a.account_id = :account AND a.user_id = :user ORDER BY a.assigned_at DESC, a.id")
                .bind("account", accountId)
                .bind("user", userId)
                .map(AssignmentRepository::assignment)
                .all();
    }

    /**
     * A learner's open assignment of a course (not dropped; there is at most one), locked until the transaction ends;
     * empty when they have none.
     */
    Mono<Held> lockOpenCourse(UUID accountId, UUID userId, UUID courseId) {
        return database.sql("""
                        SELECT id, progress, started_at, completed_at FROM assignment
                        WHERE account_id = :account AND user_id = :user AND course_id = :course AND status <> 'DROPPED'
                        FOR UPDATE""")
                .bind("account", accountId)
                .bind("user", userId)
                .bind("course", courseId)
                .map(AssignmentRepository::held)
                .one();
    }

    /** A learner's open assignment of a course, as they see it. */
    Mono<AssignmentResponse> findOpenCourse(UUID accountId, UUID userId, UUID courseId) {
        return database.sql("""
                        SELECT a.*, c.title, NULL AS first_name, NULL AS last_name FROM assignment a
                        JOIN course c ON c.id = a.course_id
                        WHERE a.account_id = :account AND a.user_id = :user AND a.course_id = :course
                          AND a.status <> 'DROPPED'""")
                .bind("account", accountId)
                .bind("user", userId)
                .bind("course", courseId)
                .map(AssignmentRepository::assignment)
                .one();
    }

    /** A learner's unfinished programs, locked in the order of their ids until the transaction ends, by assignment id. */
    Mono<Map<UUID, CourseProgress>> lockUnfinishedPrograms(UUID userId) {
        return database.sql("""
                        SELECT id, progress, started_at, completed_at FROM assignment
                        WHERE user_id = :user AND program_id IS NOT NULL AND status = ANY(:unfinished)
                        ORDER BY id FOR UPDATE""")
                .bind("user", userId)
                .bind("unfinished", CourseProgress.unfinishedStatuses())
                .map(AssignmentRepository::held)
                .all()
                .collect(LinkedHashMap::new, (programs, held) -> programs.put(held.id(), held.progress()));
    }

    /**
     * Per program assignment of {@code programAssignmentIds}, its learner's progress in each of the program's courses,
     * null for a course they have no open assignment of. A program without courses has no entry.
     */
    Mono<Map<UUID, List<Integer>>> programCourses(Collection<UUID> programAssignmentIds) {
        return database.sql("""
                        SELECT pa.id, ca.progress FROM assignment pa
                        JOIN program_course pc ON pc.program_id = pa.program_id
                        LEFT JOIN assignment ca ON ca.user_id = pa.user_id AND ca.course_id = pc.course_id
                             AND ca.status <> 'DROPPED'
                        WHERE pa.id = ANY(:ids)""")
                .bind("ids", programAssignmentIds.toArray(UUID[]::new))
                .map(row -> new ProgramCourse(row.get("id", UUID.class), row.get("progress", Integer.class)))
                .all()
                .collect(HashMap::new, (programs, course) -> programs
                        .computeIfAbsent(course.programAssignmentId(), id -> new ArrayList<>()).add(course.progress()));
    }

    /** Saves how far learners got in open courses or programs, by assignment id, in one statement. */
    Mono<Void> save(Map<UUID, CourseProgress> assignments) {
        if (assignments.isEmpty()) {
            return Mono.empty();
        }
        List<CourseProgress> progress = List.copyOf(assignments.values());
        return database.sql("""
                        UPDATE assignment a SET progress = v.progress, status = v.status, started_at = v.started_at,
                            completed_at = v.completed_at
                        FROM unnest(:ids::uuid[], :progress::int[], :statuses::text[], :started::timestamptz[],
                                    :completed::timestamptz[]) AS v (id, progress, status, started_at, completed_at)
                        WHERE a.id = v.id""")
                .bind("ids", assignments.keySet().toArray(UUID[]::new))
                .bind("progress", progress.stream().map(CourseProgress::progress).toArray(Integer[]::new))
                .bind("statuses", progress.stream().map(each -> each.status().name()).toArray(String[]::new))
                .bind("started", progress.stream().map(CourseProgress::startedAt).toArray(Instant[]::new))
                .bind("completed", progress.stream().map(CourseProgress::completedAt).toArray(Instant[]::new))
                .then();
    }

    /** Drops the unfinished courses and programs of many learners in one statement; completed ones stay. */
    public Mono<Void> dropUnfinished(Collection<UUID> userIds, String reason, Instant now) {
        return database.sql("""
                        UPDATE assignment SET status = 'DROPPED', dropped_at = :now, drop_reason = :reason
                        WHERE user_id = ANY(:users) AND status = ANY(:unfinished)""")
                .bind("users", userIds.toArray(UUID[]::new))
                .bind("unfinished", CourseProgress.unfinishedStatuses())
                .bind("reason", reason)
                .bind("now", now)
                .then();
    }

    /** Erases a deleted learner's assignments and their statistics. */
    public Mono<Void> erase(UUID userId) {
        return database.sql("DELETE FROM assignment WHERE user_id = :user").bind("user", userId).then();
    }

    private static String of(CourseKind kind) {
        return " FROM assignment a JOIN " + kind.table + " c ON c.id = a." + kind.column
                + " LEFT JOIN person p ON p.id = a.user_id WHERE a.account_id = :account AND a." + kind.column + " = :id";
    }

    private static Held held(Readable row) {
        return new Held(row.get("id", UUID.class), new CourseProgress(row.get("progress", Integer.class),
                row.get("started_at", Instant.class), row.get("completed_at", Instant.class)));
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

    /** An open assignment, locked, and how far its learner got. */
    record Held(UUID id, CourseProgress progress) {
    }

    private record ProgramCourse(UUID programAssignmentId, Integer progress) {
    }
}
