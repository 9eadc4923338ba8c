package dev.roster.platform.problem;

import dev.roster.testing.RosterInfrastructure;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        // the resource server is on, but these endpoints are open: errors are the subject here
        "roster.security.jwk-set-uri=http://127.0.0.1:9/unused",
        "roster.security.public-paths=/**"})
@AutoConfigureWebTestClient
@RosterInfrastructure(kafka = false)
class ProblemDetailsTest {

    @Autowired WebTestClient http;

    @Test
    void aDomainProblemKeepsItsStatusSlugAndProperties() {
        http.get().uri("/test/seats").exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://roster.dev/problems/seat-limit-reached")
                .jsonPath("$.title").isEqualTo("Seat limit reached")
                .jsonPath("$.detail").isEqualTo("All 5 seats are taken")
                .jsonPath("$.seatLimit").isEqualTo(5)
                .jsonPath("$.instance").isEqualTo("/test/seats");
    }

    @Test
    void invalidFieldsAreListed() {
        http.post().uri("/test/people").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"\",\"email\":\"not-an-email\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://roster.dev/problems/validation-failed")
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[?(@.field == 'email')].message").exists();
    }

    @Test
    void malformedJsonAndWrongTypesAreBadRequests() {
        http.post().uri("/test/people").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/malformed-request");
        http.get().uri("/test/things/not-a-uuid").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/malformed-request");
    }

    @Test
    void anOversizedBodyIsPayloadTooLarge() {
        String huge = "{\"name\":\"" + "x".repeat(3 * 1024 * 1024) + "\",\"email\":\"a@b.c\"}";
        http.post().uri("/test/people").contentType(MediaType.APPLICATION_JSON).bodyValue(huge)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/payload-too-large");
    }

    @Test
    void aConcurrentModificationIsAConflict() {
        http.get().uri("/test/stale").exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/concurrent-modification");
    }

    @Test
    void anUnexpectedErrorRevealsNothingInternal() {
        http.get().uri("/test/boom").exchange()
                .expectStatus().is5xxServerError()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .value(body -> org.assertj.core.api.Assertions.assertThat(body)
                        .contains("https://roster.dev/problems/internal-error")
                        .doesNotContain("secret-internal-detail"));
    }

    @Test
    void anUnknownPathAndAWrongMethodAreProblemsToo() {
        http.get().uri("/no/such/path").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/not-found");
        http.delete().uri("/test/seats").exchange()
                .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/method-not-allowed");
    }

    record Person(@NotBlank String name, @NotBlank @Email String email) {
    }

    @TestConfiguration
    static class Endpoints {

        @RestController
        static class TestController {

            @GetMapping("/test/seats")
            Mono<String> seats() {
                return Mono.error(new ProblemException(HttpStatus.CONFLICT, "seat-limit-reached", "Seat limit reached",
                        "All 5 seats are taken").with("seatLimit", 5));
            }

            @PostMapping("/test/people")
            Mono<Person> create(@Valid @RequestBody Person person) {
                return Mono.just(person);
            }

            @GetMapping("/test/things/{id}")
            Mono<String> thing(@PathVariable UUID id) {
                return Mono.just(id.toString());
            }

            @GetMapping("/test/stale")
            Mono<String> stale() {
                return Mono.error(new OptimisticLockingFailureException("version 3 expected"));
            }

            @GetMapping("/test/boom")
            Mono<String> boom() {
                return Mono.error(new IllegalStateException("secret-internal-detail"));
            }
        }
    }
}
