package dev.roster.platform.security;

/** What a role may do, as the access token names it. Custom roles combine these; the built-in roles have fixed sets. */
public enum Permission {
    USERS_VIEW,
    USERS_MANAGE,
    USERS_DELETE,
    USERS_IMPORT_EXPORT,
    ROLES_MANAGE,
    TRAININGS_MANAGE,
    TRAININGS_VIEW_USERS_AND_ENROLL,
    TRAININGS_ENROLL_USERS,
    /** Change the account itself (name, time zone, seat limit): the Account Owner and administrators. */
    ACCOUNT_MANAGE
}
