package dev.roster.trainings.course;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** How far a learner got in a course, in percent; 100 completes it. */
record ProgressRequest(@NotNull @Min(0) @Max(100) Integer progress) {
}
