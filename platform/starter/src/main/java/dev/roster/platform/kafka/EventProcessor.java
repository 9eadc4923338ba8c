package dev.roster.platform.kafka;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.MalformedEventException;
import dev.roster.events.RosterEvent;
import dev.roster.events.UnknownEvent;
import dev.roster.platform.inbox.Inbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * What every {@code @KafkaListener} of Roster does around its handler, so that listeners only
 * translate events: reads the envelope, applies events of one key in order, applies each event once
 * (through the {@link Inbox}, in one transaction with the effect), retries with back-off, and after
 * the last retry sends the record to {@code <topic>.DLT} and moves on, so a poison record never
 * blocks its partition. The returned {@code Mono} completes when the record may be acknowledged.
 */
public class EventProcessor {

    private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);

    private final EventJson json;
    private final Inbox inbox;
    private final ConsumerRecordRecoverer deadLetters;
    private final RosterKafkaProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final KeyedSequencer sequencer = new KeyedSequencer();

    public EventProcessor(EventJson json, Inbox inbox, ConsumerRecordRecoverer deadLetters,
            RosterKafkaProperties properties, MeterRegistry meters, Clock clock) {
        this.json = json;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Applies {@code handler} to the event in {@code record}, once for {@code consumer}.
     * Tombstones and event types this service does not know are skipped.
     */
    public Mono<Void> process(ConsumerRecord<String, byte[]> record, String consumer,
            Function<EventEnvelope<RosterEvent>, Mono<Void>> handler) {
        if (record.value() == null) {
            return Mono.empty();
        }
        EventEnvelope<RosterEvent> event;
        try {
            event = json.read(record.value());
        }
        catch (MalformedEventException ex) {
            return deadLetter(record, ex, "malformed");
        }
        if (event.data() instanceof UnknownEvent) {
            count(record, event.type(), "skipped");
            return Mono.empty();
        }
        return sequencer.run(record.key(), () -> apply(event, consumer, handler)
                        .retryWhen(Retry.backoff(properties.retryAttempts(), properties.retryInitialBackoff())
                                .maxBackoff(properties.retryMaxBackoff())
                                .filter(EventProcessor::isRetryable)
                                .doBeforeRetry(signal -> log.warn("Retrying event {} ({}) for {}, attempt {}: {}",
                                        event.eventId(), event.type(), consumer, signal.totalRetries() + 1,
                                        signal.failure().toString()))))
                .doOnNext(applied -> {
                    count(record, event.type(), applied ? "applied" : "duplicate");
                    if (applied) {
                        Timer.builder("roster.events.propagation.lag")
                                .description("From an event's occurredAt to its effect in this service")
                                .tag("topic", record.topic())
                                .tag("type", event.type())
                                .publishPercentileHistogram()
                                .register(meters)
                                .record(Duration.between(event.occurredAt(), clock.instant()));
                    }
                })
                .then()
                .onErrorResume(error -> deadLetter(record, Exceptions.unwrap(error), event.type()));
    }

    private Mono<Boolean> apply(EventEnvelope<RosterEvent> event, String consumer,
            Function<EventEnvelope<RosterEvent>, Mono<Void>> handler) {
        Mono<Void> effect = Mono.defer(() -> handler.apply(event));
        return inbox == null ? effect.thenReturn(true) : inbox.once(consumer, event.eventId(), effect);
    }

    private Mono<Void> deadLetter(ConsumerRecord<String, byte[]> record, Throwable error, String type) {
        Throwable cause = Exceptions.isRetryExhausted(error) && error.getCause() != null ? error.getCause() : error;
        log.error("Sending {}-{}@{} ({}) to the dead-letter topic: {}", record.topic(), record.partition(),
                record.offset(), type, cause.toString());
        Exception exception = cause instanceof Exception ex ? ex : new RuntimeException(cause);
        // the recoverer waits for the broker's answer: not on an event loop
        return Mono.fromRunnable(() -> deadLetters.accept(record, exception))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnSuccess(ignored -> count(record, type, "dead-lettered"))
                .then();
    }

    private void count(ConsumerRecord<String, byte[]> record, String type, String outcome) {
        Counter.builder("roster.events.consumed")
                .description("Events consumed, by outcome")
                .tag("topic", record.topic())
                .tag("type", type)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    private static boolean isRetryable(Throwable error) {
        return !(error instanceof MalformedEventException || error instanceof NonRetryableEventException);
    }
}
