package dev.roster.users.scim;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Static groups as SCIM Group resources (RFC 7643, 4.2): read here, written through the API's {@code GroupService}.
 * Smart groups are Roster's own rules, not the identity provider's: SCIM neither sees nor changes them.
 */
@Component
class ScimGroups {

    static final String SCHEMA = ScimFilter.CORE_GROUP;

    private static final String SELECT = """
            SELECT g.id, g.name, g.created_at, sg.external_id
            FROM user_group g LEFT JOIN scim_group sg ON sg.group_id = g.id
            WHERE g.account_id = :account AND g.kind = 'STATIC'""";

    private final DatabaseClient database;

    ScimGroups(DatabaseClient database) {
        this.database = database;
    }

    /** One group, with or without its members. */
    Mono<ObjectNode> find(UUID accountId, UUID id, boolean withMembers, String baseUrl) {
        return groups(SELECT + " AND g.id = :id", Map.of("id", id), accountId, withMembers, baseUrl)
                .flatMap(found -> found.isEmpty() ? Mono.empty() : Mono.just(found.getFirst()));
    }

    /** A page of the groups {@code filter} selects, and how many it selects in all. */
    Mono<ObjectNode> list(UUID accountId, ScimFilter.Sql filter, int startIndex, int count, boolean withMembers,
            String baseUrl) {
        DatabaseClient.GenericExecuteSpec total = database.sql("SELECT count(*) FROM (" + SELECT + " AND ("
                + filter.condition() + ")) f").bind("account", accountId);
        for (var parameter : filter.parameters().entrySet()) {
            total = total.bind(parameter.getKey(), parameter.getValue());
        }
        Map<String, Object> parameters = new HashMap<>(filter.parameters());
        parameters.put("offset", startIndex - 1);
        parameters.put("limit", count);
        Mono<List<ObjectNode>> page = count == 0 ? Mono.just(List.of())
                : groups(SELECT + " AND (" + filter.condition() + ") ORDER BY g.created_at, g.id OFFSET :offset LIMIT :limit",
                        parameters, accountId, withMembers, baseUrl);
        return Mono.zip(total.map(row -> row.get(0, Long.class)).one(), page)
                .map(both -> ScimResources.list(both.getT2(), both.getT1(), startIndex));
    }

    /** The ids of a group's members. */
    Mono<List<UUID>> members(UUID groupId) {
        return database.sql("SELECT user_id FROM group_member WHERE group_id = :group")
                .bind("group", groupId)
                .map(row -> row.get("user_id", UUID.class))
                .all()
                .collectList();
    }

    Mono<Void> saveExternalId(UUID accountId, UUID groupId, String externalId) {
        return database.sql("""
                        INSERT INTO scim_group (group_id, account_id, external_id) VALUES (:group, :account, :externalId)
                        ON CONFLICT (group_id) DO UPDATE SET external_id = EXCLUDED.external_id""")
                .bind("group", groupId)
                .bind("account", accountId)
                .bind("externalId", Parameter.fromOrEmpty(externalId, String.class))
                .then();
    }

    private Mono<List<ObjectNode>> groups(String sql, Map<String, Object> parameters, UUID accountId, boolean withMembers,
            String baseUrl) {
        DatabaseClient.GenericExecuteSpec query = database.sql(sql).bind("account", accountId);
        for (var parameter : parameters.entrySet()) {
            query = query.bind(parameter.getKey(), parameter.getValue());
        }
        return query.map(row -> {
                    ObjectNode node = JsonNodeFactory.instance.objectNode();
                    node.putArray("schemas").add(SCHEMA);
                    UUID id = row.get("id", UUID.class);
                    node.put("id", id.toString());
                    String externalId = row.get("external_id", String.class);
                    if (externalId != null) {
                        node.put("externalId", externalId);
                    }
                    node.put("displayName", row.get("name", String.class));
                    ObjectNode meta = node.putObject("meta");
                    meta.put("resourceType", "Group");
                    meta.put("created", row.get("created_at", OffsetDateTime.class).toInstant().toString());
                    meta.put("location", baseUrl + "/Groups/" + id);
                    return node;
                })
                .all()
                .collectList()
                .flatMap(groups -> !withMembers || groups.isEmpty() ? Mono.just(groups) : withMembers(groups, baseUrl));
    }

    private Mono<List<ObjectNode>> withMembers(List<ObjectNode> groups, String baseUrl) {
        UUID[] ids = groups.stream().map(group -> UUID.fromString(group.path("id").asString())).toArray(UUID[]::new);
        return database.sql("""
                        SELECT gm.group_id, u.id, u.first_name || ' ' || u.last_name AS display
                        FROM group_member gm JOIN app_user u ON u.id = gm.user_id
                        WHERE gm.group_id = ANY(:groups) ORDER BY gm.group_id, u.last_name, u.first_name, u.id""")
                .bind("groups", ids)
                .map(row -> new Member(row.get("group_id", UUID.class), row.get("id", UUID.class),
                        row.get("display", String.class)))
                .all()
                .collectList()
                .map(members -> {
                    Map<String, ArrayNode> byGroup = new HashMap<>();
                    groups.forEach(group -> byGroup.put(group.path("id").asString(), group.putArray("members")));
                    for (Member member : members) {
                        byGroup.get(member.groupId().toString()).addObject().put("value", member.userId().toString())
                                .put("display", member.display()).put("type", "User")
                                .put("$ref", baseUrl + "/Users/" + member.userId());
                    }
                    return new ArrayList<>(groups);
                });
    }

    private record Member(UUID groupId, UUID userId, String display) {
    }
}
