package dev.roster.trainings.enrollment;

import dev.roster.platform.security.Caller;
import dev.roster.platform.web.Page;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The learner's side: the catalog and their own enrollments. */
@RestController
@RequestMapping("/api/v1")
class LearnerController {

    private final LearnerService learners;

    LearnerController(LearnerService learners) {
        this.learners = learners;
    }

    @GetMapping("/catalog")
    Mono<Page<CatalogItem>> catalog(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
        return learners.catalog(Caller.from(jwt), q, page, size);
    }

    @GetMapping("/me/trainings")
    Mono<Page<MyTrainingResponse>> myTrainings(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
        return learners.myTrainings(Caller.from(jwt), page, size);
    }

    @GetMapping("/me/trainings/{trainingId}")
    Mono<MyTrainingResponse> myTraining(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID trainingId) {
        return learners.myTraining(Caller.from(jwt), trainingId);
    }

    @PostMapping("/me/trainings/{trainingId}/enrollment")
    Mono<ResponseEntity<MyTrainingResponse>> enroll(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID trainingId,
            @Valid @RequestBody EnrollmentRequest request) {
        return learners.enroll(Caller.from(jwt), trainingId, request.sessionId())
                .map(enrollment -> ResponseEntity.created(URI.create("/api/v1/me/trainings/" + trainingId)).body(enrollment));
    }

    @PutMapping("/me/trainings/{trainingId}/enrollment")
    Mono<MyTrainingResponse> switchSession(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID trainingId,
            @Valid @RequestBody EnrollmentRequest request) {
        return learners.switchSession(Caller.from(jwt), trainingId, request.sessionId());
    }

    /** Unenrolls; after registration closed it first answers 409 {@code re-enrollment-impossible}, then {@code ?confirm=true} goes through. */
    @DeleteMapping("/me/trainings/{trainingId}/enrollment")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> unenroll(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID trainingId,
            @RequestParam(defaultValue = "false") boolean confirm) {
        return learners.unenroll(Caller.from(jwt), trainingId, confirm);
    }
}
