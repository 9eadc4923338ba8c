package dev.roster.gateway.access;

import dev.roster.events.user.UserAccessChanged;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access state of every user, in memory, kept from the compacted access topic: a request never
 * waits for user-service. A user the gateway has not heard of yet (created a moment ago) is admitted
 * on the strength of their token; a deleted one is remembered as deleted.
 */
public class AccessStates {

    private final ConcurrentHashMap<UUID, AccessState> states = new ConcurrentHashMap<>();

    void apply(UserAccessChanged change) {
        states.put(change.userId(), new AccessState(change.status(), change.tokensValidAfter(), false));
    }

    void delete(UUID userId) {
        states.put(userId, AccessState.DELETED);
    }

    /** Why a token of {@code userId} issued at {@code issuedAt} is refused, or empty when it is admitted. */
    public Optional<String> refusal(UUID userId, Instant issuedAt) {
        AccessState state = states.get(userId);
        if (state == null || state.admits(issuedAt)) {
            return Optional.empty();
        }
        if (state.deleted()) {
            return Optional.of("This user no longer exists");
        }
        return Optional.of(state.status() == dev.roster.events.user.UserStatus.ACTIVE
                ? "This session has ended; sign in again"
                : "This user is no longer active");
    }

    public int size() {
        return states.size();
    }
}
