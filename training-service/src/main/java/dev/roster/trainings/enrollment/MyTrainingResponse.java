package dev.roster.trainings.enrollment;

import dev.roster.trainings.training.SessionResponse;
import dev.roster.trainings.training.TrainingStatus;
import dev.roster.trainings.training.SessionSelection;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One of the learner's enrollments with what they may do about it now ({@code allowedActions}) and
 * what they should know first ({@code warnings}), so a client never has to guess; with the training's rules that
 * explain them (who picks the session, a locked participant list, whether supervisors are told, the time zone its
 * dates are in) and, for an ended enrollment, why it ended ({@code endReason}).
 */
record MyTrainingResponse(
        UUID enrollmentId,
        UUID trainingId,
        String title,
        ZoneId timeZone,
        SessionSelection sessionSelection,
        boolean participantListLocked,
        boolean notifySupervisors,
        UUID sessionId,
        SessionResponse session,
        EnrollmentStatus status,
        int waitlistPosition,
        TrainingStatus trainingStatus,
        Attendance attendance,
        Set<LearnerAction> allowedActions,
        List<EnrollmentWarning> warnings,
        List<SessionResponse> availableSessions,
        Instant enrolledAt,
        Instant endedAt,
        String endReason) {
}
