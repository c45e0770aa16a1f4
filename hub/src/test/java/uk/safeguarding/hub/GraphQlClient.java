package uk.safeguarding.hub;

import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a running hub over HTTP, as a client would. */
public final class GraphQlClient {

    public record Response(int status, JsonNode body) {
        public JsonNode data() {
            return body.path("data");
        }

        public JsonNode errors() {
            return body.path("errors");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RestClient http;

    public GraphQlClient(String baseUrl) {
        this.http = RestClient.builder().baseUrl(baseUrl)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    public String devToken(String username) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("username", username);
        JsonNode body = http.post().uri("/dev/token").contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                .retrieve().body(JsonNode.class);
        return body.path("access_token").asString();
    }

    public int devTokenStatus(String username) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("username", username);
        return http.post().uri("/dev/token").contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                .exchange((req, res) -> res.getStatusCode().value());
    }

    public Response query(String token, String query) {
        return query(token, query, Map.of());
    }

    public Response query(String token, String query, Map<String, Object> variables) {
        var request = http.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("query", query, "variables", variables));
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.exchange((req, res) -> {
            String text = new String(res.getBody().readAllBytes());
            return new Response(res.getStatusCode().value(), text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text));
        });
    }
}
