package dev.roster.users.scim;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Users as SCIM resources (RFC 7643: the core User schema and the enterprise extension) and back. Reading is lenient
 * where identity providers differ, and only there: attribute names in any case, {@code active} also as the strings
 * {@code "True"}/{@code "False"} (Entra ID), {@code manager} as an id, {@code {"value": id}} or
 * {@code [{"value": id}]}, a locale with an underscore.
 */
final class ScimResources {

    static final String USER_SCHEMA = ScimFilter.CORE_USER;
    static final String ENTERPRISE = ScimFilter.ENTERPRISE;
    static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");

    private ScimResources() {
    }

    static ObjectNode user(ScimUser user, String baseUrl) {
        ObjectNode node = NODES.objectNode();
        node.set("schemas", NODES.arrayNode().add(USER_SCHEMA).add(ENTERPRISE));
        node.put("id", user.id().toString());
        if (user.externalId() != null) {
            node.put("externalId", user.externalId());
        }
        node.put("userName", user.userName());
        ObjectNode name = node.putObject("name");
        name.put("givenName", user.givenName());
        name.put("familyName", user.familyName());
        name.put("formatted", user.givenName() + " " + user.familyName());
        node.put("displayName", user.givenName() + " " + user.familyName());
        node.putArray("emails").addObject().put("value", user.email()).put("type", "work").put("primary", true);
        if (user.phone() != null) {
            node.putArray("phoneNumbers").addObject().put("value", user.phone()).put("type", "work");
        }
        if (user.title() != null) {
            node.put("title", user.title());
        }
        // Roster's locale is the language its mails and pages are in: SCIM's preferredLanguage (locale is read too)
        node.put("preferredLanguage", user.locale());
        node.put("active", user.active());
        ObjectNode enterprise = node.putObject(ENTERPRISE);
        if (user.employeeNumber() != null) {
            enterprise.put("employeeNumber", user.employeeNumber());
        }
        if (user.department() != null) {
            enterprise.put("department", user.department());
        }
        if (user.managerId() != null) {
            enterprise.putObject("manager").put("value", user.managerId().toString())
                    .put("$ref", baseUrl + "/Users/" + user.managerId());
        }
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", user.created().toString());
        meta.put("lastModified", user.lastModified().toString());
        meta.put("location", baseUrl + "/Users/" + user.id());
        meta.put("version", user.etag());
        return node;
    }

    static ObjectNode list(List<ObjectNode> resources, long total, int startIndex) {
        ObjectNode node = NODES.objectNode();
        node.set("schemas", NODES.arrayNode().add(LIST_SCHEMA));
        node.put("totalResults", total);
        node.put("startIndex", startIndex);
        node.put("itemsPerPage", resources.size());
        ArrayNode items = node.putArray("Resources");
        resources.forEach(items::add);
        return node;
    }

    /**
     * What a resource sent by an identity provider says of a user. Null where it says nothing; {@code clearManager}
     * where it removes the manager.
     */
    record Input(String userName, String externalId, String givenName, String familyName, String email, String phone,
            String title, String locale, Boolean active, UUID managerId, boolean clearManager, String employeeNumber,
            String department) {
    }

    static Input input(JsonNode resource) {
        if (resource == null || !resource.isObject()) {
            throw ScimException.invalidSyntax("A user is a JSON object");
        }
        JsonNode name = field(resource, "name");
        String displayName = text(resource, "displayName");
        String givenName = text(name, "givenName");
        String familyName = text(name, "familyName");
        if ((givenName == null || familyName == null) && displayName != null && displayName.strip().contains(" ")) {
            String[] parts = displayName.strip().split("\\s+", 2);
            givenName = givenName != null ? givenName : parts[0];
            familyName = familyName != null ? familyName : parts[1];
        }
        JsonNode enterprise = field(resource, ENTERPRISE);
        JsonNode manager = field(enterprise, "manager");
        UUID managerId = null;
        boolean clearManager = false;
        if (manager != null) {
            String value = manager.isArray() ? (manager.isEmpty() ? null : text(manager.get(0), "value"))
                    : manager.isObject() ? text(manager, "value") : manager.isString() ? manager.stringValue() : null;
            if (value == null || value.isBlank()) {
                clearManager = true;
            }
            else {
                managerId = uuid(value, "manager");
            }
        }
        return new Input(text(resource, "userName"), text(resource, "externalId"), givenName, familyName,
                primary(field(resource, "emails")), primary(field(resource, "phoneNumbers")), text(resource, "title"),
                locale(text(resource, "preferredLanguage") != null ? text(resource, "preferredLanguage") : text(resource, "locale")),
                bool(field(resource, "active")), managerId, clearManager, text(enterprise, "employeeNumber"),
                text(enterprise, "department"));
    }

    /** The field of an object whose name is {@code name} in any case (SCIM attribute names are case-insensitive). */
    static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue().isNull() ? null : entry.getValue();
            }
        }
        return null;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (value == null) {
            return null;
        }
        if (!value.isValueNode()) {
            throw ScimException.invalidValue(name + " must be a single value");
        }
        return value.asString();
    }

    /** The primary value of a multi-valued attribute (or its first), or null. */
    private static String primary(JsonNode values) {
        if (values == null) {
            return null;
        }
        if (!values.isArray()) {
            throw ScimException.invalidValue("A multi-valued attribute must be an array");
        }
        JsonNode chosen = null;
        for (JsonNode value : values) {
            if (chosen == null || bool(field(value, "primary")) == Boolean.TRUE) {
                chosen = value;
            }
        }
        return chosen == null ? null : text(chosen, "value");
    }

    static Boolean bool(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isString() && value.stringValue().equalsIgnoreCase("true")) {
            return true;
        }
        if (value.isString() && value.stringValue().equalsIgnoreCase("false")) {
            return false;
        }
        throw ScimException.invalidValue("active must be true or false, not " + value);
    }

    private static String locale(String locale) {
        if (locale == null) {
            return null;
        }
        String candidate = locale.replace('_', '-');
        int dash = candidate.indexOf('-');
        candidate = dash < 0 ? candidate.toLowerCase(Locale.ROOT)
                : candidate.substring(0, dash).toLowerCase(Locale.ROOT) + candidate.substring(dash).toUpperCase(Locale.ROOT);
        // a language Roster does not have a form for is left as it was
        return LOCALE.matcher(candidate).matches() ? candidate : null;
    }

    private static UUID uuid(String value, String attribute) {
        try {
            return UUID.fromString(value.strip());
        }
        catch (IllegalArgumentException ex) {
            throw ScimException.invalidValue(attribute + " must be the id of a user of the account");
        }
    }
}
