package dev.roster.users.scim;

import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** SCIM 2.0 Users (RFC 7644, 3.2–3.6) for an identity provider holding one of the account's SCIM tokens. */
// SCIM describes itself (ServiceProviderConfig, Schemas); it is no part of Roster's OpenAPI document
@io.swagger.v3.oas.annotations.Hidden
@RestController
@RequestMapping("/scim/v2/Users")
class ScimUserController {

    /** The most resources one page holds (RFC 7644 lets the provider cap {@code count}). */
    static final int MOST_PER_PAGE = 200;

    private final ScimUserService service;
    private final ScimUsers users;

    ScimUserController(ScimUserService service, ScimUsers users) {
        this.service = service;
        this.users = users;
    }

    @GetMapping
    Mono<ResponseEntity<ObjectNode>> list(@AuthenticationPrincipal ScimClient client,
            @RequestParam(required = false) String filter, @RequestParam(required = false) String startIndex,
            @RequestParam(required = false) String count, ServerHttpRequest request) {
        // lenient as RFC 7644 asks: a startIndex below 1 is 1, a negative count is 0
        int start = Math.max(1, number(startIndex, 1, "startIndex"));
        int size = Math.min(MOST_PER_PAGE, Math.max(0, number(count, 100, "count")));
        ScimFilter.Sql sql = ScimFilter.users(filter);
        String base = base(request);
        return users.list(client.accountId(), sql, start, size)
                .map(page -> scim(ResponseEntity.ok(), ScimResources.list(page.users().stream()
                        .map(user -> ScimResources.user(user, base)).toList(), page.total(), start)));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<ObjectNode>> get(@AuthenticationPrincipal ScimClient client, @PathVariable String id,
            ServerHttpRequest request) {
        return service.find(client, id(id)).map(user -> resource(ResponseEntity.ok(), user, request));
    }

    @PostMapping
    Mono<ResponseEntity<ObjectNode>> create(@AuthenticationPrincipal ScimClient client, @RequestBody JsonNode resource,
            ServerHttpRequest request) {
        return service.create(client, resource).map(user -> resource(ResponseEntity
                .created(URI.create(base(request) + "/Users/" + user.id())), user, request));
    }

    @PutMapping("/{id}")
    Mono<ResponseEntity<ObjectNode>> replace(@AuthenticationPrincipal ScimClient client, @PathVariable String id,
            @RequestBody JsonNode resource, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerHttpRequest request) {
        return service.replace(client, id(id), resource, ifMatch).map(user -> resource(ResponseEntity.ok(), user, request));
    }

    @PatchMapping("/{id}")
    Mono<ResponseEntity<ObjectNode>> patch(@AuthenticationPrincipal ScimClient client, @PathVariable String id,
            @RequestBody JsonNode patch, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            ServerHttpRequest request) {
        return service.patch(client, id(id), patch, ifMatch).map(user -> resource(ResponseEntity.ok(), user, request));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@AuthenticationPrincipal ScimClient client, @PathVariable String id) {
        return service.delete(client, id(id)).thenReturn(ResponseEntity.noContent().build());
    }

    private static ResponseEntity<ObjectNode> resource(ResponseEntity.BodyBuilder builder, ScimUser user,
            ServerHttpRequest request) {
        return scim(builder.eTag(user.etag()), ScimResources.user(user, base(request)));
    }

    static ResponseEntity<ObjectNode> scim(ResponseEntity.BodyBuilder builder, ObjectNode body) {
        return builder.contentType(ScimErrors.SCIM_JSON).body(body);
    }

    /** The base of resource locations, as the client called (through the gateway: its forwarded host and scheme). */
    static String base(ServerHttpRequest request) {
        URI uri = request.getURI();
        return uri.getScheme() + "://" + uri.getAuthority() + "/scim/v2";
    }

    /** An id that is not one of ours is simply not found. */
    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        }
        catch (IllegalArgumentException ex) {
            throw ScimException.notFound("User " + id);
        }
    }

    static int number(String value, int otherwise, String name) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.strip());
        }
        catch (NumberFormatException ex) {
            throw ScimException.invalidValue(name + " must be a whole number");
        }
    }
}
