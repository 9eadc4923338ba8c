package dev.roster.trainings.training;

/** The unit of a registration restriction's offset before a session starts. */
public enum OffsetUnit {
    HOURS,
    DAYS,
    WEEKS,
    MONTHS
}
