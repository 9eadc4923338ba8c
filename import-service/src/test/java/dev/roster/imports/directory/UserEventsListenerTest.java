package dev.roster.imports.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.Topics;
import dev.roster.events.user.UserCreated;
import dev.roster.events.user.UserProfile;
import dev.roster.events.user.UserStatus;
import dev.roster.events.user.UserStatusChanged;
import dev.roster.events.user.UserUpdated;
import dev.roster.imports.support.ImportServiceTest;
import dev.roster.testing.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The directory follows roster.users.v1 a poll at a time: every event once, each user's in order. */
@ImportServiceTest
class UserEventsListenerTest {

    @Autowired TestKafka kafka;
    @Autowired EventJson json;
    @Autowired DirectoryRepository directory;

    @Test
    void aBurstOfCreationsUpdatesAndStatusChangesEndsInEachUsersLastStateWhateverIsRedelivered() throws Exception {
        UUID account = UUID.randomUUID();
        int size = 1_500;
        List<EventEnvelope<?>> events = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            events.add(EventEnvelope.of(account, id, new UserCreated(profile(id, i, "first", UserStatus.ACTIVE), null)));
        }
        for (int i = 0; i < size; i += 3) {
            UUID id = ids.get(i);
            events.add(EventEnvelope.of(account, id, new UserUpdated(profile(id, i, "second", UserStatus.ACTIVE),
                    List.of("email"), null)));
            events.add(EventEnvelope.of(account, id, new UserStatusChanged(id, UserStatus.ACTIVE, UserStatus.INACTIVE,
                    Instant.now(), null, false, null)));
            events.add(EventEnvelope.of(account, id, new UserUpdated(profile(id, i, "third", UserStatus.INACTIVE),
                    List.of("email"), null)));
        }
        LocalDate ended = LocalDate.of(2026, 10, 31);
        for (int i = 1; i < size; i += 3) {
            // two changes of one user in a run of status changes: the later one wins
            UUID id = ids.get(i);
            events.add(EventEnvelope.of(account, id, new UserStatusChanged(id, UserStatus.ACTIVE, UserStatus.INACTIVE,
                    Instant.now(), null, false, null)));
            events.add(EventEnvelope.of(account, id, new UserStatusChanged(id, UserStatus.INACTIVE,
                    UserStatus.EMPLOYMENT_ENDED, Instant.now(), ended, false, null)));
        }
        events.add(events.getFirst());
        send(events);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, DirectoryUser> users = directory.users(account).collectMap(DirectoryUser::login).block();
            assertThat(users).hasSize(size);
            for (int i = 0; i < size; i++) {
                DirectoryUser user = users.get("burst" + i);
                assertThat(user.email()).as("user %d", i).isEqualTo((i % 3 == 0 ? "third" : "first") + i + "@example.com");
                assertThat(user.status()).as("user %d", i).isEqualTo(switch (i % 3) {
                    case 0 -> UserStatus.INACTIVE;
                    case 1 -> UserStatus.EMPLOYMENT_ENDED;
                    default -> UserStatus.ACTIVE;
                });
                assertThat(user.employmentEndedOn()).as("user %d", i).isEqualTo(i % 3 == 1 ? ended : null);
            }
        });
    }

    private static UserProfile profile(UUID id, int i, String version, UserStatus status) {
        return new UserProfile(id, "burst" + i, version + i + "@example.com", "First", "Last", status, null, null, null,
                null, "en", List.of());
    }

    private void send(List<EventEnvelope<?>> events) {
        kafka.sendAll(events.stream()
                .map(event -> new ProducerRecord<>(Topics.USERS, event.subject(), json.write(event)))
                .toList());
    }
}
