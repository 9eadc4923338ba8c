package dev.roster.platform.access;

import dev.roster.events.user.SessionRevoked;
import dev.roster.events.user.UserAccessChanged;
import dev.roster.events.user.UserStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The access state of every user and the revoked sessions, in memory, kept from the compacted access
 * topic by {@link AccessStateConsumer}: a request never waits for user-service. A user not heard of yet
 * (created a moment ago) is admitted on the strength of their token; a deleted one is remembered as
 * deleted; a revoked session is remembered until its last access token has expired.
 */
public class AccessStates {

    private final ConcurrentHashMap<UUID, AccessState> users = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, RevokedSession> sessions = new ConcurrentHashMap<>();
    private final Sinks.Many<UUID> changes = Sinks.many().multicast().directBestEffort();
    private final Clock clock;

    public AccessStates() {
        this(Clock.systemUTC());
    }

    /** {@code clock} tells when revoked sessions may be forgotten and when a token expires (real time, like the JWT validation). */
    public AccessStates(Clock clock) {
        this.clock = clock;
    }

    void apply(UserAccessChanged change) {
        users.put(change.userId(), new AccessState(change.status(), change.tokensValidAfter(), false));
        changed(change.userId());
    }

    void delete(UUID userId) {
        users.put(userId, AccessState.DELETED);
        changed(userId);
    }

    void revoke(SessionRevoked session) {
        if (session.expiresAt() == null || session.expiresAt().isAfter(clock.instant())) {
            sessions.put(session.sessionId(), new RevokedSession(session.userId(), session.expiresAt()));
            changed(session.userId());
        }
    }

    void forgetSession(UUID sessionId) {
        sessions.remove(sessionId);
    }

    /** Forgets revoked sessions whose last access token has expired. */
    void forgetExpiredSessions() {
        Instant now = clock.instant();
        sessions.values().removeIf(session -> session.expiresAt() != null && !session.expiresAt().isAfter(now));
    }

    /** Why a token of {@code userId} issued at {@code issuedAt} is refused, or empty when it is admitted. */
    public Optional<String> refusal(UUID userId, Instant issuedAt) {
        return refusal(new AccessToken(userId, null, issuedAt, null));
    }

    /** Why {@code token} is refused, or empty when it is admitted. Looks only at memory. */
    public Optional<String> refusal(AccessToken token) {
        AccessState state = users.get(token.userId());
        if (state != null && !state.admits(token.issuedAt())) {
            if (state.deleted()) {
                return Optional.of("This user no longer exists");
            }
            return Optional.of(state.status() == UserStatus.ACTIVE
                    ? "This session has ended; sign in again"
                    : "This user is no longer active");
        }
        if (token.sessionId() != null && sessions.containsKey(token.sessionId())) {
            return Optional.of("This session has ended; sign in again");
        }
        return Optional.empty();
    }

    /**
     * The status of a user memory knows to be not active: {@code INACTIVE} or {@code EMPLOYMENT_ENDED}, or
     * {@code DELETED}; empty for an active user and for one not heard of. For a service's own decisions about a user
     * (an email about to be sent), from the topic that carries status changes first.
     */
    public Optional<String> inactiveStatus(UUID userId) {
        AccessState state = users.get(userId);
        if (state == null || (!state.deleted() && state.status() == UserStatus.ACTIVE)) {
            return Optional.empty();
        }
        return Optional.of(state.deleted() ? "DELETED" : state.status().name());
    }

    /**
     * Emits why {@code token} stopped being valid, the moment it does: its access is revoked (status,
     * tokens-valid-after, session, deletion) or it expires. For what outlives a request, such as a live stream.
     */
    public Mono<String> ended(AccessToken token) {
        // subscribe to changes before looking at the present state, so that nothing falls in between
        Mono<String> revoked = Flux.merge(changes.asFlux().filter(token.userId()::equals), Mono.just(token.userId()))
                .concatMap(changed -> Mono.justOrEmpty(refusal(token)))
                .next();
        if (token.expiresAt() == null) {
            return revoked;
        }
        Duration left = Duration.between(clock.instant(), token.expiresAt());
        Mono<String> expired = Mono.delay(left.isNegative() ? Duration.ZERO : left)
                .thenReturn("The access token has expired; reconnect with a fresh one");
        return Mono.firstWithSignal(revoked, expired);
    }

    public int size() {
        return users.size();
    }

    /** How many revoked sessions are remembered. */
    public int revokedSessions() {
        return sessions.size();
    }

    private void changed(UUID userId) {
        changes.tryEmitNext(userId);
    }

    private record RevokedSession(UUID userId, Instant expiresAt) {
    }
}
