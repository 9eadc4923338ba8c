package dev.roster.trainings.training;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Changes to a training; a field left out (or null) stays as it is. Registration restrictions have their own endpoint. */
record UpdateTrainingRequest(
        @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
        @Size(max = 10_000) String description,
        @Size(max = 64) String timeZone,
        SessionSelection sessionSelection,
        Boolean participantListLocked,
        Boolean notifySupervisors,
        Boolean published) {
}
