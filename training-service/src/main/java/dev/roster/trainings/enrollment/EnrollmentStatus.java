package dev.roster.trainings.enrollment;

/** Where a learner's enrollment in a training stands; the last three are ended and kept as history. */
enum EnrollmentStatus {
    ENROLLED,
    WAITLISTED,
    /** The learner unenrolled. */
    UNENROLLED,
    /** An administrator removed the participant. */
    REMOVED,
    /** The system dropped it (employment ended, session cancelled). */
    DROPPED;

    public boolean isOpen() {
        return this == ENROLLED || this == WAITLISTED;
    }
}
