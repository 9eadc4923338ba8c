package dev.roster.trainings.training;

import dev.roster.platform.problem.ProblemException;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Trainings and their sessions; every query is scoped by the account. */
@Repository
public class TrainingRepository {

    private static final String COLUMNS = """
            id, account_id, title, description, time_zone, session_selection, stop_registration_amount,
            stop_registration_unit, stop_cancellation_amount, stop_cancellation_unit, participant_list_locked,
            notify_supervisors, published, created_at, version\s""";

    private final DatabaseClient database;

    TrainingRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Training> insert(Training training, UUID createdBy) {
        return database.sql("""
                        INSERT INTO training (id, account_id, title, description, time_zone, session_selection,
                            stop_registration_amount, stop_registration_unit, stop_cancellation_amount,
                            stop_cancellation_unit, participant_list_locked, notify_supervisors, published, created_by,
                            created_at, updated_at)
                        VALUES (:id, :account, :title, :description, :zone, :selection, :regAmount, :regUnit,
                            :cancelAmount, :cancelUnit, :locked, :notify, :published, :createdBy, :now, :now)
                        """)
                .bind("id", training.id())
                .bind("account", training.accountId())
                .bind("createdBy", Parameter.fromOrEmpty(createdBy, UUID.class))
                .bind("now", training.createdAt())
                .bindValues(settings(training))
                .then()
                .thenReturn(training);
    }

    /**
     * Saves a training's settings (not its id, account or creation) if nobody changed it since it was read
     * (its version); empty when it changed meanwhile or is gone.
     */
    public Mono<Training> update(Training training, Instant now) {
        return database.sql("""
                        UPDATE training SET title = :title, description = :description, time_zone = :zone,
                            session_selection = :selection, stop_registration_amount = :regAmount,
                            stop_registration_unit = :regUnit, stop_cancellation_amount = :cancelAmount,
                            stop_cancellation_unit = :cancelUnit, participant_list_locked = :locked,
                            notify_supervisors = :notify, published = :published, updated_at = :now, version = version + 1
                        WHERE id = :id AND account_id = :account AND version = :version
                        RETURNING\s""" + COLUMNS)
                .bind("id", training.id())
                .bind("account", training.accountId())
                .bind("version", training.version())
                .bind("now", now)
                .bindValues(settings(training))
                .map(TrainingRepository::training)
                .one();
    }

    private static Map<String, Object> settings(Training training) {
        Map<String, Object> values = new HashMap<>();
        values.put("title", training.title());
        values.put("description", Parameter.fromOrEmpty(training.description(), String.class));
        values.put("zone", training.timeZone().getId());
        values.put("selection", training.sessionSelection().name());
        RegistrationOffset registration = training.stopRegistrationBefore();
        RegistrationOffset cancellation = training.stopCancellationBefore();
        values.put("regAmount", Parameter.fromOrEmpty(registration == null ? null : registration.amount(), Integer.class));
        values.put("regUnit", Parameter.fromOrEmpty(registration == null ? null : registration.unit().name(), String.class));
        values.put("cancelAmount", Parameter.fromOrEmpty(cancellation == null ? null : cancellation.amount(), Integer.class));
        values.put("cancelUnit", Parameter.fromOrEmpty(cancellation == null ? null : cancellation.unit().name(), String.class));
        values.put("locked", training.participantListLocked());
        values.put("notify", training.notifySupervisors());
        values.put("published", training.published());
        return values;
    }

    public Mono<Training> find(UUID accountId, UUID id) {
        return database.sql("SELECT " + COLUMNS + " FROM training WHERE id = :id AND account_id = :account")
                .bind("id", id).bind("account", accountId)
                .map(TrainingRepository::training)
                .one();
    }

    /** A training of the account; 404 when the account has none with that id (another account's included). */
    public Mono<Training> require(UUID accountId, UUID id) {
        return find(accountId, id).switchIfEmpty(Mono.error(() -> ProblemException.notFound("Training " + id)));
    }

