package dev.roster.trainings.course;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A self-paced course, or a training program (an ordered set of courses, {@code courseIds} in order). */
record Course(UUID id, String title, String description, List<UUID> courseIds, Instant createdAt) {
}
