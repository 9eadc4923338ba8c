package dev.roster.users.setup;

import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.users.UserServiceProperties;
import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** Accounts: created by the operator; shown and changed by their own administrators. */
@RestController
@RequestMapping("/api/v1")
class AccountController {

    private final AccountService accounts;
    private final UserServiceProperties properties;

    AccountController(AccountService accounts, UserServiceProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<CreatedAccount> create(@RequestHeader(name = "X-Operator-Token", required = false) String token,
            @Valid @RequestBody CreateAccountRequest request) {
        if (!isOperator(token)) {
            return Mono.error(new ProblemException(HttpStatus.UNAUTHORIZED, "operator-token-required", "Unauthorized",
                    "Creating an account needs the operator token (X-Operator-Token)"));
        }
        return accounts.create(request)
                .map(account -> new CreatedAccount(account.id(), account.slug(), account.ownerId()));
    }

    @GetMapping("/account")
    Mono<AccountResponse> show(@AuthenticationPrincipal Jwt jwt) {
        return accounts.show(Caller.from(jwt));
    }

    @PatchMapping("/account")
    Mono<AccountResponse> update(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody UpdateAccountRequest request) {
        return accounts.update(Caller.from(jwt), request);
    }

    private boolean isOperator(String token) {
        String expected = properties.operatorToken();
        return expected != null && !expected.isBlank() && token != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    /** A new account: its id, slug and owner. */
    record CreatedAccount(UUID id, String slug, UUID ownerId) {
    }
}
