package dev.roster.users.scim;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A SCIM PATCH (RFC 7644, 3.5.2) applied to a resource's JSON, which is then read as a whole ({@link ScimResources#input})
 * and saved by Roster's rules, as a PUT would be. Paths are parsed by UnboundID's SCIM SDK. Taken as identity providers
 * send them: operation names in any case ({@code Replace}, Entra ID); a no-path operation whose keys are attributes,
 * sub-attributes ({@code name.givenName}) or fully qualified ({@code urn:…:enterprise:2.0:User:manager}); a value
 * filter on a multi-valued attribute ({@code emails[type eq "work"].value}).
 */
final class ScimPatch {

    static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final int MOST_OPERATIONS = 100;

    private ScimPatch() {
    }

    /** Applies the request's operations, in order, to {@code resource} (changed in place). */
    static void apply(JsonNode request, ObjectNode resource) {
        JsonNode operations = ScimResources.field(request, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimException.invalidSyntax("A PATCH request has Operations: a non-empty array");
        }
        if (operations.size() > MOST_OPERATIONS) {
            throw ScimException.invalidSyntax("A PATCH request has at most " + MOST_OPERATIONS + " operations");
        }
        for (JsonNode operation : operations) {
            JsonNode op = ScimResources.field(operation, "op");
            if (op == null || !op.isString()) {
                throw ScimException.invalidSyntax("Each operation has an op: add, replace or remove");
            }
            String kind = op.stringValue().toLowerCase(Locale.ROOT);
            if (!List.of("add", "replace", "remove").contains(kind)) {
                throw ScimException.invalidSyntax("Unknown op " + op.stringValue() + ": add, replace or remove");
            }
            JsonNode path = ScimResources.field(operation, "path");
            JsonNode value = ScimResources.field(operation, "value");
            if (path == null || path.asString().isBlank()) {
                if (kind.equals("remove")) {
                    throw new ScimException(org.springframework.http.HttpStatus.BAD_REQUEST, "noTarget", "remove needs a path");
                }
                if (value == null || !value.isObject()) {
                    throw ScimException.invalidValue("An operation without a path has an object as its value");
                }
                // each key is a path of its own: an attribute, a sub-attribute or a qualified one
                for (Map.Entry<String, JsonNode> entry : value.properties()) {
                    if (entry.getKey().equalsIgnoreCase(ScimResources.ENTERPRISE) && entry.getValue().isObject()) {
                        for (Map.Entry<String, JsonNode> inner : entry.getValue().properties()) {
                            at(resource, kind, parse(ScimResources.ENTERPRISE + ":" + inner.getKey()), inner.getValue());
                        }
                    }
                    else {
                        at(resource, kind, parse(entry.getKey()), entry.getValue());
                    }
                }
            }
            else {
                if (!kind.equals("remove") && value == null) {
                    throw ScimException.invalidValue(kind + " needs a value");
                }
                at(resource, kind, parse(path.asString()), value);
            }
        }
    }

    private static Path parse(String path) {
        try {
            return Path.fromString(path);
        }
        catch (BadRequestException | RuntimeException ex) {
            throw ScimException.invalidPath("The path " + path + " could not be read: " + ex.getMessage());
        }
    }

    private static void at(ObjectNode resource, String kind, Path path, JsonNode value) {
        ObjectNode target = resource;
        if (path.getSchemaUrn() != null && path.getSchemaUrn().equalsIgnoreCase(ScimResources.ENTERPRISE)) {
            target = child(resource, ScimResources.ENTERPRISE);
        }
        else if (path.getSchemaUrn() != null && !path.getSchemaUrn().equalsIgnoreCase(ScimResources.USER_SCHEMA)
                && !path.getSchemaUrn().equalsIgnoreCase(ScimFilter.CORE_GROUP)) {
            throw ScimException.invalidPath("Unknown schema " + path.getSchemaUrn());
        }
        if (path.size() == 0) {
            throw ScimException.invalidPath("The path names no attribute");
        }
        if (path.size() > 2) {
            throw ScimException.invalidPath("The path " + path + " is deeper than Roster's attributes");
        }
        Path.Element first = path.getElement(0);
        String attribute = name(target, first.getAttribute());
        if (first.getValueFilter() != null) {
            filtered(target, kind, attribute, first.getValueFilter(), path.size() == 2 ? path.getElement(1).getAttribute() : null, value);
            return;
        }
        if (path.size() == 2) {
            ObjectNode parent = child(target, attribute);
            set(parent, kind, name(parent, path.getElement(1).getAttribute()), value);
            return;
        }
        set(target, kind, attribute, value);
    }

