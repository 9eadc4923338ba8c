package dev.roster.trainings.enrollment;

import dev.roster.trainings.training.SessionResponse;
import java.util.List;
import java.util.UUID;

/** A training the learner can enroll in now, with the sessions still open for registration. */
record CatalogItem(UUID trainingId, String title, String description, String timeZone,
        List<SessionResponse> sessions) {
}
