package dev.roster.platform.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Fills in what every Roster problem carries: a typed slug, a title and the request path. */
final class ProblemResponses {

    private static final URI BLANK = URI.create("about:blank");

    private ProblemResponses() {
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
