package dev.roster.notifications.notice;

import java.util.Map;
import java.util.UUID;

/** One notice to one recipient, before rendering: what kind, who it is about (erased with them), its values. */
public record Notice(NoticeKind kind, UUID recipientId, UUID aboutUserId, Map<String, Object> values) {
}
