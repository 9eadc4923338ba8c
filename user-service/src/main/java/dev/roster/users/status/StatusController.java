package dev.roster.users.status;

import dev.roster.platform.security.Caller;
import dev.roster.users.access.RequestSource;
import dev.roster.users.user.UserResponse;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Status changes: one user now or scheduled, cancelling a scheduled one, and bulk actions. */
@RestController
@RequestMapping("/api/v1/users")
class StatusController {

    private final StatusService statuses;

    StatusController(StatusService statuses) {
        this.statuses = statuses;
    }

    @PostMapping("/{id}/status")
    Mono<UserResponse> change(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
            @Valid @RequestBody StatusChangeRequest request, ServerHttpRequest http) {
        return statuses.change(Caller.from(jwt), id, request, RequestSource.of(http)).map(UserResponse::from);
    }

    @DeleteMapping("/{id}/scheduled-status-change")
    Mono<UserResponse> cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, ServerHttpRequest http) {
        return statuses.cancel(Caller.from(jwt), id, RequestSource.of(http)).map(UserResponse::from);
    }

    @PostMapping("/bulk")
    Mono<BulkResponse> bulk(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody BulkRequest request,
            ServerHttpRequest http) {
        return statuses.bulk(Caller.from(jwt), request, RequestSource.of(http))
                .map(outcome -> BulkResponse.of(outcome, request.onlyTried()));
    }
}
