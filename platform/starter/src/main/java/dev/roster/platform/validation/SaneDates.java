package dev.roster.platform.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The dates and instants Roster accepts from a client or a file: from 1900-01-01 to 9999-12-31 (UTC for
 * instants). Anything outside is a typo or an attack ({@code -290000-01-01} is stored by PostgreSQL as
 * {@code -infinity}, which no client can read back), never a training, an employment or a status change.
 */
public final class SaneDates {

    /** The first day accepted. */
    public static final LocalDate MIN_DATE = LocalDate.of(1900, 1, 1);
    /** The last day accepted. */
    public static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);
    /** The first instant accepted: 1900-01-01T00:00:00Z. */
    public static final Instant MIN_INSTANT = MIN_DATE.atStartOfDay(ZoneOffset.UTC).toInstant();
    /** The first instant no longer accepted: 10000-01-01T00:00:00Z. */
    public static final Instant END_INSTANT = MAX_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    /** What a client is told when a value is outside. */
    public static final String MESSAGE = "must be between 1900-01-01 and 9999-12-31";

    private SaneDates() {
    }

    /** True for {@code null} (absence is another constraint's business) and for a day in the range. */
    public static boolean isSane(LocalDate date) {
        return date == null || !date.isBefore(MIN_DATE) && !date.isAfter(MAX_DATE);
    }

    /** True for {@code null} and for an instant in the range. */
    public static boolean isSane(Instant instant) {
        return instant == null || !instant.isBefore(MIN_INSTANT) && instant.isBefore(END_INSTANT);
    }

    public static boolean isSane(OffsetDateTime time) {
        return time == null || isSane(time.toInstant());
    }
}
