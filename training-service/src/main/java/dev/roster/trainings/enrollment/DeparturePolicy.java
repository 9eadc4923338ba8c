package dev.roster.trainings.enrollment;

import dev.roster.events.user.UserStatus;
import java.time.Instant;

/**
 * What a learner's departure does to their enrollments, and who gets a seat that frees. Spring-free: the statements of
 * {@link EnrollmentRepository} and the departure preview take their parameters from it and say which rule they apply.
 */
public final class DeparturePolicy {

    private DeparturePolicy() {
    }

    /**
     * Whether a change to {@code status} drops the learner's upcoming enrollments: the end of employment does; an
     * inactive learner keeps every seat and place in line (they may come back). Deletion erases everything anyway.
     */
    public static boolean dropsEnrollments(UserStatus status) {
        return status == UserStatus.EMPLOYMENT_ENDED;
    }

    /**
     * Whether an open enrollment in a session starting at {@code startsAt} (null: no session chosen yet) is upcoming,
     * so dropped on a departure: its session has not started. A started or attended session stays in the history.
     */
    public static boolean upcoming(Instant startsAt, Instant now) {
        return startsAt == null || startsAt.isAfter(now);
    }

    /**
     * {@link #upcoming} as the set-based statements ask it, of an enrollment joined to its session {@code s} (left
     * join: no session is null) at the bound {@code :now}.
     */
    public static final String UPCOMING_SQL = "(s.id IS NULL OR s.starts_at > :now)";

    /**
     * Whether a waiting learner with {@code status} may be seated when a seat frees: only an active one; the others
     * keep their place in line and the seat goes to the next.
     */
    public static boolean seatable(UserStatus status) {
        return status == UserStatus.ACTIVE;
    }

    /** The one status {@link #seatable} accepts, as the statements bind it. */
    public static String seatableStatus() {
        return UserStatus.ACTIVE.name();
    }
}
