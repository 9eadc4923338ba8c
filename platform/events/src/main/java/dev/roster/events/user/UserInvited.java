package dev.roster.events.user;

import dev.roster.events.CarriesSecret;
import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A user was invited to set their password. {@code invitationToken} is the one-time secret of the
 * set-password link the notification service sends; it stops working when used or at {@code expiresAt}.
 * The outbox deletes the event once published, so the token is not kept at rest by its producer.
 */
@CarriesSecret
@EventType("user.invited")
public record UserInvited(UUID userId, String invitationToken, Instant expiresAt, UUID actorId) implements RosterEvent {
}
