package dev.roster.events.user;

import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A session (a refresh-token family, the {@code sid} of its access tokens) was ended by a sign-out or
 * because a used refresh token came back. On the compacted access topic under {@link #key(UUID)}: the
 * user's other sessions keep working. After {@code expiresAt} no access token of the session is valid
 * any more, so consumers forget it and user-service later writes a tombstone for the key.
 */
@EventType("user.session-revoked")
public record SessionRevoked(UUID userId, UUID sessionId, Instant expiresAt) implements RosterEvent {

    /** The prefix of session keys on the access topic, whose other keys are user ids. */
    public static final String KEY_PREFIX = "session:";

    /** The record key of a session's revocation on the access topic. */
    public static String key(UUID sessionId) {
        return KEY_PREFIX + sessionId;
    }
}
