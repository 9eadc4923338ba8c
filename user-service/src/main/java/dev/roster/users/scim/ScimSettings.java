package dev.roster.users.scim;

import jakarta.validation.constraints.NotNull;

/**
 * An account's SCIM provisioning settings.
 *
 * @param deprovision what an identity provider's {@code "active": false} becomes: INACTIVE (the default) or, where the
 *        account says deprovisioning means the end of employment, EMPLOYMENT_ENDED
 */
record ScimSettings(@NotNull Deprovision deprovision) {

    static final ScimSettings DEFAULT = new ScimSettings(Deprovision.INACTIVE);

    enum Deprovision {
        INACTIVE,
        EMPLOYMENT_ENDED
    }
}
