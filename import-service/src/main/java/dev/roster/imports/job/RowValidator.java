package dev.roster.imports.job;

import dev.roster.events.user.UserStatus;
import dev.roster.imports.directory.DepartmentScope;
import dev.roster.imports.directory.DirectoryRepository.Snapshot;
import dev.roster.imports.directory.DirectoryUser;
import dev.roster.imports.sheet.Column;
import dev.roster.imports.sheet.SheetRow;
import dev.roster.imports.sheet.StatusLabel;
import dev.roster.platform.account.Seats;
import dev.roster.platform.validation.SaneDates;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks the rows of one file, in order, against the account's users and departments, and says what each
 * will do: create a user, update one, only change a status, nothing, or nothing because it is invalid
 * (with every reason and its column). Remembers what earlier rows used, to find duplicates in the file.
 * A blank cell leaves that field as it is. A row reaching outside the importer's department scope (an
 * existing user there, or a department there, the root's included for a new user without one) is invalid.
 */
final class RowValidator {

    /** How the reason of a row outside the importer's scope begins (user-service answers such rows OUT_OF_SCOPE). */
    public static final String OUTSIDE_SCOPE = "Outside your scope";

    private static final Pattern LOGIN = Pattern.compile("[^\\s@]{1,100}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final Snapshot directory;
    private final Set<String> fileLogins;
    private final DepartmentScope scope;
    private final Set<String> seenLogins = new HashSet<>();
    private final Set<String> seenEmails = new HashSet<>();
    /** Seats taken as far as the rows read so far go (only taking seats counts: freeing depends on apply order). */
    private final Seats seats;

    /** {@code fileLogins}: every login of the file (lower case), so that a supervisor may be a new user of the same file. */
    public RowValidator(Snapshot directory, Set<String> fileLogins) {
        this(directory, fileLogins, DepartmentScope.WHOLE_ACCOUNT);
    }

    /** {@code scope}: where the importing user's {@code USERS_IMPORT_EXPORT} applies. */
    public RowValidator(Snapshot directory, Set<String> fileLogins, DepartmentScope scope) {
        this.directory = directory;
        this.fileLogins = fileLogins;
        this.scope = scope;
        this.seats = new Seats(directory.seats().seatLimit(), directory.activeUsers());
    }

    public ValidatedRow validate(SheetRow row) {
        List<RowError> errors = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        row.refused().forEach((column, reason) -> errors.add(error(column, reason)));
        String login = row.get(Column.LOGIN);
        DirectoryUser existing = null;
        if (login == null) {
            if (!row.refused().containsKey(Column.LOGIN)) {
                errors.add(error(Column.LOGIN, "A login is required"));
            }
        }
        else if (!LOGIN.matcher(login).matches()) {
            errors.add(error(Column.LOGIN, "A login has up to 100 characters, without spaces or @"));
        }
        else {
            existing = directory.user(login);
            values.put("login", existing == null ? login : existing.login());
            if (!seenLogins.add(login.toLowerCase(Locale.ROOT))) {
                errors.add(error(Column.LOGIN, "This login appears in an earlier row of the file"));
            }
        }

        String email = row.get(Column.EMAIL);
        if (email != null) {
            String owner = directory.loginByEmail(email);
            if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
                errors.add(error(Column.EMAIL, "'" + email + "' is not an email address"));
            }
            else if (!seenEmails.add(email.toLowerCase(Locale.ROOT))) {
                errors.add(error(Column.EMAIL, "This email appears in an earlier row of the file"));
            }
            else if (owner != null && (login == null || !owner.equals(login.toLowerCase(Locale.ROOT)))) {
                errors.add(error(Column.EMAIL, "Another user has this email"));
            }
            values.put("email", email);
        }
        text(row, Column.FIRST_NAME, 100, "firstName", values, errors);
        text(row, Column.LAST_NAME, 100, "lastName", values, errors);
        text(row, Column.JOB_TITLE, 200, "jobTitle", values, errors);
        text(row, Column.PHONE, 50, "phone", values, errors);
        if (existing == null && login != null && LOGIN.matcher(login).matches()) {
            for (Column required : List.of(Column.EMAIL, Column.FIRST_NAME, Column.LAST_NAME)) {
                if (row.get(required) == null) {
                    errors.add(error(required, "Required for a new user"));
                }
            }
        }

        String password = row.get(Column.PASSWORD);
        if (password != null && (password.length() < 8 || password.length() > 128)) {
            errors.add(error(Column.PASSWORD, "A password has 8 to 128 characters"));
        }

        String department = row.get(Column.DEPARTMENT);
        UUID departmentId = null;
        if (department != null) {
            departmentId = directory.departmentByPath(department);
            if (departmentId == null) {
                errors.add(error(Column.DEPARTMENT, "No department '" + department
                        + "' (use the full path, e.g. My Company / Sales Department)"));
            }
            else {
                values.put("department", directory.departmentPath(departmentId));
            }
        }
        if (login != null && LOGIN.matcher(login).matches()) {
            outsideScope(existing, department, departmentId, errors);
        }

        String supervisor = row.get(Column.SUPERVISOR);
        if (supervisor != null) {
            String key = supervisor.toLowerCase(Locale.ROOT);
            if (login != null && key.equals(login.toLowerCase(Locale.ROOT))) {
                errors.add(error(Column.SUPERVISOR, "A user cannot be their own supervisor"));
            }
            else if (directory.user(supervisor) == null && !fileLogins.contains(key)) {
                errors.add(error(Column.SUPERVISOR, "No user with the login '" + supervisor + "' in the account or the file"));
            }
            else {
                DirectoryUser known = directory.user(supervisor);
                values.put("supervisor", known == null ? supervisor : known.login());
            }
        }

        String groupsCell = row.get(Column.GROUPS);
        List<UUID> groupIds = new ArrayList<>();
        if (groupsCell != null) {
            List<String> names = new ArrayList<>();
            for (String name : groups(groupsCell)) {
                var group = directory.groups().named(name);
                if (group == null) {
                    errors.add(error(Column.GROUPS, "No group '" + name + "'"));
                }
                else if (!group.isStatic()) {
                    errors.add(error(Column.GROUPS, "'" + group.name() + "' is a smart group: its members follow its rules"));
                }
                else {
                    names.add(group.name());
                    groupIds.add(group.id());
                }
            }
            if (!names.isEmpty()) {
                values.put("groups", String.join("; ", names));
            }
        }

        Optional<UserStatus> status = Optional.empty();
        String statusCell = row.get(Column.STATUS);
        if (statusCell != null) {
            status = StatusLabel.parse(statusCell);
            if (status.isEmpty()) {
                errors.add(error(Column.STATUS, "'" + statusCell + "' is not a status: use Active, Inactive or Employment Ended"));
            }
            else {
                values.put("status", status.get().name());
            }
        }
        String endedOn = row.get(Column.EMPLOYMENT_ENDED_ON);
        if (endedOn != null) {
            try {
                LocalDate date = LocalDate.parse(endedOn);
                if (!SaneDates.isSane(date)) {
                    errors.add(error(Column.EMPLOYMENT_ENDED_ON, "'" + endedOn + "': a date " + SaneDates.MESSAGE));
                }
                else if (status.orElse(existing == null ? null : existing.status()) != UserStatus.EMPLOYMENT_ENDED) {
                    errors.add(error(Column.EMPLOYMENT_ENDED_ON, "Only users whose status is Employment Ended have this date"));
                }
                values.put("employmentEndedOn", date.toString());
            }
            catch (DateTimeParseException ex) {
                errors.add(error(Column.EMPLOYMENT_ENDED_ON, "'" + endedOn + "' is not a date such as 2026-11-30"));
            }
        }

        UUID owner = directory.seats().ownerId();
        if (existing != null && existing.id().equals(owner) && status.isPresent() && status.get() != UserStatus.ACTIVE) {
            errors.add(error(Column.STATUS, "The Account Owner's status cannot be changed"));
        }

        if (!errors.isEmpty()) {
            return new ValidatedRow(row.number(), RowAction.INVALID, login, values, errors, List.of(), null);
        }
        return new ValidatedRow(row.number(), action(existing, values, password, groupIds), values.get("login"), values,
                List.of(), seatErrors(existing, status.orElse(null)), password);
    }

