package uk.safeguarding.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two realm files: the demo realm (compose, the Keycloak tests) and the production template an
 * operator imports. The template must be safe as shipped and issue tokens of the same shape.
 */
class RealmFilesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode realm(String file) throws IOException {
        return JSON.readTree(Path.of("..", "keycloak", file).toFile());
    }

    @Test
    void theProductionTemplateIsSafeAsShipped() throws IOException {
        JsonNode production = realm("realm-hub-production.json");
        assertThat(production.path("users").isMissingNode() || production.path("users").isEmpty()).as("no users").isTrue();
        assertThat(production.path("sslRequired").asString()).isEqualTo("external");
        assertThat(production.path("accessTokenLifespan").asInt()).isPositive().isLessThanOrEqualTo(300);
        assertThat(production.path("ssoSessionIdleTimeout").asInt()).isPositive().isLessThanOrEqualTo(1800);
        assertThat(production.path("ssoSessionMaxLifespan").asInt()).isPositive().isLessThanOrEqualTo(36000);
        assertThat(production.path("revokeRefreshToken").asBoolean()).isTrue();
        assertThat(production.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(production.path("failureFactor").asInt()).isBetween(1, 10);
        assertThat(production.path("registrationAllowed").asBoolean()).isFalse();
        assertThat(production.path("passwordPolicy").asString()).contains("length(12)");
        for (JsonNode client : production.path("clients")) {
            String id = client.path("clientId").asString();
            assertThat(client.path("implicitFlowEnabled").asBoolean()).as(id + ": implicit flow").isFalse();
            if (client.path("publicClient").asBoolean()) {
                assertThat(client.path("directAccessGrantsEnabled").asBoolean()).as(id + ": password grant").isFalse();
                assertThat(client.path("attributes").path("pkce.code.challenge.method").asString()).as(id + ": PKCE").isEqualTo("S256");
            }
            for (JsonNode uri : client.path("redirectUris")) {
                assertThat(uri.asString()).as(id + ": redirect").startsWith("https://").doesNotContain("localhost");
            }
            assertThat(texts(client.path("webOrigins"))).as(id + ": web origins").doesNotContain("*");
        }
    }

    @Test
    void theTemplateIssuesTokensOfTheDemoRealmsShape() throws IOException {
        JsonNode demo = realm("realm-hub.json");
        JsonNode production = realm("realm-hub-production.json");
        assertThat(production.path("realm").asString()).isEqualTo(demo.path("realm").asString());
        assertThat(names(production.path("roles").path("realm"))).isEqualTo(names(demo.path("roles").path("realm")));
        assertThat(JSON.writeValueAsString(production.path("clients").path(0).path("protocolMappers")))
                .isEqualTo(JSON.writeValueAsString(demo.path("clients").path(0).path("protocolMappers")));
        assertThat(JSON.writeValueAsString(production.path("components")))
                .as("the user profile: agency and boroughs attributes").isEqualTo(JSON.writeValueAsString(demo.path("components")));
        // the demo realm is what it says: demo users with a password grant, for compose and the tests only
        assertThat(demo.path("users")).isNotEmpty();
        assertThat(demo.path("sslRequired").asString()).isEqualTo("none");
    }

    private static List<String> names(JsonNode roles) {
        List<String> names = new ArrayList<>();
        roles.forEach(role -> names.add(role.path("name").asString()));
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
