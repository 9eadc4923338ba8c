package dev.roster.users.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import dev.roster.users.support.ScopedAccount;
import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.UserServiceTest;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Roster's SCIM endpoints driven by an independent implementation of the standard: UnboundID's SCIM 2 client
 * ({@code scim2-sdk-client}) on Jersey, over real HTTP, as an identity provider built on it would.
 */
@UserServiceTest
class ScimClientTest {

    @Autowired WebTestClient http;
    @LocalServerPort int port;

    Client jaxrs;
    ScimService scim;

    @BeforeEach
    void setUp() {
        WebTestClient client = ScopedAccount.patient(http);
        TestAccounts.Tenant tenant = new TestAccounts(client).create(20);
        String token = client.post().uri("/api/v1/account/scim-tokens").headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "UnboundID"))
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .path("token").asString();
        jaxrs = ClientBuilder.newClient()
                // HttpURLConnection knows no PATCH; Jersey sets it anyway
                .property(org.glassfish.jersey.client.HttpUrlConnectorProvider.SET_METHOD_WORKAROUND, true)
                .register((jakarta.ws.rs.client.ClientRequestFilter) request ->
                        request.getHeaders().putSingle("Authorization", "Bearer " + token));
        scim = new ScimService(jaxrs.target("http://localhost:" + port + "/scim/v2"));
    }

    @AfterEach
    void close() {
        jaxrs.close();
    }

    @Test
    void theStandardsClientCreatesFindsChangesDeactivatesAndDeletesAUser() throws ScimException {
        assertThat(scim.getServiceProviderConfig().getPatch().isSupported()).isTrue();
        assertThat(scim.getResourceTypes().getTotalResults()).as("User and Group").isEqualTo(2);

        UserResource user = new UserResource().setUserName("ada@client.example")
                .setName(new Name().setGivenName("Ada").setFamilyName("Lovelace"))
                .setEmails(new Email().setValue("ada@client.example").setType("work").setPrimary(true))
                .setActive(true);
        user.setExternalId("ext-ada");
        UserResource created = scim.create("Users", user);
        assertThat(created.getId()).isNotBlank();
        assertThat(created.getUserName()).isEqualTo("ada@client.example");
        assertThat(created.getMeta().getVersion()).isNotBlank();

        ListResponse<UserResource> found = scim.searchRequest("Users")
                .filter(Filter.eq("userName", "ADA@client.example").toString())
                .invoke(UserResource.class);
        assertThat(found.getTotalResults()).isEqualTo(1);
        assertThat(found.getResources().getFirst().getId()).isEqualTo(created.getId());

        UserResource retrieved = scim.retrieve("Users", created.getId(), UserResource.class);
        retrieved.setTitle("Analyst");
        retrieved.getName().setFamilyName("King");
        UserResource replaced = scim.replace(retrieved);
        assertThat(replaced.getTitle()).isEqualTo("Analyst");
        assertThat(replaced.getName().getFamilyName()).isEqualTo("King");

        UserResource deactivated = scim.modifyRequest("Users", created.getId()).replaceValue("active", false)
                .invoke(UserResource.class);
        assertThat(deactivated.getActive()).isFalse();

        scim.delete("Users", created.getId());
        assertThatThrownBy(() -> scim.retrieve("Users", created.getId(), UserResource.class))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
