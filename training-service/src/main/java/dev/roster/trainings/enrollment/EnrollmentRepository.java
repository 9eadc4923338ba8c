package dev.roster.trainings.enrollment;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Enrollment rows. Changes to seats run with the session locked (see {@code TrainingRepository.lockSession}). */
@Repository
class EnrollmentRepository {

    static final String COLUMNS = """
            id, account_id, training_id, user_id, session_id, status, waitlisted_at, attendance, enrolled_by,
            enrolled_at, ended_at, end_reason\s""";

    private final DatabaseClient database;

    EnrollmentRepository(DatabaseClient database) {
        this.database = database;
    }

    /** An enrollment, locked for a change; empty unless it is still open. Lock its session first. */
    public Mono<Enrollment> lockOpen(UUID enrollmentId) {
        return database.sql("SELECT " + COLUMNS + """
                         FROM enrollment WHERE id = :id AND status IN ('ENROLLED', 'WAITLISTED') FOR UPDATE""")
                .bind("id", enrollmentId)
                .map(EnrollmentRepository::enrollment)
                .one();
    }

    public Mono<Enrollment> findOpen(UUID trainingId, UUID userId) {
        return database.sql("SELECT " + COLUMNS + """
                         FROM enrollment WHERE training_id = :training AND user_id = :user
                          AND status IN ('ENROLLED', 'WAITLISTED')""")
                .bind("training", trainingId)
                .bind("user", userId)
                .map(EnrollmentRepository::enrollment)
                .one();
    }

    /** Seats taken in a session. */
    public Mono<Integer> enrolledIn(UUID sessionId) {
        return database.sql("SELECT count(*) FROM enrollment WHERE session_id = :session AND status = 'ENROLLED'")
                .bind("session", sessionId)
                .map(row -> row.get(0, Long.class).intValue())
                .one();
    }

    /** Whether anyone sits in a session or waits for it. */
    Mono<Boolean> anyOpenIn(UUID sessionId) {
        return database.sql("""
                        SELECT EXISTS (SELECT 1 FROM enrollment WHERE session_id = :session
                                       AND status IN ('ENROLLED', 'WAITLISTED'))""")
                .bind("session", sessionId)
                .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                .one();
    }

    /** Ended enrollments keep their history without the session about to be deleted. */
    Mono<Void> detachFrom(UUID sessionId) {
        return database.sql("UPDATE enrollment SET session_id = NULL WHERE session_id = :session")
                .bind("session", sessionId)
                .then();
    }

    /** Records a new open enrollment; a waitlisted one joins the end of its session's line. */
    public Mono<Enrollment> insert(UUID accountId, UUID trainingId, UUID userId, UUID sessionId, EnrollmentStatus status,
            UUID enrolledBy, Instant now) {
        return database.sql("""
                        INSERT INTO enrollment (id, account_id, training_id, user_id, session_id, status, waitlisted_at,
                            enrolled_by, enrolled_at, updated_at)
                        VALUES (:id, :account, :training, :user, :session, :status,
                            CASE WHEN :status = 'WAITLISTED' THEN nextval('waitlist_order') END, :by, :now, :now)
                        RETURNING\s""" + COLUMNS)
                .bind("id", UUID.randomUUID())
                .bind("account", accountId)
                .bind("training", trainingId)
                .bind("user", userId)
                .bind("session", Parameter.fromOrEmpty(sessionId, UUID.class))
                .bind("status", status.name())
                .bind("by", Parameter.fromOrEmpty(enrolledBy, UUID.class))
                .bind("now", now)
                .map(EnrollmentRepository::enrollment)
                .one();
    }

    /** Moves an open enrollment to another session (or none), seated or at the end of its waitlist. */
    public Mono<Enrollment> move(UUID enrollmentId, UUID sessionId, EnrollmentStatus status, Instant now) {
        return database.sql("""
                        UPDATE enrollment SET session_id = :session, status = :status, attendance = NULL,
                            waitlisted_at = CASE WHEN :status = 'WAITLISTED' THEN nextval('waitlist_order') END,
                            updated_at = :now
                        WHERE id = :id RETURNING\s""" + COLUMNS)
                .bind("id", enrollmentId)
                .bind("session", Parameter.fromOrEmpty(sessionId, UUID.class))
                .bind("status", status.name())
                .bind("now", now)
                .map(EnrollmentRepository::enrollment)
                .one();
    }

    /** Ends open enrollments (unenrolled, removed or dropped), keeping them as history. */
    public Mono<Void> end(List<UUID> enrollmentIds, EnrollmentStatus status, String reason, Instant now) {
        return database.sql("""
                        UPDATE enrollment SET status = :status, end_reason = :reason, ended_at = :now, updated_at = :now
                        WHERE id = ANY(:ids) AND status IN ('ENROLLED', 'WAITLISTED')""")
                .bind("ids", enrollmentIds.toArray(UUID[]::new))
                .bind("status", status.name())
                .bind("reason", Parameter.fromOrEmpty(reason, String.class))
                .bind("now", now)
                .then();
    }

    /**
     * Seats up to {@code seats} learners from the front of a session's waitlist, skipping those who may not be
     * seated ({@link DeparturePolicy#seatable}: they keep their place); returns the promoted enrollments in line order.
     */
    public Flux<Enrollment> promote(UUID sessionId, int seats, Instant now) {
        return database.sql("""
                        WITH next AS (
                            SELECT e.id FROM enrollment e JOIN person p ON p.id = e.user_id
                            WHERE e.session_id = :session AND e.status = 'WAITLISTED' AND p.status = :seatable
                            ORDER BY e.waitlisted_at LIMIT :seats FOR UPDATE OF e)
                        UPDATE enrollment SET status = 'ENROLLED', waitlisted_at = NULL, updated_at = :now
                        WHERE id IN (SELECT id FROM next)
                        RETURNING\s""" + COLUMNS)
                .bind("session", sessionId)
                .bind("seatable", DeparturePolicy.seatableStatus())
                .bind("seats", seats)
                .bind("now", now)
                .map(EnrollmentRepository::enrollment)
                .all();
    }

