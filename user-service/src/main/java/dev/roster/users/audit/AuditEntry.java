package dev.roster.users.audit;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One audited change: who did it ({@code actorId}, null for the system), what, with which details, from where. */
public record AuditEntry(long id, UUID actorId, String action, JsonNode details, String source, Instant occurredAt) {
}
