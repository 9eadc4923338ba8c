package dev.roster.notifications.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How notification-service keeps the one-time secrets of queued emails, under {@code roster.notifications.secrets}.
 *
 * @param key the key they are encrypted with until the email is sent ({@code ROSTER_NOTIFICATION_SECRET_KEY});
 *     required: without it the service does not start
 */
@ConfigurationProperties("roster.notifications.secrets")
record SecretProperties(String key) {

    /** How an operator sets {@link #key}, as error messages name it. */
    public static final String SETTING = "roster.notifications.secrets.key (environment variable ROSTER_NOTIFICATION_SECRET_KEY)";

    /** What the key encrypts; also the salt of its key derivation. */
    public static final String PURPOSE = "the one-time links of queued emails";
}