    /** user-service refuses a row reaching outside the importer's scope; the preview says so first. */
    private void outsideScope(DirectoryUser existing, String department, UUID departmentId, List<RowError> errors) {
        if (scope.wholeAccount()) {
            return;
        }
        if (existing != null && !scope.contains(existing.departmentId())) {
            errors.add(error(Column.LOGIN, OUTSIDE_SCOPE + ": this user is in a department your role does not cover"));
        }
        if (departmentId != null && !scope.contains(departmentId)) {
            errors.add(error(Column.DEPARTMENT, OUTSIDE_SCOPE + ": '" + department
                    + "' is a department your role does not cover"));
        }
        if (existing == null && department == null && !scope.containsNewUsersWithoutDepartment()) {
            errors.add(error(Column.DEPARTMENT, OUTSIDE_SCOPE
                    + ": a new user without a department goes to the top department, which your role does not cover;"
                    + " name one of your departments"));
        }
    }

    /**
     * What the seat limit will do to the row: a new active user beyond it is created Inactive; an activation
     * beyond it is refused unless other rows free seats first (their order of application is not fixed).
     */
    private List<RowError> seatErrors(DirectoryUser existing, UserStatus status) {
        boolean takesSeat = existing == null ? status == null || status == UserStatus.ACTIVE
                : status == UserStatus.ACTIVE && existing.status() != UserStatus.ACTIVE;
        if (!takesSeat) {
            return List.of();
        }
        if (seats.take()) {
            return List.of();
        }
        return List.of(error(Column.STATUS, existing == null
                ? "Every seat is taken (limit " + seats.limit() + "): the user will be created Inactive"
                : "Every seat is taken (limit " + seats.limit() + "): activating will be refused unless seats are freed first"));
    }

