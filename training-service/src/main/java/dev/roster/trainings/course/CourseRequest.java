package dev.roster.trainings.course;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** A new course, or a program with its courses in order ({@code courseIds}, programs only). */
record CourseRequest(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 10_000) String description,
        @Size(max = 200) List<@NotNull UUID> courseIds) {
}
