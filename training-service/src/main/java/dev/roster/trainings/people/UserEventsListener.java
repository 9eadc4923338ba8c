package dev.roster.trainings.people;

import dev.roster.events.EventEnvelope;
import dev.roster.events.RosterEvent;
import dev.roster.events.Topics;
import dev.roster.events.user.DepartmentChanged;
import dev.roster.events.user.DepartmentDeleted;
import dev.roster.events.user.UserCreated;
import dev.roster.events.user.UserDeleted;
import dev.roster.events.user.UserStatus;
import dev.roster.events.user.UserStatusChanged;
import dev.roster.events.user.UserUpdated;
import dev.roster.platform.kafka.EventProcessor;
import dev.roster.trainings.enrollment.Departures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the people projection from {@code roster.users.v1}, each event applied once and in order per user,
 * and carries status changes into trainings: an ended employment drops upcoming enrollments, a deletion
 * erases them (both in the event's transaction).
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
        return processor.process(record, CONSUMER, this::apply);
    }

    private Mono<Void> apply(EventEnvelope<RosterEvent> event) {
        return switch (event.data()) {
            case UserCreated created -> people.upsert(event.accountId(), created.user());
            case UserUpdated updated -> people.upsert(event.accountId(), updated.user());
            case UserStatusChanged changed -> people.changeStatus(changed.userId(), changed.status(),
                    changed.employmentEndedOn())
                    .then(changed.status() == UserStatus.EMPLOYMENT_ENDED
                            ? departures.employmentEnded(event.accountId(), changed.userId()) : Mono.empty());
            case UserDeleted deleted -> people.erase(deleted.userId())
                    .then(departures.erased(event.accountId(), deleted.userId()));
            case DepartmentChanged department -> people.departmentSupervisors(event.accountId(), department);
            case DepartmentDeleted department -> people.forgetDepartment(department.departmentId());
            default -> Mono.empty();
        };
    }
}
