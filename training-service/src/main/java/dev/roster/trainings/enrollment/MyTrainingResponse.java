package dev.roster.trainings.enrollment;

import dev.roster.trainings.training.SessionResponse;
import dev.roster.trainings.training.TrainingStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One of the learner's enrollments with what they may do about it now ({@code allowedActions}) and
 * what they should know first ({@code warnings}), so a client never has to guess.
 */
public record MyTrainingResponse(
        UUID enrollmentId,
        UUID trainingId,
        String title,
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
        Instant endedAt) {
}
