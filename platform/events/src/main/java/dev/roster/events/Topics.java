package dev.roster.events;

/** Names of Roster's Kafka topics; the key of every record is the aggregate id. */
public final class Topics {

    /** User lifecycle: created, updated, status changed, deleted, supervisor and membership changes. */
    public static final String USERS = "roster.users.v1";

    /**
     * Compacted: the latest access state per user (keyed by user id; a tombstone on delete) and revoked
     * sessions (keyed {@code session:<sid>}), read by the gateway and every service.
     */
    public static final String USER_ACCESS = "roster.user-access.v1";

    /** Enrollments: enrolled, session switched, unenrolled, dropped, waitlisted, promoted. */
    public static final String ENROLLMENTS = "roster.enrollments.v1";

    /** Upsert-user commands from an import, up to a hundred accepted rows to a command. */
    public static final String USER_IMPORT_COMMANDS = "roster.user-import-commands.v1";

    /** Per-row outcomes of imported commands. */
    public static final String USER_IMPORT_RESULTS = "roster.user-import-results.v1";

    /** Suffix of the dead-letter topic that records land in after their retries. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
