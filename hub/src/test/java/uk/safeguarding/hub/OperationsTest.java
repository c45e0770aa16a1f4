package uk.safeguarding.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import uk.safeguarding.simulators.SyntheticLondon.Resident;

/**
 * What operators see: health and readiness without a token, metrics for hub-admins only, and neither the
 * metrics nor the logs carry anyone's personal data, even when a request does.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperationsTest extends LocalHubTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAndReadinessAreOpenToProbes() throws Exception {
        for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> health = get(probe, null);
            assertThat(health.statusCode()).as(probe).isEqualTo(200);
            assertThat(health.body()).as(probe).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void metricsOfFeedsDecisionsAndLatencyAreForHubAdminsAndNameNoOne(CapturedOutput output) throws Exception {
        Resident resident = TestRecords.resident(0);
        String analyst = client.devToken("lambeth.analyst");
        // a search by a real name, a refused request and a malformed query naming someone
        assertThat(client.query(analyst, "query($n: String) { searchSubjects(purpose: VVASB_PANEL, name: $n) { edges { node { id } } } }",
                Map.of("n", resident.familyName())).errors().isEmpty()).isTrue();
        client.query(client.devToken("hub.auditor"), "{ searchSubjects(purpose: VVASB_PANEL, name: \"" + resident.familyName()
                + "\") { edges { node { id } } } }");
        client.query(analyst, "{ searchSubjects(purpose: VVASB_PANEL, name: \"" + resident.givenName() + "\" { oops");

        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", analyst).statusCode()).isEqualTo(403);
        HttpResponse<String> scraped = get("/actuator/prometheus", client.devToken("hub.admin"));
        assertThat(scraped.statusCode()).isEqualTo(200);
        String metrics = scraped.body();
        assertThat(metrics)
                .contains("hub_feed_runs_total{feed=\"met-police-incidents\",status=\"completed\"}")
                .contains("hub_feed_records_total{feed=\"met-police-incidents\",outcome=\"stored\"}")
                .contains("hub_feed_run_duration_seconds_count{feed=\"met-police-incidents\"}")
                .contains("hub_quarantine_unresolved ")
                .contains("hub_disclosure_decisions_total{outcome=\"released\",reason=\"-\"}")
                .contains("hub_disclosure_refusals_total{operation=\"searchSubjects\"}")
                .contains("http_server_requests_seconds_bucket{")
                .contains("graphql_request_seconds_bucket{")
                .doesNotContain("graphql_datafetcher");

        for (String personal : List.of(resident.givenName(), resident.familyName(), resident.dateOfBirth().toString())) {
            assertThat(metrics).as("metrics").doesNotContain(personal);
            assertThat(output.getAll()).as("logs").doesNotContain(personal);
        }
    }
}