    /** The account's trainings, newest first, optionally only those whose title contains {@code q}. */
    public Flux<Training> list(UUID accountId, String q, int limit, long offset) {
        return database.sql("SELECT " + COLUMNS + """
                         FROM training WHERE account_id = :account AND (:q = '' OR title ILIKE '%' || :q || '%')
                        ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset""")
                .bind("account", accountId)
                .bind("q", escapeLike(q))
                .bind("limit", limit)
                .bind("offset", offset)
                .map(TrainingRepository::training)
                .all();
    }

    public Mono<Long> count(UUID accountId, String q) {
        return database.sql("SELECT count(*) FROM training WHERE account_id = :account AND (:q = '' OR title ILIKE '%' || :q || '%')")
                .bind("account", accountId)
                .bind("q", escapeLike(q))
                .map(row -> row.get(0, Long.class))
                .one();
    }

    /** Published trainings with learner-chosen sessions and an unlocked list that have a session still to start. */
    public Flux<Training> catalogCandidates(UUID accountId, Instant now) {
        return database.sql("SELECT " + COLUMNS + """
                         FROM training t WHERE account_id = :account AND published AND NOT participant_list_locked
                            AND session_selection = 'LEARNER'
                            AND EXISTS (SELECT 1 FROM training_session s WHERE s.training_id = t.id AND s.starts_at > :now)
                        ORDER BY created_at DESC, id""")
                .bind("account", accountId)
                .bind("now", now)
                .map(TrainingRepository::training)
                .all();
    }

    public Mono<Void> delete(UUID accountId, UUID id) {
        return database.sql("DELETE FROM training WHERE id = :id AND account_id = :account")
                .bind("id", id).bind("account", accountId).then();
    }

    public Mono<TrainingSession> insertSession(UUID accountId, TrainingSession session) {
        return database.sql("""
                        INSERT INTO training_session (id, training_id, account_id, starts_at, ends_at, location, capacity)
                        VALUES (:id, :training, :account, :startsAt, :endsAt, :location, :capacity)
                        """)
                .bind("id", session.id())
                .bind("training", session.trainingId())
                .bind("account", accountId)
                .bind("startsAt", session.startsAt())
                .bind("endsAt", session.endsAt())
                .bind("location", Parameter.fromOrEmpty(session.location(), String.class))
                .bind("capacity", session.capacity())
                .then()
                .thenReturn(session);
    }

    public Mono<TrainingSession> updateSession(TrainingSession session) {
        return database.sql("""
                        UPDATE training_session SET starts_at = :startsAt, ends_at = :endsAt, location = :location,
                            capacity = :capacity
                        WHERE id = :id AND training_id = :training
                        """)
                .bind("id", session.id())
                .bind("training", session.trainingId())
                .bind("startsAt", session.startsAt())
                .bind("endsAt", session.endsAt())
                .bind("location", Parameter.fromOrEmpty(session.location(), String.class))
                .bind("capacity", session.capacity())
                .then()
                .thenReturn(session);
    }

    public Mono<Void> deleteSession(UUID sessionId) {
        return database.sql("DELETE FROM training_session WHERE id = :id").bind("id", sessionId).then();
    }

    /** A training's sessions, earliest first. */
    public Flux<TrainingSession> sessions(UUID trainingId) {
        return database.sql("""
                        SELECT id, training_id, starts_at, ends_at, location, capacity FROM training_session
                        WHERE training_id = :training ORDER BY starts_at, id""")
                .bind("training", trainingId)
                .map(TrainingRepository::session)
                .all();
    }

    /**
     * Locks a session for a change of its seats: whoever enrolls into it, leaves it or is promoted in
     * it holds this lock, so two learners racing for the last seat are served one after the other.
     */
    public Mono<TrainingSession> lockSession(UUID trainingId, UUID sessionId) {
        return database.sql("""
                        SELECT id, training_id, starts_at, ends_at, location, capacity FROM training_session
                        WHERE id = :id AND training_id = :training FOR UPDATE""")
                .bind("id", sessionId)
                .bind("training", trainingId)
                .map(TrainingRepository::session)
                .one();
    }

