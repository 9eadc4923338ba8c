package dev.roster.users.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.roster.testing.MutableClock;
import dev.roster.testing.TestDatabase;
import dev.roster.users.support.ScopedAccount;
import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.UserServiceTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens carry where a scoped role's permissions apply, for services that have no roles table; so a
 * change of a role's permissions or scope ends its holders' sessions (their next token carries the new scope).
 */
@UserServiceTest
class RoleScopeTokensTest {

    @Autowired WebTestClient http;
    @Autowired TestDatabase database;
    @Autowired MutableClock clock;
    ScopedAccount account;

    @BeforeEach
    void salesHr() {
        http = ScopedAccount.patient(http);
        account = new ScopedAccount(http, "USERS_IMPORT_EXPORT");
    }

    @Test
    void tokensOfScopedRolesCarryTheRootsOfTheirDepartments() {
        JsonNode scopes = claims(account.scopedToken()).get("department_scopes");
        for (String permission : List.of("USERS_VIEW", "USERS_MANAGE", "USERS_IMPORT_EXPORT")) {
            assertThat(scopes.get(permission).valueStream().map(JsonNode::asString).toList())
                    .containsExactly(account.sales().toString());
        }
        assertThat(scopes.has("USERS_DELETE")).isFalse();
        assertThat(claims(account.ownerToken()).has("department_scopes")).as("the owner's apply to the whole account")
                .isFalse();
    }

    @Test
    void editingARolesScopeEndsTheSessionsOfItsHolders() throws Exception {
        Instant before = tokensValidAfter(account.scopedUser());
        clock.advance(Duration.ofMinutes(1));
        replaceRole(Map.of("name", "Sales HR (renamed)", "permissions", List.of("USERS_MANAGE", "USERS_VIEW",
                "USERS_IMPORT_EXPORT"), "departmentIds", List.of(account.sales())));
        assertThat(tokensValidAfter(account.scopedUser())).as("a new name changes no access").isEqualTo(before);

        replaceRole(Map.of("permissions", List.of("USERS_MANAGE", "USERS_VIEW", "USERS_IMPORT_EXPORT"),
                "departmentIds", List.of(account.sales(), account.hr())));

        Instant after = tokensValidAfter(account.scopedUser());
        assertThat(after).isCloseTo(clock.instant(), within(1, ChronoUnit.MILLIS));
        assertThat(accessEvents(account.scopedUser())).as("the scope change (nothing on creation)").isEqualTo(1);
        String fresh = account.accounts().signIn(account.tenant().slug(), "hr", TestAccounts.PASSWORD);
        assertThat(claims(fresh).get("department_scopes").get("USERS_VIEW").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder(account.sales().toString(), account.hr().toString());
    }

    @Test
    void changingARolesPermissionsOrDeletingItEndsTheSessionsOfItsHolders() throws Exception {
        clock.advance(Duration.ofMinutes(1));
        replaceRole(Map.of("permissions", List.of("USERS_VIEW"), "departmentIds", List.of(account.sales())));
        assertThat(tokensValidAfter(account.scopedUser())).isCloseTo(clock.instant(), within(1, ChronoUnit.MILLIS));

        clock.advance(Duration.ofMinutes(1));
        http.delete().uri("/api/v1/roles/{id}", account.role()).headers(h -> h.setBearerAuth(account.ownerToken()))
                .exchange().expectStatus().isNoContent();
        assertThat(tokensValidAfter(account.scopedUser())).isCloseTo(clock.instant(), within(1, ChronoUnit.MILLIS));
        assertThat(accessEvents(account.scopedUser())).as("the permissions change, the deletion").isEqualTo(2);
    }

    private void replaceRole(Map<String, ?> body) {
        http.put().uri("/api/v1/roles/{id}", account.role()).headers(h -> h.setBearerAuth(account.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk();
    }

    private static JsonNode claims(String token) {
        String payload = token.split("\\.")[1];
        return JsonMapper.builder().build().readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    private Instant tokensValidAfter(UUID user) throws Exception {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement("SELECT tokens_valid_after FROM app_user WHERE id = ?")) {
            statement.setObject(1, user);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getObject(1, java.time.OffsetDateTime.class).toInstant();
            }
        }
    }

    private long accessEvents(UUID user) throws Exception {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM outbox WHERE topic = 'roster.user-access.v1' AND message_key = ? AND event_type = 'user.access-changed'")) {
            statement.setString(1, user.toString());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