    private RowAction action(DirectoryUser existing, Map<String, String> values, String password, List<UUID> groupIds) {
        if (existing == null) {
            return RowAction.CREATE;
        }
        // an import only adds to groups: a row changes memberships when it names a group the user is not in
        boolean joinsGroup = groupIds.stream().anyMatch(group -> !directory.groups().isMember(existing.id(), group));
        boolean profileChanged = password != null || joinsGroup
                || differs(values.get("email"), existing.email(), true)
                || differs(values.get("firstName"), existing.firstName(), false)
                || differs(values.get("lastName"), existing.lastName(), false)
                || differs(values.get("jobTitle"), existing.jobTitle(), false)
                || differs(values.get("phone"), existing.phone(), false)
                || differs(values.get("department"), directory.departmentPath(existing.departmentId()), true)
                || differs(values.get("supervisor"), directory.loginOf(existing.supervisorId()), true);
        boolean statusChanged = values.containsKey("status") && !values.get("status").equals(existing.status().name())
                || values.containsKey("employmentEndedOn")
                        && !values.get("employmentEndedOn").equals(Objects.toString(existing.employmentEndedOn(), null));
        if (profileChanged) {
            return RowAction.UPDATE;
        }
        return statusChanged ? RowAction.STATUS_CHANGE : RowAction.UNCHANGED;
    }

    /** The group names of a cell: separated by semicolons (or commas), blank ones left out. */
    public static List<String> groups(String cell) {
        List<String> names = new ArrayList<>();
        for (String name : cell.split("[;,]")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }

    private static boolean differs(String given, String current, boolean ignoreCase) {
        if (given == null) {
            return false;
        }
        return ignoreCase ? !given.equalsIgnoreCase(current == null ? "" : current) : !given.equals(current);
    }

    private static void text(SheetRow row, Column column, int max, String key, Map<String, String> values,
            List<RowError> errors) {
        String value = row.get(column);
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            errors.add(error(column, "At most " + max + " characters"));
        }
        values.put(key, value);
    }

    private static RowError error(Column column, String reason) {
        return new RowError(column.header(), reason);
    }
}
