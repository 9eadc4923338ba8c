package dev.roster.users.group;

import dev.roster.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Groups; their members are listed with {@code GET /users?groupId=}. */
@RestController
@RequestMapping("/api/v1/groups")
class GroupController {

    private final GroupService groups;

    GroupController(GroupService groups) {
        this.groups = groups;
    }

    @GetMapping
    Mono<List<GroupResponse>> list(@AuthenticationPrincipal Jwt jwt) {
        return groups.list(Caller.from(jwt)).collectList();
    }

    @GetMapping("/{id}")
    Mono<GroupResponse> show(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return groups.find(Caller.from(jwt), id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<GroupResponse> create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody GroupRequest request) {
        return groups.create(Caller.from(jwt), request);
    }

    @PatchMapping("/{id}")
    Mono<GroupResponse> update(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @Valid @RequestBody GroupRequest request) {
        return groups.update(Caller.from(jwt), id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return groups.delete(Caller.from(jwt), id);
    }

    @PostMapping("/{id}/members")
    Mono<GroupResponse> addMembers(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
            @Valid @RequestBody Members request) {
        return groups.addMembers(Caller.from(jwt), id, request.userIds());
    }

    @DeleteMapping("/{id}/members/{userId}")
    Mono<GroupResponse> removeMember(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @PathVariable UUID userId) {
        return groups.removeMember(Caller.from(jwt), id, userId);
    }

    record Members(@NotEmpty @Size(max = 10_000) List<@NotNull UUID> userIds) {
    }
}
