package dev.roster.platform.problem;

import java.net.ConnectException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

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
            return Optional.of(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The service is unavailable right now; try again shortly"));
        }
        return Optional.empty();
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
