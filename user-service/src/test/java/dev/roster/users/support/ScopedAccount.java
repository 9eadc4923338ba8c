package dev.roster.users.support;

import dev.roster.users.support.TestAccounts.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * An account shaped for scope attacks: {@code root / Sales / Team A} and {@code root / HR}, and a user
 * {@code hr} (in Sales) holding the custom role "Sales HR" ({@code USERS_VIEW}, {@code USERS_MANAGE}, and
 * the extra {@code permissions} given) limited to Sales, signed in as {@link #scopedToken()}.
 */
public final class ScopedAccount {

    private final WebTestClient http;
    private final TestAccounts accounts;
    private final Tenant tenant;
    private final UUID root;
    private final UUID sales;
    private final UUID salesTeam;
    private final UUID hr;
    private final UUID role;
    private final UUID scopedUser;
    private final String scopedToken;

    public ScopedAccount(WebTestClient http, String... permissions) {
        this.http = patient(http);
        this.accounts = new TestAccounts(this.http);
        this.tenant = accounts.create(50);
        this.root = id(ownerGet("/api/v1/departments").get(0));
        this.sales = department("Sales", root);
        this.salesTeam = department("Team A", sales);
        this.hr = department("HR", root);
        List<String> held = new java.util.ArrayList<>(List.of("USERS_VIEW", "USERS_MANAGE"));
        held.addAll(List.of(permissions));
        this.role = id(ownerPost("/api/v1/roles", Map.of("name", "Sales HR", "permissions", held,
                "departmentIds", List.of(sales))));
        this.scopedUser = id(accounts.createUser(tenant.ownerToken(), Map.of("login", "hr", "email", "hr@example.com",
                "firstName", "H", "lastName", "R", "password", TestAccounts.PASSWORD, "roleIds", List.of(role),
                "departmentId", sales.toString())));
        this.scopedToken = accounts.signIn(tenant.slug(), "hr", TestAccounts.PASSWORD);
    }

    /**
     * {@code http} waiting up to 30 s for an answer: these setups sign in (a deliberately slow hash) on a
     * machine that may be busy.
     */
    public static WebTestClient patient(WebTestClient http) {
        return http.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
    }

    public TestAccounts accounts() {
        return accounts;
    }

    public Tenant tenant() {
        return tenant;
    }

    public String ownerToken() {
        return tenant.ownerToken();
    }

    public UUID root() {
        return root;
    }

    public UUID sales() {
        return sales;
    }

    public UUID salesTeam() {
        return salesTeam;
    }

    public UUID hr() {
        return hr;
    }

    public UUID role() {
        return role;
    }

    public UUID scopedUser() {
        return scopedUser;
    }

    public String scopedToken() {
        return scopedToken;
    }

    /** A department created by the owner. */
    public UUID department(String name, UUID parent) {
        return id(ownerPost("/api/v1/departments", Map.of("name", name, "parentId", parent)));
    }

    /** A user created by the owner in {@code department}, with the password {@link TestAccounts#PASSWORD}. */
    public UUID user(String login, UUID department) {
        return id(accounts.createUser(tenant.ownerToken(), Map.of("login", login, "email", login + "@example.com",
                "firstName", login, "lastName", login, "password", TestAccounts.PASSWORD,
                "departmentId", department.toString())));
    }

    public JsonNode ownerGet(String path) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    public JsonNode ownerPost(String path, Map<String, ?> body) {
        return http.post().uri(path).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    public static UUID id(JsonNode node) {
        return UUID.fromString(node.get("id").asString());
    }
}
