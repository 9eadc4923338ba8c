package dev.roster.notifications.center;

import java.time.Instant;
import java.util.UUID;

/** An in-app notice as its recipient sees it. */
record NotificationResponse(UUID id, String kind, String title, String body, Instant createdAt, Instant readAt,
        boolean read) {
}
