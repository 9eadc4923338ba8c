package dev.roster.users.scim;

import java.time.Instant;
import java.util.UUID;

/**
 * A Roster user as SCIM sees it: the user's own fields, and the SCIM attributes Roster keeps beside them
 * ({@code externalId}, {@code employeeNumber}, the identity provider's department name).
 */
record ScimUser(UUID id, String externalId, String userName, String givenName, String familyName, String email,
        String phone, String title, String locale, String status, UUID managerId, String employeeNumber,
        String department, long version, Instant created, Instant lastModified) {

    boolean active() {
        return "ACTIVE".equals(status);
    }

    String etag() {
        return "W/\"" + version + "\"";
    }
}
