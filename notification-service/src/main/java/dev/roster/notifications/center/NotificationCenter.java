package dev.roster.notifications.center;

import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.web.Page;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The in-app notification center of the caller: only ever their own notices (anyone else's are 404). */
@Service
class NotificationCenter {

    private final NotificationRepository notifications;
    private final LiveNotifications live;
    private final Clock clock;

    NotificationCenter(NotificationRepository notifications, LiveNotifications live, Clock clock) {
        this.notifications = notifications;
        this.live = live;
        this.clock = clock;
    }

    Mono<Page<NotificationResponse>> list(Caller caller, boolean unreadOnly, int page, int size) {
        Page.check(page, size);
        return Mono.zip(
                        notifications.page(caller.accountId(), caller.userId(), unreadOnly, size, (long) page * size)
                                .collectList(),
                        notifications.count(caller.accountId(), caller.userId(), unreadOnly))
                .map(loaded -> Page.of(loaded.getT1(), page, size, loaded.getT2()));
    }

    Mono<Long> unreadCount(Caller caller) {
        return notifications.count(caller.accountId(), caller.userId(), true);
    }

    Mono<NotificationResponse> markRead(Caller caller, UUID id) {
        return notifications.markRead(caller.accountId(), caller.userId(), id, clock.instant())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Notification " + id)));
    }

    Mono<Long> readAll(Caller caller) {
        return notifications.markAllRead(caller.accountId(), caller.userId(), clock.instant());
    }

    /** New notices of the caller as they are committed, on any replica. */
    Flux<NotificationResponse> stream(Caller caller) {
        return live.of(caller.userId()).concatMap(id -> notifications.find(caller.accountId(), caller.userId(), id));
    }
}
