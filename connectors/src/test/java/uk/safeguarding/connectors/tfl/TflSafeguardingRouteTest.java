package uk.safeguarding.connectors.tfl;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;

/** TfL's $type-tagged reports, with the Unified API's placeholder times, mapped or quarantined with the reason. */
class TflSafeguardingRouteTest {

    private WireMockServer partner;
    private CamelContext camel;
    private final List<SourceRecord> received = new CopyOnWriteArrayList<>();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        partner = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        partner.start();
        RecordGateway gateway = record -> {
            received.add(record);
            return RecordGateway.Outcome.STORED;
        };
        FeedRuns runs = new FeedRuns() {
            @Override
            public Optional<String> open(String feed) {
                return Optional.of("run-1");
            }

            @Override
            public void complete(String runId) {
                outcomes.add("completed");
            }

            @Override
            public void fail(String runId, String reason) {
                outcomes.add("failed: " + reason);
            }
        };
        TflFeedProperties props = new TflFeedProperties(true, partner.baseUrl(), "tfl", "tfl-safeguarding-reports",
                Duration.ZERO, Duration.ofHours(1), 1, Duration.ofMillis(20), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(2));
        partner.stubFor(get(urlPathEqualTo("/safeguarding/reports")).withQueryParam("page", equalTo("1")).willReturn(okJson("""
                {"$type": "Tfl.Api.Presentation.Entities.SafeguardingReportPage, Tfl.Api.Presentation.Entities",
                 "page": 1, "totalPages": 1, "reports": [
                  %s, %s, %s, %s ]}""".formatted(
                report("TFL-1", "self-harm risk", "2026-03-14T22:10:00Z", "1961-03-02T00:00:00"),
                report("TFL-2", "harassment", "2026-03-15T08:00:00Z", "0001-01-01T00:00:00"),
                report("TFL-3", "assault", "0001-01-01T00:00:00", "1961-03-02T00:00:00"),
                report("TFL-4", "welfare concern", "2026-03-16T09:30:00Z", "the second of March")))));
        camel = new DefaultCamelContext();
        camel.addRoutes(new TflSafeguardingRoute(props, gateway, runs));
        camel.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> !outcomes.isEmpty());
    }

    @AfterEach
    void stop() {
        camel.stop();
        partner.stop();
    }

    private static String report(String id, String category, String at, String dob) {
        return """
                {"$type": "Tfl.Api.Presentation.Entities.SafeguardingReport, Tfl.Api.Presentation.Entities", "id": "%s",
                 "stationNaptanId": "940GZZLUBXN", "stationName": "Brixton Underground Station", "line": "victoria",
                 "reportedAt": "%s", "modified": "0001-01-01T00:00:00", "category": "%s", "narrative": "Staff stayed with them",
                 "borough": "E09000022",
                 "person": {"$type": "Tfl.Api.Presentation.Entities.SafeguardingPerson, Tfl.Api.Presentation.Entities",
                            "givenName": "Amina", "familyName": "Okafor", "dateOfBirth": "%s", "approximateAge": 65,
                            "gender": "Female"}}""".formatted(id, at, category, dob);
    }

    @Test
    void mapsReportsAndQuarantinesWhatCannotBeRead() {
        assertThat(outcomes).containsExactly("completed");
        assertThat(received).extracting(SourceRecord::sourceId).containsExactly("TFL-1", "TFL-2", "TFL-3", "TFL-4");

        SourceRecord selfHarm = received.get(0);
        assertThat(selfHarm.problems()).isEmpty();
        assertThat(selfHarm.people().get(0).dateOfBirth()).isEqualTo(LocalDate.of(1961, 3, 2));
        EventRecord event = selfHarm.events().get(0);
        assertThat(event.kind()).isEqualTo("network-safeguarding-report");
        assertThat(event.sensitivity()).isEqualTo(EventRecord.Sensitivity.SPECIAL_CATEGORY);
        assertThat(event.location().line()).isEqualTo("Brixton Underground Station (victoria line)");
        assertThat(event.parties().get(0).role()).isEqualTo(EventRecord.Role.VULNERABLE_PERSON);

        SourceRecord harassment = received.get(1);
        assertThat(harassment.problems()).isEmpty();
        assertThat(harassment.people().get(0).dateOfBirth()).as("0001-01-01 means not set").isNull();
        assertThat(harassment.events().get(0).sensitivity()).isEqualTo(EventRecord.Sensitivity.ORDINARY);
        assertThat(harassment.events().get(0).parties().get(0).role()).isEqualTo(EventRecord.Role.VICTIM);

        assertThat(received.get(2).problems()).containsExactly("reportedAt: missing, not set (0001-01-01) or not an ISO-8601 time");
        assertThat(received.get(2).raw()).contains("TFL-3");
        assertThat(received.get(3).problems()).containsExactly("person.dateOfBirth: not a date");
    }
}
