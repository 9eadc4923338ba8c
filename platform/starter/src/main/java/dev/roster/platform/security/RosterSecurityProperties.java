package dev.roster.platform.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service checks access tokens, under {@code roster.security}.
 *
 * @param jwkSetUri where user-service publishes its signing keys (JWKS); unset: no resource server
 * @param issuer the expected {@code iss} claim, when set
 * @param publicPaths path patterns open without a token, besides health, metrics and API docs
 */
@ConfigurationProperties("roster.security")
public record RosterSecurityProperties(
        String jwkSetUri,
        String issuer,
        @DefaultValue List<String> publicPaths) {
}
