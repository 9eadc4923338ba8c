package dev.roster.platform.problem;

import dev.roster.platform.observability.TraceHeaders;
import java.net.ConnectException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;

/** Fills in what every Roster problem carries: a typed slug, a title and the request path. */
final class ProblemResponses {

    private static final URI BLANK = URI.create("about:blank");

    private ProblemResponses() {
    }

    /**
     * A service behind the gateway that did not answer in time (504), refused the connection or has
     * its circuit breaker open (503); empty for any other error.
     */
    static Optional<ProblemDetail> upstreamFailure(Throwable error) {
        if (causedBy(error, TimeoutException.class)) {
            return Optional.of(ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT, "The request timed out"));
        }
        if (causedBy(error, ConnectException.class)
                || causedBy(error, "io.github.resilience4j.circuitbreaker.CallNotPermittedException")
                || causedBy(error, "org.springframework.cloud.gateway.support.ServiceUnavailableException")) {
            ProblemDetail unavailable = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The service is unavailable right now; try again shortly");
            // a replica restarting or failing over: worth a try again in a second (Retry-After says so)
            unavailable.setProperty("retryAfterSeconds", 1);
            return Optional.of(unavailable);
        }
        return Optional.empty();
    }

    /** The headers a problem brings: {@code Retry-After} when it says when to come back ({@code retryAfterSeconds}). */
    static HttpHeaders headers(ProblemDetail problem) {
        HttpHeaders headers = new HttpHeaders();
        if (problem.getProperties() != null && problem.getProperties().get("retryAfterSeconds") instanceof Number seconds) {
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds.longValue()));
        }
        return headers;
    }

    /**
     * One line for a request the server could not answer (5xx), with the request id the client got back (in the
     * services it is in the log context already, as baggage; the gateway gives it in the answer's headers): a
     * warning when the cause is known (the client left, a service behind the gateway did not answer, a filter or the
     * framework chose the answer), an error with the stack trace otherwise.
     */
    static void logFailure(Logger log, ServerWebExchange exchange, Throwable error, HttpStatusCode status) {
        String requestId = exchange.getResponse().getHeaders().getFirst(TraceHeaders.REQUEST_ID);
        try (MDC.MDCCloseable ignored = requestId == null || MDC.get(TraceHeaders.REQUEST_ID) != null ? null
                : MDC.putCloseable(TraceHeaders.REQUEST_ID, requestId)) {
            if (clientGone(error)) {
                log.warn("A connection closed before the answer to {} {}: {}", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), error.toString());
            }
            else if (error instanceof ProblemException || upstreamFailure(error).isPresent()
                    || (error instanceof ErrorResponse chosen && chosen.getStatusCode().value() != 500)) {
                log.warn("Request {} {} answered {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                        status.value(), error.toString());
            }
            else {
                log.error("Request {} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
            }
        }
    }

    /**
     * A connection closed before the answer was written (mostly the client's: a load generator stopping, a
     * user leaving a page): one line is enough, not an error with a stack trace.
     */
    static boolean clientGone(Throwable error) {
        return causedBy(error, "reactor.netty.channel.AbortedException");
    }

    static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    static boolean causedBy(Throwable error, String className) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    static ProblemDetail complete(ProblemDetail problem, HttpStatusCode status, String path) {
        if (problem.getType() == null || BLANK.equals(problem.getType())) {
            problem.setType(Problems.type(Problems.slugOf(status)));
        }
        if (problem.getTitle() == null) {
            HttpStatus known = HttpStatus.resolve(status.value());
            problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        }
        if (problem.getInstance() == null && path != null) {
            problem.setInstance(URI.create(path));
        }
        return problem;
    }
}
