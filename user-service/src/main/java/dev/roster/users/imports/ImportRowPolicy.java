package dev.roster.users.imports;

import dev.roster.events.imports.ImportRowSubmitted;
import dev.roster.events.user.UserStatus;
import dev.roster.users.access.GrantPolicy;
import dev.roster.users.access.Scope;
import dev.roster.users.account.Account;
import dev.roster.users.user.SkipReason;
import dev.roster.users.user.StatusPolicy;
import dev.roster.users.user.CreateUserRequest;
import dev.roster.users.user.ProfileChanges;
import dev.roster.users.user.UpdateUserRequest;
import dev.roster.users.user.User;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules of one imported row, without Spring: whether it is refused and why, or what it creates or
 * changes. The login (case-insensitive) picks the user; blank cells leave fields as they are; the
 * checks run in a fixed order so that a row has one predictable reason. Field formats are those of the
 * API's requests, checked by the same constraints.
 */
final class ImportRowPolicy {

    static final String MISSING_FIELDS = "MISSING_FIELDS";
    static final String INVALID_FIELDS = "INVALID_FIELDS";
    static final String INVALID_PASSWORD_HASH = "INVALID_PASSWORD_HASH";
    static final String DEPARTMENT_NOT_FOUND = "DEPARTMENT_NOT_FOUND";
    static final String SUPERVISOR_NOT_FOUND = "SUPERVISOR_NOT_FOUND";
    static final String SELF_SUPERVISOR = "SELF_SUPERVISOR";
    static final String EMAIL_TAKEN = "EMAIL_TAKEN";
    static final String OUT_OF_SCOPE = "OUT_OF_SCOPE";
    static final String ACCOUNT_OWNER = SkipReason.ACCOUNT_OWNER.name();
    /** The row changes the password or email of a user holding permissions the importing user lacks. */
    static final String PRIVILEGED_USER = GrantPolicy.Refusal.PRIVILEGED_USER.name();
    static final String SEAT_LIMIT = SkipReason.SEAT_LIMIT.name();
    static final String ACCOUNT_NOT_FOUND = "ACCOUNT_NOT_FOUND";
    /** Not a rule: the row failed whenever it was applied and went to the dead-letter topic. */
    static final String APPLY_FAILED = "APPLY_FAILED";
    /** Not a refusal: the row was applied, but some of its group names match no group of the account. */
    static final String UNKNOWN_GROUPS = "UNKNOWN_GROUPS";

    /** Spring Security's delegating format, {@code {id}hash}; {@code {noop}} would store a clear-text password. */
    private static final Pattern DELEGATING_HASH = Pattern.compile("\\{(?!noop})[A-Za-z0-9@._-]+}\\S+");

    private final Validator validator;

    ImportRowPolicy(Validator validator) {
        this.validator = validator;
    }

    /**
     * What the account holds that a row refers to, looked up under the account's lock before deciding.
     *
     * @param existing the user with the row's login, or null
     * @param departmentId the department of the row's path; for a new user without a path, the root;
     *        null when the path names no department, or an existing user's row has no path
     * @param supervisorId the user with the row's supervisor login, or null
     * @param emailTaken whether another user of the account has the row's email
     * @param scope where the importing user may manage users
     * @param seatAvailable whether a seat is free (looked up only when the row activates a user)
     * @param newUserRoles the roles a new user gets (the Learner role)
     * @param importer the importing user, for {@link GrantPolicy}
     * @param holder the existing user as {@link GrantPolicy} sees them (roles, owner or not), or null
     */
    record Facts(Account account, User existing, UUID departmentId, UUID supervisorId, boolean emailTaken, Scope scope,
            boolean seatAvailable, List<UUID> newUserRoles, GrantPolicy.Grantor importer, GrantPolicy.Holder holder) {
    }

    /** What to do with a row. */
    sealed interface Decision {
    }

    /** Nothing is applied; {@code reason} says why. */
    record Refused(String reason) implements Decision {
    }

    /** Create {@code user}: with its status, except that an active one is created inactive when the account is full. */
    record Create(User user) implements Decision {
    }

    /**
     * Change an existing user: the profile to {@code changed} when {@code fields} is not empty, the password to
     * {@code passwordHash} unless null, the status to {@code status} unless null (ended on {@code employmentEndedOn},
     * today when null). Nothing of it may be the case: the row is then unchanged, unless it adds groups.
     */
    record Update(User current, User changed, List<String> fields, String passwordHash, UserStatus status,
            LocalDate employmentEndedOn) implements Decision {

        boolean changesAnything() {
            return !fields.isEmpty() || passwordHash != null || status != null;
        }
    }

