package dev.roster.users.scim;

import dev.roster.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The Account Owner's SCIM provisioning: the identity providers' tokens, and what deprovisioning means. */
@RestController
@RequestMapping("/api/v1/account")
class ScimTokenController {

    private final ScimTokens tokens;

    ScimTokenController(ScimTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/scim-tokens")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ScimTokens.Created> create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody NewToken request) {
        return tokens.create(Caller.from(jwt), request.name());
    }

    @GetMapping("/scim-tokens")
    Mono<List<ScimTokens.Listed>> list(@AuthenticationPrincipal Jwt jwt) {
        return tokens.list(Caller.from(jwt));
    }

    @DeleteMapping("/scim-tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revoke(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return tokens.revoke(Caller.from(jwt), id);
    }

    @GetMapping("/scim-settings")
    Mono<ScimSettings> settings(@AuthenticationPrincipal Jwt jwt) {
        return tokens.settings(Caller.from(jwt));
    }

    @PutMapping("/scim-settings")
    Mono<ScimSettings> changeSettings(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ScimSettings settings) {
        return tokens.changeSettings(Caller.from(jwt), settings);
    }

    /** A token to create: a name that says which identity provider holds it. */
    record NewToken(@NotBlank @Size(max = 100) String name) {
    }
}
