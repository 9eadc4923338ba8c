package dev.roster.platform.outbox;

import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Tells the {@link OutboxRelay} that rows were recorded: a trigger on the outbox notifies channel
 * {@value #CHANNEL} at each commit that inserted rows, and this listens on a connection of its own, outside
 * the pool. When that connection drops it connects again (with back-off) and wakes the relay at once, since
 * notifications sent meanwhile are lost.
 */
public class OutboxNotifications {

    public static final String CHANNEL = "roster_outbox";

    private static final Logger log = LoggerFactory.getLogger(OutboxNotifications.class);

    private final ConnectionFactory connections;
    private final AtomicBoolean listening = new AtomicBoolean();

    /** {@code connections} creates PostgreSQL connections, not pooled ones: this one is held for good. */
    public OutboxNotifications(ConnectionFactory connections) {
        this.connections = connections;
    }

    /**
     * Notifications through the PostgreSQL factory behind {@code factory} (a pool, Spring Boot's wrapper), or
     * null when there is none.
     */
    public static OutboxNotifications of(ConnectionFactory factory) {
        ConnectionFactory current = factory;
        while (!(current instanceof PostgresqlConnectionFactory)) {
            if (current instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner && inner != current) {
                current = inner;
            }
            else {
                return null;
            }
        }
        return new OutboxNotifications(current);
    }

    /**
     * Emits each time listening starts (first and after a reconnect: anything recorded before may be waiting)
     * and at each notification. It does not complete: a dropped connection is reopened; cancel to stop.
     */
    public Flux<Boolean> wakeups() {
        return Flux.usingWhen(Mono.from(connections.create()), this::listen, Connection::close)
                // the connection closed: treat it as a failure, so that it is opened again
                .concatWith(Mono.error(() -> new IllegalStateException("the listening connection closed")))
                .doFinally(signal -> listening.set(false))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100))
                        .maxBackoff(Duration.ofSeconds(5))
                        .transientErrors(true)
                        .doBeforeRetry(retry -> {
                            listening.set(false);
                            log.warn("Not listening for outbox notifications, reconnecting (the relay polls meanwhile): {}",
                                    retry.failure().toString());
                        }));
    }

    /** Whether a connection is listening now. */
    public boolean listening() {
        return listening.get();
    }

    private Flux<Boolean> listen(Connection connection) {
        if (!(connection instanceof PostgresqlConnection postgres)) {
            return Flux.error(new IllegalStateException("not a PostgreSQL connection: " + connection.getClass().getName()));
        }
        // subscribe to the notifications before LISTEN, so that none sent after LISTEN is missed
        Flux<Boolean> notified = postgres.getNotifications().map(notification -> Boolean.TRUE);
        Mono<Boolean> listened = postgres.createStatement("LISTEN " + CHANNEL).execute()
                .flatMap(PostgresqlResult::getRowsUpdated)
                .then(Mono.fromSupplier(() -> {
                    listening.set(true);
                    log.debug("Listening for outbox notifications on {}", CHANNEL);
                    return Boolean.TRUE;
                }));
        return Flux.merge(notified, listened);
    }
}
