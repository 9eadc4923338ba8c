package dev.roster.notifications.notice;

/** The notices Roster sends; each names its template files and says on which channels it goes out. */
public enum NoticeKind {
    SUPERVISOR_LEARNER_UNENROLLED("supervisor-learner-unenrolled", true, true),
    SUPERVISOR_LEARNER_SWITCHED("supervisor-learner-switched", true, true),
    LEARNER_ENROLLED("learner-enrolled", true, true),
    LEARNER_WAITLISTED("learner-waitlisted", true, true),
    LEARNER_SESSION_CHANGED("learner-session-changed", true, true),
    LEARNER_REMOVED("learner-removed", true, true),
    LEARNER_PROMOTED("learner-promoted", true, true),
    LEARNER_DROPPED("learner-dropped", true, true),
    /** Email only: an invited user cannot open the notification center yet. */
    USER_INVITED("user-invited", true, false),
    /** Email only: it must reach the owner of the address even if someone else holds the session. */
    USER_PASSWORD_CHANGED("user-password-changed", true, false),
    USER_ACCOUNT_ACTIVATED("user-account-activated", true, true);

    private final String template;
    private final boolean email;
    private final boolean inApp;

    NoticeKind(String template, boolean email, boolean inApp) {
        this.template = template;
        this.email = email;
        this.inApp = inApp;
    }

    /** The stable name: the template files' base name, and {@code kind} in the API and the database. */
    public String template() {
        return template;
    }

    public boolean email() {
        return email;
    }

    public boolean inApp() {
        return inApp;
    }
}
