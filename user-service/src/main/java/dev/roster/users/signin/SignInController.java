package dev.roster.users.signin;

import dev.roster.users.access.RequestSource;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Sign-in, refresh, sign-out, and the public keys that verify access tokens. */
@RestController
@RequestMapping("/api/v1")
class SignInController {

    private final SignInService signIn;
    private final SigningKeys keys;

    SignInController(SignInService signIn, SigningKeys keys) {
        this.signIn = signIn;
        this.keys = keys;
    }

    @PostMapping("/auth/sign-in")
    Mono<TokenResponse> signIn(@Valid @RequestBody SignInRequest request, ServerHttpRequest http) {
        return signIn.signIn(request, RequestSource.address(http));
    }

    @PostMapping("/auth/refresh")
    Mono<TokenResponse> refresh(@Valid @RequestBody RefreshRequest request) {
        return signIn.refresh(request.refreshToken());
    }

    @PostMapping("/auth/sign-out")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> signOut(@Valid @RequestBody RefreshRequest request) {
        return signIn.signOut(request.refreshToken());
    }

    @GetMapping("/.well-known/jwks.json")
    Mono<Map<String, Object>> jwks() {
        return keys.jwks();
    }
}
