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
 * with the inbox; 100,000 users created by an import are a few hundred transactions, not 100,000).
 */
@Component
class UserEventsListener {

    static final String CONSUMER = "import-service.directory";

    private final EventProcessor processor;
    private final Directory directory;

    UserEventsListener(EventProcessor processor, Directory directory) {
        this.processor = processor;
        this.directory = directory;
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER, batch = "true", properties = {
            "max.poll.records=2000", "max.partition.fetch.bytes=4194304"})
    Mono<Void> on(List<ConsumerRecord<String, byte[]>> records) {
        return processor.processBatch(records, CONSUMER, directory::applyAll);
    }
}
