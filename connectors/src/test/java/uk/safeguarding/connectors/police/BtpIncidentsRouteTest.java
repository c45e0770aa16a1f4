package uk.safeguarding.connectors.police;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Duration;
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
import uk.safeguarding.simulators.BtpApiSimulator;
import uk.safeguarding.simulators.Simulators;

/** British Transport Police: the police route again, with BTP's own settings, against its simulated API. */
class BtpIncidentsRouteTest {

    /** The simulated BTP of the hub tests' small London (two pages of incidents). */
    private static final BtpApiSimulator BTP = Simulators.of(Simulators.SEED, 150).btp();

    private WireMockServer partner;
    private CamelContext camel;
    private final List<SourceRecord> received = new CopyOnWriteArrayList<>();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();

    private final RecordGateway gateway = record -> {
        received.add(record);
        return RecordGateway.Outcome.STORED;
    };

    private final FeedRuns runs = new FeedRuns() {
        @Override
        public Optional<String> open(String feed) {
            return Optional.of("run-" + feed);
        }

        @Override
        public void complete(String runId) {
            outcomes.add("completed " + runId);
        }

        @Override
        public void fail(String runId, String reason) {
            outcomes.add("failed " + runId + ": " + reason);
        }
    };

    @BeforeEach
    void startPartner() {
        partner = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        partner.start();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        partner.stop();
    }

    /** BTP's settings, with a short back-off for the test. */
    private void startRoute(int maxRetries) throws Exception {
        BtpFeedProperties props = new BtpFeedProperties(true, partner.baseUrl() + BtpApiSimulator.URL_PREFIX, "btp",
                "btp-incidents", Duration.ZERO, Duration.ofHours(1), maxRetries, Duration.ofMillis(20),
                Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(2));
        camel = new DefaultCamelContext();
        camel.addRoutes(new PoliceIncidentsRoute(props, gateway, runs));
        camel.start();
    }

    private void awaitOutcome() {
        await().atMost(Duration.ofSeconds(20)).until(() -> !outcomes.isEmpty());
    }

    @Test
    void readsEverySimulatedPageAndKeepsTheIncidentsUnderBtp() throws Exception {
        BTP.stubMappings().values().forEach(stub -> partner.addStubMapping(StubMapping.buildFrom(stub)));

        startRoute(0);
        awaitOutcome();

        assertThat(outcomes).containsExactly("completed run-btp-incidents");
        int pages = (BTP.incidents().size() + BtpApiSimulator.PAGE_SIZE - 1) / BtpApiSimulator.PAGE_SIZE;
        assertThat(pages).isGreaterThan(1);
        for (int page = 1; page <= pages; page++) {
            partner.verify(1, getRequestedFor(urlPathEqualTo("/btp/incidents")).withQueryParam("page", equalTo(String.valueOf(page))));
        }
        assertThat(received).hasSize(BTP.incidents().size()).allSatisfy(r -> {
            assertThat(r.problems()).isEmpty();
            assertThat(r.agency()).isEqualTo("btp");
            assertThat(r.feed()).isEqualTo("btp-incidents");
            assertThat(r.sourceId()).startsWith("BTP-");
            assertThat(r.people()).isNotEmpty().allSatisfy(p -> assertThat(p.agencyIds().get(0)).startsWith("btp:BTP-N"));
            EventRecord event = r.events().get(0);
            assertThat(event.location().line()).matches("On or near .+ Station");
            assertThat(event.summary()).contains("(rail network, station)");
        });
        assertThat(received.stream().map(SourceRecord::sourceId).distinct()).hasSize(BTP.incidents().size());
    }

    @Test
    void mapsTheBtpLocationFieldsOfAStationIncident() throws Exception {
        partner.stubFor(get(urlPathEqualTo("/btp/incidents")).willReturn(okJson("""
                {"page":1,"total_pages":1,"incidents":[
                 {"reference":"BTP-261001-00001","persistent_id":"","id":1,"category":"violent-crime","month":"2026-10",
                  "datetime":"2026-10-01T21:35:00Z","location_type":"BTP","location_subtype":"STATION",
                  "location":{"latitude":"51.4627","longitude":"-0.1145",
                              "street":{"id":2100000,"name":"On or near Brixton Station"},"postcode":"SW2 1RJ","uprn":""},
                  "context":"","outcome_status":{"category":"Under investigation","date":"2026-10"},"borough":"E09000022",
                  "people":[{"person_id":"BTP-N000001","role":"Victim","given_name":"Amina","surname":"Okafor",
                             "date_of_birth":"1961-03-02","gender":"Female"}]}]}
                """)));

        startRoute(0);
        awaitOutcome();

        EventRecord event = received.get(0).events().get(0);
        assertThat(event.kind()).isEqualTo("crime");
        assertThat(event.sensitivity()).isEqualTo(EventRecord.Sensitivity.CRIMINAL_OFFENCE);
        assertThat(event.location().line()).isEqualTo("On or near Brixton Station");
        assertThat(event.location().postcode()).isEqualTo("SW2 1RJ");
        assertThat(event.location().uprn()).isNull();
        assertThat(event.location().borough()).isEqualTo("E09000022");
        assertThat(event.summary()).isEqualTo("Violent crime - On or near Brixton Station (rail network, station)."
                + " Outcome: Under investigation");
        assertThat(received.get(0).people().get(0).agencyIds()).containsExactly("btp:BTP-N000001");
    }

    @Test
    void a503IsRetriedThenTheRunCompletes() throws Exception {
        String page = BTP.stubMappings().values().iterator().next();
        String body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(page).path("response").path("jsonBody")
                .toString().replaceFirst("\"total_pages\":\\d+", "\"total_pages\":1");
        partner.stubFor(get(urlPathEqualTo("/btp/incidents")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        partner.stubFor(get(urlPathEqualTo("/btp/incidents")).inScenario("busy").whenScenarioStateIs("recovered")
                .willReturn(okJson(body)));

        startRoute(2);
        awaitOutcome();

        assertThat(outcomes).containsExactly("completed run-btp-incidents");
        partner.verify(2, getRequestedFor(urlPathEqualTo("/btp/incidents")));
        assertThat(received).hasSize(BtpApiSimulator.PAGE_SIZE).allSatisfy(r -> assertThat(r.agency()).isEqualTo("btp"));
    }
}
