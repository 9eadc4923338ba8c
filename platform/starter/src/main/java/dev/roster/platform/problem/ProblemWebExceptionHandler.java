package dev.roster.platform.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers errors that never reach a controller (no such route, a filter that failed, a proxied
 * call that timed out) as problem details too, before Boot's default error handler would answer
 * with its own JSON.
 */
public class ProblemWebExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

    private final JsonMapper mapper;

    public ProblemWebExceptionHandler(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        ProblemDetail problem = toProblem(error);
        HttpStatusCode status = HttpStatusCode.valueOf(problem.getStatus());
        if (status.is5xxServerError()) {
            ProblemResponses.logFailure(log, exchange, error, status);
        }
        ProblemResponses.complete(problem, status, exchange.getRequest().getPath().value());
        if (error instanceof ResponseStatusException statusError) {
            statusError.getHeaders().forEach((name, values) -> exchange.getResponse().getHeaders().addAll(name, values));
        }
        // a problem that says when to come back says it in the standard header too (Problems.write)
        return Problems.write(exchange, mapper, problem);
    }

    private static ProblemDetail toProblem(Throwable error) {
        if (error instanceof ProblemException problem) {
            return problem.toProblemDetail();
        }
        var upstream = ProblemResponses.upstreamFailure(error);
        if (upstream.isPresent()) {
            return upstream.get();
        }
        if (error instanceof ErrorResponse response) {
            ProblemDetail body = response.getBody();
            ProblemDetail copy = ProblemDetail.forStatusAndDetail(response.getStatusCode(), body.getDetail());
            copy.setType(body.getType());
            copy.setTitle(body.getTitle());
            return copy;
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side");
    }
}
