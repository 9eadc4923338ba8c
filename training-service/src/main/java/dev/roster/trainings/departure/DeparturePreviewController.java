package dev.roster.trainings.departure;

import dev.roster.platform.impact.DepartureImpact;
import dev.roster.platform.security.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** training-service's part of a status change's impact preview ({@link DepartureImpact}): for user-service only. */
// internal: not in the public API documents, and never routed by the gateway
@Hidden
@RestController
class DeparturePreviewController {

    private final DeparturePreview preview;

    DeparturePreviewController(DeparturePreview preview) {
        this.preview = preview;
    }

    @PostMapping(DepartureImpact.PATH)
    Mono<DepartureImpact.Trainings> preview(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody DepartureImpact.Request request) {
        return preview.preview(Caller.from(jwt), request);
    }
}
