package dev.roster.users.user;

import dev.roster.users.support.ScopedAccount;
import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.UserServiceTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A user's audit names administrators and source addresses: it needs USERS_VIEW over the user, even for themselves. */
@UserServiceTest
class AuditAccessTest {

    @Autowired WebTestClient http;
    ScopedAccount account;

    @BeforeEach
    void salesHr() {
        http = ScopedAccount.patient(http);
        account = new ScopedAccount(http);
    }

    @Test
    void auditOutsideScopeIsForbidden() {
        UUID seller = account.user("seller", account.salesTeam());
        UUID recruiter = account.user("recruiter", account.hr());

        audit(account.scopedToken(), recruiter).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        audit(account.scopedToken(), account.tenant().ownerId()).expectStatus().isForbidden();
        audit(account.scopedToken(), seller).expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].action").isEqualTo("user.created");
        audit(account.ownerToken(), recruiter).expectStatus().isOk();
    }

    @Test
    void learnerCannotReadOwnAudit() {
        UUID learner = account.user("learner", account.hr());
        String token = account.accounts().signIn(account.tenant().slug(), "learner", TestAccounts.PASSWORD);

        audit(token, learner).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        audit(token, learner).expectBody().jsonPath("$.items").doesNotExist();
        http.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec audit(String token, UUID user) {
        return http.get().uri("/api/v1/users/{id}/audit", user).headers(h -> h.setBearerAuth(token)).exchange();
    }
}
