package uk.safeguarding.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.introspection.IntrospectionQuery;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.safeguarding.hub.GraphQlClient.Response;
import uk.safeguarding.hub.LocalHubTest;

/** What standard GraphQL tools send: the introspection query (GraphiQL, code generators) and GET queries. */
class GraphQlToolingTest extends LocalHubTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String token, String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).header("Accept", "application/graphql-response+json")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** graphql-java's copy of the standard introspection query (ofType nested as GraphiQL nests it). */
    @Test
    void theStandardIntrospectionQueryIsAnsweredWhileDataFieldsKeepTheirDepthLimit() {
        String analyst = client.devToken("lambeth.analyst");
        Response schema = client.query(analyst, IntrospectionQuery.INTROSPECTION_QUERY);

        assertThat(schema.errors().isEmpty()).as(schema.body().toString()).isTrue();
        assertThat(schema.data().path("__schema").path("queryType").path("name").asString()).isEqualTo("Query");
        assertThat(schema.data().path("__schema").path("types").findValuesAsString("name")).contains("Subject");

        // introspection inside a data query is no way round the data limit
        String nested = "ofType { ".repeat(9) + "name" + " }".repeat(9);
        Response mixed = client.query(analyst, "{ agreements { id } __schema { types { fields { type { " + nested + " } } } } }");
        assertThat(mixed.errors().get(0).path("message").asString()).contains("maximum query depth exceeded");
    }

    @Test
    void aQueryMayBeSentWithGetAndAMutationMayNot() throws Exception {
        String analyst = client.devToken("lambeth.analyst");
        HttpResponse<String> query = get(analyst, "{ agreements { id } }");
        assertThat(query.statusCode()).isEqualTo(200);
        JsonNode body = JsonMapper.builder().build().readTree(query.body());
        assertThat(body.path("data").path("agreements").isArray()).isTrue();
        assertThat(body.path("errors").isMissingNode()).isTrue();

        HttpResponse<String> mutation = get(analyst, "mutation { replayQuarantined(id: \"1\") { outcome } }");
        assertThat(mutation.statusCode()).isEqualTo(405);
        assertThat(mutation.headers().firstValue("Allow")).hasValue("POST");

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/graphql?query=%7Bagreements%7Bid%7D%7D")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
