package dev.roster.users.scim;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A SCIM filter (RFC 7644, 3.4.2.2), parsed by UnboundID's SCIM SDK and turned into a condition of a query with bound
 * parameters (never text of the filter in the SQL). What identity providers ask: {@code eq} on users' {@code userName}
 * (case aside, as SCIM says), {@code externalId}, {@code emails.value}, {@code id}, {@code active}, the name parts and
 * the enterprise {@code employeeNumber}; on groups' {@code displayName}, {@code externalId}, {@code id} and
 * {@code members}; combined with {@code and} and {@code or}. Anything else is a 400 {@code invalidFilter}.
 */
final class ScimFilter {

    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final int LONGEST = 2_000;
    private static final int MOST_COMPARISONS = 50;

    private ScimFilter() {
    }

    /** A condition and its parameters. */
    record Sql(String condition, Map<String, Object> parameters) {
    }

    /** How an attribute compares: {@code template} is SQL with {@code :%s} where the value's parameter goes. */
    record Column(String template, Kind kind) {

        static Column exact(String expression) {
            return new Column(expression + " = :%s", Kind.TEXT);
        }

        static Column caseIgnored(String expression) {
            return new Column("lower(" + expression + ") = lower(:%s)", Kind.TEXT);
        }
    }

    enum Kind {
        TEXT,
        UUID,
        BOOLEAN
    }

    /** What a user filter may name. */
    static final Map<String, Column> USERS = Map.of(
            "id", new Column("u.id = :%s", Kind.UUID),
            "username", Column.caseIgnored("coalesce(s.user_name, u.login)"),
            "externalid", Column.exact("s.external_id"),
            "emails", Column.caseIgnored("u.email"),
            "emails.value", Column.caseIgnored("u.email"),
            "name.givenname", Column.caseIgnored("u.first_name"),
            "name.familyname", Column.caseIgnored("u.last_name"),
            "active", new Column("((u.status = 'ACTIVE') = :%s)", Kind.BOOLEAN),
            "enterprise:employeenumber", Column.exact("s.employee_number"));

    /** What a group filter may name. */
    static final Map<String, Column> GROUPS = Map.of(
            "id", new Column("g.id = :%s", Kind.UUID),
            "displayname", Column.caseIgnored("g.name"),
            "externalid", Column.exact("sg.external_id"),
            "members", new Column("EXISTS (SELECT 1 FROM group_member m WHERE m.group_id = g.id AND m.user_id = :%s)", Kind.UUID),
            "members.value", new Column("EXISTS (SELECT 1 FROM group_member m WHERE m.group_id = g.id AND m.user_id = :%s)",
                    Kind.UUID));

    static Sql users(String filter) {
        return sql(filter, USERS);
    }

    static Sql groups(String filter) {
        return sql(filter, GROUPS);
    }

    private static Sql sql(String filter, Map<String, Column> columns) {
        if (filter == null || filter.isBlank()) {
            return new Sql("true", Map.of());
        }
        if (filter.length() > LONGEST) {
            throw ScimException.invalidFilter("The filter is longer than " + LONGEST + " characters");
        }
        Filter parsed;
        try {
            parsed = Filter.fromString(filter);
        }
        catch (BadRequestException | RuntimeException ex) {
            throw ScimException.invalidFilter("The filter could not be read: " + ex.getMessage());
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        return new Sql(condition(parsed, columns, parameters), parameters);
    }

    private static String condition(Filter filter, Map<String, Column> columns, Map<String, Object> parameters) {
        return switch (filter.getFilterType()) {
            case AND -> filter.getCombinedFilters().stream().map(part -> condition(part, columns, parameters))
                    .collect(Collectors.joining(" AND ", "(", ")"));
            case OR -> filter.getCombinedFilters().stream().map(part -> condition(part, columns, parameters))
                    .collect(Collectors.joining(" OR ", "(", ")"));
            case EQUAL -> equal(filter.getAttributePath(), filter.getComparisonValue(), columns, parameters);
            default -> throw ScimException.invalidFilter("Only eq, and and or are supported, not " + filter.getFilterType());
        };
    }

    private static String equal(Path path, ValueNode value, Map<String, Column> columns, Map<String, Object> parameters) {
        if (parameters.size() >= MOST_COMPARISONS) {
            throw ScimException.invalidFilter("A filter compares at most " + MOST_COMPARISONS + " values");
        }
        Column column = columns.get(attribute(path));
        if (column == null) {
            throw ScimException.invalidFilter("Filtering on " + path + " is not supported");
        }
        String name = "p" + parameters.size();
        switch (column.kind()) {
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw ScimException.invalidFilter(path + " compares with true or false");
                }
                parameters.put(name, value.booleanValue());
            }
            case UUID -> {
                if (!value.isTextual()) {
                    throw ScimException.invalidFilter(path + " compares with a string");
                }
                try {
                    parameters.put(name, UUID.fromString(value.textValue()));
                }
                catch (IllegalArgumentException ex) {
                    // nothing has an id that is not a UUID
                    return "false";
                }
            }
            case TEXT -> {
                if (!value.isTextual()) {
                    throw ScimException.invalidFilter(path + " compares with a string");
                }
                parameters.put(name, value.textValue());
            }
        }
        return column.template().formatted(name);
    }

    /**
     * The attribute a path names, lower case, its elements joined by dots ({@code emails[type eq "work"].value} is
     * {@code emails.value}); the enterprise extension's as {@code enterprise:…}.
     */
    static String attribute(Path path) {
        StringBuilder name = new StringBuilder();
        if (ENTERPRISE.equalsIgnoreCase(path.getSchemaUrn())) {
            name.append("enterprise:");
        }
        else if (path.getSchemaUrn() != null && !CORE_USER.equalsIgnoreCase(path.getSchemaUrn())
                && !CORE_GROUP.equalsIgnoreCase(path.getSchemaUrn())) {
            throw ScimException.invalidFilter("Unknown schema " + path.getSchemaUrn());
        }
        for (int i = 0; i < path.size(); i++) {
            name.append(i == 0 ? "" : ".").append(path.getElement(i).getAttribute().toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }
}
