package dev.roster.users.signin;

import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.TestAccounts.Tenant;
import dev.roster.users.support.UserServiceTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Only the configured proxies (here: one address that is not this test's) may say where a request came from. */
@UserServiceTest
@TestPropertySource(properties = "roster.web.trusted-proxies=192.0.2.10/32")
class ForwardedForTest {

    @Autowired WebTestClient http;

    @Test
    void forwardedForFromAnUntrustedPeerIsNotAudited() {
        TestAccounts accounts = new TestAccounts(http);
        Tenant tenant = accounts.create(5);
        UUID user = UUID.fromString(accounts.createUser(tenant.ownerToken(), "audited").get("id").asString());

        http.post().uri("/api/v1/users/{id}/status", user).header("X-Forwarded-For", "6.6.6.6")
                .header("Forwarded", "for=6.6.6.6").headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("status", "INACTIVE")).exchange()
                .expectStatus().isOk();

        http.get().uri("/api/v1/users/{id}/audit", user).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[0].action").isEqualTo("user.status-changed")
                .jsonPath("$.items[0].source").isEqualTo("api 127.0.0.1");
    }
}
