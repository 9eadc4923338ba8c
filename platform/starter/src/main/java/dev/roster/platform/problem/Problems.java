package dev.roster.platform.problem;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Roster's problem types: {@code https://roster.dev/problems/<slug>}. */
public final class Problems {

    public static final String BASE = "https://roster.dev/problems/";

    private static final Map<Integer, String> SLUGS = Map.ofEntries(
            Map.entry(400, "bad-request"),
            Map.entry(401, "unauthorized"),
            Map.entry(403, "forbidden"),
            Map.entry(404, "not-found"),
            Map.entry(405, "method-not-allowed"),
            Map.entry(406, "not-acceptable"),
            Map.entry(409, "conflict"),
            Map.entry(412, "precondition-failed"),
            Map.entry(413, "payload-too-large"),
            Map.entry(415, "unsupported-media-type"),
            Map.entry(422, "unprocessable"),
            Map.entry(428, "precondition-required"),
            Map.entry(429, "too-many-requests"),
            Map.entry(500, "internal-error"),
            Map.entry(502, "bad-gateway"),
            Map.entry(503, "service-unavailable"),
            Map.entry(504, "gateway-timeout"));

    private Problems() {
    }

    public static URI type(String slug) {
        return URI.create(BASE + slug);
    }

    /** A problem of {@code status} with its slug's type, a title, the detail and the request path as its instance. */
    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        problem.setInstance(URI.create(path));
        return problem;
    }

    /** The problem as JSON bytes, for a response written by hand (a filter, a security entry point). */
    public static byte[] json(JsonMapper mapper, ProblemDetail problem) {
        return mapper.writeValueAsBytes(problem);
    }

    /**
     * Answers the exchange with {@code problem}: its status, {@code application/problem+json}, {@code Retry-After}
     * when the problem says when to come back ({@code retryAfterSeconds}), and the JSON body.
     */
    public static Mono<Void> write(ServerWebExchange exchange, JsonMapper mapper, ProblemDetail problem) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().addAll(ProblemResponses.headers(problem));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(json(mapper, problem))));
    }

    /** The generic slug of an HTTP status, for problems that have no more specific one. */
    public static String slugOf(HttpStatusCode status) {
        return SLUGS.getOrDefault(status.value(), status.is4xxClientError() ? "bad-request" : "internal-error");
    }
}
