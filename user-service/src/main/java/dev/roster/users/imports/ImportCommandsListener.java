package dev.roster.users.imports;

import dev.roster.events.Topics;
import dev.roster.platform.kafka.EventProcessor;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Applies import-service's rows from {@code roster.user-import-commands.v1} a poll at a time: one
 * transaction records the commands in the inbox (each applies once), applies their rows and records their
 * results. A batch that keeps failing is applied command by command, so that a command that can never apply
 * goes to the dead-letter topic alone (with its hundred rows at most), each of its rows answered as refused so
 * that its import still completes.
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

    // large polls: each batch pays the account's lock, its seat count and lookups once. A command holds up to 100
    // rows of ~1 KB at most: 20 commands are up to 2,000 rows in one transaction (20 rows while commands of one row,
    // as import-service submitted them before, are still on the topic)
    @KafkaListener(topics = Topics.USER_IMPORT_COMMANDS, groupId = CONSUMER, batch = "true", properties = {
            "max.poll.records=20", "max.partition.fetch.bytes=4194304", "fetch.max.bytes=8388608"})
    Mono<Void> on(List<ConsumerRecord<String, byte[]>> records) {
        return processor.processBatch(records, CONSUMER, rows::apply, rows::refuse);
    }
}
