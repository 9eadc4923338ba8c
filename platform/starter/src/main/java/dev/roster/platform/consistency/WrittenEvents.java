package dev.roster.platform.consistency;

import dev.roster.events.EventEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;

/**
 * The events one request recorded in the outbox, as a {@link ConsistencyToken}: per topic, the last event of each
 * partition its events go to (Kafka's partitioner for a keyed record, over the {@code roster.kafka.partitions} a
 * service creates its topics with). A consumer applies a partition in order, so once it has applied that event it
 * has applied every earlier event of the same key: exact for the changes of one user. For a bulk change the relay
 * may publish two batches at once, so another user's event can land in a partition after the one named here; a read
 * then waits for all but those stragglers. Lives in the request's Reactor context;
 * {@link dev.roster.platform.outbox.Outbox} notes what it records.
 */
public final class WrittenEvents {

    private final int partitions;
    private final Map<String, Map<Integer, UUID>> lastByPartition = new LinkedHashMap<>();

    public WrittenEvents(int partitions) {
        this.partitions = partitions;
    }

    /** Notes events recorded for {@code topic}, in the order recorded. */
    public synchronized void note(String topic, List<? extends EventEnvelope<?>> events) {
        Map<Integer, UUID> last = lastByPartition.computeIfAbsent(topic, ignored -> new LinkedHashMap<>());
        for (EventEnvelope<?> event : events) {
            last.put(partition(event.subject()), event.eventId());
        }
    }

    public synchronized ConsistencyToken token() {
        Map<String, List<UUID>> events = new LinkedHashMap<>();
        lastByPartition.forEach((topic, last) -> events.put(topic, List.copyOf(last.values())));
        return new ConsistencyToken(events);
    }

    private int partition(String key) {
        return key == null ? 0 : Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
