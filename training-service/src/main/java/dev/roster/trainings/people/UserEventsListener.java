package dev.roster.trainings.people;

import dev.roster.events.EventEnvelope;
import dev.roster.events.RosterEvent;
import dev.roster.events.Topics;
import dev.roster.events.user.UserDeleted;
import dev.roster.events.user.UserStatusChanged;
import dev.roster.platform.kafka.EventProcessor;
import dev.roster.platform.people.People;
import dev.roster.trainings.enrollment.DeparturePolicy;
import dev.roster.trainings.enrollment.Departures;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the people projection from {@code roster.users.v1}, each event applied once and in order per user,
 * and carries status changes into trainings: an ended employment drops upcoming enrollments, a deletion
 * erases them (both in the event's transaction, after the projection row changed). A poll is applied in one
 * transaction, a run of departures in a few statements (a bulk offboarding of 10,000 costs tens of
 * transactions); a batch that fails is applied one event at a time, so a poison record goes to the DLT alone.
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

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER, batch = "true")
    Mono<Void> on(List<ConsumerRecord<String, byte[]>> records) {
        return processor.processBatch(records, CONSUMER, events -> people.applyAll(events, this::departed, this::react));
    }

    /** Users who stopped being active, together: those whose employment ended leave their trainings. */
    private Mono<Void> departed(List<UserStatusChanged> changes) {
        return departures.employmentEnded(changes.stream()
                .filter(changed -> DeparturePolicy.dropsEnrollments(changed.status()))
                .map(UserStatusChanged::userId)
                .toList());
    }

    /** Any other event, after the projection applied it (departures come as runs, above). */
    private Mono<Void> react(EventEnvelope<RosterEvent> event) {
        return switch (event.data()) {
            case UserDeleted deleted -> departures.erased(event.accountId(), deleted.userId());
            default -> Mono.empty();
        };
    }
}
