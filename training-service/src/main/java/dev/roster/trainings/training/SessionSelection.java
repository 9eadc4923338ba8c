package dev.roster.trainings.training;

/** Who picks a participant's session: the learner, or an administrator (preset). */
public enum SessionSelection {
    LEARNER,
    PRESET
}
