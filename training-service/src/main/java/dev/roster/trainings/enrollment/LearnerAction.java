package dev.roster.trainings.enrollment;

/** What a learner may do about a training themselves. */
enum LearnerAction {
    ENROLL,
    SWITCH_SESSION,
    UNENROLL
}
