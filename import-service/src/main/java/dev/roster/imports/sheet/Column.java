package dev.roster.imports.sheet;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The columns of the users template, in order, with the headers people see and the ones also understood. */
public enum Column {
    LOGIN("Login"),
    EMAIL("Email", "e-mail", "email address"),
    FIRST_NAME("First name", "firstname", "given name"),
    LAST_NAME("Last name", "lastname", "surname", "family name"),
    PASSWORD("Password"),
    DEPARTMENT("Department", "department path"),
    JOB_TITLE("Job title", "title", "position"),
    PHONE("Phone", "phone number", "telephone"),
    SUPERVISOR("Supervisor login", "supervisor"),
    GROUPS("Groups", "group"),
    STATUS("Status"),
    EMPLOYMENT_ENDED_ON("Employment end date", "employment ended on", "end date");

    private final String header;
    private final Set<String> aliases;

    Column(String header, String... aliases) {
        this.header = header;
        this.aliases = Set.of(aliases);
    }

    public String header() {
        return header;
    }

    /** The column a header names (ignoring case, spaces, dashes and underscores), if any. */
    public static Optional<Column> of(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String key = normalize(header);
        for (Column column : values()) {
            if (normalize(column.header).equals(key) || column.aliases.stream().map(Column::normalize).anyMatch(key::equals)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    private static String normalize(String header) {
        return header.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-*]", "");
    }
}
