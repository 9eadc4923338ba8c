package dev.roster.trainings.training;

import dev.roster.platform.validation.SaneDate;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A session's dates (ISO-8601 instants, 1900 to 9999), place and seats. All are required to create one; to change one, send what changes. */
record SessionRequest(
        @SaneDate Instant startsAt,
        @SaneDate Instant endsAt,
        @Size(max = 500) String location,
        @Min(1) @Max(100_000) Integer capacity) {
}
