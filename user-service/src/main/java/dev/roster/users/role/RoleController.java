package dev.roster.users.role;

import dev.roster.platform.security.Caller;
import dev.roster.users.access.RoleKind;
import jakarta.validation.Valid;
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

/** The roles of the caller's account: the built-in ones, and custom ones the caller may create, change and delete. */
@RestController
@RequestMapping("/api/v1")
class RoleController {

    private final RoleService roles;

    RoleController(RoleService roles) {
        this.roles = roles;
    }

    @GetMapping("/roles")
    Mono<List<RoleResponse>> list(@AuthenticationPrincipal Jwt jwt) {
        return roles.list(Caller.from(jwt));
    }

    @PostMapping("/roles")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<RoleResponse> create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody RoleRequest request) {
        return roles.create(Caller.from(jwt), request);
    }

    @PutMapping("/roles/{id}")
    Mono<RoleResponse> replace(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
            @Valid @RequestBody RoleRequest request) {
        return roles.replace(Caller.from(jwt), id, request);
    }

    @DeleteMapping("/roles/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return roles.delete(Caller.from(jwt), id);
    }

    /** A role: built in or custom, its permissions, and the department subtrees it is limited to (null: all). */
    record RoleResponse(UUID id, RoleKind kind, String name, List<String> permissions, List<UUID> departmentIds) {
    }
}
