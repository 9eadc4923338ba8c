package dev.roster.trainings.course;

/** Where a learner stands in an assigned course or program. */
enum AssignmentStatus {
    ASSIGNED,
    IN_PROGRESS,
    COMPLETED,
    /** Dropped by the system (employment ended); kept as history. */
    DROPPED;

    static AssignmentStatus ofProgress(int progress) {
        return progress >= 100 ? COMPLETED : progress > 0 ? IN_PROGRESS : ASSIGNED;
    }
}
