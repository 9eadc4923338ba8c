package dev.roster.users.scim;

import dev.roster.platform.problem.ProblemException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every refusal under {@code /scim/v2} as a SCIM error: Roster's problems with the {@code scimType} that fits
 * (a login or email taken is {@code uniqueness}, a value the rules refuse {@code invalidValue}), malformed JSON as
 * {@code invalidSyntax}.
 */
@RestControllerAdvice(assignableTypes = {ScimUserController.class, ScimGroupController.class, ScimDiscoveryController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ScimAdvice {

    @ExceptionHandler(ScimException.class)
    ResponseEntity<Map<String, Object>> scim(ScimException error) {
        return error(error.status(), error.scimType(), error.getMessage());
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Map<String, Object>> problem(ProblemException problem) {
        String slug = problem.slug();
        String scimType = slug.endsWith("-taken") ? "uniqueness"
                : problem.status() == HttpStatus.BAD_REQUEST ? "invalidValue" : null;
        String detail = problem.toProblemDetail().getDetail();
        return error(problem.status(), scimType, slug + ": " + (detail == null ? problem.getMessage() : detail));
    }

    /** Two requests racing for the same userName or externalId: the database's unique index decides. */
    @ExceptionHandler(org.springframework.dao.DuplicateKeyException.class)
    ResponseEntity<Map<String, Object>> duplicate(org.springframework.dao.DuplicateKeyException error) {
        return error(HttpStatus.CONFLICT, "uniqueness", "Another resource of the account has this userName or externalId");
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<Map<String, Object>> status(ResponseStatusException error) {
        HttpStatus status = HttpStatus.valueOf(error.getStatusCode().value());
        return error(status, status == HttpStatus.BAD_REQUEST ? "invalidSyntax" : null,
                error.getReason() == null ? status.getReasonPhrase() : error.getReason());
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String scimType, String detail) {
        return ResponseEntity.status(status).contentType(ScimErrors.SCIM_JSON).body(ScimErrors.body(status, scimType, detail));
    }
}
