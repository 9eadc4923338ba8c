package dev.roster.gateway.access;

import dev.roster.platform.problem.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, with 401 {@code access-revoked}, a valid token of a user who is no longer active, was
 * deleted, or whose tokens issued before a moment (a deactivation, a password change) are void.
 * Runs after authentication; looks only at memory.
 */
public class RevocationFilter implements WebFilter, Ordered {

    static final String ISSUED_AT_MILLIS = "iat_ms";

    private final AccessStates states;
    private final JsonMapper mapper;
    private final Counter revoked;

    public RevocationFilter(AccessStates states, JsonMapper mapper, MeterRegistry meters) {
        this.states = states;
        this.mapper = mapper;
        this.revoked = Counter.builder("roster.gateway.revoked")
                .description("Requests refused because the user's access was revoked").register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(authentication -> authentication.getPrincipal() instanceof Jwt)
                .map(authentication -> (Jwt) authentication.getPrincipal())
                .flatMap(jwt -> Mono.justOrEmpty(states.refusal(UUID.fromString(jwt.getSubject()), issuedAt(jwt))))
                .map(reason -> refuse(exchange, reason))
                .defaultIfEmpty(chain.filter(exchange))
                .flatMap(next -> next);
    }

    /** When the token was issued, to the millisecond when user-service says so (iat has whole seconds). */
    static java.time.Instant issuedAt(Jwt jwt) {
        Object millis = jwt.getClaims().get(ISSUED_AT_MILLIS);
        return millis instanceof Number number ? java.time.Instant.ofEpochMilli(number.longValue()) : jwt.getIssuedAt();
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String reason) {
        revoked.increment();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, reason);
        problem.setType(Problems.type("access-revoked"));
        problem.setTitle("Access revoked");
        problem.setInstance(java.net.URI.create(exchange.getRequest().getPath().value()));
        byte[] body = mapper.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
    }

    /** After Spring Security's filter chain (order -100), before routing. */
    @Override
    public int getOrder() {
        return 0;
    }
}
