package dev.roster.trainings.course;

/** Where a learner stands in an assigned course or program; {@link CourseProgress} says which goes with a progress. */
enum AssignmentStatus {
    ASSIGNED,
    IN_PROGRESS,
    COMPLETED,
    /** Dropped by the system (employment ended); kept as history. */
    DROPPED
}
