package dev.roster.notifications.recipient;

import dev.roster.events.EventEnvelope;
import dev.roster.events.RosterEvent;
import dev.roster.events.Topics;
import dev.roster.events.user.PasswordChanged;
import dev.roster.events.user.UserDeleted;
import dev.roster.events.user.UserInvited;
import dev.roster.events.user.UserStatusChanged;
import dev.roster.notifications.config.NotificationProperties;
import dev.roster.notifications.notice.Notice;
import dev.roster.notifications.notice.NoticeKind;
import dev.roster.notifications.notice.NoticeService;
import dev.roster.platform.kafka.EventProcessor;
import dev.roster.platform.people.People;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * From {@code roster.users.v1}: keeps the recipients' projection (status, email, names, locale,
 * supervisors), cancels queued emails of a user who stops being active, erases a deleted user's
 * notices, and sends the user's own notices: invitation, password changed, account activated. A poll is
 * applied in one transaction, a run of departures in three statements; a batch that fails is applied one
 * event at a time, so a poison record goes to the DLT alone.
 */
@Component
class UserEventsListener {

    static final String CONSUMER = "notification-service.users";
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final EventProcessor processor;
    private final People people;
    private final NoticeService notices;
    private final NotificationProperties properties;

    UserEventsListener(EventProcessor processor, People people, NoticeService notices, NotificationProperties properties) {
        this.processor = processor;
        this.people = people;
        this.notices = notices;
        this.properties = properties;
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER, batch = "true")
    Mono<Void> on(List<ConsumerRecord<String, byte[]>> records) {
        return processor.processBatch(records, CONSUMER, events -> people.applyAll(events, this::departed, this::react));
    }

    /** Users who stopped being active, together: their queued emails are cancelled in one statement. */
    private Mono<Void> departed(List<UserStatusChanged> changes) {
        return notices.cancelQueued(changes.stream()
                .collect(Collectors.toMap(UserStatusChanged::userId, changed -> changed.status().name()))).then();
    }

    /** Any other event, after the projection applied it (departures come as runs, above). */
    private Mono<Void> react(EventEnvelope<RosterEvent> event) {
        return switch (event.data()) {
            case UserStatusChanged changed when changed.previousStatus() != null && !changed.previousStatus().isActive() ->
                    notices.deliver(event, List.of(new Notice(NoticeKind.USER_ACCOUNT_ACTIVATED, changed.userId(), null,
                            Map.of("portalUrl", properties.portalUrl()))));
            case UserDeleted deleted -> notices.erase(deleted.userId());
            // the stored email holds a placeholder; the token is kept encrypted apart until the email is sent
            case UserInvited invited -> notices.deliver(event, List.of(new Notice(NoticeKind.USER_INVITED, invited.userId(),
                    null, Map.of("link", properties.setPasswordLink(Notice.SECRET),
                            "expiresAt", EXPIRY.format(invited.expiresAt())), invited.invitationToken())));
            case PasswordChanged changed -> notices.deliver(event, List.of(new Notice(NoticeKind.USER_PASSWORD_CHANGED,
                    changed.userId(), null, Map.of())));
            default -> Mono.empty();
        };
    }
}
