package dev.roster.users.imports;

import dev.roster.events.Topics;
import dev.roster.events.imports.ImportRowSubmitted;
import dev.roster.platform.kafka.EventProcessor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Applies import-service's rows from {@code roster.user-import-commands.v1}, each once (the inbox records the
 * command in the transaction that applies it and records its result) and in order per login.
 */
@Component
class ImportCommandsListener {

    static final String CONSUMER = "user-service.imports";

    private final EventProcessor processor;
    private final ImportRowService rows;

    ImportCommandsListener(EventProcessor processor, ImportRowService rows) {
        this.processor = processor;
        this.rows = rows;
    }

    @KafkaListener(topics = Topics.USER_IMPORT_COMMANDS, groupId = CONSUMER)
    Mono<Void> on(ConsumerRecord<String, byte[]> record) {
        return processor.process(record, CONSUMER, event -> event.data() instanceof ImportRowSubmitted row
                ? rows.apply(event.accountId(), row) : Mono.empty());
    }
}
