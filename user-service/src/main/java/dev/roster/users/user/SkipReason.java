package dev.roster.users.user;

/** Why a status change was not applied to a user. */
public enum SkipReason {
    /** The Account Owner can never be deactivated, ended or deleted. */
    ACCOUNT_OWNER,
    /** Activating would exceed the account's seat limit. */
    SEAT_LIMIT,
    /** The user already has the status. */
    ALREADY_IN_STATUS,
    /** No such user in the caller's account. */
    NOT_FOUND,
    /** The user is outside the departments the caller's role covers. */
    OUT_OF_SCOPE,
    /** The user holds a permission the caller lacks, or holds it for more departments. */
    PRIVILEGED_USER,
    /** There was no scheduled change to cancel. */
    NOTHING_SCHEDULED
}
