package dev.roster.users.signin;

import dev.roster.platform.security.Caller;
import dev.roster.users.access.RequestSource;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Changing passwords, and invitations to set one. */
@RestController
@RequestMapping("/api/v1")
class PasswordController {

    private final PasswordService passwords;

    PasswordController(PasswordService passwords) {
        this.passwords = passwords;
    }

    @PostMapping("/me/password")
    Mono<TokenResponse> changeOwn(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ChangeOwnPassword request,
            ServerHttpRequest http) {
        return passwords.changeOwn(Caller.from(jwt), request.currentPassword(), request.newPassword(),
                RequestSource.address(http), RequestSource.of(http));
    }

    @PostMapping("/users/{id}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> set(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @Valid @RequestBody SetPassword request,
            ServerHttpRequest http) {
        return passwords.setByAdministrator(Caller.from(jwt), id, request.newPassword(), RequestSource.of(http));
    }

    @PostMapping("/users/{id}/invitation")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Invitation> invite(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, ServerHttpRequest http) {
        return passwords.invite(Caller.from(jwt), id, RequestSource.of(http)).map(Invitation::new);
    }

    @PostMapping("/auth/set-password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> acceptInvitation(@Valid @RequestBody AcceptInvitation request) {
        return passwords.acceptInvitation(request.token(), request.newPassword());
    }

    record ChangeOwnPassword(@NotBlank @Size(max = 128) String currentPassword,
            @NotBlank @Size(min = 8, max = 128) String newPassword) {
    }

    record SetPassword(@NotBlank @Size(min = 8, max = 128) String newPassword) {
    }

    record AcceptInvitation(@NotBlank @Size(max = 200) String token, @NotBlank @Size(min = 8, max = 128) String newPassword) {
    }

    /** An invitation sent: its link is good until {@code expiresAt}. */
    record Invitation(java.time.Instant expiresAt) {
    }
}
