package dev.roster.platform.consistency;

import dev.roster.platform.problem.ProblemException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read-your-writes across services. A response to a request that recorded events carries them as a
 * {@link ConsistencyToken} in header {@value ConsistencyToken#HEADER}; a request that sends such a token back is
 * handled once this service's projections have applied the events it names (each topic's consumer in
 * {@code roster.consistency.consumers}; a topic this service keeps no projection of is nothing to wait for), or
 * answered 503 {@code not-caught-up} after {@code max-wait}. Runs after authentication: only a caller the service
 * admits makes it look.
 */
public class ReadYourWritesFilter implements WebFilter, Ordered {

    /** After Spring Security's chain (order -100). */
    public static final int ORDER = 0;

    static final Duration LONGEST_CHECK = Duration.ofMillis(320);

    private final AtomicInteger waiting = new AtomicInteger();

    private final DatabaseClient database;
    private final ConsistencyProperties properties;
    private final int partitions;

    public ReadYourWritesFilter(DatabaseClient database, ConsistencyProperties properties, int partitions) {
        this.database = database;
        this.properties = properties;
        this.partitions = partitions;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String sent = exchange.getRequest().getHeaders().getFirst(ConsistencyToken.HEADER);
        WrittenEvents written = new WrittenEvents(partitions);
        exchange.getResponse().beforeCommit(() -> {
            if (exchange.getResponse().getStatusCode() != null && exchange.getResponse().getStatusCode().is2xxSuccessful()) {
                ConsistencyToken token = written.token();
                if (!token.isEmpty()) {
                    exchange.getResponse().getHeaders().set(ConsistencyToken.HEADER, token.format());
                }
            }
            return Mono.empty();
        });
        Mono<Void> caughtUp = sent == null ? Mono.empty() : Mono.defer(() -> caughtUp(ConsistencyToken.parse(sent)));
        return caughtUp.then(Mono.defer(() -> chain.filter(exchange)))
                .contextWrite(context -> context.put(WrittenEvents.class, written));
    }

    /**
     * Completes once every event of the token that this service projects has been applied by its consumer. A caller
     * cannot make the service work for it without bound: a waiting request looks less and less often (from
     * {@code check-every} up to {@link #LONGEST_CHECK}), and beyond {@code max-waiting} requests waiting at once the
     * next is answered 503 at once.
     */
    Mono<Void> caughtUp(ConsistencyToken token) {
        List<Map.Entry<String, List<UUID>>> projected = token.events().entrySet().stream()
                .filter(entry -> properties.consumers().containsKey(entry.getKey()))
                .toList();
        if (projected.isEmpty()) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            if (waiting.incrementAndGet() > properties.maxWaiting()) {
                waiting.decrementAndGet();
                return Mono.error(notCaughtUp("too many requests are waiting for this service to catch up"));
            }
            return Flux.fromIterable(projected)
                    .concatMap(entry -> applied(properties.consumers().get(entry.getKey()), entry.getValue()))
                    .then()
                    .timeout(properties.maxWait())
                    .onErrorMap(TimeoutException.class, timeout -> notCaughtUp("waited "
                            + properties.maxWait().toMillis() + " ms"))
                    .doFinally(signal -> waiting.decrementAndGet());
        });
    }

    private Mono<Void> applied(String consumer, List<UUID> events) {
        UUID[] distinct = events.stream().distinct().toArray(UUID[]::new);
        return Mono.defer(() -> database.sql("""
                                SELECT count(*) AS applied FROM processed_event
                                WHERE consumer = :consumer AND event_id = ANY(:events)""")
                        .bind("consumer", consumer)
                        .bind("events", distinct)
                        .map(row -> row.get("applied", Long.class))
                        .one())
                .filter(applied -> applied >= distinct.length)
                .repeatWhenEmpty(attempts -> attempts.concatMap(attempt -> Mono.delay(nextCheck(attempt))))
                .then();
    }

    /** {@code check-every}, doubling after each look, at most {@link #LONGEST_CHECK}. */
    private Duration nextCheck(long attempt) {
        Duration next = properties.checkEvery().multipliedBy(1L << Math.min(attempt, 10));
        return next.compareTo(LONGEST_CHECK) > 0 ? LONGEST_CHECK : next;
    }

    private static ProblemException notCaughtUp(String why) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "not-caught-up", "Not caught up yet",
                "This service has not yet applied the changes your earlier request made (" + why + "); try again in a moment")
                .with("retryAfterSeconds", 1);
    }

    /** How many requests wait for this service to catch up now. */
    int waiting() {
        return waiting.get();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
