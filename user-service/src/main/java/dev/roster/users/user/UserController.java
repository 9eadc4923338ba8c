package dev.roster.users.user;

import dev.roster.events.user.UserStatus;
import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.users.access.RequestSource;
import dev.roster.users.audit.AuditEntry;
import dev.roster.users.audit.AuditLog;
import dev.roster.users.group.GroupRequest.GroupKind;
import dev.roster.users.group.UserGroups;
import dev.roster.users.group.UserGroups.Membership;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The users API; reads answer with an {@code ETag} that a change can send back as {@code If-Match}. */
@RestController
@RequestMapping("/api/v1")
class UserController {

    private final UserService users;
    private final AuditLog audit;
    private final UserGroups groups;

    UserController(UserService users, AuditLog audit, UserGroups groups) {
        this.users = users;
        this.audit = audit;
        this.groups = groups;
    }

    @PostMapping("/users")
    Mono<ResponseEntity<UserResponse>> create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody CreateUserRequest request,
            ServerHttpRequest http) {
        return users.create(Caller.from(jwt), request, RequestSource.of(http))
                .map(user -> ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(user));
    }

    @GetMapping("/users")
    Mono<UserPage> list(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) List<UserStatus> status,
            @RequestParam(required = false) UUID departmentId,
            @RequestParam(required = false) UUID groupId,
            @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size) {
        return users.list(Caller.from(jwt), new UserQuery(q, status, departmentId, groupId, sort, page, size));
    }

    @GetMapping("/users/{id}")
    Mono<ResponseEntity<UserResponse>> show(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return users.find(Caller.from(jwt), id).map(UserController::withETag);
    }

    @GetMapping("/me")
    Mono<ResponseEntity<UserResponse>> me(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.from(jwt);
        return users.find(caller, caller.userId()).map(UserController::withETag);
    }

    @PatchMapping("/users/{id}")
    Mono<ResponseEntity<UserResponse>> update(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody UpdateUserRequest request, ServerHttpRequest http) {
        return users.update(Caller.from(jwt), id, request, version(ifMatch), RequestSource.of(http))
                .map(user -> ResponseEntity.ok(user));
    }

    @DeleteMapping("/users/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, ServerHttpRequest http) {
        return users.delete(Caller.from(jwt), id, RequestSource.of(http));
    }

    /** The groups a user is in: the static groups that list them and the smart groups whose rules select them now. */
    @GetMapping("/users/{id}/groups")
    Mono<List<Membership>> groups(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        Caller caller = Caller.from(jwt);
        return users.findInScope(caller, id).flatMap(user -> groups.of(caller.accountId(), List.of(id))
                .map(found -> found.getOrDefault(id, List.of()).stream()
                        // an ended employment leaves every smart group until the person is active again
                        .filter(group -> user.status() != UserStatus.EMPLOYMENT_ENDED || group.kind() == GroupKind.STATIC)
                        .toList()));
    }

    /** A user's audited changes, newest first. */
    @GetMapping("/users/{id}/audit")
    Mono<AuditPage> audit(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
        Caller caller = Caller.from(jwt);
        if (page < 0 || size < 1 || size > 500) {
            return Mono.error(ProblemException.badRequest("invalid-page", "page must be 0 or more, size 1 to 500"));
        }
        Mono<List<AuditEntry>> entries = audit.forUser(caller.accountId(), id, size, (long) page * size).collectList();
        return users.findInScope(caller, id).then(Mono.zip(entries, audit.count(caller.accountId(), id)))
                .map(result -> new AuditPage(result.getT1(), UserPage.Page.of(page, size, result.getT2())));
    }

    /** One page of a user's audit: {@code {"items": [...], "page": {number, size, totalElements, totalPages}}}. */
    record AuditPage(List<AuditEntry> items, UserPage.Page page) {
    }

    static ResponseEntity<UserResponse> withETag(User user) {
        return ResponseEntity.ok().eTag("\"" + user.version() + "\"").body(UserResponse.from(user));
    }

    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException ex) {
            throw new ProblemException(HttpStatus.PRECONDITION_FAILED, "stale-version", "Precondition failed",
                    "If-Match must be an ETag this API gave out, such as \"3\"");
        }
    }
}
