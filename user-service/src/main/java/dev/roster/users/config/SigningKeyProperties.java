package dev.roster.users.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How user-service keeps its signing keys at rest, under {@code roster.users.signing-keys}.
 *
 * @param secret the key the RSA private keys are encrypted with in the database ({@code ROSTER_SIGNING_KEY_SECRET});
 *     required: without it the service does not start
 */
@ConfigurationProperties("roster.users.signing-keys")
public record SigningKeyProperties(String secret) {

    /** How an operator sets {@link #secret}, as error messages name it. */
    public static final String SETTING = "roster.users.signing-keys.secret (environment variable ROSTER_SIGNING_KEY_SECRET)";

    /** What the secret encrypts; also the salt of its key derivation. */
    public static final String PURPOSE = "the signing keys";
}
