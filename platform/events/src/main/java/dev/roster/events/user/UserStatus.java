package dev.roster.events.user;

/** A user's status. Deleting is not a status: it is a separate, permanent act. */
public enum UserStatus {
    ACTIVE,
    INACTIVE,
    EMPLOYMENT_ENDED;

    public boolean isActive() {
        return this == ACTIVE;
    }
}
