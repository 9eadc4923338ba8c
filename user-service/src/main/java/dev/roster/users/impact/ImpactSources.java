package dev.roster.users.impact;

import dev.roster.platform.impact.DepartureImpact;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * The other services' parts of an impact preview ({@link DepartureImpact}), asked over HTTP with the administrator's own
 * token: each service checks it (signature, revocation, tenant, permission) as for any request. These are the only
 * synchronous calls between Roster's services, and they are reads for a preview, never part of a change: a part that
 * fails or takes longer than {@code roster.impact.timeout} is answered as unknown, and the preview goes on without it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImpactProperties.class)
class ImpactSources {

    private static final Logger log = LoggerFactory.getLogger(ImpactSources.class);

    /** Ten thousand learners' dropped enrollments run to a few megabytes. */
    private static final int MOST_ANSWER_BYTES = 32 * 1024 * 1024;

    private final WebClient trainings;
    private final WebClient notifications;
    private final Duration timeout;

    ImpactSources(WebClient.Builder builder, ImpactProperties properties) {
        WebClient.Builder limited = builder.clone()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MOST_ANSWER_BYTES));
        this.trainings = limited.clone().baseUrl(properties.trainingServiceUrl().toString()).build();
        this.notifications = limited.clone().baseUrl(properties.notificationServiceUrl().toString()).build();
        this.timeout = properties.timeout();
    }

    Mono<Part<DepartureImpact.Trainings>> trainings(String token, DepartureImpact.Request request) {
        return ask(trainings, "training-service", token, request, DepartureImpact.Trainings.class);
    }

    Mono<Part<DepartureImpact.Notifications>> notifications(String token, DepartureImpact.Request request) {
        return ask(notifications, "notification-service", token, request, DepartureImpact.Notifications.class);
    }

    private <T> Mono<Part<T>> ask(WebClient client, String service, String token, DepartureImpact.Request request,
            Class<T> answer) {
        return client.post().uri(DepartureImpact.PATH)
                .headers(headers -> headers.setBearerAuth(token))
                .bodyValue(request)
                .retrieve()
                .bodyToMono(answer)
                .timeout(timeout)
                .map(Part::known)
                .onErrorResume(error -> {
                    String reason = reason(service, error);
                    log.warn("Impact preview without {}'s part: {}", service, reason);
                    return Mono.just(Part.unknown(service, reason));
                });
    }

    private String reason(String service, Throwable error) {
        if (error instanceof TimeoutException) {
            return service + " did not answer within " + timeout.toMillis() + " ms";
        }
        if (error instanceof WebClientResponseException response) {
            return service + " answered " + response.getStatusCode().value();
        }
        return service + " could not be asked: " + error.getClass().getSimpleName();
    }

    /** One service's part of a preview: its answer, or why it is unknown. */
    record Part<T>(T answer, String service, String unknownReason) {

        static <T> Part<T> known(T answer) {
            return new Part<>(answer, null, null);
        }

        static <T> Part<T> unknown(String service, String reason) {
            return new Part<>(null, service, reason);
        }

        boolean isKnown() {
            return answer != null;
        }
    }
}
