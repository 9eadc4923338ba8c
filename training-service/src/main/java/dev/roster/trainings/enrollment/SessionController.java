package dev.roster.trainings.enrollment;

import dev.roster.platform.security.Caller;
import dev.roster.trainings.training.SessionRequest;
import dev.roster.trainings.training.SessionResponse;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Changing and deleting a training's sessions, which moves seats (creating and listing them is {@code TrainingController}'s). */
@RestController
@RequestMapping("/api/v1/trainings/{id}/sessions/{sessionId}")
class SessionController {

    private final SessionService sessions;

    SessionController(SessionService sessions) {
        this.sessions = sessions;
    }

    @PatchMapping
    Mono<SessionResponse> updateSession(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @PathVariable UUID sessionId,
            @Valid @RequestBody SessionRequest request) {
        return sessions.update(Caller.from(jwt), id, sessionId, request);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deleteSession(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @PathVariable UUID sessionId) {
        return sessions.delete(Caller.from(jwt), id, sessionId);
    }
}
