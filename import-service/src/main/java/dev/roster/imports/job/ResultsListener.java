package dev.roster.imports.job;

import dev.roster.events.Topics;
import dev.roster.events.imports.ImportRowApplied;
import dev.roster.events.imports.ImportRowsApplied;
import dev.roster.platform.kafka.EventProcessor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records user-service's per-row outcomes of confirmed imports (each once), a poll at a time: progress, final
 * counts, the report.
 */
@Component
class ResultsListener {

    static final String CONSUMER = "import-service.results";

    private final EventProcessor processor;
    private final ImportJobRepository jobs;
    private final MeterRegistry meters;
    private final Clock clock;

    ResultsListener(EventProcessor processor, ImportJobRepository jobs, MeterRegistry meters, Clock clock) {
        this.processor = processor;
        this.jobs = jobs;
        this.meters = meters;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.USER_IMPORT_RESULTS, groupId = CONSUMER, batch = "true", properties = {
            "max.poll.records=2000", "max.partition.fetch.bytes=4194304"})
    Mono<Void> on(List<ConsumerRecord<String, byte[]>> records) {
        return processor.processBatch(records, CONSUMER, events -> {
            Map<UUID, List<ImportRowApplied>> byImport = new LinkedHashMap<>();
            events.forEach(event -> {
                switch (event.data()) {
                    case ImportRowsApplied applied ->
                            byImport.computeIfAbsent(applied.importId(), importId -> new ArrayList<>()).addAll(applied.rows());
                    // one row to an event: as user-service answered before it answered many at once
                    case ImportRowApplied applied ->
                            byImport.computeIfAbsent(applied.importId(), importId -> new ArrayList<>()).add(applied);
                    default -> { }
                }
            });
            return Flux.fromIterable(byImport.entrySet())
                    .concatMap(results -> jobs.applied(results.getKey(), results.getValue(), clock.instant())
                            .doOnNext(took -> Timer.builder("roster.imports.apply")
                                    .description("From an import's confirmation to its last row applied")
                                    .register(meters).record(took))
                            .doOnSuccess(ignored -> results.getValue().forEach(applied -> Counter
                                    .builder("roster.imports.rows.applied")
                                    .description("Imported rows applied by user-service, by outcome")
                                    .tag("outcome", applied.outcome()).register(meters).increment())))
                    .then();
        });
    }
}
