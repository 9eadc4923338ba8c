package dev.roster.trainings.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.testing.MutableClock;
import dev.roster.testing.TestDatabase;
import dev.roster.trainings.support.Tenants;
import dev.roster.trainings.support.Tenants.Person;
import dev.roster.trainings.support.TrainingServiceTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Dates no training can have and text no field can hold are refused with a 400 problem, and no stored
 * row can make a list fail: the database refuses session dates outside 1900..9999 too.
 */
@TrainingServiceTest
class HostileInputTest {

    @Autowired Tenants tenants;
    @Autowired MutableClock clock;
    @Autowired WebTestClient http;
    @LocalServerPort int port;
    @Autowired TestDatabase database;

    Person admin;
    UUID training;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        admin = tenants.create().admin();
        training = UUID.fromString(tenants.training(admin, Map.of("title", "Welding")).get("id").asString());
    }

    @Test
    void sessionStartingInTheYearMinus290000IsRefused() {
        Instant normal = clock.instant().plus(Duration.ofDays(3));
        for (Map<String, ?> body : java.util.List.of(
                Map.of("startsAt", "-290000-01-01T00:00:00Z", "endsAt", normal.toString(), "capacity", 5),
                Map.of("startsAt", "1899-12-31T23:59:59Z", "endsAt", normal.toString(), "capacity", 5),
                Map.of("startsAt", normal.toString(), "endsAt", "+10000-01-01T00:00:00Z", "capacity", 5))) {
            JsonNode problem = problem(post("/api/v1/trainings/" + training + "/sessions", body), "validation-failed");
            assertThat(problem.toString()).contains("1900-01-01").contains("9999-12-31");
        }
        UUID session = tenants.session(admin, training, normal, 5);
        problem(http.patch().uri("/api/v1/trainings/" + training + "/sessions/" + session)
                .headers(headers -> headers.setBearerAuth(admin.token())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("startsAt", "-290000-01-01T00:00:00Z")).exchange(), "validation-failed");

        JsonNode sessions = tenants.get(admin, "/api/v1/trainings/{id}/sessions", training);
        assertThat(sessions).hasSize(1);
        assertThat(Instant.parse(sessions.get(0).get("startsAt").asString())).as("nothing changed").isEqualTo(normal);
        tenants.get(admin, "/api/v1/trainings");
    }

    /** The migration's check: even a write that bypasses the API cannot store such a date. */
    @Test
    void trainingListSurvivesExtremeStoredDates() throws SQLException {
        UUID session = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(3)), 5);

        for (String[] extreme : java.util.List.of(new String[] {"-infinity", "2026-01-01 00:00:00+00"},
                new String[] {"20000-01-01 00:00:00+00", "infinity"}, new String[] {"0001-01-01 00:00:00+00", "0001-01-01 01:00:00+00"})) {
            assertThatThrownBy(() -> store(session, extreme[0], extreme[1])).as(extreme[0]).isInstanceOf(SQLException.class)
                    .hasMessageContaining("training_session_sane_dates");
        }

        JsonNode list = tenants.get(admin, "/api/v1/trainings");
        assertThat(list.get("items")).hasSize(1);
        assertThat(list.get("items").get(0).get("sessions")).hasSize(1);
    }

    @Test
    void nulInATitleOrASearchIsInvalidCharacters() {
        problem(post("/api/v1/trainings", Map.of("title", "Weld\u0000ing")), "invalid-characters");
        problem(post("/api/v1/trainings/" + training + "/sessions", Map.of("startsAt", clock.instant().plus(Duration.ofDays(1)).toString(),
                "endsAt", clock.instant().plus(Duration.ofDays(2)).toString(), "location", "Room\u00071", "capacity", 5)),
                "invalid-characters");
        problem(http.get().uri(java.net.URI.create("http://localhost:" + port + "/api/v1/trainings?q=%00")).headers(headers -> headers.setBearerAuth(admin.token())).exchange(),
                "invalid-characters");

        assertThat(tenants.get(admin, "/api/v1/trainings").get("items")).as("nothing created").hasSize(1);
        JsonNode created = tenants.training(admin, Map.of("title", "Two lines", "description", "First line\n\tsecond line"));
        assertThat(created.get("description").asString()).as("tab and line breaks are text").contains("\n\t");
    }

    private void store(UUID session, String startsAt, String endsAt) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE training_session SET starts_at = ?::timestamptz, ends_at = ?::timestamptz WHERE id = ?")) {
            update.setString(1, startsAt);
            update.setString(2, endsAt);
            update.setObject(3, session);
            update.executeUpdate();
        }
    }

    private WebTestClient.ResponseSpec post(String uri, Object body) {
        return http.post().uri(uri).headers(headers -> headers.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static JsonNode problem(WebTestClient.ResponseSpec response, String slug) {
        JsonNode problem = response.expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.get("type").asString()).as(problem.toString()).isEqualTo("https://roster.dev/problems/" + slug);
        return problem;
    }
}
