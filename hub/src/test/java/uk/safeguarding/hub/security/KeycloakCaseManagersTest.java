package uk.safeguarding.hub.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * Server mode's case manager look-up against Keycloak's Admin REST API (served here by WireMock as Keycloak
 * 26 answers): the service account's client-credentials token, the exact user, its agency attribute and its
 * effective realm roles.
 */
class KeycloakCaseManagersTest {

    private WireMockServer keycloak;
    private KeycloakCaseManagers directory;

    private void user(String username, String id, boolean enabled, String agency, String... roles) {
        keycloak.stubFor(get(urlPathEqualTo("/admin/realms/hub/users")).withQueryParam("username", equalTo(username))
                .withQueryParam("exact", equalTo("true")).withHeader("Authorization", equalTo("Bearer sa-token"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        [{"id":"%s","username":"%s","enabled":%s,"attributes":{"agency":["%s"],"boroughs":["E09000022"]}}]"""
                        .formatted(id, username, enabled, agency))));
        StringBuilder mapped = new StringBuilder("[{\"id\":\"r0\",\"name\":\"default-roles-hub\",\"composite\":true}");
        for (String role : roles) {
            mapped.append(",{\"id\":\"r-").append(role).append("\",\"name\":\"").append(role).append("\",\"composite\":false}");
        }
        keycloak.stubFor(get(urlPathEqualTo("/admin/realms/hub/users/" + id + "/role-mappings/realm/composite"))
                .withHeader("Authorization", equalTo("Bearer sa-token"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(mapped.append(']').toString())));
    }

    @BeforeEach
    void start() {
        keycloak = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        keycloak.start();
        keycloak.stubFor(post(urlPathEqualTo("/realms/hub/protocol/openid-connect/token"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=hub-directory")).withRequestBody(containing("client_secret=s3cret"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"sa-token\",\"expires_in\":300,\"token_type\":\"Bearer\"}")));
        keycloak.stubFor(get(urlPathEqualTo("/admin/realms/hub/users")).atPriority(10)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
        user("lambeth.casemanager", "u-1", true, "lambeth-housing", "case-manager");
        user("lambeth.analyst", "u-2", true, "lambeth-csp", "panel-analyst");
        user("left.casemanager", "u-3", false, "lambeth-housing", "case-manager");
        directory = new KeycloakCaseManagers(RestClient.create(), keycloak.baseUrl() + "/realms/hub", "hub-directory", "s3cret",
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        keycloak.stop();
    }

    @Test
    void aCaseManagerIsAnEnabledUserWithTheRoleAtOneOfTheAgencies() {
        Set<String> vvasb = Set.of("lambeth-csp", "lambeth-housing", "clarion-housing", "lambeth-asc", "lambeth-csc");
        assertThat(directory.isCaseManagerAt("lambeth.casemanager", vvasb)).isTrue();
        assertThat(directory.isCaseManagerAt("lambeth.casemanager", Set.of("rbkc-csc", "lbhf-csc", "wcc-csc")))
                .as("at an agency that does not receive").isFalse();
        assertThat(directory.isCaseManagerAt("lambeth.analyst", vvasb)).as("without the role").isFalse();
        assertThat(directory.isCaseManagerAt("left.casemanager", vvasb)).as("disabled").isFalse();
        assertThat(directory.isCaseManagerAt("no-such-user", vvasb)).as("unknown").isFalse();
        // one service-account token for all of these
        keycloak.verify(1, postRequestedFor(urlPathEqualTo("/realms/hub/protocol/openid-connect/token")));
    }
}
