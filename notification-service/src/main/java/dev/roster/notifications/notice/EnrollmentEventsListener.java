package dev.roster.notifications.notice;

import dev.roster.events.EventEnvelope;
import dev.roster.events.RosterEvent;
import dev.roster.events.Topics;
import dev.roster.events.enrollment.EnrollmentDropped;
import dev.roster.events.enrollment.EnrollmentEvent;
import dev.roster.events.enrollment.Enrolled;
import dev.roster.events.enrollment.SessionSnapshot;
import dev.roster.events.enrollment.SessionSwitched;
import dev.roster.events.enrollment.Unenrolled;
import dev.roster.events.enrollment.WaitlistPromoted;
import dev.roster.events.enrollment.Waitlisted;
import dev.roster.platform.kafka.EventProcessor;
import dev.roster.platform.people.People;
import dev.roster.platform.people.People.Person;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * From {@code roster.enrollments.v1}: the learner hears about their enrollment, waitlist place, session
 * change, promotion, removal and drop; their supervisors (direct and of their department) hear when the
 * learner unenrolls or switches session themselves, if the training wants supervisors notified.
 */
@Component
class EnrollmentEventsListener {

    static final String CONSUMER = "notification-service.enrollments";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final EventProcessor processor;
    private final People people;
    private final NoticeService notices;

    EnrollmentEventsListener(EventProcessor processor, People people, NoticeService notices) {
        this.processor = processor;
        this.people = people;
        this.notices = notices;
    }

    @KafkaListener(topics = Topics.ENROLLMENTS, groupId = CONSUMER)
    Mono<Void> on(ConsumerRecord<String, byte[]> record) {
        return processor.process(record, CONSUMER, this::apply);
    }

    private Mono<Void> apply(EventEnvelope<RosterEvent> event) {
        if (!(event.data() instanceof EnrollmentEvent enrollment)) {
            return Mono.empty();
        }
        return people.find(event.accountId(), List.of(enrollment.learnerId())).flatMap(found -> {
            Person learner = found.get(enrollment.learnerId());
            Map<String, Object> values = values(enrollment, learner);
            return switch (enrollment) {
                case Enrolled enrolled -> notices.deliver(event, toLearner(NoticeKind.LEARNER_ENROLLED, enrolled,
                        with(values, session(enrolled.session(), ""))));
                case Waitlisted waitlisted -> notices.deliver(event, toLearner(NoticeKind.LEARNER_WAITLISTED, waitlisted,
                        with(with(values, session(waitlisted.session(), "")), Map.of("position", waitlisted.position()))));
                case WaitlistPromoted promoted -> notices.deliver(event, toLearner(NoticeKind.LEARNER_PROMOTED, promoted,
                        with(values, session(promoted.session(), ""))));
                case EnrollmentDropped dropped -> notices.deliver(event, toLearner(NoticeKind.LEARNER_DROPPED, dropped,
                        with(values, Map.of("reason", reason(dropped.reason())))));
                case SessionSwitched switched -> {
                    Map<String, Object> moved = with(with(with(values, session(switched.from(), "from")),
                            session(switched.to(), "to")), Map.of("waitlisted", switched.waitlisted()));
                    yield supervisors(event, switched.byLearner(), NoticeKind.SUPERVISOR_LEARNER_SWITCHED, moved)
                            .flatMap(toSupervisors -> notices.deliver(event, concat(
                                    toLearner(NoticeKind.LEARNER_SESSION_CHANGED, switched, moved), toSupervisors)));
                }
                case Unenrolled unenrolled -> unenrolled.byLearner()
                        ? supervisors(event, true, NoticeKind.SUPERVISOR_LEARNER_UNENROLLED,
                                with(values, session(unenrolled.session(), "")))
                                .flatMap(toSupervisors -> notices.deliver(event, toSupervisors))
                        : notices.deliver(event, toLearner(NoticeKind.LEARNER_REMOVED, unenrolled, values));
                default -> Mono.empty();
            };
        });
    }

    /** Notices to the learner's supervisors, when the learner acted and the training wants them told. */
    private Mono<List<Notice>> supervisors(EventEnvelope<RosterEvent> event, boolean byLearner, NoticeKind kind,
            Map<String, Object> values) {
        EnrollmentEvent enrollment = (EnrollmentEvent) event.data();
        if (!byLearner || !enrollment.notifySupervisors()) {
            return Mono.just(List.of());
        }
        return people.supervisorsOf(event.accountId(), enrollment.learnerId())
                .map(supervisor -> new Notice(kind, supervisor, enrollment.learnerId(), values))
                .collectList();
    }

    private static List<Notice> toLearner(NoticeKind kind, EnrollmentEvent enrollment, Map<String, Object> values) {
        return List.of(new Notice(kind, enrollment.learnerId(), enrollment.learnerId(), values));
    }

    private static Map<String, Object> values(EnrollmentEvent enrollment, Person learner) {
        Map<String, Object> values = new HashMap<>();
        values.put("trainingTitle", enrollment.trainingTitle());
        values.put("learnerName", learner == null ? "A learner" : learner.fullName());
        values.put("learnerFirstName", learner == null ? "them" : learner.firstName());
        return values;
    }

    /** A session as notices show it: "Tue 1 Dec 2026, 09:00–17:00 (Europe/Berlin)" and its location. */
    static Map<String, Object> session(SessionSnapshot session, String prefix) {
        Map<String, Object> values = new HashMap<>();
        if (session == null) {
            return values;
        }
        ZoneId zone = session.timeZone() == null ? ZoneId.of("UTC") : ZoneId.of(session.timeZone());
        ZonedDateTime start = session.startsAt().atZone(zone);
        ZonedDateTime end = session.endsAt().atZone(zone);
        String when = DAY.format(start) + "–" + (end.toLocalDate().equals(start.toLocalDate()) ? TIME : DAY).format(end)
                + " (" + zone.getId() + ")";
        values.put(prefix.isEmpty() ? "sessionWhen" : prefix + "When", when);
        if (session.location() != null && !session.location().isBlank()) {
            values.put(prefix.isEmpty() ? "location" : prefix + "Location", session.location());
        }
        return values;
    }

    private static String reason(String reason) {
        return switch (reason == null ? "" : reason) {
            case EnrollmentDropped.EMPLOYMENT_ENDED -> "your employment ended";
            case EnrollmentDropped.SESSION_CANCELLED -> "the session was cancelled";
            default -> "it was cancelled by the system";
        };
    }

    private static Map<String, Object> with(Map<String, Object> values, Map<String, Object> more) {
        Map<String, Object> merged = new HashMap<>(values);
        merged.putAll(more);
        return merged;
    }

    private static List<Notice> concat(List<Notice> first, List<Notice> second) {
        List<Notice> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
