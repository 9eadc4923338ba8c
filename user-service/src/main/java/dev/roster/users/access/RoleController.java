package dev.roster.users.access;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The roles of the caller's account, so that clients can assign them to users. */
@RestController
@RequestMapping("/api/v1")
class RoleController {

    private final DatabaseClient database;

    RoleController(DatabaseClient database) {
        this.database = database;
    }

    @GetMapping("/roles")
    Mono<List<RoleResponse>> list(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.from(jwt);
        if (!caller.can(Permission.ROLES_MANAGE)) {
            caller.require(Permission.USERS_MANAGE);
        }
        return database.sql("""
                        SELECT id, kind, name, permissions, department_ids FROM role
                        WHERE account_id = :account ORDER BY kind <> 'OWNER', kind <> 'ADMINISTRATOR', kind <> 'LEARNER', name
                        """)
                .bind("account", caller.accountId())
                .map(row -> new RoleResponse(row.get("id", UUID.class), RoleKind.valueOf(row.get("kind", String.class)),
                        row.get("name", String.class), Arrays.asList(row.get("permissions", String[].class)),
                        row.get("department_ids", UUID[].class) == null ? null
                                : Arrays.asList(row.get("department_ids", UUID[].class))))
                .all()
                .collectList();
    }

    /** A role: built in or custom, its permissions, and the department subtrees it is limited to (null: all). */
    record RoleResponse(UUID id, RoleKind kind, String name, List<String> permissions, List<UUID> departmentIds) {
    }
}
