package dev.roster.gateway.edge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's own settings, under {@code roster.gateway}.
 *
 * @param shed how a request shed by a full bulkhead is answered and logged
 * @param signIn failed sign-ins allowed per client address and replica
 */
@ConfigurationProperties("roster.gateway")
record EdgeProperties(@DefaultValue Shed shed, @DefaultValue SignIn signIn) {

    /**
     * @param retryAfter the {@code Retry-After} of a 503 from a full bulkhead
     * @param logEvery at most one warning in this time, with the number shed since the last
     */
    public record Shed(@DefaultValue("1s") Duration retryAfter, @DefaultValue("10s") Duration logEvery) {
    }

    /**
     * @param failures failed attempts allowed per address in {@code window}
     * @param window the window they are counted in
     */
    public record SignIn(@DefaultValue("50") int failures, @DefaultValue("1m") Duration window) {
    }
}
