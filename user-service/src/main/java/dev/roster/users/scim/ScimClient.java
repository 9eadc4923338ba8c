package dev.roster.users.scim;

import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import java.util.Set;
import java.util.UUID;

/**
 * An identity provider, known by its SCIM token: it provisions one account, acting for the Account Owner who created
 * the token ({@code actorId}, the actor of its audit entries; whose roles the grant rules weigh). It may see, create,
 * change and delete users anywhere in the account, and nothing more: never roles, never the account.
 */
record ScimClient(UUID tokenId, UUID accountId, UUID actorId) {

    /** The same rules as any caller of the API, with the user permissions and no department limit. */
    Caller caller() {
        return new Caller(actorId, accountId, Set.of(Permission.USERS_VIEW, Permission.USERS_MANAGE, Permission.USERS_DELETE));
    }
}
