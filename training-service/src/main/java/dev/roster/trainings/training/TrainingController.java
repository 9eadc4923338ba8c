package dev.roster.trainings.training;

import dev.roster.platform.web.Page;
import dev.roster.platform.security.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Administering trainings and their sessions. */
@RestController
@RequestMapping("/api/v1/trainings")
class TrainingController {

    private final TrainingService trainings;

    TrainingController(TrainingService trainings) {
        this.trainings = trainings;
    }

    @PostMapping
    Mono<ResponseEntity<TrainingResponse>> create(@AuthenticationPrincipal Jwt jwt,
            @Valid @RequestBody CreateTrainingRequest request) {
        return trainings.create(Caller.from(jwt), request)
                .map(training -> ResponseEntity.created(URI.create("/api/v1/trainings/" + training.id())).body(training));
    }

    @GetMapping
    Mono<Page<TrainingResponse>> list(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
        return trainings.list(Caller.from(jwt), q, page, size);
    }

    @GetMapping("/{id}")
    Mono<TrainingResponse> show(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return trainings.show(Caller.from(jwt), id);
    }

    @PatchMapping("/{id}")
    Mono<TrainingResponse> update(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
            @Valid @RequestBody UpdateTrainingRequest request) {
        return trainings.update(Caller.from(jwt), id, request);
    }

    @PutMapping("/{id}/registration-restrictions")
    Mono<TrainingResponse> restrict(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
            @Valid @RequestBody RegistrationRestrictionsRequest request) {
        return trainings.restrict(Caller.from(jwt), id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return trainings.delete(Caller.from(jwt), id);
    }

    @GetMapping("/{id}/sessions")
    Mono<List<SessionResponse>> sessions(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return trainings.sessions(Caller.from(jwt), id);
    }

    @PostMapping("/{id}/sessions")
    Mono<ResponseEntity<SessionResponse>> addSession(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
            @Valid @RequestBody SessionRequest request) {
        return trainings.addSession(Caller.from(jwt), id, request)
                .map(session -> ResponseEntity.created(URI.create("/api/v1/trainings/" + id + "/sessions/" + session.id()))
                        .body(session));
    }
}
