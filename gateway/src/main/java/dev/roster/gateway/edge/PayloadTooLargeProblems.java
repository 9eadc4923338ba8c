package dev.roster.gateway.edge;

import dev.roster.platform.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
                byte[] body = Problems.json(mapper, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                        "Payload too large", limit != null ? limit : "The request body is larger than this path accepts",
                        exchange.getRequest().getPath().value()));
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
