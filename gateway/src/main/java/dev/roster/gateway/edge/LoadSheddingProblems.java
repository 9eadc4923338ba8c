package dev.roster.gateway.edge;

import dev.roster.platform.problem.Problems;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/**
 * When the gateway sheds a request itself — the route's bulkhead is full, or its circuit breaker is open —
 * it answers 503 {@code service-unavailable} with {@code Retry-After}, counts it
 * ({@code roster.gateway.shed{route, reason}}) and logs one WARN per route, reason and {@code logEvery}
 * with the number shed, never a stack trace: shedding is the gateway working as designed, and a burst of
 * it must not flood the log. (Spring Cloud Gateway turns Resilience4j's {@code CallNotPermittedException},
 * breaker open, into its {@code ServiceUnavailableException}.) Ahead of the platform's handler of every
 * other exception, which logs each one as an error with its stack trace.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class LoadSheddingProblems {

    private static final Logger log = LoggerFactory.getLogger(LoadSheddingProblems.class);

    enum Reason {
        BULKHEAD_FULL("bulkhead-full", "more calls in flight than the route allows"),
        CIRCUIT_OPEN("circuit-open", "the service failed too often; its circuit breaker is open");

        final String tag;
        final String why;

        Reason(String tag, String why) {
            this.tag = tag;
            this.why = why;
        }
    }

    private final MeterRegistry meters;
    private final Duration busyRetryAfter;
    private final Duration openRetryAfter;
    private final Duration logEvery;
    private final Clock clock;
    private final Map<String, Burst> bursts = new ConcurrentHashMap<>();

    LoadSheddingProblems(MeterRegistry meters, Duration busyRetryAfter, Duration openRetryAfter,
            Duration logEvery, Clock clock) {
        this.meters = meters;
        this.busyRetryAfter = busyRetryAfter;
        this.openRetryAfter = openRetryAfter;
        this.logEvery = logEvery;
        this.clock = clock;
    }

    @ExceptionHandler({BulkheadFullException.class, ServiceUnavailableException.class, CallNotPermittedException.class})
    ResponseEntity<ProblemDetail> shed(Exception error, ServerWebExchange exchange) {
        Reason reason = reasonFor(error);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String routeId = route != null ? route.getId() : "none";
        bursts.computeIfAbsent(routeId + ' ' + reason.tag, key -> new Burst(routeId, reason)).shed();
        Duration retryAfter = reason == Reason.BULKHEAD_FULL ? busyRetryAfter : openRetryAfter;
        long seconds = Math.max(1, retryAfter.toSeconds());
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase(),
                "The service is unavailable right now; try again in " + seconds + " s", exchange.getRequest().getPath().value());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    static Reason reasonFor(Throwable error) {
        return error instanceof BulkheadFullException ? Reason.BULKHEAD_FULL : Reason.CIRCUIT_OPEN;
    }

    /** The requests of one route shed for one reason: counted always, logged at most once per {@code logEvery}. */
    private final class Burst {

        private final String routeId;
        private final Reason reason;
        private final Counter counter;
        private final AtomicLong sinceLogged = new AtomicLong();
        private final AtomicLong loggedAt = new AtomicLong(Long.MIN_VALUE);

        Burst(String routeId, Reason reason) {
            this.routeId = routeId;
            this.reason = reason;
            this.counter = Counter.builder("roster.gateway.shed")
                    .description("Requests the gateway answered 503 itself: bulkhead full or circuit breaker open")
                    .tag("route", routeId).tag("reason", reason.tag).register(meters);
        }

        void shed() {
            counter.increment();
            sinceLogged.incrementAndGet();
            long now = clock.millis();
            long last = loggedAt.get();
            if ((last == Long.MIN_VALUE || now - last >= logEvery.toMillis()) && loggedAt.compareAndSet(last, now)) {
                long count = sinceLogged.getAndSet(0);
                log.warn("Shedding requests to route {}: {}; {} answered 503 since the last report (next report in {} s at most)",
                        routeId, reason.why, count, logEvery.toSeconds());
            }
        }
    }
}
