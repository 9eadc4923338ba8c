package dev.roster.platform.problem;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * The one place where exceptions of any Roster service become RFC 9457 problem details with a
 * {@code https://roster.dev/problems/<slug>} type. Nothing internal leaks into a 500.
 */
@RestControllerAdvice
public class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);

    @ExceptionHandler(ProblemException.class)
    Mono<ResponseEntity<Object>> problem(ProblemException ex, ServerWebExchange exchange) {
        ProblemDetail problem = ex.toProblemDetail();
        // a problem that says when to come back says it in the standard header too
        return handleExceptionInternal(ex, problem, ProblemResponses.headers(problem), ex.status(), exchange);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    Mono<ResponseEntity<Object>> concurrentModification(OptimisticLockingFailureException ex, ServerWebExchange exchange) {
        return handleExceptionInternal(ex, problem(HttpStatus.CONFLICT, "concurrent-modification",
                "Someone else changed this at the same time; reload and try again"), null, HttpStatus.CONFLICT, exchange);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    Mono<ResponseEntity<Object>> duplicate(DuplicateKeyException ex, ServerWebExchange exchange) {
        return handleExceptionInternal(ex, problem(HttpStatus.CONFLICT, "conflict",
                "This conflicts with something that already exists"), null, HttpStatus.CONFLICT, exchange);
    }

    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<Object>> unexpected(Exception ex, ServerWebExchange exchange) {
        var upstream = ProblemResponses.upstreamFailure(ex);
        if (upstream.isPresent()) {
            // a service behind the gateway did not answer, or is not there: 504, or 503 with when to try again
            HttpStatusCode status = HttpStatusCode.valueOf(upstream.get().getStatus());
            return handleExceptionInternal(ex, upstream.get(), ProblemResponses.headers(upstream.get()), status, exchange);
        }
        return handleExceptionInternal(ex, problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Something went wrong on our side"), null, HttpStatus.INTERNAL_SERVER_ERROR, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation-failed", "The request has invalid fields");
        List<Map<String, Object>> errors = ex.getFieldErrors().stream()
                .map(error -> Map.<String, Object>of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (ProblemResponses.causedBy(ex, DataBufferLimitException.class)) {
            return handleExceptionInternal(ex, problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                    "The request body is too large"), headers, HttpStatus.CONTENT_TOO_LARGE, exchange);
        }
        // a JSON string with NUL or another control character (dev.roster.platform.web.StrictStringDeserializer)
        if (ProblemResponses.causedBy(ex, "dev.roster.platform.web.InvalidCharactersException")) {
            return handleExceptionInternal(ex, ProblemException.invalidCharacters().toProblemDetail(), headers,
                    HttpStatus.BAD_REQUEST, exchange);
        }
        String detail = ProblemResponses.causedBy(ex, DecodingException.class) ? "The request body is not valid JSON of the expected shape"
                : ex.getReason() != null ? ex.getReason() : "The request is malformed";
        return handleExceptionInternal(ex, problem(HttpStatus.BAD_REQUEST, "malformed-request", detail), headers,
                HttpStatus.BAD_REQUEST, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        if (body == null && ex instanceof ErrorResponse errorResponse) {
            body = errorResponse.updateAndGetBody(getMessageSource(), java.util.Locale.getDefault());
        }
        if (body instanceof ProblemDetail problem) {
            ProblemResponses.complete(problem, status, exchange.getRequest().getPath().value());
        }
        if (status.is5xxServerError()) {
            // every answer the server could not give, one line (the gateway's 504 and 503 for a service behind it too)
            ProblemResponses.logFailure(log, exchange, ex, status);
        }
        boolean unavailable = status.value() == HttpStatus.SERVICE_UNAVAILABLE.value();
        if (unavailable && (headers == null || !headers.containsHeader(HttpHeaders.RETRY_AFTER))) {
            // unavailable for now: say when to try again, as every 503 of Roster does
            HttpHeaders withRetry = new HttpHeaders();
            if (headers != null) {
                withRetry.addAll(headers);
            }
            withRetry.set(HttpHeaders.RETRY_AFTER, "1");
            headers = withRetry;
        }
        return super.handleExceptionInternal(ex, body, headers, status, exchange);
    }

    private static ProblemDetail problem(HttpStatus status, String slug, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(Problems.type(slug));
        return problem;
    }
}
