package dev.roster.trainings.enrollment;

import java.time.Instant;
import java.util.UUID;

/** A participant of a training as administrators see them (the name as far as this service knows it). */
record ParticipantResponse(
        UUID enrollmentId,
        UUID userId,
        String firstName,
        String lastName,
        String email,
        String userStatus,
        UUID sessionId,
        EnrollmentStatus status,
        int waitlistPosition,
        Attendance attendance,
        Instant enrolledAt,
        Instant endedAt,
        String endReason) {
}
