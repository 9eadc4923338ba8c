package dev.roster.imports.sheet;

import dev.roster.events.user.UserStatus;
import java.util.Locale;
import java.util.Optional;

/** The Status column's words: Active, Inactive, Employment Ended (as the template's drop-down offers them). */
public final class StatusLabel {

    private StatusLabel() {
    }

    public static String of(UserStatus status) {
        return switch (status) {
            case ACTIVE -> "Active";
            case INACTIVE -> "Inactive";
            case EMPLOYMENT_ENDED -> "Employment Ended";
        };
    }

    /** The status a cell names, ignoring case, spaces and underscores; empty for anything else. */
    public static Optional<UserStatus> parse(String cell) {
        String key = cell.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s_\\-]+", "_");
        return switch (key) {
            case "ACTIVE" -> Optional.of(UserStatus.ACTIVE);
            case "INACTIVE" -> Optional.of(UserStatus.INACTIVE);
            case "EMPLOYMENT_ENDED" -> Optional.of(UserStatus.EMPLOYMENT_ENDED);
            default -> Optional.empty();
        };
    }
}
