package dev.roster.users.department;

import dev.roster.platform.security.Caller;
import jakarta.validation.Valid;
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

/**
 * The department tree: listed with full paths, created under a parent, renamed, moved, deleted when empty;
 * within the caller's department scope.
 */
@RestController
@RequestMapping("/api/v1/departments")
class DepartmentController {

    private final DepartmentService departments;

    DepartmentController(DepartmentService departments) {
        this.departments = departments;
    }

    @GetMapping
    Mono<List<Department>> list(@AuthenticationPrincipal Jwt jwt) {
        return departments.list(Caller.from(jwt)).collectList();
    }

    @GetMapping("/{id}")
    Mono<Department> show(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return departments.find(Caller.from(jwt), id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Department> create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody DepartmentRequest request) {
        return departments.create(Caller.from(jwt), request);
    }

    @PatchMapping("/{id}")
    Mono<Department> update(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
            @Valid @RequestBody DepartmentRequest request) {
        return departments.update(Caller.from(jwt), id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return departments.delete(Caller.from(jwt), id);
    }
}
