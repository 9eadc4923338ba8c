package dev.roster.gateway.edge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.roster.platform.problem.Problems;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A coarse guard against guessing bots: counts the failed sign-in attempts (sign-in, refresh,
 * set-password answered 401 or 429) of each client address: {@code failures} per {@code window}, all
 * given back when the window ends; once an address has used them up, its attempts are answered 429 with
 * {@code Retry-After} (the rest of the window) here, before they reach user-service. Successful sign-ins cost nothing, so an
 * office behind one NAT signs in freely. The client address is the request's remote address, which the
 * platform takes from {@code Forwarded}/{@code X-Forwarded-For} only when the peer is a trusted proxy.
 * The buckets live in this replica's memory: the limit is per replica. The authority on guessing is
 * user-service, which slows down each (login, address) pair in its database, shared by its replicas.
 */
class SignInRateLimiter implements WebFilter, Ordered {

    private static final List<String> PATHS = List.of("/api/v1/auth/sign-in", "/api/v1/auth/refresh",
            "/api/v1/auth/set-password");

    private final int failures;
    private final Duration window;
    private final JsonMapper mapper;
    private final Counter limited;
    private final Cache<String, Bucket> buckets;

    public SignInRateLimiter(int failures, Duration window, JsonMapper mapper, MeterRegistry meters) {
        this.failures = failures;
        this.window = window;
        this.mapper = mapper;
        this.limited = Counter.builder("roster.gateway.sign-in.limited")
                .description("Sign-in attempts refused because their address failed too often").register(meters);
        this.buckets = Caffeine.newBuilder().expireAfterAccess(window.multipliedBy(2)).maximumSize(100_000).build();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.POST || !PATHS.contains(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        Bucket bucket = buckets.get(client(exchange), key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(failures).refillIntervally(failures, window).build())
                .build());
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        if (!probe.canBeConsumed()) {
            return refuse(exchange, probe.getNanosToWaitForRefill());
        }
        exchange.getResponse().beforeCommit(() -> {
            if (failed(exchange.getResponse().getStatusCode())) {
                bucket.tryConsume(1);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static boolean failed(HttpStatusCode status) {
        return status != null && (status.value() == HttpStatus.UNAUTHORIZED.value()
                || status.value() == HttpStatus.TOO_MANY_REQUESTS.value());
    }

    private Mono<Void> refuse(ServerWebExchange exchange, long nanosToWait) {
        limited.increment();
        long retryAfter = Math.max(1, Duration.ofNanos(nanosToWait).toSeconds() + (nanosToWait % 1_000_000_000 == 0 ? 0 : 1));
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
                "Too many failed sign-in attempts from this address; try again in " + retryAfter + " s",
                exchange.getRequest().getPath().value());
        problem.setProperty("retryAfterSeconds", retryAfter);
        // the request's body is read (and dropped) first, so the client is never cut off while still sending it
        return exchange.getRequest().getBody().doOnNext(DataBufferUtils::release)
                .then(Mono.defer(() -> Problems.write(exchange, mapper, problem)));
    }

    /** The client: the remote address, as the trusted forwarded headers (if any) set it. */
    private static String client(ServerWebExchange exchange) {
        return exchange.getRequest().getRemoteAddress() instanceof InetSocketAddress address && address.getAddress() != null
                ? address.getAddress().getHostAddress() : "unknown";
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
