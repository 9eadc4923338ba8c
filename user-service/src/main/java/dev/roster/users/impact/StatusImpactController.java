package dev.roster.users.impact;

import dev.roster.platform.security.Caller;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** What a status change (or a deletion) would do to these users, before it is done. */
@RestController
class StatusImpactController {

    private final StatusImpactService impacts;

    StatusImpactController(StatusImpactService impacts) {
        this.impacts = impacts;
    }

    @PostMapping("/api/v1/users/status-impact")
    Mono<StatusImpactResponse> preview(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody StatusImpactRequest request) {
        return impacts.preview(Caller.from(jwt), jwt.getTokenValue(), request);
    }
}
