package dev.roster.users.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Which profile fields differ between two versions of a user: what an update writes, audits and announces. */
public final class ProfileChanges {

    private ProfileChanges() {
    }

    /** The names of the profile fields that differ, in a fixed order; empty when nothing does. */
    public static List<String> between(User before, User after) {
        List<String> fields = new ArrayList<>();
        compare(fields, "login", before.login(), after.login());
        compare(fields, "email", before.email(), after.email());
        compare(fields, "firstName", before.firstName(), after.firstName());
        compare(fields, "lastName", before.lastName(), after.lastName());
        compare(fields, "departmentId", before.departmentId(), after.departmentId());
        compare(fields, "supervisorId", before.supervisorId(), after.supervisorId());
        compare(fields, "jobTitle", before.jobTitle(), after.jobTitle());
        compare(fields, "phone", before.phone(), after.phone());
        compare(fields, "locale", before.locale(), after.locale());
        compare(fields, "roleIds", before.roleIds(), after.roleIds());
        compare(fields, "employmentEndedOn", before.employmentEndedOn(), after.employmentEndedOn());
        return fields;
    }

    private static void compare(List<String> fields, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            fields.add(name);
        }
    }
}
