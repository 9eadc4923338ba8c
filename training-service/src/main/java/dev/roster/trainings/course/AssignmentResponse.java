package dev.roster.trainings.course;

import java.time.Instant;
import java.util.UUID;

/** A course or program assigned to a learner, with their progress. */
record AssignmentResponse(
        UUID id,
        UUID userId,
        String firstName,
        String lastName,
        UUID courseId,
        UUID programId,
        String title,
        AssignmentStatus status,
        int progress,
        Instant assignedAt,
        Instant startedAt,
        Instant completedAt,
        Instant droppedAt,
        String dropReason) {
}
