package dev.roster.gateway.edge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.roster.platform.problem.Problems;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Limits sign-in attempts (sign-in, refresh, set-password) per client address with a token bucket:
 * past the limit the answer is 429 with {@code Retry-After}, before anything reaches user-service.
 * (user-service also locks a login after repeated failures, whatever address they come from.)
 */
public class SignInRateLimiter implements WebFilter, Ordered {

    private static final List<String> PATHS = List.of("/api/v1/auth/sign-in", "/api/v1/auth/refresh",
            "/api/v1/auth/set-password");

    private final int attempts;
    private final Duration window;
    private final JsonMapper mapper;
    private final Counter limited;
    private final Cache<String, Bucket> buckets;

    public SignInRateLimiter(int attempts, Duration window, JsonMapper mapper, MeterRegistry meters) {
        this.attempts = attempts;
        this.window = window;
        this.mapper = mapper;
        this.limited = Counter.builder("roster.gateway.sign-in.limited")
                .description("Sign-in attempts refused by the rate limit").register(meters);
        this.buckets = Caffeine.newBuilder().expireAfterAccess(window.multipliedBy(2)).maximumSize(100_000).build();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.POST || !PATHS.contains(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        Bucket bucket = buckets.get(client(exchange), key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(attempts).refillGreedy(attempts, window).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return chain.filter(exchange);
        }
        limited.increment();
        long retryAfter = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()
                + (probe.getNanosToWaitForRefill() % 1_000_000_000 == 0 ? 0 : 1));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many sign-in attempts from this address; try again in " + retryAfter + " s");
        problem.setType(Problems.type("too-many-requests"));
        problem.setTitle("Too many requests");
        problem.setProperty("retryAfterSeconds", retryAfter);
        exchange.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(retryAfter));
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = mapper.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
    }

    /** The client as the gateway sees it: the peer address (a load balancer in front would set it). */
    private static String client(ServerWebExchange exchange) {
        return exchange.getRequest().getRemoteAddress() instanceof InetSocketAddress address && address.getAddress() != null
                ? address.getAddress().getHostAddress() : "unknown";
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
