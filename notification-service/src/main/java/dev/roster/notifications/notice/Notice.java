package dev.roster.notifications.notice;

import java.util.Map;
import java.util.UUID;

/**
 * One notice to one recipient, before rendering: what kind, who it is about (erased with them), its values,
 * and a one-time secret its email carries (or {@code null}). The values hold {@link #SECRET} where the secret
 * goes: the stored email shows the placeholder, the secret is kept encrypted apart and put in only when sending.
 */
public record Notice(NoticeKind kind, UUID recipientId, UUID aboutUserId, Map<String, Object> values, String secret) {

    /** Stands for the secret in a stored email; letters and dashes only, so HTML escaping and URLs leave it as it is. */
    public static final String SECRET = "ROSTER-SEALED-SECRET";

    public Notice(NoticeKind kind, UUID recipientId, UUID aboutUserId, Map<String, Object> values) {
        this(kind, recipientId, aboutUserId, values, null);
    }
}
