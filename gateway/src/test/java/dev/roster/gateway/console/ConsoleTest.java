package dev.roster.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.RosterInfrastructure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The console's files at / from the console module's jar, as a browser loads them. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@RosterInfrastructure
class ConsoleTest {

    @Autowired WebTestClient http;

    @Test
    void theConsoleLoadsWithoutATokenUnderItsSecurityPolicyAndIsCheckedOnEveryLoad() {
        String page = http.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("Cache-Control", "no-cache")
                .expectHeader().valueEquals("Content-Security-Policy", ConsoleConfiguration.CONTENT_SECURITY_POLICY)
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<div id=\"root\"></div>");
        // Vite's build: one hashed entry script, no inline script (the policy would refuse it)
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");

        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page);
        assertThat(script.find()).as("the entry script in %s", page).isTrue();
        http.get().uri(script.group(1)).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/javascript")
                .expectHeader().valueEquals("Cache-Control", "max-age=31536000, public, immutable");
    }

    @Test
    void theConsolesOwnRoutesAnswerItsPageAndTheInvitationLinkFindsIt() {
        for (String route : new String[] {"/users", "/users/6b0f3e3c-65c4-4a36-9f51-0f2a3c0ea001", "/set-password?token=abc"}) {
            http.get().uri(route).accept(MediaType.TEXT_HTML).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("Cache-Control", "no-cache")
                    .expectBody(String.class).value(body -> assertThat(body).contains("<div id=\"root\"></div>"));
        }
    }

    @Test
    void aMissingFileIsNotFoundRatherThanThePageAndTheApiIsNeverTheConsoles() {
        http.get().uri("/assets/no-such-file.js").exchange().expectStatus().isNotFound();
        // nothing outside the console's files, however the path climbs (refused as malformed or not found)
        for (String climbing : new String[] {"/../pom.xml", "/assets/%2e%2e/%2e%2e/application.yml", "/..%2fapplication.yml"}) {
            http.get().uri(climbing).exchange().expectStatus().value(status -> assertThat(status).isIn(400, 404))
                    .expectBody(String.class).value(body -> assertThat(String.valueOf(body)).doesNotContain("spring:"));
        }
        // the API without a token is refused as before, even for a client that asks for HTML
        http.get().uri("/api/v1/users").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isUnauthorized();
        // writes to a console path are not the console's
        http.post().uri("/users").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized();
    }
}
