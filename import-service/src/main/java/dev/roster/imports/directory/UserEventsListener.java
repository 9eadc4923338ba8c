package dev.roster.imports.directory;

import dev.roster.events.Topics;
import dev.roster.platform.kafka.EventProcessor;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the directory from {@code roster.users.v1}: each event once, in order, a poll at a time (one transaction
 * with the inbox; 100,000 users created by an import or 10,000 status changes of a burst are tens or hundreds of
 * transactions, not one per event); a poll that fails twice is applied event by event, so a poison record goes to
 * the DLT alone.
 */
@Component
class UserEventsListener {

    static final String CONSUMER = "import-service.directory";

    private final EventProcessor processor;
    private final DirectoryRepository directory;

    UserEventsListener(EventProcessor processor, DirectoryRepository directory) {
        this.processor = processor;
        this.directory = directory;
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER, batch = "true", properties = {
            "max.poll.records=2000", "max.partition.fetch.bytes=4194304"})
    Mono<Void> on(List<ConsumerRecord<String, byte[]>> records) {
        return processor.processBatch(records, CONSUMER, directory::applyAll);
    }
}
