package dev.roster.users.status;

import dev.roster.events.user.UserStatus;
import dev.roster.platform.validation.SaneDate;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** Change a user's status now, or at 23:59 of {@code effectiveDate} in the account's time zone. */
public record StatusChangeRequest(@NotNull UserStatus status, @SaneDate LocalDate effectiveDate) {
}
