package dev.roster.users.access;

import dev.roster.platform.security.Permission;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who may grant what, without Spring: the one rule for every path that assigns roles, edits a role or
 * touches someone's credentials (API, bulk, import, and later SCIM).
 *
 * <ul>
 * <li>Assigning or removing roles needs {@code ROLES_MANAGE}, within its department scope; nobody
 * changes their own roles.</li>
 * <li>Nobody grants a permission they don't hold, nor a role whose department scope reaches beyond
 * where they hold that permission (and {@code ROLES_MANAGE}). A role limited to departments reaches
 * those subtrees; an unlimited one (the built-in Administrator and Account Owner included) reaches the
 * whole account.</li>
 * <li>Editing or deleting a role is granting to its holders: only roles the caller could grant, never
 * one the caller holds.</li>
 * <li>The Account Owner's password, login, email and roles are changed by the owner only; nobody
 * changes the roles or credentials of a user holding a permission the caller lacks (or holds it
 * further than the caller does).</li>
 * </ul>
 */
public final class GrantPolicy {

    private GrantPolicy() {
    }

    /** Why a grant or a credential change is refused. */
    public enum Refusal {
        /** Assigning or removing roles, and editing roles, need {@code ROLES_MANAGE}. */
        ROLES_MANAGE_NEEDED,
        /** Nobody changes their own roles. */
        OWN_ROLES,
        /** Nobody edits or deletes a role they hold. */
        OWN_ROLE,
        /** The Account Owner's credentials and roles are the owner's alone. */
        ACCOUNT_OWNER,
        /** The Account Owner role is never given or taken. */
        OWNER_ROLE,
        /** The role holds a permission the caller lacks. */
        PERMISSION_NOT_HELD,
        /** The role reaches departments where the caller does not hold its permissions. */
        SCOPE_TOO_WIDE,
        /** The user lies outside where the caller may manage roles. */
        OUT_OF_SCOPE,
        /** The user holds a permission the caller lacks, or holds it further. */
        PRIVILEGED_USER
    }

    /**
     * A role: its kind, its permissions and the department subtrees it is limited to ({@code null}: the
     * whole account).
     */
    public record Role(UUID id, RoleKind kind, Set<Permission> permissions, Set<UUID> departmentIds) {

        public Role {
            permissions = Set.copyOf(permissions);
            departmentIds = departmentIds == null ? null : Set.copyOf(departmentIds);
        }

        boolean unlimited() {
            return departmentIds == null;
        }
    }

    /** A role someone holds, with its departments' subtrees already expanded (empty when unlimited). */
    public record HeldRole(Role role, Set<UUID> subtree) {

        public HeldRole {
            subtree = Set.copyOf(subtree);
        }
    }

    /**
     * Who acts: their user id, whether they are the Account Owner, and where each permission they hold
     * (through their roles as stored now, not as an older token says) applies. A permission not in
     * {@code scopes} is not held.
     */
    public record Grantor(UUID userId, boolean accountOwner, Map<Permission, Scope> scopes) {

        public Grantor {
            scopes = Map.copyOf(scopes);
        }

        /** The grantor holding {@code roles}: a permission applies wherever any of its roles holding it reaches. */
        public static Grantor of(UUID userId, boolean accountOwner, Collection<HeldRole> roles) {
            Map<Permission, Scope> scopes = new EnumMap<>(Permission.class);
            for (Permission permission : Permission.values()) {
                List<HeldRole> holding = roles.stream().filter(held -> held.role().permissions().contains(permission))
                        .toList();
                if (holding.isEmpty()) {
                    continue;
                }
                if (holding.stream().anyMatch(held -> held.role().unlimited())) {
                    scopes.put(permission, Scope.WHOLE_ACCOUNT);
                    continue;
                }
                Set<UUID> departments = new HashSet<>();
                holding.forEach(held -> departments.addAll(held.subtree()));
                scopes.put(permission, new Scope(false, departments));
            }
            return new Grantor(userId, accountOwner, scopes);
        }

