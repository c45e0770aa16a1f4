package uk.safeguarding.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.safeguarding.hub.GraphQlClient.Response;
import uk.safeguarding.hub.LocalHubTest;

/**
 * Requests meant to hurt: too deep, too costly, too many aliases, batched, too large, too many, and
 * tokens that must not be believed. Each is refused with a message that names the problem and nothing
 * of the hub's insides.
 */
class HostileRequestsTest extends LocalHubTest {

    @Autowired
    DevIssuer issuer;

    @Autowired
    org.springframework.core.env.Environment env;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String message(Response response) {
        return response.errors().get(0).path("message").asString();
    }

    @Test
    void tooDeepTooCostlyAndTooManyAliasesAreRefusedByName() {
        String analyst = client.devToken("lambeth.analyst");
        // introspection alone is held to graphql-java's good-faith depth (20), data to the hub's own (12)
        String nested = "ofType { ".repeat(20) + "name" + " }".repeat(20);
        Response deep = client.query(analyst, "{ __schema { types { fields { type { " + nested + " } } } } }");
        assertThat(message(deep)).containsIgnoringCase("depth");

        Response costly = client.query(analyst, "{ searchSubjects(purpose: VVASB_PANEL, name: \"a\", first: 100) { edges { node { "
                + "timeline(first: 100) { edges { node { id agency kind summary category location postcode } } } } } } }");
        assertThat(message(costly)).containsIgnoringCase("complexity");

        StringBuilder aliases = new StringBuilder("{ ");
        for (int i = 0; i < 31; i++) {
            aliases.append("a").append(i).append(": agreements { id } ");
        }
        Response many = client.query(analyst, aliases.append("}").toString());
        assertThat(message(many)).contains("31 aliased fields");

        // a reasonable request still answers
        assertThat(client.query(analyst, "{ agreements { id } }").errors().isEmpty()).isTrue();
    }

    @Test
    void aReadThatWaitsTooLongIsAbandonedWithNothingDisclosed() throws Exception {
        String analyst = client.devToken("lambeth.analyst");
        // the audit log is held locked (by its owner: the hub's own role may not lock it), so the search cannot
        // record what it read, and so cannot answer
        try (java.sql.Connection holder = new uk.safeguarding.hub.DatabaseOwner(env).dataSource().getConnection()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("lock table audit_entry in exclusive mode");
            long started = System.nanoTime();
            HttpResponse<String> slow = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + analyst)
                    .timeout(java.time.Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ searchSubjects(purpose: VVASB_PANEL, first: 5) "
                            + "{ edges { node { id familyName } } } }\"}")).build(), HttpResponse.BodyHandlers.ofString());
            long seconds = java.time.Duration.ofNanos(System.nanoTime() - started).toSeconds();
            holder.rollback();
            // hub.api.limits.query-time, 10 s by default, for each statement of the read, lock waits included
            assertThat(seconds).isBetween(9L, 30L);
            assertThat(slow.body()).contains("nothing was disclosed").doesNotContain("familyName\":\"")
                    .doesNotContain("audit_entry").doesNotContain("timeout");
        }
    }

    @Test
    void aForgedCursorOrAControlCharacterIsTheCallersMistakeNamedNotAnInternalError() {
        String analyst = client.devToken("lambeth.analyst");
        for (String forged : List.of("x", "b2Zmc2V0", "AAAA", "%%%")) {
            var response = client.query(analyst, "query($after: String) { searchSubjects(purpose: VVASB_PANEL, first: 2, "
                    + "after: $after) { edges { cursor } } }", Map.of("after", forged));
            assertThat(response.errors().get(0).path("extensions").path("classification").asString()).as(forged)
                    .isEqualTo("BAD_REQUEST");
            assertThat(response.errors().get(0).path("message").asString()).contains("after");
        }
        for (String argument : List.of("postcode", "nhsNumber", "name")) {
            var response = client.query(analyst, "query($v: String) { searchSubjects(purpose: VVASB_PANEL, " + argument
                    + ": $v) { edges { cursor } } }", Map.of("v", "SE11\u0000 1AP"));
            assertThat(response.errors().get(0).path("extensions").path("classification").asString()).as(argument)
                    .isEqualTo("BAD_REQUEST");
            assertThat(response.errors().get(0).path("message").asString()).contains(argument);
        }
    }

    @Test
    void batchedOperationsAndOversizedBodiesAreRefused() throws Exception {
        String analyst = client.devToken("lambeth.analyst");
        HttpResponse<String> batch = post(analyst, "[{\"query\":\"{ agreements { id } }\"},{\"query\":\"{ agreements { id } }\"}]");
        assertThat(batch.statusCode()).isEqualTo(400);

        String padding = "x".repeat(70_000);
        HttpResponse<String> large = post(analyst, "{\"query\":\"{ agreements { id } }\",\"variables\":{\"pad\":\"" + padding + "\"}}");
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(large.body()).contains("larger than 65536 bytes").doesNotContain("Exception");
    }

    @Test
    void aUserWhoAsksTooOftenIsToldToWait() throws Exception {
        // a minute the user has not yet asked in, held still so that the whole burst falls in it
        String token = client.devToken("btp.contributor");
        clock.advanceTo(clock.nextMinute().plusSeconds(15));
        clock.hold();
        int refused = 0;
        String retryAfter = null;
        try {
            for (int i = 0; i < 1001 && refused == 0; i++) {
                HttpResponse<String> response = post(token, "{\"query\":\"{ feeds { id } }\"}");
                if (response.statusCode() == 429) {
                    refused = i + 1;
                    retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                }
            }
        } finally {
            clock.release();
        }
        assertThat(refused).as("the request after the thousandth in a minute").isEqualTo(1001);
        assertThat(retryAfter).as("the seconds left in the minute").isEqualTo("45");
        // another user is not held back
        assertThat(client.query(client.devToken("lambeth.analyst"), "{ agreements { id } }").errors().isEmpty()).isTrue();
    }

    @Test
    void tokensThatMustNotBeBelievedAreRefused() throws Exception {
        String good = client.devToken("lambeth.analyst");
        assertThat(post(good, "{\"query\":\"{ agreements { id } }\"}").statusCode()).isEqualTo(200);

        for (Consumer<JWTClaimsSet.Builder> change : List.<Consumer<JWTClaimsSet.Builder>>of(
                claims -> claims.issuer("https://elsewhere.example/realms/hub"),
                claims -> claims.audience(List.of("another-api")),
                claims -> claims.expirationTime(Date.from(Instant.now().minusSeconds(600))))) {
            String signedButWrong = issuer.issue("lambeth.analyst", change).orElseThrow();
            HttpResponse<String> refused = post(signedButWrong, "{\"query\":\"{ agreements { id } }\"}");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).doesNotContain("Exception", "at org.");
        }

        String[] parts = good.split("\\.");
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String none = url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        assertThat(post(none, "{\"query\":\"{ agreements { id } }\"}").statusCode()).isEqualTo(401);

        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("panel-analyst", "panel-chair");
        String tampered = parts[0] + "." + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(post(tampered, "{\"query\":\"{ agreements { id } }\"}").statusCode()).isEqualTo(401);
    }
}