    /** Decides on {@code row}; a new user gets {@code newUserId} and is created at {@code now}. */
    Decision decide(ImportRowSubmitted row, Facts facts, UUID newUserId, Instant now) {
        String login = text(row.login());
        if (login == null) {
            return new Refused(MISSING_FIELDS);
        }
        boolean creating = facts.existing() == null;
        String email = text(row.email());
        String firstName = text(row.firstName());
        String lastName = text(row.lastName());
        if (creating && (email == null || firstName == null || lastName == null)) {
            return new Refused(MISSING_FIELDS);
        }
        String jobTitle = text(row.jobTitle());
        String phone = text(row.phone());
        boolean valid = creating
                ? validator.validate(new CreateUserRequest(login, email, firstName, lastName, null, null, jobTitle, phone,
                        null, null, null, row.status())).isEmpty()
                : validator.validate(new UpdateUserRequest(null, email, firstName, lastName, null, null, null, jobTitle,
                        phone, null, null)).isEmpty();
        if (!valid) {
            return new Refused(INVALID_FIELDS);
        }
        String passwordHash = text(row.passwordHash());
        if (passwordHash != null && !DELEGATING_HASH.matcher(passwordHash).matches()) {
            return new Refused(INVALID_PASSWORD_HASH);
        }
        if (text(row.departmentPath()) != null && facts.departmentId() == null) {
            return new Refused(DEPARTMENT_NOT_FOUND);
        }
        String supervisorLogin = text(row.supervisorLogin());
        if (supervisorLogin != null) {
            if (supervisorLogin.equalsIgnoreCase(login)
                    || !creating && facts.existing().id().equals(facts.supervisorId())) {
                return new Refused(SELF_SUPERVISOR);
            }
            if (facts.supervisorId() == null) {
                return new Refused(SUPERVISOR_NOT_FOUND);
            }
        }
        if (facts.emailTaken()) {
            return new Refused(EMAIL_TAKEN);
        }
        if (creating) {
            if (!facts.scope().contains(facts.departmentId())) {
                return new Refused(OUT_OF_SCOPE);
            }
            UserStatus status = row.status() == null ? UserStatus.ACTIVE : row.status();
            return new Create(User.create(newUserId, facts.account().id(), new User.Details(login, email, firstName,
                            lastName, facts.departmentId(), facts.supervisorId(), jobTitle, phone, "en"), status,
                    status == UserStatus.EMPLOYMENT_ENDED ? row.employmentEndedOn() : null, passwordHash, now,
                    facts.newUserRoles()));
        }
        return update(row, facts, email, firstName, lastName, jobTitle, phone, passwordHash);
    }

    private static Decision update(ImportRowSubmitted row, Facts facts, String email, String firstName, String lastName,
            String jobTitle, String phone, String passwordHash) {
        User current = facts.existing();
        UUID departmentId = facts.departmentId() != null ? facts.departmentId() : current.departmentId();
        if (!facts.scope().contains(current.departmentId()) || !facts.scope().contains(departmentId)) {
            return new Refused(OUT_OF_SCOPE);
        }
        boolean credentials = passwordHash != null && !passwordHash.equals(current.passwordHash())
                || email != null && !email.equals(current.email());
        if (credentials) {
            Optional<GrantPolicy.Refusal> refused = GrantPolicy.changeCredentials(facts.importer(), facts.holder());
            if (refused.isPresent()) {
                return new Refused(refused.get().name());
            }
        }
        UserStatus target = row.status() != null && row.status() != current.status() ? row.status() : null;
        if (target != null) {
            Optional<GrantPolicy.Refusal> refused = GrantPolicy.changeStatus(facts.importer(), facts.holder());
            if (refused.isPresent()) {
                return new Refused(refused.get().name());
            }
            Optional<SkipReason> skipped = StatusPolicy.check(current.status(), target,
                    facts.account().isOwner(current.id()), facts.seatAvailable());
            if (skipped.isPresent()) {
                return new Refused(skipped.get().name());
            }
        }
        // an ended user's end date is corrected as a profile field; a status change records its own
        LocalDate endedOn = target == null && current.status() == UserStatus.EMPLOYMENT_ENDED
                && row.employmentEndedOn() != null ? row.employmentEndedOn() : current.employmentEndedOn();
        User changed = current.with(new User.Details(current.login(), or(email, current.email()),
                        or(firstName, current.firstName()), or(lastName, current.lastName()), departmentId,
                        facts.supervisorId() != null ? facts.supervisorId() : current.supervisorId(),
                        or(jobTitle, current.jobTitle()), or(phone, current.phone()), current.locale()),
                current.roleIds()).with(current.status(), endedOn);
        return new Update(current, changed, ProfileChanges.between(current, changed),
                passwordHash != null && !passwordHash.equals(current.passwordHash()) ? passwordHash : null, target,
                target == UserStatus.EMPLOYMENT_ENDED ? row.employmentEndedOn() : null);
    }

    /** A cell's text, stripped; null when blank. */
    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A cell's text in lower case, stripped; null when blank: how logins, emails and paths of rows compare. */
    static String lower(String value) {
        String text = text(value);
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
