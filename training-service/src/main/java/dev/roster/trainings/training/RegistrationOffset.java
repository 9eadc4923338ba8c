package dev.roster.trainings.training;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * "Stop registration" or "stop cancellations" this long before a session starts. Hours are exact
 * durations; days, weeks and months are calendar steps in the training's time zone, so "1 day before
 * 09:00" is 09:00 the day before even across a daylight-saving change, and "1 month before 31 March"
 * is the end of February.
 */
public record RegistrationOffset(
        @NotNull @Min(0) @Max(1000) Integer amount,
        @NotNull OffsetUnit unit) {

    /** The moment this offset before {@code startsAt} falls on, counted in {@code zone}. */
    public Instant before(Instant startsAt, ZoneId zone) {
        if (unit == OffsetUnit.HOURS) {
            return startsAt.minusSeconds(3600L * amount);
        }
        ZonedDateTime start = startsAt.atZone(zone);
        ZonedDateTime deadline = switch (unit) {
            case DAYS -> start.minusDays(amount);
            case WEEKS -> start.minusWeeks(amount);
            case MONTHS -> start.minusMonths(amount);
            case HOURS -> throw new IllegalStateException("handled above");
        };
        return deadline.toInstant();
    }
}