    /** A waitlisted enrollment's place in line (1: next to be seated). */
    public Mono<Integer> position(Enrollment enrollment) {
        if (!enrollment.waitlisted()) {
            return Mono.just(0);
        }
        return database.sql("""
                        SELECT count(*) FROM enrollment WHERE session_id = :session AND status = 'WAITLISTED'
                          AND waitlisted_at <= :order""")
                .bind("session", enrollment.sessionId())
                .bind("order", enrollment.waitlistedAt())
                .map(row -> row.get(0, Long.class).intValue())
                .one();
    }

    /** The learner's open enrollments, and ended ones of the last year, newest first. */
    public Flux<Enrollment> ofLearner(UUID accountId, UUID userId, Instant since) {
        return database.sql("SELECT " + COLUMNS + """
                         FROM enrollment WHERE account_id = :account AND user_id = :user
                          AND (status IN ('ENROLLED', 'WAITLISTED') OR ended_at >= :since)
                        ORDER BY enrolled_at DESC, id""")
                .bind("account", accountId)
                .bind("user", userId)
                .bind("since", since)
                .map(EnrollmentRepository::enrollment)
                .all();
    }

    /** The sessions of these learners' upcoming enrollments ({@link DeparturePolicy#upcoming}; no lock taken). */
    public Mono<List<UUID>> upcomingSessions(Collection<UUID> userIds, Instant now) {
        return database.sql("""
                        SELECT DISTINCT e.session_id FROM enrollment e JOIN training_session s ON s.id = e.session_id
                        WHERE e.user_id = ANY(:users) AND e.status IN ('ENROLLED', 'WAITLISTED') AND s.starts_at > :now""")
                .bind("users", userIds.toArray(UUID[]::new))
                .bind("now", now)
                .map(row -> row.get("session_id", UUID.class))
                .all()
                .collectList();
    }

    /**
     * Ends these learners' upcoming enrollments ({@link DeparturePolicy#upcoming}: no session yet, or one not started) in one
     * statement, as {@code status} with {@code reason}; returns each as it was before (status ENROLLED: it
     * held a seat). Lock the sessions first ({@link #upcomingSessions}).
     */
    public Flux<Enrollment> endUpcoming(Collection<UUID> userIds, EnrollmentStatus status, String reason, Instant now) {
        return database.sql("""
                        WITH upcoming AS (
                            SELECT e.id, e.status, e.waitlisted_at FROM enrollment e
                                LEFT JOIN training_session s ON s.id = e.session_id
                            WHERE e.user_id = ANY(:users) AND e.status IN ('ENROLLED', 'WAITLISTED')
                              AND """ + DeparturePolicy.UPCOMING_SQL + """

                            ORDER BY e.id FOR UPDATE OF e)
                        UPDATE enrollment e SET status = :status, end_reason = :reason, ended_at = :now, updated_at = :now
                        FROM upcoming WHERE e.id = upcoming.id
                        RETURNING e.id, e.account_id, e.training_id, e.user_id, e.session_id, upcoming.status,
                            upcoming.waitlisted_at, e.attendance, e.enrolled_by, e.enrolled_at, e.ended_at, e.end_reason""")
                .bind("users", userIds.toArray(UUID[]::new))
                .bind("status", status.name())
                .bind("reason", Parameter.fromOrEmpty(reason, String.class))
                .bind("now", now)
                .map(EnrollmentRepository::enrollment)
                .all();
    }

    /** The sessions in which the user holds a seat now (to promote others when the user is erased). */
    public Flux<Enrollment> seatsOf(UUID userId) {
        return database.sql("SELECT " + COLUMNS + " FROM enrollment WHERE user_id = :user AND status = 'ENROLLED' AND session_id IS NOT NULL")
                .bind("user", userId)
                .map(EnrollmentRepository::enrollment)
                .all();
    }

    /** Erases every enrollment of a deleted user. */
    public Mono<Void> eraseUser(UUID userId) {
        return database.sql("DELETE FROM enrollment WHERE user_id = :user").bind("user", userId).then();
    }

    public Mono<Enrollment> markAttendance(UUID enrollmentId, Attendance attendance, Instant now) {
        return database.sql("UPDATE enrollment SET attendance = :attendance, updated_at = :now WHERE id = :id RETURNING " + COLUMNS)
                .bind("id", enrollmentId)
                .bind("attendance", Parameter.fromOrEmpty(attendance == null ? null : attendance.name(), String.class))
                .bind("now", now)
                .map(EnrollmentRepository::enrollment)
                .one();
    }

    static Enrollment enrollment(Readable row) {
        String attendance = row.get("attendance", String.class);
        return new Enrollment(
                row.get("id", UUID.class),
                row.get("account_id", UUID.class),
                row.get("training_id", UUID.class),
                row.get("user_id", UUID.class),
                row.get("session_id", UUID.class),
                EnrollmentStatus.valueOf(row.get("status", String.class)),
                row.get("waitlisted_at", Long.class),
                attendance == null ? null : Attendance.valueOf(attendance),
                row.get("enrolled_by", UUID.class),
                row.get("enrolled_at", Instant.class),
                row.get("ended_at", Instant.class),
                row.get("end_reason", String.class));
    }
}
