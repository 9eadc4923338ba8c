package dev.roster.gateway.edge;

import dev.roster.platform.problem.Problems;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Cloud Gateway's {@code RequestSize} filter ends an oversized request with a bare 413 (and an
 * {@code errorMessage} header); this turns that into a 413 {@code payload-too-large} problem like every
 * other error of Roster.
 */
class PayloadTooLargeProblems implements WebFilter, Ordered {

    private static final String ERROR_MESSAGE = "errorMessage";

    private final JsonMapper mapper;

    PayloadTooLargeProblems(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponse response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> setComplete() {
                if (getStatusCode() == null || getStatusCode().value() != 413 || isCommitted()) {
                    return super.setComplete();
                }
                String limit = getHeaders().getFirst(ERROR_MESSAGE);
                getHeaders().remove(ERROR_MESSAGE);
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                        limit != null ? limit : "The request body is larger than this path accepts");
                problem.setType(Problems.type("payload-too-large"));
                problem.setTitle("Payload too large");
                problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
                byte[] body = mapper.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
                getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
                getHeaders().setContentLength(body.length);
                return writeWith(Mono.just(bufferFactory().wrap(body)));
            }
        };
        return chain.filter(exchange.mutate().response(response).build());
    }

    /** Early, so that every later filter and the routing see the decorated response. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
