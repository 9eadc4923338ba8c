package dev.roster.notifications.email;

import dev.roster.notifications.config.NotificationProperties;
import dev.roster.notifications.notice.DeliveryRepository;
import dev.roster.notifications.notice.DeliveryRepository.ClaimedEmail;
import dev.roster.notifications.notice.Notice;
import dev.roster.notifications.notice.NoticeMetrics;
import dev.roster.notifications.notice.RecipientPolicy;
import dev.roster.platform.access.AccessStateConsumer;
import dev.roster.platform.access.AccessStates;
import dev.roster.platform.scheduling.Rounds;
import dev.roster.platform.secrets.SecretCipher;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends queued emails over SMTP. Each round claims due emails with {@code FOR UPDATE SKIP LOCKED}
 * (so replicas never send one twice; an email is due {@code settle} after its notice at the earliest), waits until
 * the access state has applied every access event published before the claim, checks that the recipient is still
 * active at send time, as the projection and the access state both know it (otherwise the email is suppressed),
 * sends on a bounded-elastic thread (SMTP blocks), and marks the outcome: sent; or queued again with a doubling back-off; or failed after the last attempt. Emails
 * claimed by a worker that died are queued again after {@code claim-timeout}; a worker that is stopped (SIGTERM)
 * finishes the email it is sending and queues the rest of its batch again at once. A one-time secret (an
 * invitation's token) is kept encrypted apart from the stored body, put into the message only when sending,
 * and wiped once the email is sent, suppressed or given up.
 */
@Component
class EmailWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmailWorker.class);

    private final DeliveryRepository deliveries;
    private final JavaMailSender mail;
    private final NotificationProperties properties;
    private final NoticeMetrics metrics;
    private final SecretCipher secrets;
    private final AccessStates accessStates;
    private final AccessStateConsumer accessConsumer;
    private final Clock clock;
    private static final Duration RELEASE_EVERY = Duration.ofSeconds(30);

    private static final Duration MOST_AWAITED_AT_STOP = Duration.ofSeconds(10);
    private static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(5);

    private final Rounds rounds;
    private volatile Instant lastRelease;
    private volatile boolean stopping;
    /** The emails this worker claimed and has not marked yet. */
    private final Map<UUID, ClaimedEmail> held = new ConcurrentHashMap<>();
    /** Above 0 while a batch is being claimed, or an email is with the SMTP server or being marked. */
    private final AtomicInteger busy = new AtomicInteger();

    EmailWorker(DeliveryRepository deliveries, JavaMailSender mail, NotificationProperties properties, NoticeMetrics metrics,
            SecretCipher secrets, AccessStates accessStates, ObjectProvider<AccessStateConsumer> accessConsumer, Clock clock) {
        this.deliveries = deliveries;
        this.mail = mail;
        this.properties = properties;
        this.metrics = metrics;
        this.secrets = secrets;
        this.accessStates = accessStates;
        // none when revocation is switched off (roster.security.revocation.enabled=false): nothing to catch up with
        this.accessConsumer = accessConsumer.getIfAvailable();
        this.clock = clock;
        // a round that found a full batch is followed by the next at once: 300 invitations leave in seconds, not
        // ten a poll; an idle worker costs one round a poll
        this.rounds = new Rounds("Email round", properties.pollInterval(), properties.pollInterval(),
                () -> Mono.defer(this::sendDue).repeat().takeUntil(handled -> handled < properties.batchSize()).then(), log);
    }

    /**
     * One round: sends what is due now; emits how many emails it handled. Claims a dead worker left behind are
     * released once in a while, not every round: they wait minutes ({@code claim-timeout}) anyway, and an idle
     * service should cost the database one statement a round.
     */
    Mono<Long> sendDue() {
        if (stopping) {
            return Mono.just(0L);
        }
        Instant now = clock.instant();
        Instant last = lastRelease;
        boolean releaseNow = last == null || !now.isBefore(last.plus(RELEASE_EVERY));
        return (releaseNow ? release().doOnSuccess(done -> lastRelease = now) : Mono.<Void>empty())
                .then(claim().collectList())
                .flatMap(batch -> batch.isEmpty() ? Mono.just(0L) : accessCaughtUp()
                        .then(Flux.fromIterable(batch).concatMap(email -> send(email).thenReturn(email)).count())
                        .onErrorResume(BarrierMissed.class, missed -> {
                            log.warn("Queueing {} claimed emails again for {} s: {}", batch.size(),
                                    BARRIER_TIMEOUT.toSeconds(), missed.getMessage());
                            return requeue(batch, clock.instant().plus(BARRIER_TIMEOUT)).thenReturn(0L);
                        }));
    }

    /**
     * Waits until the access state has applied every access event published before the batch was claimed: a
     * deactivation committed and published a moment before the claim is known when the batch is checked. When the
     * broker cannot say (it is down), the batch waits for the next round rather than go out unchecked.
     */
    private Mono<Void> accessCaughtUp() {
        if (accessConsumer == null) {
            return Mono.empty();
        }
        return Mono.fromFuture(accessConsumer::caughtUpToNow)
                .timeout(BARRIER_TIMEOUT)
                .onErrorMap(error -> new BarrierMissed("the access state could not catch up with the access topic: "
                        + error));
    }

    /** The access state could not be brought up to date before sending. */
    private static final class BarrierMissed extends RuntimeException {

        BarrierMissed(String message) {
            super(message, null, false, false);
        }
    }

    private Flux<ClaimedEmail> claim() {
        Instant now = clock.instant();
        return Flux.defer(() -> {
            busy.incrementAndGet();
            return claimDue(now).doFinally(signal -> busy.decrementAndGet());
        });
    }

    private Flux<ClaimedEmail> claimDue(Instant now) {
        return deliveries.claimDue(now, properties.batchSize())
                .doOnNext(email -> held.put(email.id(), email));
    }

    private Mono<Void> send(ClaimedEmail email) {
        if (stopping) {
            // left claimed: stop() queues it again for another worker
            return Mono.empty();
        }
        return Mono.defer(() -> {
                    busy.incrementAndGet();
                    return checkAndSend(email);
                })
                .doFinally(signal -> {
                    held.remove(email.id());
                    busy.decrementAndGet();
                });
    }

    private Mono<Void> checkAndSend(ClaimedEmail email) {
        // the status again, right before sending: someone may have been deactivated since the batch was claimed.
        // Two views of it, and the email goes only when both say active: the recipients' projection, and the access
        // state in memory, which hears of a status change first (its topic never waits behind other events)
        return suppression(email).flatMap(suppressed -> {
            if (suppressed.isPresent()) {
                return suppress(email, suppressed.get());
            }
            Mono<Boolean> sent = Mono.fromRunnable(() -> mail.send(message(email)))
                    .subscribeOn(Schedulers.boundedElastic())
                    .thenReturn(true)
                    .onErrorResume(error -> {
                        log.warn("Sending email {} failed (attempt {} of {}): {}", email.id(), email.attempts(),
                                properties.maxAttempts(), error.toString());
                        // a departure while this worker held the email missed it (it cancels queued ones only):
                        // asked again now, it is not tried again for someone who has left
                        Mono<Void> next = email.attempts() >= properties.maxAttempts()
                                ? mark(email, "FAILED", error.toString(), null).doOnSuccess(ignored -> metrics.failed())
                                : suppression(email).flatMap(left -> left.isPresent()
                                        ? suppress(email, left.get())
                                        : retryLater(email, error.toString()).doOnSuccess(ignored -> metrics.retried()));
                        return next.thenReturn(false);
                    });
            // only a failed send is retried; a failure to record a sent email must not send it again
            return sent.flatMap(ok -> ok ? mark(email, "SENT", null, null)
                    .doOnSuccess(ignored -> metrics.sent(email.occurredAt())) : Mono.empty());
        });
    }

    /**
     * Why the email must not go (now), or empty when it may: the recipient as both the projection and the access
     * state in memory see them ({@link RecipientPolicy}); the access state hears of a departure first.
     */
    private Mono<Optional<String>> suppression(ClaimedEmail email) {
        return deliveries.recipientStatus(email.id()).defaultIfEmpty("").map(projected -> RecipientPolicy.suppression(
                accessStates.inactiveStatus(email.recipientId()).orElse(projected)));
    }

    private Mono<Void> suppress(ClaimedEmail email, String reason) {
        return mark(email, "SUPPRESSED", null, reason).doOnSuccess(ignored -> metrics.suppressedAtSend(reason));
    }

    private MimeMessage message(ClaimedEmail email) {
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.from());
            helper.setTo(email.address());
            helper.setSubject(email.subject());
            // the secret goes into the message only now; the stored body keeps the placeholder
            String secret = email.sealedSecret() == null ? null : secrets.open(email.sealedSecret());
            helper.setText(withSecret(email.text(), secret), withSecret(email.html(), secret));
            return message;
        }
        catch (jakarta.mail.MessagingException ex) {
            throw new IllegalStateException("Could not build email " + email.id(), ex);
        }
    }

    private static String withSecret(String body, String secret) {
        return body == null || secret == null ? body : body.replace(Notice.SECRET, secret);
    }

    /**
     * Records the outcome, unless the claim was released meanwhile (then another worker owns the email). Every
     * outcome recorded here is final: a secret the email carried is wiped.
     */
    private Mono<Void> mark(ClaimedEmail email, String status, String error, String reason) {
        return deliveries.finish(email, status, error, reason, clock.instant());
    }

    private Mono<Void> retryLater(ClaimedEmail email, String error) {
        return deliveries.retryAt(email, error, clock.instant().plus(properties.backoff(email.attempts())));
    }

    /** Queues again what a dead worker had claimed. */
    private Mono<Void> release() {
        return deliveries.releaseStale(clock.instant(), clock.instant().minus(properties.claimTimeout()));
    }

    @Override
    public void start() {
        stopping = false;
        rounds.start();
    }

    /**
     * Stops claiming and sending: a claim under way and the email with the SMTP server now are finished (within 10 s), the rest
     * of the batch is queued again at once, due now and its attempt not counted, for another worker (or this one
     * after a restart) rather than after the claim timeout.
     */
    @Override
    public void stop() {
        stopping = true;
        long deadline = System.nanoTime() + MOST_AWAITED_AT_STOP.toNanos();
        while (busy.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        rounds.stop();
        List<ClaimedEmail> unsent = List.copyOf(held.values());
        if (unsent.isEmpty()) {
            return;
        }
        try {
            Long released = requeue(unsent, clock.instant()).block(Duration.ofSeconds(5));
            log.info("Email worker stopped; {} claimed emails queued again", released);
        }
        catch (RuntimeException ex) {
            log.warn("Could not queue again the {} emails this worker had claimed (they are after the claim timeout): {}",
                    unsent.size(), ex.toString());
        }
    }

    /** Queues claimed emails again, due at {@code due}, their attempt not counted: they were not tried. */
    private Mono<Long> requeue(List<ClaimedEmail> emails, Instant due) {
        return deliveries.requeue(emails, due)
                .doOnSuccess(requeued -> emails.forEach(email -> held.remove(email.id())));
    }

    @Override
    public boolean isRunning() {
        return rounds.isRunning();
    }
}