    /** Sets, adds to or removes {@code attribute} of {@code target}. */
    private static void set(ObjectNode target, String kind, String attribute, JsonNode value) {
        JsonNode current = target.get(attribute);
        if (kind.equals("remove")) {
            if (value != null && value.isArray() && current != null && current.isArray()) {
                // the values given, not the attribute: Entra ID removes group members so
                List<String> removed = new ArrayList<>();
                value.forEach(element -> removed.add(key(element)));
                for (Iterator<JsonNode> it = ((ArrayNode) current).iterator(); it.hasNext(); ) {
                    if (removed.contains(key(it.next()))) {
                        it.remove();
                    }
                }
            }
            else {
                target.remove(attribute);
            }
            return;
        }
        if (kind.equals("add") && current != null && current.isArray() && value.isArray()) {
            ((ArrayNode) current).addAll((ArrayNode) value);
        }
        else if (kind.equals("add") && current != null && current.isObject() && value.isObject()) {
            ((ObjectNode) current).setAll((ObjectNode) value);
        }
        else {
            target.set(attribute, value);
        }
    }

    /**
     * An operation on the values of a multi-valued attribute that a filter selects ({@code emails[type eq "work"]}),
     * or on their {@code sub}-attribute. Where none matches, add and replace add one that does.
     */
    private static void filtered(ObjectNode target, String kind, String attribute, Filter filter, String sub, JsonNode value) {
        if (filter.getFilterType() != FilterType.EQUAL || filter.getAttributePath().size() != 1
                || !filter.getComparisonValue().isTextual()) {
            throw ScimException.invalidPath("Only a filter such as [type eq \"work\"] selects values here");
        }
        String field = filter.getAttributePath().getElement(0).getAttribute();
        String wanted = filter.getComparisonValue().textValue();
        JsonNode existing = target.get(attribute);
        ArrayNode values = existing != null && existing.isArray() ? (ArrayNode) existing : target.putArray(attribute);
        List<ObjectNode> matching = new ArrayList<>();
        for (JsonNode element : values) {
            JsonNode compared = ScimResources.field(element, field);
            if (element.isObject() && compared != null && compared.asString().equalsIgnoreCase(wanted)) {
                matching.add((ObjectNode) element);
            }
        }
        if (kind.equals("remove")) {
            for (Iterator<JsonNode> it = values.iterator(); it.hasNext(); ) {
                JsonNode element = it.next();
                if (matching.contains(element)) {
                    if (sub == null) {
                        it.remove();
                    }
                    else {
                        ((ObjectNode) element).remove(name((ObjectNode) element, sub));
                    }
                }
            }
            return;
        }
        if (matching.isEmpty()) {
            ObjectNode added = values.addObject().put(field, wanted);
            matching.add(added);
        }
        for (ObjectNode element : matching) {
            if (sub == null) {
                if (!value.isObject()) {
                    throw ScimException.invalidValue("The values of " + attribute + " are objects");
                }
                element.setAll((ObjectNode) value);
            }
            else {
                element.set(name(element, sub), value);
            }
        }
    }

    /** What identifies a value of a multi-valued attribute: its {@code value}, or itself. */
    private static String key(JsonNode element) {
        JsonNode value = ScimResources.field(element, "value");
        return (value != null ? value : element).asString().toLowerCase(Locale.ROOT);
    }

    /** The object under {@code attribute}, made when missing. */
    private static ObjectNode child(ObjectNode parent, String attribute) {
        String existing = name(parent, attribute);
        JsonNode child = parent.get(existing);
        if (child != null && child.isObject()) {
            return (ObjectNode) child;
        }
        return parent.putObject(existing);
    }

    /** The key {@code attribute} has in {@code node} (SCIM names are case-insensitive), or {@code attribute} when absent. */
    private static String name(ObjectNode node, String attribute) {
        for (String key : node.propertyNames()) {
            if (key.equalsIgnoreCase(attribute)) {
                return key;
            }
        }
        return attribute;
    }
}
