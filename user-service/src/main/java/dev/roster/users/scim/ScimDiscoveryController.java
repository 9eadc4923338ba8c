package dev.roster.users.scim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What an identity provider reads to learn what Roster's SCIM does (RFC 7644, section 4): read once at start. */
// SCIM describes itself (ServiceProviderConfig, Schemas); it is no part of Roster's OpenAPI document
@io.swagger.v3.oas.annotations.Hidden
@RestController
@RequestMapping("/scim/v2")
class ScimDiscoveryController {

    private final ObjectNode serviceProviderConfig;
    private final List<ObjectNode> resourceTypes;
    private final List<ObjectNode> schemas;

    ScimDiscoveryController() {
        this.serviceProviderConfig = (ObjectNode) read("scim/service-provider-config.json");
        this.resourceTypes = objects(read("scim/resource-types.json"));
        this.schemas = objects(read("scim/schemas.json"));
    }

    @GetMapping("/ServiceProviderConfig")
    ResponseEntity<ObjectNode> serviceProviderConfig() {
        return ScimUserController.scim(ResponseEntity.ok(), serviceProviderConfig);
    }

    @GetMapping("/ResourceTypes")
    ResponseEntity<ObjectNode> resourceTypes() {
        return ScimUserController.scim(ResponseEntity.ok(), ScimResources.list(resourceTypes, resourceTypes.size(), 1));
    }

    @GetMapping("/ResourceTypes/{id}")
    ResponseEntity<ObjectNode> resourceType(@PathVariable String id) {
        return ScimUserController.scim(ResponseEntity.ok(), byId(resourceTypes, id, "ResourceType"));
    }

    @GetMapping("/Schemas")
    ResponseEntity<ObjectNode> schemas() {
        return ScimUserController.scim(ResponseEntity.ok(), ScimResources.list(schemas, schemas.size(), 1));
    }

    @GetMapping("/Schemas/{id}")
    ResponseEntity<ObjectNode> schema(@PathVariable String id) {
        return ScimUserController.scim(ResponseEntity.ok(), byId(schemas, id, "Schema"));
    }

    private static ObjectNode byId(List<ObjectNode> resources, String id, String kind) {
        return resources.stream().filter(resource -> resource.path("id").asString().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> ScimException.notFound(kind + " " + id));
    }

    private static JsonNode read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return JsonMapper.shared().readTree(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<ObjectNode> objects(JsonNode array) {
        List<ObjectNode> objects = new ArrayList<>();
        array.forEach(node -> objects.add((ObjectNode) node));
        return objects;
    }
}