        /**
         * An actor who is nobody in particular (an import command without an importing user): every permission
         * over the whole account, but never the Account Owner.
         */
        public static Grantor system() {
            Map<Permission, Scope> scopes = new EnumMap<>(Permission.class);
            for (Permission permission : Permission.values()) {
                scopes.put(permission, Scope.WHOLE_ACCOUNT);
            }
            return new Grantor(null, false, scopes);
        }

        public boolean holds(Permission permission) {
            return scopes.containsKey(permission);
        }

        /** Where {@code permission} applies; {@code null} when it is not held. */
        public Scope scope(Permission permission) {
            return scopes.get(permission);
        }

        boolean isSelf(UUID user) {
            return userId != null && userId.equals(user);
        }
    }

    /** The user acted on: whether they are the Account Owner, their department and their roles. */
    public record Holder(UUID userId, boolean accountOwner, UUID departmentId, List<Role> roles) {

        public Holder {
            roles = List.copyOf(roles);
        }
    }

    /**
     * Whether {@code grantor} may create a user in {@code departmentId} with {@code roles}. A new user with
     * just {@code defaultRoles} (the Learner role) needs no more than creating users does.
     */
    public static Optional<Refusal> createWithRoles(Grantor grantor, UUID departmentId, Collection<Role> roles,
            Collection<UUID> defaultRoles) {
        if (ids(roles).equals(Set.copyOf(defaultRoles))) {
            return Optional.empty();
        }
        if (roles.stream().anyMatch(role -> role.kind() == RoleKind.OWNER)) {
            return Optional.of(Refusal.OWNER_ROLE);
        }
        return rolesOnUser(grantor, departmentId).or(() -> grantable(grantor, roles));
    }

    /**
     * Whether {@code grantor} may replace the roles of {@code holder} with {@code roles}. Unchanged roles are no
     * change and always pass.
     */
    public static Optional<Refusal> changeRoles(Grantor grantor, Holder holder, Collection<Role> roles) {
        Set<UUID> before = ids(holder.roles());
        Set<UUID> after = ids(roles);
        if (before.equals(after)) {
            return Optional.empty();
        }
        if (grantor.isSelf(holder.userId())) {
            return Optional.of(Refusal.OWN_ROLES);
        }
        if (holder.accountOwner()) {
            return Optional.of(Refusal.ACCOUNT_OWNER);
        }
        boolean ownerRoleBefore = holder.roles().stream().anyMatch(role -> role.kind() == RoleKind.OWNER);
        boolean ownerRoleAfter = roles.stream().anyMatch(role -> role.kind() == RoleKind.OWNER);
        if (ownerRoleBefore != ownerRoleAfter) {
            return Optional.of(Refusal.OWNER_ROLE);
        }
        Optional<Refusal> refused = rolesOnUser(grantor, holder.departmentId());
        if (refused.isPresent()) {
            return refused;
        }
        if (!dominates(grantor, holder)) {
            return Optional.of(Refusal.PRIVILEGED_USER);
        }
        return grantable(grantor, roles.stream().filter(role -> !before.contains(role.id())).toList());
    }

    /**
     * Whether {@code grantor} may set or reset the password of {@code holder}, send them a set-password
     * invitation, or change their login or email. Their own always; the Account Owner's only they; anyone
     * else's only when the grantor holds every permission the user holds, at least as far.
     */
    public static Optional<Refusal> changeCredentials(Grantor grantor, Holder holder) {
        if (grantor.isSelf(holder.userId())) {
            return Optional.empty();
        }
        if (holder.accountOwner()) {
            return Optional.of(Refusal.ACCOUNT_OWNER);
        }
        return dominates(grantor, holder) ? Optional.empty() : Optional.of(Refusal.PRIVILEGED_USER);
    }

    /**
     * Whether {@code grantor} may change the status of {@code holder} or delete them: nobody deactivates,
     * ends, reactivates or deletes a user holding a permission they lack (or holding it further). The
     * Account Owner's own protection (never deactivated, ended or deleted) is the status rules' concern.
     */
    public static Optional<Refusal> changeStatus(Grantor grantor, Holder holder) {
        if (grantor.isSelf(holder.userId()) || holder.accountOwner()) {
            return Optional.empty();
        }
        return dominates(grantor, holder) ? Optional.empty() : Optional.of(Refusal.PRIVILEGED_USER);
    }

