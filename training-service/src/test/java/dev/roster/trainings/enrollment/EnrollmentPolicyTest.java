package dev.roster.trainings.enrollment;

import static dev.roster.trainings.enrollment.EnrollmentPolicy.allowedActions;
import static dev.roster.trainings.enrollment.EnrollmentPolicy.canEnroll;
import static dev.roster.trainings.enrollment.EnrollmentPolicy.canSwitch;
import static dev.roster.trainings.enrollment.EnrollmentPolicy.canUnenroll;
import static dev.roster.trainings.enrollment.EnrollmentPolicy.reEnrollmentImpossible;
import static dev.roster.trainings.enrollment.EnrollmentPolicy.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.trainings.training.OffsetUnit;
import dev.roster.trainings.training.RegistrationOffset;
import dev.roster.trainings.training.SessionSelection;
import dev.roster.trainings.training.Training;
import dev.roster.trainings.training.TrainingSession;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a learner may do about their own enrollment: the seed's four conditions, deadlines and warnings. */
class EnrollmentPolicyTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");
    static final UUID TRAINING = UUID.randomUUID();

    final TrainingSession nextWeek = startingIn(Duration.ofDays(7));
    final TrainingSession inTwoWeeks = startingIn(Duration.ofDays(14));

    // Switching and unenrolling: the training lets learners choose their session

    @Test
    void presetSessionSelectionRefusesUnenrolling() {
        assertThat(canUnenroll(preset(), enrolled(nextWeek), nextWeek, true, NOW))
                .map(Refusal::slug).contains("session-selection-preset");
    }

    @Test
    void presetSessionSelectionRefusesSwitching() {
        assertThat(canSwitch(preset(), enrolled(nextWeek), nextWeek, inTwoWeeks, true, NOW))
                .map(Refusal::slug).contains("session-selection-preset");
    }

    // Switching and unenrolling: the learner's session has not started

    @Test
    void sessionInProgressRefusesUnenrolling() {
        TrainingSession running = startingAt(NOW.minus(Duration.ofHours(1)));

        assertThat(canUnenroll(learnerChosen(), enrolled(running), running, true, NOW))
                .map(Refusal::slug).contains("training-started");
    }

    @Test
    void sessionStartingThisInstantRefusesSwitching() {
        TrainingSession starting = startingAt(NOW);

        assertThat(canSwitch(learnerChosen(), enrolled(starting), starting, inTwoWeeks, true, NOW))
                .map(Refusal::slug).contains("training-started");
    }

    @Test
    void notStartedSessionAllowsUnenrollingAndSwitching() {
        assertThat(canUnenroll(learnerChosen(), enrolled(nextWeek), nextWeek, true, NOW)).isEmpty();
        assertThat(canSwitch(learnerChosen(), enrolled(nextWeek), nextWeek, inTwoWeeks, true, NOW)).isEmpty();
    }

    // Switching and unenrolling: attendance has not been collected

    @Test
    void recordedAttendanceRefusesUnenrolling() {
        TrainingSession past = startingAt(NOW.minus(Duration.ofDays(1)));

        assertThat(canUnenroll(learnerChosen(), attended(past, Attendance.ATTENDED), past, true, NOW))
                .map(Refusal::slug).contains("attendance-recorded");
    }

    @Test
    void recordedAbsenceRefusesSwitching() {
        TrainingSession past = startingAt(NOW.minus(Duration.ofDays(1)));

        assertThat(canSwitch(learnerChosen(), attended(past, Attendance.ABSENT), past, inTwoWeeks, true, NOW))
                .map(Refusal::slug).contains("attendance-recorded");
    }

    @Test
    void sessionAwaitingAttendanceAllowsUnenrollingWithoutAStopCancellationRestriction() {
        TrainingSession past = startingAt(NOW.minus(Duration.ofDays(1)));

        assertThat(canUnenroll(learnerChosen(), enrolled(past), past, true, NOW)).isEmpty();
    }

    @Test
    void sessionAwaitingAttendanceAllowsSwitchingToAnOpenSession() {
        TrainingSession past = startingAt(NOW.minus(Duration.ofDays(1)));

        assertThat(canSwitch(learnerChosen(), enrolled(past), past, nextWeek, true, NOW)).isEmpty();
    }

    @Test
    void sessionAwaitingAttendanceRefusesUnenrollingOnceTheCancellationDeadlinePassed() {
        TrainingSession past = startingAt(NOW.minus(Duration.ofDays(1)));

        assertThat(canUnenroll(stopCancellations(1, OffsetUnit.HOURS), enrolled(past), past, true, NOW))
                .map(Refusal::slug).contains("cancellation-deadline-passed");
    }

    // Switching and unenrolling: the participant list is not locked

    @Test
    void lockedParticipantListRefusesUnenrolling() {
        assertThat(canUnenroll(locked(), enrolled(nextWeek), nextWeek, true, NOW))
                .map(Refusal::slug).contains("participant-list-locked");
    }

    @Test
    void lockedParticipantListRefusesSwitching() {
        assertThat(canSwitch(locked(), enrolled(nextWeek), nextWeek, inTwoWeeks, true, NOW))
                .map(Refusal::slug).contains("participant-list-locked");
    }

    // Switching and unenrolling: the cancellation deadline has not passed

    @Test
    void passedCancellationDeadlineRefusesUnenrolling() {
        TrainingSession tomorrow = startingIn(Duration.ofDays(1));

        assertThat(canUnenroll(stopCancellations(2, OffsetUnit.DAYS), enrolled(tomorrow), tomorrow, true, NOW))
                .map(Refusal::slug).contains("cancellation-deadline-passed");
    }

    @Test
    void passedCancellationDeadlineRefusesSwitching() {
        TrainingSession tomorrow = startingIn(Duration.ofDays(1));

        assertThat(canSwitch(stopCancellations(2, OffsetUnit.DAYS), enrolled(tomorrow), tomorrow, inTwoWeeks, true, NOW))
                .map(Refusal::slug).contains("cancellation-deadline-passed");
    }

    @Test
    void cancellationDeadlineReachedExactlyRefusesUnenrolling() {
        TrainingSession session = startingIn(Duration.ofHours(48));

        assertThat(canUnenroll(stopCancellations(48, OffsetUnit.HOURS), enrolled(session), session, true, NOW))
                .map(Refusal::slug).contains("cancellation-deadline-passed");
    }

    @Test
    void oneNanosecondBeforeTheCancellationDeadlineUnenrollingIsAllowed() {
        TrainingSession session = startingIn(Duration.ofHours(48).plusNanos(1));

        assertThat(canUnenroll(stopCancellations(48, OffsetUnit.HOURS), enrolled(session), session, true, NOW)).isEmpty();
    }

    // Switching and unenrolling: who and which enrollment

    @Test
    void inactiveLearnerCannotUnenroll() {
        assertThat(canUnenroll(learnerChosen(), enrolled(nextWeek), nextWeek, false, NOW))
                .map(Refusal::slug).contains("not-active");
    }

    @Test
    void inactiveLearnerCannotSwitch() {
        assertThat(canSwitch(learnerChosen(), enrolled(nextWeek), nextWeek, inTwoWeeks, false, NOW))
                .map(Refusal::slug).contains("not-active");
    }

    @Test
    void inactiveLearnerCannotLeaveTheWaitlist() {
        assertThat(canUnenroll(learnerChosen(), waitlisted(nextWeek), nextWeek, false, NOW))
                .map(Refusal::slug).contains("not-active");
    }

    @ParameterizedTest
    @EnumSource(value = EnrollmentStatus.class, names = {"UNENROLLED", "REMOVED", "DROPPED"})
    void endedEnrollmentCannotBeUnenrolledOrSwitched(EnrollmentStatus ended) {
        Enrollment enrollment = enrollment(nextWeek, ended, null);

        assertThat(canUnenroll(learnerChosen(), enrollment, nextWeek, true, NOW)).map(Refusal::slug).contains("not-enrolled");
        assertThat(canSwitch(learnerChosen(), enrollment, nextWeek, inTwoWeeks, true, NOW))
                .map(Refusal::slug).contains("not-enrolled");
    }

    @Test
    void waitlistedLearnerMayLeaveTheWaitlistOfALockedList() {
        assertThat(canUnenroll(locked(), waitlisted(nextWeek), nextWeek, true, NOW)).isEmpty();
    }

    @Test
    void waitlistedLearnerMayLeaveTheWaitlistAfterTheCancellationDeadline() {
        TrainingSession tomorrow = startingIn(Duration.ofDays(1));

        assertThat(canUnenroll(stopCancellations(2, OffsetUnit.DAYS), waitlisted(tomorrow), tomorrow, true, NOW)).isEmpty();
    }

    @Test
    void waitlistedLearnerCannotSwitchWhenTheListIsLocked() {
        assertThat(canSwitch(locked(), waitlisted(nextWeek), nextWeek, inTwoWeeks, true, NOW))
                .map(Refusal::slug).contains("participant-list-locked");
    }

    @Test
    void switchingIntoTheOwnSessionIsRefused() {
        assertThat(canSwitch(learnerChosen(), enrolled(nextWeek), nextWeek, nextWeek, true, NOW))
                .map(Refusal::slug).contains("same-session");
    }

    @Test
    void switchingToASessionWhoseRegistrationClosedIsRefused() {
        TrainingSession inThreeDays = startingIn(Duration.ofDays(3));

        assertThat(canSwitch(stopRegistration(5, OffsetUnit.DAYS), enrolled(nextWeek), nextWeek, inThreeDays, true, NOW))
                .map(Refusal::slug).contains("registration-closed");
    }

    @Test
    void switchingToASessionThatStartedIsRefused() {
        TrainingSession running = startingAt(NOW.minus(Duration.ofHours(1)));

        assertThat(canSwitch(learnerChosen(), enrolled(nextWeek), nextWeek, running, true, NOW))
                .map(Refusal::slug).contains("registration-closed");
    }

    @Test
    void learnerWithoutASessionMayPickOne() {
        assertThat(canSwitch(stopCancellations(1, OffsetUnit.MONTHS), enrolled(null), null, nextWeek, true, NOW)).isEmpty();
    }

    // Enrolling

    @Test
    void inactiveLearnerCannotEnroll() {
        assertThat(canEnroll(learnerChosen(), nextWeek, false, null, NOW)).map(Refusal::slug).contains("not-active");
    }

    @Test
    void enrolledLearnerCannotEnrollAgain() {
        assertThat(canEnroll(learnerChosen(), inTwoWeeks, true, enrolled(nextWeek), NOW))
                .map(Refusal::slug).contains("already-enrolled");
    }

    @Test
    void waitlistedLearnerCannotEnrollAgain() {
        assertThat(canEnroll(learnerChosen(), inTwoWeeks, true, waitlisted(nextWeek), NOW))
                .hasValueSatisfying(refusal -> {
                    assertThat(refusal.slug()).isEqualTo("already-enrolled");
                    assertThat(refusal.detail()).contains("waitlist");
                });
    }

    @Test
    void presetSessionSelectionRefusesEnrolling() {
        assertThat(canEnroll(preset(), nextWeek, true, null, NOW)).map(Refusal::slug).contains("session-selection-preset");
    }

    @Test
    void lockedParticipantListRefusesEnrolling() {
        assertThat(canEnroll(locked(), nextWeek, true, null, NOW)).map(Refusal::slug).contains("participant-list-locked");
    }

    @Test
    void closedRegistrationRefusesEnrolling() {
        assertThat(canEnroll(stopRegistration(2, OffsetUnit.WEEKS), nextWeek, true, null, NOW))
                .map(Refusal::slug).contains("registration-closed");
    }

    @Test
    void registrationDeadlineReachedExactlyRefusesEnrolling() {
        TrainingSession session = startingIn(Duration.ofHours(24));

        assertThat(canEnroll(stopRegistration(24, OffsetUnit.HOURS), session, true, null, NOW))
                .map(Refusal::slug).contains("registration-closed");
    }

    @Test
    void oneNanosecondBeforeTheRegistrationDeadlineEnrollingIsAllowed() {
        TrainingSession session = startingIn(Duration.ofHours(24).plusNanos(1));

        assertThat(canEnroll(stopRegistration(24, OffsetUnit.HOURS), session, true, null, NOW)).isEmpty();
    }

    @Test
    void openSessionAcceptsAnActiveLearner() {
        assertThat(canEnroll(learnerChosen(), nextWeek, true, null, NOW)).isEmpty();
    }

    // Allowed actions

    @Test
    void enrolledLearnerWithAnotherOpenSessionMayUnenrollAndSwitch() {
        assertThat(allowedActions(learnerChosen(), List.of(nextWeek, inTwoWeeks), enrolled(nextWeek), nextWeek, true, NOW))
                .containsExactlyInAnyOrder(LearnerAction.UNENROLL, LearnerAction.SWITCH_SESSION);
    }

    @Test
    void switchingIsNotOfferedWhenOnlyTheOwnSessionIsOpen() {
        assertThat(allowedActions(learnerChosen(), List.of(nextWeek), enrolled(nextWeek), nextWeek, true, NOW))
                .containsExactly(LearnerAction.UNENROLL);
    }

    @Test
    void switchingIsNotOfferedWhenTheOtherSessionsRegistrationClosed() {
        TrainingSession inThreeDays = startingIn(Duration.ofDays(3));

        assertThat(allowedActions(stopRegistration(5, OffsetUnit.DAYS), List.of(nextWeek, inThreeDays),
                enrolled(nextWeek), nextWeek, true, NOW)).containsExactly(LearnerAction.UNENROLL);
    }

    @Test
    void lockedParticipantListAllowsNoActions() {
        assertThat(allowedActions(locked(), List.of(nextWeek, inTwoWeeks), enrolled(nextWeek), nextWeek, true, NOW))
                .isEmpty();
    }

    @Test
    void waitlistedLearnerOfALockedListMayOnlyLeave() {
        assertThat(allowedActions(locked(), List.of(nextWeek, inTwoWeeks), waitlisted(nextWeek), nextWeek, true, NOW))
                .containsExactly(LearnerAction.UNENROLL);
    }

    // Warnings

    @Test
    void unenrollingWhenNoSessionIsOpenAnyMoreWarnsThatReEnrollmentIsImpossible() {
        Training training = stopRegistration(2, OffsetUnit.WEEKS);
        List<TrainingSession> sessions = List.of(nextWeek, startingIn(Duration.ofDays(10)));

        assertThat(warningsFor(training, sessions, enrolled(nextWeek), nextWeek))
                .containsExactly(EnrollmentWarning.RE_ENROLLMENT_IMPOSSIBLE);
    }

    @Test
    void noReEnrollmentWarningWhileAnotherSessionIsOpen() {
        Training training = stopRegistration(10, OffsetUnit.DAYS);

        assertThat(warningsFor(training, List.of(nextWeek, inTwoWeeks), enrolled(nextWeek), nextWeek)).isEmpty();
    }

    @Test
    void noReEnrollmentWarningWhenUnenrollingIsNotAllowed() {
        Training training = training(SessionSelection.LEARNER, true, offset(2, OffsetUnit.WEEKS), null);

        assertThat(warningsFor(training, List.of(nextWeek), enrolled(nextWeek), nextWeek)).isEmpty();
    }

    @Test
    void reEnrollmentBecomesImpossibleExactlyAtTheLastRegistrationDeadline() {
        Training training = stopRegistration(24, OffsetUnit.HOURS);
        List<TrainingSession> sessions = List.of(startingIn(Duration.ofHours(12)), startingIn(Duration.ofHours(24)));

        assertThat(reEnrollmentImpossible(training, sessions, NOW)).isTrue();
        assertThat(reEnrollmentImpossible(training, sessions, NOW.minusNanos(1))).isFalse();
    }

    @Test
    void waitlistedLearnerIsWarnedTheyAreWaiting() {
        assertThat(warningsFor(learnerChosen(), List.of(nextWeek), waitlisted(nextWeek), nextWeek))
                .containsExactly(EnrollmentWarning.WAITLISTED);
    }

    @Test
    void waitlistedLearnerLeavingAfterRegistrationClosedIsAlsoWarnedAboutReEnrollment() {
        Training training = stopRegistration(2, OffsetUnit.WEEKS);

        assertThat(warningsFor(training, List.of(nextWeek), waitlisted(nextWeek), nextWeek))
                .containsExactly(EnrollmentWarning.WAITLISTED, EnrollmentWarning.RE_ENROLLMENT_IMPOSSIBLE);
    }

    @Test
    void learnerWithoutASessionIsWarnedToChooseOne() {
        assertThat(warningsFor(learnerChosen(), List.of(nextWeek), enrolled(null), null))
                .containsExactly(EnrollmentWarning.SESSION_NOT_CHOSEN);
    }

    @Test
    void enrolledLearnerWithOpenSessionsGetsNoWarnings() {
        assertThat(warningsFor(learnerChosen(), List.of(nextWeek, inTwoWeeks), enrolled(nextWeek), nextWeek)).isEmpty();
    }

    private static List<EnrollmentWarning> warningsFor(Training training, List<TrainingSession> sessions,
            Enrollment enrollment, TrainingSession current) {
        Set<LearnerAction> allowed = allowedActions(training, sessions, enrollment, current, true, NOW);
        return warnings(training, sessions, enrollment, allowed, NOW);
    }

    private static Training training(SessionSelection selection, boolean locked, RegistrationOffset stopRegistration,
            RegistrationOffset stopCancellation) {
        return new Training(TRAINING, UUID.randomUUID(), "First aid", "", BERLIN, selection, stopRegistration,
                stopCancellation, locked, false, true, NOW.minus(Duration.ofDays(30)), 0);
    }

    private static Training learnerChosen() {
        return training(SessionSelection.LEARNER, false, null, null);
    }

    private static Training preset() {
        return training(SessionSelection.PRESET, false, null, null);
    }

    private static Training locked() {
        return training(SessionSelection.LEARNER, true, null, null);
    }

    private static Training stopRegistration(int amount, OffsetUnit unit) {
        return training(SessionSelection.LEARNER, false, offset(amount, unit), null);
    }

    private static Training stopCancellations(int amount, OffsetUnit unit) {
        return training(SessionSelection.LEARNER, false, null, offset(amount, unit));
    }

    private static RegistrationOffset offset(int amount, OffsetUnit unit) {
        return new RegistrationOffset(amount, unit);
    }

    private static TrainingSession startingIn(Duration fromNow) {
        return startingAt(NOW.plus(fromNow));
    }

    private static TrainingSession startingAt(Instant startsAt) {
        return new TrainingSession(UUID.randomUUID(), TRAINING, startsAt, startsAt.plus(Duration.ofHours(2)), "Room 1", 10);
    }

    private static Enrollment enrolled(TrainingSession session) {
        return enrollment(session, EnrollmentStatus.ENROLLED, null);
    }

    private static Enrollment waitlisted(TrainingSession session) {
        return enrollment(session, EnrollmentStatus.WAITLISTED, null);
    }

    private static Enrollment attended(TrainingSession session, Attendance attendance) {
        return enrollment(session, EnrollmentStatus.ENROLLED, attendance);
    }

    private static Enrollment enrollment(TrainingSession session, EnrollmentStatus status, Attendance attendance) {
        return new Enrollment(UUID.randomUUID(), UUID.randomUUID(), TRAINING, UUID.randomUUID(),
                session == null ? null : session.id(), status, status == EnrollmentStatus.WAITLISTED ? 1L : null,
                attendance, null, NOW.minus(Duration.ofDays(20)), status.isOpen() ? null : NOW.minus(Duration.ofDays(1)),
                status.isOpen() ? null : "test");
    }
}
