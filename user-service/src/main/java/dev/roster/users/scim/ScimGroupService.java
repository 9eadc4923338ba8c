package dev.roster.users.scim;

import dev.roster.platform.security.Caller;
import dev.roster.users.group.GroupRequest;
import dev.roster.users.group.GroupService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an identity provider asks of a static group, done by the API's {@code GroupService} (events, scope rules):
 * create, rename, members added and removed (a PATCH is applied to the group's JSON, then its members set as a PUT
 * would), delete. Members that are no users of the account are passed over.
 */
@Service
class ScimGroupService {

    private static final int MOST_MEMBERS = 10_000;

    private final GroupService groups;
    private final ScimGroups scimGroups;
    private final TransactionalOperator transactions;

    ScimGroupService(GroupService groups, ScimGroups scimGroups, TransactionalOperator transactions) {
        this.groups = groups;
        this.scimGroups = scimGroups;
        this.transactions = transactions;
    }

    Mono<ObjectNode> find(ScimClient client, UUID id, boolean withMembers, String baseUrl) {
        return scimGroups.find(client.accountId(), id, withMembers, baseUrl)
                .switchIfEmpty(Mono.error(() -> ScimException.notFound("Group " + id)));
    }

    Mono<UUID> create(ScimClient client, JsonNode resource) {
        Group group = group(resource);
        Caller caller = client.caller();
        return groups.create(caller, new GroupRequest(group.name(), GroupRequest.GroupKind.STATIC, null, null))
                .flatMap(created -> scimGroups.saveExternalId(client.accountId(), created.id(), group.externalId())
                        .then(group.members().isEmpty() ? Mono.empty()
                                : groups.addMembers(caller, created.id(), group.members()).then())
                        .thenReturn(created.id()))
                .as(transactions::transactional)
                .onErrorMap(DuplicateKeyException.class, duplicate -> externalIdTaken());
    }

    /** PUT: the name and the members as given. */
    Mono<Void> replace(ScimClient client, UUID id, JsonNode resource) {
        Group group = group(resource);
        Caller caller = client.caller();
        return find(client, id, false, "")
                .flatMap(current -> scimGroups.members(id).flatMap(members -> {
                    Set<UUID> now = new LinkedHashSet<>(members);
                    List<UUID> added = group.members().stream().filter(member -> !now.contains(member)).toList();
                    List<UUID> removed = now.stream().filter(member -> !group.members().contains(member)).toList();
                    Mono<?> renamed = current.path("displayName").asString().equals(group.name()) ? Mono.empty()
                            : groups.update(caller, id, new GroupRequest(group.name(), null, null, null));
                    return renamed
                            .then(scimGroups.saveExternalId(client.accountId(), id, group.externalId()))
                            .then(added.isEmpty() ? Mono.empty() : groups.addMembers(caller, id, added).then())
                            .then(removed.isEmpty() ? Mono.empty() : groups.removeMembers(caller, id, removed).then());
                }))
                .as(transactions::transactional)
                .onErrorMap(DuplicateKeyException.class, duplicate -> externalIdTaken())
                .then();
    }

    Mono<Void> patch(ScimClient client, UUID id, JsonNode patch) {
        return find(client, id, true, "").flatMap(current -> {
            ScimPatch.apply(patch, current);
            return replace(client, id, current);
        });
    }

    Mono<Void> delete(ScimClient client, UUID id) {
        return find(client, id, false, "").then(groups.delete(client.caller(), id));
    }

    private record Group(String name, String externalId, List<UUID> members) {
    }

    private static Group group(JsonNode resource) {
        if (resource == null || !resource.isObject()) {
            throw ScimException.invalidSyntax("A group is a JSON object");
        }
        JsonNode name = ScimResources.field(resource, "displayName");
        if (name == null || !name.isString() || name.stringValue().isBlank()) {
            throw ScimException.invalidValue("displayName is required");
        }
        JsonNode externalId = ScimResources.field(resource, "externalId");
        JsonNode members = ScimResources.field(resource, "members");
        List<UUID> ids = new ArrayList<>();
        if (members != null) {
            if (!members.isArray() || members.size() > MOST_MEMBERS) {
                throw ScimException.invalidValue("members is an array of at most " + MOST_MEMBERS + " users");
            }
            for (JsonNode member : members) {
                JsonNode value = ScimResources.field(member, "value");
                try {
                    ids.add(UUID.fromString(value == null ? "" : value.asString()));
                }
                catch (IllegalArgumentException ex) {
                    throw ScimException.invalidValue("A member's value is the id of a user of the account");
                }
            }
        }
        return new Group(name.stringValue().strip(), externalId == null ? null : externalId.asString(),
                List.copyOf(new LinkedHashSet<>(ids)));
    }

    private static ScimException externalIdTaken() {
        return new ScimException(HttpStatus.CONFLICT, "uniqueness", "Another group has this externalId");
    }
}
