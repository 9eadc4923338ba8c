package dev.roster.users.scim;

import org.springframework.http.HttpStatus;

/** A request SCIM refuses, answered as a SCIM error with its {@code scimType} (RFC 7644, table 9), where one fits. */
final class ScimException extends RuntimeException {

    private final HttpStatus status;
    private final String scimType;

    ScimException(HttpStatus status, String scimType, String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }

    static ScimException invalidFilter(String detail) {
        return new ScimException(HttpStatus.BAD_REQUEST, "invalidFilter", detail);
    }

    static ScimException invalidValue(String detail) {
        return new ScimException(HttpStatus.BAD_REQUEST, "invalidValue", detail);
    }

    static ScimException invalidSyntax(String detail) {
        return new ScimException(HttpStatus.BAD_REQUEST, "invalidSyntax", detail);
    }

    static ScimException invalidPath(String detail) {
        return new ScimException(HttpStatus.BAD_REQUEST, "invalidPath", detail);
    }

    static ScimException notFound(String what) {
        return new ScimException(HttpStatus.NOT_FOUND, null, what + " not found");
    }

    HttpStatus status() {
        return status;
    }

    String scimType() {
        return scimType;
    }
}
