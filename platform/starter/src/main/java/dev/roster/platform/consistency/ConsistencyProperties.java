package dev.roster.platform.consistency;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Read-your-writes, under {@code roster.consistency}.
 *
 * @param consumers for each topic this service keeps a projection of, the consumer (inbox name) that applies it: a
 *        request whose {@link ConsistencyToken} names events of that topic waits until this consumer has applied them
 * @param maxWait the longest a request waits for its projection to catch up; then it is answered 503
 *        {@code not-caught-up} with {@code Retry-After} rather than from data older than the caller's own write
 * @param checkEvery how soon a waiting request looks again the first time; then twice as long each time, up to 320 ms
 * @param maxWaiting requests of this instance that may wait at once; the next is answered 503 {@code not-caught-up} at
 *        once (a caller sending made-up tokens cannot tie up the database)
 */
@ConfigurationProperties("roster.consistency")
public record ConsistencyProperties(
        Map<String, String> consumers,
        @DefaultValue("5s") Duration maxWait,
        @DefaultValue("20ms") Duration checkEvery,
        @DefaultValue("64") int maxWaiting) {

    public ConsistencyProperties {
        consumers = consumers == null ? Map.of() : Map.copyOf(consumers);
    }
}
