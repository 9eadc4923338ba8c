package dev.roster.trainings.enrollment;

/** What a learner should know before acting on an enrollment. */
enum EnrollmentWarning {
    /** Registration has closed for every session: after unenrolling there is no way back in. */
    RE_ENROLLMENT_IMPOSSIBLE,
    /** The learner is enrolled without a session and should choose one. */
    SESSION_NOT_CHOSEN,
    /** The learner waits for a seat in their session. */
    WAITLISTED
}
