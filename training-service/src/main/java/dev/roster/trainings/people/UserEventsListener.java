package dev.roster.trainings.people;

import dev.roster.events.EventEnvelope;
import dev.roster.events.RosterEvent;
import dev.roster.events.Topics;
import dev.roster.events.user.UserDeleted;
import dev.roster.events.user.UserStatus;
import dev.roster.events.user.UserStatusChanged;
import dev.roster.platform.kafka.EventProcessor;
import dev.roster.platform.people.People;
import dev.roster.trainings.enrollment.Departures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the people projection from {@code roster.users.v1}, each event applied once and in order per user,
 * and carries status changes into trainings: an ended employment drops upcoming enrollments, a deletion
 * erases them (both in the event's transaction, after the projection row changed).
 */
@Component
class UserEventsListener {

    static final String CONSUMER = "training-service.people";

    private final EventProcessor processor;
    private final People people;
    private final Departures departures;

    UserEventsListener(EventProcessor processor, People people, Departures departures) {
        this.processor = processor;
        this.people = people;
        this.departures = departures;
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER)
    Mono<Void> on(ConsumerRecord<String, byte[]> record) {
        return processor.process(record, CONSUMER, event -> people.apply(event).then(react(event)));
    }

    private Mono<Void> react(EventEnvelope<RosterEvent> event) {
        return switch (event.data()) {
            case UserStatusChanged changed when changed.status() == UserStatus.EMPLOYMENT_ENDED ->
                    departures.employmentEnded(event.accountId(), changed.userId());
            case UserDeleted deleted -> departures.erased(event.accountId(), deleted.userId());
            default -> Mono.empty();
        };
    }
}
