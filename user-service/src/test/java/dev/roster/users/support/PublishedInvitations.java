package dev.roster.users.support;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.RosterEvent;
import dev.roster.events.Topics;
import dev.roster.events.user.UserInvited;
import dev.roster.testing.TestKafka;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The one-time token of a user's latest invitation, as the notification service receives it: from the
 * broker (user-service keeps only its hash, and deletes the outbox row once published).
 */
public final class PublishedInvitations {

    private PublishedInvitations() {
    }

    /** The latest {@code UserInvited} of {@code userId} published within a few seconds, or an assertion error. */
    public static UserInvited latest(TestKafka kafka, EventJson json, UUID userId) {
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(Topics.USERS)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            UserInvited latest = null;
            // read until the broker is quiet for a moment after the first invitation of this user
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(userId.toString()) && record.value() != null) {
                        EventEnvelope<RosterEvent> event = json.read(record.value());
                        if (event.data() instanceof UserInvited invited) {
                            latest = invited;
                            quietUntil = System.nanoTime() + Duration.ofMillis(500).toNanos();
                        }
                    }
                }
            }
            if (latest == null) {
                throw new AssertionError("No invitation of " + userId + " was published");
            }
            return latest;
        }
    }
}
