package dev.roster.imports.directory;

import dev.roster.events.Topics;
import dev.roster.platform.kafka.EventProcessor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Keeps the directory from {@code roster.users.v1}: each event once, in order per user. */
@Component
class UserEventsListener {

    static final String CONSUMER = "import-service.directory";

    private final EventProcessor processor;
    private final Directory directory;

    UserEventsListener(EventProcessor processor, Directory directory) {
        this.processor = processor;
        this.directory = directory;
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER)
    Mono<Void> on(ConsumerRecord<String, byte[]> record) {
        return processor.process(record, CONSUMER, directory::apply);
    }
}
