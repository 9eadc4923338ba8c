package dev.roster.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** The department scopes a token carries: absent means the whole account; what cannot be read narrows, never widens. */
class CallerTest {

    private static final UUID SALES = UUID.randomUUID();

    @Test
    void aTokenWithoutDepartmentScopesAppliesToTheWholeAccount() {
        Caller caller = Caller.from(jwt(Map.of()));

        assertThat(caller.departmentScope(Permission.USERS_VIEW)).isEmpty();
    }

    @Test
    void aScopedPermissionIsLimitedToTheRootsItNames() {
        Caller caller = Caller.from(jwt(Map.of(Claims.DEPARTMENT_SCOPES,
                Map.of("USERS_VIEW", List.of(SALES.toString()), "USERS_FLY", List.of(SALES.toString())))));

        assertThat(caller.departmentScope(Permission.USERS_VIEW)).contains(Set.of(SALES));
        assertThat(caller.departmentScope(Permission.USERS_MANAGE)).isEmpty();
    }

    @Test
    void unreadableDepartmentIdsLimitThePermissionToLessNotToEverything() {
        Caller caller = Caller.from(jwt(Map.of(Claims.DEPARTMENT_SCOPES,
                Map.of("USERS_VIEW", List.of("not-a-uuid"), "USERS_MANAGE", "garbage"))));

        assertThat(caller.departmentScope(Permission.USERS_VIEW)).contains(Set.of());
        assertThat(caller.departmentScope(Permission.USERS_MANAGE)).contains(Set.of());
    }

    private static Jwt jwt(Map<String, Object> extra) {
        Jwt.Builder builder = Jwt.withTokenValue("token").header("alg", "RS256")
                .subject(UUID.randomUUID().toString())
                .claim("acct", UUID.randomUUID().toString())
                .claim("permissions", List.of("USERS_VIEW", "USERS_MANAGE"));
        extra.forEach(builder::claim);
        return builder.build();
    }
}
