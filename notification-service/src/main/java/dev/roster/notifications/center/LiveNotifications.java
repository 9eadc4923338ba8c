package dev.roster.notifications.center;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Announces new in-app notices to the open streams of this replica. A notice is announced by PostgreSQL
 * ({@code pg_notify} in the transaction that created it, so only once it is committed) and every replica
 * listens on one connection of its own ({@code LISTEN}): whichever replica consumed the event, the
 * recipient's streams on every replica hear of it. The connection is re-opened when it drops.
 */
@Component
class LiveNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveNotifications.class);

    private final ConnectionFactory listenerConnections;
    private final Sinks.Many<Announcement> announcements = Sinks.many().multicast().directBestEffort();
    private volatile Disposable listening;

    LiveNotifications(R2dbcProperties properties) {
        ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(properties.getUrl()).mutate();
        if (properties.getUsername() != null) {
            options.option(ConnectionFactoryOptions.USER, properties.getUsername());
        }
        if (properties.getPassword() != null) {
            options.option(ConnectionFactoryOptions.PASSWORD, properties.getPassword());
        }
        this.listenerConnections = ConnectionFactories.get(options.build());
    }

    /** Ids of the notices of {@code recipientId} created from now on. */
    public Flux<UUID> of(UUID recipientId) {
        return announcements.asFlux()
                .filter(announcement -> announcement.recipientId().equals(recipientId))
                .map(Announcement::notificationId);
    }

    private Flux<Announcement> listen() {
        return Flux.usingWhen(Mono.from(listenerConnections.create()),
                connection -> {
                    PostgresqlConnection postgres = (PostgresqlConnection) connection;
                    return postgres.createStatement("LISTEN " + NotificationRepository.CHANNEL).execute()
                            .flatMap(result -> result.getRowsUpdated())
                            .doOnComplete(() -> log.info("Listening for new notices"))
                            .thenMany(postgres.getNotifications())
                            .mapNotNull(notification -> Announcement.parse(notification.getParameter()));
                },
                connection -> connection.close());
    }

    @Override
    public void start() {
        listening = listen()
                .doOnError(error -> log.warn("Notice announcements interrupted, reconnecting: {}", error.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
                .repeat()
                .subscribe(announcement -> announcements.tryEmitNext(announcement),
                        error -> log.error("Notice announcements stopped", error));
    }

    @Override
    public void stop() {
        Disposable current = listening;
        if (current != null) {
            current.dispose();
        }
        listening = null;
    }

    @Override
    public boolean isRunning() {
        return listening != null;
    }

    /** A new notice of a recipient, as {@code pg_notify} announces it: {@code <recipientId>:<notificationId>}. */
    record Announcement(UUID recipientId, UUID notificationId) {

        static Announcement parse(String payload) {
            if (payload == null) {
                return null;
            }
            int colon = payload.indexOf(':');
            try {
                return new Announcement(UUID.fromString(payload.substring(0, colon)),
                        UUID.fromString(payload.substring(colon + 1)));
            }
            catch (RuntimeException malformed) {
                return null;
            }
        }
    }
}
