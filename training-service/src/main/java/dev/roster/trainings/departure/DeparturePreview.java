package dev.roster.trainings.departure;

import dev.roster.platform.impact.DepartureImpact;
import dev.roster.platform.impact.DepartureImpact.Departure;
import dev.roster.platform.impact.DepartureImpact.DroppedEnrollment;
import dev.roster.platform.impact.DepartureImpact.Learner;
import dev.roster.platform.impact.DepartureImpact.Person;
import dev.roster.platform.impact.DepartureImpact.SeatsFreed;
import dev.roster.platform.impact.DepartureImpact.UnfinishedLearning;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.trainings.course.CourseProgress;
import dev.roster.trainings.enrollment.DeparturePolicy;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What people's leaving would do to their trainings, read and changed nothing: the same rules as
 * {@link dev.roster.trainings.enrollment.Departures}, in a few reads whatever the number of people. When employment
 * ends: open enrollments in sessions not started yet (or without a session) dropped, unfinished courses and programs
 * dropped, and each session that loses a seat seats the first active learners on its waitlist who are not leaving too.
 * When deleted: the same upcoming enrollments and unfinished learning listed, every record (attended and completed
 * ones too) counted as erased, and every seat they hold, in any session, goes to the waitlist. Deactivating keeps
 * everything.
 */
@Component
class DeparturePreview {

    private static final String DROPPED = """
            SELECT e.id, e.user_id, e.training_id, t.title, e.session_id, s.starts_at, e.status
            FROM enrollment e JOIN training t ON t.id = e.training_id LEFT JOIN training_session s ON s.id = e.session_id
            WHERE e.account_id = :account AND e.user_id = ANY(:users) AND e.status IN ('ENROLLED', 'WAITLISTED')
              AND """ + DeparturePolicy.UPCOMING_SQL + """

            ORDER BY e.user_id, s.starts_at NULLS LAST, e.id""";

    /**
     * Per session that loses seats: the seats it would have free once they left, and the waiting learners that would
     * take them (active, not leaving, in line order), as {@code Seating.promote} seats them.
     */
    private static final String PROMOTED = """
            WITH freed AS (
                SELECT e.session_id, count(*) AS seats FROM enrollment e JOIN training_session s ON s.id = e.session_id
                WHERE e.account_id = :account AND e.user_id = ANY(:users) AND e.status = 'ENROLLED'
                  AND (:erase OR s.starts_at > :now)
                GROUP BY e.session_id
            ), open AS (
                SELECT f.session_id, f.seats, s.capacity - (SELECT count(*) FROM enrollment o
                        WHERE o.session_id = f.session_id AND o.status = 'ENROLLED' AND o.user_id <> ALL(:users)) AS free
                FROM freed f JOIN training_session s ON s.id = f.session_id
            ), waiting AS (
                SELECT e.session_id, e.user_id, p.first_name || ' ' || p.last_name AS name,
                       row_number() OVER (PARTITION BY e.session_id ORDER BY e.waitlisted_at) AS place
                FROM enrollment e JOIN person p ON p.id = e.user_id
                WHERE e.session_id IN (SELECT session_id FROM open) AND e.status = 'WAITLISTED'
                  AND p.status = :seatable AND e.user_id <> ALL(:users)
            )
            SELECT o.session_id, o.seats, s.training_id, t.title, s.starts_at, w.user_id, w.name
            FROM open o JOIN training_session s ON s.id = o.session_id JOIN training t ON t.id = s.training_id
                LEFT JOIN waiting w ON w.session_id = o.session_id AND w.place <= o.free
            ORDER BY s.starts_at, o.session_id, w.place""";

    private static final String UNFINISHED = """
            SELECT a.user_id, CASE WHEN a.course_id IS NOT NULL THEN 'COURSE' ELSE 'PROGRAM' END AS kind,
                   coalesce(a.course_id, a.program_id) AS id, coalesce(c.title, p.title) AS title, a.status, a.progress
            FROM assignment a LEFT JOIN course c ON c.id = a.course_id LEFT JOIN program p ON p.id = a.program_id
            WHERE a.account_id = :account AND a.user_id = ANY(:users) AND a.status = ANY(:unfinished)
            ORDER BY a.user_id, a.assigned_at, a.id""";

    private static final String ERASED = """
            SELECT (SELECT count(*) FROM enrollment WHERE account_id = :account AND user_id = ANY(:users))
                 + (SELECT count(*) FROM assignment WHERE account_id = :account AND user_id = ANY(:users)) AS records""";

    private final DatabaseClient database;
    private final Clock clock;

