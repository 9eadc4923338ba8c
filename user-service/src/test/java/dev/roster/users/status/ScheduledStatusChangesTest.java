package dev.roster.users.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.testing.TestDatabase;
import dev.roster.testing.MutableClock;
import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.TestAccounts.Tenant;
import dev.roster.users.support.UserServiceTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

@UserServiceTest
class ScheduledStatusChangesTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired WebTestClient http;
    @Autowired MutableClock clock;
    @Autowired ScheduledStatusChanges scheduler;
    @Autowired TestDatabase database;
    TestAccounts accounts;
    Tenant tenant;
    Instant realNow;

    @BeforeEach
    void account() {
        realNow = Instant.now();
        clock.set(realNow);
        accounts = new TestAccounts(http);
        tenant = accounts.create(10);
    }

    @AfterEach
    void resetClock() {
        clock.set(Instant.now());
    }

    @Test
    void aScheduledChangeFiresAt2359AccountTimeExactlyOnceWithTwoSchedulersCompeting() throws Exception {
        UUID user = StatusChangeTest.id(accounts.createUser(tenant.ownerToken(), "leaving"));
        LocalDate date = LocalDate.ofInstant(realNow, BERLIN).plusDays(2);
        schedule(user, "EMPLOYMENT_ENDED", date);

        clock.set(date.atTime(23, 58).atZone(BERLIN).toInstant());
        assertThat(scheduler.applyDue().block(Duration.ofSeconds(10))).isZero();

        clock.set(date.atTime(23, 59).atZone(BERLIN).toInstant());
        Integer applied = Mono.zip(scheduler.applyDue(), scheduler.applyDue(), Integer::sum).block(Duration.ofSeconds(20));

        assertThat(applied).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entry WHERE user_id = '" + user + "' AND action = 'user.status-changed'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox WHERE message_key = '" + user + "' AND event_type = 'user.status-changed'"))
                .isEqualTo(1);
        clock.set(Instant.now());
        http.get().uri("/api/v1/users/{id}", user).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectBody()
                .jsonPath("$.status").isEqualTo("EMPLOYMENT_ENDED")
                .jsonPath("$.employmentEndedOn").isEqualTo(date.toString())
                .jsonPath("$.scheduledStatusChange").isEmpty();
    }

    @Test
    void aChangeThatFellDueWhileTheServiceWasDownIsAppliedAtStart() throws Exception {
        UUID user = StatusChangeTest.id(accounts.createUser(tenant.ownerToken(), "missed"));
        scheduler.stop();
        try {
            LocalDate date = LocalDate.ofInstant(realNow, BERLIN).plusDays(1);
            schedule(user, "INACTIVE", date);
            clock.set(date.plusDays(3).atStartOfDay(BERLIN).toInstant());
        }
        finally {
            scheduler.start();
        }

        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("SELECT count(*) FROM app_user WHERE id = '" + user + "' AND status = 'INACTIVE'") == 1);
    }

    private void schedule(UUID user, String status, LocalDate date) {
        http.post().uri("/api/v1/users/{id}/status", user).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", status, "effectiveDate", date.toString()))
                .exchange()
                .expectStatus().isOk();
    }

    private long count(String sql) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
