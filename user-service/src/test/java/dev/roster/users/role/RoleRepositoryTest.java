package dev.roster.users.role;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.RosterInfrastructure;
import dev.roster.users.access.RoleKind;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.r2dbc.test.autoconfigure.DataR2dbcTest;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.test.StepVerifier;

/**
 * The role table through Spring Data alone (a slice: no web layer, no broker): what a role is stored as, the order an
 * account's roles are listed in, and that a change or deletion made from a stale copy is refused.
 */
@DataR2dbcTest
@ImportAutoConfiguration(FlywayAutoConfiguration.class)
@RosterInfrastructure(kafka = false)
class RoleRepositoryTest {

    @Autowired RoleRepository roles;
    @Autowired DatabaseClient database;
    UUID accountId;

    @BeforeEach
    void account() {
        accountId = UUID.randomUUID();
        database.sql("INSERT INTO account (id, slug, name, time_zone, seat_limit) VALUES (:id, :slug, 'Acme', 'UTC', 5)")
                .bind("id", accountId).bind("slug", "acme-" + accountId).then().block();
    }

    @Test
    void aRoleIsStoredAsItWasMadeWithItsFirstVersion() {
        UUID department = UUID.randomUUID();
        Role saved = roles.save(Role.custom(UUID.randomUUID(), accountId, "Auditors",
                new String[] {"USERS_VIEW", "TRAININGS_VIEW"}, new UUID[] {department})).block();

        Role found = roles.findByIdAndAccountId(saved.id(), accountId).block();
        assertThat(found.kind()).isEqualTo(RoleKind.CUSTOM);
        assertThat(found.permissions()).containsExactly("USERS_VIEW", "TRAININGS_VIEW");
        assertThat(found.departmentIds()).containsExactly(department);
        assertThat(found.version()).isEqualTo(saved.version()).isNotNull();
        assertThat(roles.findByIdAndAccountId(saved.id(), UUID.randomUUID()).blockOptional()).isEmpty();
    }

    @Test
    void theBuiltInRolesComeFirstThenCustomOnesByName() {
        roles.save(Role.custom(UUID.randomUUID(), accountId, "Zeta", new String[0], null)).block();
        roles.save(Role.builtIn(accountId, RoleKind.LEARNER)).block();
        roles.save(Role.custom(UUID.randomUUID(), accountId, "Alpha", new String[0], null)).block();
        roles.save(Role.builtIn(accountId, RoleKind.OWNER)).block();
        roles.save(Role.builtIn(accountId, RoleKind.ADMINISTRATOR)).block();

        List<String> names = roles.findAllOfAccount(accountId).map(Role::name).collectList().block();

        assertThat(names).containsExactly("Account Owner", "Administrator", "Learner", "Alpha", "Zeta");
    }

    @Test
    void aChangeSavedFromAStaleCopyIsRefusedAndTheOneBetweenStays() {
        Role stored = roles.save(Role.custom(UUID.randomUUID(), accountId, "Editors", new String[] {"USERS_VIEW"}, null))
                .block();
        Role first = roles.findById(stored.id()).block();
        Role second = roles.findById(stored.id()).block();

        roles.save(first.with("Editors", new String[] {"USERS_MANAGE", "USERS_VIEW"}, null)).block();
        StepVerifier.create(roles.save(second.with("Readers", new String[] {"USERS_VIEW"}, null)))
                .expectError(OptimisticLockingFailureException.class)
                .verify();

        Role now = roles.findById(stored.id()).block();
        assertThat(now.name()).isEqualTo("Editors");
        assertThat(now.permissions()).containsExactly("USERS_MANAGE", "USERS_VIEW");
    }

    @Test
    void aDeletionFromAStaleCopyIsRefused() {
        Role stored = roles.save(Role.custom(UUID.randomUUID(), accountId, "Temps", new String[0], null)).block();
        roles.save(stored.with("Temporary", new String[0], null)).block();

        StepVerifier.create(roles.deleteUnchanged(stored)).expectError(OptimisticLockingFailureException.class).verify();

        assertThat(roles.existsById(stored.id()).block()).isTrue();
    }
}