    DeparturePreview(DatabaseClient database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The caller needs the permission of the change itself (deleting: USERS_DELETE). */
    Mono<DepartureImpact.Trainings> preview(Caller caller, DepartureImpact.Request request) {
        caller.require(request.departure() == Departure.DELETED ? Permission.USERS_DELETE : Permission.USERS_MANAGE);
        if (request.departure() == Departure.INACTIVE) {
            return Mono.just(new DepartureImpact.Trainings(List.of(), List.of(), 0));
        }
        boolean erase = request.departure() == Departure.DELETED;
        UUID[] users = new LinkedHashSet<>(request.userIds()).toArray(UUID[]::new);
        Instant now = clock.instant();
        Mono<List<Dropped>> dropped = read(DROPPED, caller.accountId(), users, erase, now, Dropped::of);
        Mono<List<Promotion>> promoted = read(PROMOTED, caller.accountId(), users, erase, now, Promotion::of);
        Mono<List<Unfinished>> unfinished = read(UNFINISHED, caller.accountId(), users, erase, now, Unfinished::of);
        Mono<Long> erased = !erase ? Mono.just(0L) : database.sql(ERASED)
                .bind("account", caller.accountId())
                .bind("users", users)
                .map(row -> row.get("records", Long.class))
                .one();
        return Mono.zip(dropped, promoted, unfinished, erased)
                .map(read -> compose(read.getT1(), read.getT2(), read.getT3(), read.getT4()));
    }

    private <T> Mono<List<T>> read(String sql, UUID account, UUID[] users, boolean erase, Instant now,
            java.util.function.Function<Readable, T> mapping) {
        DatabaseClient.GenericExecuteSpec statement = database.sql(sql).bind("account", account).bind("users", users);
        if (sql.contains(":erase")) {
            statement = statement.bind("erase", erase);
        }
        if (sql.contains(":now")) {
            statement = statement.bind("now", now);
        }
        if (sql.contains(":seatable")) {
            statement = statement.bind("seatable", DeparturePolicy.seatableStatus());
        }
        if (sql.contains(":unfinished")) {
            statement = statement.bind("unfinished", CourseProgress.unfinishedStatuses());
        }
        return statement
                .map(mapping::apply)
                .all()
                .collectList();
    }

    /**
     * Per learner their losses; per session its promotions, each seat handed over paired with a leaver's seat in that
     * session (in the order the leavers were read), so that a learner's dropped enrollment says who gets their seat.
     */
    private static DepartureImpact.Trainings compose(List<Dropped> dropped, List<Promotion> promotions,
            List<Unfinished> unfinished, long erased) {
        Map<UUID, SeatsFreed> sessions = new LinkedHashMap<>();
        Map<UUID, Deque<Person>> seatsGoTo = new HashMap<>();
        for (Promotion promotion : promotions) {
            SeatsFreed session = sessions.computeIfAbsent(promotion.sessionId(), id -> new SeatsFreed(promotion.trainingId(),
                    promotion.trainingTitle(), id, promotion.startsAt(), promotion.seats(), new ArrayList<>()));
            if (promotion.promoted() != null) {
                session.promoted().add(promotion.promoted());
                seatsGoTo.computeIfAbsent(promotion.sessionId(), id -> new ArrayDeque<>()).add(promotion.promoted());
            }
        }
        Map<UUID, List<DroppedEnrollment>> enrollments = new LinkedHashMap<>();
        for (Dropped row : dropped) {
            Deque<Person> waiting = row.status().equals("ENROLLED") && row.sessionId() != null
                    ? seatsGoTo.get(row.sessionId()) : null;
            enrollments.computeIfAbsent(row.userId(), id -> new ArrayList<>()).add(new DroppedEnrollment(row.id(),
                    row.trainingId(), row.trainingTitle(), row.sessionId(), row.startsAt(), row.status(),
                    waiting == null ? null : waiting.poll()));
        }
        Map<UUID, List<UnfinishedLearning>> learning = new LinkedHashMap<>();
        for (Unfinished row : unfinished) {
            learning.computeIfAbsent(row.userId(), id -> new ArrayList<>()).add(row.learning());
        }
        LinkedHashSet<UUID> learners = new LinkedHashSet<>(enrollments.keySet());
        learners.addAll(learning.keySet());
        List<Learner> users = learners.stream()
                .map(id -> new Learner(id, enrollments.getOrDefault(id, List.of()), learning.getOrDefault(id, List.of())))
                .toList();
        return new DepartureImpact.Trainings(users, List.copyOf(sessions.values()), erased);
    }

    private record Dropped(UUID id, UUID userId, UUID trainingId, String trainingTitle, UUID sessionId, Instant startsAt,
            String status) {

        static Dropped of(Readable row) {
            return new Dropped(row.get("id", UUID.class), row.get("user_id", UUID.class), row.get("training_id", UUID.class),
                    row.get("title", String.class), row.get("session_id", UUID.class),
                    instant(row.get("starts_at", OffsetDateTime.class)), row.get("status", String.class));
        }
    }

    private record Promotion(UUID sessionId, int seats, UUID trainingId, String trainingTitle, Instant startsAt,
            Person promoted) {

        static Promotion of(Readable row) {
            UUID waiter = row.get("user_id", UUID.class);
            return new Promotion(row.get("session_id", UUID.class), row.get("seats", Long.class).intValue(),
                    row.get("training_id", UUID.class), row.get("title", String.class),
                    instant(row.get("starts_at", OffsetDateTime.class)),
                    waiter == null ? null : new Person(waiter, row.get("name", String.class)));
        }
    }

    private record Unfinished(UUID userId, UnfinishedLearning learning) {

        static Unfinished of(Readable row) {
            return new Unfinished(row.get("user_id", UUID.class), new UnfinishedLearning(row.get("kind", String.class),
                    row.get("id", UUID.class), row.get("title", String.class), row.get("status", String.class),
                    row.get("progress", Integer.class)));
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
