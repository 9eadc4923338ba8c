package dev.roster.platform.inbox;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Makes a consumer's effect idempotent: the event id is recorded in {@code processed_event} in the
 * same transaction as the effect, so a redelivered event (same id) changes nothing, and a failed
 * effect leaves no record behind (the event is applied when it is retried).
 */
public class Inbox {

    private final DatabaseClient database;
    private final TransactionalOperator transactions;

    public Inbox(DatabaseClient database, TransactionalOperator transactions) {
        this.database = database;
        this.transactions = transactions;
    }

    /**
     * Applies {@code effect} once per {@code consumer} and {@code eventId}, in one transaction with
     * the record of the event; emits {@code true} if it ran now, {@code false} if it had already run.
     */
    public Mono<Boolean> once(String consumer, UUID eventId, Mono<Void> effect) {
        Mono<Boolean> work = database.sql("""
                        INSERT INTO processed_event (consumer, event_id) VALUES (:consumer, :eventId)
                        ON CONFLICT DO NOTHING
                        """)
                .bind("consumer", consumer)
                .bind("eventId", eventId)
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 1 ? effect.thenReturn(true) : Mono.just(false));
        return transactions.transactional(work);
    }

    /**
     * Applies a batch of events at once: records {@code eventIds} for {@code consumer} in one statement and
     * hands {@code effect} those not applied before, all in one transaction; emits those ids (empty when
     * every event had been applied, and then {@code effect} does not run).
     */
    public Mono<Set<UUID>> onceEach(String consumer, List<UUID> eventIds, Function<Set<UUID>, Mono<Void>> effect) {
        Mono<Set<UUID>> work = database.sql("""
                        INSERT INTO processed_event (consumer, event_id)
                        SELECT :consumer, id FROM unnest(:eventIds::uuid[]) AS id
                        ON CONFLICT DO NOTHING
                        RETURNING event_id
                        """)
                .bind("consumer", consumer)
                .bind("eventIds", eventIds.toArray(UUID[]::new))
                .map(row -> row.get("event_id", UUID.class))
                .all()
                .collect(HashSet<UUID>::new, Set::add)
                .flatMap(fresh -> fresh.isEmpty() ? Mono.just(Set.<UUID>of()) : effect.apply(fresh).thenReturn(fresh));
        return transactions.transactional(work);
    }

    /** Whether {@code consumer} has applied {@code eventId}. */
    public Mono<Boolean> hasProcessed(String consumer, UUID eventId) {
        return database.sql("SELECT 1 FROM processed_event WHERE consumer = :consumer AND event_id = :eventId")
                .bind("consumer", consumer)
                .bind("eventId", eventId)
                .fetch().first()
                .hasElement();
    }
}