    /**
     * Whether {@code grantor} may create a role ({@code before} null) or change {@code before} into
     * {@code after}; {@code grantorHoldsIt} whether the grantor holds the role being changed.
     */
    public static Optional<Refusal> editRole(Grantor grantor, Role before, Role after, boolean grantorHoldsIt) {
        if (!grantor.holds(Permission.ROLES_MANAGE)) {
            return Optional.of(Refusal.ROLES_MANAGE_NEEDED);
        }
        if (before != null && grantorHoldsIt) {
            return Optional.of(Refusal.OWN_ROLE);
        }
        return (before == null ? Optional.<Refusal>empty() : grantable(grantor, List.of(before)))
                .or(() -> grantable(grantor, List.of(after)));
    }

    /** Whether {@code grantor} may delete {@code role}, taking it from everyone who holds it. */
    public static Optional<Refusal> deleteRole(Grantor grantor, Role role, boolean grantorHoldsIt) {
        if (!grantor.holds(Permission.ROLES_MANAGE)) {
            return Optional.of(Refusal.ROLES_MANAGE_NEEDED);
        }
        if (grantorHoldsIt) {
            return Optional.of(Refusal.OWN_ROLE);
        }
        return grantable(grantor, List.of(role));
    }

    /** Whether {@code grantor} holds each permission of {@code role} wherever the role reaches. */
    public static boolean covers(Grantor grantor, Role role) {
        return reach(grantor, role).isEmpty();
    }

    /** Assigning roles to a user in {@code departmentId}: {@code ROLES_MANAGE} there. */
    private static Optional<Refusal> rolesOnUser(Grantor grantor, UUID departmentId) {
        Scope rolesManage = grantor.scope(Permission.ROLES_MANAGE);
        if (rolesManage == null) {
            return Optional.of(Refusal.ROLES_MANAGE_NEEDED);
        }
        return rolesManage.contains(departmentId) ? Optional.empty() : Optional.of(Refusal.OUT_OF_SCOPE);
    }

    /** Whether the grantor covers every role of the holder. */
    private static boolean dominates(Grantor grantor, Holder holder) {
        return holder.roles().stream().allMatch(role -> covers(grantor, role));
    }

    /**
     * Whether the grantor may hand out each of {@code roles}: each permission held wherever the role reaches,
     * and {@code ROLES_MANAGE} as far. A role without permissions grants nothing and is always grantable.
     */
    private static Optional<Refusal> grantable(Grantor grantor, Collection<Role> roles) {
        for (Role role : roles) {
            if (role.kind() == RoleKind.OWNER) {
                return Optional.of(Refusal.OWNER_ROLE);
            }
            if (role.permissions().isEmpty()) {
                continue;
            }
            Optional<Refusal> refused = reach(grantor, role);
            if (refused.isPresent()) {
                return refused;
            }
            Scope rolesManage = grantor.scope(Permission.ROLES_MANAGE);
            if (rolesManage == null) {
                return Optional.of(Refusal.ROLES_MANAGE_NEEDED);
            }
            if (!reaches(rolesManage, role)) {
                return Optional.of(Refusal.SCOPE_TOO_WIDE);
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> reach(Grantor grantor, Role role) {
        Optional<Refusal> tooWide = Optional.empty();
        for (Permission permission : role.permissions()) {
            Scope scope = grantor.scope(permission);
            if (scope == null) {
                return Optional.of(Refusal.PERMISSION_NOT_HELD);
            }
            if (!reaches(scope, role)) {
                tooWide = Optional.of(Refusal.SCOPE_TOO_WIDE);
            }
        }
        return tooWide;
    }

    /** Whether {@code scope} includes everything {@code role} reaches. */
    private static boolean reaches(Scope scope, Role role) {
        return scope.wholeAccount() || !role.unlimited() && scope.departmentIds().containsAll(role.departmentIds());
    }

    private static Set<UUID> ids(Collection<Role> roles) {
        Set<UUID> ids = new HashSet<>();
        roles.forEach(role -> ids.add(role.id()));
        return ids;
    }
}
