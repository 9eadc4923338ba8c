package dev.roster.trainings.enrollment;

import dev.roster.platform.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** Why the policy says no: a stable slug (the problem type) and a sentence for the learner. */
record Refusal(String slug, String detail) {

    public ProblemException toProblem() {
        HttpStatus status = slug.equals("not-active") ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT;
        return new ProblemException(status, slug, status == HttpStatus.FORBIDDEN ? "Forbidden" : "Conflict", detail);
    }
}
