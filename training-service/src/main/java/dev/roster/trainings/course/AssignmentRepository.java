package dev.roster.trainings.course;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
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

    /** Records a learner's progress in a course they have open (never backwards); how many rows it changed (0 or 1). */
    Mono<Long> progress(UUID accountId, UUID userId, UUID courseId, int progress, Instant now) {
        return database.sql("""
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
                .bind("account", accountId)
                .bind("user", userId)
                .bind("course", courseId)
                .fetch().rowsUpdated();
    }

    /** Recomputes the learner's open programs from their courses. */
    Mono<Void> followPrograms(UUID userId, Instant now) {
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

    /** Drops the unfinished courses and programs of many learners in one statement; completed ones stay. */
    public Mono<Void> dropUnfinished(Collection<UUID> userIds, String reason, Instant now) {
        return database.sql("""
                        UPDATE assignment SET status = 'DROPPED', dropped_at = :now, drop_reason = :reason
                        WHERE user_id = ANY(:users) AND status IN ('ASSIGNED', 'IN_PROGRESS')""")
                .bind("users", userIds.toArray(UUID[]::new))
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

    private static AssignmentResponse assignment(Readable row) {
        return new AssignmentResponse(row.get("id", UUID.class), row.get("user_id", UUID.class),
                row.get("first_name", String.class), row.get("last_name", String.class),
                row.get("course_id", UUID.class), row.get("program_id", UUID.class), row.get("title", String.class),
                AssignmentStatus.valueOf(row.get("status", String.class)), row.get("progress", Integer.class),
                row.get("assigned_at", Instant.class), row.get("started_at", Instant.class),
                row.get("completed_at", Instant.class), row.get("dropped_at", Instant.class),
                row.get("drop_reason", String.class));
    }
}
