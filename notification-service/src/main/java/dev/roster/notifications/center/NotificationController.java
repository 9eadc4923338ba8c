package dev.roster.notifications.center;

import dev.roster.notifications.config.NotificationProperties;
import dev.roster.platform.access.AccessStates;
import dev.roster.platform.access.AccessToken;
import dev.roster.platform.security.Caller;
import dev.roster.platform.web.Page;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The caller's notification center: list, unread count, mark read, and a live stream of new notices. */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationController {

    private final NotificationCenter center;
    private final NotificationProperties properties;
    private final AccessStates access;

    NotificationController(NotificationCenter center, NotificationProperties properties, AccessStates access) {
        this.center = center;
        this.properties = properties;
        this.access = access;
    }

    @GetMapping
    Mono<Page<NotificationResponse>> list(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
        return center.list(Caller.from(jwt), unread, page, size);
    }

    @GetMapping("/unread-count")
    Mono<UnreadCount> unreadCount(@AuthenticationPrincipal Jwt jwt) {
        return center.unreadCount(Caller.from(jwt)).map(UnreadCount::new);
    }

    @PostMapping("/{id}/read")
    Mono<NotificationResponse> read(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return center.markRead(Caller.from(jwt), id);
    }

    @PostMapping("/read-all")
    Mono<ReadAll> readAll(@AuthenticationPrincipal Jwt jwt) {
        return center.readAll(Caller.from(jwt)).map(ReadAll::new);
    }

    /**
     * Server-Sent Events: {@code ready} once the stream listens, then a {@code notification} event for
     * every new notice of the caller, and a comment every {@code heartbeat} to keep proxies from closing it.
     * The stream lives no longer than its token: when the caller's access is revoked (status, tokens
     * valid after, session, deletion) or the token expires, a last {@code access-ended} event says why
     * and the stream closes; the client reconnects with a fresh token.
     */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> stream(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.from(jwt);
        Flux<ServerSentEvent<Object>> notices = center.stream(caller)
                .map(notice -> ServerSentEvent.<Object>builder(notice).id(notice.id().toString()).event("notification").build());
        Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(properties.heartbeat())
                .map(tick -> ServerSentEvent.<Object>builder().comment("keep-alive").build());
        Mono<ServerSentEvent<Object>> ready = Mono.just(ServerSentEvent.<Object>builder(Map.of("userId", caller.userId()))
                .event("ready").build());
        Mono<String> ended = access.ended(AccessToken.of(jwt)).cache();
        Mono<ServerSentEvent<Object>> last = ended.map(reason -> ServerSentEvent.<Object>builder(Map.of("reason", reason))
                .event("access-ended").build());
        // merge subscribes in order: the stream listens before "ready" goes out
        return Flux.merge(notices, ready, heartbeats).takeUntilOther(ended).concatWith(last);
    }

    /** How many of the caller's notices are unread. */
    record UnreadCount(long count) {
    }

    /** How many notices were marked read. */
    record ReadAll(long updated) {
    }
}
