package dev.roster.users.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.RosterEvent;
import dev.roster.events.Topics;
import dev.roster.events.user.AccountChanged;
import dev.roster.events.user.GroupChanged;
import dev.roster.events.user.GroupDeleted;
import dev.roster.events.user.UserAccessChanged;
import dev.roster.events.user.UserCreated;
import dev.roster.events.user.UserDeleted;
import dev.roster.events.user.UserStatus;
import dev.roster.events.user.UserStatusChanged;
import dev.roster.events.user.UserUpdated;
import dev.roster.testing.TestKafka;
import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.TestAccounts.Tenant;
import dev.roster.users.support.UserServiceTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Each state change produces exactly the expected events, on the real broker, keyed by the user. */
@UserServiceTest
class UserEventsTest {

    @Autowired WebTestClient http;
    @Autowired TestKafka kafka;
    @Autowired EventJson json;

    @Test
    void createUpdateEndEmploymentAndDeleteProduceTheirEventsInOrder() {
        TestAccounts accounts = new TestAccounts(http);
        Tenant tenant = accounts.create(10);
        UUID user = UserApiTest.id(accounts.createUser(tenant.ownerToken(), "evented"));
        http.patch().uri("/api/v1/users/{id}", user).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("jobTitle", "Driver")).exchange()
                .expectStatus().isOk();
        accounts.changeStatus(tenant.ownerToken(), user, "EMPLOYMENT_ENDED").expectStatus().isOk();
        http.delete().uri("/api/v1/users/{id}", user).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isNoContent();

        List<RosterEvent> lifecycle = read(Topics.USERS, user, 4);
        assertThat(lifecycle).hasSize(4);
        assertThat(lifecycle.get(0)).isInstanceOfSatisfying(UserCreated.class,
                created -> assertThat(created.user().login()).isEqualTo("evented"));
        assertThat(lifecycle.get(1)).isInstanceOfSatisfying(UserUpdated.class,
                updated -> assertThat(updated.changedFields()).containsExactly("jobTitle"));
        assertThat(lifecycle.get(2)).isInstanceOfSatisfying(UserStatusChanged.class, changed -> {
            assertThat(changed.previousStatus()).isEqualTo(UserStatus.ACTIVE);
            assertThat(changed.status()).isEqualTo(UserStatus.EMPLOYMENT_ENDED);
            assertThat(changed.actorId()).isEqualTo(tenant.ownerId());
            assertThat(changed.scheduled()).isFalse();
            assertThat(changed.employmentEndedOn()).isNotNull();
        });
        assertThat(lifecycle.get(3)).isEqualTo(new UserDeleted(user, tenant.ownerId()));

        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(Topics.USER_ACCESS)) {
            // the user's records keep their order: the tombstone comes last
            List<ConsumerRecord<String, byte[]>> access = TestKafka.pollUntil(consumer,
                            record -> record.key().equals(user.toString()) && record.value() == null, Duration.ofSeconds(15))
                    .stream().filter(record -> record.key().equals(user.toString())).toList();
            // nothing on creation (no token exists yet), nothing on a profile change; the end, then the tombstone
            assertThat(access).hasSize(2);
            UserAccessChanged ended = json.read(access.get(0).value()).dataAs(UserAccessChanged.class);
            assertThat(ended.status()).isEqualTo(UserStatus.EMPLOYMENT_ENDED);
            assertThat(ended.tokensValidAfter()).isNotNull();
            assertThat(access.get(1).value()).as("tombstone").isNull();
        }
    }

    @Test
    void creatingAndChangingAnAccountAnnouncesItsOwnerAndSeatLimit() {
        TestAccounts accounts = new TestAccounts(http);
        Tenant tenant = accounts.create(10);
        http.patch().uri("/api/v1/account").headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("seatLimit", 25)).exchange()
                .expectStatus().isOk();

        List<RosterEvent> announced = read(Topics.USERS, tenant.accountId(), 2);
        assertThat(announced).hasSize(2);
        assertThat(announced.get(0)).isInstanceOfSatisfying(AccountChanged.class, created -> {
            assertThat(created.seatLimit()).isEqualTo(10);
            assertThat(created.ownerId()).isEqualTo(tenant.ownerId());
            assertThat(created.slug()).isEqualTo(tenant.slug());
        });
        assertThat(announced.get(1)).isInstanceOfSatisfying(AccountChanged.class,
                changed -> assertThat(changed.seatLimit()).isEqualTo(25));
    }

    @Test
    void groupsAnnounceTheirNameKindAndDeletion() {
        TestAccounts accounts = new TestAccounts(http);
        Tenant tenant = accounts.create(10);
        UUID group = UUID.fromString(http.post().uri("/api/v1/groups").headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Night shift", "kind", "STATIC")).exchange()
                .expectStatus().isCreated().expectBody(tools.jackson.databind.JsonNode.class).returnResult()
                .getResponseBody().get("id").asString());
        http.patch().uri("/api/v1/groups/{id}", group).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Late shift")).exchange()
                .expectStatus().isOk();
        http.delete().uri("/api/v1/groups/{id}", group).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().is2xxSuccessful();

        List<RosterEvent> announced = read(Topics.USERS, group, 3);
        assertThat(announced).containsExactly(new GroupChanged(group, "Night shift", "STATIC", tenant.ownerId()),
                new GroupChanged(group, "Late shift", "STATIC", tenant.ownerId()), new GroupDeleted(group, tenant.ownerId()));
    }

    @Test
    void theAccessTopicIsCompactedSoTheGatewayCanRebuildTheLatestStatePerUser() throws Exception {
        var config = new java.util.HashMap<String, Object>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        try (var admin = org.apache.kafka.clients.admin.AdminClient.create(config)) {
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.USER_ACCESS);
            var described = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(described.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    private List<RosterEvent> read(String topic, UUID key, int expected) {
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(topic)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            List<RosterEvent> events = new java.util.ArrayList<>();
            while (events.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(key.toString())) {
                        EventEnvelope<RosterEvent> event = json.read(record.value());
                        events.add(event.data());
                    }
                }
            }
            return events;
        }
    }
}
