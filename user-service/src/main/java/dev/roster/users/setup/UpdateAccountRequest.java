package dev.roster.users.setup;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** Changes to the account; absent fields stay as they are. */
record UpdateAccountRequest(
        @Size(min = 1, max = 200) String name,
        @Size(min = 1, max = 64) String timeZone,
        @Min(1) @Max(1_000_000) Integer seatLimit) {
}
