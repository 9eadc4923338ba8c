package dev.roster.users.signin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed sign-ins slow down, under {@code roster.users.sign-in}; see {@link SignInThrottlePolicy}.
 *
 * @param freeFailures failures of a login from one address in a row before the first delay
 * @param firstDelay the first delay; each further failure doubles it
 * @param maxDelay the longest delay
 * @param forgetAfter a streak of failures this old is forgotten
 * @param sprayLogins different logins of an account failing within {@code sprayWindow} that raise the spraying alarm
 * @param sprayWindow the window of the spraying alarm
 */
@ConfigurationProperties("roster.users.sign-in")
record SignInThrottleProperties(
        @DefaultValue("5") int freeFailures,
        @DefaultValue("2s") Duration firstDelay,
        @DefaultValue("15m") Duration maxDelay,
        @DefaultValue("24h") Duration forgetAfter,
        @DefaultValue("20") int sprayLogins,
        @DefaultValue("10m") Duration sprayWindow) {

    SignInThrottlePolicy policy() {
        return new SignInThrottlePolicy(freeFailures, firstDelay, maxDelay, forgetAfter, sprayLogins, sprayWindow);
    }
}