    /** Trainings by id (of any account: for work already scoped by its rows, such as a learner's enrollments). */
    public Mono<Map<UUID, Training>> findAll(Collection<UUID> ids) {
        return database.sql("SELECT " + COLUMNS + " FROM training WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(TrainingRepository::training)
                .all()
                .collectMap(Training::id);
    }

    /** Locks many sessions at once for a change of their seats, in the order of their ids (see {@link #lockSession}). */
    public Mono<Map<UUID, TrainingSession>> lockSessions(Collection<UUID> sessionIds) {
        return database.sql("""
                        SELECT id, training_id, starts_at, ends_at, location, capacity FROM training_session
                        WHERE id = ANY(:ids) ORDER BY id FOR UPDATE""")
                .bind("ids", sessionIds.toArray(UUID[]::new))
                .map(TrainingRepository::session)
                .all()
                .collectMap(TrainingSession::id);
    }

    /** Seats taken and waitlist length per session of a training. */
    public Mono<Map<UUID, Seats>> seats(UUID trainingId) {
        return database.sql("""
                        SELECT s.id,
                               count(e.id) FILTER (WHERE e.status = 'ENROLLED') AS enrolled,
                               count(e.id) FILTER (WHERE e.status = 'WAITLISTED') AS waitlisted
                        FROM training_session s LEFT JOIN enrollment e ON e.session_id = s.id
                        WHERE s.training_id = :training GROUP BY s.id""")
                .bind("training", trainingId)
                .map(row -> Map.entry(row.get("id", UUID.class),
                        new Seats(row.get("enrolled", Long.class).intValue(), row.get("waitlisted", Long.class).intValue())))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Whether a participant with a seat in an ended session has no attendance marked yet. */
    public Mono<Boolean> attendanceMissing(UUID trainingId, Instant now) {
        return database.sql("""
                        SELECT EXISTS (SELECT 1 FROM enrollment e JOIN training_session s ON s.id = e.session_id
                                       WHERE e.training_id = :training AND e.status = 'ENROLLED'
                                         AND e.attendance IS NULL AND s.ends_at <= :now)""")
                .bind("training", trainingId)
                .bind("now", now)
                .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                .one();
    }

    /** Seats taken and people waiting in one session. */
    public record Seats(int enrolled, int waitlisted) {

        public static final Seats NONE = new Seats(0, 0);

        public int left(TrainingSession session) {
            return Math.max(0, session.capacity() - enrolled);
        }
    }

    static Training training(Readable row) {
        Integer registrationAmount = row.get("stop_registration_amount", Integer.class);
        Integer cancellationAmount = row.get("stop_cancellation_amount", Integer.class);
        return new Training(
                row.get("id", UUID.class),
                row.get("account_id", UUID.class),
                row.get("title", String.class),
                row.get("description", String.class),
                ZoneId.of(row.get("time_zone", String.class)),
                SessionSelection.valueOf(row.get("session_selection", String.class)),
                registrationAmount == null ? null : new RegistrationOffset(registrationAmount,
                        OffsetUnit.valueOf(row.get("stop_registration_unit", String.class))),
                cancellationAmount == null ? null : new RegistrationOffset(cancellationAmount,
                        OffsetUnit.valueOf(row.get("stop_cancellation_unit", String.class))),
                Boolean.TRUE.equals(row.get("participant_list_locked", Boolean.class)),
                Boolean.TRUE.equals(row.get("notify_supervisors", Boolean.class)),
                Boolean.TRUE.equals(row.get("published", Boolean.class)),
                row.get("created_at", Instant.class),
                row.get("version", Long.class));
    }

    static TrainingSession session(Readable row) {
        return new TrainingSession(
                row.get("id", UUID.class),
                row.get("training_id", UUID.class),
                row.get("starts_at", Instant.class),
                row.get("ends_at", Instant.class),
                row.get("location", String.class),
                row.get("capacity", Integer.class));
    }

    static String escapeLike(String q) {
        return q == null ? "" : q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
