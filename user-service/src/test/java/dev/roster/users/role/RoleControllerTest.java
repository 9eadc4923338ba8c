package dev.roster.users.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.roster.platform.problem.ProblemDetailsAutoConfiguration;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.platform.security.RosterResourceServerAutoConfiguration;
import dev.roster.platform.web.InputAutoConfiguration;
import dev.roster.testing.TestJwtConfiguration;
import dev.roster.testing.TestJwtIssuer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The roles' web layer alone (a slice: no database, no broker, the service a Mockito mock), behind the platform's own
 * resource-server chain with really signed tokens: what it refuses before any rule runs, and that what it passes on is
 * the caller of the token and the request as sent. The rules are {@code RoleTest}'s, through the whole service; a
 * revoked token is {@code SessionRevocationTest}'s.
 */
@WebFluxTest(RoleController.class)
@ImportAutoConfiguration({ReactiveWebSecurityAutoConfiguration.class, RosterResourceServerAutoConfiguration.class,
        ProblemDetailsAutoConfiguration.class, InputAutoConfiguration.class})
@Import(TestJwtConfiguration.class)
class RoleControllerTest {

    static final UUID ACCOUNT = UUID.randomUUID();
    static final UUID USER = UUID.randomUUID();

    @Autowired WebTestClient http;
    @Autowired TestJwtIssuer tokens;
    @MockitoBean RoleService roles;

    @Test
    void badInputIsA400ProblemAndNeverReachesTheRules() {
        for (String body : List.of("{\"name\":\"Empty\",\"permissions\":[]}",
                "{\"name\":\"Odd\",\"permissions\":[\"LAUNCH_ROCKETS\"]}",
                "{\"name\":\"Typed\",\"permissions\":\"USERS_VIEW\"}",
                "{\"name\":\"" + "n".repeat(101) + "\",\"permissions\":[\"USERS_VIEW\"]}",
                "{\"name\":\"Bell\\u0007\",\"permissions\":[\"USERS_VIEW\"]}",
                "not json")) {
            post("/api/v1/roles", body)
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(400);
        }
        verifyNoInteractions(roles);
    }

    @Test
    void aRoleIdThatIsNotAUuidIsA400Problem() {
        http.put().uri("/api/v1/roles/not-a-uuid").headers(headers -> headers.setBearerAuth(token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"X\",\"permissions\":[\"USERS_VIEW\"]}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        verifyNoInteractions(roles);
    }

    @Test
    void withoutATokenNothingIsAsked() {
        http.post().uri("/api/v1/roles").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"X\",\"permissions\":[\"USERS_VIEW\"]}")
                .exchange()
                .expectStatus().isUnauthorized();
        verifyNoInteractions(roles);
    }

    @Test
    void theRulesGetTheCallerOfTheTokenAndTheRequestAsSent() {
        when(roles.create(any(), any())).thenReturn(Mono.empty());
        UUID department = UUID.randomUUID();

        post("/api/v1/roles", "{\"name\":\"Auditors\",\"permissions\":[\"USERS_VIEW\"],\"departmentIds\":[\""
                + department + "\"]}")
                .expectStatus().isCreated();

        ArgumentCaptor<Caller> caller = ArgumentCaptor.forClass(Caller.class);
        ArgumentCaptor<RoleRequest> request = ArgumentCaptor.forClass(RoleRequest.class);
        verify(roles).create(caller.capture(), request.capture());
        assertThat(caller.getValue().userId()).isEqualTo(USER);
        assertThat(caller.getValue().accountId()).isEqualTo(ACCOUNT);
        assertThat(caller.getValue().permissions()).containsExactly(Permission.ROLES_MANAGE);
        assertThat(request.getValue()).isEqualTo(new RoleRequest("Auditors", List.of(Permission.USERS_VIEW),
                List.of(department)));
    }

    private WebTestClient.ResponseSpec post(String path, String body) {
        return http.post().uri(path).headers(headers -> headers.setBearerAuth(token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private String token() {
        return tokens.token(USER, ACCOUNT, Permission.ROLES_MANAGE);
    }
}
