package dev.roster.users.scim;

import dev.roster.users.credential.SecretTokens;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** SCIM 2.0 Groups: the account's static groups and their members. */
// SCIM describes itself (ServiceProviderConfig, Schemas); it is no part of Roster's OpenAPI document
@io.swagger.v3.oas.annotations.Hidden
@RestController
@RequestMapping("/scim/v2/Groups")
class ScimGroupController {

    private final ScimGroupService service;
    private final ScimGroups groups;

    ScimGroupController(ScimGroupService service, ScimGroups groups) {
        this.service = service;
        this.groups = groups;
    }

    @GetMapping
    Mono<ResponseEntity<ObjectNode>> list(@AuthenticationPrincipal ScimClient client,
            @RequestParam(required = false) String filter, @RequestParam(required = false) String startIndex,
            @RequestParam(required = false) String count, @RequestParam(required = false) String excludedAttributes,
            ServerHttpRequest request) {
        int start = Math.max(1, ScimUserController.number(startIndex, 1, "startIndex"));
        int size = Math.min(ScimUserController.MOST_PER_PAGE, Math.max(0, ScimUserController.number(count, 100, "count")));
        return groups.list(client.accountId(), ScimFilter.groups(filter), start, size, withMembers(excludedAttributes),
                        ScimUserController.base(request))
                .map(list -> ScimUserController.scim(ResponseEntity.ok(), list));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<ObjectNode>> get(@AuthenticationPrincipal ScimClient client, @PathVariable String id,
            @RequestParam(required = false) String excludedAttributes, ServerHttpRequest request) {
        return service.find(client, id(id), withMembers(excludedAttributes), ScimUserController.base(request))
                .map(group -> tagged(ResponseEntity.ok(), group));
    }

    @PostMapping
    Mono<ResponseEntity<ObjectNode>> create(@AuthenticationPrincipal ScimClient client, @RequestBody JsonNode resource,
            ServerHttpRequest request) {
        String base = ScimUserController.base(request);
        return service.create(client, resource).flatMap(id -> service.find(client, id, true, base))
                .map(group -> tagged(ResponseEntity.created(URI.create(base + "/Groups/" + group.path("id").asString())),
                        group));
    }

    @PutMapping("/{id}")
    Mono<ResponseEntity<ObjectNode>> replace(@AuthenticationPrincipal ScimClient client, @PathVariable String id,
            @RequestBody JsonNode resource, ServerHttpRequest request) {
        UUID group = id(id);
        return service.replace(client, group, resource).then(service.find(client, group, true, ScimUserController.base(request)))
                .map(found -> tagged(ResponseEntity.ok(), found));
    }

    @PatchMapping("/{id}")
    Mono<ResponseEntity<ObjectNode>> patch(@AuthenticationPrincipal ScimClient client, @PathVariable String id,
            @RequestBody JsonNode patch, ServerHttpRequest request) {
        UUID group = id(id);
        return service.patch(client, group, patch).then(service.find(client, group, true, ScimUserController.base(request)))
                .map(found -> tagged(ResponseEntity.ok(), found));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@AuthenticationPrincipal ScimClient client, @PathVariable String id) {
        return service.delete(client, id(id)).thenReturn(ResponseEntity.noContent().build());
    }

    /**
     * A group has no version of its own: its weak ETag is a digest of what it holds (name, external id, members), so
     * it changes whenever they do. Only with the members read.
     */
    private static ResponseEntity<ObjectNode> tagged(ResponseEntity.BodyBuilder builder, ObjectNode group) {
        if (group.has("members")) {
            ObjectNode held = group.deepCopy();
            held.remove("meta");
            String etag = "W/\"" + SecretTokens.hash(held.toString()).substring(0, 16) + "\"";
            ((ObjectNode) group.path("meta")).put("version", etag);
            builder.eTag(etag);
        }
        return ScimUserController.scim(builder, group);
    }

    /** Identity providers leave members out of their reads of large groups ({@code excludedAttributes=members}). */
    private static boolean withMembers(String excludedAttributes) {
        return excludedAttributes == null || java.util.Arrays.stream(excludedAttributes.split(","))
                .noneMatch(attribute -> attribute.strip().equalsIgnoreCase("members"));
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        }
        catch (IllegalArgumentException ex) {
            throw ScimException.notFound("Group " + id);
        }
    }
}
