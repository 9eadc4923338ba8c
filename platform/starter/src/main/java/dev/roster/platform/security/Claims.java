package dev.roster.platform.security;

/**
 * The names of Roster's own claims in an access token, for user-service that writes them and every service (and the
 * tests' tokens) that reads them. The standard ones ({@code sub}, {@code iat}, {@code exp}, {@code iss}) are JOSE's.
 */
public final class Claims {

    /** The account (tenant) the user belongs to. */
    public static final String ACCOUNT = "acct";

    /** The permissions the user holds, by name. */
    public static final String PERMISSIONS = "permissions";

    /** Permission → the root departments it is limited to; absent when every permission covers the whole account. */
    public static final String DEPARTMENT_SCOPES = "department_scopes";

    /** The issue time in milliseconds ({@code iat} has seconds): tells apart sessions begun within one second. */
    public static final String ISSUED_AT_MILLIS = "iat_ms";

    /** The session the token belongs to: signing out ends that session only. */
    public static final String SESSION_ID = "sid";

    private Claims() {
    }
}
