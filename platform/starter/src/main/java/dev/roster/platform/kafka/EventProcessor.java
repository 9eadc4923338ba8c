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
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.ReceiverContext;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.transaction.CannotCreateTransactionException;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * What every {@code @KafkaListener} of Roster does around its handler, so that listeners only
 * translate events: reads the envelope, applies events of one key in order, applies each event once
 * (through the {@link Inbox}, in one transaction with the effect), retries with back-off, and after
 * the last retry sends the record to {@code <topic>.DLT} and moves on, so a poison record never
 * blocks its partition. An unreachable database is not the event's fault: the event waits until it can be applied. The returned {@code Mono} completes when the record may be acknowledged.
 * Listeners of batches ({@link #processBatch}) apply a whole poll in one transaction and fall back to
 * these steps, record by record, only when the batch fails.
 */
public class EventProcessor {

    private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);
    private static final String TRACE_PARENT = "traceparent";

    private final EventJson json;
    private final Inbox inbox;
    private final ConsumerRecordRecoverer deadLetters;
    private final RosterKafkaProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ObservationRegistry observations;
    private final KeyedSequencer sequencer = new KeyedSequencer();

    /** A processor that observes nothing: no trace continues through it. */
    public EventProcessor(EventJson json, Inbox inbox, ConsumerRecordRecoverer deadLetters,
            RosterKafkaProperties properties, MeterRegistry meters, Clock clock) {
        this(json, inbox, deadLetters, properties, meters, clock, ObservationRegistry.NOOP);
    }

    /**
     * A processor that applies each event (each run of a batch's events from one trace) in an observation that
     * continues the trace carried in the record's headers: the effects, their log lines and the events they record
     * belong to the trace of the request that caused the event.
     */
    public EventProcessor(EventJson json, Inbox inbox, ConsumerRecordRecoverer deadLetters,
            RosterKafkaProperties properties, MeterRegistry meters, Clock clock, ObservationRegistry observations) {
        this.json = json;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        this.observations = observations;
    }

    /**
     * Applies {@code handler} to the event in {@code record}, once for {@code consumer}.
     * Tombstones and event types this service does not know are skipped.
     */
    public Mono<Void> process(ConsumerRecord<String, byte[]> record, String consumer,
            Function<EventEnvelope<RosterEvent>, Mono<Void>> handler) {
        return process(record, consumer, handler, null);
    }

    /**
     * As {@link #process(ConsumerRecord, String, Function)}; when the event goes to the dead-letter topic,
     * {@code onDeadLetter} (unless null) records what giving up on it means, once, in its own transaction:
     * the answer a sender waits for, say.
     */
    public Mono<Void> process(ConsumerRecord<String, byte[]> record, String consumer,
            Function<EventEnvelope<RosterEvent>, Mono<Void>> handler,
            Function<EventEnvelope<RosterEvent>, Mono<Void>> onDeadLetter) {
        if (record.value() == null) {
            return Mono.empty();
        }
        return observed(record, consumer, 1, Mono.defer(() -> processObserved(record, consumer, handler, onDeadLetter)));
    }

    private Mono<Void> processObserved(ConsumerRecord<String, byte[]> record, String consumer,
            Function<EventEnvelope<RosterEvent>, Mono<Void>> handler,
            Function<EventEnvelope<RosterEvent>, Mono<Void>> onDeadLetter) {
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
                        .retryWhen(whileUnavailable(consumer))
                        .retryWhen(Retry.backoff(properties.retryAttempts(), properties.retryInitialBackoff())
                                .maxBackoff(properties.retryMaxBackoff())
                                .filter(EventProcessor::isRetryable)
                                .doBeforeRetry(signal -> log.warn("Retrying event {} ({}) for {}, attempt {}: {}",
                                        event.eventId(), event.type(), consumer, signal.totalRetries() + 1,
                                        signal.failure().toString()))))
                .doOnNext(applied -> counted(record, event, applied))
                .then()
                .onErrorResume(error -> deadLetter(record, Exceptions.unwrap(error), event.type())
                        .then(onDeadLetter == null ? Mono.empty() : givenUp(event, consumer, onDeadLetter)));
    }

    private Mono<Void> givenUp(EventEnvelope<RosterEvent> event, String consumer,
            Function<EventEnvelope<RosterEvent>, Mono<Void>> onDeadLetter) {
        Mono<Void> effect = Mono.defer(() -> onDeadLetter.apply(event));
        return (inbox == null ? effect : inbox.once(consumer, event.eventId(), effect).then())
                .onErrorResume(error -> {
                    log.error("Could not record giving up on event {} ({}) for {}: {}", event.eventId(), event.type(),
                            consumer, error.toString());
                    return Mono.empty();
                });
    }

    /**
     * Applies {@code handler} to the events of a whole poll at once: one transaction records them in the
     * {@link Inbox} and applies those not applied before (a redelivered batch changes nothing), in the order
     * of the records; each event id is handed over once. Records that are not events go to the dead-letter
     * topic, tombstones and unknown types are skipped. When the batch fails even after one more try, its
     * records are applied one at a time as by {@link #process}, with {@code handler} given one event, so
     * that a poison record goes to the dead-letter topic alone and the rest still apply. Batches of one
     * consumer apply one after another. The returned {@code Mono} completes when the batch may be acknowledged.
     */
    public Mono<Void> processBatch(List<ConsumerRecord<String, byte[]>> records, String consumer,
            Function<List<EventEnvelope<RosterEvent>>, Mono<Void>> handler) {
        return processBatch(records, consumer, handler, null);
    }

    /**
     * As {@link #processBatch(List, String, Function)}, with {@code onDeadLetter} recording what giving up on
     * an event means (see {@link #process(ConsumerRecord, String, Function, Function)}).
     */
    public Mono<Void> processBatch(List<ConsumerRecord<String, byte[]>> records, String consumer,
            Function<List<EventEnvelope<RosterEvent>>, Mono<Void>> handler,
            Function<EventEnvelope<RosterEvent>, Mono<Void>> onDeadLetter) {
        return sequencer.run("batch of " + consumer, () -> {
            List<Mono<Void>> malformed = new ArrayList<>();
            Map<UUID, Read> events = new LinkedHashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.value() == null) {
                    continue;
                }
                try {
                    EventEnvelope<RosterEvent> event = json.read(record.value());
                    if (event.data() instanceof UnknownEvent) {
                        count(record, event.type(), "skipped");
                    }
                    else if (events.putIfAbsent(event.eventId(), new Read(record, event)) != null) {
                        count(record, event.type(), "duplicate");
                    }
                }
                catch (MalformedEventException ex) {
                    malformed.add(deadLetter(record, ex, "malformed"));
                }
            }
            // each run of events from one trace applies in an observation continuing that trace: a burst that one
            // request caused is still one transaction, and events of other requests never join its trace
            return Flux.concat(malformed).thenMany(Flux.fromIterable(runsOfOneTrace(events.values())))
                    .concatMap(run -> observed(run.getFirst().record(), consumer, run.size(),
                            Mono.defer(() -> applyBatch(run, consumer, handler, onDeadLetter))))
                    .then();
        });
    }

    /** The events in order, cut where the trace they carry changes. */
    private static List<List<Read>> runsOfOneTrace(Collection<Read> events) {
        List<List<Read>> runs = new ArrayList<>();
        String trace = null;
        for (Read read : events) {
            String next = header(read.record(), TRACE_PARENT);
            if (runs.isEmpty() || !Objects.equals(trace, next)) {
                runs.add(new ArrayList<>());
                trace = next;
            }
            runs.getLast().add(read);
        }
        return runs;
    }

    /**
     * {@code work} in an observation of its own, continuing the trace in {@code carrier}'s headers (a new trace
     * when it carries none), in the Reactor context of all it does: its log lines carry the trace id and the
     * request id, and what it records in the outbox carries the trace on.
     */
    private Mono<Void> observed(ConsumerRecord<String, byte[]> carrier, String consumer, int events, Mono<Void> work) {
        if (observations.isNoop()) {
            return work;
        }
        return Mono.defer(() -> {
            ReceiverContext<ConsumerRecord<String, byte[]>> context = new ReceiverContext<>(EventProcessor::header);
            context.setCarrier(carrier);
            context.setRemoteServiceName("kafka");
            Observation observation = Observation.createNotStarted("roster.events.process", () -> context, observations)
                    .contextualName(carrier.topic() + " process")
                    .lowCardinalityKeyValue("topic", carrier.topic())
                    .lowCardinalityKeyValue("consumer", consumer)
                    .highCardinalityKeyValue("events", Integer.toString(events))
                    .start();
            return work
                    .doOnError(observation::error)
                    .doFinally(signal -> observation.stop())
                    .contextWrite(reactor -> reactor.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private Mono<Void> applyBatch(List<Read> batch, String consumer,
            Function<List<EventEnvelope<RosterEvent>>, Mono<Void>> handler,
            Function<EventEnvelope<RosterEvent>, Mono<Void>> onDeadLetter) {
        List<UUID> ids = batch.stream().map(read -> read.event().eventId()).toList();
        Mono<Set<UUID>> applied = inbox == null
                ? Mono.defer(() -> handler.apply(batch.stream().map(Read::event).toList())).thenReturn(Set.copyOf(ids))
                : inbox.onceEach(consumer, ids, fresh -> Mono.defer(() -> handler.apply(batch.stream()
                        .map(Read::event).filter(event -> fresh.contains(event.eventId())).toList())));
        return applied
                .retryWhen(whileUnavailable(consumer))
                .retryWhen(Retry.backoff(1, properties.retryInitialBackoff()).filter(EventProcessor::isRetryable))
                .doOnNext(fresh -> batch.forEach(read -> counted(read.record(), read.event(),
                        fresh.contains(read.event().eventId()))))
                .then()
                .onErrorResume(error -> {
                    log.warn("A batch of {} events for {} failed ({}); applying them one at a time", batch.size(),
                            consumer, cause(error).toString());
                    return Flux.fromIterable(batch)
                            .concatMap(read -> process(read.record(), consumer, event -> handler.apply(List.of(event)),
                                    onDeadLetter))
                            .then();
                });
    }

    /** A record and the event read from it. */
    private record Read(ConsumerRecord<String, byte[]> record, EventEnvelope<RosterEvent> event) {
    }

    private void counted(ConsumerRecord<String, byte[]> record, EventEnvelope<RosterEvent> event, boolean applied) {
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
    }

    private Mono<Boolean> apply(EventEnvelope<RosterEvent> event, String consumer,
            Function<EventEnvelope<RosterEvent>, Mono<Void>> handler) {
        Mono<Void> effect = Mono.defer(() -> handler.apply(event));
        return inbox == null ? effect.thenReturn(true) : inbox.once(consumer, event.eventId(), effect);
    }

    private Mono<Void> deadLetter(ConsumerRecord<String, byte[]> record, Throwable error, String type) {
        Throwable cause = cause(error);
        log.error("Sending {}-{}@{} ({}) to the dead-letter topic: {}", record.topic(), record.partition(),
                record.offset(), type, cause.toString());
        Exception exception = cause instanceof Exception ex ? ex : new RuntimeException(cause);
        // the recoverer waits for the broker's answer: not on an event loop
        return Mono.fromRunnable(() -> deadLetters.accept(record, exception))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnSuccess(ignored -> count(record, type, "dead-lettered"))
                .then();
    }

    private static Throwable cause(Throwable error) {
        Throwable unwrapped = Exceptions.unwrap(error);
        return Exceptions.isRetryExhausted(unwrapped) && unwrapped.getCause() != null ? unwrapped.getCause() : unwrapped;
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

    /**
     * While the database cannot be reached (restarted, failed over, out of connections), the event is not at fault:
     * it waits, retried with back-off for as long as the outage lasts, and its partition with it, instead of using
     * up its retries and landing in the dead-letter topic. Readiness reports the outage meanwhile.
     */
    private Retry whileUnavailable(String consumer) {
        return Retry.backoff(Long.MAX_VALUE, properties.retryInitialBackoff())
                .maxBackoff(properties.retryMaxBackoff())
                .filter(EventProcessor::isUnavailable)
                // a line when the wait begins and every tenth try, not one per event and try
                .doBeforeRetry(signal -> {
                    if (signal.totalRetries() % 10 == 0) {
                        log.warn("{} waits for its database ({} tries so far): {}", consumer, signal.totalRetries() + 1,
                                cause(signal.failure()).toString());
                    }
                });
    }

    /** Whether {@code error} says a resource (the database) cannot be reached, rather than that the event cannot be applied. */
    static boolean isUnavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessResourceException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof R2dbcNonTransientResourceException || cause instanceof R2dbcTransientResourceException
                    || cause instanceof java.net.ConnectException || cause instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
        }
        return false;
    }
}
