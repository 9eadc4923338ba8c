package dev.roster.trainings.enrollment;

import dev.roster.trainings.training.SessionSelection;
import dev.roster.trainings.training.Training;
import dev.roster.trainings.training.TrainingSession;
import dev.roster.trainings.training.TrainingStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a learner may do about a training themselves, and why not. A learner can switch session or
 * unenroll only when all hold: the training lets learners choose their session; their session has not
 * started (Not started) or its attendance has not been collected (Awaiting assignment); the participant
 * list is not locked; the cancellation deadline has not passed. Leaving a waitlist is always possible.
 * Enrolling needs an active learner, a training with learner-chosen sessions, an unlocked participant
 * list and a session whose registration is still open. Administrators are not bound by these rules.
 */
final class EnrollmentPolicy {

    private EnrollmentPolicy() {
    }

    /** Whether the learner may enroll into {@code target} now (a full session puts them on its waitlist). */
    public static Optional<Refusal> canEnroll(Training training, TrainingSession target, boolean learnerActive,
            Enrollment open, Instant now) {
        if (!learnerActive) {
            return refuse("not-active", "Only active users can be enrolled");
        }
        if (open != null) {
            return refuse("already-enrolled", open.waitlisted()
                    ? "You are on the waitlist of this training already" : "You are enrolled in this training already");
        }
        if (training.sessionSelection() == SessionSelection.PRESET) {
            return refuse("session-selection-preset", "An administrator assigns the sessions of this training");
        }
        if (training.participantListLocked()) {
            return refuse("participant-list-locked", "The participant list of this training is locked");
        }
        if (!training.registrationOpen(target, now)) {
            return refuse("registration-closed", "Registration for this session closed at "
                    + training.registrationDeadline(target));
        }
        return Optional.empty();
    }

    /** Whether the learner may move from their session ({@code current}, null: none yet) to {@code target} now. */
    public static Optional<Refusal> canSwitch(Training training, Enrollment enrollment, TrainingSession current,
            TrainingSession target, boolean learnerActive, Instant now) {
        Optional<Refusal> change = canChange(training, enrollment, current, learnerActive, now);
        if (change.isPresent()) {
            return change;
        }
        if (current != null && current.id().equals(target.id())) {
            return refuse("same-session", "You are in this session already");
        }
        if (!training.registrationOpen(target, now)) {
            return refuse("registration-closed", "Registration for that session closed at "
                    + training.registrationDeadline(target));
        }
        return Optional.empty();
    }

    /** Whether the learner may unenroll now. */
    public static Optional<Refusal> canUnenroll(Training training, Enrollment enrollment, TrainingSession current,
            boolean learnerActive, Instant now) {
        if (learnerActive && enrollment.waitlisted()) {
            return Optional.empty();
        }
        return canChange(training, enrollment, current, learnerActive, now);
    }

    /** Registration has closed for every session: a learner who leaves cannot come back. */
    public static boolean reEnrollmentImpossible(Training training, Collection<TrainingSession> sessions, Instant now) {
        return sessions.stream().noneMatch(session -> training.registrationOpen(session, now));
    }

    /** The actions open to the learner on their enrollment now, for clients to offer. */
    public static Set<LearnerAction> allowedActions(Training training, Collection<TrainingSession> sessions,
            Enrollment enrollment, TrainingSession current, boolean learnerActive, Instant now) {
        Set<LearnerAction> allowed = EnumSet.noneOf(LearnerAction.class);
        if (canUnenroll(training, enrollment, current, learnerActive, now).isEmpty()) {
            allowed.add(LearnerAction.UNENROLL);
        }
        boolean anotherSession = sessions.stream().anyMatch(target ->
                canSwitch(training, enrollment, current, target, learnerActive, now).isEmpty());
        if (anotherSession) {
            allowed.add(LearnerAction.SWITCH_SESSION);
        }
        return allowed;
    }

    /** What the learner should know about their enrollment now. */
    public static List<EnrollmentWarning> warnings(Training training, Collection<TrainingSession> sessions,
            Enrollment enrollment, Set<LearnerAction> allowed, Instant now) {
        List<EnrollmentWarning> warnings = new ArrayList<>();
        if (enrollment.waitlisted()) {
            warnings.add(EnrollmentWarning.WAITLISTED);
        }
        if (enrollment.sessionId() == null) {
            warnings.add(EnrollmentWarning.SESSION_NOT_CHOSEN);
        }
        if (allowed.contains(LearnerAction.UNENROLL) && reEnrollmentImpossible(training, sessions, now)) {
            warnings.add(EnrollmentWarning.RE_ENROLLMENT_IMPOSSIBLE);
        }
        return warnings;
    }

    /** The seed's four conditions for changing an enrollment, plus an active learner and an open enrollment. */
    private static Optional<Refusal> canChange(Training training, Enrollment enrollment, TrainingSession current,
            boolean learnerActive, Instant now) {
        if (!learnerActive) {
            return refuse("not-active", "Only active users can change their enrollments");
        }
        if (!enrollment.status().isOpen()) {
            return refuse("not-enrolled", "You are not enrolled in this training");
        }
        if (training.sessionSelection() == SessionSelection.PRESET) {
            return refuse("session-selection-preset",
                    "An administrator assigns the sessions of this training; ask them to change your enrollment");
        }
        TrainingStatus status = TrainingStatus.of(current, enrollment.attendance() != null, now);
        if (status == TrainingStatus.IN_PROGRESS) {
            return refuse("training-started", "Your session has started");
        }
        if (status == TrainingStatus.COMPLETED) {
            return refuse("attendance-recorded", "Your attendance has been recorded");
        }
        if (training.participantListLocked()) {
            return refuse("participant-list-locked", "The participant list of this training is locked");
        }
        Instant deadline = current == null ? null : training.cancellationDeadline(current);
        if (deadline != null && !now.isBefore(deadline)) {
            return refuse("cancellation-deadline-passed", "Changes to this enrollment closed at " + deadline);
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(String slug, String detail) {
        return Optional.of(new Refusal(slug, detail));
    }
}
