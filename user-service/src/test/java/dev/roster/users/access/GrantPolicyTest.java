package dev.roster.users.access;

import static dev.roster.platform.security.Permission.ACCOUNT_MANAGE;
import static dev.roster.platform.security.Permission.ROLES_MANAGE;
import static dev.roster.platform.security.Permission.USERS_DELETE;
import static dev.roster.platform.security.Permission.USERS_MANAGE;
import static dev.roster.platform.security.Permission.USERS_VIEW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.platform.security.Permission;
import dev.roster.users.access.GrantPolicy.Grantor;
import dev.roster.users.access.GrantPolicy.HeldRole;
import dev.roster.users.access.GrantPolicy.Holder;
import dev.roster.users.access.GrantPolicy.Refusal;
import dev.roster.users.access.GrantPolicy.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GrantPolicyTest {

    // My Company > Sales > Sales Team; My Company > Engineering
    static final UUID ROOT = UUID.randomUUID();
    static final UUID SALES = UUID.randomUUID();
    static final UUID SALES_TEAM = UUID.randomUUID();
    static final UUID ENGINEERING = UUID.randomUUID();

    static final Role OWNER = new Role(UUID.randomUUID(), RoleKind.OWNER, EnumSet.allOf(Permission.class), null);
    static final Role ADMINISTRATOR = new Role(UUID.randomUUID(), RoleKind.ADMINISTRATOR, EnumSet.allOf(Permission.class), null);
    static final Role LEARNER = new Role(UUID.randomUUID(), RoleKind.LEARNER, Set.of(), null);
    static final Role SALES_HR = custom(Set.of(USERS_VIEW, USERS_MANAGE), Set.of(SALES));
    static final Role SALES_ROLES = custom(Set.of(USERS_VIEW, USERS_MANAGE, ROLES_MANAGE), Set.of(SALES));
    static final Role TEAM_VIEWER = custom(Set.of(USERS_VIEW), Set.of(SALES_TEAM));
    static final Role ENGINEERING_VIEWER = custom(Set.of(USERS_VIEW), Set.of(ENGINEERING));
    static final Role EVERYWHERE_VIEWER = custom(Set.of(USERS_VIEW), null);
    static final Role SALES_DELETER = custom(Set.of(USERS_DELETE), Set.of(SALES));

    final UUID ownerId = UUID.randomUUID();
    final Grantor owner = grantor(ownerId, true, OWNER);
    final Grantor administrator = grantor(UUID.randomUUID(), false, ADMINISTRATOR);
    final Grantor salesHr = grantor(UUID.randomUUID(), false, SALES_HR);
    final Grantor salesRoles = grantor(UUID.randomUUID(), false, SALES_ROLES);

    @Test
    void scopedAdministratorCannotGrantHimselfAdministrator() {
        Holder himself = new Holder(salesHr.userId(), false, SALES, List.of(SALES_HR));

        assertThat(GrantPolicy.changeRoles(salesHr, himself, List.of(SALES_HR, ADMINISTRATOR))).contains(Refusal.OWN_ROLES);
    }

    @Test
    void nobodyChangesTheirOwnRolesNotEvenTheOwnerOrAnAdministrator() {
        Holder admin = new Holder(administrator.userId(), false, ROOT, List.of(ADMINISTRATOR));
        Holder theOwner = new Holder(ownerId, true, ROOT, List.of(OWNER));

        assertThat(GrantPolicy.changeRoles(administrator, admin, List.of(LEARNER))).contains(Refusal.OWN_ROLES);
        assertThat(GrantPolicy.changeRoles(owner, theOwner, List.of(OWNER, ADMINISTRATOR))).contains(Refusal.OWN_ROLES);
    }

    @Test
    void unchangedRolesAreNoChange() {
        Holder himself = new Holder(salesHr.userId(), false, SALES, List.of(SALES_HR));

        assertThat(GrantPolicy.changeRoles(salesHr, himself, List.of(SALES_HR))).isEmpty();
    }

    @Test
    void grantingAndRemovingNeedRolesManage() {
        Holder seller = new Holder(UUID.randomUUID(), false, SALES, List.of(LEARNER));
        Holder viewer = new Holder(UUID.randomUUID(), false, SALES_TEAM, List.of(LEARNER, TEAM_VIEWER));

        assertThat(GrantPolicy.changeRoles(salesHr, seller, List.of(LEARNER, TEAM_VIEWER))).contains(Refusal.ROLES_MANAGE_NEEDED);
        assertThat(GrantPolicy.changeRoles(salesHr, viewer, List.of(LEARNER))).contains(Refusal.ROLES_MANAGE_NEEDED);
        assertThat(GrantPolicy.changeRoles(salesRoles, seller, List.of(LEARNER, TEAM_VIEWER))).isEmpty();
        assertThat(GrantPolicy.changeRoles(salesRoles, viewer, List.of(LEARNER))).isEmpty();
    }

    @Test
    void cannotGrantPermissionCallerLacks() {
        Holder seller = new Holder(UUID.randomUUID(), false, SALES, List.of(LEARNER));

        assertThat(GrantPolicy.changeRoles(salesRoles, seller, List.of(SALES_DELETER))).contains(Refusal.PERMISSION_NOT_HELD);
        assertThat(GrantPolicy.changeRoles(salesRoles, seller, List.of(ADMINISTRATOR))).contains(Refusal.PERMISSION_NOT_HELD);
        assertThat(GrantPolicy.createWithRoles(salesRoles, SALES, List.of(SALES_DELETER), List.of(LEARNER.id())))
                .contains(Refusal.PERMISSION_NOT_HELD);
    }

    @Test
    void cannotGrantRoleScopedBeyondOwnScope() {
        Holder seller = new Holder(UUID.randomUUID(), false, SALES, List.of(LEARNER));

        assertThat(GrantPolicy.changeRoles(salesRoles, seller, List.of(ENGINEERING_VIEWER))).contains(Refusal.SCOPE_TOO_WIDE);
        assertThat(GrantPolicy.changeRoles(salesRoles, seller, List.of(EVERYWHERE_VIEWER))).contains(Refusal.SCOPE_TOO_WIDE);
        assertThat(GrantPolicy.changeRoles(salesRoles, seller, List.of(TEAM_VIEWER))).as("a subtree of Sales").isEmpty();
        assertThat(GrantPolicy.changeRoles(salesRoles, seller, List.of(SALES_ROLES))).as("exactly its own reach").isEmpty();
    }

    @Test
    void rolesManageLimitedToDepartmentsLimitsWhatItGrantsEvenWithWiderPermissions() {
        Role salesRolesOnly = custom(Set.of(ROLES_MANAGE), Set.of(SALES));
        Grantor mixed = Grantor.of(UUID.randomUUID(), false, List.of(held(salesRolesOnly), held(EVERYWHERE_VIEWER)));
        Holder seller = new Holder(UUID.randomUUID(), false, SALES, List.of(LEARNER));

        assertThat(GrantPolicy.changeRoles(mixed, seller, List.of(EVERYWHERE_VIEWER))).contains(Refusal.SCOPE_TOO_WIDE);
        assertThat(GrantPolicy.changeRoles(mixed, seller, List.of(TEAM_VIEWER))).isEmpty();
    }

    @Test
    void usersOutsideTheRolesManageScopeAreOutOfReach() {
        Holder engineer = new Holder(UUID.randomUUID(), false, ENGINEERING, List.of(LEARNER));

        assertThat(GrantPolicy.changeRoles(salesRoles, engineer, List.of(LEARNER, TEAM_VIEWER))).contains(Refusal.OUT_OF_SCOPE);
        assertThat(GrantPolicy.createWithRoles(salesRoles, ENGINEERING, List.of(TEAM_VIEWER), List.of(LEARNER.id())))
                .contains(Refusal.OUT_OF_SCOPE);
    }

    @Test
    void nobodyChangesTheRolesOfAMorePrivilegedUser() {
        Holder admin = new Holder(UUID.randomUUID(), false, SALES, List.of(ADMINISTRATOR));
        Holder wideViewer = new Holder(UUID.randomUUID(), false, SALES, List.of(EVERYWHERE_VIEWER));

        assertThat(GrantPolicy.changeRoles(salesRoles, admin, List.of(LEARNER))).contains(Refusal.PRIVILEGED_USER);
        assertThat(GrantPolicy.changeRoles(salesRoles, wideViewer, List.of(EVERYWHERE_VIEWER, TEAM_VIEWER)))
                .contains(Refusal.PRIVILEGED_USER);
        assertThat(GrantPolicy.changeRoles(administrator, admin, List.of(LEARNER))).as("an equal").isEmpty();
    }

    @Test
    void theAccountOwnerRoleIsNeverGivenOrTakenAndTheOwnersRolesAreTheOwners() {
        Holder user = new Holder(UUID.randomUUID(), false, ROOT, List.of(LEARNER));
        Holder theOwner = new Holder(ownerId, true, ROOT, List.of(OWNER));

        assertThat(GrantPolicy.changeRoles(administrator, user, List.of(OWNER))).contains(Refusal.OWNER_ROLE);
        assertThat(GrantPolicy.changeRoles(administrator, theOwner, List.of(LEARNER))).contains(Refusal.ACCOUNT_OWNER);
        assertThat(GrantPolicy.createWithRoles(owner, ROOT, List.of(OWNER), List.of(LEARNER.id()))).contains(Refusal.OWNER_ROLE);
    }

    @Test
    void theOwnerAndAdministratorsGrantEverythingButTheOwnerRole() {
        Holder user = new Holder(UUID.randomUUID(), false, ENGINEERING, List.of(LEARNER));

        for (Grantor grantor : List.of(owner, administrator)) {
            assertThat(GrantPolicy.changeRoles(grantor, user, List.of(ADMINISTRATOR))).isEmpty();
            assertThat(GrantPolicy.changeRoles(grantor, user, List.of(SALES_ROLES, EVERYWHERE_VIEWER))).isEmpty();
            assertThat(GrantPolicy.createWithRoles(grantor, ENGINEERING, List.of(ADMINISTRATOR), List.of(LEARNER.id())))
                    .isEmpty();
        }
    }

    @Test
    void aNewUserWithJustTheDefaultRoleNeedsNoRolesManage() {
        assertThat(GrantPolicy.createWithRoles(salesHr, SALES, List.of(LEARNER), List.of(LEARNER.id()))).isEmpty();
        assertThat(GrantPolicy.createWithRoles(salesHr, SALES, List.of(TEAM_VIEWER), List.of(LEARNER.id())))
                .contains(Refusal.ROLES_MANAGE_NEEDED);
        assertThat(GrantPolicy.createWithRoles(salesRoles, SALES, List.of(LEARNER, TEAM_VIEWER), List.of(LEARNER.id())))
                .isEmpty();
    }

    @Test
    void onlyOwnerChangesOwnerPasswordLoginEmailAndRoles() {
        Holder theOwner = new Holder(ownerId, true, ROOT, List.of(OWNER));

        assertThat(GrantPolicy.changeCredentials(administrator, theOwner)).contains(Refusal.ACCOUNT_OWNER);
        assertThat(GrantPolicy.changeCredentials(Grantor.system(), theOwner)).contains(Refusal.ACCOUNT_OWNER);
        assertThat(GrantPolicy.changeCredentials(owner, theOwner)).isEmpty();
    }

    @Test
    void cannotResetPasswordOfMorePrivilegedUser() {
        Holder admin = new Holder(UUID.randomUUID(), false, SALES, List.of(ADMINISTRATOR));
        Holder wideViewer = new Holder(UUID.randomUUID(), false, SALES, List.of(EVERYWHERE_VIEWER));
        Holder deleter = new Holder(UUID.randomUUID(), false, SALES, List.of(SALES_DELETER));
        Holder seller = new Holder(UUID.randomUUID(), false, SALES_TEAM, List.of(LEARNER, TEAM_VIEWER));

        assertThat(GrantPolicy.changeCredentials(salesHr, admin)).contains(Refusal.PRIVILEGED_USER);
        assertThat(GrantPolicy.changeCredentials(salesHr, wideViewer)).as("same permission, wider").contains(Refusal.PRIVILEGED_USER);
        assertThat(GrantPolicy.changeCredentials(salesHr, deleter)).contains(Refusal.PRIVILEGED_USER);
        assertThat(GrantPolicy.changeCredentials(salesHr, seller)).isEmpty();
        assertThat(GrantPolicy.changeCredentials(administrator, admin)).isEmpty();
        assertThat(GrantPolicy.changeCredentials(salesHr, new Holder(salesHr.userId(), false, SALES, List.of(SALES_HR))))
                .as("their own").isEmpty();
    }

    @Test
    void nobodyDeactivatesOrDeletesAMorePrivilegedUserButTheOwnersProtectionIsTheStatusRules() {
        Holder admin = new Holder(UUID.randomUUID(), false, SALES, List.of(ADMINISTRATOR));
        Holder seller = new Holder(UUID.randomUUID(), false, SALES_TEAM, List.of(LEARNER, TEAM_VIEWER));
        Holder theOwner = new Holder(ownerId, true, ROOT, List.of(OWNER));

        assertThat(GrantPolicy.changeStatus(salesHr, admin)).contains(Refusal.PRIVILEGED_USER);
        assertThat(GrantPolicy.changeStatus(salesHr, seller)).isEmpty();
        assertThat(GrantPolicy.changeStatus(administrator, admin)).as("equals").isEmpty();
        assertThat(GrantPolicy.changeStatus(administrator, theOwner)).as("refused by StatusPolicy instead").isEmpty();
    }

    @Test
    void cannotEditRoleToHoldMorePermissions() {
        Role teamViewer = TEAM_VIEWER;
        Role teamDeleter = new Role(teamViewer.id(), RoleKind.CUSTOM, Set.of(USERS_VIEW, USERS_DELETE), Set.of(SALES_TEAM));
        Role everywhere = new Role(teamViewer.id(), RoleKind.CUSTOM, Set.of(USERS_VIEW), null);
        Role teamManager = new Role(teamViewer.id(), RoleKind.CUSTOM, Set.of(USERS_VIEW, USERS_MANAGE), Set.of(SALES_TEAM));

        assertThat(GrantPolicy.editRole(salesRoles, teamViewer, teamDeleter, false)).contains(Refusal.PERMISSION_NOT_HELD);
        assertThat(GrantPolicy.editRole(salesRoles, teamViewer, everywhere, false)).contains(Refusal.SCOPE_TOO_WIDE);
        assertThat(GrantPolicy.editRole(salesRoles, teamViewer, teamManager, false)).isEmpty();
        assertThat(GrantPolicy.editRole(salesRoles, null, teamDeleter, false)).as("creating").contains(Refusal.PERMISSION_NOT_HELD);
        assertThat(GrantPolicy.editRole(salesHr, null, teamViewer, false)).contains(Refusal.ROLES_MANAGE_NEEDED);
        assertThat(GrantPolicy.editRole(administrator, teamViewer, everywhere, false)).isEmpty();
    }

    @Test
    void nobodyEditsOrDeletesARoleTheyHoldOrOneReachingBeyondThem() {
        assertThat(GrantPolicy.editRole(salesRoles, SALES_ROLES, SALES_ROLES, true)).contains(Refusal.OWN_ROLE);
        assertThat(GrantPolicy.deleteRole(salesRoles, SALES_ROLES, true)).contains(Refusal.OWN_ROLE);
        assertThat(GrantPolicy.editRole(salesRoles, EVERYWHERE_VIEWER, TEAM_VIEWER, false))
                .as("narrowing a role others hold beyond Sales").contains(Refusal.SCOPE_TOO_WIDE);
        assertThat(GrantPolicy.deleteRole(salesRoles, ENGINEERING_VIEWER, false)).contains(Refusal.SCOPE_TOO_WIDE);
        assertThat(GrantPolicy.deleteRole(salesRoles, TEAM_VIEWER, false)).isEmpty();
        assertThat(GrantPolicy.deleteRole(salesHr, TEAM_VIEWER, false)).contains(Refusal.ROLES_MANAGE_NEEDED);
    }

    @Test
    void aPermissionAppliesWhereverAnyRoleHoldingItReaches() {
        Grantor grantor = Grantor.of(UUID.randomUUID(), false,
                List.of(held(SALES_HR), held(ENGINEERING_VIEWER), held(EVERYWHERE_VIEWER), held(LEARNER)));

        assertThat(grantor.scope(USERS_VIEW)).isEqualTo(Scope.WHOLE_ACCOUNT);
        assertThat(grantor.scope(USERS_MANAGE)).isEqualTo(new Scope(false, Set.of(SALES, SALES_TEAM)));
        assertThat(grantor.holds(ROLES_MANAGE)).isFalse();
        assertThat(grantor.holds(ACCOUNT_MANAGE)).isFalse();
        assertThat(Grantor.of(UUID.randomUUID(), false, List.of()).scopes()).isEmpty();
    }

    @Test
    void customRolesCannotReachWhatOnlyBuiltInRolesHold() {
        Grantor almostAdministrator = grantor(UUID.randomUUID(), false,
                custom(EnumSet.complementOf(EnumSet.of(ACCOUNT_MANAGE)), null));
        Holder user = new Holder(UUID.randomUUID(), false, ROOT, List.of(LEARNER));

        assertThat(GrantPolicy.changeRoles(almostAdministrator, user, List.of(ADMINISTRATOR)))
                .contains(Refusal.PERMISSION_NOT_HELD);
        assertThat(GrantPolicy.changeCredentials(almostAdministrator,
                new Holder(UUID.randomUUID(), false, ROOT, List.of(ADMINISTRATOR)))).contains(Refusal.PRIVILEGED_USER);
    }

    private static Role custom(Set<Permission> permissions, Set<UUID> departments) {
        return new Role(UUID.randomUUID(), RoleKind.CUSTOM, permissions, departments);
    }

    private static Grantor grantor(UUID userId, boolean owner, Role role) {
        return Grantor.of(userId, owner, List.of(held(role)));
    }

    /** The role with its departments' subtrees as the database expands them. */
    private static HeldRole held(Role role) {
        if (role.departmentIds() == null) {
            return new HeldRole(role, Set.of());
        }
        Set<UUID> subtree = new java.util.HashSet<>(role.departmentIds());
        if (subtree.contains(SALES)) {
            subtree.add(SALES_TEAM);
        }
        return new HeldRole(role, subtree);
    }
}
