package dev.roster.notifications.notice;

import dev.roster.events.EventEnvelope;
import dev.roster.notifications.center.NotificationRepository;
import dev.roster.notifications.config.NotificationProperties;
import dev.roster.notifications.notice.Templates.Rendered;
import dev.roster.platform.secrets.SecretCipher;
import dev.roster.platform.people.People;
import dev.roster.platform.people.People.Person;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns notices into deliveries, in the transaction of the event that caused them: for an active
 * recipient an in-app notice (announced to open streams once committed) and a queued email for the
 * worker; for anyone else nothing but a record that it was suppressed, and why. Each notice is
 * idempotent per event, recipient, kind and channel. A one-time secret of a notice is stored encrypted,
 * apart from the body, and only on a queued email: a suppressed one never keeps it.
 */
@Component
public class NoticeService {

    private final NotificationRepository notifications;
    private final DeliveryRepository deliveries;
    private final People people;
    private final Templates templates;
    private final NoticeMetrics metrics;
    private final SecretCipher secrets;
    private final Duration settle;
    private final Clock clock;

    NoticeService(NotificationRepository notifications, DeliveryRepository deliveries, People people, Templates templates,
            NoticeMetrics metrics, SecretCipher secrets, NotificationProperties properties, Clock clock) {
        this.notifications = notifications;
        this.deliveries = deliveries;
        this.people = people;
        this.templates = templates;
        this.metrics = metrics;
        this.secrets = secrets;
        this.settle = properties.settle();
        this.clock = clock;
    }

    /** Delivers {@code notices}, caused by {@code event}; must run in the event's transaction. */
    public Mono<Void> deliver(EventEnvelope<?> event, List<Notice> notices) {
        if (notices.isEmpty()) {
            return Mono.empty();
        }
        List<UUID> recipients = notices.stream().map(Notice::recipientId).distinct().toList();
        return people.find(event.accountId(), recipients).flatMap(found -> Flux.fromIterable(notices)
                .concatMap(notice -> {
                    Person recipient = found.get(notice.recipientId());
                    Optional<String> suppressed =
                            RecipientPolicy.suppression(recipient == null ? null : recipient.status().name());
                    if (suppressed.isPresent()) {
                        return suppress(event, notice, recipient, suppressed.get());
                    }
                    Map<String, Object> values = new HashMap<>(notice.values());
                    values.put("recipientName", recipient.firstName());
                    Rendered rendered = templates.render(notice.kind().template(), values);
                    return (notice.kind().inApp() ? inApp(event, notice, rendered) : Mono.<Void>empty())
                            .then(notice.kind().email() ? email(event, notice, recipient, rendered) : Mono.empty());
                })
                .then());
    }

    private Mono<Void> inApp(EventEnvelope<?> event, Notice notice, Rendered rendered) {
        Instant now = clock.instant();
        return notifications.insert(event, notice.recipientId(), notice.aboutUserId(), notice.kind().template(),
                        rendered.subject(), rendered.text(), now)
                .flatMap(created -> created
                        ? deliveries.insert(event, notice, "IN_APP", "DELIVERED", null, null, null, null, now, null)
                                .doOnSuccess(ignored -> metrics.created(notice.kind(), "IN_APP", event.occurredAt()))
                        : Mono.empty());
    }

    private Mono<Void> email(EventEnvelope<?> event, Notice notice, Person recipient, Rendered rendered) {
        String sealed = notice.secret() == null ? null : secrets.seal(notice.secret());
        // due once it has settled: a deactivation made just after the event cancels it before it is sent
        Instant now = clock.instant();
        return deliveries.insert(event, notice, "EMAIL", "QUEUED", recipient.email(), rendered, sealed, null, now,
                        now.plus(settle))
                .doOnSuccess(ignored -> metrics.created(notice.kind(), "EMAIL", null));
    }

    private Mono<Void> suppress(EventEnvelope<?> event, Notice notice, Person recipient, String reason) {
        Mono<Void> inApp = notice.kind().inApp()
                ? deliveries.insert(event, notice, "IN_APP", "SUPPRESSED", null, null, null, reason, clock.instant(),
                        null) : Mono.empty();
        Mono<Void> email = notice.kind().email()
                ? deliveries.insert(event, notice, "EMAIL", "SUPPRESSED", recipient == null ? null : recipient.email(),
                        null, null, reason, clock.instant(), null) : Mono.empty();
        return inApp.then(email).doOnSuccess(ignored -> {
            if (notice.kind().inApp()) {
                metrics.suppressed("IN_APP", reason);
            }
            if (notice.kind().email()) {
                metrics.suppressed("EMAIL", reason);
            }
        });
    }

    /**
     * Cancels a recipient's queued emails (they became inactive or their employment ended): they are
     * recorded as suppressed with {@code reason} and never sent; a secret they carried is wiped. Emits how many.
     */
    public Mono<Long> cancelQueued(UUID recipientId, String reason) {
        return cancelQueued(Map.of(recipientId, reason));
    }

    /** As {@link #cancelQueued(UUID, String)} for many recipients at once, each with its reason, in one statement. */
    public Mono<Long> cancelQueued(Map<UUID, String> reasons) {
        if (reasons.isEmpty()) {
            return Mono.just(0L);
        }
        return deliveries.cancelQueued(reasons)
                .map(counts -> {
                    counts.forEach((reason, count) -> metrics.suppressed("EMAIL", reason, count));
                    return counts.values().stream().mapToLong(Long::longValue).sum();
                });
    }

    /** Erases a deleted user's notices and deliveries, and those about them (right to erasure). */
    public Mono<Void> erase(UUID userId) {
        return notifications.erase(userId).then(deliveries.erase(userId));
    }
}
