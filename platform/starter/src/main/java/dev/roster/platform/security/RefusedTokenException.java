package dev.roster.platform.security;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/** A well-signed access token refused anyway (claims missing or malformed, access revoked): a 401 problem of {@code slug}. */
public class RefusedTokenException extends OAuth2AuthenticationException {

    private final String slug;
    private final String title;

    RefusedTokenException(String slug, String title, String detail) {
        super(new OAuth2Error("invalid_token", detail, null), detail);
        this.slug = slug;
        this.title = title;
    }

    static RefusedTokenException invalid(String detail) {
        return new RefusedTokenException("unauthorized", "Unauthorized", detail);
    }

    static RefusedTokenException revoked(String detail) {
        return new RefusedTokenException("access-revoked", "Access revoked", detail);
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
