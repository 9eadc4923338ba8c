package dev.roster.events.enrollment;

import java.time.Instant;
import java.util.UUID;

/** When and where a training session takes place, as a notice shows it; {@code timeZone} is the training's. */
public record SessionSnapshot(UUID sessionId, Instant startsAt, Instant endsAt, String location, String timeZone) {
}
