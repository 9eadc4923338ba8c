package dev.roster.platform.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A domain failure with its answer: the HTTP status, a stable slug (the problem type), a short
 * title and a detail for people. Services throw it (or return it in a {@code Mono.error}); the
 * shared handler turns it into {@code application/problem+json}.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ProblemException(HttpStatus status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " was not found");
    }

    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, slug, "Bad request", detail);
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, slug, "Conflict", detail);
    }

    /** 409 {@code concurrent-modification}: {@code what} (such as "The user") changed between its read and this write. */
    public static ProblemException changedMeanwhile(String what) {
        return conflict("concurrent-modification", what + " changed meanwhile; reload it and try again");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    /** Text with NUL or another control character, in a path, a query parameter, a JSON body or a file's cell. */
    public static ProblemException invalidCharacters() {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-characters", "Invalid characters",
                "Text must not contain NUL or other control characters (tab and line breaks are allowed where a field takes them)");
    }

    /** Adds a property to the problem's JSON (e.g. the seats in use), for clients to act on. */
    public ProblemException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(Problems.type(slug));
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }
}
