package dev.roster.platform.impact;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The internal contract of a status change's impact preview: user-service, which composes the preview, asks each
 * service that owns an effect of a person's leaving what that effect would be, from its own data, changing nothing.
 * Only user-service calls it (never routed by the gateway), with the administrator's own token, and only for the users
 * it has decided the change applies to (the caller's department scope and grants are user-service's to judge).
 */
public final class DepartureImpact {

    /** Where each service answers. */
    public static final String PATH = "/internal/v1/departure-impact";

    /** The most users one preview asks about, as one bulk action changes. */
    public static final int MOST_USERS = 10_000;

    private DepartureImpact() {
    }

    /** How the people leave. */
    public enum Departure {
        INACTIVE,
        EMPLOYMENT_ENDED,
        DELETED
    }

    /** The question: what would {@code departure} of these users (of the caller's account) do. */
    public record Request(@NotNull Departure departure,
            @NotEmpty @Size(max = MOST_USERS) List<@NotNull UUID> userIds) {
    }

    /**
     * training-service's answer: per learner with anything to lose, their enrollments dropped (or erased) and their
     * unfinished courses and programs; per session that frees a seat, who on its waitlist gets one; and for a deletion,
     * how many records (enrollments and assignments, finished or not) are erased.
     */
    public record Trainings(List<Learner> users, List<SeatsFreed> sessions, long recordsErased) {
    }

    /** One learner's losses. */
    public record Learner(UUID userId, List<DroppedEnrollment> enrollments, List<UnfinishedLearning> learning) {
    }

    /**
     * An open enrollment that would be dropped: ENROLLED (a seat, going to {@code seatGoesTo} when someone waits for
     * it) or WAITLISTED (a place in line); no session yet when {@code sessionId} is null.
     */
    public record DroppedEnrollment(UUID enrollmentId, UUID trainingId, String trainingTitle, UUID sessionId,
            Instant startsAt, String status, Person seatGoesTo) {
    }

    /** A course or program assigned and not completed. */
    public record UnfinishedLearning(String kind, UUID id, String title, String status, int progress) {
    }

    /** A session that would lose {@code seatsFreed} seats, and the waiting learners who would be seated, in line order. */
    public record SeatsFreed(UUID trainingId, String trainingTitle, UUID sessionId, Instant startsAt, int seatsFreed,
            List<Person> promoted) {
    }

    public record Person(UUID userId, String name) {
    }

    /**
     * notification-service's answer: per person with anything queued or kept, the emails to them that would be
     * cancelled (never sent), and for a deletion the in-app notices to or about them that would be erased.
     */
    public record Notifications(List<Recipient> users) {
    }

    public record Recipient(UUID userId, long queuedEmails, long noticesErased) {
    }
}
