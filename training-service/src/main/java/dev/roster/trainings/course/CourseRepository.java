package dev.roster.trainings.course;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one writer of the {@code course}, {@code program} and {@code program_course} tables: courses, and programs with
 * their courses in order. Every query is scoped by the account.
 */
@Repository
class CourseRepository {

    private final DatabaseClient database;

    CourseRepository(DatabaseClient database) {
        this.database = database;
    }

    Mono<Void> insert(CourseKind kind, UUID id, UUID accountId, String title, String description, UUID createdBy,
            Instant now) {
        return database.sql("INSERT INTO " + kind.table + """
                         (id, account_id, title, description, created_by, created_at, updated_at)
                        VALUES (:id, :account, :title, :description, :by, :now, :now)""")
                .bind("id", id)
                .bind("account", accountId)
                .bind("title", title)
                .bind("description", Parameter.fromOrEmpty(description, String.class))
                .bind("by", createdBy)
                .bind("now", now)
                .then();
    }

    /** A program's courses, in the order given. */
    Mono<Void> insertProgramCourses(UUID programId, List<UUID> courseIds) {
        return database.sql("""
                        INSERT INTO program_course (program_id, course_id, position)
                        SELECT :program, course, position FROM unnest(:courses::uuid[]) WITH ORDINALITY
                            AS t (course, position)""")
                .bind("program", programId)
                .bind("courses", courseIds.toArray(UUID[]::new))
                .then();
    }

    /** Of {@code courseIds}, those that are the account's courses. */
    Mono<List<UUID>> existingCourses(UUID accountId, List<UUID> courseIds) {
        return database.sql("SELECT id FROM course WHERE account_id = :account AND id = ANY(:ids)")
                .bind("account", accountId)
                .bind("ids", courseIds.toArray(UUID[]::new))
                .map(row -> row.get("id", UUID.class))
                .all()
                .collectList();
    }

    Mono<Course> find(CourseKind kind, UUID accountId, UUID id) {
        return database.sql(select(kind) + " WHERE c.account_id = :account AND c.id = :id")
                .bind("account", accountId)
                .bind("id", id)
                .map(CourseRepository::course)
                .one();
    }

    /** The account's courses or programs, the newest first. */
    Flux<Course> list(CourseKind kind, UUID accountId, int limit, long offset) {
        return database.sql(select(kind) + " WHERE c.account_id = :account ORDER BY c.created_at DESC, c.id LIMIT :limit OFFSET :offset")
                .bind("account", accountId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(CourseRepository::course)
                .all();
    }

    Mono<Long> count(CourseKind kind, UUID accountId) {
        return database.sql("SELECT count(*) FROM " + kind.table + " WHERE account_id = :account")
                .bind("account", accountId)
                .map(row -> row.get(0, Long.class))
                .one();
    }

    private static String select(CourseKind kind) {
        String courses = kind == CourseKind.PROGRAM
                ? "ARRAY(SELECT course_id FROM program_course pc WHERE pc.program_id = c.id ORDER BY position)"
                : "ARRAY[]::uuid[]";
        return "SELECT c.id, c.title, c.description, c.created_at, " + courses + " AS course_ids FROM " + kind.table + " c";
    }

    private static Course course(Readable row) {
        UUID[] courses = row.get("course_ids", UUID[].class);
        return new Course(row.get("id", UUID.class), row.get("title", String.class), row.get("description", String.class),
                courses == null ? List.of() : List.of(courses), row.get("created_at", Instant.class));
    }
}
