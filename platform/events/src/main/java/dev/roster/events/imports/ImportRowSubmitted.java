package dev.roster.events.imports;

import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import dev.roster.events.user.UserStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One confirmed row of an import, "make the user with this login look like this": a row of an {@link
 * ImportRowsSubmitted} on {@code roster.user-import-commands.v1} (a command of its own as import-service sent them
 * before, which user-service still applies). user-service applies it with all its rules (owner protection, seat
 * limit, scopes) and answers with {@link ImportRowApplied}. Blank cells are {@code null} and leave the
 * field as it is. The password arrives hashed ({@code passwordHash}, Spring Security's delegating
 * format), never in clear text. Keyed by the account, so that its rows apply in the order of the file and of the imports.
 */
@EventType("user-import.row-submitted")
public record ImportRowSubmitted(
        UUID importId,
        int rowNumber,
        UUID actorId,
        String login,
        String email,
        String firstName,
        String lastName,
        String passwordHash,
        String departmentPath,
        String jobTitle,
        String phone,
        String supervisorLogin,
        List<String> groups,
        UserStatus status,
        LocalDate employmentEndedOn) implements RosterEvent {

    public ImportRowSubmitted {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
